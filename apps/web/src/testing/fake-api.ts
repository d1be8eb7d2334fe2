import type { User } from '@/lib/api';

type Handler = (request: Request) => Response | Promise<Response>;

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } });
}

/** An RFC 9457 answer as the API writes it. */
export function problem(status: number, code: string, extra: Record<string, unknown> = {}, headers: Record<string, string> = {}): Response {
  const body = { type: `https://lianxi.dev/problems/${code}`, title: code, status, code, requestId: 'req-test', ...extra };
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/problem+json', ...headers } });
}

/**
 * A fetch that answers from a table keyed "METHOD /path" and records every request; anything unlisted is a
 * 404 problem, so a test fails loudly on a call it did not expect.
 */
export function createFakeFetch(routes: Record<string, Handler>) {
  const requests: Request[] = [];
  async function fetch(request: Request): Promise<Response> {
    requests.push(request.clone());
    const handler = routes[`${request.method} ${new URL(request.url).pathname}`];
    return handler ? handler(request) : problem(404, 'not_found');
  }
  return { fetch, requests };
}

export function demoUser(overrides: Partial<User> = {}): User {
  return {
    id: '0190a0b0-0000-7000-8000-000000000001',
    email: 'rep.e1@lianxi.test',
    name: '王磊',
    nameEn: 'Wang Lei',
    phone: null,
    locale: 'zh-CN',
    active: true,
    team: { id: '0190a0b0-0000-7000-8000-0000000000e1', name: '华东一组', nameEn: 'East 1' },
    partnerAccount: null,
    managerId: null,
    roles: [{ key: 'sales_rep', name: '销售代表', nameEn: 'Sales rep', description: 'Sells' }],
    lastLoginAt: null,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    version: 1,
    ...overrides,
  };
}

export function tokenResponse(user: User = demoUser(), accessToken = 'access-1') {
  return { accessToken, expiresIn: 900, user };
}

export interface FakeDirectoryUser {
  id: string;
  name: string;
  nameEn: string;
  email: string;
  team: { id: string; name: string; nameEn: string } | null;
  /** Defaults to true. */
  active?: boolean;
}

/**
 * `GET /api/v1/directory/users` over `users`, like the API: `q` matches names and email among active users, `ids`
 * picks exactly those users (deactivated ones included).
 */
export function directoryHandler(users: readonly FakeDirectoryUser[]) {
  return (request: Request): Response => {
    const params = new URL(request.url).searchParams;
    const q = params.get('q')?.toLowerCase();
    const ids = params.get('ids')?.split(',');
    const data = users
      .map((user) => ({ ...user, active: user.active ?? true }))
      .filter((user) => (ids ? ids.includes(user.id) : user.active && (!q || [user.name, user.nameEn, user.email].some((text) => text.toLowerCase().includes(q)))));
    return json({ data, nextCursor: null });
  };
}
