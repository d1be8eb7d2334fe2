import { infiniteQueryOptions, keepPreviousData, useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import type { paths, Schema } from '@lianxi/api-client';
import { unwrap, type Api } from '@/lib/api';
import { useApi } from '@/lib/api-context';

export type ApiKeyPage = Schema<'ApiKeyPageDto'>;
type ListApiKeysQuery = NonNullable<paths['/api/v1/api-keys']['get']['parameters']['query']>;

/** Filters of the oversight list; the cursor is the page param. */
export type ApiKeyListParams = Pick<ListApiKeysQuery, 'userId' | 'limit'>;

export const apiKeyKeys = {
  all: ['api-keys'] as const,
  lists: () => [...apiKeyKeys.all, 'list'] as const,
  list: (params: ApiKeyListParams) => [...apiKeyKeys.lists(), params] as const,
};

/** Every user's keys, newest first (system administrators; never a secret). */
export function apiKeyListQueryOptions(api: Api, params: ApiKeyListParams) {
  return infiniteQueryOptions({
    queryKey: apiKeyKeys.list(params),
    queryFn: ({ pageParam, signal }): Promise<ApiKeyPage> =>
      unwrap(api.client.GET('/api/v1/api-keys', { params: { query: { ...params, ...(pageParam ? { cursor: pageParam } : {}) } }, signal })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

/** The previous answer stays while another user's keys load, so the table does not blink empty. */
export function useApiKeys(params: ApiKeyListParams) {
  return useInfiniteQuery({ ...apiKeyListQueryOptions(useApi(), params), placeholderData: keepPreviousData });
}

/** Revokes anyone's key at once; its user then sees it revoked by an administrator. There is no making keys for others. */
export function useRevokeApiKey() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string): Promise<void> => unwrap(api.client.DELETE('/api/v1/api-keys/{id}', { params: { path: { id } } })),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: apiKeyKeys.lists() }),
  });
}
