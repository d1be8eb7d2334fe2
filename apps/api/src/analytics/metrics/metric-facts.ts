import { findDirtyAccounts, LIVE_ACCOUNTS } from './metric-dirty';
import type { SecondConnection } from './metric-second-connection';

/** Orders that count as purchases: everything but cancelled ones, dated up to the as-of day. */
const PURCHASE = `o.status <> 'cancelled' and o.order_date <= $1::date`;

export type FactsMode = 'full' | 'incremental';

/** A statement of the run, timed when the benchmark asks (runQuery). */
export type RunQuery = <T = unknown>(sql: string, params?: unknown[]) => Promise<T>;

/**
 * A connection's statements as a RunQuery, for the run's transaction and its second connection alike: each timed when
 * asked (the benchmark prints where a run spends its time: `label`, a step number and the statement's first words).
 * Statements sent while one is running (the scoring's pipeline) wait here for the ones before, in order: the driver
 * would queue them too, but that queue is deprecated (pg 8 warns; pg 9 drops it).
 */
export function runQuery(send: (sql: string, params?: unknown[]) => Promise<unknown>, trace?: (step: string, ms: number) => void, label = ''): RunQuery {
  let step = 0;
  let previous: Promise<unknown> = Promise.resolve();
  return <T = unknown>(sql: string, params?: unknown[]): Promise<T> => {
    const statement = previous.then(async () => {
      const started = Date.now();
      const result = (await send(sql, params)) as T;
      trace?.(`${label}${++step} ${sql.trim().split(/\s+/).slice(0, 4).join(' ')}`, Date.now() - started);
      return result;
    });
    previous = statement.catch(() => undefined);
    return statement;
  };
}

/** The facts columns of `customer_metrics` (everything but the scores and `computed_at`), in table order. */
export const FACT_COLUMNS = [
  'account_id', 'first_purchase_on', 'last_purchase_on', 'orders', 'purchase_days', 'revenue', 'cost', 'profit', 'uncosted_lines', 'purchase_dates',
  'purchase_day_revenue', 'products', 'discount_share', 'years', 'facts_as_of',
] as const;

/** The facts that decide whether `facts_as_of` moves. */
export const STORED_FACTS = FACT_COLUMNS.filter((column) => column !== 'account_id' && column !== 'facts_as_of');

/**
 * One account's years as the scoring reads them and `customer_metrics.years` keeps them (migration 362):
 * `year:orders:revenue:cost:profit` joined by `;`, ascending, an unknown cost or profit empty (parsed by
 * metrics-recompute.ts; a third of the time and size of the same as JSON).
 */
const YEARS_TEXT = `string_agg(year || ':' || orders || ':' || revenue || ':' || coalesce(cost::text, '') || ':' || coalesce(profit::text, ''), ';' order by year)`;

/**
 * The facts step of a run, set-based and server-side (no row crosses to Node), into temporary tables of the run's
 * transaction only — the metric tables are written once, at the end, facts and scores together (metric-tables.ts):
 * - `metric_dirty` / `metric_all` / `metric_years`: the accounts whose orders changed since the last run (every live
 *   account in a full run; metric-dirty.ts), their facts rebuilt from the orders and lines (and their years as text,
 *   for the scoring), and their per-year rows;
 * - `metric_facts`: a view of the facts of every live account the run scores — the rebuilt ones, and in an incremental
 *   run the others as stored.
 * A run that rebuilds every account does it on two connections when given a second one (`second`): half the accounts
 * each, the other half's rows handed over at the end (rebuildInHalves). An incremental run stays on its own.
 * Returns how many accounts were rebuilt, and the mode the run has: an incremental run that rebuilds every account (the
 * first, or after a truncation: metric-dirty.ts) is a full one.
 */
export async function computeFacts(
  query: RunQuery, asOf: string, mode: FactsMode, baseCurrency: string, second?: SecondConnection,
): Promise<{ factsRefreshed: number; mode: FactsMode }> {
  const everyAccount = await findDirtyAccounts(query, asOf, mode);
  if (everyAccount && second) await rebuildInHalves(query, asOf, baseCurrency, second);
  else await rebuildFacts(query, asOf, baseCurrency, everyAccount);
  // The run scores every live account: in an incremental run the others with their facts and years as stored, read in
  // place rather than copied into the run's table (about the same time at 1M customers, without a million-row copy).
  // Live: not binned since (accounts are binned, never deleted: a few to look up, where joining a million live ones
  // cost every read of the view a second).
  const stored = `union all select ${FACT_COLUMNS.map((column) => `m.${column}`).join(', ')}
                    from customer_metrics m
                   where not exists (select 1 from metric_dirty d where d.account_id = m.account_id)
                     and not exists (select 1 from accounts a where a.id = m.account_id and a.deleted_at is not null)`;
  await query(`create temporary view metric_facts as select ${FACT_COLUMNS.join(', ')} from metric_all ${everyAccount ? '' : stored}`);
  await query(`analyze metric_all`);
  const [{ count }]: Array<{ count: number }> = await query(`select count(*)::int as count from metric_dirty`);
  return { factsRefreshed: count, mode: everyAccount ? 'full' : 'incremental' };
}

