import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sums of the satisfaction report's per-customer parts (src/sales/reports/satisfaction-facts.ts, docs/analytics.md
 * "Satisfaction and activity"), written by `writeSatisfactionSummaries` (src/sales/reports/satisfaction-summaries.ts)
 * and read by callers whose order scope is every order (level all) or a set of teams (team, subtree), corrected per
 * caller for the customers of restricted and shared orders and of several teams.
 *
 * - `satisfaction_summary_state`: one row, `valid` only while the orders, their lines and the products' categories are
 *   exactly what the summaries were computed from: any write to them clears it (statement triggers, in the writer's
 *   transaction), and every caller reads live until the summaries are written again.
 * - `satisfaction_summaries`: the fact rows, over the orders that are not restricted: per team (`team_id`) of the
 *   customers whose orders all belong to that team, and of every customer (`team_id` null).
 * - `satisfaction_mixed_customers`: the other customers (orders of several teams, or without a team), per team they
 *   bought from: added one by one to a team's or a subtree's sums.
 */
export class SatisfactionSummaries1764000000300 implements MigrationInterface {
  name = 'SatisfactionSummaries1764000000300';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create table satisfaction_summary_state (
        kind text primary key check (kind = 'satisfaction'),
        valid boolean not null,
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
    // Unconditional: the row update orders a write against summaries being written (see satisfaction-summaries.ts).
    await q.query(`
      create function invalidate_satisfaction_summaries() returns trigger language plpgsql as $$
      begin
        update satisfaction_summary_state set valid = false;
        return null;
      end $$`);
    for (const table of ['orders', 'order_lines']) {
      await q.query(`create trigger ${table}_satisfaction_stale after insert or update or delete on ${table} for each statement execute function invalidate_satisfaction_summaries()`);
      await q.query(`create trigger ${table}_satisfaction_stale_truncate after truncate on ${table} for each statement execute function invalidate_satisfaction_summaries()`);
    }
    // A product's category decides which category item its lines count for.
    await q.query(`create trigger products_satisfaction_stale after update of category_id or delete on products for each statement execute function invalidate_satisfaction_summaries()`);
    // The restricted orders a caller owns are corrected one by one: found by owner among the few restricted.
    await q.query(`create index orders_restricted_owner_idx on orders (owner_id) where restricted`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`drop index if exists orders_restricted_owner_idx`);
    await q.query(`drop trigger if exists products_satisfaction_stale on products`);
    for (const table of ['orders', 'order_lines']) {
      await q.query(`drop trigger if exists ${table}_satisfaction_stale on ${table}`);
      await q.query(`drop trigger if exists ${table}_satisfaction_stale_truncate on ${table}`);
    }
    await q.query(`drop function if exists invalidate_satisfaction_summaries()`);
    await q.query(`drop table if exists satisfaction_mixed_customers`);
    await q.query(`drop table if exists satisfaction_summaries`);
    await q.query(`drop table if exists satisfaction_summary_state`);
  }
}
