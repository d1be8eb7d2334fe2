import { ACCOUNTS } from '../src/demo/demo-organisation';
import { createTestApp, TestApp } from './support/test-app';
import { openSheet } from './support/workbook';

/**
 * The permission engine on accounts, table-driven over the demo organisation. Short names for the demo accounts:
 * E1a (rep.e1), E1b (rep.e1b, owner-only), E2 (rep.e2), N1 (rep.n1), SECRET (rep.e1, restricted),
 * EAST (manager.east), PARTNER (the distributor's user).
 */
const SHORT = ['E1a', 'E1b', 'E2', 'N1', 'SECRET', 'EAST', 'PARTNER'] as const;
type Short = (typeof SHORT)[number];
const ALL_BUT_SECRET: Short[] = ['E1a', 'E1b', 'E2', 'N1', 'EAST', 'PARTNER'];

/** Who sees which account (R-SEC-3 team scopes, R-SEC-5 restricted, partners, R-SEC-6 administrator). */
const VISIBLE: Record<string, Short[]> = {
  'rep.e1@lianxi.test': ['E1a', 'E1b', 'SECRET'],
  'rep.e1b@lianxi.test': ['E1a', 'E1b'],
  'rep.e2@lianxi.test': ['E2'],
  'rep.n1@lianxi.test': ['N1'],
  'manager.east@lianxi.test': ['E1a', 'E1b', 'E2', 'EAST'],
  'director@lianxi.test': ALL_BUT_SECRET,
  'gm@lianxi.test': ALL_BUT_SECRET,
  'marketing@lianxi.test': ALL_BUT_SECRET,
  'agent@lianxi.test': ALL_BUT_SECRET,
  'quality@lianxi.test': ALL_BUT_SECRET,
  'finance@lianxi.test': ALL_BUT_SECRET,
  'partner@lianxi.test': ['PARTNER'],
  'admin@lianxi.test': [],
  'auditor@lianxi.test': [],
};