/**
 * Every account's facts on two connections: at 1M customers the groupings below take ~45 s on one core, and PostgreSQL
 * cannot run them in parallel itself (its workers cannot read temporary tables). The accounts split at their median id;
 * this connection rebuilds those below it while the second rebuilds the others with the same statements, in its own
 * temporary tables, and hands its `metric_all` and `metric_years` over (metric-second-connection.ts).
 *
 * Consistency: the second connection reads in a snapshot of this transaction taken after findDirtyAccounts deleted the
 * change log, as do this connection's own later statements (each takes a newer one, read committed). Each account is
 * rebuilt on one connection from one snapshot, of its orders as they were at or after that delete; an order written
 * since stays logged for the next run (metric-dirty.ts). The second connection's accounts are the live ones of its
 * snapshot: one created or binned between the two is simply scored or left out a run early (it is logged too).
 */
async function rebuildInHalves(query: RunQuery, asOf: string, baseCurrency: string, second: SecondConnection): Promise<void> {
  const [{ middle }]: Array<{ middle: string | null }> = await query(
    `select (percentile_disc(0.5) within group (order by account_id))::text as middle from metric_dirty`,
  );
  if (middle === null) return rebuildFacts(query, asOf, baseCurrency, true);
  await second.start(query, async (otherQuery) => {
    await otherQuery(`create temporary table metric_dirty on commit drop as ${LIVE_ACCOUNTS}`);
    await otherQuery(`analyze metric_dirty`);
    await rebuildFacts(otherQuery, asOf, baseCurrency, true, { middle, upper: true });
  }, HANDED_OVER);
  try {
    await rebuildFacts(query, asOf, baseCurrency, true, { middle, upper: false });
  } catch (error) {
    await second.abandon();
    throw error;
  }
  await second.handOver(query, HANDED_OVER);
}

/** What the rest of the run reads of the facts step's tables besides `metric_dirty`. */
const HANDED_OVER = ['metric_all', 'metric_years'] as const;

/** Half of the accounts: those with an id below `middle`, or (`upper`) the others. */
interface AccountHalf {
  middle: string;
  upper: boolean;
}

/**
 * The facts of the accounts of `metric_dirty` (of one half of them when given), rebuilt from their orders into
 * `metric_all` and `metric_years` (computeFacts).
 */
