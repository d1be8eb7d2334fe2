import { randomUUID } from 'node:crypto';
import { ACCOUNTS } from '../src/demo/demo-organisation';
import { createTestApp, TestApp } from './support/test-app';

/**
 * Leads under the permission engine: CRUD with versions, statuses, idempotent create and convert, conversion
 * matching an existing account, CSV import, the public web form with its rate limit, bulk reassignment and the
 * recycle bin. The permission table compares each demo user's whole list with what the default policy
 * (migration 1764000000050) says they reach, over the 150 demo leads.
 */
const USERS = ['rep.e1', 'rep.e1b', 'rep.e2', 'rep.n1', 'manager.east', 'director', 'gm', 'marketing', 'finance', 'agent', 'engineer', 'quality', 'partner', 'admin', 'auditor'];
const RATE = 5;

describe('leads', () => {
  let t: TestApp;
  let tokens: Record<string, string>;
  let userIds: Record<string, string>;
  const as = (user: string) => ({ Authorization: `Bearer ${tokens[user]}` });
  const create = async (user: string, body: Record<string, unknown>) => (await t.http.post('/api/v1/leads').set(as(user)).send(body).expect(201)).body;

  beforeAll(async () => {
    t = await createTestApp({ TRUST_PROXY: '1', WEB_LEAD_RATE_PER_MINUTE: String(RATE) });
    ({ tokens, userIds } = await t.signInAll(USERS));
  });
  afterAll(() => t.close());

  describe('create, read, update', () => {
    it('creates a new lead owned by the caller in their team, with an ETag', async () => {
      const response = await t.http.post('/api/v1/leads').set(as('rep.e1')).send({ name: '陈志远', company: '南京新港建设有限公司', phone: '13800001111', email: 'chen@xg.example.cn', rating: 'hot' }).expect(201);
      expect(response.body).toMatchObject({ name: '陈志远', status: 'new', source: 'manual', ownerId: userIds['rep.e1'], rating: 'hot', version: 1 });
      expect(response.headers.etag).toBe('W/"1"');
      const read = await t.http.get(`/api/v1/leads/${response.body.id}`).set(as('rep.e1')).expect(200);
      expect(read.body.myAccess).toMatchObject({ update: true, delete: true, reassign: false });
    });

    it.each([
      [{ company: 'x' }, 'name'],
      [{ name: 'A', email: 'not-an-email' }, 'email'],
      [{ name: 'A', phone: 'abc' }, 'phone'],
      [{ name: 'A', source: 'fax' }, 'source'],
      [{ name: 'A', rating: 'lukewarm' }, 'rating'],
      [{ name: 'A', status: 'qualified' }, 'status'],
    ])('400 naming the field: %j', async (body, field) => {
      const response = await t.http.post('/api/v1/leads').set(as('rep.e1')).send(body).expect(400);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    });

    it('updates with If-Match; stale is 412, missing 428; statuses follow the rules', async () => {
      const lead = await create('rep.e1', { name: '刘洋', company: '合肥华建路桥' });
      await t.http.patch(`/api/v1/leads/${lead.id}`).set(as('rep.e1')).send({ status: 'contacted' }).expect(428);
      const contacted = await t.http.patch(`/api/v1/leads/${lead.id}`).set(as('rep.e1')).set('If-Match', 'W/"1"').send({ status: 'contacted' }).expect(200);
      expect(contacted.body).toMatchObject({ status: 'contacted', version: 2 });
      const stale = await t.http.patch(`/api/v1/leads/${lead.id}`).set(as('rep.e1')).set('If-Match', 'W/"1"').send({ status: 'qualified' }).expect(412);
      expect(stale.body.code).toBe('precondition_failed');
      expect((await t.sql<{ status: string }>('select status from leads where id = $1', [lead.id]))[0].status).toBe('contacted');
      // converted only by converting; disqualified needs a reason, which goes when the lead is reopened.
      const converted = await t.http.patch(`/api/v1/leads/${lead.id}`).set(as('rep.e1')).set('If-Match', 'W/"2"').send({ status: 'converted' }).expect(400);
      expect(converted.body.errors[0].field).toBe('status');
      const noReason = await t.http.patch(`/api/v1/leads/${lead.id}`).set(as('rep.e1')).set('If-Match', 'W/"2"').send({ status: 'disqualified' }).expect(400);
      expect(noReason.body.errors[0].field).toBe('disqualifiedReason');
      const disqualified = await t.http.patch(`/api/v1/leads/${lead.id}`).set(as('rep.e1')).set('If-Match', 'W/"2"').send({ status: 'disqualified', disqualifiedReason: '预算不足' }).expect(200);
      expect(disqualified.body).toMatchObject({ status: 'disqualified', disqualifiedReason: '预算不足', version: 3 });
      const reopened = await t.http.patch(`/api/v1/leads/${lead.id}`).set(as('rep.e1')).set('If-Match', 'W/"3"').send({ status: 'qualified' }).expect(200);
      expect(reopened.body).toMatchObject({ status: 'qualified', disqualifiedReason: null });
      const audit = await t.sql<{ action: string }>(`select action from audit_events where entity_id = $1 order by occurred_at`, [lead.id]);
      expect(audit.map((a) => a.action)).toEqual(['lead.created', 'lead.updated', 'lead.updated', 'lead.updated']);
    });

    it('a retried create with the same Idempotency-Key makes one lead', async () => {
      const key = randomUUID();
      const body = { name: 'Idem Potent', company: 'Retry Ltd.' };
      const first = await t.http.post('/api/v1/leads').set(as('rep.e1')).set('Idempotency-Key', key).send(body).expect(201);
      const again = await t.http.post('/api/v1/leads').set(as('rep.e1')).set('Idempotency-Key', key).send(body).expect(201);
      expect(again.body.id).toBe(first.body.id);
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(await t.sql(`select id from leads where name = 'Idem Potent'`)).toHaveLength(1);
    });

    it('filters by status and source and pages by keyset', async () => {
      const first = await t.http.get('/api/v1/leads?status=disqualified&source=web&limit=3').set(as('director')).expect(200);
      expect(first.body.data.length).toBeGreaterThan(0);
      for (const lead of first.body.data) expect(lead).toMatchObject({ status: 'disqualified', source: 'web' });
      const all = new Set<string>();
      let cursor: string | null = null;
      do {
        const page: { body: { data: Array<{ id: string }>; nextCursor: string | null } } = await t.http.get(`/api/v1/leads?status=new&sort=-createdAt&limit=7${cursor ? `&cursor=${cursor}` : ''}`).set(as('director')).expect(200);
        for (const lead of page.body.data) all.add(lead.id);
        cursor = page.body.nextCursor;
      } while (cursor);
      const expected = await t.sql(`select id from leads where status = 'new' and deleted_at is null`);
      expect(all.size).toBe(expected.length);
      await t.http.get('/api/v1/leads?status=won').set(as('director')).expect(400);
    });
  });

  describe('permission table over the demo leads', () => {
    const expectedFor = async (user: string): Promise<string[]> => {
      const scope: Record<string, string> = {
        'rep.e1': `l.team_id = (select team_id from users where email = 'rep.e1@lianxi.test')`,
        'rep.e1b': `l.team_id = (select team_id from users where email = 'rep.e1b@lianxi.test')`,
        'rep.e2': `l.team_id = (select team_id from users where email = 'rep.e2@lianxi.test')`,
        'rep.n1': `l.team_id = (select team_id from users where email = 'rep.n1@lianxi.test')`,
        'manager.east': `t.path like (select path from teams where code = 'EAST') || '%'`,
        director: 'true',
        gm: 'true',
        marketing: 'true',
        partner: 'l.partner_account_id is not null',
      };
      if (!scope[user]) return [];
      const rows = await t.sql<{ id: string }>(
        `select l.id from leads l left join teams t on t.id = l.team_id where l.deleted_at is null and (not l.restricted or l.owner_id = (select id from users where email = $1)) and ${scope[user]}`,
        [`${user}@lianxi.test`],
      );
      return rows.map((r) => r.id).sort();
    };

    it.each(USERS)('%s lists exactly the leads the default policy gives them', async (user) => {
      const listed: string[] = [];
      let cursor: string | null = null;
      do {
        const page: { body: { data: Array<{ id: string }>; nextCursor: string | null } } = await t.http.get(`/api/v1/leads?limit=200${cursor ? `&cursor=${cursor}` : ''}`).set(as(user)).expect(200);
        listed.push(...page.body.data.map((l) => l.id));
        cursor = page.body.nextCursor;
      } while (cursor);
      const expected = await expectedFor(user);
      expect(listed.sort()).toEqual(expected);
      if (['rep.e1', 'manager.east', 'director', 'partner'].includes(user)) expect(expected.length).toBeGreaterThan(0);
    });

    it('a lead outside the caller\'s scope is 404; read-only roles get 403 on writes', async () => {
      const [n1Lead] = await t.sql<{ id: string; version: number }>(`select l.id, l.version from leads l join users u on u.id = l.owner_id where u.email = 'rep.n1@lianxi.test' limit 1`);
      await t.http.get(`/api/v1/leads/${n1Lead.id}`).set(as('rep.e1')).expect(404);
      await t.http.get(`/api/v1/leads/${n1Lead.id}`).set(as('finance')).expect(404);
      await t.http.patch(`/api/v1/leads/${n1Lead.id}`).set(as('gm')).set('If-Match', `W/"${n1Lead.version}"`).send({ notes: 'x' }).expect(403);
      await t.http.post('/api/v1/leads').set(as('gm')).send({ name: 'GM' }).expect(403);
      await t.http.post('/api/v1/leads').set(as('admin')).send({ name: 'Admin' }).expect(403);
      const byMarketing = await create('marketing', { name: '市场线索', phone: '13912345678' });
      expect(byMarketing.ownerId).toBe(userIds.marketing);
    });

    it('the general manager sees phones and emails masked', async () => {
      const page = await t.http.get('/api/v1/leads?limit=5').set(as('gm')).expect(200);
      for (const lead of page.body.data) {
        if (lead.phone) expect(lead.phone).toMatch(/^\d{3}\*{4}\d{4}$/);
        if (lead.email) expect(lead.email).toMatch(/^.\*\*\*@/);
      }
      const director = await t.http.get('/api/v1/leads?limit=5').set(as('director')).expect(200);
      expect(director.body.data.some((l: { phone?: string }) => l.phone && !l.phone.includes('*'))).toBe(true);
    });

    it('the partner creates leads within their partner account', async () => {
      const lead = await create('partner', { name: 'Partner Lead', company: 'Jinan Heavy Co.' });
      expect(lead.partnerAccountId).toBeTruthy();
      await t.http.get(`/api/v1/leads/${lead.id}`).set(as('rep.e1')).expect(404);
      await t.http.get(`/api/v1/leads/${lead.id}`).set(as('director')).expect(200);
    });
  });

  describe('conversion', () => {
    const hengda = ACCOUNTS[0];

    it('matches an existing account by normalised company name and creates contact and opportunity in one go', async () => {
      const lead = await create('rep.e1', { name: '李四', company: ` ${hengda.name.slice(0, 4)} ${hengda.name.slice(4)}`, title: '副总', phone: '13811119999', email: 'li.si@hengda.example.cn' });
      const [account] = await t.sql<{ id: string }>('select id from accounts where name = $1', [hengda.name]);
      const matches = await t.http.get(`/api/v1/leads/${lead.id}/conversion-matches`).set(as('rep.e1')).expect(200);
      expect(matches.body.accounts.map((a: { id: string }) => a.id)).toEqual([account.id]);
      const key = randomUUID();
      const body = { opportunity: { amount: '1380000.00', expectedCloseDate: '2027-06-30' } };
      const converted = await t.http.post(`/api/v1/leads/${lead.id}/convert`).set(as('rep.e1')).set('Idempotency-Key', key).send(body).expect(201);
      expect(converted.body).toMatchObject({ accountId: account.id, accountExisted: true, lead: { status: 'converted', convertedAccountId: account.id } });
      expect(converted.body.lead.convertedContactId).toBe(converted.body.contactId);
      expect(converted.body.opportunityId).toBeTruthy();
      const again = await t.http.post(`/api/v1/leads/${lead.id}/convert`).set(as('rep.e1')).set('Idempotency-Key', key).send(body).expect(201);
      expect(again.body).toEqual(converted.body);
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(await t.sql(`select id from contacts where name = '李四'`)).toHaveLength(1);
      const [opportunity] = await t.sql<{ account_id: string; amount: string; stage_id: string; probability: number }>('select account_id, amount, stage_id, probability from opportunities where id = $1', [converted.body.opportunityId]);
      expect(opportunity).toMatchObject({ account_id: account.id, amount: '1380000.00', probability: 10 });
      const twice = await t.http.post(`/api/v1/leads/${lead.id}/convert`).set(as('rep.e1')).send({}).expect(409);
      expect(twice.body.errors[0].field).toBe('status');
      const edit = await t.http.patch(`/api/v1/leads/${lead.id}`).set(as('rep.e1')).set('If-Match', `W/"${converted.body.lead.version}"`).send({ notes: 'late' }).expect(409);
      expect(edit.body.code).toBe('conflict');
      const audit = await t.sql<{ action: string; details: { accountExisted: boolean } }>(`select action, details from audit_events where entity_id = $1 and action = 'lead.converted'`, [lead.id]);
      expect(audit).toHaveLength(1);
      expect(audit[0].details.accountExisted).toBe(true);
    });

    it('creates the account when nothing matches, and uses a named account when given', async () => {
      const lead = await create('rep.e1', { name: '王五', company: '全新客户重工有限公司', industry: 'mining', region: 'East' });
      const converted = await t.http.post(`/api/v1/leads/${lead.id}/convert`).set(as('rep.e1')).send({}).expect(201);
      expect(converted.body).toMatchObject({ accountExisted: false, opportunityId: null });
      const [account] = await t.sql<{ name: string; industry: string; owner_id: string }>('select name, industry, owner_id from accounts where id = $1', [converted.body.accountId]);
      expect(account).toEqual({ name: '全新客户重工有限公司', industry: 'mining', owner_id: userIds['rep.e1'] });

      const other = await create('rep.e1', { name: '赵六', company: 'Something Else' });
      const named = await t.http.post(`/api/v1/leads/${other.id}/convert`).set(as('rep.e1')).send({ accountId: converted.body.accountId }).expect(201);
      expect(named.body).toMatchObject({ accountId: converted.body.accountId, accountExisted: true });
      // An account the caller cannot see is one that does not exist.
      const [north] = await t.sql<{ id: string }>('select id from accounts where name = $1', [ACCOUNTS[3].name]);
      const third = await create('rep.e1', { name: '钱七' });
      const invisible = await t.http.post(`/api/v1/leads/${third.id}/convert`).set(as('rep.e1')).send({ accountId: north.id }).expect(400);
      expect(invisible.body.errors[0].field).toBe('accountId');
    });

    it('does not match an account the caller cannot read, and writes nothing when a create right is missing', async () => {
      // rep.e1 cannot see the North region's account: a lead with that company makes a new account instead.
      const lead = await create('rep.e1', { name: '孙八', company: ACCOUNTS[3].name });
      const matches = await t.http.get(`/api/v1/leads/${lead.id}/conversion-matches`).set(as('rep.e1')).expect(200);
      expect(matches.body.accounts).toEqual([]);
      // Marketing may update leads but not create accounts: 403 and nothing written.
      const byMarketing = await create('marketing', { name: '周九', company: '市场部测试公司' });
      const before = await t.sql('select count(*)::int as n from accounts');
      await t.http.post(`/api/v1/leads/${byMarketing.id}/convert`).set(as('marketing')).send({ opportunity: {} }).expect(403);
      expect(await t.sql('select count(*)::int as n from accounts')).toEqual(before);
      expect((await t.sql<{ status: string }>('select status from leads where id = $1', [byMarketing.id]))[0].status).toBe('new');
      await t.http.post(`/api/v1/leads/${byMarketing.id}/convert`).set(as('rep.n1')).send({}).expect(404);
    });

    it('validates the body: a bad opportunity amount is 400 naming it', async () => {
      const lead = await create('rep.e1', { name: '吴十' });
      const response = await t.http.post(`/api/v1/leads/${lead.id}/convert`).set(as('rep.e1')).send({ opportunity: { amount: 12 } }).expect(400);
      expect(response.body.errors[0].field).toContain('amount');
    });
  });

  describe('CSV import', () => {
    it('imports the valid rows in one transaction and reports each bad row with line and field', async () => {
      const csv = '\uFEFF姓名,公司,电话,email,rating\n导入甲,甲公司,13800002222,a@example.cn,hot\n,乙公司,,,\n导入丙,丙公司,xx,c@example.cn,warm\n"导入丁, Jr.","丁公司 ""集团""",,d@example.cn,\n';
      const key = randomUUID();
      const response = await t.http.post('/api/v1/leads/import').set(as('rep.e1')).set('Idempotency-Key', key).send({ csv }).expect(200);
      expect(response.body.imported).toBe(2);
      expect(response.body.errors).toEqual([
        { row: 3, field: 'name', message: expect.any(String) },
        { row: 4, field: 'phone', message: expect.any(String) },
      ]);
      const rows = await t.sql<{ name: string; company: string; source: string; owner_id: string }>('select name, company, source, owner_id from leads where id = any($1) order by name', [response.body.ids]);
      expect(rows).toEqual([
        { name: '导入丁, Jr.', company: '丁公司 "集团"', source: 'import', owner_id: userIds['rep.e1'] },
        { name: '导入甲', company: '甲公司', source: 'import', owner_id: userIds['rep.e1'] },
      ]);
      const again = await t.http.post('/api/v1/leads/import').set(as('rep.e1')).set('Idempotency-Key', key).send({ csv }).expect(200);
      expect(again.body).toEqual(response.body);
      expect(await t.sql(`select id from leads where name = '导入甲'`)).toHaveLength(1);
    });

    it.each([
      ['name,colour\nA,red\n', 'unknown column'],
      ['company\nX\n', 'needs a name column'],
      ['name\n', 'needs a header row and at least one row'],
      ['name\n"unclosed\n', 'not valid CSV'],
    ])('refuses a file that cannot be read as leads: %j', async (csv, message) => {
      const response = await t.http.post('/api/v1/leads/import').set(as('rep.e1')).send({ csv }).expect(400);
      expect(response.body.errors[0]).toEqual({ field: 'csv', message: expect.stringContaining(message) });
    });

    it('needs the create right', async () => {
      await t.http.post('/api/v1/leads/import').set(as('gm')).send({ csv: 'name\nX\n' }).expect(403);
    });
  });

  describe('web-to-lead (public)', () => {
    const from = (ip: string) => ({ 'X-Forwarded-For': ip });

    it('takes a lead without signing in, for the form\'s owner', async () => {
      const response = await t.http.post('/api/v1/web-leads').set(from('203.0.113.1')).send({ formKey: 'demo-web-form', name: 'Web Visitor', company: 'Visitor Co.', email: 'v@example.com' }).expect(202);
      expect(response.body).toEqual({ received: true });
      const [lead] = await t.sql<{ source: string; status: string; owner_id: string }>(`select source, status, owner_id from leads where name = 'Web Visitor'`);
      expect(lead).toEqual({ source: 'web', status: 'new', owner_id: userIds['rep.e1'] });
      const [audit] = await t.sql<{ actor_id: string | null; details: { via: string } }>(`select actor_id, details from audit_events where action = 'lead.created' and details->>'via' = 'web-to-lead'`);
      expect(audit).toMatchObject({ actor_id: null, details: { via: 'web-to-lead' } });
    });

    it.each([
      [{ formKey: 'demo-web-form', email: 'x@example.com' }, 'name'],
      [{ formKey: 'demo-web-form', name: 'X', email: 'nope' }, 'email'],
      [{ formKey: 'no-such-form', name: 'X' }, 'formKey'],
      [{ formKey: 'demo-web-form', name: 'X', ownerId: randomUUID() }, 'ownerId'],
    ])('400 naming the field: %j', async (body, field) => {
      const response = await t.http.post('/api/v1/web-leads').set(from('203.0.113.2')).send(body).expect(400);
      expect(response.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    });

    it('answers a filled honeypot like a person and writes nothing', async () => {
      await t.http.post('/api/v1/web-leads').set(from('203.0.113.3')).send({ formKey: 'demo-web-form', name: 'Bot Bot', website: 'http://spam.example' }).expect(202);
      expect(await t.sql(`select id from leads where name = 'Bot Bot'`)).toHaveLength(0);
    });

    it('limits submissions per client address: 429 problem+json with Retry-After', async () => {
      // Twice the limit and two more: even if a minute boundary falls in between, one window goes over.
      const statuses: number[] = [];
      let limited: { headers: Record<string, string>; body: { code: string } } | undefined;
      for (let i = 0; i < RATE * 2 + 2; i++) {
        const response = await t.http.post('/api/v1/web-leads').set(from('198.51.100.7')).send({ formKey: 'demo-web-form', name: `Flood ${i}` });
        statuses.push(response.status);
        if (response.status === 429) limited = response;
      }
      expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(0);
      expect(limited?.headers['content-type']).toContain('application/problem+json');
      expect(limited?.body.code).toBe('too_many_requests');
      expect(Number(limited?.headers['retry-after'])).toBeGreaterThan(0);
      // Another address is not affected.
      await t.http.post('/api/v1/web-leads').set(from('198.51.100.8')).send({ formKey: 'demo-web-form', name: 'Neighbour' }).expect(202);
    });
  });

  describe('reassignment', () => {
    it('a manager reassigns leads in bulk within their subtree; the team follows the owner', async () => {
      const a = await create('rep.e1', { name: '批量甲' });
      const b = await create('rep.e1', { name: '批量乙' });
      const response = await t.http.post('/api/v1/leads/reassign').set(as('manager.east')).send({ ids: [a.id, b.id], ownerId: userIds['rep.e2'] }).expect(200);
      expect(response.body).toEqual({ reassigned: 2 });
      const rows = await t.sql<{ owner_id: string; team_id: string }>('select owner_id, team_id from leads where id = any($1)', [[a.id, b.id]]);
      const [e2] = await t.sql<{ team_id: string }>(`select team_id from users where email = 'rep.e2@lianxi.test'`);
      for (const row of rows) expect(row).toEqual({ owner_id: userIds['rep.e2'], team_id: e2.team_id });
      expect(await t.sql(`select id from audit_events where action = 'lead.reassigned' and entity_id = any($1)`, [[a.id, b.id]])).toHaveLength(2);
    });

    it('all or nothing: an owner outside the subtree or a lead out of reach changes none', async () => {
      const a = await create('rep.e1', { name: '批量丙' });
      const outside = await t.http.post('/api/v1/leads/reassign').set(as('manager.east')).send({ ids: [a.id], ownerId: userIds['rep.n1'] }).expect(403);
      expect(outside.body.errors[0].field).toBe('ownerId');
      const [n1Lead] = await t.sql<{ id: string }>(`select l.id from leads l join users u on u.id = l.owner_id where u.email = 'rep.n1@lianxi.test' limit 1`);
      await t.http.post('/api/v1/leads/reassign').set(as('manager.east')).send({ ids: [a.id, n1Lead.id], ownerId: userIds['rep.e2'] }).expect(404);
      expect((await t.sql<{ owner_id: string }>('select owner_id from leads where id = $1', [a.id]))[0].owner_id).toBe(userIds['rep.e1']);
      await t.http.post('/api/v1/leads/reassign').set(as('rep.e1')).send({ ids: [a.id], ownerId: userIds['rep.e1b'] }).expect(403);
      const tooMany = await t.http.post('/api/v1/leads/reassign').set(as('manager.east')).send({ ids: [], ownerId: userIds['rep.e2'] }).expect(400);
      expect(tooMany.body.errors[0].field).toBe('ids');
    });
  });

  describe('recycle bin', () => {
    it('delete moves a lead to the bin; the deleter restores it; others never see it', async () => {
      const lead = await create('rep.e1', { name: '回收站线索' });
      await t.http.delete(`/api/v1/leads/${lead.id}`).set(as('rep.e1')).expect(428);
      await t.http.delete(`/api/v1/leads/${lead.id}`).set(as('rep.e1')).set('If-Match', 'W/"1"').expect(204);
      await t.http.get(`/api/v1/leads/${lead.id}`).set(as('rep.e1')).expect(404);
      const bin = await t.http.get('/api/v1/leads/recycle-bin').set(as('rep.e1')).expect(200);
      expect(bin.body.data[0]).toMatchObject({ id: lead.id, deletedBy: userIds['rep.e1'] });
      // rep.e1b deletes only their own: not in their bin.
      const other = await t.http.get('/api/v1/leads/recycle-bin').set(as('rep.e1b')).expect(200);
      expect(other.body.data.map((l: { id: string }) => l.id)).not.toContain(lead.id);
      await t.http.post(`/api/v1/leads/${lead.id}/restore`).set(as('rep.e1b')).expect(404);
      const restored = await t.http.post(`/api/v1/leads/${lead.id}/restore`).set(as('rep.e1')).expect(200);
      expect(restored.body).toMatchObject({ id: lead.id, name: '回收站线索', version: 3 });
      await t.http.get(`/api/v1/leads/${lead.id}`).set(as('rep.e1')).expect(200);
    });
  });
});
