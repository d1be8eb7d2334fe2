import { USERS } from '../../src/demo/demo-organisation';
import type { TestApp } from '../support/test-app';
import { type OpenApiDocument, type Operation, isPublic, listOperations, requiredRoles, securitySchemes } from './openapi';

export type Session = Awaited<ReturnType<TestApp['login']>>;

/** The demo user for operations without a role requirement. */
export const DEFAULT_USER = 'rep.e1@lianxi.test';

/** A demo user holding one of the roles (the first in the demo organisation), or DEFAULT_USER without roles. */
export function userWithOneOf(roles: string[]): string {
  if (!roles.length) return DEFAULT_USER;
  const user = USERS.find((u) => roles.includes(u.role));
  if (!user) throw new Error(`no demo user has one of the roles ${roles.join(', ')}`);
  return user.email;
}

/** A demo user holding none of the roles. */
export function userWithNoneOf(roles: string[]): string {
  const user = USERS.find((u) => !roles.includes(u.role));
  if (!user) throw new Error(`every demo user has one of the roles ${roles.join(', ')}`);
  return user.email;
}

/**
 * The running app, its served document, and what tests need to call it as someone: cached sessions of demo
 * users, real ids for path parameters and reference properties, and current ETags.
 */
export class World {
  private readonly sessions = new Map<string, Promise<Session>>();
  private readonly apiKeys = new Map<string, Promise<string>>();
  readonly operations: Operation[];

  constructor(
    readonly t: TestApp,
    readonly document: OpenApiDocument,
    /** Which item of a collection stands in for `{id}` under it; the first item otherwise. */
    private readonly pathTargets: Record<string, (item: Record<string, unknown>) => boolean>,
  ) {
    this.operations = listOperations(document);
  }

  /** One shared session per demo user; `fresh` logs in again (for calls that end or rotate their session). */
  session(email: string, fresh = false): Promise<Session> {
    if (fresh) return this.t.login(email);
    let session = this.sessions.get(email);
    if (!session) {
      session = this.t.login(email);
      this.sessions.set(email, session);
    }
    return session;
  }

  /** One API key per demo user, made once from their session (for operations called with a key). */
  apiKey(email: string): Promise<string> {
    let key = this.apiKeys.get(email);
    if (!key) {
      key = this.callAs<{ secret: string }>(email, 'post', '/api/v1/me/api-keys', { name: 'Contract test key' }).then((response) => {
        if (response.status !== 201) throw new Error(`creating an API key for ${email} → ${response.status} ${JSON.stringify(response.body)}`);
        return response.body.secret;
      });
      this.apiKeys.set(email, key);
    }
    return key;
  }

  /** Who may call the operation: null for public ones. */
  callerOf(op: Operation): string | null {
    return isPublic(op) ? null : userWithOneOf(requiredRoles(op));
  }

  /** The headers that authenticate `session` the way the operation is secured. */
  credentials(op: Operation, session: Session | null): Record<string, string> {
    if (!session) return {};
    const schemes = securitySchemes(op);
    if (schemes.includes('refreshCookie')) return { Cookie: session.refreshCookie };
    return { Authorization: `Bearer ${session.accessToken}` };
  }

  async callAs<T = unknown>(email: string, method: string, url: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: T; etag?: string }> {
    const session = await this.session(email);
    let call = this.t.http[method as 'get'](url).set('Authorization', `Bearer ${session.accessToken}`).set(headers);
    if (body !== undefined) call = call.send(body as object);
    const response = await call;
    return { status: response.status, body: response.body as T, etag: response.headers.etag as string | undefined };
  }

  private operation(method: string, path: string): Operation | undefined {
    return this.operations.find((o) => o.method === method && o.path === path);
  }

  /** Items of the collection GET at `path` (a bare array or a page's `data`), called by someone allowed to. */
  async collectionItems(path: string): Promise<Array<Record<string, unknown>>> {
    const list = this.operation('get', path);
    if (!list) return [];
    const paged = list.spec.parameters?.some((p) => p.in === 'query' && p.name === 'limit');
    const response = await this.callAs<unknown>(this.callerOf(list) ?? DEFAULT_USER, 'get', paged ? `${path}?limit=200` : path);
    const body = response.body as { data?: unknown } | unknown[];
    return (Array.isArray(body) ? body : Array.isArray(body?.data) ? body.data : []) as Array<Record<string, unknown>>;
  }

  /** Real ids for the path parameters: `{id}` in /things/{id} is an item of GET /things. */
  async pathParams(op: Operation): Promise<Record<string, string>> {
    const params: Record<string, string> = {};
    for (const match of op.path.matchAll(/\{([^}]+)\}/g)) {
      const collection = op.path.slice(0, match.index).replace(/\/$/, '');
      const items = await this.collectionItems(collection);
      const pick = this.pathTargets[collection] ?? (() => true);
      const item = items.find(pick) ?? items[0];
      params[match[1]] = String(item?.id ?? '00000000-0000-4000-8000-000000000000');
    }
    return params;
  }

  /**
   * The ETag to send as If-Match, read with GET from the operation's own path or the nearest parent path that
   * has a GET (PUT /users/{id}/roles → GET /users/{id}).
   */
  async ifMatch(op: Operation, pathParams: Record<string, string>, session: Session): Promise<string | undefined> {
    const segments = op.path.split('/');
    for (let n = segments.length; n > 1; n--) {
      const path = segments.slice(0, n).join('/');
      if (!this.operation('get', path)) continue;
      const url = path.replace(/\{([^}]+)\}/g, (_, name: string) => encodeURIComponent(pathParams[name]));
      const response = await this.t.http.get(url).set('Authorization', `Bearer ${session.accessToken}`);
      return response.status === 200 ? (response.headers.etag as string | undefined) : undefined;
    }
    return undefined;
  }
}
