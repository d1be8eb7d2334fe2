import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Schema } from '@lianxi/api-client';
import { ifMatch, unwrap } from '@/lib/api';
import { useApi } from '@/lib/api-context';
import { accountKeys } from './keys';
import type { Account } from './list-accounts';

export type UpdateAccountBody = Schema<'UpdateAccountDto'>;

export interface UpdateAccountInput {
  id: string;
  /** The version that was read; the server answers 412 when the account changed since. */
  version: number;
  /** Only the fields that changed. */
  changes: UpdateAccountBody;
}

/**
 * Updates (or reassigns) an account. The answer is the record as the caller now sees it, `myAccess` included (a new
 * owner can change what the caller may do), so it replaces the cached record without reading it again.
 */
export function useUpdateAccount() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, version, changes }: UpdateAccountInput): Promise<Account> =>
      unwrap(api.client.PATCH('/api/v1/accounts/{id}', { params: { path: { id }, header: ifMatch(version) }, body: changes })),
    onSuccess: (account) => {
      queryClient.setQueryData<Account>(accountKeys.detail(account.id), account);
      void queryClient.invalidateQueries({ queryKey: accountKeys.lists() });
    },
  });
}
