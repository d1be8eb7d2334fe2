import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { writeSatisfactionSummaries } from '../src/sales/reports/satisfaction-summaries';
import { createTestApp, type TestApp } from './support/test-app';

const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

/** An order: [owner (user key), date, currency, status, restricted, lines as [product or null, quantity, line total]]. */
type Crafted = [string, string, string, string, boolean, Array<['a' | 'b' | null, string, string]>];

/**
 * Teams: rep.e1 and rep.e1b → E1, rep.e2 → E2 (both under EAST, manager.east's subtree), rep.n1 → N1. Customers whose
 * orders the team sums cannot describe alone for some caller: one bought by two teams, restricted orders (the owner's, one shared with rep.e1, one of the general
 * manager's), an N1 order shared with the team E1, cancelled, non-GBP and free-text lines.
 */
const ORDERS: Record<string, Crafted[]> = {
  plain: [
    ['rep.e1', '2040-11-10', 'GBP', 'ordered', false, [['a', '1', '100.00']]],
    ['rep.e1', '2041-01-05', 'GBP', 'paid', false, [['a', '2', '200.00']]],
    ['rep.e1', '2041-01-05', 'GBP', 'ordered', false, [['b', '1', '50.00'], [null, '1', '9.00']]],
    ['rep.e1', '2041-02-10', 'GBP', 'ordered', false, [['b', '1', '50.00']]],
  ],
  twoTeams: [
    ['rep.e2', '2040-12-01', 'GBP', 'ordered', false, [['b', '4', '80.00']]],
    ['rep.e1', '2041-03-03', 'GBP', 'ordered', false, [['a', '1', '120.00'], ['b', '1', '10.00']]],
    ['rep.e2', '2041-05-05', 'GBP', 'ordered', false, [['a', '1', '30.00']]],
  ],
  restricted: [
    ['rep.e1', '2041-02-14', 'GBP', 'ordered', true, [['a', '3', '333.00']]],
    ['rep.e1', '2041-05-20', 'GBP', 'ordered', false, [['b', '2', '40.00']]],
  ],
  sharedRestricted: [['rep.e2', '2041-04-04', 'GBP', 'ordered', true, [['b', '5', '500.00']]]],
  gmRestricted: [['gm', '2041-06-06', 'GBP', 'ordered', true, [['a', '1', '77.00']]]],
  teamShared: [
    ['rep.n1', '2041-01-15', 'GBP', 'ordered', false, [['a', '1', '15.00']]],
    ['rep.n1', '2041-04-15', 'GBP', 'ordered', false, [['b', '1', '16.00']]],
  ],
  other: [
    ['rep.n1', '2041-02-02', 'GBP', 'cancelled', false, [['a', '9', '900.00']]],
    ['rep.n1', '2041-03-09', 'CNY', 'ordered', false, [['a', '1', '1.00']]],
    ['rep.e2', '2041-06-30', 'GBP', 'ordered', false, [['b', '1', '11.00']]],
  ],
};

const CALLERS = ['rep.e1', 'rep.e1b', 'rep.e2', 'rep.n1', 'manager.east', 'director', 'gm', 'finance', 'quality', 'partner'];
const WINDOWS = [
  'from=2041-01-01&to=2041-06-30&period=quarter',
  'from=2041-01-01&to=2041-06-30&period=quarter&itemBy=product',
  'from=2040-12-15&to=2041-07-01&period=month',
  'from=2041-02-01&to=2041-02-01&period=month&itemBy=product',
  'from=2040-01-01&to=2041-12-31&period=year',
  // The demo's orders too (several currencies, years of history).
  'from=2015-01-01&to=2041-12-31&period=year',
];

