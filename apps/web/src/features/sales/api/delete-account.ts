import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ifMatch, unwrap } from '@/lib/api';
import { useApi } from '@/lib/api-context';
import { accountKeys } from './keys';

/** Moves an account read at `version` (with its contacts and opportunities) to the recycle bin; 412 when it changed since. */
export function useDeleteAccount() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, version }: { id: string; version: number }): Promise<void> =>
      unwrap(api.client.DELETE('/api/v1/accounts/{id}', { params: { path: { id }, header: ifMatch(version) } })),
    onSuccess: (_result, { id }) => {
      queryClient.removeQueries({ queryKey: accountKeys.detail(id) });
      void queryClient.invalidateQueries({ queryKey: accountKeys.lists() });
    },
  });
}
