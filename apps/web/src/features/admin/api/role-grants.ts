import { infiniteQueryOptions, useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import type { Schema } from '@lianxi/api-client';
import { unwrap, type Api } from '@/lib/api';
import { useApi } from '@/lib/api-context';
import { userKeys } from './users';

export type RoleGrantRequest = Schema<'RoleGrantRequestDto'>;
export type RoleGrantStatus = Schema<'RoleGrantStatus'>;
export type RoleGrantRequestPage = Schema<'RoleGrantRequestPageDto'>;
export type CreateRoleGrantRequestBody = Schema<'CreateRoleGrantRequestDto'>;

export const ROLE_GRANT_STATUSES = ['pending', 'approved', 'rejected'] as const satisfies readonly RoleGrantStatus[];
const PAGE_SIZE = 50;

export const roleGrantKeys = {
  all: ['role-grant-requests'] as const,
  lists: () => [...roleGrantKeys.all, 'list'] as const,
  list: (status: RoleGrantStatus) => [...roleGrantKeys.lists(), status] as const,
};

/** Role changes waiting for (or decided by) a second administrator, newest first. */
export function roleGrantListQueryOptions(api: Api, status: RoleGrantStatus) {
  return infiniteQueryOptions({
    queryKey: roleGrantKeys.list(status),
    queryFn: ({ pageParam, signal }): Promise<RoleGrantRequestPage> =>
      unwrap(api.client.GET('/api/v1/role-grant-requests', { params: { query: { status, limit: PAGE_SIZE, ...(pageParam ? { cursor: pageParam } : {}) } }, signal })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function useRoleGrantRequests(status: RoleGrantStatus) {
  return useInfiniteQuery(roleGrantListQueryOptions(useApi(), status));
}

function useInvalidateGrants({ users }: { users: boolean }) {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: roleGrantKeys.all });
    if (users) void queryClient.invalidateQueries({ queryKey: userKeys.all });
  };
}

/**
 * Asks a second administrator to set a user's complete roles (needed when the change would give an administrator
 * account business rights). 409 when the user already has a pending request or changed since `userVersion`.
 */
export function useRequestRoleGrant() {
  const api = useApi();
  const invalidate = useInvalidateGrants({ users: false });
  return useMutation({
    mutationFn: (body: CreateRoleGrantRequestBody): Promise<RoleGrantRequest> => unwrap(api.client.POST('/api/v1/role-grant-requests', { body })),
    onSuccess: invalidate,
  });
}

/** Approves (by an administrator other than the requester and the user): the roles change at once. */
export function useApproveRoleGrant() {
  const api = useApi();
  const invalidate = useInvalidateGrants({ users: true });
  return useMutation({
    mutationFn: (id: string): Promise<RoleGrantRequest> => unwrap(api.client.POST('/api/v1/role-grant-requests/{id}/approve', { params: { path: { id } } })),
    // A 409 means the request or the user moved on: the list is read again either way.
    onSettled: invalidate,
  });
}

/** Rejects a pending request; the requester withdrawing their own is a rejection too. */
export function useRejectRoleGrant() {
  const api = useApi();
  const invalidate = useInvalidateGrants({ users: false });
  return useMutation({
    mutationFn: (id: string): Promise<RoleGrantRequest> => unwrap(api.client.POST('/api/v1/role-grant-requests/{id}/reject', { params: { path: { id } } })),
    onSettled: invalidate,
  });
}
