import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Schema } from '@lianxi/api-client';
import { unwrap, type Api } from '@/lib/api';
import { useApi } from '@/lib/api-context';
import type { ObjectType } from '@/lib/permissions';
import { shareKeys } from './keys';

export type Share = Schema<'ShareDto'>;
export type ShareAccess = Schema<'ShareAccess'>;
/** Exactly one of `userId` and `teamId`; granting again to the same grantee changes its access. */
export type ShareGrant = Schema<'CreateShareDto'>;

export const SHARE_ACCESS = ['read', 'edit'] as const satisfies readonly ShareAccess[];

/** The object types whose records have explicit shares in the SPA (each has `/{objects}/{id}/shares`). */
export type SharedObjectType = Extract<ObjectType, 'account' | 'contact' | 'opportunity' | 'lead' | 'quote' | 'order'>;

/** The explicit shares of one record (any caller who sees the record may list them). */
export function sharesQueryOptions(api: Api, objectType: SharedObjectType, id: string) {
  return queryOptions({
    queryKey: shareKeys.list(objectType, id),
    queryFn: ({ signal }): Promise<Share[]> => {
      const params = { path: { id } };
      if (objectType === 'account') return unwrap(api.client.GET('/api/v1/accounts/{id}/shares', { params, signal }));
      if (objectType === 'opportunity') return unwrap(api.client.GET('/api/v1/opportunities/{id}/shares', { params, signal }));
      if (objectType === 'lead') return unwrap(api.client.GET('/api/v1/leads/{id}/shares', { params, signal }));
      if (objectType === 'quote') return unwrap(api.client.GET('/api/v1/quotes/{id}/shares', { params, signal }));
      if (objectType === 'order') return unwrap(api.client.GET('/api/v1/orders/{id}/shares', { params, signal }));
      return unwrap(api.client.GET('/api/v1/contacts/{id}/shares', { params, signal }));
    },
  });
}

export function useShares(objectType: SharedObjectType, id: string) {
  return useQuery(sharesQueryOptions(useApi(), objectType, id));
}

/** Grants a share, or changes the access of the grantee's existing one. Needs `myAccess.share`. */
export function useGrantShare(objectType: SharedObjectType, id: string) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ShareGrant): Promise<Share> => {
      const params = { path: { id } };
      if (objectType === 'account') return unwrap(api.client.POST('/api/v1/accounts/{id}/shares', { params, body }));
      if (objectType === 'opportunity') return unwrap(api.client.POST('/api/v1/opportunities/{id}/shares', { params, body }));
      if (objectType === 'lead') return unwrap(api.client.POST('/api/v1/leads/{id}/shares', { params, body }));
      if (objectType === 'quote') return unwrap(api.client.POST('/api/v1/quotes/{id}/shares', { params, body }));
      if (objectType === 'order') return unwrap(api.client.POST('/api/v1/orders/{id}/shares', { params, body }));
      return unwrap(api.client.POST('/api/v1/contacts/{id}/shares', { params, body }));
    },
    onSettled: () => void queryClient.invalidateQueries({ queryKey: shareKeys.list(objectType, id) }),
  });
}

export function useRevokeShare(objectType: SharedObjectType, id: string) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (shareId: string): Promise<void> => {
      const params = { path: { id, shareId } };
      if (objectType === 'account') return unwrap(api.client.DELETE('/api/v1/accounts/{id}/shares/{shareId}', { params }));
      if (objectType === 'opportunity') return unwrap(api.client.DELETE('/api/v1/opportunities/{id}/shares/{shareId}', { params }));
      if (objectType === 'lead') return unwrap(api.client.DELETE('/api/v1/leads/{id}/shares/{shareId}', { params }));
      if (objectType === 'quote') return unwrap(api.client.DELETE('/api/v1/quotes/{id}/shares/{shareId}', { params }));
      if (objectType === 'order') return unwrap(api.client.DELETE('/api/v1/orders/{id}/shares/{shareId}', { params }));
      return unwrap(api.client.DELETE('/api/v1/contacts/{id}/shares/{shareId}', { params }));
    },
    onSettled: () => void queryClient.invalidateQueries({ queryKey: shareKeys.list(objectType, id) }),
  });
}
