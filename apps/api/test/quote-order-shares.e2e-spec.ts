import { ACCOUNTS } from '../src/demo/demo-organisation';
import { createTestApp, TestApp } from './support/test-app';

/**
 * Explicit shares of quotes and orders (the same `RecordShares` as accounts and opportunities): a share widens the
 * read scope everywhere the record is listed, an edit share the update scope, revoking narrows them again, and a
 * restricted record is seen by exactly the users its owner shares it with. N1 is rep.n1's account (team N1), SECRET
 * rep.e1's restricted one; rep.e2 (team E2) sees neither by its role.
 */
const SHORT = ['E1a', 'E1b', 'E2', 'N1', 'SECRET', 'EAST', 'PARTNER'] as const;
type Short = (typeof SHORT)[number];
const USERS = ['rep.e1', 'rep.e1b', 'rep.e2', 'rep.n1', 'director', 'gm', 'finance', 'quality'] as const;
const ORDER_PRICE_FIELDS = ['taxRate', 'subtotal', 'taxAmount', 'total', 'paidAmount', 'outstandingAmount'];
const ORDER_LINE_PRICE_FIELDS = ['listPrice', 'discountPercent', 'netPrice', 'lineTotal'];
const MISSING = '01964a1e-8d60-7cc2-9b1c-6c1f0c4b7f11';

