import { USERS, demoPassword } from '../src/demo/demo-organisation';
import { RoleKey } from '../src/identity/roles/role-key';
import { createTestApp, TestApp } from './support/test-app';

const PROBLEM = /application\/problem\+json/;

describe('authentication and sessions', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('lets every demo user sign in and returns them with roles and team', async () => {
    for (const demo of USERS) {
      const response = await t.http.post('/api/v1/auth/login').send({ email: demo.email, password: demoPassword(demo.email) });
      expect(response.status).toBe(200);
      expect(response.body.accessToken).toEqual(expect.any(String));
      expect(response.body.user).toMatchObject({ email: demo.email, roles: [expect.objectContaining({ key: demo.role })] });
      const cookie = ([] as string[]).concat(response.headers['set-cookie'] ?? []).find((c) => c.startsWith('lx_refresh='));
      expect(cookie).toMatch(/HttpOnly/);
      expect(cookie).toMatch(/SameSite=Strict/);
      expect(cookie).toMatch(/Path=\/api\/v1\/auth/);
    }
  });

  it('has exactly the built-in roles, from a migration (so production has them too)', async () => {
    const roles = await t.sql<{ key: string }>('select key from roles order by key');
    expect(roles.map((r) => r.key)).toEqual(Object.values(RoleKey).sort());
  });

  it('GET /me returns the caller with roles and team', async () => {
    const { accessToken } = await t.login('rep.e1@lianxi.test');
    const me = await t.http.get('/api/v1/me').set('Authorization', `Bearer ${accessToken}`).expect(200);
    expect(me.body).toMatchObject({
      email: 'rep.e1@lianxi.test',
      name: '王磊',
      nameEn: 'Wang Lei',
      team: { name: '华东一组', nameEn: 'Group E1' },
      roles: [{ key: 'sales_rep', name: '销售代表', nameEn: 'Sales rep' }],
    });
    expect(me.headers.etag).toBe(`W/"${me.body.version}"`);
    const partner = await t.login('partner@lianxi.test');
    const partnerMe = await t.http.get('/api/v1/me').set('Authorization', `Bearer ${partner.accessToken}`).expect(200);
    expect(partnerMe.body).toMatchObject({ team: null, partnerAccount: { nameEn: 'Distributor X' } });
  });

  it('gives the same 401 for an unknown email and a wrong password, and audits both', async () => {
    const unknown = await t.http.post('/api/v1/auth/login').send({ email: 'nobody@lianxi.test', password: 'whatever-password' });
    const wrong = await t.http.post('/api/v1/auth/login').send({ email: 'gm@lianxi.test', password: 'not-the-password' });
    expect(unknown.status).toBe(401);
    expect(wrong.status).toBe(401);
    expect(unknown.headers['content-type']).toMatch(PROBLEM);
    const strip = (body: Record<string, unknown>) => ({ ...body, requestId: undefined });
    expect(strip(unknown.body)).toEqual(strip(wrong.body));
    const rows = await t.sql<{ actor_email: string; details: { reason: string } }>(
      `select actor_email, details from audit_events where action = 'auth.login_failed' order by id`,
    );
    expect(rows.map((r) => [r.actor_email, r.details.reason])).toEqual([
      ['nobody@lianxi.test', 'unknown_email'],
      ['gm@lianxi.test', 'wrong_password'],
    ]);
  });

  it('locks an account after repeated failures with 429 and Retry-After, even for the right password', async () => {
    const email = 'finance@lianxi.test';
    for (let i = 0; i < 5; i++) {
      await t.http.post('/api/v1/auth/login').send({ email, password: `wrong-${i}` }).expect(401);
    }
    const locked = await t.http.post('/api/v1/auth/login').send({ email, password: demoPassword(email) });
    expect(locked.status).toBe(429);
    expect(Number(locked.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(locked.headers['content-type']).toMatch(PROBLEM);
    const [lock] = await t.sql<{ n: number }>(`select count(*)::int as n from audit_events where action = 'auth.locked' and actor_email = $1`, [email]);
    expect(lock.n).toBe(1);
    // Unknown accounts lock the same way, so a lock reveals nothing.
    for (let i = 0; i < 5; i++) await t.http.post('/api/v1/auth/login').send({ email: 'ghost@lianxi.test', password: `x-${i}` });
    expect((await t.http.post('/api/v1/auth/login').send({ email: 'ghost@lianxi.test', password: 'x' })).status).toBe(429);
    // Once the lock has passed, the right password works again and the counter resets.
    await t.sql(`update login_throttle set locked_until = now() - interval '1 second' where key = $1`, [`account:${email}`]);
    await t.http.post('/api/v1/auth/login').send({ email, password: demoPassword(email) }).expect(200);
    const [counter] = await t.sql<{ n: number }>(`select count(*)::int as n from login_throttle where key = $1`, [`account:${email}`]);
    expect(counter.n).toBe(0);
  });

  it('rotates the refresh token, and a reused one revokes the whole session', async () => {
    const first = await t.login('rep.e1b@lianxi.test');
    const refreshed = await t.http.post('/api/v1/auth/refresh').set('Cookie', first.refreshCookie).expect(200);
    const secondCookie = ([] as string[]).concat(refreshed.headers['set-cookie']).find((c) => c.startsWith('lx_refresh='))!.split(';')[0];
    expect(secondCookie).not.toBe(first.refreshCookie);
    await t.http.get('/api/v1/me').set('Authorization', `Bearer ${refreshed.body.accessToken}`).expect(200);

    // The first token again: theft is assumed, the family dies, including the newest access token.
    await t.http.post('/api/v1/auth/refresh').set('Cookie', first.refreshCookie).expect(401);
    await t.http.post('/api/v1/auth/refresh').set('Cookie', secondCookie).expect(401);
    await t.http.get('/api/v1/me').set('Authorization', `Bearer ${refreshed.body.accessToken}`).expect(401);
    const [reuse] = await t.sql<{ n: number }>(`select count(*)::int as n from audit_events where action = 'auth.refresh_token_reused'`);
    expect(reuse.n).toBe(1);
  });

  it('logout revokes the session at once and is audited', async () => {
    const session = await t.login('rep.n1@lianxi.test');
    await t.http.post('/api/v1/auth/logout').set('Authorization', `Bearer ${session.accessToken}`).expect(204);
    await t.http.get('/api/v1/me').set('Authorization', `Bearer ${session.accessToken}`).expect(401);
    await t.http.post('/api/v1/auth/refresh').set('Cookie', session.refreshCookie).expect(401);
    const [logout] = await t.sql<{ n: number }>(`select count(*)::int as n from audit_events where action = 'auth.logout' and actor_id = $1`, [session.userId]);
    expect(logout.n).toBe(1);
  });

  it('refuses missing, malformed, forged and expired tokens with 401 problem+json', async () => {
    const { accessToken } = await t.login('gm@lianxi.test');
    const [header, payload] = accessToken.split('.');
    const forged = `${header}.${payload}.${Buffer.from('not the signature').toString('base64url')}`;
    const expiredPayload = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload, 'base64url').toString()), exp: 1 })).toString('base64url');
    for (const authorization of [undefined, 'Bearer', 'Bearer abc', `Basic ${accessToken}`, `Bearer ${forged}`, `Bearer ${header}.${expiredPayload}.x`]) {
      const request = t.http.get('/api/v1/me');
      if (authorization) request.set('Authorization', authorization);
      const response = await request;
      expect(response.status).toBe(401);
      expect(response.headers['content-type']).toMatch(PROBLEM);
      expect(response.body).toMatchObject({ status: 401, code: 'unauthenticated' });
    }
  });

  it('issues short-lived access tokens', async () => {
    const short = await createTestApp({ ACCESS_TOKEN_TTL_SECONDS: '1' });
    try {
      const { accessToken } = await short.login('gm@lianxi.test');
      await short.http.get('/api/v1/me').set('Authorization', `Bearer ${accessToken}`).expect(200);
      await new Promise((resolve) => setTimeout(resolve, 2100));
      await short.http.get('/api/v1/me').set('Authorization', `Bearer ${accessToken}`).expect(401);
    } finally {
      await short.close();
    }
  });
});
