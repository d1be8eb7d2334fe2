import { randomUUID } from 'node:crypto';
import { FACT_COLUMNS } from '../src/analytics/metrics/metric-facts';
import { MetricsRecompute, type RecomputeOptions } from '../src/analytics/metrics/metrics-recompute';
import { ACCOUNTS } from '../src/demo/demo-organisation';
import { createTestApp, type TestApp } from './support/test-app';

const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

interface Line { quantity: string; lineTotal: string; unitCost: string | null }

/** Crafted purchase histories whose facts are worked out by hand below. */
async function craftAccounts(t: TestApp): Promise<Record<'multiYear' | 'uncosted' | 'none' | 'cancelledOnly' | 'binned', string>> {
  const [owner] = await t.sql<{ id: string; team_id: string }>(`select id, team_id from users where email = 'rep.e1@lianxi.test'`);
  const ids = { multiYear: randomUUID(), uncosted: randomUUID(), none: randomUUID(), cancelledOnly: randomUUID(), binned: randomUUID() };
  for (const [name, id] of Object.entries(ids)) {
    await t.sql(`insert into accounts (id, name, kind, owner_id, team_id, deleted_at) values ($1, $2, 'company', $3, $4, $5)`, [
      id, `Metrics ${name}`, owner.id, owner.team_id, name === 'binned' ? new Date() : null,
    ]);
  }
  let n = 0;
  const order = async (account: string, date: string, status: string, subtotal: string, lines: Line[]) => {
    const id = randomUUID();
    await t.sql(
      `insert into orders (id, number, account_id, currency, status, order_date, tax_rate, subtotal, tax_amount, total, owner_id, team_id)
       values ($1, $2, $3, 'CNY', $4, $5, 0, $6, 0, $6, $7, $8)`,
      [id, `SO-MET-${++n}`, account, status, date, subtotal, owner.id, owner.team_id],
    );
    for (const [position, line] of lines.entries()) {
      await t.sql(
        `insert into order_lines (id, order_id, position, description, quantity, list_price, net_price, line_total, unit_cost) values ($1, $2, $3, 'x', $4, $5, $5, $5, $6)`,
        [randomUUID(), id, position, line.quantity, line.lineTotal, line.unitCost],
      );
    }
  };
  // Two orders on one day (one purchase day), one line without a cost; a cancelled order; a later year.
  await order(ids.multiYear, '2022-03-01', 'confirmed', '100.00', [{ quantity: '2', lineTotal: '100.00', unitCost: '30.00' }]);
  await order(ids.multiYear, '2022-03-01', 'paid', '50.00', [{ quantity: '1', lineTotal: '50.00', unitCost: null }]);
  await order(ids.multiYear, '2023-01-01', 'cancelled', '999.00', [{ quantity: '1', lineTotal: '999.00', unitCost: '1.00' }]);
  await order(ids.multiYear, '2024-07-15', 'delivered', '200.00', [{ quantity: '1.5', lineTotal: '200.00', unitCost: '40.10' }]);
  await order(ids.uncosted, '2025-01-10', 'ordered', '100.00', [{ quantity: '3', lineTotal: '100.00', unitCost: null }]);
  await order(ids.cancelledOnly, '2025-02-01', 'cancelled', '500.00', [{ quantity: '1', lineTotal: '500.00', unitCost: '10.00' }]);
  await order(ids.binned, '2025-02-01', 'confirmed', '70.00', [{ quantity: '1', lineTotal: '70.00', unitCost: '10.00' }]);
  return ids;
}

const FACTS = `select account_id, to_char(first_purchase_on, 'YYYY-MM-DD') as first, to_char(last_purchase_on, 'YYYY-MM-DD') as last, orders, purchase_days,
                      revenue::text, cost::text, profit::text, uncosted_lines,
                      (select coalesce(json_agg(json_build_object('year', y.year, 'orders', y.orders, 'revenue', y.revenue::text, 'cost', y.cost::text, 'profit', y.profit::text) order by y.year), '[]')
                         from customer_metric_years y where y.account_id = m.account_id) as years
                 from customer_metrics m`;

