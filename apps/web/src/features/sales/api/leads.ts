import { infiniteQueryOptions, queryOptions, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { paths, Schema } from '@lianxi/api-client';
import { idempotencyKey, ifMatch, unwrap, type Api } from '@/lib/api';
import { useApi } from '@/lib/api-context';
import { useBulkReassign } from './bulk-reassign';
import { accountKeys, leadKeys, opportunityKeys } from './keys';

export type Lead = Schema<'LeadDto'>;
export type LeadPage = Schema<'LeadPageDto'>;
export type LeadSort = Schema<'LeadSort'>;
export type LeadStatus = Schema<'LeadStatus'>;
export type LeadSource = Schema<'LeadSource'>;
export type CreateLeadBody = Schema<'CreateLeadDto'>;
export type UpdateLeadBody = Schema<'UpdateLeadDto'>;
export type ConvertLeadBody = Schema<'ConvertLeadDto'>;
export type LeadConversion = Schema<'LeadConversionDto'>;
type ListQuery = NonNullable<paths['/api/v1/leads']['get']['parameters']['query']>;

/** Filters of the list; the cursor is the page param, so every page of one filter shares a key. */
export type LeadListParams = Pick<ListQuery, 'sort' | 'q' | 'limit' | 'status' | 'source' | 'ownerId'>;

export function leadListQueryOptions(api: Api, params: LeadListParams) {
  return infiniteQueryOptions({
    queryKey: leadKeys.list(params),
    queryFn: ({ pageParam, signal }): Promise<LeadPage> =>
      unwrap(api.client.GET('/api/v1/leads', { params: { query: { ...params, ...(pageParam ? { cursor: pageParam } : { withTotal: true }) } }, signal })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function useLeads(params: LeadListParams, { enabled = true }: { enabled?: boolean } = {}) {
  return useInfiniteQuery({ ...leadListQueryOptions(useApi(), params), enabled });
}

export function leadQueryOptions(api: Api, id: string) {
  return queryOptions({
    queryKey: leadKeys.detail(id),
    queryFn: ({ signal }): Promise<Lead> => unwrap(api.client.GET('/api/v1/leads/{id}', { params: { path: { id } }, signal })),
  });
}

export function useLead(id: string) {
  return useQuery(leadQueryOptions(useApi(), id));
}

/** The existing accounts a conversion would use (the first one), for the Convert dialog. */
export function useConversionMatches(id: string, { enabled = true }: { enabled?: boolean } = {}) {
  const api = useApi();
  return useQuery({
    queryKey: leadKeys.matches(id),
    queryFn: ({ signal }) => unwrap(api.client.GET('/api/v1/leads/{id}/conversion-matches', { params: { path: { id } }, signal })),
    enabled,
  });
}

export function useCreateLead() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateLeadBody): Promise<Lead> => unwrap(api.client.POST('/api/v1/leads', { body, params: { header: idempotencyKey() } })),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: leadKeys.lists() }),
  });
}

export interface UpdateLeadInput {
  id: string;
  /** The version that was read; the server answers 412 when the lead changed since. */
  version: number;
  changes: UpdateLeadBody;
}

export function useUpdateLead() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, version, changes }: UpdateLeadInput): Promise<Lead> =>
      unwrap(api.client.PATCH('/api/v1/leads/{id}', { params: { path: { id }, header: ifMatch(version) }, body: changes })),
    onSuccess: (lead) => {
      queryClient.setQueryData<Lead>(leadKeys.detail(lead.id), lead);
      void queryClient.invalidateQueries({ queryKey: leadKeys.lists() });
    },
  });
}

export function useDeleteLead() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, version }: { id: string; version: number }): Promise<void> =>
      unwrap(api.client.DELETE('/api/v1/leads/{id}', { params: { path: { id }, header: ifMatch(version) } })),
    onSuccess: (_result, { id }) => {
      queryClient.removeQueries({ queryKey: leadKeys.detail(id) });
      void queryClient.invalidateQueries({ queryKey: leadKeys.all });
    },
  });
}

export function useConvertLead() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: ConvertLeadBody }): Promise<LeadConversion> =>
      unwrap(api.client.POST('/api/v1/leads/{id}/convert', { params: { path: { id }, header: idempotencyKey() }, body })),
    onSuccess: (conversion) => {
      queryClient.setQueryData<Lead>(leadKeys.detail(conversion.lead.id), conversion.lead);
      void queryClient.invalidateQueries({ queryKey: leadKeys.lists() });
      void queryClient.invalidateQueries({ queryKey: accountKeys.all });
      void queryClient.invalidateQueries({ queryKey: opportunityKeys.all });
    },
  });
}

/** Reassigns several leads to one owner, all or none (the shared bulk reassignment of every list). */
export function useReassignLeads() {
  return useBulkReassign('lead');
}
