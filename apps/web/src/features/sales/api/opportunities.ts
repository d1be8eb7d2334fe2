import { useMemo } from 'react';
import { infiniteQueryOptions, queryOptions, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { paths, Schema } from '@lianxi/api-client';
import { ifMatch, unwrap, type Api } from '@/lib/api';
import { useApi } from '@/lib/api-context';
import { opportunityKeys, pipelineKeys } from './keys';

export type Opportunity = Schema<'OpportunityDto'>;
export type OpportunityPage = Schema<'OpportunityPageDto'>;
export type OpportunitySort = Schema<'OpportunitySort'>;
export type Pipeline = Schema<'PipelineDto'>;
export type PipelineStage = Schema<'PipelineStageDto'>;
export type StageChange = Schema<'StageChangeDto'>;
export type Forecast = Schema<'ForecastDto'>;
type ForecastQuery = NonNullable<paths['/api/v1/opportunities/forecast']['get']['parameters']['query']>;
export type CreateOpportunityBody = Schema<'CreateOpportunityDto'>;
export type UpdateOpportunityBody = Schema<'UpdateOpportunityDto'>;
type ListQuery = NonNullable<paths['/api/v1/opportunities']['get']['parameters']['query']>;

/** Filters of the list; the cursor is the page param, so every page of one filter shares a key. */
export type OpportunityListParams = Pick<ListQuery, 'sort' | 'q' | 'limit' | 'pipelineId' | 'stageId' | 'status' | 'accountId' | 'ownerId'>;
export type OpportunityStatus = NonNullable<ListQuery['status']>;
export const OPPORTUNITY_STATUSES: OpportunityStatus[] = ['open', 'won', 'lost', 'closed'];

/** The pipelines with their stages, in order (configuration: read by every business user). */
export function usePipelines({ enabled = true }: { enabled?: boolean } = {}) {
  const api = useApi();
  return useQuery({
    queryKey: pipelineKeys.all,
    queryFn: ({ signal }): Promise<Pipeline[]> => unwrap(api.client.GET('/api/v1/pipelines', { signal })),
    staleTime: 5 * 60_000,
    enabled,
  });
}

/** The weighted forecast of what the caller sees (403 naming `amount` for who may not read amounts). */
export function useForecast(params: ForecastQuery, { enabled = true }: { enabled?: boolean } = {}) {
  const api = useApi();
  return useQuery({
    queryKey: opportunityKeys.forecast(params),
    queryFn: ({ signal }): Promise<Forecast> => unwrap(api.client.GET('/api/v1/opportunities/forecast', { params: { query: params }, signal })),
    enabled,
  });
}

export function opportunityListQueryOptions(api: Api, params: OpportunityListParams) {
  return infiniteQueryOptions({
    queryKey: opportunityKeys.list(params),
    queryFn: ({ pageParam, signal }): Promise<OpportunityPage> =>
      unwrap(api.client.GET('/api/v1/opportunities', { params: { query: { ...params, ...(pageParam ? { cursor: pageParam } : { withTotal: true }) } }, signal })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function useOpportunities(params: OpportunityListParams, { enabled = true }: { enabled?: boolean } = {}) {
  return useInfiniteQuery({ ...opportunityListQueryOptions(useApi(), params), enabled });
}

/** Up to this many open opportunities per board; beyond it the board says so and the list (with filters) takes over. */
export const BOARD_LIMIT = 200;
/** The won and lost columns show the most recently closed: the board is for what is still in play. */
export const BOARD_CLOSED_LIMIT = 50;

/**
 * The opportunities of one pipeline the caller may see, for the board: the open ones by close date (soonest first)
 * and the latest closed ones, as one page whose `nextCursor` says whether open ones were left out.
 */
export function useBoardOpportunities(pipelineId: string | undefined, { enabled = true }: { enabled?: boolean } = {}) {
  const api = useApi();
  return useQuery({
    queryKey: opportunityKeys.board(pipelineId ?? ''),
    queryFn: async ({ signal }): Promise<OpportunityPage> => {
      const [open, closed] = await Promise.all([
        unwrap(api.client.GET('/api/v1/opportunities', { params: { query: { pipelineId, status: 'open', sort: 'expectedCloseDate', limit: BOARD_LIMIT } }, signal })),
        unwrap(api.client.GET('/api/v1/opportunities', { params: { query: { pipelineId, status: 'closed', sort: '-expectedCloseDate', limit: BOARD_CLOSED_LIMIT } }, signal })),
      ]);
      return { data: [...open.data, ...closed.data], nextCursor: open.nextCursor };
    },
    enabled: enabled && Boolean(pipelineId),
  });
}

export function useAccountOpportunities(accountId: string, params: Pick<ListQuery, 'limit' | 'sort'>, { enabled = true }: { enabled?: boolean } = {}) {
  const api = useApi();
  return useInfiniteQuery({
    queryKey: opportunityKeys.byAccount(accountId, params),
    queryFn: ({ pageParam, signal }): Promise<OpportunityPage> =>
      unwrap(api.client.GET('/api/v1/accounts/{id}/opportunities', { params: { path: { id: accountId }, query: { ...params, ...(pageParam ? { cursor: pageParam } : {}) } }, signal })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled,
  });
}

export function opportunityQueryOptions(api: Api, id: string) {
  return queryOptions({
    queryKey: opportunityKeys.detail(id),
    queryFn: ({ signal }): Promise<Opportunity> => unwrap(api.client.GET('/api/v1/opportunities/{id}', { params: { path: { id } }, signal })),
  });
}

export function useOpportunity(id: string) {
  return useQuery(opportunityQueryOptions(useApi(), id));
}

export function useStageHistory(id: string, { enabled = true }: { enabled?: boolean } = {}) {
  const api = useApi();
  return useQuery({
    queryKey: opportunityKeys.history(id),
    queryFn: ({ signal }): Promise<StageChange[]> => unwrap(api.client.GET('/api/v1/opportunities/{id}/stage-history', { params: { path: { id } }, signal })),
    enabled,
  });
}

export function useCreateOpportunity() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateOpportunityBody): Promise<Opportunity> => unwrap(api.client.POST('/api/v1/opportunities', { body })),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: opportunityKeys.all }),
  });
}

