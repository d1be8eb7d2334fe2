import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Customers of a recategorised product past which the log says "too many" (an account-less row: every caller reads
 * live until the next summaries) — the readers' SATISFACTION_CORRECTION_LIMIT (src/sales/reports/satisfaction-summaries.ts),
 * past which listing them would not help.
 */
const CHANGE_LIST_LIMIT = 2000;

/**
 * Sums of the satisfaction report's per-customer parts (src/sales/reports/satisfaction-facts.ts, docs/analytics.md
 * "Satisfaction and activity"), written by `writeSatisfactionSummaries` (src/sales/reports/satisfaction-summaries.ts)
 * and read by callers whose order scope is every order (level all) or a set of teams (team, subtree), corrected per
 * caller for the customers of restricted and shared orders, of several teams, and changed since the summaries.
 *
 * - `satisfaction_summary_state`: one row, `valid` once the summaries are written (until a truncation of the orders or
 *   their lines), with the snapshot they were computed from.
 * - `satisfaction_summaries`: the fact rows, over the orders that are not restricted: per team (`team_id`) of the
 *   customers whose orders all belong to that team, and of every customer (`team_id` null).
 * - `satisfaction_mixed_customers`: the other customers (orders of several teams, or without a team), per team they
 *   bought from: added one by one to a team's or a subtree's sums.
 * - `satisfaction_changes`: the customers whose orders, lines or products' categories changed, with the writing
 *   transaction (account null: too many to list). A reader takes the changes its summaries' snapshot did not see.
 * - `satisfaction_order_images`, `satisfaction_line_images`, `satisfaction_product_images`: the values a row had before
 *   each change of what the facts read (`present` false: the row did not exist — an insert). Changes of one row are
 *   serialised by its lock, so the first change a snapshot did not see holds the row as that snapshot saw it: the
 *   reader rebuilds a changed customer's orders as the summaries counted them, and subtracts exactly that.
 * Rows the latest summaries saw are removed when the next ones are written.
 */
