import type { RoleKey } from '../roles/role-key';

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
}
