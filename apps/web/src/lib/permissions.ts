import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Schema } from '@lianxi/api-client';
import { unwrap, type Api } from './api';
import { useApi } from './api-context';

export type ObjectType = Schema<'ObjectType'>;
export type MyPermissions = Schema<'MyPermissionsDto'>;

/** What the caller may do with a field; the schema types these as unknown, so they are read defensively. */
export type FieldAccess = 'hidden' | 'masked' | 'read' | 'edit';
/** How far an action reaches. */
export type AccessLevel = 'none' | 'own' | 'team' | 'subtree' | 'all';
export type PermissionAction = 'read' | 'create' | 'update' | 'delete' | 'reassign';
/** The caller's rights on one record (`myAccess` of a record read by id): owner-only, restricted and shares included. */
export type RecordAccess = Schema<'RecordAccessDto'>;
/** What `<Can record>` checks on one record (`editableFields` is per field, not an action). */
export type RecordAction = Exclude<keyof RecordAccess, 'editableFields'>;

const FIELD_ACCESS: readonly FieldAccess[] = ['hidden', 'masked', 'read', 'edit'];
const ACCESS_LEVELS: readonly AccessLevel[] = ['none', 'own', 'team', 'subtree', 'all'];

export const permissionKeys = {
  all: ['me', 'permissions'] as const,
};

export function permissionsQueryOptions(api: Api) {
  return queryOptions({
    queryKey: permissionKeys.all,
    queryFn: (): Promise<MyPermissions> => unwrap(api.client.GET('/api/v1/me/permissions')),
  });
}

/** Access to one field; unknown or missing answers count as 'hidden' (fail closed). */
export function fieldAccessOf(permissions: MyPermissions | undefined, objectType: ObjectType, field: string): FieldAccess {
  const value = permissions?.objects.find((object) => object.objectType === objectType)?.fields[field];
  return FIELD_ACCESS.includes(value as FieldAccess) ? (value as FieldAccess) : 'hidden';
}

/** Reach of one action; unknown or missing answers count as 'none' (fail closed). */
export function levelOf(permissions: MyPermissions | undefined, objectType: ObjectType, action: PermissionAction): AccessLevel {
  const value = permissions?.objects.find((object) => object.objectType === objectType)?.levels[action];
  return ACCESS_LEVELS.includes(value as AccessLevel) ? (value as AccessLevel) : 'none';
}

/** A field the caller sees in clear, so it may be sorted or filtered by. */
export function isReadable(access: FieldAccess): boolean {
  return access === 'read' || access === 'edit';
}

/** The caller's effective permissions, with helpers that fail closed while they load. */
export function usePermissions() {
  const query = useQuery(permissionsQueryOptions(useApi()));
  const permissions = query.data;
  return {
    ...query,
    fieldAccess: (objectType: ObjectType, field: string): FieldAccess => fieldAccessOf(permissions, objectType, field),
    level: (objectType: ObjectType, action: PermissionAction): AccessLevel => levelOf(permissions, objectType, action),
    canDo: (objectType: ObjectType, action: PermissionAction): boolean => levelOf(permissions, objectType, action) !== 'none',
  };
}
