import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Schema } from '@lianxi/api-client';
import { unwrap } from '@/lib/api';
import { useApi } from '@/lib/api-context';
import { accountKeys, contactKeys } from './keys';
import type { Contact } from './list-account-contacts';

export type CreateContactBody = Schema<'CreateContactDto'>;

export function useCreateContact() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateContactBody): Promise<Contact> => unwrap(api.client.POST('/api/v1/contacts', { body })),
    onSuccess: (_contact, { accountId }) => {
      void queryClient.invalidateQueries({ queryKey: accountKeys.contacts(accountId) });
      void queryClient.invalidateQueries({ queryKey: contactKeys.lists() });
    },
  });
}