export interface UpdateOpportunityInput {
  id: string;
  /** The version that was read; the server answers 412 when the opportunity changed since. */
  version: number;
  changes: UpdateOpportunityBody;
}

/** Updates, moves (stageId) or reassigns an opportunity with If-Match; the answer replaces the cached record. */
export function useUpdateOpportunity() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, version, changes }: UpdateOpportunityInput): Promise<Opportunity> =>
      unwrap(api.client.PATCH('/api/v1/opportunities/{id}', { params: { path: { id }, header: ifMatch(version) }, body: changes })),
    onSuccess: (opportunity) => {
      queryClient.setQueryData<Opportunity>(opportunityKeys.detail(opportunity.id), opportunity);
      void queryClient.invalidateQueries({ queryKey: opportunityKeys.history(opportunity.id) });
      void queryClient.invalidateQueries({ queryKey: opportunityKeys.lists() });
      void queryClient.invalidateQueries({ queryKey: opportunityKeys.boards() });
      void queryClient.invalidateQueries({ queryKey: opportunityKeys.forecasts() });
    },
  });
}

export function useDeleteOpportunity() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, version }: { id: string; version: number }): Promise<void> =>
      unwrap(api.client.DELETE('/api/v1/opportunities/{id}', { params: { path: { id }, header: ifMatch(version) } })),
    onSuccess: (_result, { id }) => {
      queryClient.removeQueries({ queryKey: opportunityKeys.detail(id) });
      void queryClient.invalidateQueries({ queryKey: opportunityKeys.all });
    },
  });
}

/** A stage's name in the UI language. */
export function stageName(stage: Pick<PipelineStage, 'name' | 'nameEn'> | undefined, language: string): string {
  if (!stage) return '—';
  return language.startsWith('zh') ? stage.name : stage.nameEn;
}

export { formatMoney } from '@/lib/money';

/** Every stage of every pipeline by id (a list may hold opportunities of several pipelines). */
export function useStageIndex(pipelines: Pipeline[] | undefined): Map<string, PipelineStage> {
  return useMemo(() => new Map((pipelines ?? []).flatMap((p) => p.stages.map((s) => [s.id, s] as const))), [pipelines]);
}
