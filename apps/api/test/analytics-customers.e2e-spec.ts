import { randomUUID } from 'node:crypto';
import { createTestApp, type TestApp } from './support/test-app';
import { openSheet } from './support/workbook';

const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

interface Crafted {
  id: string;
  owner: string;
  restricted?: boolean;
  /** rfm_segment, lifecycle_stage, behaviour_class (null: not scored). */
  scores: [string | null, string | null, string | null];
  revenue: string;
  profit: string | null;
  predictedClv: string | null;
  historicClv: string | null;
  loyalty: string | null;
  /** Per year: [year, revenue, profit]. */
  years: Array<[number, string, string | null]>;
}

/**
 * Customers whose metric rows are written straight into the tables (as the job writes them), so every figure below is
 * worked out by hand. Teams: rep.e1 → E1, rep.e2 → E2 (both under EAST), rep.n1 → N1.
 */
const CUSTOMERS: Record<'a1' | 'a2' | 'a3' | 'b1' | 'c1' | 'secret', Crafted> = {
  a1: { id: randomUUID(), owner: 'rep.e1@lianxi.test', scores: ['champions', 'mature', 'loyal'], revenue: '1000.00', profit: '400.00', predictedClv: '500.00', historicClv: '300.00', loyalty: '0.9000',
    years: [[2022, '300.00', '10.00'], [2023, '300.00', '15.00'], [2024, '400.00', '375.00']] },
  a2: { id: randomUUID(), owner: 'rep.e1@lianxi.test', scores: ['champions', 'growth', 'stable'], revenue: '200.00', profit: null, predictedClv: null, historicClv: null, loyalty: '0.5000',
    years: [[2023, '100.00', '5.00'], [2024, '100.00', null]] },
  a3: { id: randomUUID(), owner: 'rep.e1@lianxi.test', scores: [null, null, null], revenue: '0.00', profit: null, predictedClv: null, historicClv: null, loyalty: null, years: [] },
  b1: { id: randomUUID(), owner: 'rep.e2@lianxi.test', scores: ['at_risk', 'decline', 'general'], revenue: '300.00', profit: '20.00', predictedClv: '50.00', historicClv: '18.00', loyalty: '0.2000',
    years: [[2022, '300.00', '20.00']] },
  c1: { id: randomUUID(), owner: 'rep.n1@lianxi.test', scores: ['lost', 'terminated', 'general'], revenue: '100.00', profit: '40.00', predictedClv: '1.25', historicClv: '35.00', loyalty: '0.1000',
    years: [[2022, '60.00', '30.00'], [2024, '40.00', '10.00']] },
  // Restricted (R-SEC-5): its owner sees it, the rest of the company does not — directors and the general manager included.
  secret: { id: randomUUID(), owner: 'rep.e1@lianxi.test', restricted: true, scores: ['champions', 'mature', 'loyal'], revenue: '5000.00', profit: '900.00', predictedClv: '7000.00', historicClv: '800.00', loyalty: '0.9500',
    years: [[2024, '5000.00', '900.00']] },
};

async function seed(t: TestApp): Promise<void> {
  // Only the crafted customers have metrics (the demo accounts have none until a recompute), so counts are exact.
  await t.sql(`delete from customer_metric_years`);
  await t.sql(`delete from customer_metrics`);
  for (const [key, c] of Object.entries(CUSTOMERS)) {
    const [owner] = await t.sql<{ id: string; team_id: string }>(`select id, team_id from users where email = $1`, [c.owner]);
    await t.sql(`insert into accounts (id, name, kind, owner_id, team_id, restricted) values ($1, $2, 'company', $3, $4, $5)`, [c.id, `Insight ${key}`, owner.id, owner.team_id, c.restricted ?? false]);
    const orders = c.years.length;
    const first = c.years.length ? `${c.years[0][0]}-03-01` : null;
    const last = c.years.length ? `${c.years[c.years.length - 1][0]}-06-01` : null;
    await t.sql(
      `insert into customer_metrics (account_id, first_purchase_on, last_purchase_on, orders, purchase_days, revenue, cost, profit, uncosted_lines,
         rfm_recency, rfm_frequency, rfm_monetary, rfm_segment, behaviour_class, lifecycle_stage, historic_clv, predicted_transactions, probability_alive,
         expected_spend, predicted_clv, loyalty_index, computed_at, purchase_dates, purchase_day_revenue)
       values ($1, $2, $3, $4, $4, $5, $6, $7, 0, $8, $8, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, now(), $18, $19)`,
      [c.id, first, last, orders, c.revenue, c.profit === null ? null : '1.00', c.profit, c.scores[0] ? 3 : null, c.scores[0], c.scores[2], c.scores[1],
        c.historicClv, c.scores[0] ? '1.5000' : null, c.scores[0] ? '0.750000' : null, c.predictedClv === null ? null : '10.00', c.predictedClv, c.loyalty,
        // One purchase day per year (the table holds as many purchase days as it counts).
        c.years.map(([year]) => `${year}-03-01`), c.years.map(([, revenue]) => revenue)],
    );
    const bought = new Set(c.years.map(([year]) => year));
    for (const [year, revenue, profit] of c.years) {
      await t.sql(`insert into customer_metric_years (account_id, year, orders, revenue, cost, profit, retained, leaving) values ($1, $2, 1, $3, $4, $4, $5, $6)`, [
        c.id, year, revenue, profit, bought.has(year - 1), !bought.has(year + 1),
      ]);
    }
  }
}