async function rebuildFacts(query: RunQuery, asOf: string, baseCurrency: string, everyAccount: boolean, half?: AccountHalf): Promise<void> {
  // The half's accounts: `$n` is its middle account id.
  const inHalf = (column: string, n: number) => (half ? `${column} ${half.upper ? '>=' : '<'} $${n}::uuid` : 'true');
  const middle = half ? [half.middle] : [];
  // The purchases of the dirty accounts, once, with the sums of their lines kept per order (order_line_totals,
  // migration 270): everything below reads these rows alone, never the lines (numeric sums over ten million lines
  // were most of a full run).
  // Money in the base currency ($2) at the order day's rate (docs/analytics.md, "Currencies"): base-currency orders
  // as they are, without a lookup; the others at `exchange_rate_on` (migration 290: one primary-key probe per order,
  // in the inner query: OFFSET 0 keeps it from being pulled up and repeated per column). An order without a rate
  // still counts as a purchase (its day, for recency and frequency) with no revenue (0) and no cost, margin or
  // discount (null: left out of the sums).
  // A few thousand dirty accounts (an incremental run) are best read through the orders' account index; at the
  // default random_page_cost (4, spinning disks) the planner hashes all four million orders instead (5.5 s against
  // 2 s at 1M customers). The orders of a working database are cached or on SSD: 1.1 for this statement.
  await query(`set local random_page_cost = 1.1`);
  // In a full run every live account is dirty: the orders of all but the binned accounts (a small set to hash, where
  // joining four million orders to a million dirty accounts took 5 s at 1M customers).
  const dirtyOrders = everyAccount
    ? `orders o`
    : `metric_dirty d join orders o on o.account_id = d.account_id`;
  const purchase = everyAccount
    ? `${PURCHASE} and not exists (select 1 from accounts a where a.id = o.account_id and a.deleted_at is not null)`
    : PURCHASE;
  await query(
    `create temporary table metric_purchase on commit drop as
     select p.id, p.account_id, p.order_date,
            case when p.base then p.subtotal else coalesce(p.subtotal * p.rate, 0) end as subtotal,
            case when p.base then p.cost else p.cost * p.rate end as cost,
            case when p.base then p.costed_total else p.costed_total * p.rate end as costed_total,
            p.uncosted_lines,
            case when p.base then p.line_total else p.line_total * p.rate end as line_total,
            case when p.base then p.list_amount else p.list_amount * p.rate end as list_amount,
            p.products
       from (select o.id, o.account_id, o.order_date, o.subtotal, t.cost, t.costed_total, t.uncosted_lines, t.line_total, t.list_amount, t.products,
                    o.currency = $2 as base,
                    case when o.currency <> $2 then exchange_rate_on(o.currency, o.order_date) end as rate
               from ${dirtyOrders} left join order_line_totals t on t.order_id = o.id
              where ${purchase} and ${inHalf('o.account_id', 3)}
             offset 0) p`,
    [asOf, baseCurrency, ...middle],
  );
  await query(`set local random_page_cost to default`);
  await query(`analyze metric_purchase`);
  // Per purchase day (revenue is the order subtotal), per account and year (the finest grain cost and profit are
  // kept at), and the distinct products per account: the (account, product) pairs, then counted.
  await query(
    `create temporary table metric_day on commit drop as
     select account_id, order_date as day, count(*)::int as orders, sum(subtotal) as revenue from metric_purchase group by account_id, order_date`,
  );
  await query(
    `create temporary table metric_year_lines on commit drop as
     select account_id, extract(year from order_date)::int as year, count(*)::int as orders, sum(subtotal) as revenue, sum(cost) as cost,
            sum(costed_total) as costed_total, sum(uncosted_lines) as uncosted, sum(line_total) as line_total, sum(list_amount) as list_amount
       from metric_purchase
      group by account_id, extract(year from order_date)::int`,
  );
  await query(
    `create temporary table metric_products on commit drop as
     select account_id, count(*)::int as products
       from (select p.account_id, u.product_id from metric_purchase p cross join unnest(p.products) u(product_id) group by 1, 2) pairs
      group by account_id`,
  );
  // The dirty accounts' years (written to customer_metric_years at the end of the run), each with what the retention
  // figures count of it (migration 381): retained when the account bought the year before, leaving when not the year after.
  await query(
    `create temporary table metric_years on commit drop as
     select account_id, year::smallint as year, orders, revenue, round(cost, 2) as cost, round(costed_total - cost, 2) as profit,
            coalesce(lag(year) over w = year - 1, false) as retained, coalesce(lead(year) over w <> year + 1, true) as leaving
       from metric_year_lines window w as (partition by account_id order by year)`,
  );
  // Typed as customer_metrics' columns, so that what is compared and written at the end is exactly what is stored.
  await query(`create temporary table metric_all on commit drop as select ${FACT_COLUMNS.join(', ')} from customer_metrics with no data`);
  // The fresh facts of the dirty accounts, as of the run's day (the write keeps the stored day when they did not change).
  await query(
    `insert into metric_all (${FACT_COLUMNS.join(', ')})
     select n.*, yj.years, $1::date
       from (select d.account_id, f.first as first_purchase_on, f.last as last_purchase_on, coalesce(f.orders, 0) as orders, coalesce(f.days, 0) as purchase_days,
                    coalesce(f.revenue, 0)::numeric(18, 2) as revenue, round(y.cost, 2)::numeric(18, 2) as cost, round(y.costed_total - y.cost, 2)::numeric(18, 2) as profit,
                    coalesce(y.uncosted, 0)::int as uncosted_lines, coalesce(f.dates, '{}')::date[] as purchase_dates,
                    coalesce(f.day_revenue, '{}')::numeric(18, 2)[] as purchase_day_revenue, coalesce(pr.products, 0) as products,
                    (case when y.list_amount > 0 then least(1, greatest(0, round(1 - y.line_total / y.list_amount, 6))) end)::numeric(7, 6) as discount_share
               from metric_dirty d
               left join (
                 select account_id, min(day) as first, max(day) as last, sum(orders)::int as orders, count(*)::int as days, sum(revenue) as revenue,
                        array_agg(day order by day) as dates, array_agg(revenue order by day) as day_revenue
                   from metric_day group by account_id) f on f.account_id = d.account_id
               left join (
                 select account_id, sum(cost) as cost, sum(costed_total) as costed_total, sum(uncosted)::int as uncosted, sum(line_total) as line_total,
                        sum(list_amount) as list_amount
                   from metric_year_lines group by account_id) y on y.account_id = d.account_id
               left join metric_products pr on pr.account_id = d.account_id
              where ${inHalf('d.account_id', 2)}) n
       left join (select account_id, ${YEARS_TEXT} as years from metric_years group by account_id) yj on yj.account_id = n.account_id`,
    [asOf, ...middle],
  );
}

/** The score columns of `customer_metrics`, in the order metrics-recompute.ts sends them. */
export const SCORE_COLUMNS = [
  'rfm_recency', 'rfm_frequency', 'rfm_monetary', 'rfm_segment', 'behaviour_class', 'lifecycle_stage', 'historic_clv', 'predicted_transactions',
  'probability_alive', 'expected_spend', 'predicted_clv', 'loyalty_index',
] as const;
