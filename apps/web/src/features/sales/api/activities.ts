import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import type { paths, Schema } from '@lianxi/api-client';
import { ifMatch, unwrap } from '@/lib/api';
import { useApi } from '@/lib/api-context';
import { activityKeys } from './keys';

export type Activity = Schema<'ActivityDto'>;
export type ActivityPage = Schema<'ActivityPageDto'>;
export type ActivityKind = Schema<'ActivityKind'>;
export type ActivityStatus = Schema<'ActivityStatus'>;
export type ActivityPriority = Schema<'ActivityPriority'>;
export type ActivityRelatedType = Schema<'ActivityRelatedType'>;
export type CreateActivityBody = Schema<'CreateActivityDto'>;
export type UpdateActivityBody = Schema<'UpdateActivityDto'>;
type ListQuery = NonNullable<paths['/api/v1/activities']['get']['parameters']['query']>;

export const ACTIVITY_KINDS: ActivityKind[] = ['call', 'meeting', 'visit', 'task', 'note'];

/** Filters of a list; the cursor is the page param, so every page of one filter shares a key. */
export type ActivityListParams = Omit<ListQuery, 'cursor' | 'withTotal'>;

/** Activities the caller may see: a timeline (accountId / relatedId), a diary (ownerId + due window) or to-dos. */
export function useActivities(params: ActivityListParams, { enabled = true }: { enabled?: boolean } = {}) {
  const api = useApi();
  return useInfiniteQuery({
    queryKey: activityKeys.list(params),
    queryFn: ({ pageParam, signal }): Promise<ActivityPage> =>
      unwrap(api.client.GET('/api/v1/activities', { params: { query: { ...params, ...(pageParam ? { cursor: pageParam } : {}) } }, signal })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled,
  });
}

export function useCreateActivity() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateActivityBody): Promise<Activity> => unwrap(api.client.POST('/api/v1/activities', { body })),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: activityKeys.all }),
  });
}

/** Changes an activity read at `version` (412 when someone changed it since). */
export function useUpdateActivity() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, version, changes }: { id: string; version: number; changes: UpdateActivityBody }): Promise<Activity> =>
      unwrap(api.client.PATCH('/api/v1/activities/{id}', { params: { path: { id }, header: ifMatch(version) }, body: changes })),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: activityKeys.all }),
  });
}

/** Local wall-clock text of a due time, e.g. `2026/12/3 10:00` in zh-CN. */
export function formatDueAt(dueAt: string | null | undefined, language: string): string {
  if (!dueAt) return '—';
  return new Date(dueAt).toLocaleString(language, { dateStyle: 'medium', timeStyle: 'short' });
}

/** A planned activity whose time has passed. */
export function isOverdue(activity: Activity, now = Date.now()): boolean {
  return activity.status === 'planned' && Boolean(activity.dueAt) && Date.parse(String(activity.dueAt)) < now;
}
