import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { createTestApp, TestApp } from './support/test-app';

/**
 * Account details (tier, parent, addresses, website, tax number; contacts' mobile, department, primary flag),
 * duplicate detection, merge and search — each through the permission engine: what a caller cannot read never
 * matches, and a merge needs update on the target and delete on the source.
 */
const USERS = ['rep.e1', 'rep.e1b', 'rep.n1', 'marketing', 'quality', 'director'];
const VALID_TAX = '91320300MA1MABCD1G';

describe('account details, duplicates, merge and search', () => {
  let t: TestApp;
  let tokens: Record<string, string>;
  const as = (user: string) => ({ Authorization: `Bearer ${tokens[user]}` });
  const unique = () => randomUUID().slice(0, 8);
  const createAccount = async (user: string, body: Record<string, unknown>) => (await t.http.post('/api/v1/accounts').set(as(user)).send(body).expect(201)).body as { id: string; version: number; possibleDuplicates: Array<{ id: string; name: string; matchedOn: string[] }> };
  const version = async (id: string) => (await t.sql<{ version: number }>('select version from accounts where id = $1', [id]))[0].version;

  beforeAll(async () => {
    t = await createTestApp();
    ({ tokens } = await t.signInAll(USERS));
  });
  afterAll(() => t.close());

  describe('new fields', () => {
    it('creates and reads tier, addresses, website and tax number', async () => {
      const billingAddress = { country: '中国', province: '江苏省', city: '徐州市', district: '鼓楼区', street: '工业园路 88 号', postalCode: '221000' };
      const created = await createAccount('rep.e1', { name: `详情测试 ${unique()}`, tier: 'key', billingAddress, website: 'https://www.example.cn', taxNumber: VALID_TAX });
      const read = await t.http.get(`/api/v1/accounts/${created.id}`).set(as('rep.e1')).expect(200);
      expect(read.body).toMatchObject({ tier: 'key', billingAddress, shippingAddress: null, website: 'https://www.example.cn', taxNumber: VALID_TAX, parentAccountId: null });
      const updated = await t.http.patch(`/api/v1/accounts/${created.id}`).set(as('rep.e1')).set('If-Match', 'W/"1"').send({ tier: null, shippingAddress: { city: '上海市' } }).expect(200);
      expect(updated.body).toMatchObject({ tier: null, shippingAddress: { city: '上海市' }, billingAddress });
    });

    it.each([
      ['91320300MA1MABCD1H', 'wrong check character'],
      ['91320300MA1MABCD1', '17 characters'],
      ['91320300ma1mabcd1g', 'lower case'],
      ['91320300MA1MABCI1G', 'I is not used'],
    ])('400 naming taxNumber for %s (%s)', async (taxNumber) => {
      const response = await t.http.post('/api/v1/accounts').set(as('rep.e1')).send({ name: `税号 ${unique()}`, taxNumber }).expect(400);
      expect(response.body.errors.map((e: { field: string }) => e.field)).toContain('taxNumber');
    });

    it('400 for bad tiers, addresses and websites', async () => {
      for (const [body, field] of [[{ tier: 'gold' }, 'tier'], [{ website: 'not a url' }, 'website'], [{ billingAddress: { city: 5 } }, 'billingAddress.city']] as const) {
        const response = await t.http.post('/api/v1/accounts').set(as('rep.e1')).send({ name: `坏 ${unique()}`, ...body }).expect(400);
        expect(response.body.errors.map((e: { field: string }) => e.field).join(' ')).toContain(field.split('.')[0]);
      }
    });

    it('parents: visible only, never the account itself or a descendant (400)', async () => {
      const group = await createAccount('rep.e1', { name: `集团 ${unique()}` });
      const child = await createAccount('rep.e1', { name: `子公司 ${unique()}`, parentAccountId: group.id });
      const grandchild = await createAccount('rep.e1', { name: `孙公司 ${unique()}`, parentAccountId: child.id });
      const self = await t.http.patch(`/api/v1/accounts/${group.id}`).set(as('rep.e1')).set('If-Match', 'W/"1"').send({ parentAccountId: group.id }).expect(400);
      expect(self.body.errors[0].field).toBe('parentAccountId');
      const cycle = await t.http.patch(`/api/v1/accounts/${group.id}`).set(as('rep.e1')).set('If-Match', 'W/"1"').send({ parentAccountId: grandchild.id }).expect(400);
      expect(cycle.body.errors[0]).toMatchObject({ field: 'parentAccountId', message: expect.stringContaining('cycle') });
      const [north] = await t.sql<{ id: string }>(`select a.id from accounts a join users u on u.id = a.owner_id where u.email = 'rep.n1@lianxi.test' limit 1`);
      const invisible = await t.http.post('/api/v1/accounts').set(as('rep.e1')).send({ name: `看不见 ${unique()}`, parentAccountId: north.id }).expect(400);
      expect(invisible.body.errors[0]).toMatchObject({ field: 'parentAccountId', message: 'no such account' });
      const children = await t.http.get('/api/v1/accounts').query({ parentAccountId: group.id }).set(as('rep.e1')).expect(200);
      expect(children.body.data.map((a: { id: string }) => a.id)).toEqual([child.id]);
    });

    it('contacts: mobile, department and primary flag; the mobile follows the phone\'s field rules', async () => {
      const account = await createAccount('rep.e1', { name: `联系人测试 ${unique()}` });
      const contact = (await t.http.post('/api/v1/contacts').set(as('rep.e1')).send({ accountId: account.id, name: '钱多多', mobile: '13912345678', department: '采购部', isPrimary: true }).expect(201)).body;
      expect(contact).toMatchObject({ mobile: '13912345678', department: '采购部', isPrimary: true });
      const quality = await t.http.get(`/api/v1/contacts/${contact.id}`).set(as('quality')).expect(200);
      expect(quality.body).not.toHaveProperty('mobile');
      expect(quality.body.department).toBe('采购部');
      const marketing = await t.http.get(`/api/v1/contacts/${contact.id}`).set(as('marketing')).expect(200);
      expect(marketing.body.mobile).toBe('139****5678');
      const fields = await t.http.get('/api/v1/me/permissions').set(as('rep.e1')).expect(200);
      expect(JSON.stringify(fields.body)).toContain('taxNumber');
    });
  });

  describe('duplicates', () => {
    it('finds the same normalised name, phone or email among accounts the caller can read', async () => {
      const byName = await t.http.get('/api/v1/accounts/duplicates').query({ name: '徐州恒达 工程机械（有限公司）' }).set(as('rep.e1')).expect(200);
      expect(byName.body).toEqual([expect.objectContaining({ name: '徐州恒达工程机械有限公司', matchedOn: ['name'] })]);
      const byPhone = await t.http.get('/api/v1/accounts/duplicates').query({ phone: '138-1234-5678' }).set(as('rep.e1')).expect(200);
      expect(byPhone.body).toEqual([expect.objectContaining({ name: '徐州恒达工程机械有限公司', matchedOn: ['phone'] })]);
      const byEmail = await t.http.get('/api/v1/accounts/duplicates').query({ email: 'Purchasing@Hengda.example.cn' }).set(as('rep.e1')).expect(200);
      expect(byEmail.body.map((d: { matchedOn: string[] }) => d.matchedOn)).toEqual([['email']]);
      expect((await t.http.get('/api/v1/accounts/duplicates').set(as('rep.e1')).expect(200)).body).toEqual([]);
    });

    it('never reveals accounts the caller cannot read, nor matches on fields they read masked', async () => {
      expect((await t.http.get('/api/v1/accounts/duplicates').query({ name: '徐州恒达工程机械有限公司' }).set(as('rep.n1')).expect(200)).body).toEqual([]);
      // Marketing reads account phones masked: a phone is no clue for them.
      expect((await t.http.get('/api/v1/accounts/duplicates').query({ phone: '13812345678' }).set(as('marketing')).expect(200)).body).toEqual([]);
      expect((await t.http.get('/api/v1/accounts/duplicates').query({ email: 'purchasing@hengda.example.cn' }).set(as('marketing')).expect(200)).body).toHaveLength(1);
    });

    it('create still creates, and lists the possible duplicates the caller can read', async () => {
      const mine = await createAccount('rep.e1', { name: '徐州恒达工程机械有限公司 ', phone: '+86 138 1234 5678' });
      expect(mine.possibleDuplicates).toEqual([expect.objectContaining({ name: '徐州恒达工程机械有限公司', matchedOn: ['name'] })]);
      const theirs = await createAccount('rep.n1', { name: '徐州恒达工程机械有限公司' });
      expect(theirs.possibleDuplicates).toEqual([]);
      const fresh = await createAccount('rep.e1', { name: `全新公司 ${unique()}` });
      expect(fresh.possibleDuplicates).toEqual([]);
    });
  });

  describe('merge', () => {
    /** Two accounts of rep.e1 with related records on the source: contacts, an opportunity, activities, a converted lead, a child account, shares. */
    async function pair() {
      const target = await createAccount('rep.e1', { name: `合并目标 ${unique()}`, phone: '13800000001' });
      const source = await createAccount('rep.e1', { name: `合并来源 ${unique()}`, email: `src-${unique()}@example.cn`, tier: 'strategic', taxNumber: VALID_TAX });
      for (const name of ['甲', '乙']) await t.http.post('/api/v1/contacts').set(as('rep.e1')).send({ accountId: source.id, name }).expect(201);
      await t.http.post('/api/v1/contacts').set(as('rep.e1')).send({ accountId: target.id, name: '丙' }).expect(201);
      await t.http.post('/api/v1/opportunities').set(as('rep.e1')).send({ accountId: source.id, name: `商机 ${unique()}` }).expect(201);
      await t.http.post('/api/v1/activities').set(as('rep.e1')).send({ kind: 'task', subject: '回访', relatedType: 'account', relatedId: source.id }).expect(201);
      await createAccount('rep.e1', { name: `子 ${unique()}`, parentAccountId: source.id });
      const lead = (await t.http.post('/api/v1/leads').set(as('rep.e1')).send({ name: '线索', company: `公司 ${unique()}` }).expect(201)).body;
      await t.sql(`update leads set converted_account_id = $1 where id = $2`, [source.id, lead.id]);
      const [team] = await t.sql<{ id: string }>(`select id from teams where code = 'E2'`);
      await t.http.post(`/api/v1/accounts/${source.id}/shares`).set(as('rep.e1')).send({ teamId: team.id, access: 'edit' }).expect(201);
      await t.http.post(`/api/v1/accounts/${target.id}/shares`).set(as('rep.e1')).send({ teamId: team.id, access: 'read' }).expect(201);
      return { target, source };
    }

    const counts = async (id: string) =>
      (
        await t.sql<Record<string, number>>(
          `select (select count(*)::int from contacts where account_id = $1) as contacts,
                  (select count(*)::int from opportunities where account_id = $1) as opportunities,
                  (select count(*)::int from activities where account_id = $1) as activities,
                  (select count(*)::int from leads where converted_account_id = $1) as leads,
                  (select count(*)::int from accounts where parent_account_id = $1) as children,
                  (select count(*)::int from record_shares where object_type = 'account' and record_id = $1) as shares`,
          [id],
        )
      )[0];

    it('moves every related record in one transaction, fills empty fields, bins the source and audits the counts; a retry changes nothing', async () => {
      const { target, source } = await pair();
      const before = { target: await counts(target.id), source: await counts(source.id) };
      const key = randomUUID();
      const response = await t.http
        .post(`/api/v1/accounts/${target.id}/merge`)
        .set(as('rep.e1'))
        .set('Idempotency-Key', key)
        .set('If-Match', `W/"${await version(target.id)}"`)
        .send({ sourceAccountId: source.id })
        .expect(200);
      const after = { target: await counts(target.id), source: await counts(source.id) };
      for (const object of ['contacts', 'opportunities', 'activities', 'leads', 'children'] as const) {
        expect(after.target[object]).toBe(before.target[object] + before.source[object]);
        expect(after.source[object]).toBe(0);
      }
      // The E2 share existed on both: one remains, with the stronger access.
      expect(after.target.shares).toBe(1);
      expect((await t.sql<{ access: string }>(`select access from record_shares where record_id = $1`, [target.id]))[0].access).toBe('edit');
      expect(response.body.moved).toMatchObject({ 'contacts.account_id': 2, 'opportunities.account_id': 1, 'leads.converted_account_id': 1, 'accounts.parent_account_id': 1, record_shares: 1 });
      expect(response.body.filledFields.sort()).toEqual(['email', 'taxNumber', 'tier']);
      expect(response.body.target).toMatchObject({ id: target.id, phone: '13800000001', tier: 'strategic', taxNumber: VALID_TAX });
      expect(response.headers.etag).toBe(`W/"${response.body.target.version}"`);
      const [binned] = await t.sql<{ deleted_at: Date | null }>(`select deleted_at from accounts where id = $1`, [source.id]);
      expect(binned.deleted_at).not.toBeNull();
      const audit = await t.sql<{ action: string; details: { moved: Record<string, number> } }>(`select action, details from audit_events where entity_id = $1 and action = 'account.merged'`, [target.id]);
      expect(audit).toHaveLength(1);
      expect(audit[0].details.moved['contacts.account_id']).toBe(2);

      const again = await t.http
        .post(`/api/v1/accounts/${target.id}/merge`)
        .set(as('rep.e1'))
        .set('Idempotency-Key', key)
        .set('If-Match', `W/"${before.target ? target.version + 0 : 0}"`)
        .send({ sourceAccountId: source.id });
      expect(again.status).toBe(200);
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(await counts(target.id)).toEqual(after.target);
      expect(await t.sql(`select 1 from audit_events where entity_id = $1 and action = 'account.merged'`, [target.id])).toHaveLength(1);
    });

    it('403 without delete on the source or update on the target, 404 when either is invisible, 400 for itself, 428/412 on versions', async () => {
      const { target, source } = await pair();
      const v = await version(target.id);
      const merge = (user: string, targetId: string, sourceAccountId: string, ifMatch: string | null = `W/"${v}"`) => {
        const request = t.http.post(`/api/v1/accounts/${targetId}/merge`).set(as(user));
        return (ifMatch ? request.set('If-Match', ifMatch) : request).send({ sourceAccountId });
      };
      // rep.e1b (same team) may update rep.e1's accounts but delete only their own.
      expect((await merge('rep.e1b', target.id, source.id)).status).toBe(403);
      const mineE1b = await createAccount('rep.e1b', { name: `李静的 ${unique()}` });
      const [ownerOnly] = await t.sql<{ id: string; version: number }>(`select id, version from accounts where name = '苏州远航建设集团'`);
      expect((await merge('rep.e1', ownerOnly.id, mineE1b.id, `W/"${ownerOnly.version}"`)).status).toBe(403);
      const [north] = await t.sql<{ id: string }>(`select a.id from accounts a join users u on u.id = a.owner_id where u.email = 'rep.n1@lianxi.test' limit 1`);
      expect((await merge('rep.e1', target.id, north.id)).status).toBe(404);
      expect((await merge('rep.e1', north.id, source.id)).status).toBe(404);
      expect((await merge('rep.e1', target.id, target.id)).status).toBe(400);
      expect((await merge('rep.e1', target.id, source.id, null)).status).toBe(428);
      expect((await merge('rep.e1', target.id, source.id, `W/"${v + 5}"`)).status).toBe(412);
      // Nothing moved by any of these.
      expect((await counts(source.id)).contacts).toBe(2);
    });
  });

  describe('search', () => {
    it('finds Chinese substrings across accounts, contacts and leads the caller may see', async () => {
      const [demo] = await t.sql<{ id: string }>(`select a.id from accounts a join users u on u.id = a.owner_id where a.name = '徐州恒达工程机械有限公司' and u.email = 'rep.e1@lianxi.test' order by a.created_at limit 1`);
      const mine = await t.http.get('/api/v1/search').query({ q: '恒达' }).set(as('rep.e1')).expect(200);
      expect(mine.body.accounts.map((a: { id: string }) => a.id)).toContain(demo.id);
      expect(mine.body.contacts.map((c: { name: string }) => c.name)).toEqual(expect.any(Array));
      const north = await t.http.get('/api/v1/search').query({ q: '恒达' }).set(as('rep.n1')).expect(200);
      expect(north.body.accounts.map((a: { id: string }) => a.id)).not.toContain(demo.id);
      const list = await t.http.get('/api/v1/accounts').query({ q: '恒达工程' }).set(as('rep.e1')).expect(200);
      expect(list.body.data.map((a: { name: string }) => a.name)).toContain('徐州恒达工程机械有限公司');
    });

    it('matches phones and emails only for callers who read them unmasked', async () => {
      const rep = await t.http.get('/api/v1/search').query({ q: 'li.jianguo@hengda' }).set(as('rep.e1')).expect(200);
      expect(rep.body.contacts.map((c: { name: string }) => c.name)).toEqual(['李建国']);
      const quality = await t.http.get('/api/v1/search').query({ q: 'li.jianguo@hengda' }).set(as('quality')).expect(200);
      expect(quality.body.contacts).toEqual([]);
      expect(quality.body.leads).toEqual([]);
      const byPhone = await t.http.get('/api/v1/accounts').query({ q: '1234567' }).set(as('rep.e1')).expect(200);
      expect(byPhone.body.data.map((a: { name: string }) => a.name)).toContain('徐州恒达工程机械有限公司');
      const masked = await t.http.get('/api/v1/accounts').query({ q: '1234567' }).set(as('marketing')).expect(200);
      expect(masked.body.data.map((a: { name: string }) => a.name)).not.toContain('徐州恒达工程机械有限公司');
    });

    it('3 or more characters are answered by the trigram index (plan, not timing); 1–2 characters still work', async () => {
      const dataSource = t.app.get(DataSource);
      // A test database is tiny: 20,000 generated accounts (rolled back) give the planner a realistic choice.
      let plan = '';
      await dataSource
        .transaction(async (manager) => {
          await manager.query(
            `insert into accounts (id, name, kind, phone, email, owner_id, team_id)
             select gen_random_uuid(), '生成' || md5(i::text) || '机械有限公司', 'company', '139' || lpad(i::text, 8, '0'), 'g' || i || '@gen.example.cn', u.id, u.team_id
             from generate_series(1, 20000) i, users u where u.email = 'rep.e1@lianxi.test'`,
          );
          await manager.query('analyze accounts');
          // At this size a sequential scan still costs about as much as three bitmap scans; with it priced out, the
          // plan shows the trigram indexes answer the pattern (at a million rows the planner picks them on its own).
          await manager.query('set local enable_seqscan = off');
          for (const [column, pattern] of [['name', '%恒达工程%'], ['phone', '%1234567%']]) {
            const rows: Array<{ 'QUERY PLAN': string }> = await manager.query(`explain select id from accounts r where r.deleted_at is null and r.${column} ilike $1`, [pattern]);
            plan += rows.map((r) => r['QUERY PLAN']).join('\n');
          }
          throw new Error('rollback');
        })
        .catch((error: Error) => {
          if (error.message !== 'rollback') throw error;
        });
      expect(plan).toContain('accounts_name_trgm_idx');
      expect(plan).toContain('accounts_phone_trgm_idx');
      const short = await t.http.get('/api/v1/accounts').query({ q: '恒' }).set(as('rep.e1')).expect(200);
      expect(short.body.data.map((a: { name: string }) => a.name)).toContain('徐州恒达工程机械有限公司');
    });
  });
});
