import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Response } from 'supertest';
import { createTestApp, TestApp } from './support/test-app';

/**
 * API keys: a key acts as its user (roles, team, partner account and field rules reloaded on every request), is
 * made only by that user from an interactive session, and every key that does not work gets the same 401.
 */
describe('API keys', () => {
  let t: TestApp;
  let partner: { accessToken: string; userId: string };
  let admin: { accessToken: string; userId: string };
  let partnerAccountId: string;
  let key: { id: string; secret: string; prefix: string };

  const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
  const apiKey = (secret: string) => ({ 'X-API-Key': secret });
  const ids = (response: Response) => (response.body.data as Array<{ id: string }>).map((r) => r.id).sort();
  /** A problem without what differs per request. */
  const problem = (response: Response) => ({ ...response.body, instance: undefined, requestId: undefined });

  async function createKey(accessToken: string, body: object = { name: 'ERP order sync' }): Promise<{ id: string; secret: string; prefix: string }> {
    const response = await t.http.post('/api/v1/me/api-keys').set(bearer(accessToken)).send(body);
    if (response.status !== 201) throw new Error(`creating a key → ${response.status} ${JSON.stringify(response.body)}`);
    return response.body;
  }

  /** A new user of Distributor X with a password (set through the mailed one-time link), signed in. */
  async function partnerUser(label: string): Promise<{ accessToken: string; userId: string; email: string }> {
    const email = `partner.${label}@lianxi.test`;
    await t.http
      .post('/api/v1/users')
      .set(bearer(admin.accessToken))
      .send({ email, name: `经销商 ${label}`, nameEn: `Partner ${label}`, roles: ['partner'], partnerAccountId })
      .expect(201);
    const [mail] = await t.sql<{ body: string }>('select body from mail_outbox where recipient = $1 order by id desc limit 1', [email]);
    const token = /#token=([A-Za-z0-9_-]+)/.exec(mail.body)![1];
    const password = `A long passphrase for ${label}`;
    await t.http.post('/api/v1/auth/password-reset').send({ token, newPassword: password }).expect(204);
    return { ...(await t.login(email, password)), email };
  }

  async function setUser(userId: string, path: '' | '/roles', method: 'patch' | 'put', body: object): Promise<void> {
    const current = await t.http.get(`/api/v1/users/${userId}`).set(bearer(admin.accessToken)).expect(200);
    await t.http[method](`/api/v1/users/${userId}${path}`).set(bearer(admin.accessToken)).set('If-Match', current.headers.etag).send(body).expect(200);
  }

  beforeAll(async () => {
    t = await createTestApp();
    partner = await t.login('partner@lianxi.test');
    admin = await t.login('admin@lianxi.test');
    partnerAccountId = (await t.http.get('/api/v1/me').set(bearer(partner.accessToken)).expect(200)).body.partnerAccount.id;
    key = await createKey(partner.accessToken);
  });
  afterAll(() => t.close());

  describe('creating', () => {
    it('returns the whole key once, uncached; stores only its SHA-256 and prefix', async () => {
      const response = await t.http.post('/api/v1/me/api-keys').set(bearer(partner.accessToken)).send({ name: 'Web shop' }).expect(201);
      expect(response.headers['cache-control']).toBe('no-store');
      const { secret, prefix } = response.body;
      expect(secret).toMatch(/^lxk_[0-9a-f]{16}_[A-Za-z0-9_-]{43}$/);
      expect(secret.startsWith(`${prefix}_`)).toBe(true);
      expect(response.body).toMatchObject({ userId: partner.userId, name: 'Web shop', lastUsedAt: null, revokedAt: null, revokedReason: null });
      expect(response.body).not.toHaveProperty('secretHash');
      // Without expiresAt a key lives the longest allowed time: 365 days.
      const lifetimeDays = (Date.parse(response.body.expiresAt) - Date.now()) / 86_400_000;
      expect(lifetimeDays).toBeGreaterThan(364.9);
      expect(lifetimeDays).toBeLessThanOrEqual(365);

      const [row] = await t.sql<{ secret_hash: Buffer; prefix: string }>('select secret_hash, prefix from api_keys where id = $1', [response.body.id]);
      expect(row.secret_hash.equals(createHash('sha256').update(secret).digest())).toBe(true);
      expect(row.prefix).toBe(prefix);
      const [audit] = await t.sql<{ actor_id: string; details: Record<string, unknown> }>(`select actor_id, details from audit_events where action = 'api_key.created' and entity_id = $1`, [response.body.id]);
      expect(audit).toMatchObject({ actor_id: partner.userId, details: { userId: partner.userId, name: 'Web shop', prefix } });
    });

    it('takes an expiry in the future, at most 365 days ahead (400 naming expiresAt otherwise)', async () => {
      const at = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();
      const ok = await t.http.post('/api/v1/me/api-keys').set(bearer(partner.accessToken)).send({ name: 'Quarterly', expiresAt: at(90) }).expect(201);
      expect(Math.round((Date.parse(ok.body.expiresAt) - Date.now()) / 86_400_000)).toBe(90);
      for (const expiresAt of [at(-1), at(0) /* by the time it arrives, the past */, at(366), 'tomorrow']) {
        const refused = await t.http.post('/api/v1/me/api-keys').set(bearer(partner.accessToken)).send({ name: 'Bad expiry', expiresAt });
        expect(refused.status).toBe(400);
        expect(refused.body.errors.map((e: { field: string }) => e.field)).toContain('expiresAt');
      }
    });

    it('is self-service only: no way to make a key for someone else', async () => {
      const forSomeoneElse = await t.http.post('/api/v1/me/api-keys').set(bearer(admin.accessToken)).send({ name: 'Impersonation', userId: partner.userId });
      expect(forSomeoneElse.status).toBe(400);
      expect(forSomeoneElse.body.errors.map((e: { field: string }) => e.field)).toContain('userId');
      const adminCreate = await t.http.post('/api/v1/api-keys').set(bearer(admin.accessToken)).send({ name: 'x', userId: partner.userId });
      expect(adminCreate.status).toBe(404);
      const [{ count }] = await t.sql<{ count: string }>('select count(*) from api_keys where user_id = $1 and name in ($2, $3)', [partner.userId, 'Impersonation', 'x']);
      expect(Number(count)).toBe(0);
    });
  });

  describe('acting as the partner user', () => {
    let otherPartnerAccountId: string;

    beforeAll(async () => {
      // Another distributor with a user and a customer of its own.
      otherPartnerAccountId = randomUUID();
      const otherUserId = randomUUID();
      await t.sql(`insert into partner_accounts (id, name, name_en) values ($1, '经销商Y', 'Distributor Y')`, [otherPartnerAccountId]);
      await t.sql(`insert into users (id, email, name, name_en, partner_account_id) values ($1, 'partner.y@lianxi.test', '经销商Y', 'Distributor Y user', $2)`, [otherUserId, otherPartnerAccountId]);
      await t.sql(`insert into accounts (id, name, owner_id, partner_account_id) values ($1, 'Distributor Y customer', $2, $3)`, [randomUUID(), otherUserId, otherPartnerAccountId]);
    });

    it.each([
      ['X-API-Key', () => apiKey(key.secret)],
      ['Authorization: Bearer', () => bearer(key.secret)],
    ])('lists exactly the records of its partner account, as the JWT does (%s)', async (_name, headers) => {
      for (const path of ['/api/v1/accounts', '/api/v1/contacts']) {
        const withKey = await t.http.get(path).query({ limit: 200 }).set(headers()).expect(200);
        const withJwt = await t.http.get(path).query({ limit: 200 }).set(bearer(partner.accessToken)).expect(200);
        expect(withKey.body).toEqual(withJwt.body);
        const table = path.endsWith('accounts') ? 'accounts' : 'contacts';
        const expected = await t.sql<{ id: string }>(`select id from ${table} where partner_account_id = $1`, [partnerAccountId]);
        expect(ids(withKey)).toEqual(expected.map((r) => r.id).sort());
        expect(ids(withKey).length).toBeGreaterThan(0);
      }
    });

    it('gets 404 for another distributor\'s or an internal record, with the body of a missing id', async () => {
      const missing = await t.http.get(`/api/v1/accounts/${randomUUID()}`).set(apiKey(key.secret)).expect(404);
      const [other] = await t.sql<{ id: string }>('select id from accounts where partner_account_id = $1', [otherPartnerAccountId]);
      const [internal] = await t.sql<{ id: string }>('select id from accounts where partner_account_id is null limit 1');
      for (const id of [other.id, internal.id]) {
        const response = await t.http.get(`/api/v1/accounts/${id}`).set(apiKey(key.secret));
        expect(response.status).toBe(404);
        expect(problem(response)).toEqual(problem(missing));
      }
    });

    it('creates records owned by the user and linked to the partner account; the audit names the key', async () => {
      const account = await t.http.post('/api/v1/accounts').set(apiKey(key.secret)).send({ name: 'Dalian Port Machinery (via key)' }).expect(201);
      expect(account.body).toMatchObject({ ownerId: partner.userId, partnerAccountId });
      const contact = await t.http.post('/api/v1/contacts').set(bearer(key.secret)).send({ accountId: account.body.id, name: 'Gao Feng' }).expect(201);
      expect(contact.body).toMatchObject({ ownerId: partner.userId, partnerAccountId });
      const audit = await t.sql<{ actor_id: string; api_key_id: string | null }>('select actor_id, api_key_id from audit_events where entity_id = any($1)', [[account.body.id, contact.body.id]]);
      expect(audit.length).toBe(2);
      for (const row of audit) expect(row).toEqual({ actor_id: partner.userId, api_key_id: key.id });
      // What the user does in person is told apart.
      const inPerson = await t.http.post('/api/v1/accounts').set(bearer(partner.accessToken)).send({ name: 'Dalian Port Machinery (in person)' }).expect(201);
      const [row] = await t.sql<{ api_key_id: string | null }>('select api_key_id from audit_events where entity_id = $1', [inPerson.body.id]);
      expect(row.api_key_id).toBeNull();
    });

    it('records last use at most once a minute', async () => {
      const before = await t.sql<{ last_used_at: Date | null }>('select last_used_at from api_keys where id = $1', [key.id]);
      expect(before[0].last_used_at).toBeInstanceOf(Date);
      await t.http.get('/api/v1/me').set(apiKey(key.secret)).expect(200);
      const after = await t.sql<{ last_used_at: Date | null }>('select last_used_at from api_keys where id = $1', [key.id]);
      expect(after[0].last_used_at).toEqual(before[0].last_used_at);
      // A minute later, the next use writes again.
      await t.sql(`update api_keys set last_used_at = now() - interval '61 seconds' where id = $1`, [key.id]);
      await t.http.get('/api/v1/me').set(apiKey(key.secret)).expect(200);
      const [later] = await t.sql<{ fresh: boolean }>(`select last_used_at > now() - interval '10 seconds' as fresh from api_keys where id = $1`, [key.id]);
      expect(later.fresh).toBe(true);
      const list = await t.http.get('/api/v1/me/api-keys').set(bearer(partner.accessToken)).expect(200);
      expect(list.body.data.find((k: { id: string }) => k.id === key.id).lastUsedAt).toEqual(expect.any(String));
    });

    it('follows role changes on the next request (field rules included)', async () => {
      const user = await partnerUser('roles');
      const { secret } = await createKey(user.accessToken);
      const emails = async () => ((await t.http.get('/api/v1/contacts').set(apiKey(secret)).expect(200)).body.data as Array<{ email?: string }>).map((c) => c.email);
      expect((await emails()).some((email) => typeof email === 'string')).toBe(true);
      // Quality inspectors may not read contacts' emails; the partner account still narrows what they see.
      await setUser(user.userId, '/roles', 'put', { roles: ['quality_inspector'] });
      const after = await t.http.get('/api/v1/contacts').set(apiKey(secret)).expect(200);
      expect(after.body.data.length).toBeGreaterThan(0);
      for (const contact of after.body.data) {
        expect(contact).not.toHaveProperty('email');
        expect(contact.partnerAccountId).toBe(partnerAccountId);
      }
    });
  });

  describe('keys that do not work', () => {
    it('get one and the same 401 whatever the reason: garbage, unknown, wrong secret, revoked, expired, deactivated user', async () => {
      const revoked = await createKey(partner.accessToken, { name: 'To revoke' });
      await t.http.delete(`/api/v1/me/api-keys/${revoked.id}`).set(bearer(partner.accessToken)).expect(204);
      const expired = await createKey(partner.accessToken, { name: 'To expire' });
      await t.sql(`update api_keys set expires_at = now() - interval '1 second' where id = $1`, [expired.id]);
      const departing = await partnerUser('departing');
      const orphaned = await createKey(departing.accessToken, { name: 'Of a user who leaves' });
      await t.http.get('/api/v1/me').set(apiKey(orphaned.secret)).expect(200);
      await setUser(departing.userId, '', 'patch', { active: false });
      // Even a key that somehow outlived its user's deactivation (deactivation revokes keys too) stops working.
      const inactive = await partnerUser('inactive');
      const stranded = await createKey(inactive.accessToken, { name: 'Of an inactive user' });
      await t.sql('update users set active = false where id = $1', [inactive.userId]);

      const unknown = `lxk_${randomBytes(8).toString('hex')}_${randomBytes(32).toString('base64url')}`;
      const wrongSecret = `${key.prefix}_${randomBytes(32).toString('base64url')}`;
      const cases: Record<string, string> = {
        garbage: 'lxk_garbage',
        unknown,
        'wrong secret for a real key': wrongSecret,
        revoked: revoked.secret,
        expired: expired.secret,
        'revoked with its deactivated user': orphaned.secret,
        'inactive user': stranded.secret,
      };
      const bodies: unknown[] = [];
      for (const [name, secret] of Object.entries(cases)) {
        for (const headers of [apiKey(secret), bearer(secret)]) {
          const response = await t.http.get('/api/v1/accounts').set(headers);
          expect({ name, status: response.status, type: response.headers['content-type'] }).toEqual({ name, status: 401, type: expect.stringContaining('application/problem+json') });
          bodies.push(problem(response));
        }
      }
      expect(new Set(bodies.map((b) => JSON.stringify(b))).size).toBe(1);
      expect(bodies[0]).toMatchObject({ status: 401, code: 'unauthenticated', detail: expect.stringMatching(/API key is not valid/) });
      // Not an X-API-Key of our format at all: the same answer.
      expect(problem(await t.http.get('/api/v1/accounts').set(apiKey('abc')).expect(401))).toEqual(bodies[0]);
      // The real key still works.
      await t.http.get('/api/v1/accounts').set(apiKey(key.secret)).expect(200);
    });

    it('deactivating the user revokes their keys for good', async () => {
      const user = await partnerUser('leaver');
      const { id, secret } = await createKey(user.accessToken);
      await setUser(user.userId, '', 'patch', { active: false });
      const [row] = await t.sql<{ revoked_reason: string; revoked_by: string }>('select revoked_reason, revoked_by from api_keys where id = $1', [id]);
      expect(row).toEqual({ revoked_reason: 'user_deactivated', revoked_by: admin.userId });
      await setUser(user.userId, '', 'patch', { active: true });
      await t.http.get('/api/v1/me').set(apiKey(secret)).expect(401);
    });

    it('refuses a request that carries both X-API-Key and Authorization', async () => {
      const response = await t.http.get('/api/v1/me').set(apiKey(key.secret)).set(bearer(partner.accessToken));
      expect(response.status).toBe(401);
    });
  });

  describe('session-only operations', () => {
    it('refuse API keys with 403: making keys, changing the password, logging out', async () => {
      const attempts = [
        t.http.post('/api/v1/me/api-keys').set(apiKey(key.secret)).send({ name: 'Key from a key' }),
        t.http.post('/api/v1/me/api-keys').set(bearer(key.secret)).send({ name: 'Key from a key' }),
        t.http.post('/api/v1/me/password').set(apiKey(key.secret)).send({ currentPassword: 'Demo#partner#2026', newPassword: 'A new passphrase via key' }),
        t.http.post('/api/v1/auth/logout').set(apiKey(key.secret)),
      ];
      for (const response of await Promise.all(attempts)) {
        expect(response.status).toBe(403);
        expect(response.body).toMatchObject({ code: 'forbidden', detail: expect.stringMatching(/interactive session/) });
      }
      const [{ count }] = await t.sql<{ count: string }>(`select count(*) from api_keys where name = 'Key from a key'`);
      expect(Number(count)).toBe(0);
      // The key still works, and the password is unchanged.
      await t.http.get('/api/v1/me').set(apiKey(key.secret)).expect(200);
      await t.login('partner@lianxi.test');
    });
  });

  describe('listing and revoking', () => {
    it('lists the caller\'s own keys, newest first, never with a secret', async () => {
      const list = await t.http.get('/api/v1/me/api-keys').set(apiKey(key.secret)).expect(200);
      expect(list.body.data.length).toBeGreaterThan(1);
      expect(list.body.data.every((k: { userId: string }) => k.userId === partner.userId)).toBe(true);
      expect(list.body.data.map((k: { id: string }) => k.id)).toEqual(list.body.data.map((k: { id: string }) => k.id).sort().reverse());
      expect(Object.keys(list.body.data[0]).sort()).toEqual(['createdAt', 'expiresAt', 'id', 'lastUsedAt', 'name', 'prefix', 'revokedAt', 'revokedReason', 'userId']);
      expect(JSON.stringify(list.body)).not.toContain(key.secret.slice(key.prefix.length + 1));
      const firstPage = await t.http.get('/api/v1/me/api-keys').query({ limit: 1 }).set(bearer(partner.accessToken)).expect(200);
      const secondPage = await t.http.get('/api/v1/me/api-keys').query({ limit: 1, cursor: firstPage.body.nextCursor }).set(bearer(partner.accessToken)).expect(200);
      expect(secondPage.body.data[0].id).toBe(list.body.data[1].id);
    });

    it('lets nobody revoke another user\'s key except an administrator (404 as if missing)', async () => {
      const rep = await t.login('rep.e1@lianxi.test');
      await t.http.delete(`/api/v1/me/api-keys/${key.id}`).set(bearer(rep.accessToken)).expect(404);
      await t.http.delete(`/api/v1/api-keys/${key.id}`).set(bearer(rep.accessToken)).expect(403);
      await t.http.get('/api/v1/api-keys').set(bearer(rep.accessToken)).expect(403);
      await t.http.get('/api/v1/me').set(apiKey(key.secret)).expect(200);
    });

    it('lets an administrator list every key (filter by user) and revoke any, audited', async () => {
      const all = await t.http.get('/api/v1/api-keys').query({ limit: 200 }).set(bearer(admin.accessToken)).expect(200);
      expect(all.body.data.map((k: { id: string }) => k.id)).toContain(key.id);
      expect(new Set(all.body.data.map((k: { userId: string }) => k.userId)).size).toBeGreaterThan(1);
      expect(JSON.stringify(all.body)).not.toMatch(/secret/i);
      const mine = await t.http.get('/api/v1/api-keys').query({ userId: partner.userId, limit: 200 }).set(bearer(admin.accessToken)).expect(200);
      expect(mine.body.data.every((k: { userId: string }) => k.userId === partner.userId)).toBe(true);
      expect(mine.body.data.length).toBeLessThan(all.body.data.length);

      await t.http.delete(`/api/v1/api-keys/${key.id}`).set(bearer(admin.accessToken)).expect(204);
      await t.http.delete(`/api/v1/api-keys/${key.id}`).set(bearer(admin.accessToken)).expect(204);
      await t.http.delete(`/api/v1/api-keys/${randomUUID()}`).set(bearer(admin.accessToken)).expect(404);
      await t.http.get('/api/v1/me').set(apiKey(key.secret)).expect(401);
      const listed = await t.http.get('/api/v1/me/api-keys').query({ limit: 200 }).set(bearer(partner.accessToken)).expect(200);
      expect(listed.body.data.find((k: { id: string }) => k.id === key.id)).toMatchObject({ revokedAt: expect.any(String), revokedReason: 'administrator' });
      const audit = await t.sql<{ actor_id: string; details: Record<string, unknown> }>(`select actor_id, details from audit_events where action = 'api_key.revoked' and entity_id = $1`, [key.id]);
      expect(audit).toEqual([{ actor_id: admin.userId, details: { userId: partner.userId, name: 'ERP order sync', prefix: key.prefix, reason: 'administrator' } }]);
    });

    it('lets a key revoke itself', async () => {
      const own = await createKey(partner.accessToken, { name: 'Self-revoking' });
      await t.http.delete(`/api/v1/me/api-keys/${own.id}`).set(apiKey(own.secret)).expect(204);
      await t.http.get('/api/v1/me').set(apiKey(own.secret)).expect(401);
      const [row] = await t.sql<{ revoked_reason: string; revoked_by: string }>('select revoked_reason, revoked_by from api_keys where id = $1', [own.id]);
      expect(row).toEqual({ revoked_reason: 'owner', revoked_by: partner.userId });
    });
  });

  it('never writes a secret anywhere but the creation response', async () => {
    const secrets = (await t.sql<{ count: string }>('select count(*) from api_keys'))[0];
    expect(Number(secrets.count)).toBeGreaterThan(3);
    const leaks = await t.sql(`select id from audit_events where coalesce(details::text, '') || coalesce(changes::text, '') ~ 'lxk_[0-9a-f]{16}_'`);
    expect(leaks).toEqual([]);
  });
});
