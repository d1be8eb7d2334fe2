import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Schema } from '@lianxi/api-client';
import { ifMatch, unwrap } from '@/lib/api';
import { useApi } from '@/lib/api-context';
import { accountKeys, contactKeys } from './keys';
import type { Contact } from './list-account-contacts';

export type UpdateContactBody = Schema<'UpdateContactDto'>;

export interface UpdateContactInput {
  id: string;
  /** The version that was read; the server answers 412 when the contact changed since. */
  version: number;
  /** Only the fields that changed. */
  changes: UpdateContactBody;
}

/** As for accounts: the answer, `myAccess` included, replaces the cached contact. */
export function useUpdateContact() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, version, changes }: UpdateContactInput): Promise<Contact> =>
      unwrap(api.client.PATCH('/api/v1/contacts/{id}', { params: { path: { id }, header: ifMatch(version) }, body: changes })),
    onSuccess: (contact) => {
      queryClient.setQueryData<Contact>(contactKeys.detail(contact.id), contact);
      if (contact.accountId) void queryClient.invalidateQueries({ queryKey: accountKeys.contacts(contact.accountId) });
      void queryClient.invalidateQueries({ queryKey: contactKeys.lists() });
    },
  });
}
