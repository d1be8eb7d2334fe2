import { createApiClient, type ApiClient, type Middleware, type paths, type Schema } from '@lianxi/api-client';

export type User = Schema<'UserDto'>;
export type TokenResponse = paths['/api/v1/auth/login']['post']['responses'][200]['content']['application/json'];
export type LoginBody = NonNullable<paths['/api/v1/auth/login']['post']['requestBody']>['content']['application/json'];

/** An error answer of the API (RFC 9457 problem+json), with the field errors keyed by field. */
export class ApiError extends Error {
  override readonly name = 'ApiError';

  constructor(
    readonly status: number,
    readonly code: string | undefined,
    readonly title: string,
    readonly detail: string | undefined,
    readonly requestId: string | undefined,
    /** Server messages by field (`currentPassword`, `If-Match`, …); the first message wins. */
    readonly fieldErrors: Readonly<Record<string, string>>,
    /** From the Retry-After header of a 429, in seconds. */
    readonly retryAfterSeconds: number | undefined,
  ) {
    super(detail ?? title);
  }
}

function stringField(body: object, key: string): string | undefined {
  const value: unknown = (body as Record<string, unknown>)[key];
  return typeof value === 'string' ? value : undefined;
}

function parseRetryAfter(header: string | null): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, Math.ceil(seconds));
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}

/** Reads a problem body defensively: a proxy or a crash may answer with HTML or nothing. */
export function toApiError(body: unknown, response: Response): ApiError {
  const problem = typeof body === 'object' && body !== null ? body : {};
  const fieldErrors: Record<string, string> = {};
  const errors: unknown = (problem as Record<string, unknown>).errors;
  if (Array.isArray(errors)) {
    for (const entry of errors as unknown[]) {
      if (typeof entry !== 'object' || entry === null) continue;
      const field = stringField(entry, 'field');
      const message = stringField(entry, 'message');
      if (field && message && !(field in fieldErrors)) fieldErrors[field] = message;
    }
  }
  return new ApiError(
    response.status,
    stringField(problem, 'code'),
    stringField(problem, 'title') ?? response.statusText,
    stringField(problem, 'detail'),
    stringField(problem, 'requestId'),
    fieldErrors,
    parseRetryAfter(response.headers.get('Retry-After')),
  );
}

/** Awaits an openapi-fetch call and returns its data, or throws an ApiError for a non-2xx answer. */
export async function unwrap<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  const { data, error, response } = await call;
  if (!response.ok) throw toApiError(error, response);
  // openapi-fetch leaves data undefined only for bodiless answers (204), whose type is then undefined too.
  return data as T;
}

/** The weak ETag the API expects back in If-Match for a record read at `version`. */
/**
 * A new Idempotency-Key for one POST: a retry of that request (by a proxy or a resend after a dropped connection)
 * is answered from the first and creates nothing twice. Two clicks are two requests; where that must not repeat an
 * effect (convert to order), the view keeps one key for its life instead (see useConvertQuote).
 */
export function idempotencyKey(): { 'Idempotency-Key': string } {
  return { 'Idempotency-Key': crypto.randomUUID() };
}

export function ifMatch(version: number): { 'If-Match': string } {
  return { 'If-Match': `W/"${version}"` };
}

export type SessionStatus = 'restoring' | 'signedIn' | 'signedOut';

export interface SessionState {
  status: SessionStatus;
  /** The user as of the last login or refresh; the live copy is the `me` query. */
  user: User | null;
}

/** Paths whose 401 means "bad credentials or cookie", not "access token expired": never refresh-and-retry them. */
function isAuthPath(schemaPath: string): boolean {
  return schemaPath.startsWith('/api/v1/auth/');
}

/**
 * Runs `task` while holding a lock shared by every tab of this origin. Tabs share the refresh cookie, so two
 * tabs refreshing at once would present the same single-use token twice; in turn, each sends the newest cookie.
 */
function acrossTabs<T>(task: () => Promise<T>): Promise<T> {
  const locks = typeof navigator === 'undefined' ? undefined : navigator.locks;
  return locks ? locks.request('lianxi-auth-refresh', task) : task();
}

