import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ifMatch, unwrap } from '@/lib/api';
import { useApi } from '@/lib/api-context';
import { accountKeys, contactKeys } from './keys';

export interface DeleteContactInput {
  id: string;
  version: number;
  /** Its account, whose related list then reloads. */
  accountId: string | undefined;
}

export function useDeleteContact() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, version }: DeleteContactInput): Promise<void> =>
      unwrap(api.client.DELETE('/api/v1/contacts/{id}', { params: { path: { id }, header: ifMatch(version) } })),
    onSuccess: (_result, { id, accountId }) => {
      queryClient.removeQueries({ queryKey: contactKeys.detail(id) });
      if (accountId) void queryClient.invalidateQueries({ queryKey: accountKeys.contacts(accountId) });
      void queryClient.invalidateQueries({ queryKey: contactKeys.lists() });
    },
  });
}
