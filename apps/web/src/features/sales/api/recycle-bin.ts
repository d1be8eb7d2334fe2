import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { unwrap, type Api } from '@/lib/api';
import { useApi } from '@/lib/api-context';
import { accountKeys, activityKeys, contactKeys, leadKeys, opportunityKeys, recycleBinKeys } from './keys';

/** The object types with a recycle bin. */
export const RECYCLABLE_TYPES = ['account', 'contact', 'lead', 'opportunity', 'activity'] as const;
export type RecyclableType = (typeof RECYCLABLE_TYPES)[number];

/** What the bin shows of a record: its name (an activity's subject), when and by whom it was deleted. */
export interface BinnedRecord {
  id: string;
  name?: string | null;
  subject?: string | null;
  deletedAt?: string;
  deletedBy?: string;
}

interface BinPage {
  data: BinnedRecord[];
  nextCursor?: string | null;
}

const PAGE_SIZE = 50;

// One call per type: the generated client types each path separately, so the three stay explicit.
function listBin(api: Api, objectType: RecyclableType, cursor: string | undefined, signal: AbortSignal): Promise<BinPage> {
  const query = { limit: PAGE_SIZE, ...(cursor ? { cursor } : {}) };
  switch (objectType) {
    case 'account':
      return unwrap(api.client.GET('/api/v1/accounts/recycle-bin', { params: { query }, signal }));
    case 'contact':
      return unwrap(api.client.GET('/api/v1/contacts/recycle-bin', { params: { query }, signal }));
    case 'opportunity':
      return unwrap(api.client.GET('/api/v1/opportunities/recycle-bin', { params: { query }, signal }));
    case 'lead':
      return unwrap(api.client.GET('/api/v1/leads/recycle-bin', { params: { query }, signal }));
    case 'activity':
      return unwrap(api.client.GET('/api/v1/activities/recycle-bin', { params: { query }, signal }));
  }
}

function restore(api: Api, objectType: RecyclableType, id: string): Promise<unknown> {
  const params = { path: { id } };
  switch (objectType) {
    case 'account':
      return unwrap(api.client.POST('/api/v1/accounts/{id}/restore', { params }));
    case 'contact':
      return unwrap(api.client.POST('/api/v1/contacts/{id}/restore', { params }));
    case 'opportunity':
      return unwrap(api.client.POST('/api/v1/opportunities/{id}/restore', { params }));
    case 'lead':
      return unwrap(api.client.POST('/api/v1/leads/{id}/restore', { params }));
    case 'activity':
      return unwrap(api.client.POST('/api/v1/activities/{id}/restore', { params }));
  }
}

/** The caller's recycle bin for one object type (what their delete scope covers), newest first. */
export function useRecycleBin(objectType: RecyclableType, { enabled = true }: { enabled?: boolean } = {}) {
  const api = useApi();
  return useInfiniteQuery({
    queryKey: recycleBinKeys.list(objectType),
    queryFn: ({ pageParam, signal }) => listBin(api, objectType, pageParam, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled,
  });
}

/**
 * Restores a record with what it took along. Every bin and list may change (an account brings back its contacts,
 * opportunities and activities), so all of them are refetched.
 */
export function useRestoreRecord() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ objectType, id }: { objectType: RecyclableType; id: string }) => restore(api, objectType, id),
    onSuccess: () => {
      for (const key of [recycleBinKeys.all, accountKeys.all, contactKeys.all, leadKeys.all, opportunityKeys.all, activityKeys.all]) void queryClient.invalidateQueries({ queryKey: key });
    },
  });
}
