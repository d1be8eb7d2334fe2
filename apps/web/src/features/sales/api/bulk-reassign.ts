import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Schema } from '@lianxi/api-client';
import { idempotencyKey, unwrap } from '@/lib/api';
import { useApi } from '@/lib/api-context';
import { accountKeys, leadKeys, opportunityKeys } from './keys';

export type ReassignableObject = 'account' | 'lead' | 'opportunity';
type BulkReassignBody = Schema<'BulkReassignDto'>;

const PATHS = {
  account: '/api/v1/accounts/reassign',
  lead: '/api/v1/leads/reassign',
  opportunity: '/api/v1/opportunities/reassign',
} as const;
const KEYS = { account: accountKeys.all, lead: leadKeys.all, opportunity: opportunityKeys.all };

/** Reassigns the selected records to one owner, all or none (the API checks each record and the owner against the caller's reach). */
export function useBulkReassign(objectType: ReassignableObject) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: BulkReassignBody) => unwrap(api.client.POST(PATHS[objectType], { body, params: { header: idempotencyKey() } })),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: KEYS[objectType] }),
  });
}
