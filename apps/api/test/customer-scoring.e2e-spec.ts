import { randomUUID } from 'node:crypto';
import {
  classifyBehaviour,
  fitBgNbd,
  fitGammaGamma,
  growthRate,
  historicClv,
  lifecycleStage,
  loyaltyIndex,
  predictFromSummaries,
  quintileCutPoints,
  requireDay,
  revenueByPeriod,
  rfmValuesFromTransactions,
  scoreRfm,
  summarizeCustomers,
  type Transaction,
} from '@lianxi/analytics';
import { DataSource } from 'typeorm';
import { findDirtyAccounts } from '../src/analytics/metrics/metric-dirty';
import { quintileFractions } from '../src/analytics/metrics/metric-population';
import { MetricsRecompute } from '../src/analytics/metrics/metrics-recompute';
import { pgArray } from '../src/analytics/metrics/scoring-batch';
import { ScoringPool } from '../src/analytics/metrics/scoring-pool';
import { createTestApp, type TestApp } from './support/test-app';

const AS_OF = '2026-06-30';
const DISCOUNT_RATE = 0.1;
const HORIZON_WEEKS = 52;

interface Line { quantity: string; listPrice: string; netPrice: string; unitCost: string | null; product?: number }

/** Hand-made histories: a regular buyer, a lapsed one, a one-timer, a binned account, cancelled orders. */
async function craft(t: TestApp) {
  const [owner] = await t.sql<{ id: string; team_id: string }>(`select id, team_id from users where email = 'rep.e1@lianxi.test'`);
  const products = (await t.sql<{ id: string }>(`select id from products order by id limit 3`)).map((row) => row.id);
  const names = ['regular', 'lapsed', 'oneTimer', 'sameDay', 'binned', 'none'] as const;
  const ids = Object.fromEntries(names.map((name) => [name, randomUUID()])) as Record<(typeof names)[number], string>;
  for (const name of names) {
    await t.sql(`insert into accounts (id, name, kind, owner_id, team_id, deleted_at) values ($1, $2, 'company', $3, $4, $5)`, [
      ids[name], `Scoring ${name}`, owner.id, owner.team_id, name === 'binned' ? new Date() : null,
    ]);
  }
  let n = 0;
  const orderIds: string[] = [];
  const order = async (account: string, date: string, status: string, lines: Line[]) => {
    const id = randomUUID();
    const subtotal = lines.reduce((sum, line) => sum + Number(line.quantity) * Number(line.netPrice), 0).toFixed(2);
    await t.sql(
      `insert into orders (id, number, account_id, currency, status, order_date, tax_rate, subtotal, tax_amount, total, owner_id, team_id)
       values ($1, $2, $3, 'CNY', $4, $5, 0, $6, 0, $6, $7, $8)`,
      [id, `SO-SCORE-${++n}`, account, status, date, subtotal, owner.id, owner.team_id],
    );
    for (const [position, line] of lines.entries()) {
      await t.sql(
        `insert into order_lines (id, order_id, position, product_id, description, quantity, list_price, net_price, line_total, unit_cost)
         values ($1, $2, $3, $4, 'x', $5, $6, $7, round($5::numeric * $7::numeric, 2), $8)`,
        [randomUUID(), id, position, line.product === undefined ? null : products[line.product], line.quantity, line.listPrice, line.netPrice, line.unitCost],
      );
    }
    orderIds.push(id);
    return id;
  };
  const line = (net: string, product?: number, list = net, cost: string | null = '10.00'): Line => ({ quantity: '2', listPrice: list, netPrice: net, unitCost: cost, product });
  // Regular: every two months for three years, three products, some discount.
  for (let month = 0; month < 36; month += 2) {
    const date = `${2023 + Math.floor((month + 6) / 12)}-${String(((month + 6) % 12) + 1).padStart(2, '0')}-15`;
    await order(ids.regular, date, 'confirmed', [line('120.00', month % 3, '150.00'), line('30.00', undefined, '30.00', null)]);
  }
  await order(ids.regular, '2025-03-20', 'cancelled', [line('9999.00', 0)]);
  // Lapsed: bought in 2022 and 2023 only.
  for (const date of ['2022-02-01', '2022-06-01', '2022-11-11', '2023-04-04']) await order(ids.lapsed, date, 'paid', [line('400.00', 1)]);
  const oneTimer = await order(ids.oneTimer, '2026-05-01', 'ordered', [line('75.50', 2, '80.00', null)]);
  // Two orders on one day: one purchase day; then a later day.
  await order(ids.sameDay, '2025-09-09', 'delivered', [line('50.00', 0)]);
  await order(ids.sameDay, '2025-09-09', 'delivered', [line('60.00', 1)]);
  await order(ids.sameDay, '2026-01-09', 'delivered', [line('80.00', 2)]);
  await order(ids.binned, '2025-01-01', 'confirmed', [line('500.00', 0)]);
  return { ids, oneTimer };
}