describe('customer analytics: who sees which customers and figures', () => {
  let t: TestApp;
  let tokens: Record<string, string>;
  const get = (email: string, path: string) => t.http.get(`/api/v1/analytics/customers${path}`).set(bearer(tokens[email]));
  const counts = (body: { buckets: Array<{ key: string | null; customers: number }> }) => Object.fromEntries(body.buckets.map((b) => [b.key ?? 'unscored', b.customers]));

  beforeAll(async () => {
    t = await createTestApp();
    await seed(t);
    ({ tokens } = await t.signInAll(['rep.e1@lianxi.test', 'rep.e1b@lianxi.test', 'manager.east@lianxi.test', 'director@lianxi.test', 'gm@lianxi.test', 'quality@lianxi.test', 'admin@lianxi.test', 'partner@lianxi.test', 'marketing@lianxi.test']));
  });
  afterAll(() => t.close());

  it('counts by segment only the customers each caller may read (team, subtree, all; restricted records excluded)', async () => {
    const expected: Record<string, Record<string, number>> = {
      // The owner of the restricted customer sees it; their teammate does not.
      'rep.e1@lianxi.test': { champions: 3, unscored: 1 },
      'rep.e1b@lianxi.test': { champions: 2, unscored: 1 },
      'manager.east@lianxi.test': { champions: 2, at_risk: 1, unscored: 1 },
      'director@lianxi.test': { champions: 2, at_risk: 1, lost: 1, unscored: 1 },
      'gm@lianxi.test': { champions: 2, at_risk: 1, lost: 1, unscored: 1 },
      // Counts need no order amount: the quality inspector reads every account.
      'quality@lianxi.test': { champions: 2, at_risk: 1, lost: 1, unscored: 1 },
    };
    for (const [email, buckets] of Object.entries(expected)) {
      const { body } = await get(email, '/distribution?by=segment').expect(200);
      expect([email, counts(body)]).toEqual([email, buckets]);
      expect(body.customers).toBe(Object.values(buckets).reduce((a, b) => a + b, 0));
      // Without `include` no money figure is there at all.
      expect(body.buckets[0]).not.toHaveProperty('revenue');
      // The unscored bucket is shown, and last.
      expect(body.buckets[body.buckets.length - 1].key).toBeNull();
    }
    const { body: stages } = await get('gm@lianxi.test', '/distribution?by=stage').expect(200);
    expect(counts(stages)).toEqual({ mature: 1, growth: 1, decline: 1, terminated: 1, unscored: 1 });
    const { body: classes } = await get('manager.east@lianxi.test', '/distribution?by=class').expect(200);
    expect(counts(classes)).toEqual({ loyal: 1, stable: 1, general: 1, unscored: 1 });
    expect(stages.run).toBeNull();
  });

  it('adds revenue and CLV sums to who reads order amounts, profit and historic CLV to who reads costs', async () => {
    const { body: rep } = await get('rep.e1@lianxi.test', '/distribution?by=segment&include=revenue').expect(200);
    expect(rep.buckets).toEqual([
      { key: 'champions', customers: 3, revenue: '6200.00', predictedClv: '7500.00' },
      { key: null, customers: 1, revenue: '0.00', predictedClv: null },
    ]);
    const { body: gm } = await get('gm@lianxi.test', '/distribution?by=class&include=profit').expect(200);
    expect(gm.buckets).toEqual([
      { key: 'general', customers: 2, revenue: '400.00', predictedClv: '51.25', profit: '60.00', historicClv: '53.00' },
      { key: 'loyal', customers: 1, revenue: '1000.00', predictedClv: '500.00', profit: '400.00', historicClv: '300.00' },
      { key: 'stable', customers: 1, revenue: '200.00', predictedClv: null, profit: null, historicClv: null },
      { key: null, customers: 1, revenue: '0.00', predictedClv: null, profit: null, historicClv: null },
    ]);
  });

  it('refuses money to who may not read the order fields it comes from (403 naming them), counts stay', async () => {
    const inspector = await get('quality@lianxi.test', '/distribution?by=segment&include=revenue').expect(403);
    expect(inspector.body.errors).toEqual([{ field: 'subtotal', message: 'you may not read this field' }]);
    // Reps read prices, not costs.
    const rep = await get('rep.e1@lianxi.test', '/distribution?by=stage&include=profit').expect(403);
    expect(rep.body.errors.map((e: { field: string }) => e.field)).toEqual(['lines.unitCost']);
    expect((await get('quality@lianxi.test', '/retention?include=revenue').expect(403)).body.errors[0].field).toBe('subtotal');
    // Sorting by money reveals it as surely as showing it.
    expect((await get('quality@lianxi.test', '?sort=-predictedClv').expect(403)).body.errors[0].field).toBe('subtotal');
    expect((await get('rep.e1@lianxi.test', '?sort=-historicClv').expect(403)).body.errors[0].field).toBe('lines.unitCost');
    await get('quality@lianxi.test', '/export?include=revenue').expect(403);
    // The inspector's list works without money.
    const { body } = await get('quality@lianxi.test', '?sort=-loyalty').expect(200);
    expect(body.data).toHaveLength(5);
    expect(body.data[0]).not.toHaveProperty('revenue');
  });

  it('refuses callers without analytics read: the system administrator, the partner, marketing', async () => {
    for (const email of ['admin@lianxi.test', 'partner@lianxi.test', 'marketing@lianxi.test']) {
      for (const path of ['/distribution?by=segment', '', '/retention', '/export']) {
        const response = await get(email, path);
        expect([email, path, response.status]).toEqual([email, path, 403]);
      }
    }
    await t.http.get('/api/v1/analytics/customers/distribution?by=segment').expect(401);
  });

  it('lists the customers behind a bar, sorted and paged, with owner and team', async () => {
    const first = await get('rep.e1@lianxi.test', '?segment=champions&sort=-revenue&include=revenue&limit=2').expect(200);
    expect(first.body.data.map((c: { name: string }) => c.name)).toEqual(['Insight secret', 'Insight a1']);
    expect(first.body.data[1]).toMatchObject({
      accountId: CUSTOMERS.a1.id, ownerName: '王磊', teamName: expect.any(String), rfmSegment: 'champions', lifecycleStage: 'mature', behaviourClass: 'loyal',
      orders: 3, purchaseDays: 3, firstPurchaseOn: '2022-03-01', lastPurchaseOn: '2024-06-01', probabilityAlive: '0.750000', loyaltyIndex: '0.9000',
      revenue: '1000.00', expectedSpend: '10.00', predictedClv: '500.00',
    });
    expect(first.body.data[1]).not.toHaveProperty('historicClv');
    const second = await get('rep.e1@lianxi.test', `?segment=champions&sort=-revenue&include=revenue&limit=2&cursor=${first.body.nextCursor}`).expect(200);
    expect(second.body).toMatchObject({ data: [{ name: 'Insight a2' }], nextCursor: null });

    // Descending by a score: customers without one come last; ascending: first.
    const byClv = await get('gm@lianxi.test', '?sort=-predictedClv&include=profit').expect(200);
    expect(byClv.body.data.map((c: { name: string }) => c.name).slice(0, 3)).toEqual(['Insight a1', 'Insight b1', 'Insight c1']);
    expect(byClv.body.data.map((c: { accountId: string }) => c.accountId)).not.toContain(CUSTOMERS.secret.id);
    const byHistoric = await get('gm@lianxi.test', '?sort=historicClv&include=profit&limit=10').expect(200);
    expect(byHistoric.body.data.slice(-3).map((c: { name: string }) => c.name)).toEqual(['Insight b1', 'Insight c1', 'Insight a1']);

    const unscored = await get('manager.east@lianxi.test', '?stage=unscored').expect(200);
    expect(unscored.body.data.map((c: { accountId: string }) => c.accountId)).toEqual([CUSTOMERS.a3.id]);
    const general = await get('manager.east@lianxi.test', '?class=general').expect(200);
    expect(general.body.data.map((c: { accountId: string }) => c.accountId)).toEqual([CUSTOMERS.b1.id]);
    // The restricted customer is in no list of the director, by any filter.
    const director = await get('director@lianxi.test', '?segment=champions&limit=200').expect(200);
    expect(director.body.data.map((c: { accountId: string }) => c.accountId).sort()).toEqual([CUSTOMERS.a1.id, CUSTOMERS.a2.id].sort());
  });

  it('exports the same list as CSV, audited; the money columns name their currency (the base currency)', async () => {
    const response = await get('gm@lianxi.test', '/export?segment=champions&sort=-revenue&include=revenue').expect(200);
    expect(response.headers['content-type']).toMatch(/^text\/csv/);
    const lines = response.text.replace(/^\uFEFF/, '').trim().split('\n');
    expect(lines[0]).toBe('accountId,name,ownerName,teamName,rfmSegment,lifecycleStage,behaviourClass,rfmRecency,rfmFrequency,rfmMonetary,orders,purchaseDays,firstPurchaseOn,lastPurchaseOn,predictedTransactions,probabilityAlive,loyaltyIndex,revenue (CNY),expectedSpend (CNY),predictedClv (CNY)');
    expect(lines.slice(1).map((line) => line.split(',')[1])).toEqual(['Insight a1', 'Insight a2']);
    expect(await t.sql(`select details->'rows' as rows from audit_events where action = 'analytics.customers_exported'`)).toEqual([{ rows: 2 }]);
  });

  it('exports the same list as an Excel workbook: typed cells, the same columns, audited; an unknown format is 400', async () => {
    const sheet = await openSheet(get('gm@lianxi.test', '/export?segment=champions&sort=-revenue&include=profit&format=xlsx'));
    expect([sheet.status, sheet.contentType]).toEqual([200, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet']);
    const [header, ...rows] = sheet.rows;
    expect(header).toEqual([
      'accountId', 'name', 'ownerName', 'teamName', 'rfmSegment', 'lifecycleStage', 'behaviourClass', 'rfmRecency', 'rfmFrequency', 'rfmMonetary', 'orders', 'purchaseDays',
      'firstPurchaseOn', 'lastPurchaseOn', 'predictedTransactions', 'probabilityAlive', 'loyaltyIndex',
      'revenue (CNY)', 'expectedSpend (CNY)', 'predictedClv (CNY)', 'cost (CNY)', 'profit (CNY)', 'historicClv (CNY)',
    ]);
    const money = ['revenue', 'expectedSpend', 'predictedClv', 'cost', 'profit', 'historicClv'];
    const column = (name: string) => header.indexOf(money.includes(name) ? `${name} (CNY)` : name);
    expect(rows.map((row) => row[column('name')])).toEqual(['Insight a1', 'Insight a2']);
    const [a1, a2] = rows;
    // Money and scores are numbers shown with their own decimals; days are dates; counts are numbers; no figure is empty text.
    expect([a1[column('revenue')], sheet.formats[1][column('revenue')]]).toEqual([1000, '#,##0.00']);
    expect([a1[column('predictedClv')], a1[column('profit')], a1[column('loyaltyIndex')], sheet.formats[1][column('loyaltyIndex')]]).toEqual([500, 400, 0.9, '#,##0.0000']);
    expect([a1[column('probabilityAlive')], sheet.formats[1][column('probabilityAlive')]]).toEqual([0.75, '#,##0.000000']);
    expect(a1[column('firstPurchaseOn')]).toEqual(new Date('2022-03-01T00:00:00Z'));
    expect(sheet.formats[1][column('firstPurchaseOn')]).toBe('yyyy-mm-dd');
    expect([a1[column('orders')], a1[column('rfmRecency')]]).toEqual([3, 3]);
    // a2 has no predicted CLV nor profit: empty cells, as in the CSV.
    expect([a2[column('predictedClv')], a2[column('profit')], a2[column('accountId')]]).toEqual([null, null, CUSTOMERS.a2.id]);
    const [audit] = await t.sql<{ details: { rows: number; format: string } }>(
      `select details from audit_events where action = 'analytics.customers_exported' order by id desc limit 1`,
    );
    expect(audit.details).toMatchObject({ rows: 2, format: 'xlsx' });

    const pdf = await get('gm@lianxi.test', '/export?format=pdf').expect(400);
    expect(pdf.body.errors.map((e: { field: string }) => e.field)).toEqual(['format']);
    // Money rights and the row cap are the CSV's: same 403.
    await get('quality@lianxi.test', '/export?include=revenue&format=xlsx').expect(403);
  });

  it('masks a masked account name in the workbook as in the list', async () => {
    const admin = bearer(tokens['admin@lianxi.test']);
    await t.http.put('/api/v1/access/policies/sales_rep/fields/account').set(admin).send({ fields: { name: 'masked' } }).expect(200);
    try {
      const sheet = await openSheet(get('rep.e1@lianxi.test', '/export?segment=champions&format=xlsx'));
      expect(sheet.status).toBe(200);
      const names = sheet.rows.slice(1).map((row) => row[sheet.rows[0].indexOf('name')]);
      expect(names).toEqual(['****', '****', '****']);
    } finally {
      await t.http.put('/api/v1/access/policies/sales_rep/fields/account').set(admin).send({ fields: { name: null } }).expect(200);
    }
  });

  it('counts retention and churn per year over the caller\'s customers', async () => {
    const { body: gm } = await get('gm@lianxi.test', '/retention?include=profit').expect(200);
    expect(gm.years).toEqual([
      { year: 2022, active: 3, retained: 0, churned: 0, gained: 3, retentionRate: null, revenue: '660.00', profit: '60.00', profitLostToChurn: '0.00' },
      { year: 2023, active: 2, retained: 1, churned: 2, gained: 1, retentionRate: '0.3333', revenue: '400.00', profit: '20.00', profitLostToChurn: '50.00' },
      { year: 2024, active: 3, retained: 2, churned: 0, gained: 1, retentionRate: '1.0000', revenue: '540.00', profit: '385.00', profitLostToChurn: '0.00' },
    ]);
    // Money is in the base currency (BASE_CURRENCY, CNY by default), and every money answer says so.
    expect(gm.currency).toBe('CNY');
    expect((await get('gm@lianxi.test', '/distribution?by=segment&include=profit').expect(200)).body.currency).toBe('CNY');
    expect((await get('gm@lianxi.test', '?include=revenue&limit=1').expect(200)).body.currency).toBe('CNY');
    const { body: rep } = await get('rep.e1b@lianxi.test', '/retention').expect(200);
    expect(rep.years).toEqual([
      { year: 2022, active: 1, retained: 0, churned: 0, gained: 1, retentionRate: null },
      { year: 2023, active: 2, retained: 1, churned: 0, gained: 1, retentionRate: '1.0000' },
      { year: 2024, active: 2, retained: 2, churned: 0, gained: 0, retentionRate: '1.0000' },
    ]);
  });

  it('pages every bucket in every sort exactly as one ordered read of the metric rows, one customer a page', async () => {
    const SORTS: Record<string, string> = { predictedClv: 'coalesce(m.predicted_clv, -1e17)', historicClv: 'coalesce(m.historic_clv, -1e17)', revenue: 'm.revenue', loyalty: 'coalesce(m.loyalty_index, -1e17)' };
    const FILTERS: Array<[string, string, string]> = [['', '', 'true'], ['segment', 'champions', `m.rfm_segment = 'champions'`], ['segment', 'unscored', 'm.rfm_segment is null'], ['stage', 'unscored', 'm.lifecycle_stage is null'], ['class', 'general', `m.behaviour_class = 'general'`]];
    // The general manager (all: the bucket indexes) and a rep (team: the team index; no costs, so no historic CLV).
    const callers: Array<[string, string, string]> = [
      ['gm@lianxi.test', 'not r.restricted', 'profit'],
      ['rep.e1@lianxi.test', `r.team_id = (select team_id from users where email = 'rep.e1@lianxi.test') and (not r.restricted or r.owner_id = (select id from users where email = 'rep.e1@lianxi.test'))`, 'revenue'],
    ];
    for (const [email, visible, include] of callers) {
      for (const [key, expression] of Object.entries(SORTS).filter(([sort]) => include === 'profit' || sort !== 'historicClv')) {
        for (const descending of [true, false]) {
          for (const [name, value, where] of FILTERS) {
            const direction = descending ? 'desc' : 'asc';
            const expected = (await t.sql<{ id: string }>(
              `select m.account_id::text as id from customer_metrics m join accounts r on r.id = m.account_id
                where r.deleted_at is null and ${visible} and ${where} order by ${expression} ${direction}, m.account_id ${direction}`,
            )).map((row) => row.id);
            const paged: string[] = [];
            let cursor: string | null = null;
            do {
              const query: URLSearchParams = new URLSearchParams({ sort: `${descending ? '-' : ''}${key}`, limit: '1', include, ...(name ? { [name]: value } : {}), ...(cursor ? { cursor } : {}) });
              const page: { data: Array<{ accountId: string }>; nextCursor: string | null } = (await get(email, `?${query.toString()}`).expect(200)).body;
              paged.push(...page.data.map((c) => c.accountId));
              cursor = page.nextCursor;
            } while (cursor && paged.length <= expected.length);
            expect([email, key, direction, name, value, paged]).toEqual([email, key, direction, name, value, expected]);
          }
        }
      }
    }
  });

  it('answers 400 naming the parameter for bad input', async () => {
    const cases: Array<[string, string]> = [
      ['/distribution', 'by'],
      ['/distribution?by=region', 'by'],
      ['/distribution?by=segment&include=everything', 'include'],
      ['?stage=adult', 'stage'],
      ['?class=vip', 'class'],
      ['?segment=Not%20A%20Segment', 'segment'],
      ['?sort=name', 'sort'],
      ['?limit=0', 'limit'],
      ['?limit=500', 'limit'],
      ['?cursor=garbage', 'cursor'],
      ['/retention?include=cost', 'include'],
      ['/export?sort=-name', 'sort'],
    ];
    for (const [path, field] of cases) {
      const response = await get('gm@lianxi.test', path);
      expect([path, response.status, response.body.errors?.map((e: { field: string }) => e.field)]).toEqual([path, 400, [field]]);
    }
  });
});

describe('customer analytics over what the real job wrote', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ JOBS_ENABLED: 'true' });
  });
  afterAll(() => t.close());

  it('after POST /analytics/metrics/recompute, every visible live account is counted, and the run is named', async () => {
    const gm = await t.login('gm@lianxi.test');
    const { body: run } = await t.http.post('/api/v1/analytics/metrics/recompute').set(bearer(gm.accessToken)).expect(202);
    let current = run;
    const deadline = Date.now() + 30_000;
    while (current.status !== 'succeeded' && current.status !== 'failed' && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      current = (await t.http.get(`/api/v1/analytics/metrics/runs/${run.id}`).set(bearer(gm.accessToken)).expect(200)).body;
    }
    expect(current.status).toBe('succeeded');
    for (const email of ['gm@lianxi.test', 'rep.e1@lianxi.test', 'manager.east@lianxi.test']) {
      const { accessToken } = await t.login(email);
      const { body: accounts } = await t.http.get('/api/v1/accounts?withTotal=true&limit=1').set(bearer(accessToken)).expect(200);
      const { body } = await t.http.get('/api/v1/analytics/customers/distribution?by=stage').set(bearer(accessToken)).expect(200);
      expect([email, body.customers]).toEqual([email, accounts.total]);
      expect(body.run).toEqual({ id: run.id, asOf: current.asOf, finishedAt: current.finishedAt });
      const { body: retention } = await t.http.get('/api/v1/analytics/customers/retention').set(bearer(accessToken)).expect(200);
      // The demo data has several years of purchases; every active customer of a year is one of the caller's.
      expect(retention.years.length).toBeGreaterThanOrEqual(5);
      expect(Math.max(...retention.years.map((y: { active: number }) => y.active))).toBeLessThanOrEqual(accounts.total);
    }
  });
});
