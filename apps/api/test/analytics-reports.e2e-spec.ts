import { ACCOUNTS } from '../src/demo/demo-organisation';
import { createTestApp, TestApp } from './support/test-app';

/**
 * Customer intelligence over the sales data (R-ANA-1, R-ANA-8): revenue, cost and profit in the sales report (the
 * lines' cost of their day, readable by finance, the director and the general manager only), growth between periods,
 * and the pipeline funnel from the stage history — each caller's figures those of the records they may read.
 */
const USERS = ['rep.e1', 'manager.east', 'director', 'gm', 'finance', 'partner', 'quality', 'marketing', 'admin'];

interface Row {
  key: string | null; label: string | null; orderCount: number; quantity: string | null; bookedNet: string;
  cost: string | null; costedRevenue: string | null; profit: string | null; marginPercent: string | null; uncostedRevenue: string | null; uncostedLineCount: number | null;
  growthRate: string | null; yearOverYearGrowthRate: string | null;
}
interface Report { rows: Row[]; totals: Row; withProfit: boolean }
interface Stage { stageId: string; nameEn: string; kind: string; reached: number; amount: string; conversionRate: string | null; winRate: string | null }
interface Funnel { pipelineId: string; total: number; stages: Stage[] }

describe('analytics reports', () => {
  let t: TestApp;
  let tokens: Record<string, string>;
  let userIds: Record<string, string>;
  const as = (user: string) => ({ Authorization: `Bearer ${tokens[user]}` });
  let northAccount: string;

  beforeAll(async () => {
    t = await createTestApp();
    ({ tokens, userIds } = await t.signInAll(USERS));
    const north = ACCOUNTS.find((account) => account.region === 'North' && !account.partner && !account.restricted)!;
    [{ id: northAccount }] = await t.sql<{ id: string }>('select id from accounts where name = $1', [north.name]);
  });
  afterAll(() => t.close());

  describe('revenue, cost and profit (GBP orders of 2033–2034, the director\'s)', () => {
    let costed: string;
    let uncosted: string;

    const create = async (orderDate: string, lines: Array<Record<string, unknown>>, taxRate = '0') => {
      const response = await t.http.post('/api/v1/orders').set(as('director')).send({ accountId: northAccount, currency: 'GBP', taxRate, orderDate, lines });
      if (response.status !== 201) throw new Error(`order ${orderDate} → ${response.status} ${JSON.stringify(response.body)}`);
      return response.body as { id: string; version: number };
    };

    beforeAll(async () => {
      const [category] = await t.sql<{ id: string }>('select id from product_categories order by path limit 1');
      // Costed in GBP, the orders' currency: a line keeps the cost as it is (no exchange rate involved).
      const product = (code: string, costPrice?: string) =>
        t.http.post('/api/v1/products').set(as('finance')).send({ code, name: code, nameEn: code, categoryId: category.id, unit: '台', ...(costPrice ? { costPrice, costCurrency: 'GBP' } : {}) }).expect(201);
      costed = (await product('ANA-COSTED', '60.00')).body.id;
      uncosted = (await product('ANA-UNCOSTED')).body.id;
      // Hand-computed figures in the comments: net line total; cost = quantity × 60.00 where the cost is known.
      await create('2033-01-10', [
        { productId: costed, description: 'c', quantity: '2', listPrice: '100.00' }, // 200.00, cost 120.00
        { description: 'free text', quantity: '1', listPrice: '50.00' }, // 50.00, cost unknown
      ]);
      await create('2033-02-15', [{ description: 'free of charge', quantity: '1', listPrice: '0.00' }]); // 0.00, cost unknown
      await create('2033-03-05', [
        { productId: uncosted, description: 'u', quantity: '1', listPrice: '300.00' }, // 300.00, no cost price
        { productId: costed, description: 'c', quantity: '1', listPrice: '90.00', discountPercent: '10' }, // 81.00, cost 60.00
      ]);
      const cancelled = await create('2033-03-20', [{ productId: costed, description: 'c', quantity: '10', listPrice: '100.00' }]);
      await t.http.post(`/api/v1/orders/${cancelled.id}/status`).set(as('director')).set('If-Match', `W/"${cancelled.version}"`).send({ status: 'cancelled' }).expect(200);
      await create('2034-01-15', [{ productId: costed, description: 'c', quantity: '1', listPrice: '125.00' }], '13'); // 125.00 net, cost 60.00
      await create('2034-03-01', [{ productId: costed, description: 'c', quantity: '3', listPrice: '100.00' }]); // 300.00, cost 180.00
      await create('2034-04-10', [{ productId: costed, description: 'c', quantity: '1', listPrice: '600.00' }]); // 600.00, cost 60.00
    });

    const report = async (query: string, user = 'director') => (await t.http.get(`/api/v1/reports/sales?currency=GBP&${query}`).set(as(user)).expect(200)).body as Report;
    const profit = (r: Row) => [r.key, r.orderCount, r.bookedNet, r.cost, r.costedRevenue, r.profit, r.marginPercent, r.uncostedRevenue, r.uncostedLineCount];

    it('by month: cost over the lines with a known cost, unknown costs counted apart, the cancelled order left out', async () => {
      const months = await report('groupBy=period&period=month&from=2033-01-01&to=2034-12-31&include=profit');
      expect(months.withProfit).toBe(true);
      expect(months.rows.map(profit)).toEqual([
        ['2033-01', 1, '250.00', '120.00', '200.00', '80.00', '40.00', '50.00', 1],
        ['2033-02', 1, '0.00', '0.00', '0.00', '0.00', null, '0.00', 1],
        ['2033-03', 1, '381.00', '60.00', '81.00', '21.00', '25.93', '300.00', 1],
        ['2034-01', 1, '125.00', '60.00', '125.00', '65.00', '52.00', '0.00', 0],
        ['2034-03', 1, '300.00', '180.00', '300.00', '120.00', '40.00', '0.00', 0],
        ['2034-04', 1, '600.00', '60.00', '600.00', '540.00', '90.00', '0.00', 0],
      ]);
      expect(profit(months.totals)).toEqual([null, 6, '1656.00', '480.00', '1306.00', '826.00', '63.25', '350.00', 3]);
      // Independently, in SQL.
      const [sql] = await t.sql<{ cost: string; uncosted: string }>(
        `select sum(l.quantity * l.unit_cost)::numeric(20, 2)::text as cost, sum(l.line_total) filter (where l.unit_cost is null)::text as uncosted
           from order_lines l join orders o on o.id = l.order_id where o.currency = 'GBP' and o.status <> 'cancelled'`,
      );
      expect([months.totals.cost, months.totals.uncostedRevenue]).toEqual([sql.cost, sql.uncosted]);
    });

    it('growth against the previous period (null after an empty or zero one) and the same period a year earlier', async () => {
      const growth = (r: Row) => [r.key, r.growthRate, r.yearOverYearGrowthRate];
      const months = await report('groupBy=period&period=month&from=2033-01-01&to=2034-12-31');
      expect(months.rows.map(growth)).toEqual([
        ['2033-01', null, null],
        ['2033-02', '-1.0000', null], // 0.00 after 250.00
        ['2033-03', null, null], // after 0.00
        ['2034-01', null, '-0.5000'], // 125.00 against 250.00 a year before
        ['2034-03', null, '-0.2126'], // 300.00 against 381.00
        ['2034-04', '1.0000', null], // 600.00 after 300.00
      ]);
      expect(months.totals.growthRate).toBeNull();
      const quarters = await report('groupBy=period&period=quarter&from=2033-01-01&to=2034-12-31');
      expect(quarters.rows.map(growth)).toEqual([
        ['2033-Q1', null, null],
        ['2034-Q1', null, '-0.3265'], // 425.00 against 631.00
        ['2034-Q2', '0.4118', null], // 600.00 after 425.00
      ]);
      // The periods before `from` are looked up too: 2034 against 2033, January 2034 against January 2033.
      const years = await report('groupBy=period&period=year&from=2034-01-01&to=2034-12-31');
      expect(years.rows.map(growth)).toEqual([['2034', '0.6244', null]]); // 1025.00 after 631.00
      const january = await report('groupBy=period&period=month&from=2034-01-01&to=2034-01-31');
      expect(january.rows.map(growth)).toEqual([['2034-01', null, '-0.5000']]);
      // Other groupings carry no growth.
      expect((await report('groupBy=owner&from=2033-01-01')).rows.every((r) => r.growthRate === null && r.yearOverYearGrowthRate === null)).toBe(true);
    });

    it('by product and by customer', async () => {
      const products = await report('groupBy=product&from=2033-01-01&to=2033-12-31&include=profit');
      expect(products.rows.map((r) => [r.key, r.quantity, ...profit(r).slice(1)])).toEqual([
        [uncosted, '1.000', 1, '300.00', '0.00', '0.00', '0.00', null, '300.00', 1],
        [costed, '3.000', 2, '281.00', '180.00', '281.00', '101.00', '35.94', '0.00', 0],
        [null, '2.000', 2, '50.00', '0.00', '0.00', '0.00', null, '50.00', 2],
      ]);
      expect(profit(products.totals)).toEqual([null, 3, '631.00', '180.00', '281.00', '101.00', '35.94', '350.00', 3]);
      const accounts = await report('groupBy=account&from=2033-01-01&to=2034-12-31&include=profit');
      const [name] = await t.sql<{ name: string }>('select name from accounts where id = $1', [northAccount]);
      expect(accounts.rows.map((r) => [r.key, r.label, r.orderCount, r.bookedNet, r.profit])).toEqual([[northAccount, name.name, 6, '1656.00', '826.00']]);
      // Without include=profit the cost figures are null, for every grouping.
      const plain = await report('groupBy=account&from=2033-01-01');
      expect(plain.withProfit).toBe(false);
      expect([plain.rows[0].cost, plain.rows[0].profit, plain.totals.uncostedLineCount]).toEqual([null, null, null]);
    });

    it('drill-down: the order list filters by product, team and order dates, so a report row opens its orders', async () => {
      const numbers = async (query: string) =>
        ((await t.http.get(`/api/v1/orders?${query}&limit=200`).set(as('director')).expect(200)).body.data as Array<{ orderDate: string; currency: string; status: string }>)
          .filter((o) => o.currency === 'GBP')
          .map((o) => `${o.orderDate} ${o.status}`)
          .sort();
      expect(await numbers(`productId=${costed}&orderDateFrom=2033-01-01&orderDateTo=2033-12-31`)).toEqual(['2033-01-10 ordered', '2033-03-05 ordered', '2033-03-20 cancelled']);
      expect(await numbers(`productId=${uncosted}`)).toEqual(['2033-03-05 ordered']);
      expect(await numbers('orderDateFrom=2034-03-01&orderDateTo=2034-03-31')).toEqual(['2034-03-01 ordered']);
      const [director] = await t.sql<{ team_id: string }>('select team_id::text from users where id = $1', [userIds.director]);
      expect(await numbers(`teamId=${director.team_id}&orderDateFrom=2034-01-01`)).toEqual(['2034-01-15 ordered', '2034-03-01 ordered', '2034-04-10 ordered']);
      // A rep filtering by the product sees only their team's orders: none of these.
      const rep = await t.http.get(`/api/v1/orders?productId=${costed}`).set(as('rep.e1')).expect(200);
      expect(rep.body.data).toEqual([]);
      for (const [query, field] of [['orderDateFrom=2033-02-30', 'orderDateFrom'], ['orderDateFrom=2034-01-02&orderDateTo=2034-01-01', 'orderDateTo'], ['productId=x', 'productId'], ['teamId=1', 'teamId']]) {
        const bad = await t.http.get(`/api/v1/orders?${query}`).set(as('director')).expect(400);
        expect(bad.body.errors.map((e: { field: string }) => e.field)).toContain(field);
      }
    });

    it('an empty window answers zeros, not nulls, with include=profit', async () => {
      const empty = await report('groupBy=team&from=2040-01-01&to=2040-12-31&include=profit');
      expect(empty.rows).toEqual([]);
      expect(profit(empty.totals)).toEqual([null, 0, '0.00', '0.00', '0.00', '0.00', null, '0.00', 0]);
    });
  });

  describe('who may ask for profit', () => {
    it.each([
      ['director', 200],
      ['gm', 200],
      ['finance', 200],
      ['rep.e1', 403],
      ['manager.east', 403],
      ['partner', 403],
    ])('%s: include=profit → %i, the plain report → 200', async (user, status) => {
      const response = await t.http.get('/api/v1/reports/sales?groupBy=period&include=profit').set(as(user)).expect(status);
      if (status === 403) {
        expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
        expect(response.body.errors).toEqual([{ field: 'lines.unitCost', message: 'you may not read this field' }]);
      } else {
        expect(response.body.totals.cost).toMatch(/^\d+\.\d{2}$/);
      }
      const plain = await t.http.get('/api/v1/reports/sales?groupBy=period').set(as(user)).expect(200);
      expect(plain.body.totals.cost).toBeNull();
    });

    it('a director\'s profit over the demo data is that of independent SQL', async () => {
      const body = (await t.http.get('/api/v1/reports/sales?groupBy=region&include=profit').set(as('gm')).expect(200)).body as Report;
      const [sql] = await t.sql<{ cost: string; profit: string }>(
        `select coalesce(sum(l.quantity * l.unit_cost), 0)::numeric(20, 2)::text as cost,
                (coalesce(sum(l.line_total) filter (where l.unit_cost is not null), 0) - coalesce(sum(l.quantity * l.unit_cost), 0))::numeric(20, 2)::text as profit
           from order_lines l join orders o on o.id = l.order_id
          where o.currency = 'CNY' and o.status <> 'cancelled' and (not o.restricted or o.owner_id = $1)`,
        [userIds.gm],
      );
      expect([body.totals.cost, body.totals.profit]).toEqual([sql.cost, sql.profit]);
      expect(Number(body.totals.cost)).toBeGreaterThan(0);
    });

    it('the quality inspector is refused naming the amounts and the cost; admin and marketing read no order; anonymous is 401', async () => {
      const quality = await t.http.get('/api/v1/reports/sales?groupBy=account&include=profit').set(as('quality')).expect(403);
      expect(quality.body.errors.map((e: { field: string }) => e.field)).toEqual(['subtotal', 'total', 'paidAmount', 'outstandingAmount', 'lines.lineTotal', 'lines.unitCost']);
      for (const user of ['admin', 'marketing']) {
        const response = await t.http.get('/api/v1/reports/sales?groupBy=account&include=profit').set(as(user)).expect(403);
        expect(response.body.detail).toBe('You may not read orders');
      }
      await t.http.get('/api/v1/reports/sales?groupBy=account').expect(401);
    });

    it('the policy lists the new field, and the rule reads as documented', async () => {
      const rules = await t.sql<{ key: string }>(`select r.key from field_permissions f join roles r on r.id = f.role_id where f.object_type = 'order' and f.field = 'lines.unitCost' and f.access = 'hidden' order by r.key`);
      expect(rules.map((r) => r.key)).toEqual(['field_engineer', 'marketing_specialist', 'partner', 'quality_inspector', 'sales_manager', 'sales_rep', 'service_agent']);
    });
  });

  describe('pipeline funnel', () => {
    const stageIds: Record<string, string> = {};
    let pipelineId: string;

    beforeAll(async () => {
      const stages = await t.sql<{ id: string; name_en: string; pipeline_id: string }>(`select s.id, s.name_en, s.pipeline_id from pipeline_stages s join pipelines p on p.id = s.pipeline_id where p.is_default`);
      for (const s of stages) stageIds[s.name_en] = s.id;
      pipelineId = stages[0].pipeline_id;
      // GBP opportunities of today: A stays; B skips to Proposal; C goes Needs analysis → Negotiation → Won; D is lost after Needs analysis.
      const create = async (name: string, amount: string, path: string[]) => {
        let { body } = await t.http.post('/api/v1/opportunities').set(as('director')).send({ accountId: northAccount, name, amount, currency: 'GBP' }).expect(201);
        for (const stage of path) {
          body = (await t.http.patch(`/api/v1/opportunities/${body.id}`).set(as('director')).set('If-Match', `W/"${body.version}"`).send({ stageId: stageIds[stage] }).expect(200)).body;
        }
      };
      await create('Funnel A', '100.00', []);
      await create('Funnel B', '200.00', ['Proposal']);
      await create('Funnel C', '300.00', ['Needs analysis', 'Negotiation', 'Won']);
      await create('Funnel D', '400.00', ['Needs analysis', 'Lost']);
    });

    const funnel = async (query: string, user = 'director') => (await t.http.get(`/api/v1/reports/funnel?${query}`).set(as(user)).expect(200)).body as Funnel;

    it('counts each stage reached, converts stage to stage and to won', async () => {
      const today = new Date().toISOString().slice(0, 10);
      const body = await funnel(`currency=GBP&from=${today}&to=${today}`);
      expect(body.pipelineId).toBe(pipelineId);
      expect(body.total).toBe(4);
      expect(body.stages.map((s) => [s.nameEn, s.kind, s.reached, s.amount, s.conversionRate, s.winRate])).toEqual([
        ['Qualification', 'open', 4, '1000.00', null, '0.2500'],
        ['Needs analysis', 'open', 3, '900.00', '0.7500', '0.3333'],
        ['Proposal', 'open', 2, '500.00', '0.6667', '0.5000'],
        ['Negotiation', 'open', 1, '300.00', '0.5000', '1.0000'],
        ['Won', 'won', 1, '300.00', '1.0000', null],
        ['Lost', 'lost', 1, '400.00', null, null],
      ]);
      // Outside the window, and for another owner: nothing.
      expect((await funnel('currency=GBP&to=2020-12-31')).total).toBe(0);
      const others = await funnel(`currency=GBP&ownerId=${userIds['rep.e1']}`);
      expect(others.stages.map((s) => s.reached)).toEqual([0, 0, 0, 0, 0, 0]);
      expect(others.stages[1].conversionRate).toBeNull();
    });

    it.each(['rep.e1', 'manager.east', 'director', 'gm', 'finance', 'partner'])('%s: the funnel counts exactly the opportunities they can list', async (user) => {
      const visible: string[] = [];
      let cursor: string | null = null;
      do {
        const page: { body: { data: Array<{ id: string; currency: string }>; nextCursor: string | null } } = await t.http
          .get(`/api/v1/opportunities?pipelineId=${pipelineId}&limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`)
          .set(as(user))
          .expect(200);
        visible.push(...page.body.data.filter((o) => o.currency === 'CNY').map((o) => o.id));
        cursor = page.body.nextCursor;
      } while (cursor);
      const reached = await t.sql<{ id: string; reached: number }>(
        `select s.id::text, count(distinct o.id)::int as reached from pipeline_stages s
           left join opportunities o on o.id = any($1::uuid[]) and exists (
             select 1 from opportunity_stage_history h join pipeline_stages hs on hs.id = h.to_stage_id
              where h.opportunity_id = o.id and (hs.id = s.id or (s.kind = 'open' and (hs.kind = 'won' or (hs.kind = 'open' and hs.position >= s.position)))))
          where s.pipeline_id = $2 group by s.id, s.position order by s.position`,
        [visible, pipelineId],
      );
      const body = await funnel('', user);
      expect(body.total).toBe(visible.length);
      expect(body.stages.map((s) => [s.stageId, s.reached])).toEqual(reached.map((r) => [r.id, r.reached]));
      expect(body.total).toBeGreaterThan(0);
    });

    it('a rep sees their team\'s only, fewer than the director', async () => {
      const [rep, director] = [await funnel('', 'rep.e1'), await funnel('', 'director')];
      expect(rep.total).toBeLessThan(director.total);
      const [outside] = await t.sql<{ count: number }>(
        `select count(*)::int as count from opportunities o where o.currency = 'CNY' and o.deleted_at is null and o.team_id = (select team_id from users where id = $1)`,
        [userIds['rep.e1']],
      );
      expect(rep.total).toBeLessThanOrEqual(outside.count);
    });

    it('refuses marketing (amount hidden) naming the field, the quality inspector and admin (no right), anonymous 401', async () => {
      const marketing = await t.http.get('/api/v1/reports/funnel').set(as('marketing')).expect(403);
      expect(marketing.body.errors).toEqual([{ field: 'amount', message: 'you may not read this field' }]);
      for (const user of ['quality', 'admin']) {
        const response = await t.http.get('/api/v1/reports/funnel').set(as(user)).expect(403);
        expect(response.body.detail).toBe('You may not read opportunities');
      }
      await t.http.get('/api/v1/reports/funnel').expect(401);
    });
  });

  describe('bad input: 400 problem+json naming the parameter', () => {
    it.each([
      ['/api/v1/reports/sales?include=cost', 'include'],
      ['/api/v1/reports/sales?groupBy=customer', 'groupBy'],
      ['/api/v1/reports/funnel?pipelineId=nope', 'pipelineId'],
      ['/api/v1/reports/funnel?pipelineId=01900000-0000-7000-8000-000000000000', 'pipelineId'],
      ['/api/v1/reports/funnel?ownerId=1', 'ownerId'],
      ['/api/v1/reports/funnel?teamId=x', 'teamId'],
      ['/api/v1/reports/funnel?from=2031-02-30', 'from'],
      ['/api/v1/reports/funnel?from=2031-02-01&to=2031-01-31', 'to'],
      ['/api/v1/reports/funnel?currency=XYZ', 'currency'],
      ['/api/v1/reports/funnel?groupBy=stage', 'groupBy'],
    ])('%s', async (path, field) => {
      const response = await t.http.get(path).set(as('director')).expect(400);
      expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(response.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    });
  });
});