describe('customer metrics: the recompute', () => {
  let t: TestApp;
  let ids: Awaited<ReturnType<typeof craftAccounts>>;

  beforeAll(async () => {
    t = await createTestApp();
    ids = await craftAccounts(t);
  });
  afterAll(() => t.close());

  it('computes exactly the hand-worked facts, for every live account, in keyset batches', async () => {
    const recompute = t.app.get(MetricsRecompute);
    const started = Date.now();
    const result = await recompute.run('2026-06-30', new Date(), { batchSize: 7 });
    console.log(`customer metrics recompute (demo data + crafted accounts, batches of 7): ${result.customers} customers in ${Date.now() - started} ms`);
    const [{ live }] = await t.sql<{ live: number }>(`select count(*)::int as live from accounts where deleted_at is null`);
    // The first run has no earlier day to go by: it rebuilds every account (a full run).
    expect(result).toMatchObject({ mode: 'full', customers: live, batches: Math.ceil(live / 7), factsRefreshed: live });
    const [{ rows }] = await t.sql<{ rows: number }>(`select count(*)::int as rows from customer_metrics`);
    expect(rows).toBe(live);

    const facts = Object.fromEntries((await t.sql<{ account_id: string }>(`${FACTS} where account_id = any($1)`, [Object.values(ids)])).map((row) => [row.account_id, row]));
    expect(facts[ids.multiYear]).toEqual({
      account_id: ids.multiYear, first: '2022-03-01', last: '2024-07-15', orders: 3, purchase_days: 2,
      revenue: '350.00', cost: '120.15', profit: '179.85', uncosted_lines: 1,
      years: [
        { year: 2022, orders: 2, revenue: '150.00', cost: '60.00', profit: '40.00' },
        { year: 2024, orders: 1, revenue: '200.00', cost: '60.15', profit: '139.85' },
      ],
    });
    expect(facts[ids.uncosted]).toEqual({
      account_id: ids.uncosted, first: '2025-01-10', last: '2025-01-10', orders: 1, purchase_days: 1, revenue: '100.00', cost: null, profit: null, uncosted_lines: 1,
      years: [{ year: 2025, orders: 1, revenue: '100.00', cost: null, profit: null }],
    });
    const nothing = { first: null, last: null, orders: 0, purchase_days: 0, revenue: '0.00', cost: null, profit: null, uncosted_lines: 0, years: [] };
    expect(facts[ids.none]).toEqual({ account_id: ids.none, ...nothing });
    expect(facts[ids.cancelledOnly]).toEqual({ account_id: ids.cancelledOnly, ...nothing });
    // A binned account is no customer of the metrics.
    expect(facts[ids.binned]).toBeUndefined();
  });

  it('finds several years of purchases in the demo organisation, with growing, declining and new customers', async () => {
    await t.app.get(MetricsRecompute).run(new Date().toISOString().slice(0, 10), new Date());
    const demo = await t.sql<{ name: string; years: number; first_year: number; revenue_first: string; revenue_last: string; first_purchase_days: number; orders: number }>(
      `select a.name, count(y.year)::int as years, min(y.year) as first_year, m.orders, current_date - m.first_purchase_on as first_purchase_days,
              (select sum(revenue) from customer_metric_years f where f.account_id = a.id and f.year <= min(y.year) + 1)::text as revenue_first,
              (select sum(revenue) from customer_metric_years l where l.account_id = a.id and l.year >= max(y.year) - 1)::text as revenue_last
         from accounts a join customer_metrics m on m.account_id = a.id left join customer_metric_years y on y.account_id = a.id
        where a.name = any($1) group by a.id, a.name, m.orders, m.first_purchase_on`,
      [ACCOUNTS.map((a) => a.name)],
    );
    const byName = Object.fromEntries(demo.map((row) => [row.name, row]));
    // The steady buyer: five calendar years or more.
    expect(byName[ACCOUNTS[0].name].years).toBeGreaterThanOrEqual(5);
    // Growing: the last two years sold more than the first two; declining: the other way round.
    expect(Number(byName[ACCOUNTS[1].name].revenue_last)).toBeGreaterThan(Number(byName[ACCOUNTS[1].name].revenue_first));
    expect(Number(byName[ACCOUNTS[2].name].revenue_first)).toBeGreaterThan(Number(byName[ACCOUNTS[2].name].revenue_last));
    // New: first purchase within the last half year.
    expect(byName[ACCOUNTS[5].name].first_purchase_days).toBeLessThan(183);
  });

  it('a second run writes the same facts (idempotent), and drops the rows of accounts binned since', async () => {
    const recompute = t.app.get(MetricsRecompute);
    await recompute.run('2026-06-30', new Date(), { batchSize: 3, mode: 'full' });
    const before = await t.sql(`${FACTS} order by account_id`);
    await recompute.run('2026-06-30', new Date(), { batchSize: 10_000, mode: 'full' });
    expect(await t.sql(`${FACTS} order by account_id`)).toEqual(before);
    // facts_as_of is the day of the run that last changed the facts: a later full run that finds them equal keeps it.
    await recompute.run('2026-07-01', new Date(), { mode: 'full' });
    const factsDay = `select to_char(facts_as_of, 'YYYY-MM-DD') as day from customer_metrics where account_id = $1`;
    expect(await t.sql(factsDay, [ids.multiYear])).toEqual([{ day: '2026-06-30' }]);
    await t.sql(`update accounts set deleted_at = now() where id = $1`, [ids.uncosted]);
    await recompute.run('2026-06-30', new Date());
    expect(await t.sql(`select 1 from customer_metrics where account_id = $1`, [ids.uncosted])).toEqual([]);
    expect(await t.sql(`select 1 from customer_metric_years where account_id = $1`, [ids.uncosted])).toEqual([]);

    // An incremental run edits the years in place: the changed account's are rebuilt — with whether the account bought
    // the year before (retained) and the year after (not leaving) —, every other row stays as it was.
    const yearsOf = `select year, orders, revenue::text, retained, leaving from customer_metric_years where account_id = $1 order by year`;
    const others = `select account_id, year, orders, revenue::text, cost::text, profit::text, retained, leaving from customer_metric_years where account_id <> $1 order by account_id, year`;
    const othersBefore = await t.sql(others, [ids.multiYear]);
    const redate = (from: string, to: string) => t.sql(`update orders set order_date = $3, updated_at = now() where account_id = $1 and order_date = $2`, [ids.multiYear, from, to]);
    await redate('2024-07-15', '2023-07-15');
    await recompute.run('2026-06-30', new Date());
    expect(await t.sql(yearsOf, [ids.multiYear])).toEqual([
      { year: 2022, orders: 2, revenue: '150.00', retained: false, leaving: false },
      { year: 2023, orders: 1, revenue: '200.00', retained: true, leaving: true },
    ]);
    expect(await t.sql(others, [ids.multiYear])).toEqual(othersBefore);
    await redate('2023-07-15', '2024-07-15');
    await recompute.run('2026-06-30', new Date());
    expect(await t.sql(yearsOf, [ids.multiYear])).toEqual([
      { year: 2022, orders: 2, revenue: '150.00', retained: false, leaving: true },
      { year: 2024, orders: 1, revenue: '200.00', retained: false, leaving: true },
    ]);
    // Every stored year says what its neighbours say.
    expect(await t.sql(`select account_id, year from customer_metric_years y
                         where retained <> exists (select 1 from customer_metric_years p where p.account_id = y.account_id and p.year = y.year - 1)
                            or leaving <> not exists (select 1 from customer_metric_years n where n.account_id = y.account_id and n.year = y.year + 1)`)).toEqual([]);
  });

  describe('a full run on two connections (half the accounts each, metric-facts.ts)', () => {
    const facts = `select ${FACT_COLUMNS.join(', ')} from customer_metrics order by account_id`;
    const years = `select account_id, year, orders, revenue::text, cost::text, profit::text, retained, leaving from customer_metric_years order by account_id, year`;
    /** A run's statements, as the trace names them (the second connection's begin with "second"). */
    const traced = async (options: RecomputeOptions) => {
      const steps: string[] = [];
      await t.app.get(MetricsRecompute).run('2026-06-30', new Date(), { ...options, trace: (step) => steps.push(step) });
      return steps;
    };

    it('computes exactly the facts and years of one connection; an incremental run stays on one', async () => {
      const oneSteps = await traced({ mode: 'full', factsInHalves: false });
      expect(oneSteps.filter((step) => step.startsWith('second'))).toEqual([]);
      const one = { facts: await t.sql(facts), years: await t.sql(years) };
      await t.sql(`delete from customer_metric_years; delete from customer_metrics`);
      const halvesSteps = await traced({ mode: 'full' });
      // The second connection rebuilt its half with the run's statements, and handed it over.
      expect(halvesSteps.filter((step) => /^second \d+ (create temporary table metric_purchase|insert into metric_all)/.test(step))).toHaveLength(2);
      expect(halvesSteps.filter((step) => /^\d+ insert into metric_all/.test(step))).toHaveLength(2);
      const [{ below }] = await t.sql<{ below: number }>(
        `select count(*) filter (where id < (select percentile_disc(0.5) within group (order by id) from accounts where deleted_at is null))::int as below
           from accounts where deleted_at is null`,
      );
      expect(below).toBeGreaterThan(0);
      expect(await t.sql(facts)).toEqual(one.facts);
      expect(await t.sql(years)).toEqual(one.years);
      expect((await traced({ mode: 'incremental' })).filter((step) => step.startsWith('second'))).toEqual([]);
      expect(await t.sql(`select relname from pg_class where relname like 'metric\\_handoff%'`)).toEqual([]);
    });

    it('drops the hand-off tables of a run whose process died, and runs one at a time', async () => {
      await t.sql(`create unlogged table metric_handoff_0123456789ab_metric_all (like customer_metrics)`);
      // A run holds the run lock for its whole transaction: one started meanwhile waits for it.
      await t.sql(`begin`);
      await t.sql(`select pg_advisory_xact_lock(hashtext('metrics_run'))`);
      const run = t.app.get(MetricsRecompute).run('2026-06-30', new Date(), { mode: 'full' });
      const waiting = `select count(*)::int as n from pg_locks where locktype = 'advisory' and not granted`;
      for (let tries = 0; (await t.sql<{ n: number }>(waiting))[0].n === 0; tries++) {
        if (tries > 100) throw new Error('the run did not wait for the run lock');
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      await t.sql(`commit`);
      await run;
      expect(await t.sql(`select relname from pg_class where relname like 'metric\\_handoff%'`)).toEqual([]);
    });

    it.each([
      ['on the second connection', (step: string) => /^second \d+ create temporary table metric_year_lines/.test(step)],
      ["on the run's connection while the second computes", (step: string) => /^\d+ create temporary table metric_day/.test(step)],
      ["on the run's connection after the second handed its rows over", (step: string) => /^\d+ declare metric_batches/.test(step)],
    ])('a run that fails %s rolls back whole and leaves nothing behind', async (_where, failsAt) => {
      const everything = `select m.*, (select json_agg(y order by y.year) from customer_metric_years y where y.account_id = m.account_id) as years
                            from customer_metrics m order by account_id`;
      const before = { metrics: await t.sql(everything), state: await t.sql(`select as_of::text from customer_metric_state`) };
      // A change for the next run to find: the failed one gives its log back.
      await t.sql(`update order_lines set unit_cost = unit_cost + 1 where order_id in (select id from orders where account_id = $1) and unit_cost is not null`, [ids.multiYear]);
      const logged = await t.sql(`select account_id from customer_metric_changes order by account_id`);
      expect(logged).toContainEqual({ account_id: ids.multiYear });
      let failed = 0;
      const run = t.app.get(MetricsRecompute).run('2026-07-02', new Date(), {
        mode: 'full',
        trace: (step) => {
          if (failsAt(step)) throw new Error(`injected failure ${++failed}`);
        },
      });
      await expect(run).rejects.toThrow('injected failure 1');
      expect(await t.sql(everything)).toEqual(before.metrics);
      expect(await t.sql(`select as_of::text from customer_metric_state`)).toEqual(before.state);
      expect(await t.sql(`select account_id from customer_metric_changes order by account_id`)).toEqual(logged);
      expect(await t.sql(`select relname from pg_class where relname like 'metric\\_handoff%'`)).toEqual([]);
      expect(await t.sql(`select state from pg_stat_activity where datname = current_database() and state like 'idle in transaction%'`)).toEqual([]);
      // The next run finds the change.
      const costOf = `select cost::text from customer_metrics where account_id = $1`;
      const [{ cost }] = await t.sql<{ cost: string }>(costOf, [ids.multiYear]);
      await t.app.get(MetricsRecompute).run('2026-06-30', new Date());
      expect(await t.sql(costOf, [ids.multiYear])).not.toEqual([{ cost }]);
      expect(await t.sql(`select account_id from customer_metric_changes`)).toEqual([]);
    });
  });

  it('swaps in new metric tables with the same indexes, keys and triggers, after a reader of the old ones is done', async () => {
    const recompute = t.app.get(MetricsRecompute);
    const catalog = `select 'index' as kind, indexname as name, indexdef as definition from pg_indexes where tablename in ('customer_metrics', 'customer_metric_years')
                     union all select 'constraint', conname, pg_get_constraintdef(oid) from pg_constraint where conrelid in ('customer_metrics'::regclass, 'customer_metric_years'::regclass)
                     union all select 'trigger', tgname, pg_get_triggerdef(oid) from pg_trigger where not tgisinternal and tgrelid in ('customer_metrics'::regclass, 'customer_metric_years'::regclass)
                     order by 1, 2`;
    const stamps = `select account_id, computed_at, facts_as_of from customer_metrics order by account_id`;
    await recompute.run('2026-06-30', new Date());
    const before = { catalog: await t.sql(catalog), stamps: await t.sql(stamps) };
    // The summaries' invalidation (both tables) and the metric change log's (migration 360: deletes and truncation).
    expect(before.catalog.filter((row) => row.kind === 'trigger').length).toBe(6);

    // A dashboard's repeatable-read transaction holds the tables: the swap waits for it (longer than one 5 s attempt
    // at the lock, so the step back and the retry run too), and it keeps its own view.
    await t.sql(`begin isolation level repeatable read`);
    await t.sql(`lock table customer_metrics, customer_metric_years in access share mode`);
    const [{ count }] = await t.sql<{ count: number }>(`select count(*)::int as count from customer_metrics`);
    let finished = false;
    const run = recompute.run('2026-06-30', new Date(Date.now() + 60_000)).then(() => (finished = true));
    await new Promise((resolve) => setTimeout(resolve, 6500));
    expect(finished).toBe(false);
    expect(await t.sql(`select count(*)::int as count from customer_metrics`)).toEqual([{ count }]);
    await t.sql(`commit`);
    await run;

    // Same indexes, constraints and triggers; nothing changed, so every row keeps the stamps of the run that wrote it.
    expect(await t.sql(catalog)).toEqual(before.catalog);
    expect(await t.sql(stamps)).toEqual(before.stamps);
    // The triggers work on the new tables: a metric write makes the dashboards' summaries stale.
    await t.sql(`update customer_summary_state set valid = true`);
    await t.sql(`update customer_metrics set loyalty_index = loyalty_index where false`);
    expect(await t.sql(`select valid from customer_summary_state`)).toEqual([{ valid: false }]);
  });

  it('keeps order_line_totals equal to the sums of the lines through inserts, updates (also moving lines) and deletes', async () => {
    const fromLines = `select l.order_id, sum(l.quantity * l.unit_cost)::text as cost, (sum(l.line_total) filter (where l.unit_cost is not null))::text as costed_total,
                              (count(*) filter (where l.unit_cost is null))::int as uncosted_lines, sum(l.line_total)::text as line_total,
                              sum(l.list_price * l.quantity)::text as list_amount,
                              coalesce(array_agg(distinct l.product_id) filter (where l.product_id is not null), '{}')::text[] as products
                         from order_lines l group by l.order_id order by l.order_id`;
    const kept = `select order_id, cost::text, costed_total::text, uncosted_lines, line_total::text, list_amount::text, products::text[] from order_line_totals order by order_id`;
    expect((await t.sql(kept)).length).toBeGreaterThan(0);
    expect(await t.sql(kept)).toEqual(await t.sql(fromLines));
    const [a, b] = await t.sql<{ order_id: string }>(`select order_id from order_line_totals order by order_id limit 2`);
    const [product] = await t.sql<{ id: string }>(`select id from products limit 1`);
    // A second line with a product and a cost, then costs changed, then every line of one order moved to another, then a delete.
    await t.sql(`insert into order_lines (id, order_id, position, product_id, description, quantity, list_price, net_price, line_total, unit_cost)
                 values ($1, $2, 99, $3, 'y', 2, 10, 8, 16, 3.333)`, [randomUUID(), a.order_id, product.id]);
    expect(await t.sql(kept)).toEqual(await t.sql(fromLines));
    await t.sql(`update order_lines set unit_cost = null where order_id = $1 and position = 0`, [a.order_id]);
    expect(await t.sql(kept)).toEqual(await t.sql(fromLines));
    await t.sql(`update order_lines set order_id = $2, position = position + 1000 where order_id = $1`, [b.order_id, a.order_id]);
    expect(await t.sql(kept)).toEqual(await t.sql(fromLines));
    expect(await t.sql(`select 1 from order_line_totals where order_id = $1`, [b.order_id])).toEqual([]);
    await t.sql(`delete from order_lines where order_id = $1 and position = 99`, [a.order_id]);
    expect(await t.sql(kept)).toEqual(await t.sql(fromLines));
  });

  it('counts only orders dated up to the as-of day', async () => {
    await t.app.get(MetricsRecompute).run('2023-12-31', new Date());
    const [row] = await t.sql<{ orders: number; revenue: string; day: string }>(`select orders, revenue::text, to_char(facts_as_of, 'YYYY-MM-DD') as day from customer_metrics where account_id = $1`, [ids.multiYear]);
    expect(row).toEqual({ orders: 2, revenue: '150.00', day: '2023-12-31' });
  });
});

describe('customer metrics: on-demand runs and who may start them', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const recompute = (token?: string) => t.http.post('/api/v1/analytics/metrics/recompute').set(token ? bearer(token) : {});

  it('refuses anonymous callers (401) and roles without analytics update (403)', async () => {
    await recompute().expect(401);
    for (const email of ['rep.e1@lianxi.test', 'manager.east@lianxi.test', 'finance@lianxi.test', 'marketing@lianxi.test']) {
      const { accessToken } = await t.login(email);
      const response = await recompute(accessToken);
      expect([email, response.status]).toEqual([email, 403]);
    }
    expect(await t.sql(`select 1 from analytics_runs`)).toEqual([]);
  });

  it('queues one run for the general manager and answers the same open run to the next caller', async () => {
    const gm = await t.login('gm@lianxi.test');
    const first = await recompute(gm.accessToken).expect(202);
    expect(first.body).toMatchObject({ kind: 'customer_metrics', trigger: 'manual', status: 'queued', requestedBy: gm.userId, customers: null });
    const director = await t.login('director@lianxi.test');
    const again = await recompute(director.accessToken).expect(202);
    expect(again.body.id).toBe(first.body.id);
    const admin = await t.login('admin@lianxi.test');
    expect((await recompute(admin.accessToken).expect(202)).body.id).toBe(first.body.id);
    expect(await t.sql(`select count(*)::int as runs from analytics_runs`)).toEqual([{ runs: 1 }]);

    // Watching runs: who may read analytics or start runs; nobody else.
    await t.http.get(`/api/v1/analytics/metrics/runs/${first.body.id}`).set(bearer(admin.accessToken)).expect(200);
    const rep = await t.login('rep.e1@lianxi.test');
    expect((await t.http.get('/api/v1/analytics/metrics/runs/latest').set(bearer(rep.accessToken)).expect(200)).body.id).toBe(first.body.id);
    const marketing = await t.login('marketing@lianxi.test');
    await t.http.get(`/api/v1/analytics/metrics/runs/${first.body.id}`).set(bearer(marketing.accessToken)).expect(403);
    await t.http.get(`/api/v1/analytics/metrics/runs/${randomUUID()}`).set(bearer(gm.accessToken)).expect(404);
    await t.http.get('/api/v1/analytics/metrics/runs/latest').expect(401);
  });
});

