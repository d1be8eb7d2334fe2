import { createTestApp, TestApp } from './support/test-app';

/**
 * The recycle bin goes through the engine like every read path: a deleted record is gone from every list, count,
 * related list and export; the bin shows each caller the deleted records they may delete (their delete scope,
 * restricted and owner-only rules included), and only they may restore them.
 */
type Short = 'OWN' | 'E2' | 'SECRET' | 'PARTNER';

/** Whose bin holds which deleted account: the delete scope of each demo user. */
const BIN: Record<string, Short[]> = {
  'rep.e1@lianxi.test': ['OWN', 'SECRET'],
  'rep.e1b@lianxi.test': [],
  'rep.e2@lianxi.test': ['E2'],
  'manager.east@lianxi.test': ['OWN', 'E2'],
  'director@lianxi.test': ['OWN', 'E2', 'PARTNER'],
  'gm@lianxi.test': [],
  'marketing@lianxi.test': [],
  'finance@lianxi.test': [],
  'partner@lianxi.test': [],
  'admin@lianxi.test': [],
  'auditor@lianxi.test': [],
};

describe('recycle bin', () => {
  let t: TestApp;
  let tokens: Record<string, string>;
  const as = (email: string) => ({ Authorization: `Bearer ${tokens[email]}` });
  const ids = {} as Record<Short, string>;
  let contactId: string;
  let opportunityId: string;

  const create = async (email: string, body: Record<string, unknown>) => (await t.http.post('/api/v1/accounts').set(as(email)).send(body).expect(201)).body as { id: string; version: number };
  const remove = (email: string, record: { id: string; version: number }) =>
    t.http.delete(`/api/v1/accounts/${record.id}`).set(as(email)).set('If-Match', `W/"${record.version}"`).expect(204);
  const binOf = async (email: string) => {
    const page = await t.http.get('/api/v1/accounts/recycle-bin').query({ limit: 200 }).set(as(email)).expect(200);
    return page.body.data.map((a: { id: string }) => (Object.keys(ids) as Short[]).find((s) => ids[s] === a.id)).sort();
  };

  beforeAll(async () => {
    t = await createTestApp();
    ({ tokens } = await t.signInAll(Object.keys(BIN)));
    const own = await create('rep.e1@lianxi.test', { name: '回收站测试自有客户' });
    const e2 = await create('rep.e2@lianxi.test', { name: '回收站测试二组客户' });
    const secret = await create('rep.e1@lianxi.test', { name: '回收站测试保密客户', restricted: true });
    const partner = await create('partner@lianxi.test', { name: '回收站测试经销商客户' });
    Object.assign(ids, { OWN: own.id, E2: e2.id, SECRET: secret.id, PARTNER: partner.id });
    contactId = (await t.http.post('/api/v1/contacts').set(as('rep.e1@lianxi.test')).send({ accountId: own.id, name: '回收站联系人' }).expect(201)).body.id;
    opportunityId = (await t.http.post('/api/v1/opportunities').set(as('rep.e1@lianxi.test')).send({ accountId: own.id, name: '回收站商机', amount: '100.00' }).expect(201)).body.id;
    await remove('rep.e1@lianxi.test', own);
    await remove('manager.east@lianxi.test', e2);
    await remove('rep.e1@lianxi.test', secret);
    await remove('director@lianxi.test', partner);
  });
  afterAll(() => t.close());

  it.each(Object.entries(BIN))('shows %s exactly the deleted accounts they may delete', async (email, expected) => {
    expect(await binOf(email)).toEqual([...expected].sort());
  });

  it('leaves deleted accounts and the contacts deleted with them out of every read path', async () => {
    const director = as('director@lianxi.test');
    const names = ['回收站测试自有客户', '回收站测试二组客户', '回收站测试经销商客户'];
    const list = await t.http.get('/api/v1/accounts').query({ limit: 200, q: '回收站测试', withTotal: true }).set(director).expect(200);
    expect(list.body).toMatchObject({ data: [], total: 0 });
    const csv = await t.http.get('/api/v1/accounts/export').query({ q: '回收站测试' }).set(director).expect(200);
    for (const name of names) expect(csv.text).not.toContain(name);
    await t.http.get(`/api/v1/accounts/${ids.OWN}`).set(director).expect(404);
    await t.http.get(`/api/v1/accounts/${ids.OWN}/contacts`).set(director).expect(404);
    await t.http.get(`/api/v1/contacts/${contactId}`).set(as('rep.e1@lianxi.test')).expect(404);
    await t.http.get(`/api/v1/opportunities/${opportunityId}`).set(as('rep.e1@lianxi.test')).expect(404);
    // The forecast sums live opportunities only.
    const forecast = await t.http.get('/api/v1/opportunities/forecast').query({ groupBy: 'owner' }).set(as('rep.e1@lianxi.test')).expect(200);
    const [live] = await t.sql<{ owner: string; n: number }>(
      `select o.owner_id as owner, count(*)::int as n from opportunities o join pipeline_stages s on s.id = o.stage_id
        where o.owner_id = (select id from users where email = 'rep.e1@lianxi.test') and o.currency = 'CNY' and s.kind <> 'lost' and o.deleted_at is null group by o.owner_id`,
    );
    const group = (forecast.body.groups as Array<{ key: string; currency: string; count: number }>).find((g) => g.key === live.owner && g.currency === 'CNY');
    expect(group?.count).toBe(live.n);
    await t.http.patch(`/api/v1/accounts/${ids.OWN}`).set(as('rep.e1@lianxi.test')).set('If-Match', 'W/"2"').send({ industry: 'mining' }).expect(404);
    // Taken along with its account, the contact is not in the contacts' bin on its own.
    const contactBin = await t.http.get('/api/v1/contacts/recycle-bin').set(as('rep.e1@lianxi.test')).expect(200);
    expect(contactBin.body.data.map((c: { id: string }) => c.id)).not.toContain(contactId);
  });

  it('says when and by whom, and pages newest first', async () => {
    const first = await t.http.get('/api/v1/accounts/recycle-bin').query({ limit: 1 }).set(as('director@lianxi.test')).expect(200);
    const manager = (await t.sql<{ id: string }>(`select id from users where email = 'manager.east@lianxi.test'`))[0].id;
    expect(first.body.data).toHaveLength(1);
    expect(first.body.data[0].id).toBe(ids.PARTNER);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const rest = await t.http.get('/api/v1/accounts/recycle-bin').query({ limit: 5, cursor: first.body.nextCursor }).set(as('director@lianxi.test')).expect(200);
    expect(rest.body.data.map((a: { id: string }) => a.id)).toEqual([ids.E2, ids.OWN]);
    expect(rest.body.data[0]).toMatchObject({ deletedBy: manager, deletedAt: expect.any(String), name: '回收站测试二组客户' });
  });

  it('lets only those whose bin holds a record restore it', async () => {
    await t.http.post(`/api/v1/accounts/${ids.OWN}/restore`).set(as('rep.e1b@lianxi.test')).expect(404);
    await t.http.post(`/api/v1/accounts/${ids.SECRET}/restore`).set(as('director@lianxi.test')).expect(404);
    await t.http.post(`/api/v1/accounts/${ids.PARTNER}/restore`).set(as('partner@lianxi.test')).expect(404);
    const restored = await t.http.post(`/api/v1/accounts/${ids.E2}/restore`).set(as('manager.east@lianxi.test')).expect(200);
    expect(restored.body).toMatchObject({ id: ids.E2, name: '回收站测试二组客户', myAccess: { update: true, delete: true } });
    expect(restored.headers.etag).toBe(`W/"${restored.body.version}"`);
    await t.http.get(`/api/v1/accounts/${ids.E2}`).set(as('rep.e2@lianxi.test')).expect(200);
    expect(await binOf('rep.e2@lianxi.test')).toEqual([]);
  });

  it('audits the deletion with what it took along, and the restore', async () => {
    const restored = await t.http.post(`/api/v1/accounts/${ids.OWN}/restore`).set(as('rep.e1@lianxi.test')).expect(200);
    expect(restored.body.id).toBe(ids.OWN);
    await t.http.get(`/api/v1/contacts/${contactId}`).set(as('rep.e1@lianxi.test')).expect(200);
    await t.http.get(`/api/v1/opportunities/${opportunityId}`).set(as('rep.e1@lianxi.test')).expect(200);
    const events = await t.sql<{ action: string; entity_id: string; details: Record<string, unknown> | null }>(
      `select action, entity_id, details from audit_events where entity_id = any($1) order by occurred_at, action`,
      [[ids.OWN, contactId]],
    );
    expect(events.map((e) => e.action)).toEqual(['account.created', 'contact.created', 'account.deleted', 'contact.deleted', 'account.restored', 'contact.restored']);
    expect(events.find((e) => e.action === 'account.deleted')?.details).toEqual({ recycleBin: true, tookAlong: { contact: 1, opportunity: 1, activity: 0 } });
    expect(events.find((e) => e.action === 'contact.restored')?.details).toEqual({ with: { objectType: 'account', id: ids.OWN } });
  });
});