interface StoredRow {
  account_id: string; rfm_recency: number | null; rfm_frequency: number | null; rfm_monetary: number | null; rfm_segment: string | null;
  behaviour_class: string | null; lifecycle_stage: string | null; historic_clv: string | null; predicted_transactions: string | null;
  probability_alive: string | null; expected_spend: string | null; predicted_clv: string | null; loyalty_index: string | null;
}
const STORED = `select account_id, rfm_recency, rfm_frequency, rfm_monetary, rfm_segment, behaviour_class, lifecycle_stage, historic_clv::text,
                       predicted_transactions::text, probability_alive::text, expected_spend::text, predicted_clv::text, loyalty_index::text
                  from customer_metrics`;

/** Every score of every live account, computed here from the raw orders and lines with the library only. */
async function independentScores(t: TestApp) {
  const asOfDay = requireDay(AS_OF, 'asOf');
  const orders = await t.sql<{ account_id: string; day: string; subtotal: string }>(
    `select o.account_id, to_char(o.order_date, 'YYYY-MM-DD') as day, o.subtotal::text
       from orders o join accounts a on a.id = o.account_id and a.deleted_at is null
      where o.status <> 'cancelled' and o.order_date <= $1 order by o.account_id, o.order_date, o.id`,
    [AS_OF],
  );
  const lines = await t.sql<{ account_id: string; year: number; product_id: string | null; quantity: string; list_price: string; net_price: string; line_total: string; unit_cost: string | null }>(
    `select o.account_id, extract(year from o.order_date)::int as year, l.product_id, l.quantity::text, l.list_price::text, l.net_price::text, l.line_total::text, l.unit_cost::text
       from orders o join accounts a on a.id = o.account_id and a.deleted_at is null join order_lines l on l.order_id = o.id
      where o.status <> 'cancelled' and o.order_date <= $1`,
    [AS_OF],
  );
  const transactions: Transaction[] = orders.map((row) => ({ customerId: row.account_id, day: requireDay(row.day, 'day'), amount: Number(row.subtotal) }));
  const rfmValues = rfmValuesFromTransactions(transactions, asOfDay);
  const breakpoints = {
    recency: quintileCutPoints(rfmValues.map((v) => v.recencyDays), 'recency'),
    frequency: quintileCutPoints(rfmValues.map((v) => v.frequency), 'frequency'),
    monetary: quintileCutPoints(rfmValues.map((v) => v.monetary), 'monetary'),
  };
  const summaries = summarizeCustomers(transactions, asOfDay);
  const bgNbd = fitBgNbd(summaries);
  const gammaGamma = fitGammaGamma(summaries);
  const predictions = new Map(predictFromSummaries(summaries, bgNbd, gammaGamma, HORIZON_WEEKS, { discountRate: DISCOUNT_RATE }).map((p) => [p.customerId, p]));
  const scores = new Map<string, Record<string, unknown>>();
  for (const values of rfmValues) {
    const id = values.customerId;
    const mine = transactions.filter((tx) => tx.customerId === id);
    const byDay = new Map<number, number>();
    for (const tx of mine) byDay.set(tx.day, (byDay.get(tx.day) ?? 0) + tx.amount);
    const days = [...byDay.keys()].sort((a, b) => a - b);
    const myLines = lines.filter((l) => l.account_id === id);
    const products = new Set(myLines.filter((l) => l.product_id !== null).map((l) => l.product_id)).size;
    const list = myLines.reduce((sum, l) => sum + Number(l.list_price) * Number(l.quantity), 0);
    const discount = myLines.reduce((sum, l) => sum + (Number(l.list_price) - Number(l.net_price)) * Number(l.quantity), 0);
    const rfm = scoreRfm(values, breakpoints);
    const recent = days.filter((d) => d > asOfDay - 365).length;
    const before = days.filter((d) => d <= asOfDay - 365 && d > asOfDay - 730).length;
    const costed = myLines.filter((l) => l.unit_cost !== null);
    let historic: number | null = null;
    if (costed.length) {
      const firstYear = new Date(days[0] * 86_400_000).getUTCFullYear();
      const n = Number(AS_OF.slice(0, 4)) - firstYear + 1;
      const revenue = new Array<number>(n).fill(0);
      const cost = new Array<number>(n).fill(0);
      for (const l of costed) {
        revenue[l.year - firstYear] += Number(l.line_total);
        cost[l.year - firstYear] += Number(l.quantity) * Number(l.unit_cost);
      }
      historic = historicClv({ revenue, directCost: cost, indirectCost: new Array<number>(n).fill(0) }, DISCOUNT_RATE).valueToday;
    }
    const prediction = predictions.get(id)!;
    scores.set(id, {
      rfm,
      behaviourClass: classifyBehaviour({ purchaseDays: days, asOfDay, productLines: products }),
      lifecycleStage: lifecycleStage({
        periodRevenue: revenueByPeriod(days.map((day) => ({ day, amount: byDay.get(day)! })), asOfDay, 91, 8),
        firstPurchaseDay: days[0], lastPurchaseDay: days[days.length - 1], asOfDay,
      }),
      historicClv: historic,
      prediction,
      loyalty: loyaltyIndex({
        purchaseDurationDays: asOfDay - days[0], purchasesPerYear: recent, frequencyTrend: growthRate(recent, before), productLines: products,
        discountShare: list > 0 ? Math.min(1, Math.max(0, discount / list)) : null, referrals: null,
      }).index,
    });
  }
  return { breakpoints, scores, buyers: rfmValues.length };
}

