import { keepPreviousData, queryOptions, useQuery, type QueryClient } from '@tanstack/react-query';
import type { Schema } from '@lianxi/api-client';
import { unwrap, type Api, type User } from './api';
import { useApi } from './api-context';
import { useSessionUser } from './session';

/** What a picker or a name label needs to know about another user (`GET /api/v1/directory/users`). */
export type DirectoryUser = Schema<'DirectoryUserDto'>;

const SEARCH_LIMIT = 20;
/** The API resolves at most this many ids per call. */
const IDS_PER_CALL = 100;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const directoryKeys = {
  all: ['directory'] as const,
  search: (q: string) => [...directoryKeys.all, 'search', q] as const,
  user: (id: string) => [...directoryKeys.all, 'user', id] as const,
};

function toDirectoryUser(user: User): DirectoryUser {
  return { id: user.id, name: user.name, nameEn: user.nameEn, email: user.email, team: user.team, active: user.active };
}

/** Search answers name people too: they go into the per-user cache, so a picked user's name needs no second call. */
function remember(client: QueryClient, users: readonly DirectoryUser[]): void {
  for (const user of users) client.setQueryData(directoryKeys.user(user.id), user);
}

export function userSearchQueryOptions(api: Api, q: string) {
  return queryOptions({
    queryKey: directoryKeys.search(q),
    queryFn: async ({ signal, client }): Promise<DirectoryUser[]> => {
      const page = await unwrap(api.client.GET('/api/v1/directory/users', { params: { query: { limit: SEARCH_LIMIT, ...(q ? { q } : {}) } }, signal }));
      remember(client, page.data);
      return page.data;
    },
    staleTime: 60_000,
  });
}

/**
 * Active colleagues whose name or email contains `q` (every signed-in user may ask; partner users find only their own
 * company). The previous answer stays while the next search runs, so the options do not blink away under the pointer.
 */
export function useUserSearch(q: string, { enabled = true }: { enabled?: boolean } = {}) {
  return useQuery({ ...userSearchQueryOptions(useApi(), q), enabled, placeholderData: keepPreviousData });
}

interface PendingLookup {
  resolve: (user: DirectoryUser | null) => void;
  reject: (error: unknown) => void;
}

/**
 * Collects the ids asked for during one tick and resolves them with one `?ids=` call per hundred, so a table of
 * fifty rows with owners asks once, not fifty times. Unknown ids (people outside a partner's company,
 * anything that is not a uuid) resolve to null.
 */
function createUserLoader(api: Api) {
  let pending = new Map<string, PendingLookup[]>();
  let scheduled = false;

  async function resolveChunk(ids: string[], batch: Map<string, PendingLookup[]>) {
    try {
      const page = await unwrap(api.client.GET('/api/v1/directory/users', { params: { query: { ids: ids.join(','), limit: IDS_PER_CALL } } }));
      const found = new Map(page.data.map((user) => [user.id, user]));
      for (const id of ids) for (const lookup of batch.get(id) ?? []) lookup.resolve(found.get(id) ?? null);
    } catch (error) {
      for (const id of ids) for (const lookup of batch.get(id) ?? []) lookup.reject(error);
    }
  }

  function flush() {
    const batch = pending;
    pending = new Map();
    scheduled = false;
    const ids = [...batch.keys()].filter((id) => UUID.test(id));
    for (const [id, lookups] of batch) if (!UUID.test(id)) for (const lookup of lookups) lookup.resolve(null);
    for (let start = 0; start < ids.length; start += IDS_PER_CALL) void resolveChunk(ids.slice(start, start + IDS_PER_CALL), batch);
  }

  return {
    load(id: string): Promise<DirectoryUser | null> {
      return new Promise((resolve, reject) => {
        pending.set(id, [...(pending.get(id) ?? []), { resolve, reject }]);
        if (!scheduled) {
          scheduled = true;
          setTimeout(flush, 0);
        }
      });
    },
  };
}

const loaders = new WeakMap<Api, ReturnType<typeof createUserLoader>>();

function loaderFor(api: Api) {
  let loader = loaders.get(api);
  if (!loader) {
    loader = createUserLoader(api);
    loaders.set(api, loader);
  }
  return loader;
}

/** One user by id, batched with the other ids asked for at the same time; null when the directory does not know them. */
export function directoryUserQueryOptions(api: Api, id: string) {
  return queryOptions({
    queryKey: directoryKeys.user(id),
    queryFn: (): Promise<DirectoryUser | null> => loaderFor(api).load(id),
    staleTime: 5 * 60_000,
  });
}

/**
 * Who `id` is: the signed-in user from the session, others from the colleague directory. `user` stays undefined
 * while loading and when the directory does not know them (e.g. a deactivated user); callers then show a neutral label.
 */
export function useDirectoryUser(id: string | null | undefined): { user: DirectoryUser | undefined; isSelf: boolean; isPending: boolean } {
  const me = useSessionUser();
  const isSelf = Boolean(id && me && id === me.id);
  const query = useQuery({ ...directoryUserQueryOptions(useApi(), id ?? ''), enabled: Boolean(id) && !isSelf });
  if (isSelf && me) return { user: toDirectoryUser(me), isSelf, isPending: false };
  return { user: query.data ?? undefined, isSelf, isPending: Boolean(id) && query.isPending };
}
