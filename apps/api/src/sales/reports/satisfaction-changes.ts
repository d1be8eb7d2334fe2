import type { EntityManager } from 'typeorm';
import { unseenBy } from '../../platform/database/snapshot-visibility';
import type { FactSources } from './satisfaction-facts';

/**
 * The customers changed since the satisfaction summaries' snapshot (the log of migration 330), and their orders, lines
 * and products' categories both as they are and as that snapshot saw them: what a reader corrects its answer by, and
 * what a fold (satisfaction-fold.ts) adds to the summaries themselves — the same subtract-then-add arithmetic. The
 * statements take the snapshot as `:satSnapshot` and the customers as `:satFix`.
 */

/** Log rows (alias) of transactions the summaries' snapshot (:satSnapshot) did not see. */
export const UNSEEN = (alias: string) => unseenBy(`${alias}.xid`, ':satSnapshot::pg_snapshot');

/**
 * The customers changed since the summaries' snapshot (:satSnapshot), as the transaction's snapshot shows the log;
 * `unlisted` when an account-less row stands for too many to list (a recategorised product).
 */
export async function unseenCustomers(manager: EntityManager, params: Record<string, unknown>): Promise<{ ids: string[]; unlisted: boolean }> {
  const [changed] = await run<{ ids: string[]; unlisted: boolean }>(
    manager,
    `select coalesce(array_agg(distinct c.account_id) filter (where c.account_id is not null), '{}') as ids, coalesce(bool_or(c.account_id is null), false) as unlisted
       from satisfaction_changes c where ${UNSEEN('c')}`,
    params,
  );
  return changed;
}

/** A row's first change the snapshot did not see holds its values as the snapshot saw them (changes of a row are serialised). */
const FIRST_UNSEEN = (table: string, key: string, columns: string) =>
  `select distinct on (${key}) ${key}, present, ${columns} from ${table} i where ${UNSEEN('i')} order by ${key}, id`;

/**
 * The lines of the fix customers' orders as they are, read once for both sides of a correction (random reads by
 * order at volume, the corrections' main cost). Every order either side counts is one of them: an order moved away
 * from a fix customer since the snapshot has its new customer logged (so fixed) too, and a deleted one has no lines.
 */
export const FIX_LINES = `fix_lines as materialized (
  select l.id, l.order_id, l.product_id, l.line_total, l.quantity
    from order_lines l where l.order_id in (select o.id from orders o where o.account_id = any(:satFix::uuid[])))`;

/** The fix customers' lines as they are. */
export const AS_NOW: FactSources = { ctes: '', lines: 'fix_lines', products: 'products' };

/**
 * The fix customers' orders (`r`, columns as `orders`' that the facts and the team scope read), their lines and the
 * products' categories as the summaries' snapshot saw them: the rows as they are unless changed since, and the
 * changed ones as they were (absent if inserted since).
 */
export const AS_SUMMARISED: FactSources = {
  ctes: `
    seen_orders as (${FIRST_UNSEEN('satisfaction_order_images', 'order_id', 'account_id, team_id, order_date, currency, status, restricted')}),
    seen_lines as (${FIRST_UNSEEN('satisfaction_line_images', 'line_id', 'order_id, product_id, line_total, quantity')}),
    seen_products as (select distinct on (product_id) product_id, category_id from satisfaction_product_images i where ${UNSEEN('i')} order by product_id, id),
    r as materialized (
      select o.id, o.account_id, o.team_id, o.order_date, o.currency, o.status, o.restricted
        from orders o where o.account_id = any(:satFix::uuid[]) and o.id not in (select order_id from seen_orders)
      union all
      select order_id, account_id, team_id, order_date, currency, status, restricted from seen_orders where present and account_id = any(:satFix::uuid[])),
    -- Materialised: read by two joins of the facts, each would otherwise run it again per outer row.
    lines_then as materialized (
      select l.order_id, l.product_id, l.line_total, l.quantity
        from fix_lines l where l.id not in (select line_id from seen_lines)
      union all
      select order_id, product_id, line_total, quantity from seen_lines where present and order_id in (select id from r)),
    products_then as materialized (
      select p.id, p.category_id from products p where p.id not in (select product_id from seen_products)
      union all
      select product_id, category_id from seen_products),`,
  lines: 'lines_then',
  products: 'products_then',
};

/** The columns of a summary row but its team, in order. */
export const PART_COLUMNS = 'kind, unit, period, item_by, key, currency, pm, n, days, revenue, quantity, lines';

/** A statement with named parameters (`:name`) on the transaction's connection. */
export function run<T>(manager: EntityManager, sql: string, params: Record<string, unknown>): Promise<T[]> {
  const [text, values] = manager.connection.driver.escapeQueryWithParameters(sql, params);
  return manager.query(text, values) as Promise<T[]>;
}