function expectScores(stored: StoredRow, expected: Record<string, unknown>): void {
  const rfm = expected.rfm as { r: number; f: number; m: number; segment: string };
  const prediction = expected.prediction as { expectedTransactions: number; probabilityAlive: number; expectedSpend: number; clv: number };
  expect([stored.account_id, stored.rfm_recency, stored.rfm_frequency, stored.rfm_monetary, stored.rfm_segment]).toEqual([stored.account_id, rfm.r, rfm.f, rfm.m, rfm.segment]);
  expect([stored.account_id, stored.behaviour_class, stored.lifecycle_stage]).toEqual([stored.account_id, expected.behaviourClass, expected.lifecycleStage]);
  if (expected.historicClv === null) expect(stored.historic_clv).toBeNull();
  else expect(Number(stored.historic_clv)).toBeCloseTo(expected.historicClv as number, 1);
  expect(Number(stored.predicted_transactions)).toBeCloseTo(prediction.expectedTransactions, 3);
  expect(Number(stored.probability_alive)).toBeCloseTo(prediction.probabilityAlive, 5);
  // Two separate Nelder–Mead runs on the same data agree to well within a cent of spend per 100.
  expect(Math.abs(Number(stored.expected_spend) - prediction.expectedSpend)).toBeLessThanOrEqual(0.01 + prediction.expectedSpend * 1e-4);
  expect(Math.abs(Number(stored.predicted_clv) - prediction.clv)).toBeLessThanOrEqual(0.01 + prediction.clv * 1e-4);
  expect(Number(stored.loyalty_index)).toBeCloseTo(expected.loyalty as number, 3);
}

