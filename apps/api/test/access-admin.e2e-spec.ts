import { createTestApp, TestApp } from './support/test-app';

/**
 * Shares through the API (accounts and contacts, one implementation) and policy administration by system
 * administrators, on the demo organisation. SECRET is rep.e1's restricted account, E2 rep.e2's, N1 rep.n1's.
 */
const USERS = ['rep.e1', 'rep.e1b', 'rep.e2', 'rep.n1', 'director', 'admin', 'gm', 'partner', 'auditor'] as const;

describe('permission engine: shares and policy administration', () => {
  let t: TestApp;
  let tokens: Record<string, string>;
  let userIds: Record<string, string>;
  const as = (user: string) => ({ Authorization: `Bearer ${tokens[user]}` });
  let SECRET: string;
  let E2: string;
  let N1: string;

  beforeAll(async () => {
    t = await createTestApp();
    ({ tokens, userIds } = await t.signInAll(USERS));
    [{ id: SECRET }] = await t.sql<{ id: string }>('select id from accounts where restricted');
    [{ id: E2 }] = await t.sql<{ id: string }>(`select a.id from accounts a join users u on u.id = a.owner_id where u.email = 'rep.e2@lianxi.test'`);
    [{ id: N1 }] = await t.sql<{ id: string }>(`select a.id from accounts a join users u on u.id = a.owner_id where u.email = 'rep.n1@lianxi.test'`);
  });
  afterAll(() => t.close());

  describe('shares', () => {
    it('lets the owner share a restricted account: the director sees it only after that, and the share is audited', async () => {
      await t.http.get(`/api/v1/accounts/${SECRET}`).set(as('director')).expect(404);
      const share = await t.http.post(`/api/v1/accounts/${SECRET}/shares`).set(as('rep.e1')).send({ userId: userIds.director, access: 'read' });
      expect(share.status).toBe(201);
      expect(share.body).toMatchObject({ userId: userIds.director, teamId: null, access: 'read', grantedBy: userIds['rep.e1'] });
      await t.http.get(`/api/v1/accounts/${SECRET}`).set(as('director')).expect(200);
      const list = await t.http.get(`/api/v1/accounts/${SECRET}/shares`).set(as('rep.e1')).expect(200);
      expect(list.body).toEqual([share.body]);
      const [audit] = await t.sql<{ category: string; changes: unknown }>(`select category, changes from audit_events where action = 'account.shared' and entity_id = $1`, [SECRET]);
      expect(audit).toEqual({ category: 'business', changes: { access: { old: null, new: 'read' } } });

      // The share lets the director see it, not share it further (R-SEC-5: only the owner shares a restricted record).
      const reshare = await t.http.post(`/api/v1/accounts/${SECRET}/shares`).set(as('director')).send({ userId: userIds.gm, access: 'read' });
      expect(reshare.status).toBe(403);

      // Revoking takes it away again.
      await t.http.delete(`/api/v1/accounts/${SECRET}/shares/${share.body.id}`).set(as('rep.e1')).expect(204);
      await t.http.get(`/api/v1/accounts/${SECRET}`).set(as('director')).expect(404);
      await t.http.delete(`/api/v1/accounts/${SECRET}/shares/${share.body.id}`).set(as('rep.e1')).expect(404);
    });

    it('refuses sharing a restricted record to anyone but its owner, even with an edit share', async () => {
      const edit = await t.http.post(`/api/v1/accounts/${SECRET}/shares`).set(as('rep.e1')).send({ userId: userIds['rep.e1b'], access: 'edit' }).expect(201);
      await t.http.get(`/api/v1/accounts/${SECRET}`).set(as('rep.e1b')).expect(200);
      const refused = await t.http.post(`/api/v1/accounts/${SECRET}/shares`).set(as('rep.e1b')).send({ userId: userIds.director, access: 'read' });
      expect(refused.status).toBe(403);
      await t.http.delete(`/api/v1/accounts/${SECRET}/shares/${edit.body.id}`).set(as('rep.e1b')).expect(403);
      await t.http.delete(`/api/v1/accounts/${SECRET}/shares/${edit.body.id}`).set(as('rep.e1')).expect(204);
    });

    it('gives a read share visibility but not the right to change; sharing again with edit changes it (no 409)', async () => {
      await t.http.get(`/api/v1/accounts/${E2}`).set(as('rep.n1')).expect(404);
      const read = await t.http.post(`/api/v1/accounts/${E2}/shares`).set(as('rep.e2')).send({ userId: userIds['rep.n1'], access: 'read' }).expect(201);
      const seen = await t.http.get(`/api/v1/accounts/${E2}`).set(as('rep.n1')).expect(200);
      await t.http.patch(`/api/v1/accounts/${E2}`).set(as('rep.n1')).set('If-Match', seen.headers.etag).send({ industry: 'ports' }).expect(403);
      const edit = await t.http.post(`/api/v1/accounts/${E2}/shares`).set(as('rep.e2')).send({ userId: userIds['rep.n1'], access: 'edit' });
      expect(edit.status).toBe(201);
      expect(edit.body).toMatchObject({ id: read.body.id, access: 'edit' });
      await t.http.patch(`/api/v1/accounts/${E2}`).set(as('rep.n1')).set('If-Match', seen.headers.etag).send({ industry: 'ports' }).expect(200);
      const [{ count }] = await t.sql<{ count: string }>(`select count(*) from record_shares where record_id = $1`, [E2]);
      expect(count).toBe('1');
      const [audit] = await t.sql<{ changes: unknown }>(`select changes from audit_events where action = 'account.share_changed' and entity_id = $1`, [E2]);
      expect(audit.changes).toEqual({ access: { old: 'read', new: 'edit' } });
    });

    it('answers 404 for records the caller cannot see, 403 without the update right, 400 for a missing grantee', async () => {
      await t.http.get(`/api/v1/accounts/${N1}/shares`).set(as('rep.e1')).expect(404);
      await t.http.post(`/api/v1/accounts/${N1}/shares`).set(as('rep.e1')).send({ userId: userIds['rep.e1b'], access: 'read' }).expect(404);
      await t.http.delete(`/api/v1/accounts/${N1}/shares/01964a1e-8d60-7cc2-9b1c-6c1f0c4b7f11`).set(as('rep.e1')).expect(404);
      await t.http.get(`/api/v1/accounts/${SECRET}/shares`).set(as('gm')).expect(404);
      // The general manager reads every account but may change none.
      await t.http.get(`/api/v1/accounts/${N1}/shares`).set(as('gm')).expect(200);
      await t.http.post(`/api/v1/accounts/${N1}/shares`).set(as('gm')).send({ userId: userIds['rep.e1'], access: 'read' }).expect(403);

      const noUser = await t.http.post(`/api/v1/accounts/${N1}/shares`).set(as('rep.n1')).send({ userId: '01964a1e-8d60-7cc2-9b1c-6c1f0c4b7f11', access: 'read' });
      expect(noUser.status).toBe(400);
      expect(noUser.body.errors).toEqual([{ field: 'userId', message: 'no such active user' }]);
      const noTeam = await t.http.post(`/api/v1/accounts/${N1}/shares`).set(as('rep.n1')).send({ teamId: '01964a1e-8d60-7cc2-9b1c-6c1f0c4b7f11', access: 'read' });
      expect(noTeam.body.errors).toEqual([{ field: 'teamId', message: 'no such team' }]);
      const both = await t.http.post(`/api/v1/accounts/${N1}/shares`).set(as('rep.n1')).send({ userId: userIds['rep.e1'], teamId: '01964a1e-8d60-7cc2-9b1c-6c1f0c4b7f11', access: 'read' });
      expect(both.status).toBe(400);
      expect((await t.http.post(`/api/v1/accounts/${N1}/shares`).set(as('rep.n1')).send({ access: 'read' })).status).toBe(400);
    });

    it('keeps partners\' shares inside their partner account', async () => {
      const [{ id }] = await t.sql<{ id: string }>('select id from accounts where partner_account_id is not null');
      await t.http.post(`/api/v1/accounts/${id}/shares`).set(as('partner')).send({ userId: userIds['rep.e1'], access: 'read' }).expect(403);
      const [e1] = await t.sql<{ id: string }>(`select id from teams where code = 'E1'`);
      await t.http.post(`/api/v1/accounts/${id}/shares`).set(as('partner')).send({ teamId: e1.id, access: 'read' }).expect(403);
    });

    it('shares contacts the same way', async () => {
      const [contact] = await t.sql<{ id: string }>(`select c.id from contacts c join users u on u.id = c.owner_id where u.email = 'rep.n1@lianxi.test'`);
      await t.http.get(`/api/v1/contacts/${contact.id}`).set(as('rep.e2')).expect(404);
      await t.http.post(`/api/v1/contacts/${contact.id}/shares`).set(as('rep.e2')).send({ userId: userIds['rep.e2'], access: 'read' }).expect(404);
      const share = await t.http.post(`/api/v1/contacts/${contact.id}/shares`).set(as('rep.n1')).send({ userId: userIds['rep.e2'], access: 'read' }).expect(201);
      await t.http.get(`/api/v1/contacts/${contact.id}`).set(as('rep.e2')).expect(200);
      expect((await t.http.get(`/api/v1/contacts/${contact.id}/shares`).set(as('rep.n1')).expect(200)).body).toEqual([share.body]);
      await t.http.delete(`/api/v1/contacts/${contact.id}/shares/${share.body.id}`).set(as('rep.n1')).expect(204);
      await t.http.get(`/api/v1/contacts/${contact.id}`).set(as('rep.e2')).expect(404);
    });
  });

  describe('policy administration', () => {
    it('applies a change on the next request, audits it old → new, and shows it', async () => {
      await t.http.get(`/api/v1/accounts/${N1}`).set(as('rep.e2')).expect(404);
      const changed = await t.http.put('/api/v1/access/policies/sales_rep/objects/account').set(as('admin')).send({ levels: { read: 'all' } });
      expect(changed.status).toBe(200);
      expect(changed.body.objects.find((o: { objectType: string }) => o.objectType === 'account').levels).toEqual({ read: 'all', create: 'team', update: 'team', delete: 'own', reassign: 'none' });
      await t.http.get(`/api/v1/accounts/${N1}`).set(as('rep.e2')).expect(200);
      const [audit] = await t.sql<{ category: string; entity_id: string; changes: unknown; details: unknown; actor_id: string }>(
        `select category, entity_id, changes, details, actor_id from audit_events where action = 'access.object_policy_changed'`,
      );
      expect(audit).toEqual({ category: 'security', entity_id: 'sales_rep', changes: { read: { old: 'team', new: 'all' } }, details: { objectType: 'account' }, actor_id: userIds.admin });

      await t.http.put('/api/v1/access/policies/sales_rep/objects/account').set(as('admin')).send({ levels: { read: 'team' } }).expect(200);
      await t.http.get(`/api/v1/accounts/${N1}`).set(as('rep.e2')).expect(404);
    });

    it('sets and removes field rules; unknown fields are 400 naming each', async () => {
      const masked = await t.http.put('/api/v1/access/policies/sales_rep/fields/account').set(as('admin')).send({ fields: { phone: 'masked' } }).expect(200);
      expect(masked.body.objects.find((o: { objectType: string }) => o.objectType === 'account').fields).toEqual({ phone: 'masked' });
      expect((await t.http.get(`/api/v1/accounts/${N1}`).set(as('rep.n1')).expect(200)).body.phone).toBe('136****3333');
      const got = await t.http.get('/api/v1/access/policies/marketing_specialist').set(as('admin')).expect(200);
      expect(got.body.objects.find((o: { objectType: string }) => o.objectType === 'account').fields).toEqual({ phone: 'masked' });

      const unknown = await t.http.put('/api/v1/access/policies/sales_rep/fields/account').set(as('admin')).send({ fields: { phone: null, salary: 'hidden', title: 'read' } });
      expect(unknown.status).toBe(400);
      expect(unknown.body.errors.map((e: { field: string }) => e.field)).toEqual(['fields.salary', 'fields.title']);
      expect((await t.http.get(`/api/v1/accounts/${N1}`).set(as('rep.n1')).expect(200)).body.phone).toBe('136****3333');

      await t.http.put('/api/v1/access/policies/sales_rep/fields/account').set(as('admin')).send({ fields: { phone: null } }).expect(200);
      expect((await t.http.get(`/api/v1/accounts/${N1}`).set(as('rep.n1')).expect(200)).body.phone).toBe('13622223333');
      const audits = await t.sql<{ changes: unknown }>(`select changes from audit_events where action = 'access.field_policy_changed' order by id`);
      expect(audits.map((a) => a.changes)).toEqual([{ phone: { old: null, new: 'masked' } }, { phone: { old: 'masked', new: null } }]);
    });

    it('refuses business rights for system_admin and changing a role one holds (R-SEC-6)', async () => {
      const levels = await t.http.put('/api/v1/access/policies/system_admin/objects/account').set(as('admin')).send({ levels: { read: 'all' } });
      expect(levels.status).toBe(403);
      const fields = await t.http.put('/api/v1/access/policies/system_admin/fields/contact').set(as('admin')).send({ fields: { phone: 'read' } });
      expect(fields.status).toBe(403);
      const [{ count }] = await t.sql<{ count: string }>(`select count(*) from object_permissions p join roles r on r.id = p.role_id where r.key = 'system_admin'`);
      expect(count).toBe('0');
      await t.http.get(`/api/v1/accounts/${N1}`).set(as('admin')).expect(404);
    });

    it('is for system administrators only, with path parameters checked against their enums', async () => {
      for (const user of ['rep.e1', 'director', 'auditor']) {
        await t.http.get('/api/v1/access/policies/sales_rep').set(as(user)).expect(403);
        await t.http.put('/api/v1/access/policies/sales_rep/objects/account').set(as(user)).send({ levels: { read: 'all' } }).expect(403);
        await t.http.put('/api/v1/access/policies/sales_rep/fields/account').set(as(user)).send({ fields: { phone: 'hidden' } }).expect(403);
      }
      const role = await t.http.get('/api/v1/access/policies/superuser').set(as('admin'));
      expect(role.status).toBe(400);
      expect(role.body.errors[0].field).toBe('roleKey');
      const object = await t.http.put('/api/v1/access/policies/sales_rep/objects/invoice').set(as('admin')).send({ levels: {} });
      expect(object.status).toBe(400);
      expect(object.body.errors[0].field).toBe('objectType');
      const badLevel = await t.http.put('/api/v1/access/policies/sales_rep/objects/account').set(as('admin')).send({ levels: { read: 'everything' } });
      expect(badLevel.status).toBe(400);
      expect(badLevel.body.errors[0].field).toBe('levels.read');
    });
  });
});
