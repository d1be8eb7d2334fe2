import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import type { paths } from '@lianxi/api-client';
import { unwrap, type Api } from '@/lib/api';
import { useApi } from '@/lib/api-context';
import { contactKeys } from './keys';

type ListContactsQuery = NonNullable<paths['/api/v1/contacts']['get']['parameters']['query']>;

/** Filters of the contacts list; the cursor is the page param, so every page of one filter shares a key. */
export type ContactListParams = Pick<ListContactsQuery, 'sort' | 'q' | 'limit' | 'accountId'>;

/** Pages of every contact the caller may see; the first page also counts the matches (`total`). */
export function contactListQueryOptions(api: Api, params: ContactListParams) {
  return infiniteQueryOptions({
    queryKey: contactKeys.list(params),
    queryFn: ({ pageParam, signal }) =>
      unwrap(api.client.GET('/api/v1/contacts', { params: { query: { ...params, ...(pageParam ? { cursor: pageParam } : { withTotal: true }) } }, signal })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function useContacts(params: ContactListParams, { enabled = true }: { enabled?: boolean } = {}) {
  return useInfiniteQuery({ ...contactListQueryOptions(useApi(), params), enabled });
}
