import { createTestApp, TestApp } from './support/test-app';

/**
 * Satisfaction and activity metrics (R-ANA-3) on hand-made orders and referral leads of 2040–2041 (after every demo
 * order): exact figures per quarter with their growth, per service item, each caller's over the records they may read.
 */
const USERS = ['rep.e1', 'director', 'gm', 'finance', 'partner', 'quality', 'marketing', 'admin'];

interface Period {
  key: string; start: string; end: string; existingCustomers: number; referralLeads: number | null; referralsPerCustomer: string | null; referralsPerCustomerGrowth: string | null;
  activeCustomers: number; purchaseOccasions: number; serviceFrequency: string | null; serviceFrequencyGrowth: string | null;
  churnedCustomers: number; churnedCustomersGrowth: string | null; churnRate: string | null; attractedCustomers: number; attractedCustomersGrowth: string | null;
  itemRevenue: string | null; itemsSold: number | null; averageRevenuePerItem: string | null; averageRevenuePerItemGrowth: string | null;
}
interface Item { key: string; label: string; labelEn: string; attractedCustomers: number; revenue: string | null; quantity: string | null; customers: number | null; averageRevenuePerUnit: string | null; averageRevenuePerCustomer: string | null }
interface Report { period: string; itemBy: string; withRevenue: boolean; withReferrals: boolean; from: string; to: string; periods: Period[]; items: Item[] }

