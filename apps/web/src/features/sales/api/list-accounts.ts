import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import type { paths, Schema } from '@lianxi/api-client';
import { unwrap, type Api } from '@/lib/api';
import { useApi } from '@/lib/api-context';
import { accountKeys } from './keys';

export type Account = Schema<'AccountDto'>;
export type AccountPage = Schema<'AccountPageDto'>;
export type AccountSort = Schema<'AccountSort'>;
type ListAccountsQuery = NonNullable<paths['/api/v1/accounts']['get']['parameters']['query']>;

/** Filters of the list; the cursor is the page param, so every page of one filter shares a key. */
export type AccountListParams = Pick<ListAccountsQuery, 'sort' | 'q' | 'limit' | 'region' | 'industry' | 'tier' | 'ownerId'>;

/** Pages of the list; the first one also counts every match (`total`), which costs one more query, so only once. */
export function accountListQueryOptions(api: Api, params: AccountListParams) {
  return infiniteQueryOptions({
    queryKey: accountKeys.list(params),
    queryFn: ({ pageParam, signal }): Promise<AccountPage> =>
      unwrap(
        api.client.GET('/api/v1/accounts', {
          params: { query: { ...params, ...(pageParam ? { cursor: pageParam } : { withTotal: true }) } },
          signal,
        }),
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function useAccounts(params: AccountListParams, { enabled = true }: { enabled?: boolean } = {}) {
  return useInfiniteQuery({ ...accountListQueryOptions(useApi(), params), enabled });
}