describe('satisfaction report from the summaries: exactly the live figures, exceptions included', () => {
  let t: TestApp;
  const tokens: Record<string, string> = {};
  const orderIds: Record<string, string[]> = {};
  let categoryA: string;

  /** Every caller's report for every window, currency and item, with revenue where the caller may read it. */
  const everything = async () => {
    const out: Record<string, unknown> = {};
    for (const user of CALLERS) {
      for (const window of WINDOWS) {
        for (const currency of ['GBP', 'CNY']) {
          for (const include of ['&include=revenue', '']) {
            const url = `/api/v1/reports/satisfaction?${window}&currency=${currency}${include}`;
            const response = await t.http.get(url).set(bearer(tokens[user]));
            if (response.status === 403 && include) continue;
            expect([user, url, response.status]).toEqual([user, url, 200]);
            out[`${user} ${url}`] = response.body;
          }
        }
      }
    }
    return out;
  };
  /** The same reports with the summaries ignored (the live statements), leaving them valid again afterwards. */
  const live = async () => {
    await t.sql(`update satisfaction_summary_state set valid = false`);
    try {
      return await everything();
    } finally {
      await t.sql(`update satisfaction_summary_state set valid = true`);
    }
  };
  const valid = async () => (await t.sql<{ valid: boolean }>(`select valid from satisfaction_summary_state`))[0].valid;
  const report = async (user: string, query: string) =>
    (await t.http.get(`/api/v1/reports/satisfaction?${query}`).set(bearer(tokens[user])).expect(200)).body as {
      periods: Array<{ key: string; activeCustomers: number; attractedCustomers: number; churnedCustomers: number; purchaseOccasions: number; itemRevenue: string | null }>;
      items: Array<{ key: string; attractedCustomers: number; customers: number | null; revenue: string | null }>;
    };

  beforeAll(async () => {
    t = await createTestApp();
    const users = Object.fromEntries(
      (await t.sql<{ email: string; id: string; team_id: string | null }>(`select email, id, team_id from users`)).map((u) => [u.email.replace('@lianxi.test', ''), u]),
    );
    const categories = await t.sql<{ id: string }>('select id from product_categories order by path limit 2');
    categoryA = categories[0].id;
    const products: Record<'a' | 'b', string> = { a: randomUUID(), b: randomUUID() };
    for (const [key, category] of [['a', categories[0].id], ['b', categories[1].id]] as const) {
      await t.sql(`insert into products (id, code, name, name_en, category_id, unit) values ($1, $2, $2, $2, $3, '台')`, [products[key], `SATS-${key.toUpperCase()}`, category]);
    }
    let number = 0;
    for (const [customer, orders] of Object.entries(ORDERS)) {
      const accountId = randomUUID();
      const owner = users[orders[0][0]];
      await t.sql(`insert into accounts (id, name, kind, owner_id, team_id) values ($1, $2, 'company', $3, $4)`, [accountId, `SATS ${customer}`, owner.id, owner.team_id]);
      orderIds[customer] = [];
      for (const [user, date, currency, status, restricted, lines] of orders) {
        const id = randomUUID();
        const subtotal = lines.reduce((sum, [, , total]) => sum + Number(total), 0).toFixed(2);
        await t.sql(
          `insert into orders (id, number, account_id, currency, status, order_date, tax_rate, subtotal, tax_amount, total, owner_id, team_id, restricted)
           values ($1, $2, $3, $4, $5, $6, 0, $7, 0, $7, $8, $9, $10)`,
          [id, `SATS-${++number}`, accountId, currency, status, date, subtotal, users[user].id, users[user].team_id, restricted],
        );
        let position = 0;
        for (const [product, quantity, total] of lines) {
          await t.sql(
            `insert into order_lines (id, order_id, position, product_id, description, quantity, list_price, net_price, line_total) values ($1, $2, $3, $4, 'x', $5, $6, $6, $6)`,
            [randomUUID(), id, position++, product ? products[product] : null, quantity, total],
          );
        }
        orderIds[customer].push(id);
      }
    }
    await t.sql(`insert into record_shares (id, object_type, record_id, user_id, access, granted_by) values ($1, 'order', $2, $3, 'read', $4)`, [
      randomUUID(), orderIds.sharedRestricted[0], users['rep.e1'].id, users['rep.e2'].id,
    ]);
    await t.sql(`insert into record_shares (id, object_type, record_id, team_id, access) values ($1, 'order', $2, $3, 'read')`, [randomUUID(), orderIds.teamShared[0], users['rep.e1'].team_id]);
    for (const user of CALLERS) tokens[user] = (await t.login(`${user}@lianxi.test`)).accessToken;
  });
  afterAll(() => t.close());

  it('writes to orders, lines or product categories make the summaries stale; writing them makes them valid, and the report reads them', async () => {
    expect(await valid()).toBe(false);
    expect(await writeSatisfactionSummaries(t.app.get(DataSource))).toBe(true);
    expect(await valid()).toBe(true);
    const query = 'from=2041-01-01&to=2041-06-30&period=quarter&include=revenue&currency=GBP';
    const before = await report('gm', query);
    // Read from the summaries: a doctored row shows (and is put back).
    await t.sql(`update satisfaction_summaries set n = n + 1000 where team_id is null and kind = 'act' and unit = 'quarter' and period = '2041-01-01'`);
    expect((await report('gm', query)).periods[0].activeCustomers).toBe(before.periods[0].activeCustomers + 1000);
    await t.sql(`update satisfaction_summaries set n = n - 1000 where team_id is null and kind = 'act' and unit = 'quarter' and period = '2041-01-01'`);
    // A subtree's manager sums their teams' rows.
    const manager = await report('manager.east', query);
    const e1Row = `team_id = (select team_id from users where email = 'rep.e1@lianxi.test') and kind = 'act' and unit = 'quarter' and period = '2041-01-01'`;
    await t.sql(`update satisfaction_summaries set n = n + 1000 where ${e1Row}`);
    expect((await report('manager.east', query)).periods[0].activeCustomers).toBe(manager.periods[0].activeCustomers + 1000);
    await t.sql(`update satisfaction_summaries set n = n - 1000 where ${e1Row}`);
    for (const write of [
      `update orders set notes = 'x' where id = '${orderIds.plain[0]}'`,
      `update order_lines set quantity = quantity where order_id = '${orderIds.plain[0]}'`,
      `update products set category_id = category_id where code = 'SATS-A'`,
    ]) {
      await t.sql(write);
      expect([write, await valid()]).toEqual([write, false]);
      await writeSatisfactionSummaries(t.app.get(DataSource));
    }
    // A product's price is not a category: the summaries stay valid.
    await t.sql(`update products set name = name where code = 'SATS-A'`);
    expect(await valid()).toBe(true);
  });

  it('an order write committed while the summaries are being written leaves them invalid (the writer answers false)', async () => {
    const writer = t.app.get(DataSource).createQueryRunner();
    await writer.connect();
    try {
      await writer.startTransaction();
      await writer.query(`update orders set notes = 'during' where id = $1`, [orderIds.plain[1]]);
      const job = writeSatisfactionSummaries(t.app.get(DataSource));
      // The job's snapshot does not see the write; its final mark waits on the write's lock of the state row.
      for (let waited = 0; (await t.sql(`select 1 from pg_locks where not granted`)).length === 0; waited += 20) {
        if (waited > 60_000) throw new Error('the summary writer never waited for the order write');
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      await writer.commitTransaction();
      expect(await job).toBe(false);
      expect(await valid()).toBe(false);
    } finally {
      await writer.release();
    }
    expect(await writeSatisfactionSummaries(t.app.get(DataSource))).toBe(true);
  });

  it('every caller, window, currency and item: the same reports as the live statements', async () => {
    expect(await valid()).toBe(true);
    expect(await everything()).toEqual(await live());
  });

  it('the exceptions, by hand: restricted, shared and two-team customers per caller', async () => {
    const query = 'from=2041-01-01&to=2041-06-30&period=quarter&include=revenue&currency=GBP';
    const attracted = async (user: string) => (await report(user, query)).periods.map((p) => [p.key, p.activeCustomers, p.attractedCustomers]);
    // rep.e1 (E1): plain (from 2040), twoTeams (new in March for E1), restricted (own order in February), the N1 order
    // shared with E1 (January; the N1 customer's April order is not), sharedRestricted (April, shared with rep.e1).
    expect(await attracted('rep.e1')).toEqual([['2041-Q1', 4, 3], ['2041-Q2', 2, 1]]);
    // rep.e1b: the same without the restricted order (that customer is new in May) and without the share to rep.e1.
    expect(await attracted('rep.e1b')).toEqual([['2041-Q1', 3, 2], ['2041-Q2', 1, 1]]);
    // The general manager: every order but the others' restricted ones, their own restricted order (June) included.
    const gm = await report('gm', query);
    const director = await report('director', query);
    const extra = (key: string) => (key === '2041-Q2' ? 1 : 0);
    expect(gm.periods.map((p) => [p.key, p.activeCustomers, p.attractedCustomers])).toEqual(director.periods.map((p) => [p.key, p.activeCustomers + extra(p.key), p.attractedCustomers + extra(p.key)]));
    const item = gm.items.find((i) => i.key === categoryA);
    expect(item?.customers).toBeGreaterThan(0);
    expect(await valid()).toBe(true);
  });
});
