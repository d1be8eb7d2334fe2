import { infiniteQueryOptions, queryOptions, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useSyncExternalStore } from 'react';
import type { paths, Schema } from '@lianxi/api-client';
import { ifMatch, unwrap, type Api, type User } from '@/lib/api';
import { useApi } from '@/lib/api-context';

export type RoleKey = Schema<'RoleKey'>;
export type UserPage = Schema<'UserPageDto'>;
export type CreateUserBody = Schema<'CreateUserDto'>;
export type UpdateUserBody = Schema<'UpdateUserDto'>;
type ListUsersQuery = NonNullable<paths['/api/v1/users']['get']['parameters']['query']>;

/** Filters of the list; the cursor is the page param, so every page of one filter shares a key. */
export type UserListParams = Pick<ListUsersQuery, 'q' | 'teamId' | 'limit'>;

export const userKeys = {
  all: ['users'] as const,
  lists: () => [...userKeys.all, 'list'] as const,
  list: (params: UserListParams) => [...userKeys.lists(), params] as const,
  detail: (id: string) => [...userKeys.all, 'detail', id] as const,
};

export function userListQueryOptions(api: Api, params: UserListParams) {
  return infiniteQueryOptions({
    queryKey: userKeys.list(params),
    queryFn: ({ pageParam, signal }): Promise<UserPage> =>
      unwrap(
        api.client.GET('/api/v1/users', {
          params: { query: { ...params, ...(pageParam ? { cursor: pageParam } : {}) } },
          signal,
        }),
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function useUsers(params: UserListParams) {
  return useInfiniteQuery(userListQueryOptions(useApi(), params));
}

/** One user as administrators see them (roles, version, active), e.g. beside a role grant request. */
export function userQueryOptions(api: Api, id: string) {
  return queryOptions({
    queryKey: userKeys.detail(id),
    queryFn: ({ signal }): Promise<User> => unwrap(api.client.GET('/api/v1/users/{id}', { params: { path: { id } }, signal })),
  });
}

export function useUser(id: string, { enabled = true }: { enabled?: boolean } = {}) {
  return useQuery({ ...userQueryOptions(useApi(), id), enabled });
}

/** The id of the signed-in user, from the session the API client carries (null while signed out). */
export function useCurrentUserId(): string | null {
  const api = useApi();
  return useSyncExternalStore(api.subscribe, api.getState).user?.id ?? null;
}

function useInvalidateUsers() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: userKeys.all });
}

export function useCreateUser() {
  const api = useApi();
  const invalidate = useInvalidateUsers();
  return useMutation({
    mutationFn: (body: CreateUserBody): Promise<User> => unwrap(api.client.POST('/api/v1/users', { body })),
    onSuccess: () => void invalidate(),
  });
}

export interface UpdateUserInput {
  id: string;
  /** The version that was read; the server answers 412 when the user changed since. */
  version: number;
  changes: UpdateUserBody;
}

export function useUpdateUser() {
  const api = useApi();
  const invalidate = useInvalidateUsers();
  return useMutation({
    mutationFn: ({ id, version, changes }: UpdateUserInput): Promise<User> =>
      unwrap(api.client.PATCH('/api/v1/users/{id}', { params: { path: { id }, header: ifMatch(version) }, body: changes })),
    onSettled: () => void invalidate(),
  });
}

export interface SetUserRolesInput {
  id: string;
  version: number;
  roles: RoleKey[];
}

export function useSetUserRoles() {
  const api = useApi();
  const invalidate = useInvalidateUsers();
  return useMutation({
    mutationFn: ({ id, version, roles }: SetUserRolesInput) =>
      unwrap(api.client.PUT('/api/v1/users/{id}/roles', { params: { path: { id }, header: ifMatch(version) }, body: { roles } })),
    onSettled: () => void invalidate(),
  });
}

export function useForcePasswordReset() {
  const api = useApi();
  return useMutation({
    mutationFn: (id: string) => unwrap(api.client.POST('/api/v1/users/{id}/password-reset', { params: { path: { id } } })),
  });
}
