import { useSyncExternalStore } from 'react';
import type { Schema } from '@lianxi/api-client';
import type { User } from './api';
import { useApi } from './api-context';

export type RoleKey = Schema<'RoleKey'>;

/** The signed-in user as of the last login or refresh (null while signed out); the live profile is the `me` query. */
export function useSessionUser(): User | null {
  const api = useApi();
  return useSyncExternalStore(api.subscribe, api.getState).user;
}

export function userHasRole(user: Pick<User, 'roles'> | null | undefined, role: RoleKey): boolean {
  return user?.roles.some((candidate) => candidate.key === role) ?? false;
}
