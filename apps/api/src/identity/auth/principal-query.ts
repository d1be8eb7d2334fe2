import type { RoleKey } from '../roles/role-key';
import type { PrincipalIdentity } from './principal';

/**
 * What every credential check loads about its user, in the same query as the credential itself (one query per
 * request): the select list and joins over `users u`, grouped by `u.id, t.path` plus the credential's columns.
 */
export const PRINCIPAL_COLUMNS = `u.id as user_id, u.email, u.team_id, t.path as team_path, u.partner_account_id,
       coalesce(array_agg(r.key order by r.key) filter (where r.key is not null), '{}') as roles`;

export const PRINCIPAL_JOINS = `left join teams t on t.id = u.team_id
       left join user_roles ur on ur.user_id = u.id
       left join roles r on r.id = ur.role_id`;

export interface PrincipalRow {
  user_id: string;
  email: string;
  team_id: string | null;
  team_path: string | null;
  partner_account_id: string | null;
  roles: RoleKey[];
}

export function identityOf(row: PrincipalRow): PrincipalIdentity {
  return { userId: row.user_id, email: row.email, teamId: row.team_id, teamPath: row.team_path, partnerAccountId: row.partner_account_id, roles: row.roles };
}
