import type { RoleKey } from '../roles/role-key';
import type { PrincipalIdentity } from './principal';

/**
 * What every credential check loads about its user, in the same query as the credential itself (one query per
 * request): the select list and join over `users u`. Besides the identity, the permission engine's per-request
 * inputs — the policy version and the caller's shares — come along, so a request needs no other look-up before its
 * scoped query.
 */
export const PRINCIPAL_COLUMNS = `u.id as user_id, u.email, u.team_id, t.path as team_path, u.partner_account_id,
       coalesce((select array_agg(r.key order by r.key) from user_roles ur join roles r on r.id = ur.role_id where ur.user_id = u.id), '{}') as roles,
       (select version::text from policy_state where id = 1) as policy_version,
       coalesce((select json_agg(json_build_array(s.object_type, s.record_id, s.access))
                   from record_shares s where s.user_id = u.id or s.team_id = u.team_id), '[]') as shares`;

export const PRINCIPAL_JOINS = `left join teams t on t.id = u.team_id`;

export interface PrincipalRow {
  user_id: string;
  email: string;
  team_id: string | null;
  team_path: string | null;
  partner_account_id: string | null;
  roles: RoleKey[];
  policy_version: string;
  shares: Array<[string, string, 'read' | 'edit']>;
}

export function identityOf(row: PrincipalRow): PrincipalIdentity {
  return {
    userId: row.user_id,
    email: row.email,
    teamId: row.team_id,
    teamPath: row.team_path,
    partnerAccountId: row.partner_account_id,
    roles: row.roles,
    policyVersion: row.policy_version,
    shares: row.shares.map(([objectType, recordId, access]) => ({ objectType, recordId, access })),
  };
}
