import { createTestApp, TestApp } from './support/test-app';

/**
 * The customers behind the satisfaction report's churned and attracted figures (GET /reports/satisfaction/customers):
 * on hand-made orders of 2040–2041 (after every demo order), the lists each caller gets, always as many as the
 * report counts for them, with the report's scope (a rep: their team's, a restricted order only its owner's).
 */
const USERS = ['rep.e1', 'director', 'gm', 'finance', 'partner', 'quality', 'marketing', 'admin'];
const WINDOW = 'from=2041-01-01&to=2041-06-30&period=quarter';

interface Customer { accountId: string; name: string | null; accountVisible: boolean; firstOrderOn: string; lastOrderOn: string }
interface CustomerPage { data: Customer[]; nextCursor: string | null; kind: string; from: string; to: string }
interface Report { periods: Array<{ start: string; churnedCustomers: number; attractedCustomers: number }>; items: Array<{ key: string; attractedCustomers: number }> }

describe('satisfaction drill-down: the customers behind a figure', () => {
  let t: TestApp;
  let tokens: Record<string, string>;
  let userIds: Record<string, string>;
  const as = (user: string) => ({ Authorization: `Bearer ${tokens[user]}` });
  const categories: Array<{ id: string }> = [];
  const accounts: Record<string, string> = {};
  const orders: Record<string, string> = {};

  const list = async (query: string, user = 'director') => {
    const response = await t.http.get(`/api/v1/reports/satisfaction/customers?${WINDOW}&${query}`).set(as(user));
    if (response.status !== 200) throw new Error(`${user} ${query} → ${response.status} ${JSON.stringify(response.body)}`);
    return response.body as CustomerPage;
  };
  /** Every page, as [name, first order day, last order day]. */
  const all = async (query: string, user = 'director') => {
    const rows: Customer[] = [];
    let cursor: string | null = null;
    do {
      const page: CustomerPage = await list(`${query}&limit=200${cursor ? `&cursor=${cursor}` : ''}`, user);
      rows.push(...page.data);
      cursor = page.nextCursor;
    } while (cursor);
    return rows;
  };
  const named = (rows: Customer[]) => rows.map((c) => [c.name, c.firstOrderOn, c.lastOrderOn]);

  beforeAll(async () => {
    t = await createTestApp();
    ({ tokens, userIds } = await t.signInAll(USERS));
    categories.push(...(await t.sql<{ id: string }>('select id from product_categories order by path limit 2')));
    const product = async (code: string, categoryId: string) =>
      (await t.http.post('/api/v1/products').set(as('finance')).send({ code, name: code, nameEn: code, categoryId, unit: '台' }).expect(201)).body.id as string;
    const products = { a: await product('SCD-A', categories[0].id), b: await product('SCD-B', categories[1].id) };
    const account = async (user: string, name: string) => {
      accounts[name] = (await t.http.post('/api/v1/accounts').set(as(user)).send({ name }).expect(201)).body.id as string;
    };
    // N1…N4: rep.e1's team's customers; X1: the director's, which the rep does not see.
    for (const name of ['SCD N1', 'SCD N2', 'SCD N3', 'SCD N4']) await account('rep.e1', name);
    await account('director', 'SCD X1');
    const order = async (user: string, name: string, orderDate: string, items: Array<'a' | 'b'>, extra: Record<string, unknown> = {}) => {
      const response = await t.http.post('/api/v1/orders').set(as(user))
        .send({ accountId: accounts[name], currency: 'GBP', taxRate: '0', orderDate, lines: items.map((p) => ({ productId: products[p], description: p, quantity: '1', listPrice: '100.00' })), ...extra });
      if (response.status !== 201) throw new Error(`order ${orderDate} → ${response.status} ${JSON.stringify(response.body)}`);
      orders[`${name} ${orderDate}`] = response.body.id;
      return response.body as { id: string; version: number };
    };
    await order('rep.e1', 'SCD N1', '2040-11-10', ['a']);
    await order('rep.e1', 'SCD N1', '2041-01-05', ['a', 'b']);
    await order('rep.e1', 'SCD N1', '2041-02-10', ['b']);
    await order('rep.e1', 'SCD N2', '2041-02-01', ['a', 'b']);
    // Two orders on a customer's first day (N2) and on its last before churning (N1): still one row each.
    await order('rep.e1', 'SCD N2', '2041-02-01', ['a']);
    await order('rep.e1', 'SCD N1', '2041-02-10', ['b']);
    await order('rep.e1', 'SCD N4', '2041-02-20', ['a'], { restricted: true }); // the rep's alone
    await order('director', 'SCD X1', '2041-03-15', ['b']);
    await order('rep.e1', 'SCD N2', '2041-04-20', ['a']);
    await order('rep.e1', 'SCD N3', '2041-05-01', ['b']);
    await order('rep.e1', 'SCD N3', '2041-05-02', ['a']);
    const cancelled = await order('rep.e1', 'SCD N1', '2041-06-01', ['a']); // would keep N1 active in Q2
    await t.http.post(`/api/v1/orders/${cancelled.id}/status`).set(as('rep.e1')).set('If-Match', `W/"${cancelled.version}"`).send({ status: 'cancelled' }).expect(200);
  });
  afterAll(() => t.close());

  it('the director: attracted and churned per quarter, and an item\'s attracted customers, with their first and last order day', async () => {
    expect(await list('kind=attracted&start=2041-01-01')).toMatchObject({ kind: 'attracted', from: '2041-01-01', to: '2041-03-31', nextCursor: null });
    expect(named(await all('kind=attracted&start=2041-01-01'))).toEqual([['SCD N2', '2041-02-01', '2041-02-01'], ['SCD X1', '2041-03-15', '2041-03-15']]);
    // N3's second day is a CNY order: activity all the same.
    expect(named(await all('kind=attracted&start=2041-04-01'))).toEqual([['SCD N3', '2041-05-01', '2041-05-02']]);
    expect(await all('kind=churned&start=2041-01-01')).toEqual([]);
    // Active in Q1, not in Q2 (N1's Q2 order is cancelled); by the last order day.
    const churned = await all('kind=churned&start=2041-04-01');
    expect(named(churned)).toEqual([['SCD N1', '2040-11-10', '2041-02-10'], ['SCD X1', '2041-03-15', '2041-03-15']]);
    expect(churned.map((c) => [c.accountId, c.accountVisible])).toEqual([[accounts['SCD N1'], true], [accounts['SCD X1'], true]]);
    // Over the window: category B attracted N2, X1 and N3 on their first day; A only N2 (N1 came in 2040).
    expect(named(await all(`kind=attracted&item=${categories[1].id}`)).map(([name]) => name)).toEqual(['SCD N2', 'SCD X1', 'SCD N3']);
    expect(named(await all(`kind=attracted&itemBy=category&item=${categories[0].id}`)).map(([name]) => name)).toEqual(['SCD N2']);
    const [productB] = await t.sql<{ id: string }>(`select id from products where code = 'SCD-B'`);
    expect(named(await all(`kind=attracted&itemBy=product&item=${productB.id}`)).map(([name]) => name)).toEqual(['SCD N2', 'SCD X1', 'SCD N3']);
    expect(named(await all('kind=attracted')).map(([name]) => name)).toEqual(['SCD N2', 'SCD X1', 'SCD N3']);
  });

  it('the rep: their team\'s customers, their own restricted order included; the director never sees that one', async () => {
    expect(named(await all('kind=attracted&start=2041-01-01', 'rep.e1'))).toEqual([['SCD N2', '2041-02-01', '2041-02-01'], ['SCD N4', '2041-02-20', '2041-02-20']]);
    expect(named(await all('kind=churned&start=2041-04-01', 'rep.e1'))).toEqual([['SCD N1', '2040-11-10', '2041-02-10'], ['SCD N4', '2041-02-20', '2041-02-20']]);
    expect(named(await all(`kind=attracted&item=${categories[0].id}`, 'rep.e1')).map(([name]) => name)).toEqual(['SCD N2', 'SCD N4']);
    expect((await all('kind=attracted', 'director')).map((c) => c.name)).not.toContain('SCD N4');
  });

  it('always as many customers as the report counts, for every caller, period and item', async () => {
    for (const user of ['rep.e1', 'director', 'gm', 'finance', 'quality', 'partner']) {
      const report = (await t.http.get(`/api/v1/reports/satisfaction?${WINDOW}`).set(as(user)).expect(200)).body as Report;
      for (const period of report.periods) {
        expect([user, period.start, 'churned', (await all(`kind=churned&start=${period.start}`, user)).length]).toEqual([user, period.start, 'churned', period.churnedCustomers]);
        expect([user, period.start, 'attracted', (await all(`kind=attracted&start=${period.start}`, user)).length]).toEqual([user, period.start, 'attracted', period.attractedCustomers]);
      }
      for (const item of report.items) {
        expect([user, item.key, (await all(`kind=attracted&item=${item.key}`, user)).length]).toEqual([user, item.key, item.attractedCustomers]);
      }
      if (user === 'partner') expect(report.periods.every((p) => p.attractedCustomers === 0)).toBe(true);
    }
  });

  it('who may: the quality inspector (no amounts needed) lists them, marketing and the administrator get 403 as for the report', async () => {
    expect(named(await all('kind=churned&start=2041-04-01', 'quality'))).toEqual(named(await all('kind=churned&start=2041-04-01', 'director')));
    expect(await all('kind=churned&start=2041-04-01', 'partner')).toEqual([]);
    for (const user of ['marketing', 'admin']) {
      const response = await t.http.get(`/api/v1/reports/satisfaction/customers?${WINDOW}&kind=attracted`).set(as(user)).expect(403);
      expect(response.body.detail).toBe('You may not read orders');
      await t.http.get(`/api/v1/reports/satisfaction/customers/export?${WINDOW}&kind=attracted`).set(as(user)).expect(403);
    }
    await t.http.get(`/api/v1/reports/satisfaction/customers?${WINDOW}&kind=attracted`).expect(401);
  });

  it('pages with the keyset cursor, one customer a page', async () => {
    const first = await list('kind=churned&start=2041-04-01&limit=1');
    expect(first.data.map((c) => c.name)).toEqual(['SCD N1']);
    const second = await list(`kind=churned&start=2041-04-01&limit=1&cursor=${first.nextCursor}`);
    expect(second.data.map((c) => c.name)).toEqual(['SCD X1']);
    expect(second.nextCursor).toBeNull();
  });

  it('exports the same customers as CSV through the one export path, audited', async () => {
    const response = await t.http.get(`/api/v1/reports/satisfaction/customers/export?${WINDOW}&kind=churned&start=2041-04-01`).set(as('director')).expect(200);
    expect(response.headers['content-type']).toMatch(/^text\/csv/);
    expect(response.headers['content-disposition']).toMatch(/churned-customers-\d{4}-\d{2}-\d{2}\.csv/);
    expect(response.text.replace(/^\uFEFF/, '').trim().split('\n')).toEqual([
      'accountId,name,firstOrderOn,lastOrderOn',
      `${accounts['SCD N1']},SCD N1,2040-11-10,2041-02-10`,
      `${accounts['SCD X1']},SCD X1,2041-03-15,2041-03-15`,
    ]);
    const [audit] = await t.sql<{ details: Record<string, unknown> }>(`select details from audit_events where action = 'reports.satisfaction_customers_exported' order by occurred_at desc limit 1`);
    expect(audit.details).toMatchObject({ rows: 2, format: 'csv', filters: { kind: 'churned', from: '2041-04-01', to: '2041-06-30' } });
  });

  it('an order shared with the rep whose account they may not see: listed by id, without a name or a link', async () => {
    await t.http.post(`/api/v1/orders/${orders['SCD X1 2041-03-15']}/shares`).set(as('director')).send({ userId: userIds['rep.e1'], access: 'read' }).expect(201);
    const attracted = await all('kind=attracted&start=2041-01-01', 'rep.e1');
    expect(attracted.find((c) => c.accountId === accounts['SCD X1'])).toEqual({ accountId: accounts['SCD X1'], name: null, accountVisible: false, firstOrderOn: '2041-03-15', lastOrderOn: '2041-03-15' });
  });

  it.each([
    ['period=quarter&from=2041-01-01&to=2041-06-30', 'kind'],
    [`${WINDOW}&kind=lost&start=2041-04-01`, 'kind'],
    ['to=2041-06-30&kind=attracted', 'from'],
    ['from=2041-03-01&to=2041-02-01&kind=attracted', 'to'],
    ['from=1900-01-01&to=2041-02-01&period=month&kind=attracted', 'from'],
    [`${WINDOW}&kind=churned`, 'start'],
    [`${WINDOW}&kind=churned&start=2041-02-01`, 'start'],
    [`${WINDOW}&kind=attracted&start=2041-07-01`, 'start'],
    [`${WINDOW}&kind=attracted&start=2041-02-30`, 'start'],
    [`${WINDOW}&kind=churned&start=2041-04-01&item=0190a0b0-0000-7000-8000-0000000c0001`, 'item'],
    [`${WINDOW}&kind=attracted&item=abc`, 'item'],
    [`${WINDOW}&kind=attracted&itemBy=service`, 'itemBy'],
    [`${WINDOW}&kind=attracted&limit=0`, 'limit'],
    [`${WINDOW}&kind=attracted&cursor=garbage`, 'cursor'],
  ])('%s is 400 naming %s', async (query, field) => {
    const response = await t.http.get(`/api/v1/reports/satisfaction/customers?${query}`).set(as('director')).expect(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.body.errors.map((e: { field: string }) => e.field)).toContain(field);
  });

  it('an unknown export format is 400 naming format', async () => {
    const response = await t.http.get(`/api/v1/reports/satisfaction/customers/export?${WINDOW}&kind=attracted&format=pdf`).set(as('director')).expect(400);
    expect(response.body.errors.map((e: { field: string }) => e.field)).toEqual(['format']);
  });
});