describe('shares of quotes and orders', () => {
  let t: TestApp;
  let tokens: Record<string, string>;
  let userIds: Record<string, string>;
  const as = (user: string) => ({ Authorization: `Bearer ${tokens[user]}` });
  const accountIds = {} as Record<Short, string>;
  const quoteIds = {} as Record<Short, string>;
  const orderIds = {} as Record<Short, string>;

  beforeAll(async () => {
    t = await createTestApp();
    ({ tokens, userIds } = await t.signInAll(USERS));
    const accounts = await t.sql<{ id: string; name: string }>('select id, name from accounts');
    const quotes = await t.sql<{ id: string; account_id: string }>('select distinct on (account_id) id, account_id from quotes order by account_id, number');
    const orders = await t.sql<{ id: string; account_id: string }>('select distinct on (account_id) id, account_id from orders order by account_id, number');
    ACCOUNTS.forEach((account, index) => {
      const short = SHORT[index];
      accountIds[short] = accounts.find((a) => a.name === account.name)!.id;
      quoteIds[short] = quotes.find((q) => q.account_id === accountIds[short])!.id;
      orderIds[short] = orders.find((o) => o.account_id === accountIds[short])!.id;
    });
  });
  afterAll(() => t.close());

  const auditOf = (action: string, entityId: string) =>
    t.sql<{ category: string; entity_type: string; changes: unknown; details: Record<string, unknown> }>(
      'select category, entity_type, changes, details from audit_events where action = $1 and entity_id = $2 order by occurred_at',
      [action, entityId],
    );

  describe.each([
    { object: 'quote', path: 'quotes', ids: quoteIds, patch: { notes: '共享编辑' } },
    { object: 'order', path: 'orders', ids: orderIds, patch: { notes: '共享编辑' } },
  ])('$path', ({ object, path, ids, patch }) => {
    const listed = async (user: string, url: string) => {
      const response = await t.http.get(url).set(as(user)).expect(200);
      return (response.body.data as Array<{ id: string }>).map((row) => row.id);
    };

    it('a rep of another team sees it only while shared: in GET (with its lines), the list and the account\'s related list', async () => {
      const id = ids.N1;
      await t.http.get(`/api/v1/${path}/${id}`).set(as('rep.e2')).expect(404);
      expect(await listed('rep.e2', `/api/v1/${path}?limit=200`)).not.toContain(id);
      // The account itself is shared so its related list can be read: the record stays out of it until shared too.
      const accountShare = await t.http.post(`/api/v1/accounts/${accountIds.N1}/shares`).set(as('rep.n1')).send({ userId: userIds['rep.e2'], access: 'read' }).expect(201);
      expect(await listed('rep.e2', `/api/v1/accounts/${accountIds.N1}/${path}?limit=200`)).not.toContain(id);

      const share = await t.http.post(`/api/v1/${path}/${id}/shares`).set(as('rep.n1')).send({ userId: userIds['rep.e2'], access: 'read' });
      expect(share.status).toBe(201);
      expect(share.body).toMatchObject({ userId: userIds['rep.e2'], teamId: null, access: 'read', grantedBy: userIds['rep.n1'] });
      expect((await t.http.get(`/api/v1/${path}/${id}/shares`).set(as('rep.n1')).expect(200)).body).toEqual([share.body]);
      // A read share lets the grantee list the shares too (visibility is enough).
      expect((await t.http.get(`/api/v1/${path}/${id}/shares`).set(as('rep.e2')).expect(200)).body).toEqual([share.body]);
      const [audit] = await auditOf(`${object}.shared`, id);
      expect(audit).toEqual({
        category: 'business',
        entity_type: object,
        changes: { access: { old: null, new: 'read' } },
        details: { shareId: share.body.id, userId: userIds['rep.e2'], teamId: null },
      });

      const seen = await t.http.get(`/api/v1/${path}/${id}`).set(as('rep.e2')).expect(200);
      expect(seen.body.id).toBe(id);
      expect(seen.body.lines.length).toBeGreaterThan(0);
      expect(seen.body.myAccess).toMatchObject({ update: false, delete: false, share: false });
      expect(await listed('rep.e2', `/api/v1/${path}?limit=200`)).toContain(id);
      expect(await listed('rep.e2', `/api/v1/accounts/${accountIds.N1}/${path}?limit=200`)).toContain(id);

      await t.http.delete(`/api/v1/${path}/${id}/shares/${share.body.id}`).set(as('rep.n1')).expect(204);
      const [revoked] = await auditOf(`${object}.share_revoked`, id);
      expect(revoked).toMatchObject({ category: 'business', changes: { access: { old: 'read', new: null } }, details: { shareId: share.body.id, userId: userIds['rep.e2'], teamId: null } });
      await t.http.get(`/api/v1/${path}/${id}`).set(as('rep.e2')).expect(404);
      expect(await listed('rep.e2', `/api/v1/${path}?limit=200`)).not.toContain(id);
      expect(await listed('rep.e2', `/api/v1/accounts/${accountIds.N1}/${path}?limit=200`)).not.toContain(id);
      await t.http.get(`/api/v1/${path}/${id}/shares`).set(as('rep.e2')).expect(404);
      await t.http.delete(`/api/v1/${path}/${id}/shares/${share.body.id}`).set(as('rep.n1')).expect(404);
      await t.http.delete(`/api/v1/accounts/${accountIds.N1}/shares/${accountShare.body.id}`).set(as('rep.n1')).expect(204);
    });

    it('a read share refuses updates (403) and sharing further; an edit share (the same share, changed) allows the update', async () => {
      const id = ids.N1;
      const read = await t.http.post(`/api/v1/${path}/${id}/shares`).set(as('rep.n1')).send({ userId: userIds['rep.e2'], access: 'read' }).expect(201);
      const seen = await t.http.get(`/api/v1/${path}/${id}`).set(as('rep.e2')).expect(200);
      const refused = await t.http.patch(`/api/v1/${path}/${id}`).set(as('rep.e2')).set('If-Match', seen.headers.etag).send(patch);
      expect(refused.status).toBe(403);
      const reshare = await t.http.post(`/api/v1/${path}/${id}/shares`).set(as('rep.e2')).send({ userId: userIds['rep.e1'], access: 'read' });
      expect(reshare.status).toBe(403);
      await t.http.delete(`/api/v1/${path}/${id}/shares/${read.body.id}`).set(as('rep.e2')).expect(403);
      expect((await t.sql(`select 1 from record_shares where object_type = $1 and record_id = $2`, [object, id])).length).toBe(1);

      const edit = await t.http.post(`/api/v1/${path}/${id}/shares`).set(as('rep.n1')).send({ userId: userIds['rep.e2'], access: 'edit' }).expect(201);
      expect(edit.body).toMatchObject({ id: read.body.id, access: 'edit' });
      const [changed] = await auditOf(`${object}.share_changed`, id);
      expect(changed.changes).toEqual({ access: { old: 'read', new: 'edit' } });
      const again = await t.http.get(`/api/v1/${path}/${id}`).set(as('rep.e2')).expect(200);
      expect(again.body.myAccess).toMatchObject({ update: true, delete: false, share: true });
      const updated = await t.http.patch(`/api/v1/${path}/${id}`).set(as('rep.e2')).set('If-Match', seen.headers.etag).send(patch);
      expect(updated.status).toBe(200);
      expect(updated.body.notes).toBe(patch.notes);

      await t.http.delete(`/api/v1/${path}/${id}/shares/${read.body.id}`).set(as('rep.n1')).expect(204);
      const after = await t.http.patch(`/api/v1/${path}/${id}`).set(as('rep.e2')).set('If-Match', updated.headers.etag).send({ notes: 'after revoke' });
      expect(after.status).toBe(404);
    });

    it('answers 404 on the shares of a record the caller cannot see, 403 to who sees it but may not change it, 400 for a missing grantee', async () => {
      const id = ids.N1;
      const audited = (await auditOf(`${object}.shared`, id)).length;
      await t.http.get(`/api/v1/${path}/${id}/shares`).set(as('rep.e1')).expect(404);
      await t.http.post(`/api/v1/${path}/${id}/shares`).set(as('rep.e1')).send({ userId: userIds['rep.e1b'], access: 'read' }).expect(404);
      await t.http.delete(`/api/v1/${path}/${id}/shares/${MISSING}`).set(as('rep.e1')).expect(404);
      await t.http.get(`/api/v1/${path}/${MISSING}/shares`).set(as('rep.n1')).expect(404);
      // The general manager and finance read every quote and order but change none.
      for (const user of ['gm', 'finance']) {
        await t.http.get(`/api/v1/${path}/${id}/shares`).set(as(user)).expect(200);
        const refused = await t.http.post(`/api/v1/${path}/${id}/shares`).set(as(user)).send({ userId: userIds['rep.e1'], access: 'read' });
        expect(refused.status).toBe(403);
      }
      const noUser = await t.http.post(`/api/v1/${path}/${id}/shares`).set(as('rep.n1')).send({ userId: MISSING, access: 'read' });
      expect(noUser.status).toBe(400);
      expect(noUser.body.errors).toEqual([{ field: 'userId', message: 'no such active user' }]);
      const both = await t.http.post(`/api/v1/${path}/${id}/shares`).set(as('rep.n1')).send({ userId: userIds['rep.e1'], teamId: MISSING, access: 'read' });
      expect(both.status).toBe(400);
      expect((await t.sql(`select 1 from record_shares where object_type = $1 and record_id = $2`, [object, id])).length).toBe(0);
      expect(await auditOf(`${object}.shared`, id)).toHaveLength(audited);
    });

    it('a team share reaches the team\'s members; an Idempotency-Key replays the answer', async () => {
      const id = ids.N1;
      const [e2] = await t.sql<{ id: string }>(`select id from teams where code = 'E2'`);
      const audited = (await auditOf(`${object}.shared`, id)).length;
      const send = () => t.http.post(`/api/v1/${path}/${id}/shares`).set(as('rep.n1')).set('Idempotency-Key', `${object}-share-1`).send({ teamId: e2.id, access: 'read' });
      const first = await send().expect(201);
      const again = await send().expect(201);
      expect(again.body.id).toBe(first.body.id);
      expect(await auditOf(`${object}.shared`, id)).toHaveLength(audited + 1);
      await t.http.get(`/api/v1/${path}/${id}`).set(as('rep.e2')).expect(200);
      await t.http.delete(`/api/v1/${path}/${id}/shares/${first.body.id}`).set(as('rep.n1')).expect(204);
      await t.http.get(`/api/v1/${path}/${id}`).set(as('rep.e2')).expect(404);
    });

    it('a restricted one shared with a user becomes visible to that user only; only its owner manages its shares', async () => {
      const id = ids.SECRET;
      for (const user of ['rep.e2', 'rep.e1b', 'director']) await t.http.get(`/api/v1/${path}/${id}`).set(as(user)).expect(404);
      const share = await t.http.post(`/api/v1/${path}/${id}/shares`).set(as('rep.e1')).send({ userId: userIds['rep.e2'], access: 'edit' }).expect(201);
      await t.http.get(`/api/v1/${path}/${id}`).set(as('rep.e2')).expect(200);
      expect(await listed('rep.e2', `/api/v1/${path}?limit=200`)).toContain(id);
      for (const user of ['rep.e1b', 'director']) {
        await t.http.get(`/api/v1/${path}/${id}`).set(as(user)).expect(404);
        expect(await listed(user, `/api/v1/${path}?limit=200`)).not.toContain(id);
      }
      // R-SEC-5: even an edit share does not let its grantee share it further.
      await t.http.post(`/api/v1/${path}/${id}/shares`).set(as('rep.e2')).send({ userId: userIds.director, access: 'read' }).expect(403);
      await t.http.delete(`/api/v1/${path}/${id}/shares/${share.body.id}`).set(as('rep.e2')).expect(403);
      await t.http.delete(`/api/v1/${path}/${id}/shares/${share.body.id}`).set(as('rep.e1')).expect(204);
      await t.http.get(`/api/v1/${path}/${id}`).set(as('rep.e2')).expect(404);
    });
  });

  it('the quality inspector sees a restricted order shared with them, its lines, and never a price', async () => {
    const id = orderIds.SECRET;
    await t.http.get(`/api/v1/orders/${id}`).set(as('quality')).expect(404);
    const share = await t.http.post(`/api/v1/orders/${id}/shares`).set(as('rep.e1')).send({ userId: userIds.quality, access: 'read' }).expect(201);
    const read = await t.http.get(`/api/v1/orders/${id}`).set(as('quality')).expect(200);
    for (const field of ORDER_PRICE_FIELDS) expect(read.body).not.toHaveProperty(field);
    expect(read.body.lines.length).toBeGreaterThan(0);
    for (const line of read.body.lines) {
      expect(line).toMatchObject({ description: expect.any(String), quantity: expect.any(String) });
      for (const field of ORDER_LINE_PRICE_FIELDS) expect(line).not.toHaveProperty(field);
    }
    const page = await t.http.get('/api/v1/orders?limit=200').set(as('quality')).expect(200);
    const row = (page.body.data as Array<Record<string, unknown>>).find((o) => o.id === id);
    expect(row).toBeDefined();
    for (const field of ORDER_PRICE_FIELDS) expect(row).not.toHaveProperty(field);
    await t.http.get(`/api/v1/orders/${id}`).set(as('director')).expect(404);
    await t.http.delete(`/api/v1/orders/${id}/shares/${share.body.id}`).set(as('rep.e1')).expect(204);
    await t.http.get(`/api/v1/orders/${id}`).set(as('quality')).expect(404);
  });
});
