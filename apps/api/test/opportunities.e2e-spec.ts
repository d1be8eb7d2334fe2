import { ACCOUNTS } from '../src/demo/demo-organisation';
import { createTestApp, TestApp } from './support/test-app';
import { openSheet } from './support/workbook';

/**
 * Opportunities under the permission engine, pipelines as configuration, stage history, the weighted forecast.
 *
 * Each demo account has five demo opportunities of its owner; the first of each (E1a … PARTNER, as in
 * access-writes) carries the account's owner-only and restricted flags, the others the restricted flag only.
 */
const SHORT = ['E1a', 'E1b', 'E2', 'N1', 'SECRET', 'EAST', 'PARTNER'] as const;
type Short = (typeof SHORT)[number];
type Verdict = 'allowed' | 'forbidden' | 'invisible';
type Row = Partial<Record<Short, Verdict>>;

const READ_ONLY: Row = { E1a: 'forbidden', E1b: 'forbidden', E2: 'forbidden', N1: 'forbidden', EAST: 'forbidden', PARTNER: 'forbidden' };

/** Per user: the update verdicts that are not "invisible" (the default policy of migration 1764000000021). */
const UPDATE: Record<string, Row> = {
  'rep.e1': { E1a: 'allowed', E1b: 'forbidden', SECRET: 'allowed' },
  'rep.e1b': { E1a: 'allowed', E1b: 'allowed' },
  'rep.e2': { E2: 'allowed' },
  'rep.n1': { N1: 'allowed' },
  'manager.east': { E1a: 'allowed', E1b: 'forbidden', E2: 'allowed', EAST: 'allowed' },
  director: { E1a: 'allowed', E1b: 'forbidden', E2: 'allowed', N1: 'allowed', EAST: 'allowed', PARTNER: 'allowed' },
  gm: READ_ONLY,
  finance: READ_ONLY,
  marketing: READ_ONLY,
  // Service, field engineers and quality have no business with the sales funnel; administrators and auditors none at all.
  agent: {},
  engineer: {},
  quality: {},
  partner: { PARTNER: 'allowed' },
  admin: {},
  auditor: {},
};

const DELETE: Record<string, Row> = {
  ...UPDATE,
  // Reps delete their own only.
  'rep.e1b': { E1a: 'forbidden', E1b: 'allowed' },
  partner: { PARTNER: 'forbidden' },
};

const STATUS: Record<Verdict, number> = { allowed: 412, forbidden: 403, invisible: 404 };

const cents = (amount: string) => BigInt(amount.replace('.', ''));

