import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Schema } from '@lianxi/api-client';
import { unwrap, type Api } from './api';
import { useApi } from './api-context';

export type Team = Schema<'TeamDto'>;

/** Every signed-in user may list the teams (share pickers, team names); administration edits them. */
export const teamKeys = {
  all: ['teams'] as const,
};

export function teamsQueryOptions(api: Api) {
  return queryOptions({
    queryKey: teamKeys.all,
    queryFn: ({ signal }): Promise<Team[]> => unwrap(api.client.GET('/api/v1/teams', { signal })),
  });
}

export function useTeams() {
  return useQuery(teamsQueryOptions(useApi()));
}
