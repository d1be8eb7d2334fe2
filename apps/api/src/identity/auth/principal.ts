import type { RoleKey } from '../roles/role-key';

/** A record explicitly shared with a user or their team (the permission engine's `record_shares`). */
export interface SharedRecord {
  objectType: string;
  recordId: string;
  access: 'read' | 'edit';
}

/** Who a request acts for, as the permission engine sees them. */
export interface PrincipalIdentity {
  userId: string;
  email: string;
  teamId: string | null;
  /** The team's materialised path (`/rootId/…/teamId/`), for subtree scopes; null without a team. */
  teamPath: string | null;
  partnerAccountId: string | null;
  roles: RoleKey[];
  /**
   * What the permission engine needs about the caller besides the above, read in the same statement as the
   * credential check (one round trip per request instead of three): the policy version the request runs under, and
   * the records shared with the user or their team.
   */
  policyVersion: string;
  shares: SharedRecord[];
}

/** Signed in interactively: a JWT access token of a live session (which logout and refresh act on). */
export interface SessionPrincipal extends PrincipalIdentity {
  authMethod: 'session';
  sessionId: string;
  apiKeyId: null;
}

/** A partner or integration calling with an API key: acts as the key's user, but has no session. */
export interface ApiKeyPrincipal extends PrincipalIdentity {
  authMethod: 'apiKey';
  sessionId: null;
  apiKeyId: string;
}

/** A user the engine evaluates without any request of theirs (`/access/explain`). */
export interface EvaluatedPrincipal extends PrincipalIdentity {
  authMethod: 'none';
  sessionId: null;
  apiKeyId: null;
}

/** The caller of a request, as every service sees it; `authMethod` tells how it authenticated. */
export type Principal = SessionPrincipal | ApiKeyPrincipal | EvaluatedPrincipal;