describe('opportunities', () => {
  let t: TestApp;
  const ids = {} as Record<Short, string>;
  const accountIds = {} as Record<Short, string>;
  let tokens: Record<string, string>;
  const as = (user: string) => ({ Authorization: `Bearer ${tokens[user]}` });
  let pipeline: { id: string; version: number; stages: Array<{ id: string; nameEn: string; probability: number; kind: string }> };
  const stage = (nameEn: string) => pipeline.stages.find((s) => s.nameEn === nameEn)!.id;

  beforeAll(async () => {
    t = await createTestApp();
    const accounts = await t.sql<{ id: string; name: string }>('select id, name from accounts');
    const firsts = await t.sql<{ id: string; account_id: string }>('select distinct on (account_id) id, account_id from opportunities order by account_id, created_at');
    ACCOUNTS.forEach((account, index) => {
      accountIds[SHORT[index]] = accounts.find((a) => a.name === account.name)!.id;
      ids[SHORT[index]] = firsts.find((o) => o.account_id === accountIds[SHORT[index]])!.id;
    });
    ({ tokens } = await t.signInAll(Object.keys(UPDATE)));
    const pipelines = await t.http.get('/api/v1/pipelines').set(as('rep.e1')).expect(200);
    pipeline = pipelines.body.find((p: { isDefault: boolean }) => p.isDefault);
  });
  afterAll(() => t.close());

  describe('permission table: every demo user × the first opportunity of each demo account', () => {
    it.each(Object.keys(UPDATE))('%s: list, get, update and delete answer as the policy says', async (user) => {
      const before = await t.sql('select id, version from opportunities order by id');
      const listed = new Set<string>();
      let cursor: string | null = null;
      do {
        const page: { body: { data: Array<{ id: string }>; nextCursor: string | null } } = await t.http.get(`/api/v1/opportunities?limit=200${cursor ? `&cursor=${cursor}` : ''}`).set(as(user)).expect(200);
        for (const o of page.body.data) listed.add(o.id);
        cursor = page.body.nextCursor;
      } while (cursor);
      const got: Record<string, unknown> = {};
      const wanted: Record<string, unknown> = {};
      for (const short of SHORT) {
        const update = UPDATE[user][short] ?? 'invisible';
        const remove = DELETE[user][short] ?? 'invisible';
        const patched = await t.http.patch(`/api/v1/opportunities/${ids[short]}`).set(as(user)).set('If-Match', 'W/"999"').send({ name: 'x' });
        const deleted = await t.http.delete(`/api/v1/opportunities/${ids[short]}`).set(as(user)).set('If-Match', 'W/"999"');
        const read = await t.http.get(`/api/v1/opportunities/${ids[short]}`).set(as(user));
        got[short] = [listed.has(ids[short]), read.status, patched.status, deleted.status, read.status === 200 ? { update: read.body.myAccess.update, delete: read.body.myAccess.delete } : null];
        wanted[short] = [update !== 'invisible', update === 'invisible' ? 404 : 200, STATUS[update], STATUS[remove], update === 'invisible' ? null : { update: update === 'allowed', delete: remove === 'allowed' }];
      }
      expect(got).toEqual(wanted);
      expect(await t.sql('select id, version from opportunities order by id')).toEqual(before);
    });

    it('marketing reads opportunities without their amount, and may not sort by it', async () => {
      const read = await t.http.get(`/api/v1/opportunities/${ids.N1}`).set(as('marketing')).expect(200);
      expect(read.body).not.toHaveProperty('amount');
      expect(read.body.name).toBeDefined();
      const sorted = await t.http.get('/api/v1/opportunities?sort=amount').set(as('marketing')).expect(400);
      expect(sorted.body.errors.map((e: { field: string }) => e.field)).toEqual(['sort']);
    });

    it('partner users see only their partner account\'s opportunities', async () => {
      const page = await t.http.get('/api/v1/opportunities?limit=200').set(as('partner')).expect(200);
      expect(page.body.data.length).toBe(5);
      expect(new Set(page.body.data.map((o: { accountId: string }) => o.accountId))).toEqual(new Set([accountIds.PARTNER]));
    });
  });

  describe('create', () => {
    it('defaults the pipeline, its first stage, its probability and CNY, and keeps money a decimal string', async () => {
      const created = await t.http.post('/api/v1/opportunities').set(as('rep.e1')).send({ accountId: accountIds.E1a, name: '测试商机 Test', amount: '1234567.8' }).expect(201);
      expect(created.body).toMatchObject({ pipelineId: pipeline.id, stageId: stage('Qualification'), probability: 10, currency: 'CNY', amount: '1234567.80', competitors: [] });
      expect(created.headers.etag).toBe(`W/"${created.body.version}"`);
    });

    it('exports amounts to a workbook as numbers when exact, as text when Excel would round them; a hidden amount is no column', async () => {
      const created = await t.http.post('/api/v1/opportunities').set(as('rep.e1')).send({ accountId: accountIds.E1a, name: 'Workbook', amount: '1234567.8', expectedCloseDate: '2026-06-30' }).expect(201);
      const sheet = () => openSheet(t.http.get('/api/v1/opportunities/export').query({ ids: created.body.id, format: 'xlsx' }).set(as('rep.e1')));
      const exact = await sheet();
      const [header, row] = exact.rows;
      expect([row[header.indexOf('amount')], exact.formats[1][header.indexOf('amount')]]).toEqual([1234567.8, '#,##0.00']);
      expect(row[header.indexOf('expectedCloseDate')]).toEqual(new Date('2026-06-30T00:00:00Z'));
      expect(row[header.indexOf('probability')]).toBe(10);
      // 18 significant digits fit numeric(18, 2) but not a spreadsheet's number: every digit kept, as text.
      await t.sql(`update opportunities set amount = '1234567890123456.78' where id = $1`, [created.body.id]);
      const long = await sheet();
      expect(long.rows[1][header.indexOf('amount')]).toBe('1234567890123456.78');
      const marketing = await openSheet(t.http.get('/api/v1/opportunities/export').query({ format: 'xlsx' }).set(as('marketing')));
      expect(marketing.status).toBe(200);
      expect(marketing.rows[0]).toContain('name');
      expect(marketing.rows[0]).not.toContain('amount');
    });

    it('an account the caller cannot see is answered exactly like one that does not exist (400 naming accountId), and nothing is written', async () => {
      const count = await t.sql('select count(*) from opportunities');
      const hidden = await t.http.post('/api/v1/opportunities').set(as('rep.n1')).send({ accountId: accountIds.E1a, name: 'Probe' }).expect(400);
      const missing = await t.http.post('/api/v1/opportunities').set(as('rep.n1')).send({ accountId: '01900000-0000-7000-8000-000000000000', name: 'Probe' }).expect(400);
      expect(hidden.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(hidden.body.errors).toEqual([{ field: 'accountId', message: 'no such account' }]);
      expect(hidden.body.detail).toEqual(missing.body.detail);
      expect(hidden.body.errors).toEqual(missing.body.errors);
      expect(await t.sql('select count(*) from opportunities')).toEqual(count);
    });

    it('a stage of another pipeline is refused naming stageId', async () => {
      const other = await t.http
        .post('/api/v1/pipelines')
        .set(as('director'))
        .send({ name: '配件销售', nameEn: 'Spare parts', stages: [{ name: '询价', nameEn: 'Enquiry', probability: 30 }, { name: '成交', nameEn: 'Closed', probability: 100, kind: 'won' }] })
        .expect(201);
      const response = await t.http.post('/api/v1/opportunities').set(as('rep.e1')).send({ accountId: accountIds.E1a, name: 'Mismatch', pipelineId: pipeline.id, stageId: other.body.stages[0].id }).expect(400);
      expect(response.body.errors.map((e: { field: string }) => e.field)).toEqual(['stageId']);
      const moved = await t.http.post('/api/v1/opportunities').set(as('rep.e1')).send({ accountId: accountIds.E1a, name: 'Parts', pipelineId: other.body.id }).expect(201);
      expect(moved.body).toMatchObject({ stageId: other.body.stages[0].id, probability: 30 });
    });

    it.each([
      ['amount', { amount: 12.5 }],
      ['amount', { amount: '1.234' }],
      ['amount', { amount: '-5' }],
      ['currency', { currency: 'cny' }],
      ['probability', { probability: 101 }],
      ['expectedCloseDate', { expectedCloseDate: '2027-02-30' }],
      ['expectedCloseDate', { expectedCloseDate: '2027-02-03T00:00:00Z' }],
      ['stageId', { stageId: 'proposal' }],
      ['competitors', { competitors: 'Caterpillar' }],
      ['accountId', { accountId: undefined }],
    ])('bad input → 400 problem+json naming %s', async (field, body) => {
      const response = await t.http.post('/api/v1/opportunities').set(as('rep.e1')).send({ accountId: accountIds.E1a, name: 'Bad', ...body });
      expect(response.status).toBe(400);
      expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(response.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    });

    it('bad list queries are 400s naming the parameter', async () => {
      for (const [query, field] of [['sort=probability', 'sort'], ['stageId=x', 'stageId'], ['status=pending', 'status'], ['limit=0', 'limit']]) {
        const response = await t.http.get(`/api/v1/opportunities?${query}`).set(as('rep.e1')).expect(400);
        expect(response.body.errors.map((e: { field: string }) => e.field)).toContain(field);
      }
    });
  });

  describe('updates, concurrency and stage history', () => {
    let id: string;
    let version: number;

    beforeAll(async () => {
      const created = await t.http.post('/api/v1/opportunities').set(as('rep.e1')).send({ accountId: accountIds.E1a, name: '阶段测试 Stage test', amount: '500000' }).expect(201);
      id = created.body.id;
      version = created.body.version;
    });

    it('creation writes the first history row', async () => {
      const history = await t.http.get(`/api/v1/opportunities/${id}/stage-history`).set(as('rep.e1')).expect(200);
      expect(history.body).toEqual([expect.objectContaining({ fromStageId: null, toStageId: stage('Qualification') })]);
    });

    it('a stale If-Match is 412 and a missing one 428: nothing changes, no history row', async () => {
      await t.http.patch(`/api/v1/opportunities/${id}`).set(as('rep.e1')).set('If-Match', `W/"${version + 5}"`).send({ stageId: stage('Proposal') }).expect(412);
      await t.http.patch(`/api/v1/opportunities/${id}`).set(as('rep.e1')).send({ stageId: stage('Proposal') }).expect(428);
      expect(await t.sql('select count(*)::int as n from opportunity_stage_history where opportunity_id = $1', [id])).toEqual([{ n: 1 }]);
      expect(await t.sql('select stage_id from opportunities where id = $1', [id])).toEqual([{ stage_id: stage('Qualification') }]);
    });

    it('a refused write with a stage change writes no history either (same transaction)', async () => {
      const [outsider] = await t.sql<{ id: string }>(`select id from users where email = 'rep.n1@lianxi.test'`);
      await t.http.patch(`/api/v1/opportunities/${id}`).set(as('rep.e1')).set('If-Match', `W/"${version}"`).send({ stageId: stage('Proposal'), ownerId: outsider.id }).expect(403);
      expect(await t.sql('select count(*)::int as n from opportunity_stage_history where opportunity_id = $1', [id])).toEqual([{ n: 1 }]);
    });

    it('moving the stage takes its probability, records who moved it, and bumps the version', async () => {
      const moved = await t.http.patch(`/api/v1/opportunities/${id}`).set(as('rep.e1')).set('If-Match', `W/"${version}"`).send({ stageId: stage('Proposal') }).expect(200);
      expect(moved.body).toMatchObject({ stageId: stage('Proposal'), probability: 40, version: version + 1 });
      const overridden = await t.http.patch(`/api/v1/opportunities/${id}`).set(as('rep.e1')).set('If-Match', `W/"${version + 1}"`).send({ stageId: stage('Negotiation'), probability: 75 }).expect(200);
      expect(overridden.body.probability).toBe(75);
      const history = await t.http.get(`/api/v1/opportunities/${id}/stage-history`).set(as('manager.east')).expect(200);
      const [rep] = await t.sql<{ id: string }>(`select id from users where email = 'rep.e1@lianxi.test'`);
      expect(history.body.map((h: { fromStageId: string | null; toStageId: string; changedBy: string }) => [h.fromStageId, h.toStageId, h.changedBy])).toEqual([
        [null, stage('Qualification'), rep.id],
        [stage('Qualification'), stage('Proposal'), rep.id],
        [stage('Proposal'), stage('Negotiation'), rep.id],
      ]);
      // A change without a stage change writes none.
      await t.http.patch(`/api/v1/opportunities/${id}`).set(as('rep.e1')).set('If-Match', `W/"${version + 2}"`).send({ amount: '500000.00', name: '阶段测试 2' }).expect(200);
      expect(await t.sql('select count(*)::int as n from opportunity_stage_history where opportunity_id = $1', [id])).toEqual([{ n: 3 }]);
    });

    it('the history is scoped like its opportunity: 404 for who cannot see it', async () => {
      const hidden = await t.http.get(`/api/v1/opportunities/${id}/stage-history`).set(as('rep.n1')).expect(404);
      const missing = await t.http.get('/api/v1/opportunities/01900000-0000-7000-8000-000000000000/stage-history').set(as('rep.n1')).expect(404);
      expect(hidden.body.detail).toEqual(missing.body.detail);
      await t.http.get(`/api/v1/opportunities/${id}/stage-history`).set(as('quality')).expect(404);
    });

    it('an account\'s opportunities: the related list is scoped, and 404 for an account out of sight', async () => {
      const list = await t.http.get(`/api/v1/accounts/${accountIds.E1a}/opportunities?limit=200`).set(as('rep.e1')).expect(200);
      expect(list.body.data.every((o: { accountId: string }) => o.accountId === accountIds.E1a)).toBe(true);
      expect(list.body.data.length).toBeGreaterThanOrEqual(5);
      await t.http.get(`/api/v1/accounts/${accountIds.E1a}/opportunities`).set(as('rep.n1')).expect(404);
      const secret = await t.http.get(`/api/v1/accounts/${accountIds.SECRET}/opportunities`).set(as('rep.e1')).expect(200);
      expect(secret.body.data.length).toBe(5);
    });
  });

  describe('sorting', () => {
    it('by amount, in numeric order across pages', async () => {
      const all: string[] = [];
      let cursor: string | null = null;
      do {
        const page: { body: { data: Array<{ amount: string }>; nextCursor: string | null } } = await t.http.get(`/api/v1/opportunities?sort=-amount&limit=7${cursor ? `&cursor=${cursor}` : ''}`).set(as('director')).expect(200);
        all.push(...page.body.data.map((o: { amount: string }) => o.amount));
        cursor = page.body.nextCursor;
      } while (cursor);
      const [{ n }] = await t.sql<{ n: number }>('select count(*)::int as n from opportunities where not restricted');
      expect(all.length).toBe(n);
      const sorted = [...all].sort((a, b) => (cents(b) > cents(a) ? 1 : cents(b) < cents(a) ? -1 : 0));
      expect(all).toEqual(sorted);
    });

    it('by expected close date', async () => {
      const page = await t.http.get('/api/v1/opportunities?sort=expectedCloseDate&limit=200').set(as('director')).expect(200);
      const dates = page.body.data.map((o: { expectedCloseDate: string | null }) => o.expectedCloseDate ?? '');
      expect(dates).toEqual([...dates].sort());
    });

    it('by status: open, won, lost or closed stages, within the scope and with the other filters', async () => {
      const pipelines = (await t.http.get('/api/v1/pipelines').set(as('director')).expect(200)).body as Array<typeof pipeline>;
      const kindOf = new Map(pipelines.flatMap((p) => p.stages.map((s) => [s.id, s.kind] as const)));
      const all = (await t.http.get(`/api/v1/opportunities?pipelineId=${pipeline.id}&limit=200`).set(as('director')).expect(200)).body.data as Array<{ id: string; stageId: string }>;
      // The demo has opportunities in open and closed stages alike, or this test would prove nothing.
      expect(new Set(all.map((o) => kindOf.get(o.stageId)))).toEqual(new Set(['open', 'won', 'lost']));
      for (const [status, kinds] of [['open', ['open']], ['won', ['won']], ['lost', ['lost']], ['closed', ['won', 'lost']]] as const) {
        const page = await t.http.get(`/api/v1/opportunities?pipelineId=${pipeline.id}&status=${status}&sort=expectedCloseDate&limit=200`).set(as('director')).expect(200);
        const want = all.filter((o) => (kinds as readonly string[]).includes(kindOf.get(o.stageId)!)).map((o) => o.id).sort();
        expect({ status, ids: page.body.data.map((o: { id: string }) => o.id).sort() }).toEqual({ status, ids: want });
      }
      const repOpen = (await t.http.get('/api/v1/opportunities?status=open&limit=200').set(as('rep.e1')).expect(200)).body.data as Array<{ id: string }>;
      const repAll = (await t.http.get('/api/v1/opportunities?limit=200').set(as('rep.e1')).expect(200)).body.data as Array<{ id: string; stageId: string }>;
      expect(repOpen.map((o) => o.id).sort()).toEqual(repAll.filter((o) => kindOf.get(o.stageId) === 'open').map((o) => o.id).sort());
    });

    it('by expected close date, page after page (the cursor carries the indexed day-count key), both directions', async () => {
      for (const sort of ['expectedCloseDate', '-expectedCloseDate']) {
        const ids: string[] = [];
        let cursor: string | null = null;
        do {
          const page: { body: { data: Array<{ id: string }>; nextCursor: string | null } } = await t.http
            .get(`/api/v1/opportunities?sort=${sort}&limit=3${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`)
            .set(as('director'))
            .expect(200);
          ids.push(...page.body.data.map((o) => o.id));
          cursor = page.body.nextCursor;
        } while (cursor);
        const direction = sort.startsWith('-') ? 'desc' : 'asc';
        const expected = await t.sql<{ id: string }>(
          `select id from opportunities where deleted_at is null and not restricted
            order by coalesce(to_char(expected_close_date, 'YYYY-MM-DD'), '') collate "C" ${direction}, id ${direction}`,
        );
        expect(ids).toEqual(expected.map((r) => r.id));
      }
    });
  });

  describe('weighted forecast', () => {
    type Group = { key: string | null; currency: string; count: number; amount: string; weightedAmount: string };
    const totals = (groups: Group[], currency = 'CNY') =>
      groups.filter((g) => g.currency === currency).reduce((sum, g) => ({ count: sum.count + g.count, amount: sum.amount + cents(g.amount) }), { count: 0, amount: 0n });

    it('counts only what the caller can see: a rep\'s team versus the director', async () => {
      const expected = async (where: string, params: unknown[]) => {
        const [row] = await t.sql<{ count: number; amount: string }>(
          `select count(*)::int as count, coalesce(sum(o.amount), 0)::text as amount from opportunities o join pipeline_stages s on s.id = o.stage_id
            where s.kind <> 'lost' and o.currency = 'CNY' and ${where}`,
          params,
        );
        return { count: row.count, amount: cents(row.amount.includes('.') ? row.amount : `${row.amount}.00`) };
      };
      const [e1] = await t.sql<{ id: string; team_id: string }>(`select id, team_id from users where email = 'rep.e1@lianxi.test'`);
      const rep = await t.http.get('/api/v1/opportunities/forecast?groupBy=owner').set(as('rep.e1')).expect(200);
      expect(totals(rep.body.groups)).toEqual(await expected('o.team_id = $1 and (not o.restricted or o.owner_id = $2)', [e1.team_id, e1.id]));
      const director = await t.http.get('/api/v1/opportunities/forecast?groupBy=team').set(as('director')).expect(200);
      expect(totals(director.body.groups)).toEqual(await expected('not o.restricted', []));
      expect(totals(director.body.groups).count).toBeGreaterThan(totals(rep.body.groups).count);
      const partner = await t.http.get('/api/v1/opportunities/forecast?groupBy=region').set(as('partner')).expect(200);
      expect(partner.body.groups.every((g: { key: string }) => g.key === 'North')).toBe(true);
    });

    it('by stage for one owner: the pipeline at a glance, in stage order, named, summed like the list', async () => {
      const [e1] = await t.sql<{ id: string }>(`select id from users where email = 'rep.e1@lianxi.test'`);
      const mine = await t.http.get(`/api/v1/opportunities/forecast?groupBy=stage&ownerId=${e1.id}`).set(as('manager.east')).expect(200);
      const rows = await t.sql<{ key: string; label: string; label_en: string; currency: string; count: number; amount: string }>(
        `select s.id::text as key, min(s.name) as label, min(s.name_en) as label_en, o.currency, count(*)::int as count, sum(o.amount)::text as amount
           from opportunities o join pipeline_stages s on s.id = o.stage_id
          where s.kind <> 'lost' and o.owner_id = $1 and o.deleted_at is null and not o.restricted
          group by s.id, o.currency order by min(s.pipeline_id::text), min(s.position), o.currency`,
        [e1.id],
      );
      expect(rows.length).toBeGreaterThan(1);
      expect(mine.body.groups.map((g: Group & { label: string; labelEn: string }) => ({ key: g.key, label: g.label, label_en: g.labelEn, currency: g.currency, count: g.count, amount: g.amount }))).toEqual(rows);
      // The restricted account's opportunities are rep.e1's own: they see them, their manager does not.
      const own = await t.http.get(`/api/v1/opportunities/forecast?groupBy=stage&ownerId=${e1.id}`).set(as('rep.e1')).expect(200);
      expect(totals(own.body.groups).count).toBeGreaterThan(totals(mine.body.groups).count);
      // Someone else's opportunities the caller cannot see add nothing.
      const [n1] = await t.sql<{ id: string }>(`select id from users where email = 'rep.n1@lianxi.test'`);
      expect((await t.http.get(`/api/v1/opportunities/forecast?groupBy=stage&ownerId=${n1.id}`).set(as('rep.e1')).expect(200)).body.groups).toEqual([]);
    });

    it('sums exactly in decimal: 1234567.89 at 35 % twice, and 0.10 + 0.20', async () => {
      for (const amount of ['1234567.89', '1234567.89']) {
        await t.http.post('/api/v1/opportunities').set(as('director')).send({ accountId: accountIds.N1, name: 'Exact', amount, currency: 'EUR', probability: 35, expectedCloseDate: '2031-02-10' }).expect(201);
      }
      for (const amount of ['0.10', '0.20']) {
        await t.http.post('/api/v1/opportunities').set(as('director')).send({ accountId: accountIds.N1, name: 'Cents', amount, currency: 'GBP', probability: 100, expectedCloseDate: '2031-03-10' }).expect(201);
      }
      const months = await t.http.get('/api/v1/opportunities/forecast?groupBy=period&period=month&from=2031-01-01&to=2031-12-31').set(as('director')).expect(200);
      expect(months.body.groups).toEqual([
        { key: '2031-02', label: null, labelEn: null, currency: 'EUR', count: 2, amount: '2469135.78', weightedAmount: '864197.52' },
        { key: '2031-03', label: null, labelEn: null, currency: 'GBP', count: 2, amount: '0.30', weightedAmount: '0.30' },
      ]);
      const quarters = await t.http.get('/api/v1/opportunities/forecast?period=quarter&from=2031-01-01&to=2031-12-31').set(as('director')).expect(200);
      expect(quarters.body.groups.map((g: Group) => [g.key, g.currency, g.count])).toEqual([['2031-Q1', 'EUR', 2], ['2031-Q1', 'GBP', 2]]);
      // rep.e1 sees none of them.
      const rep = await t.http.get('/api/v1/opportunities/forecast?from=2031-01-01&to=2031-12-31').set(as('rep.e1')).expect(200);
      expect(rep.body.groups).toEqual([]);
    });

    it('403 naming amount for who may not read it; 400 naming the bad parameter', async () => {
      const marketing = await t.http.get('/api/v1/opportunities/forecast').set(as('marketing')).expect(403);
      expect(marketing.body.errors).toEqual([{ field: 'amount', message: 'you may not read this field' }]);
      await t.http.get('/api/v1/opportunities/forecast').set(as('admin')).expect(403);
      for (const [query, field] of [['groupBy=product', 'groupBy'], ['from=2027-13-01', 'from'], ['from=2027-02-01&to=2027-01-01', 'to']]) {
        const response = await t.http.get(`/api/v1/opportunities/forecast?${query}`).set(as('director')).expect(400);
        expect(response.body.errors.map((e: { field: string }) => e.field)).toContain(field);
      }
    });
  });

  describe('pipelines as configuration', () => {
    it('every business user reads them; system administrators and auditors do not (R-SEC-6)', async () => {
      for (const user of ['rep.e1', 'quality', 'partner', 'gm']) await t.http.get('/api/v1/pipelines').set(as(user)).expect(200);
      for (const user of ['admin', 'auditor']) await t.http.get('/api/v1/pipelines').set(as(user)).expect(403);
      expect(pipeline.stages.map((s) => [s.nameEn, s.probability, s.kind])).toEqual([
        ['Qualification', 10, 'open'],
        ['Needs analysis', 20, 'open'],
        ['Proposal', 40, 'open'],
        ['Negotiation', 60, 'open'],
        ['Won', 100, 'won'],
        ['Lost', 0, 'lost'],
      ]);
    });

    it('only the sales director changes them: probabilities, names, order; with If-Match', async () => {
      for (const user of ['rep.e1', 'manager.east', 'gm', 'admin']) {
        await t.http.patch(`/api/v1/pipelines/${pipeline.id}/stages/${stage('Proposal')}`).set(as(user)).send({ probability: 45 }).expect(403);
      }
      const current = await t.http.get(`/api/v1/pipelines/${pipeline.id}`).set(as('director')).expect(200);
      const version = current.body.version;
      await t.http.patch(`/api/v1/pipelines/${pipeline.id}/stages/${stage('Proposal')}`).set(as('director')).set('If-Match', `W/"${version + 1}"`).send({ probability: 45 }).expect(412);
      const changed = await t.http.patch(`/api/v1/pipelines/${pipeline.id}/stages/${stage('Proposal')}`).set(as('director')).set('If-Match', `W/"${version}"`).send({ probability: 45, nameEn: 'Proposal & quote' }).expect(200);
      expect(changed.body.stages[2]).toMatchObject({ probability: 45, nameEn: 'Proposal & quote' });
      const ids = changed.body.stages.map((s: { id: string }) => s.id);
      const reordered = await t.http.put(`/api/v1/pipelines/${pipeline.id}/stage-order`).set(as('director')).send({ stageIds: [ids[1], ids[0], ...ids.slice(2)] }).expect(200);
      expect(reordered.body.stages.map((s: { id: string }) => s.id)).toEqual([ids[1], ids[0], ...ids.slice(2)]);
      const bad = await t.http.put(`/api/v1/pipelines/${pipeline.id}/stage-order`).set(as('director')).send({ stageIds: ids.slice(1) }).expect(400);
      expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(['stageIds']);
      const added = await t.http.post(`/api/v1/pipelines/${pipeline.id}/stages`).set(as('director')).send({ name: '交付', nameEn: 'Delivery', probability: 100, kind: 'won' }).expect(201);
      expect(added.body.stages.at(-1)).toMatchObject({ nameEn: 'Delivery', position: 6 });
    });
  });
});
