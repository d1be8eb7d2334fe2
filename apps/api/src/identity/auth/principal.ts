import type { RoleKey } from '../roles/role-key';

/** A record explicitly shared with a user or their team (the permission engine's `record_shares`). */
export interface SharedRecord {
  objectType: string;
  recordId: string;
  access: 'read' | 'edit';
}

/** The authenticated caller of a request, as every service sees it. */
export interface Principal {
  userId: string;
  email: string;
  sessionId: string;
  teamId: string | null;
  /** The team's materialised path (`/rootId/…/teamId/`), for subtree scopes; null without a team. */
  teamPath: string | null;
  partnerAccountId: string | null;
  roles: RoleKey[];
  /**
   * What the permission engine needs about the caller besides the above, read in the same statement as the session
   * check (one round trip per request instead of three): the policy version the request runs under, and the records
   * shared with the user or their team.
   */
  policyVersion: string;
  shares: SharedRecord[];
}

interface PrincipalRow {
  id: string;
  email: string;
  team_id: string | null;
  team_path: string | null;
  partner_account_id: string | null;
  roles: RoleKey[];
  policy_version: string;
  shares: Array<[string, string, 'read' | 'edit']>;
}

type Query = (sql: string, params: unknown[]) => Promise<PrincipalRow[]>;

/**
 * Loads an active user as a principal: with `sessionId`, only while that session of theirs is live (every
 * authenticated request); without, for explaining someone else's access. Null when there is no such user or session.
 */
export async function loadPrincipal(query: Query, userId: string, sessionId?: string): Promise<Principal | null> {
  const rows = await query(
    `select u.id, u.email, u.team_id, t.path as team_path, u.partner_account_id,
            coalesce((select array_agg(r.key order by r.key) from user_roles ur join roles r on r.id = ur.role_id where ur.user_id = u.id), '{}') as roles,
            (select version::text from policy_state where id = 1) as policy_version,
            coalesce((select json_agg(json_build_array(s.object_type, s.record_id, s.access))
                        from record_shares s where s.user_id = u.id or s.team_id = u.team_id), '[]') as shares
       from users u
       left join teams t on t.id = u.team_id
      where u.id = $1 and u.active
        ${sessionId ? 'and exists (select 1 from auth_sessions s where s.id = $2 and s.user_id = u.id and s.revoked_at is null and s.expires_at > now())' : ''}`,
    sessionId ? [userId, sessionId] : [userId],
  );
  const row = rows[0];
  if (!row) return null;
  return {
    userId: row.id,
    email: row.email,
    sessionId: sessionId ?? '',
    teamId: row.team_id,
    teamPath: row.team_path,
    partnerAccountId: row.partner_account_id,
    roles: row.roles,
    policyVersion: row.policy_version,
    shares: row.shares.map(([objectType, recordId, access]) => ({ objectType, recordId, access })),
  };
}
