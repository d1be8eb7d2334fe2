import { demoPassword } from '../src/demo/demo-organisation';
import { createTestApp, TestApp } from './support/test-app';

/** The reset token from the newest mail to `email` in the outbox (the only place it exists in clear). */
async function mailedToken(t: TestApp, email: string): Promise<string> {
  const [mail] = await t.sql<{ body: string }>(`select body from mail_outbox where recipient = $1 order by id desc limit 1`, [email]);
  const token = /#token=([A-Za-z0-9_-]+)/.exec(mail?.body ?? '')?.[1];
  if (!token) throw new Error(`no reset mail for ${email}`);
  return token;
}

describe('users, passwords and separation of duties', () => {
  let t: TestApp;
  let admin: string;
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

  beforeAll(async () => {
    t = await createTestApp();
    admin = (await t.login('admin@lianxi.test')).accessToken;
  });
  afterAll(() => t.close());

  it('lets users change their own password with the old one; policy errors name the field', async () => {
    const email = 'marketing@lianxi.test';
    const session = await t.login(email);
    const other = await t.login(email);
    const change = (currentPassword: string, newPassword: string) =>
      t.http.post('/api/v1/me/password').set(auth(session.accessToken)).send({ currentPassword, newPassword });

    const wrongOld = await change('not my password', 'a brand new long passphrase');
    expect(wrongOld.status).toBe(422);
    expect(wrongOld.body.errors).toEqual([{ field: 'currentPassword', message: 'is wrong' }]);
    for (const [candidate, message] of [
      ['short pass', /at least 12/],
      ['x'.repeat(129), /at most 128/],
      ['qwerty123456', /most common/],
      [email, /email/],
    ] as const) {
      const refused = await change(demoPassword(email), candidate);
      expect(refused.status).toBe(422);
      expect(refused.body.errors[0].field).toBe('newPassword');
      expect(refused.body.errors[0].message).toMatch(message);
    }
    await change(demoPassword(email), '市场部的新密码 is long enough').expect(204);
    // The other session ends; this one goes on.
    await t.http.get('/api/v1/me').set(auth(other.accessToken)).expect(401);
    await t.http.get('/api/v1/me').set(auth(session.accessToken)).expect(200);
    await t.login(email, '市场部的新密码 is long enough');
    const actions = await t.sql<{ action: string }>(`select action from audit_events where entity_id = $1 and action like 'user.password%' order by id`, [session.userId]);
    expect(actions.map((a) => a.action)).toEqual(['user.password_change_failed', 'user.password_changed']);
  });

  it('creates a user without a password; only the mailed one-time link sets it', async () => {
    const created = await t.http
      .post('/api/v1/users')
      .set(auth(admin))
      .send({ email: 'New.Rep@Lianxi.test', name: '新代表', nameEn: 'New Rep', roles: ['sales_rep'], teamId: (await teamId(t, 'E2')) });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ email: 'new.rep@lianxi.test', roles: [{ key: 'sales_rep' }], team: { nameEn: 'Group E2' } });
    expect(JSON.stringify(created.body)).not.toMatch(/password|token/i);
    const [stored] = await t.sql<{ password_hash: string | null }>(`select password_hash from users where email = 'new.rep@lianxi.test'`);
    expect(stored.password_hash).toBeNull();
    await t.http.post('/api/v1/auth/login').send({ email: 'new.rep@lianxi.test', password: 'anything at all' }).expect(401);

    const token = await mailedToken(t, 'new.rep@lianxi.test');
    const weak = await t.http.post('/api/v1/auth/password-reset').send({ token, newPassword: '1qaz2wsx3edc' });
    expect(weak.status).toBe(422);
    await t.http.post('/api/v1/auth/password-reset').send({ token, newPassword: 'my own chosen passphrase' }).expect(204);
    await t.http.post('/api/v1/auth/password-reset').send({ token, newPassword: 'second use of the token' }).expect(400);
    await t.login('new.rep@lianxi.test', 'my own chosen passphrase');

    const duplicate = await t.http.post('/api/v1/users').set(auth(admin)).send({ email: 'new.rep@lianxi.test', name: 'x', nameEn: 'x', roles: [], teamId: await teamId(t, 'E2') });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.errors).toEqual([{ field: 'email', message: 'is already taken' }]);
  });

  it('forces a reset: old password dead, sessions ended, admin never sees the token', async () => {
    const victim = await t.login('quality@lianxi.test');
    const reset = await t.http.post(`/api/v1/users/${victim.userId}/password-reset`).set(auth(admin));
    expect(reset.status).toBe(202);
    expect(Object.keys(reset.body)).toEqual(['expiresAt']);
    await t.http.get('/api/v1/me').set(auth(victim.accessToken)).expect(401);
    await t.http.post('/api/v1/auth/login').send({ email: 'quality@lianxi.test', password: demoPassword('quality@lianxi.test') }).expect(401);
    const token = await mailedToken(t, 'quality@lianxi.test');
    await t.sql(`update password_reset_tokens set expires_at = now() - interval '1 second'`);
    await t.http.post('/api/v1/auth/password-reset').send({ token, newPassword: 'too late for this link' }).expect(400);
    await t.http.post(`/api/v1/users/${victim.userId}/password-reset`).set(auth(admin)).expect(202);
    const fresh = await mailedToken(t, 'quality@lianxi.test');
    expect(fresh).not.toBe(token);
    await t.http.post('/api/v1/auth/password-reset').send({ token: fresh, newPassword: 'quality first, always' }).expect(204);
    await t.login('quality@lianxi.test', 'quality first, always');
  });

  it('deactivating a user ends all their sessions at once; updates need a fresh If-Match', async () => {
    const first = await t.login('engineer@lianxi.test');
    const second = await t.login('engineer@lianxi.test');
    const current = await t.http.get(`/api/v1/users/${first.userId}`).set(auth(admin)).expect(200);

    const missing = await t.http.patch(`/api/v1/users/${first.userId}`).set(auth(admin)).send({ active: false });
    expect(missing.status).toBe(428);
    const stale = await t.http.patch(`/api/v1/users/${first.userId}`).set(auth(admin)).set('If-Match', `W/"${current.body.version + 5}"`).send({ active: false });
    expect(stale.status).toBe(412);
    await t.http.get('/api/v1/me').set(auth(first.accessToken)).expect(200);

    const done = await t.http.patch(`/api/v1/users/${first.userId}`).set(auth(admin)).set('If-Match', current.headers.etag).send({ active: false });
    expect(done.status).toBe(200);
    expect(done.body.active).toBe(false);
    expect(done.body.version).toBe(current.body.version + 1);
    await t.http.get('/api/v1/me').set(auth(first.accessToken)).expect(401);
    await t.http.get('/api/v1/me').set(auth(second.accessToken)).expect(401);
    await t.http.post('/api/v1/auth/login').send({ email: 'engineer@lianxi.test', password: demoPassword('engineer@lianxi.test') }).expect(401);
    // A second write with the old ETag loses nothing silently.
    await t.http.patch(`/api/v1/users/${first.userId}`).set(auth(admin)).set('If-Match', current.headers.etag).send({ phone: '+86 138 0000 0000' }).expect(412);
    const [audit] = await t.sql<{ changes: Record<string, unknown> }>(`select changes from audit_events where action = 'user.deactivated' and entity_id = $1`, [first.userId]);
    expect(audit.changes).toEqual({ active: { old: true, new: false } });
  });

  it('keeps the administrator away from its own roles and other roles away from administration', async () => {
    const me = await t.http.get('/api/v1/me').set(auth(admin)).expect(200);
    const own = await t.http.put(`/api/v1/users/${me.body.id}/roles`).set(auth(admin)).set('If-Match', me.headers.etag).send({ roles: ['system_admin', 'sales_director'] });
    expect(own.status).toBe(403);
    const rep = await t.login('rep.e1@lianxi.test');
    for (const [method, path] of [['get', '/api/v1/users'], ['post', '/api/v1/users'], ['post', '/api/v1/teams'], ['get', '/api/v1/audit-events']] as const) {
      const response = await t.http[method](path).set(auth(rep.accessToken)).send({});
      expect(response.status).toBe(403);
    }
    const target = await t.http.get(`/api/v1/users/${rep.userId}`).set(auth(admin)).expect(200);
    const changed = await t.http.put(`/api/v1/users/${rep.userId}/roles`).set(auth(admin)).set('If-Match', target.headers.etag).send({ roles: ['sales_rep', 'sales_manager'] });
    expect(changed.status).toBe(200);
    expect(changed.body.roles.map((r: { key: string }) => r.key)).toEqual(['sales_manager', 'sales_rep']);
    expect(changed.body.version).toBe(target.body.version + 1);
    const [audit] = await t.sql<{ changes: unknown }>(`select changes from audit_events where action = 'user.roles_changed' and entity_id = $1`, [rep.userId]);
    expect(audit.changes).toEqual({ roles: { old: ['sales_rep'], new: ['sales_manager', 'sales_rep'] } });
  });

  it('manages teams as a tree', async () => {
    const east = await teamId(t, 'EAST');
    const created = await t.http.post('/api/v1/teams').set(auth(admin)).send({ parentId: east, code: 'E3', name: '华东三组', nameEn: 'Group E3', kind: 'group' });
    expect(created.status).toBe(201);
    const [parent] = await t.sql<{ path: string }>(`select path from teams where id = $1`, [east]);
    expect(created.body.path).toBe(`${parent.path}${created.body.id}/`);
    const list = await t.http.get('/api/v1/teams').set(auth(admin)).expect(200);
    expect(list.body.map((team: { code: string }) => team.code)).toEqual(expect.arrayContaining(['HQ', 'SALES', 'EAST', 'E1', 'E2', 'E3', 'NORTH', 'N1', 'MKT', 'SVC', 'FIN', 'QA']));
    const renamed = await t.http.patch(`/api/v1/teams/${created.body.id}`).set(auth(admin)).set('If-Match', `W/"${created.body.version}"`).send({ nameEn: 'Group E3 (Suzhou)' });
    expect(renamed.body).toMatchObject({ nameEn: 'Group E3 (Suzhou)', version: created.body.version + 1 });
  });
});

async function teamId(t: TestApp, code: string): Promise<string> {
  const [row] = await t.sql<{ id: string }>(`select id from teams where code = $1`, [code]);
  return row.id;
}
