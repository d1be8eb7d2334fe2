import { queryOptions, useQuery } from '@tanstack/react-query';
import { unwrap, type Api, type User } from '@/lib/api';
import { useApi } from '@/lib/api-context';

/** Query keys of the signed-in user; login and refresh seed `meKeys.all` with the user they return. */
export const meKeys = {
  all: ['me'] as const,
};

export function meQueryOptions(api: Api) {
  return queryOptions({
    queryKey: meKeys.all,
    queryFn: (): Promise<User> => unwrap(api.client.GET('/api/v1/me')),
  });
}

export function useMe() {
  return useQuery(meQueryOptions(useApi()));
}
