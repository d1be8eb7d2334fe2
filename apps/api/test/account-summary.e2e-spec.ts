import { createTestApp, TestApp } from './support/test-app';

/**
 * GET /accounts/{id}/summary: the 360° page's key figures over a constructed account — more than 200 open
 * opportunities (the page the SPA used to sum over), several currencies, deals won this year by their stage history
 * (not their expected close date), quotes and orders open and closed, receivables — and over only what each caller
 * may read: a restricted record of a colleague never counts, another team's rep gets 404, and figures over fields a
 * role may not read are left out with the reason.
 */
describe('account summary', () => {
  let t: TestApp;
  let tokens: Record<string, string>;
  const as = (user: string) => ({ Authorization: `Bearer ${tokens[user]}` });
  let accountId: string;
  const summary = (user: string) => t.http.get(`/api/v1/accounts/${accountId}/summary`).set(as(user));

  beforeAll(async () => {
    t = await createTestApp();
    ({ tokens } = await t.signInAll(['rep.e1', 'rep.e1b', 'rep.e2', 'rep.n1', 'quality', 'marketing', 'admin']));
    accountId = (await t.http.post('/api/v1/accounts').set(as('rep.e1')).send({ name: '汇总测试机械有限公司' }).expect(201)).body.id;
    const [rep] = await t.sql<{ id: string; team_id: string }>(`select id, team_id from users where email = 'rep.e1@lianxi.test'`);
    const [colleague] = await t.sql<{ id: string; team_id: string }>(`select id, team_id from users where email = 'rep.e1b@lianxi.test'`);
    const stage = async (kind: string) =>
      (await t.sql<{ id: string; pipeline_id: string }>(`select s.id, s.pipeline_id from pipeline_stages s join pipelines p on p.id = s.pipeline_id where p.is_default and s.kind = $1 order by s.position limit 1`, [kind]))[0];
    const [open, won, lost] = [await stage('open'), await stage('won'), await stage('lost')];
    const opportunity = `insert into opportunities (id, name, account_id, pipeline_id, stage_id, amount, currency, probability, expected_close_date, owner_id, team_id, restricted)`;
    // 205 open CNY deals of 100.00 at 10 %: more than the SPA's page of 200.
    await t.sql(`${opportunity} select gen_random_uuid(), 'open ' || n, $1, $2, $3, 100.00, 'CNY', 10, current_date + 30, $4, $5, false from generate_series(1, 205) n`, [accountId, open.pipeline_id, open.id, rep.id, rep.team_id]);
    // USD: the weighted sum is rounded once (1000.15 × 50 % = 500.075 → 500.08), not per deal (which gives 500.09).
    await t.sql(`${opportunity} select gen_random_uuid(), 'usd ' || n, $1, $2, $3, case when n = 1 then 1000.00 else 0.05 end, 'USD', 50, null, $4, $5, false from generate_series(1, 4) n`, [accountId, open.pipeline_id, open.id, rep.id, rep.team_id]);
    // A colleague's restricted deal: invisible to rep.e1, counted for its owner.
    await t.sql(`${opportunity} values (gen_random_uuid(), 'restricted', $1, $2, $3, 999.00, 'CNY', 50, null, $4, $5, true)`, [accountId, open.pipeline_id, open.id, colleague.id, colleague.team_id]);
    await t.sql(`${opportunity} values (gen_random_uuid(), 'lost', $1, $2, $3, 10000.00, 'CNY', 0, current_date, $4, $5, false)`, [accountId, lost.pipeline_id, lost.id, rep.id, rep.team_id]);
    // Won deals, with the stage history saying when: [name, amount, currency, expected close date, won at].
    const wonDeals: Array<[string, string, string, string, string]> = [
      ['won this year, expected last year', '5000.00', 'CNY', `date_trunc('year', current_date)::date - 20`, 'now()'],
      ['won last year, expected this year', '7000.00', 'CNY', 'current_date', `date_trunc('year', current_date) - interval '10 days'`],
      ['won this year in euros', '300.00', 'EUR', 'current_date', 'now()'],
    ];
    for (const [name, amount, currency, closeDate, wonAt] of wonDeals) {
      const [{ id }] = await t.sql<{ id: string }>(`${opportunity} values (gen_random_uuid(), $1, $2, $3, $4, $5, $6, 100, ${closeDate}, $7, $8, false) returning id`, [name, accountId, won.pipeline_id, won.id, amount, currency, rep.id, rep.team_id]);
      await t.sql(`insert into opportunity_stage_history (id, opportunity_id, from_stage_id, to_stage_id, changed_by, changed_at) values (gen_random_uuid(), $1, null, $2, $3, ${wonAt} - interval '30 days')`, [id, open.id, rep.id]);
      await t.sql(`insert into opportunity_stage_history (id, opportunity_id, from_stage_id, to_stage_id, changed_by, changed_at) values (gen_random_uuid(), $1, $2, $3, $4, ${wonAt})`, [id, open.id, won.id, rep.id]);
    }

    // Quotes: one open; one expired; one converted into an order; a colleague's restricted one.
    const [product] = await t.sql<{ id: string }>(
      `select p.id from products p join price_list_entries e on e.product_id = p.id join price_lists l on l.id = e.price_list_id where l.is_default and l.currency = 'CNY' and p.active order by p.code limit 1`,
    );
    const quote = async (user: string, extra: Record<string, unknown> = {}) =>
      (await t.http.post('/api/v1/quotes').set(as(user)).send({ accountId, lines: [{ productId: product.id, quantity: '1' }], ...extra }).expect(201)).body.id as string;
    await quote('rep.e1');
    const expired = await quote('rep.e1');
    await t.sql(`update quotes set valid_until = current_date - 1 where id = $1`, [expired]);
    const converted = await quote('rep.e1');
    await quote('rep.e1b', { restricted: true });

    // Orders: [number, currency, status, order date, subtotal, tax, paid, owner, restricted, quote].
    const orders: Array<[string, string, string, string, string, string, string, typeof rep, boolean, string | null]> = [
      ['SO-SUM-1', 'CNY', 'partly_paid', 'current_date - 60', '1000.00', '130.00', '130.00', rep, false, null],
      ['SO-SUM-2', 'USD', 'ordered', 'current_date', '500.00', '0.00', '0.00', rep, false, converted],
      ['SO-SUM-3', 'CNY', 'confirmed', 'current_date - 90', '200.00', '0.00', '200.00', rep, false, null],
      ['SO-SUM-4', 'CNY', 'cancelled', 'current_date', '300.00', '0.00', '0.00', rep, false, null],
      ['SO-SUM-5', 'CNY', 'ordered', 'current_date - 60', '999.00', '0.00', '0.00', colleague, true, null],
    ];
    for (const [number, currency, status, orderDate, subtotal, tax, paid, owner, restricted, quoteId] of orders) {
      await t.sql(
        `insert into orders (id, number, account_id, quote_id, currency, status, order_date, payment_terms_days, tax_rate, subtotal, tax_amount, total, paid_amount, owner_id, team_id, restricted)
          values (gen_random_uuid(), $1, $2, $3, $4, $5, ${orderDate}, 30, 13, $6::numeric, $7::numeric, $6::numeric + $7::numeric, $8, $9, $10, $11)`,
        [number, accountId, quoteId, currency, status, subtotal, tax, paid, owner.id, owner.team_id, restricted],
      );
    }
  });
  afterAll(() => t.close());

  it('sums over every readable record (not a first page), per currency, won this year by the won date', async () => {
    const { body } = await summary('rep.e1').expect(200);
    const [{ today }] = await t.sql<{ today: string }>(`select to_char(current_date, 'YYYY-MM-DD') as today`);
    expect(body).toEqual({
      accountId,
      asOf: today,
      openOpportunities: 209,
      pipeline: [
        { currency: 'CNY', count: 205, amount: '20500.00', weightedAmount: '2050.00' },
        { currency: 'USD', count: 4, amount: '1000.15', weightedAmount: '500.08' },
      ],
      wonThisYear: [
        { currency: 'CNY', count: 1, amount: '5000.00' },
        { currency: 'EUR', count: 1, amount: '300.00' },
      ],
      openQuotes: 1,
      openOrders: 2,
      receivables: [
        expect.objectContaining({ currency: 'CNY', total: '1000.00', overdue: '1000.00', orderCount: 1 }),
        expect.objectContaining({ currency: 'USD', total: '500.00', overdue: '0.00', orderCount: 1 }),
      ],
      omitted: [],
    });
    // The receivables figure is the receivables endpoint's own.
    const receivables = await t.http.get(`/api/v1/accounts/${accountId}/receivables`).set(as('rep.e1')).expect(200);
    expect(body.receivables).toEqual(receivables.body.totals);
  });

  it('counts a restricted record for its owner only', async () => {
    const { body } = await summary('rep.e1b').expect(200);
    expect(body.openOpportunities).toBe(210);
    expect(body.pipeline[0]).toEqual({ currency: 'CNY', count: 206, amount: '21499.00', weightedAmount: '2549.50' });
    expect(body.openQuotes).toBe(2);
    expect(body.openOrders).toBe(3);
    expect(body.receivables[0]).toMatchObject({ currency: 'CNY', total: '1999.00', overdue: '1999.00' });
  });

  it('is 404 for a rep of another team, and for the administrator (no business right)', async () => {
    for (const user of ['rep.e2', 'rep.n1', 'admin']) {
      const response = await summary(user).expect(404);
      expect(response.headers['content-type']).toContain('application/problem+json');
    }
    await t.http.get('/api/v1/accounts/00000000-0000-4000-8000-000000000000/summary').set(as('rep.e1')).expect(404);
    await t.http.get('/api/v1/accounts/not-a-uuid/summary').set(as('rep.e1')).expect(400);
  });

  it('leaves out every figure over prices for the quality inspector, and says why', async () => {
    const { body } = await summary('quality').expect(200);
    expect(body).toMatchObject({ openOpportunities: null, pipeline: null, wonThisYear: null, openQuotes: 1, openOrders: 2, receivables: null });
    expect(JSON.stringify(body)).not.toMatch(/1000\.00|1130\.00|500\.00/);
    expect(body.omitted).toEqual([
      { figure: 'openOpportunities', reason: 'no_access', fields: [] },
      { figure: 'pipeline', reason: 'no_access', fields: [] },
      { figure: 'wonThisYear', reason: 'no_access', fields: [] },
      { figure: 'receivables', reason: 'hidden_fields', fields: expect.arrayContaining(['total', 'paidAmount', 'outstandingAmount']) },
    ]);
  });

  it('leaves out the amounts for a role that reads opportunities without them (marketing), keeping the count', async () => {
    const { body } = await summary('marketing').expect(200);
    expect(body).toMatchObject({ openOpportunities: 209, pipeline: null, wonThisYear: null, openQuotes: null, openOrders: null, receivables: null });
    expect(body.omitted).toEqual(expect.arrayContaining([
      { figure: 'pipeline', reason: 'hidden_fields', fields: ['amount'] },
      { figure: 'wonThisYear', reason: 'hidden_fields', fields: ['amount'] },
      { figure: 'openQuotes', reason: 'no_access', fields: [] },
    ]));
  });
});