describe('customer scoring: every stored score against the library on the raw orders', () => {
  let t: TestApp;
  let crafted: Awaited<ReturnType<typeof craft>>;

  beforeAll(async () => {
    t = await createTestApp({ ANALYTICS_DISCOUNT_RATE: String(DISCOUNT_RATE), ANALYTICS_HORIZON_WEEKS: String(HORIZON_WEEKS) });
    crafted = await craft(t);
  });
  afterAll(() => t.close());

  it('scores every live buyer as the library does from the raw transactions; RFM cut points are quintileCutPoints', async () => {
    const recompute = t.app.get(MetricsRecompute);
    const result = await recompute.run(AS_OF, new Date(), { mode: 'full', batchSize: 4 });
    const expected = await independentScores(t);
    const population = await recompute.population(AS_OF);
    expect(population.buyers).toBe(expected.buyers);
    expect(population.recencyDaysQuintiles).toEqual(expected.breakpoints.recency);
    expect(population.frequencyQuintiles).toEqual(expected.breakpoints.frequency);
    expect(population.monetaryQuintiles.map(Number)).toEqual(expected.breakpoints.monetary);
    expect(result.modelCustomers).toBe(expected.buyers);

    const stored = await t.sql<StoredRow>(`${STORED} where orders > 0 order by account_id`);
    expect(stored.length).toBe(expected.buyers);
    for (const row of stored) expectScores(row, expected.scores.get(row.account_id)!);

    const { ids } = crafted;
    const byId = Object.fromEntries(stored.map((row) => [row.account_id, row]));
    // The hand-made histories land where their stories say.
    expect(byId[ids.regular]).toMatchObject({ behaviour_class: 'loyal', lifecycle_stage: 'mature' });
    expect(byId[ids.lapsed]).toMatchObject({ lifecycle_stage: 'terminated' });
    expect(byId[ids.oneTimer]).toMatchObject({ behaviour_class: 'potential', lifecycle_stage: 'development', historic_clv: null, probability_alive: '1.000000' });
    // No purchase: only the lifecycle stage; binned: no row at all.
    expect((await t.sql(`${STORED} where account_id = $1`, [ids.none]))[0]).toMatchObject({ lifecycle_stage: 'potential', rfm_segment: null, predicted_clv: null, loyalty_index: null });
    expect(await t.sql(`select 1 from customer_metrics where account_id = $1`, [ids.binned])).toEqual([]);
    // Same-day orders are one purchase day; the facts keep the days and their revenue.
    expect((await t.sql(`select purchase_days, orders, purchase_dates::text[] as dates, purchase_day_revenue::text[] as revenue, products from customer_metrics where account_id = $1`, [ids.sameDay]))[0])
      .toEqual({ purchase_days: 2, orders: 3, dates: ['2025-09-09', '2026-01-09'], revenue: ['220.00', '160.00'], products: 3 });
  });

  it('scoring threads store the same rows as the run on its own thread; a thread that fails fails its batches', async () => {
    const recompute = t.app.get(MetricsRecompute);
    const rows = () => t.sql(`select * from customer_metrics order by account_id`);
    const own = await recompute.run(AS_OF, new Date('2026-07-01T00:00:00Z'), { mode: 'full', batchSize: 2, scoringThreads: 0 });
    const ownRows = await rows();
    const threaded = await recompute.run(AS_OF, new Date('2026-07-02T00:00:00Z'), { mode: 'full', batchSize: 2, scoringThreads: 2 });
    expect([own.scoringThreads, threaded.scoringThreads, threaded.batches]).toEqual([0, 2, own.batches]);
    expect(threaded.batches).toBeGreaterThan(2);
    // Same scores to the digit: no row changed, so every row kept the first run's computed_at.
    expect(await rows()).toEqual(ownRows);

    const population = await recompute.population(AS_OF);
    const broken = new ScoringPool(1, { ...population, asOf: 'not a day' }, { discountRate: DISCOUNT_RATE, horizonWeeks: HORIZON_WEEKS });
    await expect(broken.score([{ account_id: crafted.ids.regular, facts: '1|1|1.00|||1||2026-01-01|1.00|' }])).rejects.toThrow(/asOf/);
    await expect(broken.score([])).rejects.toThrow(/asOf/);
    await broken.close();
  });

  it('the scores leave as array literals PostgreSQL reads back element for element', async () => {
    const values = ['champions', 'NULL', 'null', '', 'x"y', 'a\\b', 'with space', '{}', ',', null, 1.5, -2, 1e-7, '12.30', '-0.50', 'c0a8f0e2-0000-4000-8000-000000000001'];
    const [{ back }] = await t.sql<{ back: Array<string | null> }>(`select $1::text[] as back`, [pgArray(values)]);
    expect(back).toEqual(values.map((value) => (value === null ? null : typeof value === 'number' ? String(value) : value)));
    const [{ numbers }] = await t.sql<{ numbers: string[] }>(`select $1::numeric[]::text[] as numbers`, [pgArray([1e-7, -2, '12.30', null])]);
    expect(numbers).toEqual(['0.0000001', '-2', '12.30', null]);
  });

  it('percentile_disc with the fractions picks exactly quintileCutPoints, for every population size up to 60', async () => {
    for (let n = 1; n <= 60; n++) {
      const values = Array.from({ length: n }, (_, i) => (i * 7919) % 23);
      const [{ cuts }] = await t.sql<{ cuts: number[] }>(`select percentile_disc($2::float8[]) within group (order by v) as cuts from unnest($1::int[]) v`, [values, quintileFractions(n)]);
      expect([n, cuts]).toEqual([n, quintileCutPoints(values, 'v')]);
    }
  });

  it('an incremental run after one order changes refreshes only that account, and equals a full run', async () => {
    const recompute = t.app.get(MetricsRecompute);
    await recompute.run(AS_OF, new Date(), { mode: 'full' });
    const [touched] = await t.sql<{ id: string }>(`select id from orders where account_id = $1 order by order_date desc limit 1`, [crafted.ids.regular]);
    await t.sql(`update orders set status = 'cancelled', updated_at = now() where id = $1`, [touched.id]);
    // The one-timer's order moves to the lapsed account (both change).
    await t.sql(`update orders set account_id = $2, updated_at = now() where id = $1`, [crafted.oneTimer, crafted.ids.lapsed]);
    const factsOf = `select account_id, orders, revenue, purchase_dates::text from customer_metrics order by account_id`;
    const before = await t.sql<{ account_id: string }>(factsOf);
    const incremental = await recompute.run(AS_OF, new Date(), { mode: 'incremental' });
    expect(incremental.factsRefreshed).toBe(3);
    const after = await t.sql<{ account_id: string }>(factsOf);
    const changed = after.filter((row, i) => JSON.stringify(row) !== JSON.stringify(before[i])).map((row) => row.account_id).sort();
    expect(changed).toEqual([crafted.ids.regular, crafted.ids.lapsed, crafted.ids.oneTimer].sort());
    const facts = `select account_id, first_purchase_on, last_purchase_on, orders, purchase_days, revenue, cost, profit, uncosted_lines, purchase_dates,
                          purchase_day_revenue, products, discount_share,
                          rfm_recency, rfm_frequency, rfm_monetary, rfm_segment, behaviour_class, lifecycle_stage, historic_clv, predicted_transactions,
                          probability_alive, expected_spend, predicted_clv, loyalty_index,
                          (select json_agg(y order by y.year) from customer_metric_years y where y.account_id = m.account_id) as years
                     from customer_metrics m order by account_id`;
    const incrementalRows = await t.sql(facts);
    expect((await t.sql(`select orders from customer_metrics where account_id = $1`, [crafted.ids.oneTimer]))[0]).toEqual({ orders: 0 });
    await recompute.run(AS_OF, new Date(), { mode: 'full' });
    expect(await t.sql(facts)).toEqual(incrementalRows);
    // And still what the library says from the raw orders.
    const expected = await independentScores(t);
    for (const row of await t.sql<StoredRow>(`${STORED} where orders > 0`)) expectScores(row, expected.scores.get(row.account_id)!);
  });

  it('an incremental run with nothing changed refreshes no facts', async () => {
    const result = await t.app.get(MetricsRecompute).run(AS_OF, new Date(), { mode: 'incremental' });
    expect(result.factsRefreshed).toBe(0);
    expect(result.customers).toBeGreaterThan(0);
  });

  it('an order deleted outright (no endpoint does it, but the database allows it) is noticed by the incremental run', async () => {
    const [gone] = await t.sql<{ id: string }>(`select id from orders where account_id = $1 and order_date = '2026-01-09'`, [crafted.ids.sameDay]);
    await t.sql(`delete from orders where id = $1`, [gone.id]);
    const result = await t.app.get(MetricsRecompute).run(AS_OF, new Date(), { mode: 'incremental' });
    expect(result.factsRefreshed).toBe(1);
    expect((await t.sql(`select orders, purchase_days, purchase_dates::text[] as dates, revenue::text from customer_metrics where account_id = $1`, [crafted.ids.sameDay]))[0])
      .toEqual({ orders: 2, purchase_days: 1, dates: ['2025-09-09'], revenue: '220.00' });
  });
  describe('which accounts an incremental run rebuilds (the change log, migration 360)', () => {
    const run = (asOf = AS_OF) => t.app.get(MetricsRecompute).run(asOf, new Date(), { mode: 'incremental' });
    const factsOf = (account: string) => t.sql(`select orders, purchase_days, revenue::text, cost::text, products, purchase_dates::text[] as dates from customer_metrics where account_id = $1`, [account]);
    const fullFacts = `select account_id, first_purchase_on, last_purchase_on, orders, purchase_days, revenue, cost, profit, uncosted_lines, purchase_dates,
                              purchase_day_revenue, products, discount_share,
                              (select json_agg(y order by y.year) from customer_metric_years y where y.account_id = m.account_id) as years
                         from customer_metrics m order by account_id`;
    /** After the incremental run: a full run finds the same facts and years for every account. */
    const expectSameAsFull = async () => {
      const incremental = await t.sql(fullFacts);
      await t.app.get(MetricsRecompute).run(AS_OF, new Date(), { mode: 'full' });
      expect(await t.sql(fullFacts)).toEqual(incremental);
    };

    beforeAll(async () => {
      await t.app.get(MetricsRecompute).run(AS_OF, new Date(), { mode: 'full' });
    });

    it('an order edit that the facts do not read (its notes) rebuilds nothing; a line edit rebuilds its account', async () => {
      const [order] = await t.sql<{ id: string }>(`select id from orders where account_id = $1 order by order_date limit 1`, [crafted.ids.lapsed]);
      await t.sql(`update orders set notes = 'called', updated_at = now() where id = $1`, [order.id]);
      expect((await run()).factsRefreshed).toBe(0);
      const before = (await factsOf(crafted.ids.lapsed))[0] as { revenue: string; cost: string };
      await t.sql(`update order_lines set unit_cost = 15.00 where order_id = $1`, [order.id]);
      const result = await run();
      expect([result.mode, result.factsRefreshed]).toEqual(['incremental', 1]);
      expect((await factsOf(crafted.ids.lapsed))[0]).toMatchObject({ revenue: before.revenue, cost: (Number(before.cost) + 10).toFixed(2) });
      await expectSameAsFull();
    });

    it('a later as-of day brings an order dated in between into the facts, an earlier one takes it out again', async () => {
      const [owner] = await t.sql<{ id: string; team_id: string }>(`select id, team_id from users where email = 'rep.e1@lianxi.test'`);
      await t.sql(
        `insert into orders (id, number, account_id, currency, status, order_date, tax_rate, subtotal, tax_amount, total, owner_id, team_id)
         values ($1, 'SO-SCORE-LATER', $2, 'CNY', 'confirmed', '2026-07-10', 0, 99.00, 0, 99.00, $3, $4)`,
        [randomUUID(), crafted.ids.sameDay, owner.id, owner.team_id],
      );
      // Logged when inserted: rebuilt as of AS_OF, where the order is still in the future.
      expect((await run()).factsRefreshed).toBe(1);
      expect((await factsOf(crafted.ids.sameDay))[0]).toMatchObject({ orders: 2, purchase_days: 1 });
      expect((await run()).factsRefreshed).toBe(0);
      // Nothing logged since, but the new day reaches the order (and the demo data's orders of those days).
      const [{ reached }] = await t.sql<{ reached: number }>(
        `select count(distinct o.account_id)::int as reached from orders o join accounts a on a.id = o.account_id and a.deleted_at is null
          where o.order_date > $1 and o.order_date <= '2026-07-31'`,
        [AS_OF],
      );
      expect(reached).toBeGreaterThanOrEqual(1);
      expect((await run('2026-07-31')).factsRefreshed).toBe(reached);
      expect((await factsOf(crafted.ids.sameDay))[0]).toMatchObject({ orders: 3, purchase_days: 2, dates: ['2025-09-09', '2026-07-10'] });
      expect((await run()).factsRefreshed).toBe(reached);
      expect((await factsOf(crafted.ids.sameDay))[0]).toMatchObject({ orders: 2, purchase_days: 1 });
      await expectSameAsFull();
    });

    it('a new account, an account restored from the bin and a metrics row deleted by hand are rebuilt; binned ones leave', async () => {
      const [owner] = await t.sql<{ id: string; team_id: string }>(`select id, team_id from users where email = 'rep.e1@lianxi.test'`);
      const fresh = randomUUID();
      await t.sql(`insert into accounts (id, name, kind, owner_id, team_id) values ($1, 'Scoring fresh', 'company', $2, $3)`, [fresh, owner.id, owner.team_id]);
      await t.sql(`update accounts set deleted_at = null where id = $1`, [crafted.ids.binned]);
      await t.sql(`delete from customer_metrics where account_id = $1`, [crafted.ids.regular]);
      const result = await run();
      expect(result.factsRefreshed).toBe(3);
      expect(await t.sql(`select account_id, lifecycle_stage from customer_metrics where account_id = $1`, [fresh])).toEqual([{ account_id: fresh, lifecycle_stage: 'potential' }]);
      expect((await factsOf(crafted.ids.binned))[0]).toMatchObject({ orders: 1, revenue: '1000.00' });
      expect(await factsOf(crafted.ids.regular)).toHaveLength(1);
      await expectSameAsFull();
      await t.sql(`update accounts set deleted_at = now() where id = $1`, [crafted.ids.binned]);
      expect((await run()).factsRefreshed).toBe(0);
      expect(await factsOf(crafted.ids.binned)).toEqual([]);
      expect(await t.sql(`select 1 from customer_metric_years where account_id = $1`, [crafted.ids.binned])).toEqual([]);
    });

    it('a run that fails leaves the log for the next; without a remembered as-of day an incremental run is a full one', async () => {
      await t.sql(`update orders set order_date = order_date - 1 where account_id = $1`, [crafted.ids.lapsed]);
      // The dirty accounts are found in the run's transaction: a run that fails after that gives the log back.
      await expect(t.app.get(DataSource).transaction(async (manager) => {
        await findDirtyAccounts((sql, params) => manager.query(sql, params), AS_OF, 'incremental');
        expect(await manager.query(`select account_id from metric_dirty`)).toEqual([{ account_id: crafted.ids.lapsed }]);
        throw new Error('the run failed');
      })).rejects.toThrow('the run failed');
      expect((await run()).factsRefreshed).toBe(1);
      await t.sql(`delete from customer_metric_state`);
      const result = await run();
      const [{ live }] = await t.sql<{ live: number }>(`select count(*)::int as live from accounts where deleted_at is null`);
      expect([result.mode, result.factsRefreshed]).toEqual(['full', live]);
    });
  });
});