export interface ApiOptions {
  /** Server origin; '' (same origin) in the browser. Tests pass an absolute origin because Node's Request needs one. */
  baseUrl?: string;
  /** Replaces global fetch, e.g. with a fake in component tests. */
  fetch?: (request: Request) => Promise<Response>;
}

/**
 * The one API client of the SPA and the session it carries. The access token lives only in memory (an XSS
 * payload cannot lift it from storage); the refresh token is an httpOnly cookie the browser sends to /api/v1/auth.
 */
export function createApi({ baseUrl = '', fetch }: ApiOptions = {}) {
  let accessToken: string | null = null;
  let state: SessionState = { status: 'restoring', user: null };
  const listeners = new Set<() => void>();
  let refreshInFlight: Promise<TokenResponse | null> | null = null;

  function setState(next: SessionState): void {
    state = next;
    for (const listener of listeners) listener();
  }

  function signIn(tokens: TokenResponse): TokenResponse {
    accessToken = tokens.accessToken;
    setState({ status: 'signedIn', user: tokens.user });
    return tokens;
  }

  function signOut(): void {
    accessToken = null;
    if (state.status !== 'signedOut') setState({ status: 'signedOut', user: null });
  }

  const authMiddleware: Middleware = (() => {
    // Request bodies can be read once, so a copy is kept for the single retry after a refresh.
    const retryCopies = new Map<string, { copy: Request; sentToken: string | null }>();
    return {
      onRequest({ request, schemaPath, id }) {
        if (accessToken) request.headers.set('Authorization', `Bearer ${accessToken}`);
        if (!isAuthPath(schemaPath)) retryCopies.set(id, { copy: request.clone(), sentToken: accessToken });
        return request;
      },
      async onResponse({ response, id, options }) {
        const pending = retryCopies.get(id);
        retryCopies.delete(id);
        if (response.status !== 401 || !pending) return undefined;
        // Another request may already have refreshed while this one was on the wire: reuse that token.
        const token = accessToken && accessToken !== pending.sentToken ? accessToken : (await refresh())?.accessToken;
        if (!token) return undefined;
        pending.copy.headers.set('Authorization', `Bearer ${token}`);
        return options.fetch(pending.copy);
      },
      onError({ id }) {
        retryCopies.delete(id);
        return undefined;
      },
    };
  })();

  const client: ApiClient = createApiClient({ baseUrl, credentials: 'include', middleware: [authMiddleware], ...(fetch ? { fetch } : {}) });

  /**
   * Trades the refresh cookie for a new access token. Refresh tokens are single-use and a reused one ends the
   * whole session, so concurrent callers in this tab share one in-flight request, and tabs take turns.
   */
  function refresh(): Promise<TokenResponse | null> {
    refreshInFlight ??= (async () => {
      try {
        const result = await acrossTabs(() => client.POST('/api/v1/auth/refresh'));
        if (!result.data) {
          signOut();
          return null;
        }
        return signIn(result.data);
      } catch {
        signOut();
        return null;
      } finally {
        refreshInFlight = null;
      }
    })();
    return refreshInFlight;
  }

  return {
    client,
    getState: (): SessionState => state,
    /** For useSyncExternalStore: notified on every session change. */
    subscribe(listener: () => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    refresh,
    /** Restores the session from the refresh cookie, once per page load. */
    restore(): Promise<TokenResponse | null> {
      return state.status === 'restoring' ? refresh() : Promise.resolve(null);
    },
    async login(credentials: LoginBody): Promise<User> {
      return signIn(await unwrap(client.POST('/api/v1/auth/login', { body: credentials }))).user;
    },
    /** Signs out locally even when the server cannot be reached: the user asked to leave. */
    async logout(): Promise<void> {
      try {
        const { response } = await client.POST('/api/v1/auth/logout');
        // An expired access token must not leave the server session (and its cookie) alive.
        if (response.status === 401 && (await refresh())) await client.POST('/api/v1/auth/logout');
      } catch {
        // Server unreachable: sign out here anyway; the server session ends when its refresh token expires.
      } finally {
        signOut();
      }
    },
  };
}

export type Api = ReturnType<typeof createApi>;
