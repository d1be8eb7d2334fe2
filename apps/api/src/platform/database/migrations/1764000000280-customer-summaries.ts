import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Per-run pre-aggregates of the customer metrics (src/analytics/metrics/metric-summaries.ts, docs/analytics.md
 * "Customer dashboards"): the dashboards of callers whose scope is a set of teams (team, subtree, all) sum these rows
 * instead of reading every visible customer, and correct them per caller for the few accounts the team sums cannot
 * describe — restricted ones, shares from outside the scope, and accounts whose owner, team, restriction or bin state
 * changed since the summaries were written.
 *
 * - `customer_summary_state`: one row, `valid` only while the metric tables are exactly what the summaries were
 *   computed from (any write to them clears it, by a statement trigger, in the writer's transaction), with the
 *   snapshot the summaries saw, so that later account changes are told from earlier ones exactly.
 * - `account_scope_changes`: every change of an account's team, owner, restriction or bin state, with the account's
 *   values before it and the writing transaction: the first change a summary's snapshot does not see gives the state
 *   it counted the account in. Rows the latest summary saw are removed when the next one is written.
 */
export class CustomerSummaries1764000000280 implements MigrationInterface {
  name = 'CustomerSummaries1764000000280';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create table customer_summary_state (
        kind text primary key check (kind = 'customer_metrics'),
        valid boolean not null,
        snapshot pg_snapshot,
        written_at timestamptz
      )`);
    await q.query(`insert into customer_summary_state (kind, valid) values ('customer_metrics', false)`);
    // Null team: accounts of partner users (no team); the caller with level all counts them.
    await q.query(`
      create table customer_bucket_summaries (
        team_id uuid,
        dimension text not null check (dimension in ('segment', 'stage', 'class')),
        key text,
        customers integer not null,
        revenue numeric not null,
        predicted_clv numeric,
        predicted_clv_customers integer not null,
        profit numeric,
        profit_customers integer not null,
        historic_clv numeric,
        historic_clv_customers integer not null
      )`);
    await q.query(`create index customer_bucket_summaries_idx on customer_bucket_summaries (dimension, team_id)`);
    await q.query(`
      create table customer_year_summaries (
        team_id uuid,
        year smallint not null,
        active integer not null,
        retained integer not null,
        leaving integer not null,
        revenue numeric not null,
        profit numeric,
        leaving_profit numeric
      )`);
    await q.query(`create index customer_year_summaries_idx on customer_year_summaries (team_id)`);
    await q.query(`
      create table account_scope_changes (
        id bigserial primary key,
        account_id uuid not null,
        xid xid8 not null default pg_current_xact_id(),
        team_id uuid,
        restricted boolean not null,
        live boolean not null
      )`);
    await q.query(`create index account_scope_changes_xid_idx on account_scope_changes (xid)`);
    await q.query(`
      create function log_account_scope_change() returns trigger language plpgsql as $$
      begin
        insert into account_scope_changes (account_id, team_id, restricted, live) values (old.id, old.team_id, old.restricted, old.deleted_at is null);
        return null;
      end $$`);
    await q.query(`
      create trigger accounts_scope_change after update of team_id, owner_id, restricted, deleted_at on accounts
        for each row when (old.team_id is distinct from new.team_id or old.owner_id is distinct from new.owner_id
          or old.restricted is distinct from new.restricted or (old.deleted_at is null) <> (new.deleted_at is null))
        execute function log_account_scope_change()`);
    // Unconditional: the row lock orders a metric write against a summary being written (see metric-summaries.ts).
    await q.query(`
      create function invalidate_customer_summaries() returns trigger language plpgsql as $$
      begin
        update customer_summary_state set valid = false;
        return null;
      end $$`);
    for (const table of ['customer_metrics', 'customer_metric_years']) {
      await q.query(`create trigger ${table}_summaries_stale after insert or update or delete on ${table} for each statement execute function invalidate_customer_summaries()`);
      await q.query(`create trigger ${table}_summaries_stale_truncate after truncate on ${table} for each statement execute function invalidate_customer_summaries()`);
    }
    // Restricted accounts a caller owns are added one by one to their team sums: found by owner among the few restricted.
    await q.query(`create index accounts_restricted_owner_idx on accounts (owner_id) where restricted`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`drop index if exists accounts_restricted_owner_idx`);
    for (const table of ['customer_metrics', 'customer_metric_years']) {
      await q.query(`drop trigger if exists ${table}_summaries_stale on ${table}`);
      await q.query(`drop trigger if exists ${table}_summaries_stale_truncate on ${table}`);
    }
    await q.query(`drop trigger if exists accounts_scope_change on accounts`);
    await q.query(`drop function if exists invalidate_customer_summaries()`);
    await q.query(`drop function if exists log_account_scope_change()`);
    for (const table of ['account_scope_changes', 'customer_year_summaries', 'customer_bucket_summaries', 'customer_summary_state']) await q.query(`drop table if exists ${table}`);
  }
}