describe('permission engine: accounts', () => {
  let t: TestApp;
  const ids = {} as Record<Short, string>;
  let tokens: Record<string, string>;
  const as = (email: string) => ({ Authorization: `Bearer ${tokens[email]}` });

  beforeAll(async () => {
    t = await createTestApp();
    const rows = await t.sql<{ id: string; name: string }>('select id, name from accounts');
    ACCOUNTS.forEach((account, index) => (ids[SHORT[index]] = rows.find((r) => r.name === account.name)!.id));
    ({ tokens } = await t.signInAll(Object.keys(VISIBLE)));
  });
  afterAll(() => t.close());

  const nameOf = (id: string) => SHORT.find((s) => ids[s] === id);

  describe.each(Object.entries(VISIBLE))('%s', (email, visible) => {
    it('lists exactly the accounts in scope', async () => {
      const list = await t.http.get('/api/v1/accounts').query({ limit: 200 }).set(as(email)).expect(200);
      expect(list.body.data.map((a: { id: string }) => nameOf(a.id)).sort()).toEqual([...visible].sort());
    });

    it('counts exactly the accounts in scope when asked (withTotal), across pages', async () => {
      const first = await t.http.get('/api/v1/accounts').query({ limit: 2, withTotal: true }).set(as(email)).expect(200);
      expect(first.body.total).toBe(visible.length);
      expect((await t.http.get('/api/v1/accounts').query({ limit: 2, withTotal: false }).set(as(email)).expect(200)).body.total).toBeUndefined();
    });

    it('gets what is in scope and 404s the rest, with the body of a missing id', async () => {
      const missing = await t.http.get('/api/v1/accounts/01a20909-1c08-705a-93fb-5d11d4e08468').set(as(email));
      for (const short of SHORT) {
        const response = await t.http.get(`/api/v1/accounts/${ids[short]}`).set(as(email));
        if (visible.includes(short)) {
          expect(response.status).toBe(200);
        } else {
          expect(response.status).toBe(404);
          expect({ ...response.body, instance: undefined, requestId: undefined }).toEqual({ ...missing.body, instance: undefined, requestId: undefined });
        }
      }
    });
  });

  it('exports exactly what the list shows: the scope in the SQL, masked values masked, audited; sorting by a masked field is 400', async () => {
    const csv = async (email: string, query: Record<string, string> = {}) => {
      const response = await t.http.get('/api/v1/accounts/export').query(query).set(as(email)).buffer(true).parse((res, done) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => done(null, text));
      });
      return response;
    };
    for (const [email, visible] of Object.entries(VISIBLE)) {
      const response = await csv(email);
      expect(response.status).toBe(200);
      expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
      const [header, ...rows] = (response.body as string).replace(/^\uFEFF/, '').trim().split('\n').filter(Boolean);
      expect([email, header.split(',')[0], rows.length]).toEqual([email, 'id', visible.length]);
      expect(rows.map((row) => nameOf(row.split(',')[0])).sort()).toEqual([...visible].sort());
    }
    const marketing = (await csv('marketing@lianxi.test', { region: 'North' })).body as string;
    expect(marketing).toContain('136****3333');
    expect(marketing).not.toContain('13622223333');
    const bySort = await t.http.get('/api/v1/accounts/export').query({ sort: 'phone' }).set(as('marketing@lianxi.test'));
    expect(bySort.status).toBe(400);
    const [audit] = await t.sql<{ details: { rows: number; columns: string[] } }>(
      `select details from audit_events where action = 'account.exported' and actor_email = 'marketing@lianxi.test' order by id desc limit 1`,
    );
    expect(audit.details.rows).toBe(2);
    expect(audit.details.columns).toContain('phone');
  });

  it('exports the same rows as an Excel workbook (format=xlsx): masked values masked, dates as dates, audited; format=pdf is 400', async () => {
    const sheet = await openSheet(t.http.get('/api/v1/accounts/export').query({ region: 'North', format: 'xlsx' }).set(as('marketing@lianxi.test')));
    expect([sheet.status, sheet.contentType]).toEqual([200, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet']);
    const [header, ...rows] = sheet.rows;
    const phones = rows.map((row) => row[header.indexOf('phone')]);
    expect(phones).toContain('136****3333');
    expect(JSON.stringify(sheet.rows)).not.toContain('13622223333');
    expect(rows.map((row) => row[header.indexOf('createdAt')]).every((value) => value instanceof Date)).toBe(true);
    expect(rows.map((row) => row[header.indexOf('restricted')]).every((value) => typeof value === 'boolean')).toBe(true);
    const [audit] = await t.sql<{ details: { rows: number; format: string } }>(
      `select details from audit_events where action = 'account.exported' and actor_email = 'marketing@lianxi.test' order by id desc limit 1`,
    );
    expect(audit.details).toMatchObject({ rows: 2, format: 'xlsx' });
    const csvHeader = (await t.http.get('/api/v1/accounts/export').query({ region: 'North' }).set(as('marketing@lianxi.test'))).text.replace(/^\uFEFF/, '').split('\n')[0];
    expect(header.join(',')).toBe(csvHeader);
    // Hidden contact fields are no columns in a workbook either.
    const contacts = await openSheet(t.http.get('/api/v1/contacts/export').query({ format: 'xlsx' }).set(as('quality@lianxi.test')));
    expect(contacts.rows[0]).toEqual(expect.arrayContaining(['id', 'accountId', 'name', 'title']));
    expect(contacts.rows[0]).not.toContain('phone');
    expect(contacts.rows[0]).not.toContain('email');
    for (const path of ['/api/v1/accounts/export', '/api/v1/contacts/export', '/api/v1/opportunities/export']) {
      const bad = await t.http.get(path).query({ format: 'pdf' }).set(as('marketing@lianxi.test'));
      expect([path, bad.status, bad.body.errors?.[0]?.field]).toEqual([path, 400, 'format']);
    }
  });

  it('on a restricted account, the share is the whole access: a read share reads (even for a director), an edit share edits, only the owner deletes', async () => {
    const [director] = await t.sql<{ id: string }>(`select id from users where email = 'director@lianxi.test'`);
    await t.sql(`insert into record_shares (id, object_type, record_id, user_id, access) values (gen_random_uuid(), 'account', $1, $2, 'read')
                 on conflict do nothing`, [ids.SECRET, director.id]);
    await t.sql(`update record_shares set access = 'read' where record_id = $1 and user_id = $2`, [ids.SECRET, director.id]);
    const seen = await t.http.get(`/api/v1/accounts/${ids.SECRET}`).set(as('director@lianxi.test')).expect(200);
    expect(seen.body.myAccess).toMatchObject({ update: false, delete: false, reassign: true, share: false });
    await t.http.patch(`/api/v1/accounts/${ids.SECRET}`).set(as('director@lianxi.test')).set('If-Match', seen.headers.etag).send({ industry: 'x' }).expect(403);
    await t.sql(`update record_shares set access = 'edit' where record_id = $1 and user_id = $2`, [ids.SECRET, director.id]);
    const editable = await t.http.get(`/api/v1/accounts/${ids.SECRET}`).set(as('director@lianxi.test')).expect(200);
    // Sharing a restricted record stays with its owner.
    expect(editable.body.myAccess).toMatchObject({ update: true, delete: false, reassign: true, share: false });
    await t.http.delete(`/api/v1/accounts/${ids.SECRET}`).set(as('director@lianxi.test')).set('If-Match', editable.headers.etag).expect(403);
    await t.http.patch(`/api/v1/accounts/${ids.SECRET}`).set(as('director@lianxi.test')).set('If-Match', editable.headers.etag).send({ industry: 'mining' }).expect(200);
    const owner = await t.http.get(`/api/v1/accounts/${ids.SECRET}`).set(as('rep.e1@lianxi.test')).expect(200);
    expect(owner.body.myAccess).toMatchObject({ update: true, delete: true, reassign: false, share: true });
    await t.sql(`delete from record_shares where record_id = $1 and user_id = $2`, [ids.SECRET, director.id]);
  });

  it('tells the caller what they may do with each record they read (myAccess), by the same rules the writes obey', async () => {
    const myAccess = async (email: string, short: Short) => {
      const { editableFields, ...rights } = (await t.http.get(`/api/v1/accounts/${ids[short]}`).set(as(email)).expect(200)).body.myAccess;
      // Field by field it follows the update right (no default role has field rules that forbid editing).
      expect(editableFields).toEqual(rights.update ? ['name', 'kind', 'industry', 'region', 'phone', 'email', 'tier', 'parentAccountId', 'billingAddress', 'shippingAddress', 'website', 'taxNumber'] : []);
      return rights;
    };
    const table: Array<[string, Short, { update: boolean; delete: boolean; reassign: boolean; share: boolean }]> = [
      ['rep.e1@lianxi.test', 'E1a', { update: true, delete: true, reassign: false, share: true }],
      // Owner-only: a teammate reads it and nothing more.
      ['rep.e1@lianxi.test', 'E1b', { update: false, delete: false, reassign: false, share: false }],
      ['manager.east@lianxi.test', 'E1b', { update: false, delete: false, reassign: true, share: false }],
      ['manager.east@lianxi.test', 'E2', { update: true, delete: true, reassign: true, share: true }],
      ['director@lianxi.test', 'N1', { update: true, delete: true, reassign: true, share: true }],
      ['gm@lianxi.test', 'N1', { update: false, delete: false, reassign: false, share: false }],
      ['marketing@lianxi.test', 'E2', { update: false, delete: false, reassign: false, share: false }],
    ];
    for (const [email, short, expected] of table) expect([email, short, await myAccess(email, short)]).toEqual([email, short, expected]);
    // Lists do not carry it (one record at a time).
    const list = await t.http.get('/api/v1/accounts').set(as('rep.e1@lianxi.test')).expect(200);
    expect(list.body.data[0].myAccess).toBeUndefined();
  });

  it('lets a rep update the team\'s accounts but not another team\'s (404) or a read-only one (403)', async () => {
    const update = (email: string, short: Short, body: object, etag?: string) =>
      t.http.patch(`/api/v1/accounts/${ids[short]}`).set(as(email)).set('If-Match', etag ?? 'W/"1"').send(body);
    expect((await update('rep.e1@lianxi.test', 'E1a', { region: 'East China' })).status).toBe(200);
    expect((await update('rep.e1@lianxi.test', 'E2', { region: 'x' })).status).toBe(404);
    // Owner-only (R-SEC-4): rep.e1 sees rep.e1b's account but may not change it; the owner may.
    const refused = await update('rep.e1@lianxi.test', 'E1b', { region: 'x' });
    expect(refused.status).toBe(403);
    expect((await update('rep.e1b@lianxi.test', 'E1b', { region: 'Suzhou' })).status).toBe(200);
    // Read-only roles see but may not change.
    expect((await update('gm@lianxi.test', 'N1', { region: 'x' })).status).toBe(403);
    expect((await update('admin@lianxi.test', 'N1', { region: 'x' })).status).toBe(404);
    const [n1] = await t.sql<{ region: string }>('select region from accounts where id = $1', [ids.N1]);
    expect(n1.region).toBe('North');
  });

  it('lets the manager reassign within the region, even an owner-only account; a rep may not reassign', async () => {
    const [rep] = await t.sql<{ id: string; team_id: string }>(`select id, team_id from users where email = 'rep.e2@lianxi.test'`);
    const current = await t.http.get(`/api/v1/accounts/${ids.E1b}`).set(as('manager.east@lianxi.test')).expect(200);
    const byRep = await t.http.patch(`/api/v1/accounts/${ids.E1a}`).set(as('rep.e1@lianxi.test')).set('If-Match', 'W/"2"').send({ ownerId: rep.id });
    expect(byRep.status).toBe(403);
    expect(byRep.body.errors).toEqual([{ field: 'ownerId', message: 'needs the reassign right over this record' }]);
    const moved = await t.http.patch(`/api/v1/accounts/${ids.E1b}`).set(as('manager.east@lianxi.test')).set('If-Match', current.headers.etag).send({ ownerId: rep.id });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ ownerId: rep.id, teamId: rep.team_id });
    // Now group E1 no longer sees it, group E2 does.
    await t.http.get(`/api/v1/accounts/${ids.E1b}`).set(as('rep.e1b@lianxi.test')).expect(404);
    await t.http.get(`/api/v1/accounts/${ids.E1b}`).set(as('rep.e2@lianxi.test')).expect(200);
    const [audit] = await t.sql<{ changes: Record<string, { old: unknown; new: unknown }> }>(`select changes from audit_events where action = 'account.reassigned' and entity_id = $1`, [ids.E1b]);
    expect(audit.changes.ownerId.new).toBe(rep.id);
  });

  it('lets a manager give records only to people inside the region (reassign reach)', async () => {
    const [north] = await t.sql<{ id: string }>(`select id from users where email = 'rep.n1@lianxi.test'`);
    const created = await t.http.post('/api/v1/accounts').set(as('manager.east@lianxi.test')).send({ name: '区域外测试', ownerId: north.id });
    expect(created.status).toBe(403);
    expect(created.body.errors).toEqual([{ field: 'ownerId', message: 'is outside the teams you may assign to' }]);
    const current = await t.http.get(`/api/v1/accounts/${ids.EAST}`).set(as('manager.east@lianxi.test')).expect(200);
    const moved = await t.http.patch(`/api/v1/accounts/${ids.EAST}`).set(as('manager.east@lianxi.test')).set('If-Match', current.headers.etag).send({ ownerId: north.id });
    expect(moved.status).toBe(403);
    const director = await t.http.get(`/api/v1/accounts/${ids.EAST}`).set(as('director@lianxi.test')).expect(200);
    await t.http.patch(`/api/v1/accounts/${ids.EAST}`).set(as('director@lianxi.test')).set('If-Match', director.headers.etag).send({ ownerId: north.id }).expect(200);
  });

  it('shows a restricted account only to its owner and explicit shares, directors included', async () => {
    await t.http.get(`/api/v1/accounts/${ids.SECRET}`).set(as('director@lianxi.test')).expect(404);
    await t.http.get(`/api/v1/accounts/${ids.SECRET}`).set(as('rep.e1b@lianxi.test')).expect(404);
    const [director] = await t.sql<{ id: string }>(`select id from users where email = 'director@lianxi.test'`);
    await t.sql(`insert into record_shares (id, object_type, record_id, user_id, access) values (gen_random_uuid(), 'account', $1, $2, 'read')`, [ids.SECRET, director.id]);
    await t.http.get(`/api/v1/accounts/${ids.SECRET}`).set(as('director@lianxi.test')).expect(200);
    const list = await t.http.get('/api/v1/accounts').query({ q: '保密' }).set(as('director@lianxi.test')).expect(200);
    expect(list.body.data.map((a: { id: string }) => a.id)).toEqual([ids.SECRET]);
  });

  it('gives a read share visibility but not the right to change; an edit share both', async () => {
    const [rep] = await t.sql<{ id: string }>(`select id from users where email = 'rep.n1@lianxi.test'`);
    await t.sql(`insert into record_shares (id, object_type, record_id, user_id, access) values (gen_random_uuid(), 'account', $1, $2, 'read')`, [ids.E2, rep.id]);
    const seen = await t.http.get(`/api/v1/accounts/${ids.E2}`).set(as('rep.n1@lianxi.test')).expect(200);
    await t.http.patch(`/api/v1/accounts/${ids.E2}`).set(as('rep.n1@lianxi.test')).set('If-Match', seen.headers.etag).send({ industry: 'ports' }).expect(403);
    await t.sql(`update record_shares set access = 'edit' where record_id = $1 and user_id = $2`, [ids.E2, rep.id]);
    const changed = await t.http.patch(`/api/v1/accounts/${ids.E2}`).set(as('rep.n1@lianxi.test')).set('If-Match', seen.headers.etag).send({ industry: 'ports' }).expect(200);
    // The answer to an update carries the caller's rights too; an edit share updates but never deletes or reassigns.
    expect(changed.body.myAccess).toMatchObject({ update: true, delete: false, reassign: false, share: true });
    await t.http.delete(`/api/v1/accounts/${ids.E2}`).set(as('rep.n1@lianxi.test')).set('If-Match', changed.headers.etag).expect(403);
  });

  it('masks the phone for marketing and refuses to sort or filter by what is masked', async () => {
    const list = await t.http.get('/api/v1/accounts').query({ limit: 200 }).set(as('marketing@lianxi.test')).expect(200);
    const n1 = list.body.data.find((a: { id: string }) => a.id === ids.N1);
    expect(n1.phone).toBe('136****3333');
    expect(n1.email).toBe('cg@beifang.example.cn');
    const rep = await t.http.get(`/api/v1/accounts/${ids.N1}`).set(as('rep.n1@lianxi.test')).expect(200);
    expect(rep.body.phone).toBe('13622223333');
  });

  it('omits hidden fields, refuses writing them (403 naming the field) and sorting or filtering by them (400)', async () => {
    await t.sql(`insert into field_permissions (role_id, object_type, field, access) select id, 'account', 'region', 'hidden' from roles where key = 'sales_rep'`);
    await t.sql(`insert into field_permissions (role_id, object_type, field, access) select id, 'account', 'industry', 'read' from roles where key = 'sales_rep'`);
    const got = await t.http.get(`/api/v1/accounts/${ids.N1}`).set(as('rep.n1@lianxi.test')).expect(200);
    expect(got.body).not.toHaveProperty('region');
    expect(got.body.industry).toBe('mining');
    const write = await t.http.patch(`/api/v1/accounts/${ids.N1}`).set(as('rep.n1@lianxi.test')).set('If-Match', got.headers.etag).send({ name: 'renamed', industry: 'coal', region: 'x' });
    expect(write.status).toBe(403);
    expect(write.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['industry', 'region']);
    const [unchanged] = await t.sql<{ name: string }>('select name from accounts where id = $1', [ids.N1]);
    expect(unchanged.name).toBe('天津北方矿业股份有限公司');
    const sort = await t.http.get('/api/v1/accounts').query({ sort: '-region' }).set(as('rep.n1@lianxi.test'));
    expect(sort.status).toBe(400);
    expect(sort.body.errors[0].field).toBe('sort');
    const filter = await t.http.get('/api/v1/accounts').query({ region: 'North' }).set(as('rep.n1@lianxi.test'));
    expect(filter.status).toBe(400);
    expect(filter.body.errors[0].field).toBe('region');
    await t.sql(`delete from field_permissions where object_type = 'account' and field in ('region', 'industry')`);
  });

  it('moves a user\'s accounts with them when they change team, so team scopes follow the owner', async () => {
    const admin = (await t.login('admin@lianxi.test')).accessToken;
    const [n1team] = await t.sql<{ id: string }>(`select id from teams where code = 'N1'`);
    const [e2team] = await t.sql<{ id: string }>(`select id from teams where code = 'E2'`);
    const [rep] = await t.sql<{ id: string; version: number }>(`select id, version from users where email = 'rep.n1@lianxi.test'`);
    const moved = await t.http.patch(`/api/v1/users/${rep.id}`).set('Authorization', `Bearer ${admin}`).set('If-Match', `W/"${rep.version}"`).send({ teamId: e2team.id });
    expect(moved.status).toBe(200);
    const [account] = await t.sql<{ team_id: string }>('select team_id from accounts where id = $1', [ids.N1]);
    expect(account.team_id).toBe(e2team.id);
    await t.http.get(`/api/v1/accounts/${ids.N1}`).set(as('rep.e2@lianxi.test')).expect(200);
    const back = await t.http.patch(`/api/v1/users/${rep.id}`).set('Authorization', `Bearer ${admin}`).set('If-Match', moved.headers.etag).send({ teamId: n1team.id });
    expect(back.status).toBe(200);
    await t.http.get(`/api/v1/accounts/${ids.N1}`).set(as('rep.e2@lianxi.test')).expect(404);
  });

  it('lets exactly one of two concurrent updates with the same ETag through; the other gets 412', async () => {
    const current = await t.http.get(`/api/v1/accounts/${ids.E2}`).set(as('rep.e2@lianxi.test')).expect(200);
    const [first, second] = await Promise.all(
      ['Ningbo', 'Wenzhou'].map((region) => t.http.patch(`/api/v1/accounts/${ids.E2}`).set(as('rep.e2@lianxi.test')).set('If-Match', current.headers.etag).send({ region })),
    );
    expect([first.status, second.status].sort()).toEqual([200, 412]);
    const winner = first.status === 200 ? first : second;
    const [stored] = await t.sql<{ region: string; version: number }>('select region, version from accounts where id = $1', [ids.E2]);
    expect(stored).toEqual({ region: winner.body.region, version: current.body.version + 1 });
  });

  it('applies a policy change on the next request', async () => {
    await t.http.get(`/api/v1/accounts/${ids.N1}`).set(as('rep.e2@lianxi.test')).expect(404);
    await t.sql(`update object_permissions set level = 'all' where object_type = 'account' and action = 'read' and role_id = (select id from roles where key = 'sales_rep')`);
    await t.http.get(`/api/v1/accounts/${ids.N1}`).set(as('rep.e2@lianxi.test')).expect(200);
    await t.sql(`update object_permissions set level = 'team' where object_type = 'account' and action = 'read' and role_id = (select id from roles where key = 'sales_rep')`);
    await t.http.get(`/api/v1/accounts/${ids.N1}`).set(as('rep.e2@lianxi.test')).expect(404);
  });

  it('creates in the creator\'s team; partners\' records join their partner account; administrators may not create', async () => {
    const created = await t.http.post('/api/v1/accounts').set(as('rep.e2@lianxi.test')).send({ name: '温州新客户', region: 'East' });
    expect(created.status).toBe(201);
    const [e2] = await t.sql<{ id: string }>(`select id from teams where code = 'E2'`);
    expect(created.body).toMatchObject({ teamId: e2.id, restricted: false });
    await t.http.get(`/api/v1/accounts/${created.body.id}`).set(as('rep.e1@lianxi.test')).expect(404);

    const partner = await t.http.post('/api/v1/accounts').set(as('partner@lianxi.test')).send({ name: 'Dalian Port Machinery' });
    expect(partner.status).toBe(201);
    expect(partner.body.partnerAccountId).toEqual(expect.any(String));
    await t.http.get(`/api/v1/accounts/${partner.body.id}`).set(as('partner@lianxi.test')).expect(200);

    expect((await t.http.post('/api/v1/accounts').set(as('admin@lianxi.test')).send({ name: 'x' })).status).toBe(403);
    expect((await t.http.post('/api/v1/accounts').set(as('gm@lianxi.test')).send({ name: 'x' })).status).toBe(403);
    const forOther = await t.http.post('/api/v1/accounts').set(as('rep.e2@lianxi.test')).send({ name: 'x', ownerId: created.body.ownerId === undefined ? '' : (await t.sql<{ id: string }>(`select id from users where email = 'rep.n1@lianxi.test'`))[0].id });
    expect(forOther.status).toBe(403);
  });

  it('deletes own records only for reps; others get 403, invisible ones 404', async () => {
    const mine = await t.http.post('/api/v1/accounts').set(as('rep.e1b@lianxi.test')).send({ name: '待删除客户' }).expect(201);
    await t.http.delete(`/api/v1/accounts/${mine.body.id}`).set(as('rep.e1@lianxi.test')).set('If-Match', `W/"${mine.body.version}"`).expect(403);
    await t.http.delete(`/api/v1/accounts/${mine.body.id}`).set(as('rep.n1@lianxi.test')).set('If-Match', `W/"${mine.body.version}"`).expect(404);
    await t.http.delete(`/api/v1/accounts/${mine.body.id}`).set(as('rep.e1b@lianxi.test')).set('If-Match', `W/"${mine.body.version}"`).expect(204);
    await t.http.get(`/api/v1/accounts/${mine.body.id}`).set(as('rep.e1b@lianxi.test')).expect(404);
  });

  it('tells the SPA the caller\'s effective permissions', async () => {
    const marketing = await t.http.get('/api/v1/me/permissions').set(as('marketing@lianxi.test')).expect(200);
    const account = marketing.body.objects.find((o: { objectType: string }) => o.objectType === 'account');
    expect(account.levels).toEqual({ read: 'all', create: 'none', update: 'none', delete: 'none', reassign: 'none' });
    expect(account.fields).toMatchObject({ name: 'read', phone: 'masked' });
    const admin = await t.http.get('/api/v1/me/permissions').set(as('admin@lianxi.test')).expect(200);
    expect(admin.body.objects.every((o: { levels: Record<string, string> }) => Object.values(o.levels).every((l) => l === 'none'))).toBe(true);
  });

  it('exports a selection (ids): only the selected records the caller may see, audited; bad or too many ids are 400 naming ids', async () => {
    const csv = (path: string, email: string, query: Record<string, string | string[]>) =>
      t.http.get(path).query(query).set(as(email)).buffer(true).parse((res, done) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => done(null, text));
      });
    const rowIds = (body: string) => body.replace(/^\uFEFF/, '').trim().split('\n').slice(1).map((row) => row.split(',')[0]);
    // rep.e1 picks E1a and SECRET, and asks for E2 and N1 too (out of scope): they are simply not there.
    const picked = await csv('/api/v1/accounts/export', 'rep.e1@lianxi.test', { ids: [ids.E1a, ids.E2, ids.N1, ids.SECRET].join(',') });
    expect(picked.status).toBe(200);
    expect(rowIds(picked.body as string).map(nameOf).sort()).toEqual(['E1a', 'SECRET']);
    // Repeated parameters work the same; the selection is ANDed with the filters.
    const repeated = await csv('/api/v1/accounts/export', 'director@lianxi.test', { ids: [ids.E2, ids.N1], region: 'North' });
    expect(rowIds(repeated.body as string).map(nameOf)).toEqual(['N1']);
    const [audit] = await t.sql<{ details: { rows: number; filters: { ids: number } } }>(
      `select details from audit_events where action = 'account.exported' and actor_email = 'director@lianxi.test' order by id desc limit 1`,
    );
    expect(audit.details).toMatchObject({ rows: 1, filters: { ids: 2 } });
    const contactIds = await t.sql<{ id: string; account_id: string }>('select id, account_id from contacts');
    const e1Contacts = contactIds.filter((c) => c.account_id === ids.E1a).map((c) => c.id);
    const n1Contacts = contactIds.filter((c) => c.account_id === ids.N1).map((c) => c.id);
    const contacts = await csv('/api/v1/contacts/export', 'rep.e1@lianxi.test', { ids: [...e1Contacts, ...n1Contacts].join(',') });
    expect(contacts.status).toBe(200);
    expect(rowIds(contacts.body as string).sort()).toEqual([...e1Contacts].sort());
    const bad = await t.http.get('/api/v1/accounts/export').query({ ids: 'not-a-uuid' }).set(as('rep.e1@lianxi.test'));
    expect([bad.status, bad.body.errors[0].field]).toEqual([400, 'ids']);
    const many = Array.from({ length: 201 }, (_, i) => `01a20909-1c08-705a-93fb-${String(i).padStart(12, '0')}`);
    const refused = await t.http.get('/api/v1/contacts/export').query({ ids: many }).set(as('rep.e1@lianxi.test'));
    expect([refused.status, refused.body.errors[0].field]).toEqual([400, 'ids']);
  });

  it('lists every contact in scope with its account\'s name as the caller may read it', async () => {
    // An earlier test gave E1b to rep.e2: rep.e1 still sees rep.e1b's contact there, but no longer the account's name.
    const visibleAccounts = (await t.http.get('/api/v1/accounts').query({ limit: 200 }).set(as('rep.e1@lianxi.test')).expect(200)).body.data as Array<{ id: string; name: string }>;
    const nameOfVisible = new Map(visibleAccounts.map((a) => [a.id, a.name]));
    const list = await t.http.get('/api/v1/contacts').query({ limit: 200 }).set(as('rep.e1@lianxi.test')).expect(200);
    const got = list.body.data.map((c: { accountId: string; accountName?: string }) => [nameOf(c.accountId), c.accountName]);
    expect(got).toEqual(list.body.data.map((c: { accountId: string }) => [nameOf(c.accountId), nameOfVisible.get(c.accountId)]));
    expect(new Set(got.map(([short]: [string]) => short))).toEqual(new Set(['E1a', 'E1b', 'SECRET']));
    expect(got.filter(([, name]: [string, string?]) => name === undefined).map(([short]: [string]) => short)).toEqual(['E1b']);
    // Another role, another scope: the quality inspector reads every account's name in clear.
    const quality = await t.http.get('/api/v1/contacts').query({ limit: 200, accountId: ids.N1 }).set(as('quality@lianxi.test')).expect(200);
    const [n1] = await t.sql<{ name: string }>('select name from accounts where id = $1', [ids.N1]);
    expect(quality.body.data.map((c: { accountName?: string }) => c.accountName)).toEqual(quality.body.data.map(() => n1.name));
    expect(quality.body.data.length).toBeGreaterThan(0);
  });
});

