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

/** The caller of a session's access token ($1 user, $2 session): nothing when the session ended or the user left. */
export const SESSION_PRINCIPAL_SQL = `select ${PRINCIPAL_COLUMNS}
         from users u
         join auth_sessions s on s.id = $2 and s.user_id = u.id and s.revoked_at is null and s.expires_at > now()
         ${PRINCIPAL_JOINS}
        where u.id = $1 and u.active`;

/** The user of a live API key ($1 its public prefix), with what checks the secret. */
export const API_KEY_PRINCIPAL_SQL = `select ${PRINCIPAL_COLUMNS}, k.id as key_id, k.secret_hash, k.last_used_at
             from api_keys k
             join users u on u.id = k.user_id and u.active
             ${PRINCIPAL_JOINS}
            where k.prefix = $1 and k.revoked_at is null and k.expires_at > now()`;

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
