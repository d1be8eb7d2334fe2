import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Schema } from '@lianxi/api-client';
import { unwrap, type Api } from '@/lib/api';
import { useApi } from '@/lib/api-context';
import { teamKeys, type Team } from '@/lib/teams';

export { teamKeys, teamsQueryOptions, useTeams, type Team } from '@/lib/teams';

export type TeamKind = Schema<'TeamKind'>;
export type CreateTeamBody = Schema<'CreateTeamDto'>;
export type Role = Schema<'RoleDto'>;

export const TEAM_KINDS = ['company', 'subsidiary', 'department', 'group'] as const satisfies readonly TeamKind[];

export const roleKeys = {
  all: ['roles'] as const,
};

export function rolesQueryOptions(api: Api) {
  return queryOptions({
    queryKey: roleKeys.all,
    queryFn: ({ signal }): Promise<Role[]> => unwrap(api.client.GET('/api/v1/roles', { signal })),
    staleTime: 5 * 60_000,
  });
}

export function useRoles() {
  return useQuery(rolesQueryOptions(useApi()));
}

export function useCreateTeam() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateTeamBody): Promise<Team> => unwrap(api.client.POST('/api/v1/teams', { body })),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: teamKeys.all }),
  });
}

export type TeamNode = Team & { children?: TeamNode[] };

/**
 * Nests the flat list by parentId, siblings by code. A team whose parent is not in the list (not visible, or
 * an inconsistent answer) is shown as a root rather than dropped. Leaves get no `children`, so antd's tree
 * table draws no expander for them.
 */
export function buildTeamTree(teams: readonly Team[]): TeamNode[] {
  const nodes = new Map<string, TeamNode>(teams.map((team) => [team.id, { ...team }]));
  const roots: TeamNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.parentId ? nodes.get(node.parentId) : undefined;
    if (parent && parent !== node) (parent.children ??= []).push(node);
    else roots.push(node);
  }
  const sort = (list: TeamNode[]) => {
    list.sort((a, b) => a.code.localeCompare(b.code));
    for (const node of list) if (node.children) sort(node.children);
  };
  sort(roots);
  return roots;
}
