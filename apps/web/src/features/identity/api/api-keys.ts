import { infiniteQueryOptions, useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import type { Schema } from '@lianxi/api-client';
import { unwrap, type Api } from '@/lib/api';
import { useApi } from '@/lib/api-context';

export type ApiKeyPage = Schema<'ApiKeyPageDto'>;
export type CreateApiKeyBody = Schema<'CreateApiKeyDto'>;
/** The answer to making a key: the only time the whole key (`secret`) is ever seen. */
export type CreatedApiKey = Schema<'CreatedApiKeyDto'>;

const PAGE_SIZE = 50;

export const myApiKeyKeys = {
  all: ['me', 'api-keys'] as const,
  list: () => [...myApiKeyKeys.all, 'list'] as const,
};

/** The caller's own keys, newest first, revoked and expired ones included (never a secret). */
export function myApiKeysQueryOptions(api: Api) {
  return infiniteQueryOptions({
    queryKey: myApiKeyKeys.list(),
    queryFn: ({ pageParam, signal }): Promise<ApiKeyPage> =>
      unwrap(api.client.GET('/api/v1/me/api-keys', { params: { query: { limit: PAGE_SIZE, ...(pageParam ? { cursor: pageParam } : {}) } }, signal })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function useMyApiKeys() {
  return useInfiniteQuery(myApiKeysQueryOptions(useApi()));
}

/**
 * Makes a key that acts as the caller (needs a session, which the SPA always has). The answer holds the secret, so it
 * never goes into the query cache: the list is read again instead, and the mutation is dropped from the mutation cache
 * as soon as the caller resets it (gcTime 0). The page keeps the secret in component state only while it shows it.
 */
export function useCreateMyApiKey() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateApiKeyBody): Promise<CreatedApiKey> => unwrap(api.client.POST('/api/v1/me/api-keys', { body })),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: myApiKeyKeys.list() }),
    gcTime: 0,
  });
}

/** Stops one of the caller's keys at once (revoking a revoked key changes nothing). */
export function useRevokeMyApiKey() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string): Promise<void> => unwrap(api.client.DELETE('/api/v1/me/api-keys/{id}', { params: { path: { id } } })),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: myApiKeyKeys.list() }),
  });
}