describe('customer metrics: through the job queue (pg-boss on the real PostgreSQL)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ JOBS_ENABLED: 'true' });
  });
  afterAll(() => t.close());

  it('computes the metrics of a fresh demo at start-up, without anyone asking', async () => {
    const deadline = Date.now() + 30_000;
    let runs: Array<{ status: string; trigger: string; requested_by: string | null; mode: string | null }> = [];
    while (Date.now() < deadline) {
      runs = await t.sql(`select status, trigger, requested_by, mode from analytics_runs`);
      if (runs.some((run) => run.status === 'succeeded' || run.status === 'failed')) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(runs).toEqual([{ status: 'succeeded', trigger: 'startup', requested_by: null, mode: 'full' }]);
    const [{ live }] = await t.sql<{ live: number }>(`select count(*)::int as live from accounts where deleted_at is null`);
    expect(await t.sql(`select count(*)::int as rows, (count(*) filter (where rfm_segment is not null))::int as scored from customer_metrics`))
      .toEqual([{ rows: live, scored: (await t.sql<{ n: number }>(`select count(distinct o.account_id)::int as n from orders o join accounts a on a.id = o.account_id and a.deleted_at is null where o.status <> 'cancelled' and o.order_date <= current_date`))[0].n }]);
  });

  it('runs a recompute asked for on demand, once, and records it', async () => {
    const gm = await t.login('gm@lianxi.test');
    const { body: run } = await t.http.post('/api/v1/analytics/metrics/recompute').set(bearer(gm.accessToken)).expect(202);
    let current = run;
    const deadline = Date.now() + 30_000;
    while (!['succeeded', 'failed'].includes(current.status) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      current = (await t.http.get(`/api/v1/analytics/metrics/runs/${run.id}`).set(bearer(gm.accessToken)).expect(200)).body;
    }
    const [{ live }] = await t.sql<{ live: number }>(`select count(*)::int as live from accounts where deleted_at is null`);
    expect(current).toMatchObject({ id: run.id, status: 'succeeded', customers: live, batches: 1, error: null });
    console.log(`customer metrics recompute of the demo data through pg-boss: ${live} customers, run ${new Date(current.finishedAt).getTime() - new Date(current.startedAt).getTime()} ms`);
    expect(await t.sql(`select count(*)::int as rows from customer_metrics`)).toEqual([{ rows: live }]);
    // The queue holds exactly one job for it, completed; and the nightly schedule is registered once.
    const jobs = await t.sql<{ state: string }>(`select state from pgboss.job where name = 'analytics.customer-metrics' and data->>'runId' = $1`, [run.id]);
    expect(jobs).toEqual([{ state: 'completed' }]);
    expect(await t.sql(`select cron, timezone from pgboss.schedule where name = 'analytics.customer-metrics'`)).toEqual([{ cron: '30 2 * * *', timezone: 'Asia/Shanghai' }]);
  });
});