describe('permission engine: explain', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('tells administrators and auditors why a user can or cannot see and change a record', async () => {
    const [secret] = await t.sql<{ id: string }>(`select id from accounts where restricted`);
    const [e1b] = await t.sql<{ id: string }>(`select id from accounts where owner_only_edit`);
    const users = Object.fromEntries((await t.sql<{ id: string; email: string }>('select id, email from users')).map((u) => [u.email, u.id]));
    const admin = (await t.login('admin@lianxi.test')).accessToken;
    const explain = (entity: string, id: string, user: string) =>
      t.http.get('/api/v1/access/explain').query({ entity, id, user }).set('Authorization', `Bearer ${admin}`);

    const director = await explain('account', secret.id, users['director@lianxi.test']).expect(200);
    const read = director.body.actions.find((a: { action: string }) => a.action === 'read');
    expect(read).toMatchObject({ allowed: false, level: 'all' });
    expect(read.reasons.map((r: { code: string }) => r.code)).toEqual(['level', 'restricted']);
    expect(read.reasons[0]).toMatchObject({ level: 'all', roles: ['sales_director'] });

    const rep = await explain('account', e1b.id, users['rep.e1@lianxi.test']).expect(200);
    const verdicts = Object.fromEntries(rep.body.actions.map((a: { action: string; allowed: boolean }) => [a.action, a.allowed]));
    expect(verdicts).toEqual({ read: true, create: true, update: false, delete: false, reassign: false });
    const update = rep.body.actions.find((a: { action: string }) => a.action === 'update');
    expect(update.reasons.map((r: { code: string }) => r.code)).toEqual(['level', 'team', 'owner_only']);
    expect(update.reasons[2].text).toMatch(/owner-only/);
    expect(rep.body.fields).toMatchObject({ name: 'edit', phone: 'edit' });
    expect(JSON.stringify(rep.body)).not.toMatch(/苏州远航/);

    const marketing = await explain('account', e1b.id, users['marketing@lianxi.test']).expect(200);
    expect(marketing.body.fields.phone).toBe('masked');

    await explain('account', secret.id, '01a20909-1c08-705a-93fb-5d11d4e08468').expect(404);
    const rep2 = (await t.login('rep.e2@lianxi.test')).accessToken;
    await t.http.get('/api/v1/access/explain').query({ entity: 'account', id: secret.id, user: users['rep.e2@lianxi.test'] }).set('Authorization', `Bearer ${rep2}`).expect(403);
    const auditor = (await t.login('auditor@lianxi.test')).accessToken;
    await t.http.get('/api/v1/access/explain').query({ entity: 'account', id: secret.id, user: users['rep.e1@lianxi.test'] }).set('Authorization', `Bearer ${auditor}`).expect(200);
  });
});

