import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { foldSatisfactionChanges, SATISFACTION_FOLD_LIMIT } from '../src/sales/reports/satisfaction-fold';
import { SATISFACTION_CORRECTION_LIMIT, SUMMARY_STATEMENTS, writeSatisfactionSummaries } from '../src/sales/reports/satisfaction-summaries';
import { SatisfactionSummariesJob } from '../src/sales/reports/satisfaction-summaries.job';
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
  let tokens: Record<string, string>;
  const orderIds: Record<string, string[]> = {};
  const accountIds: Record<string, string> = {};
  let users: Record<string, { id: string; team_id: string | null }>;
  let products: Record<'a' | 'b', string>;
  let categories: string[];
  let categoryA: string;
  let number = 0;

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
  const refresh = () => t.app.get(SatisfactionSummariesJob).refresh();
  const valid = async () => (await t.sql<{ valid: boolean }>(`select valid from satisfaction_summary_state`))[0].valid;
  const report = async (user: string, query: string) =>
    (await t.http.get(`/api/v1/reports/satisfaction?${query}`).set(bearer(tokens[user])).expect(200)).body as {
      periods: Array<{ key: string; activeCustomers: number; attractedCustomers: number; churnedCustomers: number; purchaseOccasions: number; itemRevenue: string | null }>;
      items: Array<{ key: string; attractedCustomers: number; customers: number | null; revenue: string | null }>;
    };

  const addCustomer = async (customer: string, owner: string) => {
    accountIds[customer] = randomUUID();
    orderIds[customer] = [];
    await t.sql(`insert into accounts (id, name, kind, owner_id, team_id) values ($1, $2, 'company', $3, $4)`, [accountIds[customer], `SATS ${customer}`, users[owner].id, users[owner].team_id]);
  };
  const addOrder = async (customer: string, [user, date, currency, status, restricted, lines]: Crafted) => {
    const id = randomUUID();
    const subtotal = lines.reduce((sum, [, , total]) => sum + Number(total), 0).toFixed(2);
    await t.sql(
      `insert into orders (id, number, account_id, currency, status, order_date, tax_rate, subtotal, tax_amount, total, owner_id, team_id, restricted)
       values ($1, $2, $3, $4, $5, $6, 0, $7, 0, $7, $8, $9, $10)`,
      [id, `SATS-${++number}`, accountIds[customer], currency, status, date, subtotal, users[user].id, users[user].team_id, restricted],
    );
    let position = 0;
    for (const [product, quantity, total] of lines) {
      await t.sql(
        `insert into order_lines (id, order_id, position, product_id, description, quantity, list_price, net_price, line_total) values ($1, $2, $3, $4, 'x', $5, $6, $6, $6)`,
        [randomUUID(), id, position++, product ? products[product] : null, quantity, total],
      );
    }
    orderIds[customer].push(id);
  };
  /** The customers changed since the summaries' snapshot, as a reader counts them. */
  const unseenChanges = async () =>
    (
      await t.sql<{ n: number }>(
        `select count(*)::int as n from satisfaction_changes c, satisfaction_summary_state st where c.xid >= pg_snapshot_xmin(st.snapshot) and not pg_visible_in_snapshot(c.xid, st.snapshot)`,
      )
    )[0].n;
  /** Whether the general manager's answer comes from the summaries: a doctored every-customer row shows in it. */
  const readsSummaries = async () => {
    const query = 'from=2041-01-01&to=2041-06-30&period=quarter';
    const row = `team_id is null and kind = 'act' and unit = 'quarter' and period = '2041-01-01'`;
    const before = (await report('gm', query)).periods[0].activeCustomers;
    await t.sql(`update satisfaction_summaries set n = n + 1000 where ${row}`);
    try {
      return (await report('gm', query)).periods[0].activeCustomers === before + 1000;
    } finally {
      await t.sql(`update satisfaction_summaries set n = n - 1000 where ${row}`);
    }
  };

  /**
   * Whether the summaries as they are (folded) hold exactly the rows and the customers of several teams that writing
   * them again gives (row for row, sums compared as numbers); leaves them written again.
   */
  const foldedAsWritten = async () => {
    await t.sql(`create table sats_folded as select * from satisfaction_summaries`);
    await t.sql(`create table sats_folded_mixed as select * from satisfaction_mixed_customers`);
    try {
      expect(await writeSatisfactionSummaries(t.app.get(DataSource))).toBe(true);
      const differ = (a: string, b: string) => `select count(*)::int as n from ((select * from ${a} except all select * from ${b}) union all (select * from ${b} except all select * from ${a})) x`;
      const [rows] = await t.sql<{ n: number }>(differ('sats_folded', 'satisfaction_summaries'));
      const [mixed] = await t.sql<{ n: number }>(differ('sats_folded_mixed', 'satisfaction_mixed_customers'));
      const [{ n }] = await t.sql<{ n: number }>(`select count(*)::int as n from satisfaction_summaries`);
      return { differentRows: rows.n, differentMixed: mixed.n, rows: n > 0 };
    } finally {
      await t.sql(`drop table sats_folded, sats_folded_mixed`);
    }
  };
  /** A fold by the job: the changed customers are folded into the summaries, none is left to correct. */
  const fold = async () => {
    expect(await unseenChanges()).toBeGreaterThan(0);
    expect(await refresh()).toBe('folded');
    expect(await unseenChanges()).toBe(0);
    expect(await valid()).toBe(true);
  };

  /** The readers' corrections give the live figures; folded, the summaries give them too, row for row what writing them gives. */
  const expectCorrectedThenFolded = async () => {
    expect(await readsSummaries()).toBe(true);
    expect(await everything()).toEqual(await live());
    await fold();
    expect(await readsSummaries()).toBe(true);
    expect(await everything()).toEqual(await live());
    expect(await foldedAsWritten()).toEqual({ differentRows: 0, differentMixed: 0, rows: true });
  };

  beforeAll(async () => {
    t = await createTestApp();
    users = Object.fromEntries(
      (await t.sql<{ email: string; id: string; team_id: string | null }>(`select email, id, team_id from users`)).map((u) => [u.email.replace('@lianxi.test', ''), u]),
    );
    categories = (await t.sql<{ id: string }>('select id from product_categories order by path limit 3')).map((c) => c.id);
    categoryA = categories[0];
    products = { a: randomUUID(), b: randomUUID() };
    for (const [key, category] of [['a', categories[0]], ['b', categories[1]]] as const) {
      await t.sql(`insert into products (id, code, name, name_en, category_id, unit) values ($1, $2, $2, $2, $3, '台')`, [products[key], `SATS-${key.toUpperCase()}`, category]);
    }
    for (const [customer, orders] of Object.entries(ORDERS)) {
      await addCustomer(customer, orders[0][0]);
      for (const order of orders) await addOrder(customer, order);
    }
    await t.sql(`insert into record_shares (id, object_type, record_id, user_id, access, granted_by) values ($1, 'order', $2, $3, 'read', $4)`, [
      randomUUID(), orderIds.sharedRestricted[0], users['rep.e1'].id, users['rep.e2'].id,
    ]);
    await t.sql(`insert into record_shares (id, object_type, record_id, team_id, access) values ($1, 'order', $2, $3, 'read')`, [randomUUID(), orderIds.teamShared[0], users['rep.e1'].team_id]);
    ({ tokens } = await t.signInAll(CALLERS));
  });
  afterAll(() => t.close());

  it('the job writes them when due (first: never written), making them valid, and the report reads them; writes that change no fact log nothing', async () => {
    expect(await valid()).toBe(false);
    expect(await refresh()).toBe('written');
    expect(await valid()).toBe(true);
    expect(await refresh()).toBe(null);
    // The demo's orders, written before the summaries, were logged and are pruned with them.
    expect((await t.sql<{ n: number }>(`select count(*)::int as n from satisfaction_changes`))[0].n).toBeLessThan(10);
    const query = 'from=2041-01-01&to=2041-06-30&period=quarter&include=revenue&currency=GBP';
    // Read from the summaries: a doctored row shows (and is put back).
    expect(await readsSummaries()).toBe(true);
    // A subtree's manager sums their teams' rows.
    const manager = await report('manager.east', query);
    const e1Row = `team_id = (select team_id from users where email = 'rep.e1@lianxi.test') and kind = 'act' and unit = 'quarter' and period = '2041-01-01'`;
    await t.sql(`update satisfaction_summaries set n = n + 1000 where ${e1Row}`);
    expect((await report('manager.east', query)).periods[0].activeCustomers).toBe(manager.periods[0].activeCustomers + 1000);
    await t.sql(`update satisfaction_summaries set n = n - 1000 where ${e1Row}`);
    for (const write of [
      `update orders set notes = 'x', paid_amount = 0 where id = '${orderIds.plain[0]}'`,
      `update orders set status = 'paid' where id = '${orderIds.plain[0]}'`,
      `update order_lines set quantity = quantity, description = 'y' where order_id = '${orderIds.plain[0]}'`,
      `update products set category_id = category_id, name = name where code = 'SATS-A'`,
    ]) {
      await t.sql(write);
      expect([write, await unseenChanges()]).toEqual([write, 0]);
    }
    await t.sql(`update orders set status = 'ordered' where id = '${orderIds.plain[0]}'`);
  });

  it('writes committed while the summaries are written, or begun before and committed after, are corrected', async () => {
    const dataSource = t.app.get(DataSource);
    const job = dataSource.createQueryRunner();
    const writer = dataSource.createQueryRunner();
    await job.connect();
    await writer.connect();
    try {
      // Begun before the job's snapshot, committed after the job.
      await writer.startTransaction();
      await writer.query(`update orders set order_date = '2041-03-28' where id = $1`, [orderIds.plain[1]]);
      await job.startTransaction('REPEATABLE READ');
      await job.query(SUMMARY_STATEMENTS[0]);
      // Committed while the job runs, after its snapshot.
      await t.sql(`update order_lines set line_total = 70.00 where order_id = $1`, [orderIds.teamShared[1]]);
      await addOrder('other', ['rep.e2', '2041-05-30', 'GBP', 'ordered', false, [['a', '1', '12.00']]]);
      for (const statement of SUMMARY_STATEMENTS.slice(1)) await job.query(statement);
      await job.commitTransaction();
      await writer.commitTransaction();
    } finally {
      await job.release();
      await writer.release();
    }
    expect(await valid()).toBe(true);
    expect(await unseenChanges()).toBeGreaterThan(0);
    expect(await readsSummaries()).toBe(true);
    expect(await everything()).toEqual(await live());
    expect(await writeSatisfactionSummaries(dataSource)).toBe(true);
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
  it('after order inserts and edits (amount, date, cancellation, restriction), without writing the summaries again: the live figures', async () => {
    await addOrder('plain', ['rep.e1', '2041-03-15', 'GBP', 'ordered', false, [['a', '1', '25.00']]]);
    await addCustomer('fresh', 'rep.e2');
    await addOrder('fresh', ['rep.e2', '2041-02-20', 'GBP', 'ordered', false, [['b', '2', '60.00'], ['a', '1', '5.00']]]);
    await t.sql(`update order_lines set line_total = 18.50, quantity = 2 where order_id = $1`, [orderIds.teamShared[0]]);
    await t.sql(`update orders set order_date = '2041-04-01' where id = $1`, [orderIds.plain[1]]);
    await t.sql(`update orders set order_date = '2041-01-20' where id = $1`, [orderIds.plain[2]]);
    // The two-team customer's E1 order: it becomes E2's alone.
    await t.sql(`update orders set status = 'cancelled' where id = $1`, [orderIds.twoTeams[1]]);
    await t.sql(`update orders set restricted = true where id = $1`, [orderIds.plain[3]]);
    expect(await unseenChanges()).toBeGreaterThan(0);
    expect(await readsSummaries()).toBe(true);
    expect(await everything()).toEqual(await live());
  });

  it('folded by the job: the same live figures from the summaries, with nothing left to correct', async () => {
    await fold();
    expect(await readsSummaries()).toBe(true);
    expect(await everything()).toEqual(await live());
    expect(await refresh()).toBe(null);
  });

  it('after line edits, an order moved to another customer and to another team, a deleted order: the live figures', async () => {
    await t.sql(`update order_lines set product_id = $1 where order_id = $2`, [products.b, orderIds.plain[0]]);
    await t.sql(`delete from order_lines where order_id = $1 and position = 1`, [orderIds.plain[2]]);
    await t.sql(`insert into order_lines (id, order_id, position, product_id, description, quantity, list_price, net_price, line_total) values ($1, $2, 5, $3, 'x', 1, 3, 3, 3)`, [
      randomUUID(), orderIds.restricted[1], products.a,
    ]);
    // Changed twice since the summaries (its date above, now its customer: an N1 customer's, now of two teams).
    await t.sql(`update orders set account_id = $1 where id = $2`, [accountIds.teamShared, orderIds.plain[2]]);
    await t.sql(`update orders set team_id = $1 where id = $2`, [users['rep.n1'].team_id, orderIds.other[2]]);
    await t.sql(`delete from orders where id = $1`, [orderIds.twoTeams[2]]);
    // Corrected on top of the folded summaries; folded in turn.
    await expectCorrectedThenFolded();
  });

  it("after a product's category changes (its few customers listed): the live figures, corrected and then folded", async () => {
    await t.sql(`update products set category_id = $1 where id = $2`, [categories[2], products.b]);
    expect(await readsSummaries()).toBe(true);
    expect(await everything()).toEqual(await live());
    await fold();
    expect(await everything()).toEqual(await live());
    expect(await foldedAsWritten()).toEqual({ differentRows: 0, differentMixed: 0, rows: true });
    // Written again, the summaries hold all of it and no change is left to correct.
    expect(await writeSatisfactionSummaries(t.app.get(DataSource))).toBe(true);
    expect(await unseenChanges()).toBe(0);
    expect(await everything()).toEqual(await live());
  });

  it('folds racing order writes: writes committed during a fold, or begun before it and committed after, are corrected after it and folded by the next; a racing fold gives way', async () => {
    const dataSource = t.app.get(DataSource);
    const locker = dataSource.createQueryRunner();
    const writer = dataSource.createQueryRunner();
    await locker.connect();
    await writer.connect();
    /** Waits until `n` folds have taken their snapshot and wait for the state row. */
    const waitingFolds = async (n: number) => {
      for (let i = 0; i < 400; i++) {
        const [{ waiting }] = await t.sql<{ waiting: number }>(
          `select count(*)::int as waiting from pg_stat_activity where wait_event_type = 'Lock' and query like '%from satisfaction_summary_state for update%'`,
        );
        if (waiting >= n) return;
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      throw new Error('the folds never waited for the state row');
    };
    try {
      // Changes the folds are to fold: a new order of a customer, another order's date.
      await addOrder('fresh', ['rep.e2', '2041-04-10', 'GBP', 'ordered', false, [['a', '2', '44.00']]]);
      await t.sql(`update orders set order_date = '2041-02-25' where id = $1`, [orderIds.twoTeams[0]]);
      // Begun before the folds, committed after them: the lines of an order the folds fold (changed above).
      await writer.startTransaction();
      await writer.query(`update order_lines set quantity = 7, line_total = 70.00 where order_id = $1`, [orderIds.twoTeams[0]]);
      // Two folds take their snapshot, then wait for the state row.
      await locker.startTransaction();
      await locker.query(`select 1 from satisfaction_summary_state for update`);
      const folds = [foldSatisfactionChanges(dataSource), foldSatisfactionChanges(dataSource)];
      await waitingFolds(2);
      // Committed while the folds run, after their snapshot: the order inserted above changed again (its insert is
      // folded, this is not), a new order of another customer, an order moved to another team.
      await t.sql(`update orders set order_date = '2041-05-11' where id = $1`, [orderIds.fresh[1]]);
      await addOrder('other', ['rep.n1', '2041-03-30', 'GBP', 'ordered', false, [['b', '1', '21.00']]]);
      await t.sql(`update orders set team_id = $1 where id = $2`, [users['rep.e1'].team_id, orderIds.other[1]]);
      await locker.rollbackTransaction();
      expect((await Promise.all(folds)).map((result) => result.outcome).sort()).toEqual(['folded', 'raced']);
      await writer.commitTransaction();
    } finally {
      await locker.release();
      await writer.release();
    }
    // What the fold did not see is corrected by the readers, then folded by the next fold.
    await expectCorrectedThenFolded();
  });

  it('a write committing in the middle of a fold (after it summed the changes, before it deletes their log): corrected after it, folded by the next; a writing racing the fold gives way', async () => {
    const dataSource = t.app.get(DataSource);
    const locker = dataSource.createQueryRunner();
    await locker.connect();
    const [{ mixed }] = await t.sql<{ mixed: number }>(`select count(*)::int as mixed from satisfaction_mixed_customers where account_id = $1`, [accountIds.other]);
    expect(mixed).toBeGreaterThan(1);
    try {
      // A change of a customer of several teams (into another month: their rows change): the fold redoes their listing,
      // and waits there for the lock held here.
      await t.sql(`update orders set order_date = '2041-05-02' where id = $1`, [orderIds.other[2]]);
      await locker.startTransaction();
      await locker.query(`select 1 from satisfaction_mixed_customers where account_id = $1 for update`, [accountIds.other]);
      const waitingAt = async (statement: string) => {
        for (let i = 0; ; i++) {
          const [{ waiting }] = await t.sql<{ waiting: number }>(`select count(*)::int as waiting from pg_stat_activity where wait_event_type = 'Lock' and query like $1`, [`${statement}%`]);
          if (waiting) return;
          if (i > 400) throw new Error(`nothing waited at ${statement}`);
          await new Promise((resolve) => setTimeout(resolve, 25));
        }
      };
      const folding = foldSatisfactionChanges(dataSource);
      await waitingAt('delete from satisfaction_mixed_customers');
      // A writing begun now waits for the rows the fold changed, and gives way once the fold commits.
      const writing = writeSatisfactionSummaries(dataSource);
      await waitingAt('delete from satisfaction_summaries');
      // Committed now: after the fold's snapshot, before it deletes the log and stores its snapshot.
      await t.sql(`update order_lines set line_total = 99.00 where order_id = $1`, [orderIds.plain[0]]);
      await addOrder('fresh', ['rep.e2', '2041-01-03', 'GBP', 'ordered', false, [['b', '1', '8.00']]]);
      await locker.rollbackTransaction();
      expect(await folding).toEqual({ outcome: 'folded', customers: 1 });
      expect(await writing).toBe(false);
    } finally {
      await locker.release();
    }
    expect(await unseenChanges()).toBeGreaterThan(0);
    expect(await readsSummaries()).toBe(true);
    expect(await everything()).toEqual(await live());
    await fold();
    expect(await everything()).toEqual(await live());
    expect(await foldedAsWritten()).toEqual({ differentRows: 0, differentMixed: 0, rows: true });
  });

  it('too many changed customers, or a product recategorised with too many to list: every caller reads live', async () => {
    // Many new customers, each with an order of product A (in a year no window reads, so the figures stay comparable).
    await t.sql(`create temporary table many as select gen_random_uuid() as account_id, gen_random_uuid() as order_id, g from generate_series(1, ${SATISFACTION_CORRECTION_LIMIT + 1}) g`);
    await t.sql(`insert into accounts (id, name, kind, owner_id, team_id) select account_id, 'SATS many ' || g, 'company', $1, $2 from many`, [users['rep.e1'].id, users['rep.e1'].team_id]);
    await t.sql(
      `insert into orders (id, number, account_id, currency, status, order_date, tax_rate, subtotal, tax_amount, total, owner_id, team_id)
       select order_id, 'SATS-M' || g, account_id, 'GBP', 'ordered', '2043-06-01', 0, 1, 0, 1, $1, $2 from many`,
      [users['rep.e1'].id, users['rep.e1'].team_id],
    );
    await t.sql(`insert into order_lines (id, order_id, position, product_id, description, quantity, list_price, net_price, line_total) select gen_random_uuid(), order_id, 0, $1, 'x', 1, 1, 1, 1 from many`, [products.a]);
    expect(await unseenChanges()).toBeGreaterThan(SATISFACTION_CORRECTION_LIMIT);
    expect(SATISFACTION_FOLD_LIMIT).toBeGreaterThan(SATISFACTION_CORRECTION_LIMIT);
    expect(await valid()).toBe(true);
    expect(await readsSummaries()).toBe(false);
    // Folded (not written again): read from the summaries at once.
    expect(await refresh()).toBe('folded');
    expect(await readsSummaries()).toBe(true);
    // Product A now has more customers than a statement lists: one account-less change.
    await t.sql(`update products set category_id = $1 where id = $2`, [categories[2], products.a]);
    expect(await t.sql(`select 1 from satisfaction_changes where account_id is null`)).toHaveLength(1);
    expect(await readsSummaries()).toBe(false);
    expect(await everything()).toEqual(await live());
    // A change without its customers cannot be folded: written again.
    expect(await refresh()).toBe('written');
    expect(await readsSummaries()).toBe(true);
    // Past the fold limit (logged customers without orders, as a bulk delete of them would leave): written, not folded.
    await t.sql(`insert into satisfaction_changes (account_id) select gen_random_uuid() from generate_series(1, ${SATISFACTION_FOLD_LIMIT + 1})`);
    expect(await refresh()).toBe('written');
    expect(await unseenChanges()).toBe(0);
    expect(await readsSummaries()).toBe(true);
  });
});
