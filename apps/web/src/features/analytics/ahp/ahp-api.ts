import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Schema } from '@lianxi/api-client';
import { ifMatch, unwrap } from '@/lib/api';
import { useApi } from '@/lib/api-context';

export type AhpModelRecord = Schema<'AhpModelDto'>;
export type AhpModelPage = Schema<'AhpModelPageDto'>;
export type CreateAhpModelBody = Schema<'CreateAhpModelDto'>;
export type UpdateAhpModelBody = Schema<'UpdateAhpModelDto'>;

/** Query keys of the AHP models; mutations invalidate through the same factory. */
export const ahpKeys = {
  all: ['ahp-models'] as const,
  list: (params: object) => [...ahpKeys.all, 'list', params] as const,
  detail: (id: string) => [...ahpKeys.all, 'detail', id] as const,
};

export function useAhpModels(params: { q?: string; cursor?: string }, { enabled = true }: { enabled?: boolean } = {}) {
  const api = useApi();
  return useQuery({
    queryKey: ahpKeys.list(params),
    queryFn: ({ signal }): Promise<AhpModelPage> => unwrap(api.client.GET('/api/v1/analytics/ahp-models', { params: { query: { ...params, limit: 50 } }, signal })),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useAhpModel(id: string | undefined) {
  const api = useApi();
  return useQuery({
    queryKey: ahpKeys.detail(id ?? ''),
    queryFn: ({ signal }): Promise<AhpModelRecord> => unwrap(api.client.GET('/api/v1/analytics/ahp-models/{id}', { params: { path: { id: id! } }, signal })),
    enabled: id !== undefined,
  });
}

export function useCreateAhpModel() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateAhpModelBody): Promise<AhpModelRecord> => unwrap(api.client.POST('/api/v1/analytics/ahp-models', { body })),
    onSuccess: (model) => {
      queryClient.setQueryData(ahpKeys.detail(model.id), model);
      void queryClient.invalidateQueries({ queryKey: [...ahpKeys.all, 'list'] });
    },
  });
}

export function useUpdateAhpModel() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, version, changes }: { id: string; version: number; changes: UpdateAhpModelBody }): Promise<AhpModelRecord> =>
      unwrap(api.client.PATCH('/api/v1/analytics/ahp-models/{id}', { params: { path: { id }, header: ifMatch(version) }, body: changes })),
    onSuccess: (model) => {
      queryClient.setQueryData(ahpKeys.detail(model.id), model);
      void queryClient.invalidateQueries({ queryKey: [...ahpKeys.all, 'list'] });
    },
  });
}

export function useDeleteAhpModel() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, version }: { id: string; version: number }): Promise<void> =>
      unwrap(api.client.DELETE('/api/v1/analytics/ahp-models/{id}', { params: { path: { id }, header: ifMatch(version) } })),
    onSuccess: (_, { id }) => {
      queryClient.removeQueries({ queryKey: ahpKeys.detail(id) });
      void queryClient.invalidateQueries({ queryKey: [...ahpKeys.all, 'list'] });
    },
  });
}
