import type { EntityManager } from 'typeorm';

/** Orders that count as purchases: everything but cancelled ones, dated up to the as-of day. */
const PURCHASE = `o.status <> 'cancelled' and o.order_date <= $1::date`;

export type FactsMode = 'full' | 'incremental';

/**
 * The facts step of a run, set-based and server-side (no row crosses to Node): the live accounts whose orders changed
 * since their facts were computed (all of them in a full run) get their facts rebuilt from their orders and lines, and
 * upserted into `customer_metrics` (score columns untouched: the scoring pass writes them) with their per-year rows.
 *
 * "Changed" is decided by a signature kept with the facts: how many orders the account has dated up to the facts' day
 * (any status) and the latest `orders.updated_at` among them all. Editing, cancelling or re-dating an order bumps its
 * `updated_at`; moving an order to another account changes both accounts' counts; a run on a later day that brings an
 * order dated in between into range changes the count. Orders are never deleted (no endpoint does), but a deleted
 * order would change the count too.
 *
 * Runs inside the caller's transaction (temporary tables live until its end).
 */
export async function refreshFacts(manager: EntityManager, asOf: string, mode: FactsMode, trace?: (step: string, ms: number) => void): Promise<number> {
  let step = 0;
  // Every statement timed when asked (the benchmark prints where a run spends its time).
  const query = async <T = unknown>(sql: string, params?: unknown[]): Promise<T> => {
    const started = Date.now();
    const result = (await manager.query(sql, params)) as T;
    trace?.(`${++step} ${sql.trim().split(/\s+/).slice(0, 4).join(' ')}`, Date.now() - started);
    return result;
  };
  await query(`create temporary table metric_dirty (account_id uuid primary key, source_orders integer not null, source_updated_at timestamptz) on commit drop`);
  await query(
    `insert into metric_dirty
     select a.id, coalesce(s.orders, 0), s.updated_at
       from accounts a
       left join (select o.account_id, (count(*) filter (where o.order_date <= $1::date))::int as orders, max(o.updated_at) as updated_at
                    from orders o group by o.account_id) s on s.account_id = a.id
       left join customer_metrics m on m.account_id = a.id
      where a.deleted_at is null
        and ($2 or m.account_id is null or m.source_orders <> coalesce(s.orders, 0) or m.source_updated_at is distinct from s.updated_at)`,
    [asOf, mode === 'full'],
  );
  await query(`analyze metric_dirty`);
  // The purchases of the dirty accounts, once: both line aggregates below read them.
  await query(
    `create temporary table metric_purchase on commit drop as
     select o.id, o.account_id, o.order_date, o.subtotal from metric_dirty d join orders o on o.account_id = d.account_id where ${PURCHASE}`,
    [asOf],
  );
  await query(`analyze metric_purchase`);
  // Per purchase day, from the orders alone (revenue is the order subtotal). The lines are read once, joined to the
  // purchases by a hash join and summed per account and year (the finest grain cost and profit are kept at), with as
  // little numeric arithmetic per line as the facts need: numeric sums are what a run spends most of its time on.
  await query(
    `create temporary table metric_day on commit drop as
     select account_id, order_date as day, count(*)::int as orders, sum(subtotal) as revenue from metric_purchase group by account_id, order_date`,
  );
  await query(
    `create temporary table metric_year_lines on commit drop as
     select p.account_id, extract(year from p.order_date)::int as year, sum(l.quantity * l.unit_cost) as cost,
            sum(l.line_total) filter (where l.unit_cost is not null) as costed_total, count(*) filter (where l.unit_cost is null) as uncosted,
            sum(l.line_total) as line_total, sum(l.list_price * l.quantity) as list_amount
       from metric_purchase p join order_lines l on l.order_id = p.id
      group by p.account_id, extract(year from p.order_date)::int`,
  );
  // Distinct products per account: (account, product) pairs by hashing, then counted (cheaper than count(distinct), which sorts).
  await query(
    `create temporary table metric_products on commit drop as
     select account_id, count(*)::int as products
       from (select p.account_id, l.product_id from metric_purchase p join order_lines l on l.order_id = p.id where l.product_id is not null group by 1, 2) pairs
      group by account_id`,
  );
  await query(
    `insert into customer_metrics (account_id, first_purchase_on, last_purchase_on, orders, purchase_days, revenue, cost, profit, uncosted_lines,
                                   purchase_dates, purchase_day_revenue, products, discount_share, source_orders, source_updated_at, facts_as_of, computed_at)
     select d.account_id, f.first, f.last, coalesce(f.orders, 0), coalesce(f.days, 0), coalesce(f.revenue, 0), round(y.cost, 2), round(y.costed_total - y.cost, 2),
            coalesce(y.uncosted, 0), coalesce(f.dates, '{}'), coalesce(f.day_revenue, '{}'), coalesce(pr.products, 0),
            case when y.list_amount > 0 then least(1, greatest(0, round(1 - y.line_total / y.list_amount, 6))) end,
            d.source_orders, d.source_updated_at, $1::date, now()
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
     on conflict (account_id) do update set
       first_purchase_on = excluded.first_purchase_on, last_purchase_on = excluded.last_purchase_on, orders = excluded.orders,
       purchase_days = excluded.purchase_days, revenue = excluded.revenue, cost = excluded.cost, profit = excluded.profit,
       uncosted_lines = excluded.uncosted_lines, purchase_dates = excluded.purchase_dates, purchase_day_revenue = excluded.purchase_day_revenue,
       products = excluded.products, discount_share = excluded.discount_share, source_orders = excluded.source_orders,
       source_updated_at = excluded.source_updated_at, facts_as_of = excluded.facts_as_of
     -- A row whose facts did not change is not rewritten (a full run mostly finds them the same): no dead tuple, no index entry.
     where (customer_metrics.first_purchase_on, customer_metrics.last_purchase_on, customer_metrics.orders, customer_metrics.purchase_days,
            customer_metrics.revenue, customer_metrics.cost, customer_metrics.profit, customer_metrics.uncosted_lines, customer_metrics.purchase_dates,
            customer_metrics.purchase_day_revenue, customer_metrics.products, customer_metrics.discount_share, customer_metrics.source_orders,
            customer_metrics.source_updated_at)
           is distinct from
           (excluded.first_purchase_on, excluded.last_purchase_on, excluded.orders, excluded.purchase_days, excluded.revenue, excluded.cost,
            excluded.profit, excluded.uncosted_lines, excluded.purchase_dates, excluded.purchase_day_revenue, excluded.products,
            excluded.discount_share, excluded.source_orders, excluded.source_updated_at)`,
    [asOf],
  );
  // Years: upserted, and only where they changed (an update that keeps the key fires no foreign-key check, unlike
  // an insert, which locks the parent row); years no longer there go.
  await query(
    `create temporary table metric_years on commit drop as
     select d.account_id, d.year::smallint as year, d.orders, d.revenue, round(y.cost, 2) as cost, round(y.costed_total - y.cost, 2) as profit
       from (select account_id, extract(year from day)::int as year, sum(orders)::int as orders, sum(revenue) as revenue from metric_day group by 1, 2) d
       left join metric_year_lines y on y.account_id = d.account_id and y.year = d.year`,
  );
  await query(
    `delete from customer_metric_years y using metric_dirty d
      where y.account_id = d.account_id and not exists (select 1 from metric_years n where n.account_id = y.account_id and n.year = y.year)`,
  );
  await query(
    `insert into customer_metric_years (account_id, year, orders, revenue, cost, profit)
     select account_id, year, orders, revenue, cost, profit from metric_years
     on conflict (account_id, year) do update set orders = excluded.orders, revenue = excluded.revenue, cost = excluded.cost, profit = excluded.profit
     where (customer_metric_years.orders, customer_metric_years.revenue, customer_metric_years.cost, customer_metric_years.profit)
           is distinct from (excluded.orders, excluded.revenue, excluded.cost, excluded.profit)`,
  );
  // Accounts binned (or gone) since: their rows go (years follow by cascade).
  await query(`delete from customer_metrics m where not exists (select 1 from accounts a where a.id = m.account_id and a.deleted_at is null)`);
  const [{ count }]: Array<{ count: number }> = await query(`select count(*)::int as count from metric_dirty`);
  return count;
}
