import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Customer metrics (issue 5), second step: the model inputs are stored beside the facts so that (a) the scoring pass
 * runs from `customer_metrics` alone and (b) the facts of an account are refreshed only when its orders changed
 * (src/analytics/metrics/metric-facts.ts; docs/analytics.md, "Metric computation"). Every column of migration 210
 * keeps its meaning.
 */
export class CustomerMetricFacts1764000000240 implements MigrationInterface {
  name = 'CustomerMetricFacts1764000000240';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      alter table customer_metrics
        -- The distinct purchase days, ascending, and the revenue (Σ order subtotal) of each: what BG/NBD, Gamma-Gamma,
        -- the behaviour rhythm and the lifecycle trend are computed from.
        add column purchase_dates date[] not null default '{}',
        add column purchase_day_revenue numeric(18, 2)[] not null default '{}',
        -- Distinct products bought (lines without a product are not counted): cross-selling in the loyalty index.
        add column products integer not null default 0 check (products >= 0),
        -- Σ (list − net price) · quantity / Σ list price · quantity over the lines: price sensitivity; null without list value.
        add column discount_share numeric(7, 6) check (discount_share between 0 and 1),
        -- What the facts were computed from: the account's orders dated up to the facts' as-of day (any status) and
        -- the latest orders.updated_at among all its orders. A run refreshes an account's facts when either differs.
        add column source_orders integer not null default 0,
        add column source_updated_at timestamptz,
        -- The as-of day of the run that last changed the facts (a run leaves unchanged facts as they are).
        add column facts_as_of date,
        add check (cardinality(purchase_dates) = purchase_days and cardinality(purchase_day_revenue) = purchase_days)`);
    await q.query(`
      alter table analytics_runs
        add column mode text check (mode in ('full', 'incremental')),
        -- Accounts whose facts were recomputed from their orders in the run (all of them in a full run).
        add column facts_refreshed integer check (facts_refreshed >= 0)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`alter table analytics_runs drop column mode, drop column facts_refreshed`);
    await q.query(`
      alter table customer_metrics drop column purchase_dates, drop column purchase_day_revenue, drop column products,
        drop column discount_share, drop column source_orders, drop column source_updated_at, drop column facts_as_of`);
  }
}
