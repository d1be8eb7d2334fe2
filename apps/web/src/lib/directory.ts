import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import type { Schema } from '@lianxi/api-client';
import { unwrap, type Api, type User } from './api';
import { useApi } from './api-context';
import { userHasRole, useSessionUser } from './session';

/** What a picker or a name label needs to know about another user. */
export interface DirectoryUser {
  id: string;
  name: string;
  nameEn: string;
  email: string;
  team: Schema<'TeamSummaryDto'> | null;
}

const SEARCH_LIMIT = 20;

export const directoryKeys = {
  all: ['directory'] as const,
  search: (q: string) => [...directoryKeys.all, 'search', q] as const,
  user: (id: string) => [...directoryKeys.all, 'user', id] as const,
};

function toDirectoryUser(user: User): DirectoryUser {
  return { id: user.id, name: user.name, nameEn: user.nameEn, email: user.email, team: user.team };
}

/**
 * Whether the caller can look other users up. The API lists users only to system administrators
 * (`GET /api/v1/users`); everyone else gets names and pickers once a directory lookup for all staff exists.
 * This is the one place that decides it, so the pickers and name labels switch over together.
 */
export function useUserDirectoryAvailable(): boolean {
  return userHasRole(useSessionUser(), 'system_admin');
}

export function userSearchQueryOptions(api: Api, q: string) {
  return queryOptions({
    queryKey: directoryKeys.search(q),
    queryFn: async ({ signal }): Promise<DirectoryUser[]> => {
      const page = await unwrap(api.client.GET('/api/v1/users', { params: { query: { limit: SEARCH_LIMIT, ...(q ? { q } : {}) } }, signal }));
      return page.data.filter((user) => user.active).map(toDirectoryUser);
    },
    staleTime: 60_000,
  });
}

/** Active users whose name or email contains `q`; idle when the directory is not available to the caller. */
export function useUserSearch(q: string, { enabled = true }: { enabled?: boolean } = {}) {
  const available = useUserDirectoryAvailable();
  // The previous answer stays while the next search runs, so the options do not blink away under the pointer.
  return useQuery({ ...userSearchQueryOptions(useApi(), q), enabled: enabled && available, placeholderData: keepPreviousData });
}

export function directoryUserQueryOptions(api: Api, id: string) {
  return queryOptions({
    queryKey: directoryKeys.user(id),
    queryFn: async ({ signal }): Promise<DirectoryUser> => toDirectoryUser(await unwrap(api.client.GET('/api/v1/users/{id}', { params: { path: { id } }, signal }))),
    staleTime: 5 * 60_000,
  });
}

/**
 * Who `id` is: the signed-in user from the session, others from the directory when the caller may use it.
 * `user` stays undefined when the name cannot be known; callers then show a neutral label.
 */
export function useDirectoryUser(id: string | null | undefined): { user: DirectoryUser | undefined; isSelf: boolean } {
  const me = useSessionUser();
  const available = useUserDirectoryAvailable();
  const isSelf = Boolean(id && me && id === me.id);
  const query = useQuery({ ...directoryUserQueryOptions(useApi(), id ?? ''), enabled: Boolean(id) && !isSelf && available });
  return { user: isSelf && me ? toDirectoryUser(me) : query.data, isSelf };
}
