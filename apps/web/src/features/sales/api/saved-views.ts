import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Schema } from '@lianxi/api-client';
import { idempotencyKey, ifMatch, unwrap } from '@/lib/api';
import { useApi } from '@/lib/api-context';

export type SavedView = Schema<'SavedViewDto'>;
export type SavedViewObjectType = Schema<'SavedViewObjectType'>;
export type SavedViewDefinition = Schema<'SavedViewDefinitionDto'>;

export const savedViewKeys = {
  all: ['saved-views'] as const,
  list: (objectType: SavedViewObjectType) => [...savedViewKeys.all, objectType] as const,
};

/** The most views one list offers in its picker (the API caps a user at 100 per list). */
const VIEWS_PAGE = 100;

/** The caller's own views of one list, by name. */
export function useSavedViews(objectType: SavedViewObjectType, { enabled = true }: { enabled?: boolean } = {}) {
  const api = useApi();
  return useQuery({
    queryKey: savedViewKeys.list(objectType),
    queryFn: async ({ signal }) => (await unwrap(api.client.GET('/api/v1/saved-views', { params: { query: { objectType, limit: VIEWS_PAGE } }, signal }))).data,
    enabled,
  });
}

export function useCreateSavedView() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: Schema<'CreateSavedViewDto'>): Promise<SavedView> =>
      unwrap(api.client.POST('/api/v1/saved-views', { body, params: { header: idempotencyKey() } })),
    onSuccess: (view) => void queryClient.invalidateQueries({ queryKey: savedViewKeys.list(view.objectType) }),
  });
}

export function useUpdateSavedView() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ view, changes }: { view: SavedView; changes: Schema<'UpdateSavedViewDto'> }): Promise<SavedView> =>
      unwrap(api.client.PATCH('/api/v1/saved-views/{id}', { params: { path: { id: view.id }, header: ifMatch(view.version) }, body: changes })),
    onSuccess: (view) => void queryClient.invalidateQueries({ queryKey: savedViewKeys.list(view.objectType) }),
  });
}

export function useDeleteSavedView() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (view: SavedView): Promise<void> => unwrap(api.client.DELETE('/api/v1/saved-views/{id}', { params: { path: { id: view.id }, header: ifMatch(view.version) } })),
    onSuccess: (_result, view) => void queryClient.invalidateQueries({ queryKey: savedViewKeys.list(view.objectType) }),
  });
}
