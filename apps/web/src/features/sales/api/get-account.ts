import { queryOptions, useQuery } from '@tanstack/react-query';
import { unwrap, type Api } from '@/lib/api';
import { useApi } from '@/lib/api-context';
import { accountKeys } from './keys';
import type { Account } from './list-accounts';

/** One account with `myAccess`, the caller's rights on it; 404 when it does not exist or the caller may not see it. */
export function accountQueryOptions(api: Api, id: string) {
  return queryOptions({
    queryKey: accountKeys.detail(id),
    queryFn: ({ signal }): Promise<Account> => unwrap(api.client.GET('/api/v1/accounts/{id}', { params: { path: { id } }, signal })),
  });
}

export function useAccount(id: string, { enabled = true }: { enabled?: boolean } = {}) {
  return useQuery({ ...accountQueryOptions(useApi(), id), enabled });
}
