import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import type { paths, Schema } from '@lianxi/api-client';
import { unwrap, type Api } from '@/lib/api';
import { useApi } from '@/lib/api-context';
import { accountKeys } from './keys';

export type Contact = Schema<'ContactDto'>;
export type ContactPage = Schema<'ContactPageDto'>;
export type ContactSort = Schema<'ContactSort'>;
type ListAccountContactsQuery = NonNullable<paths['/api/v1/accounts/{id}/contacts']['get']['parameters']['query']>;

export type AccountContactsParams = Pick<ListAccountContactsQuery, 'sort' | 'limit'>;

/** The contacts of one account that the caller may see (the related list of the account page). */
export function accountContactsQueryOptions(api: Api, accountId: string, params: AccountContactsParams) {
  return infiniteQueryOptions({
    queryKey: accountKeys.contactList(accountId, params),
    queryFn: ({ pageParam, signal }): Promise<ContactPage> =>
      unwrap(
        api.client.GET('/api/v1/accounts/{id}/contacts', {
          params: { path: { id: accountId }, query: { ...params, ...(pageParam ? { cursor: pageParam } : {}) } },
          signal,
        }),
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function useAccountContacts(accountId: string, params: AccountContactsParams, { enabled = true }: { enabled?: boolean } = {}) {
  return useInfiniteQuery({ ...accountContactsQueryOptions(useApi(), accountId, params), enabled });
}