export class SatisfactionSummaries1764000000330 implements MigrationInterface {
  name = 'SatisfactionSummaries1764000000330';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create table satisfaction_summary_state (
        kind text primary key check (kind = 'satisfaction'),
        valid boolean not null,
        snapshot pg_snapshot,
        written_at timestamptz
      )`);
    await q.query(`insert into satisfaction_summary_state (kind, valid) values ('satisfaction', false)`);
    await q.query(`
      create table satisfaction_summaries (
        team_id uuid,
        kind text not null check (kind in ('act', 'churn', 'first', 'first_item', 'rev', 'cust')),
        unit text not null check (unit in ('month', 'quarter', 'year')),
        period date not null,
        item_by text check (item_by in ('category', 'product')),
        key uuid,
        currency text,
        pm date,
        n integer,
        days integer,
        revenue numeric,
        quantity numeric,
        lines integer
      )`);
    await q.query(`create index satisfaction_summaries_idx on satisfaction_summaries (team_id, kind, unit, item_by, currency, period)`);
    await q.query(`create table satisfaction_mixed_customers (account_id uuid not null, team_id uuid not null, primary key (team_id, account_id))`);

    await q.query(`create table satisfaction_changes (id bigserial primary key, xid xid8 not null default pg_current_xact_id(), account_id uuid)`);
    await q.query(`
      create table satisfaction_order_images (
        id bigserial primary key,
        xid xid8 not null default pg_current_xact_id(),
        order_id uuid not null,
        present boolean not null,
        account_id uuid,
        team_id uuid,
        order_date date,
        currency text,
        status text,
        restricted boolean
      )`);
    await q.query(`
      create table satisfaction_line_images (
        id bigserial primary key,
        xid xid8 not null default pg_current_xact_id(),
        line_id uuid not null,
        present boolean not null,
        order_id uuid,
        product_id uuid,
        line_total numeric,
        quantity numeric
      )`);
    await q.query(`
      create table satisfaction_product_images (
        id bigserial primary key,
        xid xid8 not null default pg_current_xact_id(),
        product_id uuid not null,
        category_id uuid
      )`);
    for (const table of ['satisfaction_changes', 'satisfaction_order_images', 'satisfaction_line_images', 'satisfaction_product_images']) {
      await q.query(`create index ${table}_xid_idx on ${table} (xid)`);
    }

    // Orders: a row counts as changed when what the facts read of it differs (its customer, team, date, currency,
    // cancellation, restriction) — an update of its notes or payments logs nothing. Both customers of a moved order.
    await q.query(`
      create function log_satisfaction_order_changes() returns trigger language plpgsql as $$
      begin
        ${logChanges({
          images: 'satisfaction_order_images',
          key: 'order_id',
          columns: ['account_id', 'team_id', 'order_date', 'currency', 'status', 'restricted'],
          compared: (a) => `${a}.account_id, ${a}.team_id, ${a}.order_date, ${a}.currency, ${a}.status = 'cancelled', ${a}.restricted`,
          oldRows: 'old_orders',
          newRows: 'new_orders',
          customers: (orders) => `select distinct account_id from (${orders}) x`,
        })}
        return null;
      end $$`);
    // Lines: their customer is their order's (an order deleted with its lines was logged by the orders' trigger).
    await q.query(`
      create function log_satisfaction_line_changes() returns trigger language plpgsql as $$
      begin
        ${logChanges({
          images: 'satisfaction_line_images',
          key: 'line_id',
          columns: ['order_id', 'product_id', 'line_total', 'quantity'],
          compared: (a) => `${a}.order_id, ${a}.product_id, ${a}.line_total, ${a}.quantity`,
          oldRows: 'old_lines',
          newRows: 'new_lines',
          customers: (lines) => `select distinct r.account_id from orders r where r.id in (select order_id from (${lines}) x)`,
        })}
        return null;
      end $$`);
    for (const [table, rows, fn] of [
      ['orders', 'orders', 'log_satisfaction_order_changes'],
      ['order_lines', 'lines', 'log_satisfaction_line_changes'],
    ]) {
      await q.query(`create trigger ${table}_satisfaction_insert after insert on ${table} referencing new table as new_${rows} for each statement execute function ${fn}()`);
      await q.query(`create trigger ${table}_satisfaction_update after update on ${table} referencing old table as old_${rows} new table as new_${rows} for each statement execute function ${fn}()`);
      await q.query(`create trigger ${table}_satisfaction_delete after delete on ${table} referencing old table as old_${rows} for each statement execute function ${fn}()`);
    }
    // A product's category decides which category item its lines count for: every customer with lines of it changes
    // (found by the lines' product index); past the limit, one account-less row (every caller reads live until the
    // next summaries). A product with lines cannot be deleted (the lines' foreign key).
    await q.query(`create index order_lines_product_idx on order_lines (product_id)`);
    await q.query(`
      create function log_satisfaction_product_changes() returns trigger language plpgsql as $$
      declare
        moved uuid[];
        customers uuid[];
      begin
        select array_agg(o.id) into moved from old_products o join new_products n on n.id = o.id where o.category_id is distinct from n.category_id;
        if moved is null then
          return null;
        end if;
        insert into satisfaction_product_images (product_id, category_id) select o.id, o.category_id from old_products o where o.id = any(moved);
        select array_agg(account_id) into customers from (
          select distinct r.account_id from order_lines l join orders r on r.id = l.order_id where l.product_id = any(moved)
           limit ${CHANGE_LIST_LIMIT + 1}) x;
        if cardinality(customers) > ${CHANGE_LIST_LIMIT} then
          insert into satisfaction_changes (account_id) values (null);
        elsif customers is not null then
          insert into satisfaction_changes (account_id) select unnest(customers);
        end if;
        return null;
      end $$`);
    await q.query(`create trigger products_satisfaction_update after update on products referencing old table as old_products new table as new_products for each statement execute function log_satisfaction_product_changes()`);
    // A truncation logs no rows: the summaries wait for the next write.
    await q.query(`create function invalidate_satisfaction_summaries() returns trigger language plpgsql as $$ begin update satisfaction_summary_state set valid = false; return null; end $$`);
    for (const table of ['orders', 'order_lines']) {
      await q.query(`create trigger ${table}_satisfaction_truncate after truncate on ${table} for each statement execute function invalidate_satisfaction_summaries()`);
    }
    // The restricted orders a caller owns are corrected one by one: found by owner among the few restricted.
    await q.query(`create index orders_restricted_owner_idx on orders (owner_id) where restricted`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`drop index if exists orders_restricted_owner_idx`);
    await q.query(`drop index if exists order_lines_product_idx`);
    await q.query(`drop trigger if exists products_satisfaction_update on products`);
    for (const table of ['orders', 'order_lines']) {
      for (const op of ['insert', 'update', 'delete', 'truncate']) await q.query(`drop trigger if exists ${table}_satisfaction_${op} on ${table}`);
    }
    for (const fn of ['invalidate_satisfaction_summaries', 'log_satisfaction_product_changes', 'log_satisfaction_line_changes', 'log_satisfaction_order_changes']) {
      await q.query(`drop function if exists ${fn}()`);
    }
    for (const table of ['satisfaction_product_images', 'satisfaction_line_images', 'satisfaction_order_images', 'satisfaction_changes', 'satisfaction_mixed_customers', 'satisfaction_summaries', 'satisfaction_summary_state']) {
      await q.query(`drop table if exists ${table}`);
    }
  }
}

interface ChangeLog {
  /** The image table and its row key column. */
  images: string;
  key: string;
  /** The columns imaged (named alike in the table and in the rows). */
  columns: string[];
  /** What the facts read of a row (alias): a row whose values stay the same is no change. */
  compared: (alias: string) => string;
  oldRows: string;
  newRows: string;
  /** The customers of a set of rows (a select of the rows' columns). */
  customers: (rows: string) => string;
}

/**
 * The body of a statement trigger logging a table's changes: the previous values of each row changed (`present`
 * false for a row that did not exist) and its customers before and after. A transition table is named only in the
 * branch of the operation that has it (PL/pgSQL plans a statement when it first runs it).
 */
function logChanges(log: ChangeLog): string {
  const columns = log.columns.join(', ');
  const oldColumns = log.columns.map((column) => `o.${column}`).join(', ');
  const unchanged = (from: string, other: string, a: string, b: string) =>
    `${from} ${a} where not exists (select 1 from ${other} ${b} where ${b}.id = ${a}.id and (${log.compared(b)}) is not distinct from (${log.compared(a)}))`;
  return `
        if tg_op = 'INSERT' then
          insert into ${log.images} (${log.key}, present) select n.id, false from ${log.newRows} n;
          insert into satisfaction_changes (account_id) ${log.customers(`select n.* from ${log.newRows} n`)};
        elsif tg_op = 'DELETE' then
          insert into ${log.images} (${log.key}, present, ${columns}) select o.id, true, ${oldColumns} from ${log.oldRows} o;
          insert into satisfaction_changes (account_id) ${log.customers(`select o.* from ${log.oldRows} o`)};
        else
          insert into ${log.images} (${log.key}, present, ${columns}) select o.id, true, ${oldColumns} from ${unchanged(log.oldRows, log.newRows, 'o', 'n')};
          insert into ${log.images} (${log.key}, present) select n.id, false from ${log.newRows} n where n.id not in (select id from ${log.oldRows});
          insert into satisfaction_changes (account_id) ${log.customers(`select o.* from ${unchanged(log.oldRows, log.newRows, 'o', 'n')} union all select n.* from ${unchanged(log.newRows, log.oldRows, 'n', 'o')}`)};
        end if;`;
}
