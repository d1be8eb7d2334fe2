/**
 * The satisfaction report's figures (R-ANA-3) as sums over customers, independent of any window: every figure the
 * report shows is a sum of per-customer parts (a customer is active in a period or not, has a number of order days,
 * churned or not, was first seen in a month, bought an item in a month after last buying it in another month…), so
 * the parts of a set of orders can be summed once (per team, and over every customer), and corrected per caller by
 * adding and subtracting the parts of the few customers whose visible orders differ (docs/analytics.md,
 * "Satisfaction and activity").
 *
 * Rows (`kind`, with the columns it uses):
 * - `act` (unit, period): n = customers with an order in the period, days = their distinct order days;
 * - `churn` (unit, period): n = customers with an order in the period before and none in this one;
 * - `first` (period = month): n = customers whose first order is in the month;
 * - `first_item` (month, item_by, key): n = customers first seen in the month whose first order day had the item;
 * - `rev` (month, item_by, key, currency): Σ line_total, Σ quantity, number of lines of the item;
 * - `cust` (month, item_by, key, currency, pm): n = customers who bought the item in the currency in the month and
 *   last bought it before in month pm (null: never) — so the customers of an item over months [a, b] are the rows with
 *   a ≤ month ≤ b and pm < a or null, each customer counted once (at their first month in the window).
 */

/** The report's period units and their length in months. */
export const FACT_UNITS = `(values ('month', 1), ('quarter', 3), ('year', 12)) u(unit, months)`;

/** The columns of a stored fact row, in order (`team_id` where the facts have their `node`). */
export const FACT_COLUMNS = 'team_id, kind, unit, period, item_by, key, currency, pm, n, days, revenue, quantity, lines';

/**
 * Where the facts read the orders' lines and the products' categories: the tables as they are, or (to subtract what
 * the summaries hold for customers changed since) as the summaries' snapshot saw them. `ctes` are common table
 * expressions those sources use (ending in a comma); the sources may read the orders `vo`.
 */
export interface FactSources {
  ctes: string;
  /** Columns `order_id`, `product_id`, `line_total`, `quantity`. */
  lines: string;
  /** Columns `id`, `category_id`. */
  products: string;
}

const CURRENT: FactSources = { ctes: '', lines: 'order_lines', products: 'products' };

/**
 * The fact rows of the orders `vo` selects (columns `node`, `id`, `account_id`, `order_date`, `currency`; the caller
 * leaves cancelled orders out), per `node`, multiplied by `sign` (`1` or `-1`).
 */
export function factsSql(vo: string, sign: string, sources: FactSources = CURRENT): string {
  return `
    with ${sources.ctes} vo as materialized (${vo}),
    days as (select distinct node, account_id, order_date from vo),
    ap as (
      select d.node, d.account_id, u.unit, u.months, date_trunc(u.unit, d.order_date)::date as p, count(*)::int as days
        from days d cross join ${FACT_UNITS}
       group by 1, 2, 3, 4, 5
    ),
    firsts as (select node, account_id, min(order_date) as first from days group by 1, 2),
    lm as (
      select o.node, o.account_id, i.item_by, i.key, o.currency, date_trunc('month', o.order_date)::date as m,
             sum(l.line_total) as revenue, sum(l.quantity) as quantity, count(*)::int as lines
        from vo o
        join ${sources.lines} l on l.order_id = o.id
        join ${sources.products} pr on pr.id = l.product_id
        cross join lateral (values ('category', pr.category_id), ('product', pr.id)) i(item_by, key)
       where i.key is not null
       group by 1, 2, 3, 4, 5, 6
    )
    select node, 'act' as kind, unit, p as period, null::text as item_by, null::uuid as key, null::text as currency, null::date as pm,
           ${sign} * count(*) as n, ${sign} * sum(days) as days, null::numeric as revenue, null::numeric as quantity, null::int as lines
      from ap group by node, unit, p
    union all
    select a.node, 'churn', a.unit, a.following, null, null, null, null, ${sign} * count(*), null, null, null, null
      from (
        -- Churned in the period after an active one unless active in it too: the customer's next active period, by a
        -- window (linear; an anti-join of a few thousand customers' periods was planned as a nested loop over them).
        select node, unit, (p + make_interval(months => months))::date as following, lead(p) over (partition by node, account_id, unit order by p) as next
          from ap
      ) a
     where a.next is distinct from a.following
     group by a.node, a.unit, a.following
    union all
    select node, 'first', 'month', date_trunc('month', first)::date, null, null, null, null, ${sign} * count(*), null, null, null, null
      from firsts group by node, 4
    union all
    select x.node, 'first_item', 'month', x.m, x.item_by, x.key, null, null, ${sign} * count(*), null, null, null, null
      from (
        select distinct f.node, f.account_id, date_trunc('month', f.first)::date as m, i.item_by, i.key
          from firsts f
          join vo o on o.node = f.node and o.account_id = f.account_id and o.order_date = f.first
          join ${sources.lines} l on l.order_id = o.id
          join ${sources.products} pr on pr.id = l.product_id
          cross join lateral (values ('category', pr.category_id), ('product', pr.id)) i(item_by, key)
         where i.key is not null
      ) x
     group by x.node, x.m, x.item_by, x.key
    union all
    select node, 'rev', 'month', m, item_by, key, currency, null, null, null, ${sign} * sum(revenue), ${sign} * sum(quantity), ${sign} * sum(lines)
      from lm group by node, m, item_by, key, currency
    union all
    select node, 'cust', 'month', m, item_by, key, currency, pm, ${sign} * count(*), null, null, null, null
      from (select node, item_by, key, currency, m, lag(m) over (partition by node, account_id, item_by, key, currency order by m) as pm from lm) t
     group by node, m, item_by, key, currency, pm`;
}
