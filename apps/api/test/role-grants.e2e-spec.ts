import { demoPassword } from '../src/demo/demo-organisation';
import { createTestApp, TestApp } from './support/test-app';

/**
 * The two-person rule (R-SEC-6): business rights for an administrator account need a second administrator. The demo
 * organisation has one administrator; a second one is created here (with the first one's password, by SQL).
 */
describe('role grant requests: business rights for administrators need a second administrator', () => {
  let t: TestApp;
  let tokens: Record<string, string>;
  const as = (who: string) => ({ Authorization: `Bearer ${tokens[who]}` });
  let ids: Record<string, string>;
  const rolesOf = async (id: string) => (await t.sql<{ key: string }>('select r.key from user_roles ur join roles r on r.id = ur.role_id where ur.user_id = $1 order by r.key', [id])).map((r) => r.key);
  const versionOf = async (id: string) => (await t.sql<{ version: number }>('select version from users where id = $1', [id]))[0].version;

  beforeAll(async () => {
    t = await createTestApp();
    ({ tokens, userIds: ids } = await t.signInAll(['admin', 'director', 'gm']));
    const [hq] = await t.sql<{ id: string }>(`select team_id as id from users where email = 'admin@lianxi.test'`);
    const created = await t.http.post('/api/v1/users').set(as('admin')).send({ email: 'admin2@lianxi.test', name: '钱系统', nameEn: 'Qian Xitong', teamId: hq.id, roles: ['system_admin'] }).expect(201);
    ids.admin2 = created.body.id;
    await t.sql(`update users set password_hash = (select password_hash from users where email = 'admin@lianxi.test') where id = $1`, [ids.admin2]);
    tokens.admin2 = (await t.login('admin2@lianxi.test', demoPassword('admin@lianxi.test'))).accessToken;
  });
  afterAll(() => t.close());

  it('refuses giving an administrator account business rights directly, on creation and on role changes', async () => {
    const [hq] = await t.sql<{ id: string }>(`select team_id as id from users where email = 'admin@lianxi.test'`);
    const created = await t.http.post('/api/v1/users').set(as('admin')).send({ email: 'admin3@lianxi.test', name: '孙系统', nameEn: 'Sun', teamId: hq.id, roles: ['system_admin', 'sales_director'] });
    expect(created.status).toBe(403);
    expect(created.body.errors).toEqual([{ field: 'roles', message: 'needs the approval of a second administrator' }]);
    expect(await t.sql(`select 1 from users where email = 'admin3@lianxi.test'`)).toEqual([]);

    const version = await versionOf(ids.admin2);
    const direct = await t.http.put(`/api/v1/users/${ids.admin2}/roles`).set(as('admin')).set('If-Match', `W/"${version}"`).send({ roles: ['system_admin', 'sales_director'] });
    expect(direct.status).toBe(403);
    expect(direct.body.detail).toContain('sales_director');
    // Making a business user an administrator is the same thing seen from the other side.
    const gmVersion = await versionOf(ids.gm);
    const promote = await t.http.put(`/api/v1/users/${ids.gm}/roles`).set(as('admin')).set('If-Match', `W/"${gmVersion}"`).send({ roles: ['general_manager', 'system_admin'] });
    expect(promote.status).toBe(403);
    expect(await rolesOf(ids.admin2)).toEqual(['system_admin']);
    expect(await rolesOf(ids.gm)).toEqual(['general_manager']);
    // Roles without business rights need no second administrator.
    await t.http.put(`/api/v1/users/${ids.admin2}/roles`).set(as('admin')).set('If-Match', `W/"${version}"`).send({ roles: ['system_admin', 'auditor'] }).expect(200);
  });

  it('applies the change once a second administrator approves — never the requester, never the user concerned', async () => {
    const asked = await t.http.post('/api/v1/role-grant-requests').set(as('admin')).send({ userId: ids.gm, roles: ['system_admin', 'general_manager'], reason: 'GM runs the Shanghai office alone this month' });
    expect(asked.status).toBe(201);
    expect(asked.body).toMatchObject({ status: 'pending', userId: ids.gm, roles: ['general_manager', 'system_admin'], requestedBy: ids.admin, decidedBy: null });
    const again = await t.http.post('/api/v1/role-grant-requests').set(as('admin2')).send({ userId: ids.gm, roles: ['system_admin'] });
    expect(again.status).toBe(409);
    expect(again.body.errors[0].field).toBe('userId');

    const own = await t.http.post(`/api/v1/role-grant-requests/${asked.body.id}/approve`).set(as('admin')).expect(403);
    expect(own.body.errors[0].field).toBe('requestedBy');
    expect(await rolesOf(ids.gm)).toEqual(['general_manager']);
    const approved = await t.http.post(`/api/v1/role-grant-requests/${asked.body.id}/approve`).set(as('admin2')).expect(200);
    expect(approved.body).toMatchObject({ status: 'approved', decidedBy: ids.admin2 });
    expect(await rolesOf(ids.gm)).toEqual(['general_manager', 'system_admin']);
    await t.http.post(`/api/v1/role-grant-requests/${asked.body.id}/approve`).set(as('admin2')).expect(409);

    const audit = await t.sql<{ action: string; actor_id: string; details: Record<string, unknown> }>(
      `select action, actor_id, details from audit_events where entity_id = $1 and (action like 'role_grant.%' or action = 'user.roles_changed') order by id`,
      [ids.gm],
    );
    expect(audit.map((a) => [a.action, a.actor_id])).toEqual([
      ['role_grant.requested', ids.admin],
      ['role_grant.approved', ids.admin2],
      ['user.roles_changed', ids.admin2],
    ]);
    expect(audit[2].details).toMatchObject({ roleGrantRequestId: asked.body.id, requestedBy: ids.admin, approvedBy: ids.admin2 });

    // The user concerned cannot approve their own grant, even as an administrator.
    const forAdmin2 = await t.http.post('/api/v1/role-grant-requests').set(as('admin')).send({ userId: ids.admin2, roles: ['system_admin', 'sales_director'] }).expect(201);
    await t.http.post(`/api/v1/role-grant-requests/${forAdmin2.body.id}/approve`).set(as('admin2')).expect(403);
    await t.http.post(`/api/v1/role-grant-requests/${forAdmin2.body.id}/reject`).set(as('admin')).expect(200);
    expect(await rolesOf(ids.admin2)).toEqual(['auditor', 'system_admin']);
  });

  it('approves only what the requester saw: a user changed since is 409; rejected and withdrawn requests stay so', async () => {
    const version = await versionOf(ids.director);
    const asked = await t.http.post('/api/v1/role-grant-requests').set(as('admin')).send({ userId: ids.director, roles: ['sales_director', 'system_admin'], userVersion: version }).expect(201);
    await t.http.patch(`/api/v1/users/${ids.director}`).set(as('admin2')).set('If-Match', `W/"${version}"`).send({ phone: '+86 138 0000 1111' }).expect(200);
    const stale = await t.http.post(`/api/v1/role-grant-requests/${asked.body.id}/approve`).set(as('admin2'));
    expect(stale.status).toBe(409);
    expect(stale.body.errors[0].field).toBe('userVersion');
    expect(await rolesOf(ids.director)).toEqual(['sales_director']);
    await t.http.post(`/api/v1/role-grant-requests/${asked.body.id}/reject`).set(as('admin')).expect(200);
    await t.http.post(`/api/v1/role-grant-requests/${asked.body.id}/approve`).set(as('admin2')).expect(409);

    const outdated = await t.http.post('/api/v1/role-grant-requests').set(as('admin')).send({ userId: ids.director, roles: ['system_admin'], userVersion: version });
    expect(outdated.status).toBe(409);
    expect(outdated.body.errors[0].field).toBe('userVersion');
    const self = await t.http.post('/api/v1/role-grant-requests').set(as('admin')).send({ userId: ids.admin, roles: ['system_admin', 'sales_director'] });
    expect(self.status).toBe(403);
    const expired = await t.http.post('/api/v1/role-grant-requests').set(as('admin')).send({ userId: ids.director, roles: ['sales_director', 'auditor'] }).expect(201);
    await t.sql(`update role_grant_requests set expires_at = now() - interval '1 second' where id = $1`, [expired.body.id]);
    await t.http.post(`/api/v1/role-grant-requests/${expired.body.id}/approve`).set(as('admin2')).expect(409);

    const pending = await t.http.get('/api/v1/role-grant-requests').query({ status: 'pending' }).set(as('admin2')).expect(200);
    expect(pending.body.data.map((r: { id: string }) => r.id)).toEqual([expired.body.id]);
    const all = await t.http.get('/api/v1/role-grant-requests').set(as('admin2')).expect(200);
    expect(all.body.data.length).toBeGreaterThanOrEqual(4);
  });

  it('refuses new business rights for a role an administrator holds (that would grant them to the administrator)', async () => {
    const refused = await t.http.put('/api/v1/access/policies/auditor/objects/account').set(as('admin')).send({ levels: { read: 'all' } });
    expect(refused.status).toBe(403);
    expect(refused.body.detail).toContain('admin2@lianxi.test');
    expect(await t.sql(`select 1 from object_permissions p join roles r on r.id = p.role_id where r.key = 'auditor'`)).toEqual([]);
    // Lowering rights of such a role is fine; raising those of a role no administrator holds too.
    await t.http.put('/api/v1/access/policies/finance/objects/account').set(as('admin')).send({ levels: { read: 'team' } }).expect(200);
  });

  it('is for system administrators only', async () => {
    await t.http.get('/api/v1/role-grant-requests').set(as('director')).expect(403);
    await t.http.post('/api/v1/role-grant-requests').set(as('director')).send({ userId: ids.director, roles: ['sales_director'] }).expect(403);
    await t.http.post('/api/v1/role-grant-requests/01a20909-1c08-705a-93fb-5d11d4e08468/approve').set(as('director')).expect(403);
    await t.http.post('/api/v1/role-grant-requests/01a20909-1c08-705a-93fb-5d11d4e08468/approve').set(as('admin')).expect(404);
  });
});