describe('satisfaction report', () => {
  let t: TestApp;
  let tokens: Record<string, string>;
  let userIds: Record<string, string>;
  const as = (user: string) => ({ Authorization: `Bearer ${tokens[user]}` });
  const categories: Array<{ id: string; name_en: string }> = [];
  const products: Record<'a' | 'b', string> = { a: '', b: '' };
  let e1Team: string;

  const WINDOW = 'from=2041-01-01&to=2041-06-30&period=quarter';
  const get = async (query: string, user = 'director', status = 200) => {
    const response = await t.http.get(`/api/v1/reports/satisfaction?${query}`).set(as(user));
    if (response.status !== status) throw new Error(`${user} ${query} → ${response.status} ${JSON.stringify(response.body)}`);
    return response.body as Report;
  };
  /** Customers with an order (not cancelled) before `day`, of one team or all; restricted orders are their owners' alone. */
  const existingBefore = async (day: string, user: string, teamId?: string) =>
    (
      await t.sql<{ n: number }>(
        `select count(distinct account_id)::int as n from orders
          where status <> 'cancelled' and order_date < $1 and ($2::uuid is null or team_id = $2) and (not restricted or owner_id = $3)`,
        [day, teamId ?? null, userIds[user]],
      )
    )[0].n;

  beforeAll(async () => {
    t = await createTestApp();
    ({ tokens, userIds } = await t.signInAll(USERS));
    [{ id: e1Team }] = await t.sql<{ id: string }>(`select id from teams where code = 'E1'`);
    categories.push(...(await t.sql<{ id: string; name_en: string }>('select id, name_en from product_categories order by path limit 2')));
    const product = async (code: string, categoryId: string) =>
      (await t.http.post('/api/v1/products').set(as('finance')).send({ code, name: code, nameEn: code, categoryId, unit: '台' }).expect(201)).body.id as string;
    products.a = await product('SAT-A', categories[0].id);
    products.b = await product('SAT-B', categories[1].id);
    const account = async (user: string, name: string) => (await t.http.post('/api/v1/accounts').set(as(user)).send({ name }).expect(201)).body.id as string;
    // N1, N2, N3: rep.e1's team's new customers; X1: the director's, which the rep does not see.
    const n1 = await account('rep.e1', 'SAT N1');
    const n2 = await account('rep.e1', 'SAT N2');
    const n3 = await account('rep.e1', 'SAT N3');
    const x1 = await account('director', 'SAT X1');
    const order = async (user: string, accountId: string, orderDate: string, lines: Array<['a' | 'b', string, string]>) => {
      const response = await t.http
        .post('/api/v1/orders')
        .set(as(user))
        .send({ accountId, currency: 'GBP', taxRate: '0', orderDate, lines: lines.map(([p, quantity, listPrice]) => ({ productId: products[p], description: p, quantity, listPrice })) });
      if (response.status !== 201) throw new Error(`order ${orderDate} → ${response.status} ${JSON.stringify(response.body)}`);
      return response.body as { id: string; version: number };
    };
    await order('rep.e1', n1, '2040-11-10', [['a', '1', '100.00']]); // 2040-Q4: N1's first purchase
    await order('rep.e1', n1, '2041-01-05', [['a', '2', '100.00']]); // A 200
    await order('rep.e1', n1, '2041-01-05', [['b', '1', '50.00']]); // B 50, the same purchase day
    await order('rep.e1', n1, '2041-02-10', [['b', '1', '50.00']]); // B 50
    await order('rep.e1', n2, '2041-02-01', [['a', '1', '100.00'], ['b', '1', '50.00']]); // N2 attracted by A and B
    await order('director', x1, '2041-03-15', [['b', '3', '50.00']]); // X1 attracted by B
    await order('rep.e1', n2, '2041-04-20', [['a', '1', '300.00']]); // A 300
    await order('rep.e1', n3, '2041-05-01', [['b', '2', '50.00']]); // N3 attracted by B
    const cancelled = await order('rep.e1', n1, '2041-06-01', [['a', '10', '100.00']]); // would keep N1 active in Q2
    await t.http.post(`/api/v1/orders/${cancelled.id}/status`).set(as('rep.e1')).set('If-Match', `W/"${cancelled.version}"`).send({ status: 'cancelled' }).expect(200);
    // Non-GBP orders count as activity, never as GBP revenue.
    await order('rep.e1', n3, '2041-05-02', [['a', '1', '1.00']]).then(async ({ id }) => t.sql(`update orders set currency = 'CNY' where id = $1`, [id]));

    // Referral leads: two of rep.e1's in Q1 and one in Q2, one of the director's in Q1; a web lead does not count.
    const lead = async (user: string, source: string, createdAt: string) => {
      const { id } = (await t.http.post('/api/v1/leads').set(as(user)).send({ name: `SAT ${createdAt}`, source }).expect(201)).body as { id: string };
      await t.sql('update leads set created_at = $2 where id = $1', [id, createdAt]);
    };
    await lead('rep.e1', 'referral', '2041-01-20T10:00:00Z');
    await lead('rep.e1', 'referral', '2041-03-31T23:30:00Z');
    await lead('rep.e1', 'referral', '2041-04-01T00:00:00Z');
    await lead('director', 'referral', '2041-02-02T08:00:00Z');
    await lead('rep.e1', 'web', '2041-02-03T08:00:00Z');
  });
  afterAll(() => t.close());

  const counts = (p: Period) => [p.key, p.activeCustomers, p.purchaseOccasions, p.serviceFrequency, p.serviceFrequencyGrowth, p.churnedCustomers, p.churnedCustomersGrowth, p.churnRate, p.attractedCustomers, p.attractedCustomersGrowth];
  const revenue = (p: Period) => [p.key, p.itemRevenue, p.itemsSold, p.averageRevenuePerItem, p.averageRevenuePerItemGrowth];
  const item = (i: Item) => [i.labelEn, i.attractedCustomers, i.revenue, i.quantity, i.customers, i.averageRevenuePerUnit, i.averageRevenuePerCustomer];
  const per = (n: number, d: number) => (n / d).toFixed(4);

  it('per quarter: activity, frequency, churn, attraction and revenue per item, with growth over the previous quarter', async () => {
    const report = await get(`${WINDOW}&include=revenue&currency=GBP`);
    expect([report.period, report.itemBy, report.withRevenue, report.withReferrals, report.from, report.to]).toEqual(['quarter', 'category', true, true, '2041-01-01', '2041-06-30']);
    expect(report.periods.map((p) => [p.key, p.start, p.end])).toEqual([['2041-Q1', '2041-01-01', '2041-03-31'], ['2041-Q2', '2041-04-01', '2041-06-30']]);
    expect(report.periods.map(counts)).toEqual([
      // N1 (2 days: two orders on 01-05 are one occasion), N2, X1; 2040-Q4 had N1 alone, once: frequency 1.
      ['2041-Q1', 3, 4, '1.3333', '0.3333', 0, null, '0.0000', 2, '1.0000'],
      // N2 and N3 (N1's only Q2 order is cancelled): N1 and X1 churned, 2 of Q1's 3.
      ['2041-Q2', 2, 3, '1.5000', '0.1250', 2, null, '0.6667', 1, '-0.5000'],
    ]);
    expect(report.periods.map(revenue)).toEqual([
      ['2041-Q1', '600.00', 2, '300.00', '2.0000'], // A 300 + B 300 over 2 categories; 2040-Q4: A 100 over 1
      ['2041-Q2', '400.00', 2, '200.00', '-0.3333'], // A 300 + B 100 (the CNY order left out)
    ]);
    expect(report.items.map(item)).toEqual([
      [categories[1].name_en, 3, '400.00', '8.000', 4, '50.00', '100.00'], // B attracted N2, X1, N3
      [categories[0].name_en, 1, '600.00', '4.000', 2, '150.00', '300.00'], // A attracted N2 (N1 came in 2040)
    ]);
    expect(report.items.map((i) => i.key)).toEqual([categories[1].id, categories[0].id]);
    // Existing customers: everyone with an order before the quarter, then growing by those attracted.
    const before = await existingBefore('2041-01-01', 'director');
    expect(report.periods.map((p) => p.existingCustomers)).toEqual([before, before + 2]);
    expect(report.periods.map((p) => [p.referralLeads, p.referralsPerCustomer])).toEqual([
      [3, per(3, before)],
      [1, per(1, before + 2)],
    ]);
  });

  it('by product; without include=revenue the revenue figures are null; month periods', async () => {
    const byProduct = await get(`${WINDOW}&itemBy=product&include=revenue&currency=GBP`);
    expect(byProduct.items.map((i) => [i.key, i.labelEn, i.attractedCustomers, i.revenue])).toEqual([
      [products.b, 'SAT-B SAT-B', 3, '400.00'],
      [products.a, 'SAT-A SAT-A', 1, '600.00'],
    ]);
    const plain = await get(WINDOW);
    expect(plain.withRevenue).toBe(false);
    expect(plain.periods.map(revenue)).toEqual([['2041-Q1', null, null, null, null], ['2041-Q2', null, null, null, null]]);
    expect(plain.items.map((i) => [i.attractedCustomers, i.revenue, i.customers])).toEqual([[3, null, null], [1, null, null]]);
    const months = await get('from=2041-02-15&to=2041-05-01&period=month');
    expect(months.periods.map((p) => [p.key, p.activeCustomers, p.churnedCustomers, p.attractedCustomers])).toEqual([
      ['2041-02', 2, 0, 1], // N1, N2 (January: N1 only); N2 new
      ['2041-03', 1, 2, 1], // X1; N1 and N2 gone
      ['2041-04', 1, 1, 0], // N2 back; X1 gone
      ['2041-05', 1, 1, 1], // N3 new; N2 gone
    ]);
    const years = await get('from=2041-06-30&to=2041-06-30&period=year');
    expect(years.periods.map(counts)).toEqual([['2041', 4, 7, '1.7500', '0.7500', 0, null, '0.0000', 3, '2.0000']]);
  });

  it('the rep: only their team\'s customers and leads', async () => {
    const report = await get(`${WINDOW}&include=revenue&currency=GBP`, 'rep.e1');
    expect(report.periods.map(counts)).toEqual([
      ['2041-Q1', 2, 3, '1.5000', '0.5000', 0, null, '0.0000', 1, '0.0000'],
      ['2041-Q2', 2, 3, '1.5000', '0.0000', 1, null, '0.5000', 1, '0.0000'], // N3 bought on two days (one order in CNY)
    ]);
    expect(report.periods.map(revenue)).toEqual([
      ['2041-Q1', '450.00', 2, '225.00', '1.2500'],
      ['2041-Q2', '400.00', 2, '200.00', '-0.1111'],
    ]);
    expect(report.items.map((i) => [i.key, i.attractedCustomers, i.revenue])).toEqual([[categories[1].id, 2, '250.00'], [categories[0].id, 1, '600.00']]);
    const before = await existingBefore('2041-01-01', 'rep.e1', e1Team);
    expect(report.periods.map((p) => [p.existingCustomers, p.referralLeads])).toEqual([[before, 2], [before + 1, 1]]);
  });

  it('who may: the general manager sees all, finance without referrals, the inspector counts only, the partner its own', async () => {
    const director = await get(`${WINDOW}&include=revenue&currency=GBP`);
    const gm = await get(`${WINDOW}&include=revenue&currency=GBP`, 'gm');
    expect(gm).toEqual(director);
    const finance = await get(`${WINDOW}&include=revenue&currency=GBP`, 'finance');
    expect(finance.withReferrals).toBe(false);
    expect(finance.periods.map((p) => [p.referralLeads, p.referralsPerCustomer, p.referralsPerCustomerGrowth])).toEqual([[null, null, null], [null, null, null]]);
    expect(finance.periods.map(counts)).toEqual(director.periods.map(counts));
    // The quality inspector reads orders without any amount: the counts, but no revenue (403 naming the fields).
    const quality = await get(WINDOW, 'quality');
    expect(quality.periods.map(counts)).toEqual(director.periods.map(counts));
    expect(quality.withReferrals).toBe(false);
    const refused = await t.http.get(`/api/v1/reports/satisfaction?${WINDOW}&include=revenue`).set(as('quality')).expect(403);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.body.errors.map((e: { field: string }) => e.field)).toContain('lines.lineTotal');
    // The partner sees none of these customers.
    const partner = await get(`${WINDOW}&include=revenue&currency=GBP`, 'partner');
    expect(partner.periods.map((p) => [p.activeCustomers, p.attractedCustomers, p.itemRevenue])).toEqual([[0, 0, '0.00'], [0, 0, '0.00']]);
    expect(partner.items).toEqual([]);
    // No read right on orders: marketing and the system administrator.
    for (const user of ['marketing', 'admin']) {
      const response = await t.http.get(`/api/v1/reports/satisfaction?${WINDOW}`).set(as(user)).expect(403);
      expect(response.body.detail).toBe('You may not read orders');
    }
    await t.http.get(`/api/v1/reports/satisfaction?${WINDOW}`).expect(401);
  });

  it.each([
    ['period=quarter', 'from'],
    ['from=2041-01-01&period=quarter', 'to'],
    ['from=2041-02-30&to=2041-03-01', 'from'],
    ['from=2041-03-01&to=2041-02-01', 'to'],
    ['from=2041-01-01&to=2041-03-01&period=week', 'period'],
    ['from=2041-01-01&to=2041-03-01&itemBy=service', 'itemBy'],
    ['from=2041-01-01&to=2041-03-01&include=profit', 'include'],
    ['from=2041-01-01&to=2041-03-01&currency=XYZ', 'currency'],
    ['from=2000-01-01&to=2041-03-01&period=month', 'from'],
    ['from=2041-01-01&to=2041-03-01&groupBy=owner', 'groupBy'],
  ])('bad input %s → 400 naming %s', async (query, field) => {
    const response = await t.http.get(`/api/v1/reports/satisfaction?${query}`).set(as('director')).expect(400);
    expect(response.body.errors.map((e: { field: string }) => e.field)).toContain(field);
  });
});