describe('permission engine: contacts and the account\'s related list', () => {
  let t: TestApp;
  const token: Record<string, string> = {};
  const as = (email: string) => ({ Authorization: `Bearer ${token[email]}` });
  let accounts: Record<string, string>;

  beforeAll(async () => {
    t = await createTestApp();
    for (const email of ['rep.e1@lianxi.test', 'rep.e2@lianxi.test', 'quality@lianxi.test', 'marketing@lianxi.test', 'admin@lianxi.test', 'partner@lianxi.test']) {
      token[email] = (await t.login(email)).accessToken;
    }
    accounts = Object.fromEntries((await t.sql<{ id: string; name: string }>('select id, name from accounts')).map((a) => [a.name, a.id]));
  });
  afterAll(() => t.close());

  it('scopes contacts like accounts and hides the quality inspector\'s forbidden fields', async () => {
    const names = async (email: string) => (await t.http.get('/api/v1/contacts').set(as(email)).expect(200)).body.data.map((c: { name: string }) => c.name).sort();
    expect(await names('rep.e1@lianxi.test')).toEqual(['孙丽', '李建国', '王芳'].sort());
    expect(await names('rep.e2@lianxi.test')).toEqual(['陈刚']);
    expect(await names('partner@lianxi.test')).toEqual(['Liu Yang']);
    expect(await names('admin@lianxi.test')).toEqual([]);
    const quality = await t.http.get('/api/v1/contacts').set(as('quality@lianxi.test')).expect(200);
    expect(quality.body.data).toHaveLength(6);
    for (const contact of quality.body.data) {
      expect(contact).not.toHaveProperty('phone');
      expect(contact).not.toHaveProperty('email');
      expect(contact.name).toEqual(expect.any(String));
    }
    const marketing = await t.http.get('/api/v1/contacts').query({ q: '赵' }).set(as('marketing@lianxi.test')).expect(200);
    expect(marketing.body.data[0].phone).toBe('136****8888');
    expect((await t.http.get('/api/v1/contacts').query({ sort: 'title' }).set(as('quality@lianxi.test'))).status).toBe(200);
  });

  it('leaves hidden fields out of the contacts export as columns, not just as values', async () => {
    const response = await t.http.get('/api/v1/contacts/export').set(as('quality@lianxi.test')).buffer(true).parse((res, done) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => done(null, text));
    });
    expect(response.status).toBe(200);
    const header = (response.body as string).replace(/^\uFEFF/, '').split('\n')[0].split(',');
    expect(header).toEqual(expect.arrayContaining(['id', 'accountId', 'name', 'title']));
    expect(header).not.toContain('phone');
    expect(header).not.toContain('email');
    for (const { contact } of ACCOUNTS) {
      expect(response.body as string).not.toContain(contact.phone);
      expect(response.body as string).not.toContain(contact.email);
    }
  });

  it('counts a related list within the caller\'s scope, and refuses a total that is not a boolean', async () => {
    const [account] = await t.sql<{ id: string }>(`select account_id as id from contacts limit 1`);
    const related = await t.http.get(`/api/v1/accounts/${account.id}/contacts`).query({ withTotal: 'true' }).set(as('marketing@lianxi.test')).expect(200);
    expect(related.body.total).toBe(related.body.data.length);
    expect(related.body.total).toBeGreaterThan(0);
    const bad = await t.http.get('/api/v1/contacts').query({ withTotal: 'yes' }).set(as('marketing@lianxi.test'));
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe('withTotal');
  });

  it('lists an account\'s contacts only when the account is visible', async () => {
    const hengda = accounts['徐州恒达工程机械有限公司'];
    const related = await t.http.get(`/api/v1/accounts/${hengda}/contacts`).set(as('rep.e1@lianxi.test')).expect(200);
    expect(related.body.data.map((c: { name: string }) => c.name)).toEqual(['李建国']);
    await t.http.get(`/api/v1/accounts/${hengda}/contacts`).set(as('rep.e2@lianxi.test')).expect(404);
  });

  it('creates contacts only on visible accounts; an invisible account is "no such account"', async () => {
    const hengda = accounts['徐州恒达工程机械有限公司'];
    const created = await t.http.post('/api/v1/contacts').set(as('rep.e1@lianxi.test')).send({ accountId: hengda, name: '吴新', phone: '13800001234' });
    expect(created.status).toBe(201);
    const hidden = await t.http.post('/api/v1/contacts').set(as('rep.e2@lianxi.test')).send({ accountId: hengda, name: '吴新' });
    expect(hidden.status).toBe(400);
    expect(hidden.body.errors).toEqual([{ field: 'accountId', message: 'no such account' }]);
    const missing = await t.http.post('/api/v1/contacts').set(as('rep.e2@lianxi.test')).send({ accountId: '01a20909-1c08-705a-93fb-5d11d4e08468', name: '吴新' });
    expect(missing.body.errors).toEqual(hidden.body.errors);
    await t.http.get(`/api/v1/contacts/${created.body.id}`).set(as('rep.e2@lianxi.test')).expect(404);
    await t.http.patch(`/api/v1/contacts/${created.body.id}`).set(as('quality@lianxi.test')).set('If-Match', `W/"${created.body.version}"`).send({ title: 'x' }).expect(403);
  });

  it('deletes an account into the recycle bin with its contacts, and restores exactly those', async () => {
    const account = await t.http.post('/api/v1/accounts').set(as('rep.e1@lianxi.test')).send({ name: '短期客户' }).expect(201);
    const [kept, gone] = await Promise.all(
      ['临时联系人', '已删联系人'].map((name) => t.http.post('/api/v1/contacts').set(as('rep.e1@lianxi.test')).send({ accountId: account.body.id, name }).expect(201)),
    );
    // A contact deleted on its own stays in the bin when its account comes back.
    await t.http.delete(`/api/v1/contacts/${gone.body.id}`).set(as('rep.e1@lianxi.test')).set('If-Match', `W/"${gone.body.version}"`).expect(204);
    await t.http.delete(`/api/v1/accounts/${account.body.id}`).set(as('rep.e1@lianxi.test')).set('If-Match', `W/"${account.body.version}"`).expect(204);
    await t.http.get(`/api/v1/accounts/${account.body.id}`).set(as('rep.e1@lianxi.test')).expect(404);
    await t.http.get(`/api/v1/contacts/${kept.body.id}`).set(as('rep.e1@lianxi.test')).expect(404);
    const listed = await t.http.get('/api/v1/contacts?limit=200&q=联系人').set(as('rep.e1@lianxi.test')).expect(200);
    expect(listed.body.data.map((c: { id: string }) => c.id)).not.toContain(kept.body.id);
    // The contact deleted alone cannot come back while its account is in the bin.
    const orphan = await t.http.post(`/api/v1/contacts/${gone.body.id}/restore`).set(as('rep.e1@lianxi.test')).expect(409);
    expect(orphan.body.errors).toEqual([{ field: 'accountId', message: 'is in the recycle bin' }]);

    const restored = await t.http.post(`/api/v1/accounts/${account.body.id}/restore`).set(as('rep.e1@lianxi.test')).expect(200);
    expect(restored.body).toMatchObject({ id: account.body.id, name: '短期客户', version: account.body.version + 2, myAccess: { delete: true } });
    expect(restored.body.deletedAt).toBeUndefined();
    await t.http.get(`/api/v1/contacts/${kept.body.id}`).set(as('rep.e1@lianxi.test')).expect(200);
    await t.http.get(`/api/v1/contacts/${gone.body.id}`).set(as('rep.e1@lianxi.test')).expect(404);
    await t.http.post(`/api/v1/accounts/${account.body.id}/restore`).set(as('rep.e1@lianxi.test')).expect(404);
    await t.http.post(`/api/v1/contacts/${gone.body.id}/restore`).set(as('rep.e1@lianxi.test')).expect(200);
  });
});
