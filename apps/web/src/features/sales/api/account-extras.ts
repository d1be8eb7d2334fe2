import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Schema } from '@lianxi/api-client';
import { ifMatch, unwrap } from '@/lib/api';
import { useApi } from '@/lib/api-context';
import { accountKeys } from './keys';

export type AccountDuplicate = Schema<'AccountDuplicateDto'>;
export type AccountMerge = Schema<'AccountMergeDto'>;
export type SearchResult = Schema<'SearchResultDto'>;

export interface DuplicateProbe {
  name?: string;
  phone?: string;
  email?: string;
  excludeId?: string;
}

/** Live accounts the caller can read that look like `probe` (GET /accounts/duplicates); off while nothing is typed. */
export function useAccountDuplicates(probe: DuplicateProbe) {
  const api = useApi();
  const query = Object.fromEntries(Object.entries(probe).filter(([, value]) => typeof value === 'string' && value.trim() !== '')) as DuplicateProbe;
  return useQuery({
    queryKey: [...accountKeys.all, 'duplicates', query],
    queryFn: ({ signal }): Promise<AccountDuplicate[]> => unwrap(api.client.GET('/api/v1/accounts/duplicates', { params: { query }, signal })),
    enabled: Boolean(query.name || query.phone || query.email),
    staleTime: 30_000,
  });
}

/** How many contacts and opportunities an account has that the caller can see (the merge preview). */
export function useAccountRelatedCounts(id: string | undefined) {
  const api = useApi();
  return useQuery({
    queryKey: [...accountKeys.detail(id ?? '-'), 'related-counts'],
    enabled: Boolean(id),
    queryFn: async ({ signal }) => {
      const path = { id: id as string };
      const [contacts, opportunities] = await Promise.all([
        unwrap(api.client.GET('/api/v1/accounts/{id}/contacts', { params: { path, query: { limit: 1, withTotal: true } }, signal })),
        unwrap(api.client.GET('/api/v1/accounts/{id}/opportunities', { params: { path, query: { limit: 1, withTotal: true } }, signal })),
      ]);
      return { contacts: contacts.total ?? 0, opportunities: opportunities.total ?? 0 };
    },
  });
}

/** Merges `sourceAccountId` into account `id` (If-Match: the target's version); everything of both is refetched. */
export function useMergeAccount() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, version, sourceAccountId }: { id: string; version: number; sourceAccountId: string }): Promise<AccountMerge> =>
      unwrap(
        api.client.POST('/api/v1/accounts/{id}/merge', { params: { path: { id }, header: ifMatch(version) }, body: { sourceAccountId } }),
      ),
    onSuccess: () => void queryClient.invalidateQueries(),
  });
}

/** The header search over accounts, contacts and leads (GET /search); from 2 characters. */
export function useGlobalSearch(q: string) {
  const api = useApi();
  return useQuery({
    queryKey: ['search', q],
    queryFn: ({ signal }): Promise<SearchResult> => unwrap(api.client.GET('/api/v1/search', { params: { query: { q, limit: 5 } }, signal })),
    enabled: q.length >= 2,
    staleTime: 10_000,
  });
}
