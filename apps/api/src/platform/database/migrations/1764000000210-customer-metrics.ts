import type { MigrationInterface, QueryRunner } from 'typeorm';

type Level = 'none' | 'all';
type Grant = [role: string, read: Level, update: Level];

/**
 * `analytics` (configuration-like, no records of its own): `read` to use the customer analytics (what they cover still
 * follows each caller's account scope and order field rules), `update` to start a metrics recompute. The general
 * manager and the sales director may do both. The system administrator holds no business rights at all (R-SEC-6); they
 * run jobs as administrators (src/analytics/metrics/metrics-runs.service.ts), not through a policy.
 */
const GRANTS: Grant[] = [
  ['general_manager', 'all', 'all'],
  ['sales_director', 'all', 'all'],
  ['sales_manager', 'all', 'none'],
  ['sales_rep', 'all', 'none'],
  ['finance', 'all', 'none'],
  ['quality_inspector', 'all', 'none'],
];

/**
 * Customer intelligence (issue 5): the per-customer facts computed from orders, the scores computed from them (filled
 * by the recompute, src/analytics/metrics) and the record of each recompute run.
 */
export class CustomerMetrics1764000000210 implements MigrationInterface {
  name = 'CustomerMetrics1764000000210';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create table customer_metrics (
        account_id uuid primary key references accounts(id) on delete cascade,
        -- Facts over the account's orders that are not cancelled (net: the order subtotal, before tax).
        first_purchase_on date,
        last_purchase_on date,
        orders integer not null check (orders >= 0),
        purchase_days integer not null check (purchase_days between 0 and orders),
        revenue numeric(18, 2) not null,
        -- Σ quantity × unit_cost over the lines whose cost is known; null when no line's is.
        cost numeric(18, 2),
        -- Σ (line total − quantity × unit_cost) over the same lines: the margin of what is known.
        profit numeric(18, 2),
        uncosted_lines integer not null check (uncosted_lines >= 0),
        -- Scores (null until computed, or when a score does not apply to the customer).
        rfm_recency smallint check (rfm_recency between 1 and 5),
        rfm_frequency smallint check (rfm_frequency between 1 and 5),
        rfm_monetary smallint check (rfm_monetary between 1 and 5),
        rfm_segment text,
        behaviour_class text,
        lifecycle_stage text,
        historic_clv numeric(18, 2),
        predicted_transactions numeric(14, 4),
        probability_alive numeric(7, 6) check (probability_alive between 0 and 1),
        expected_spend numeric(18, 2),
        predicted_clv numeric(18, 2),
        loyalty_index numeric(9, 4),
        computed_at timestamptz not null,
        check ((orders = 0) = (first_purchase_on is null))
      )`);
    // Dashboard reads: distributions (group by a class) and top N by value, joined to the caller's scoped accounts.
    await q.query(`create index customer_metrics_segment_idx on customer_metrics (rfm_segment, account_id)`);
    await q.query(`create index customer_metrics_stage_idx on customer_metrics (lifecycle_stage, account_id)`);
    await q.query(`create index customer_metrics_class_idx on customer_metrics (behaviour_class, account_id)`);
    await q.query(`create index customer_metrics_historic_clv_idx on customer_metrics (historic_clv desc nulls last, account_id)`);
    await q.query(`create index customer_metrics_predicted_clv_idx on customer_metrics (predicted_clv desc nulls last, account_id)`);
    await q.query(`
      create table customer_metric_years (
        account_id uuid not null references customer_metrics(account_id) on delete cascade,
        year smallint not null,
        orders integer not null check (orders > 0),
        revenue numeric(18, 2) not null,
        cost numeric(18, 2),
        profit numeric(18, 2),
        primary key (account_id, year)
      )`);
    await q.query(`create index customer_metric_years_year_idx on customer_metric_years (year, account_id)`);
    await q.query(`
      create table analytics_runs (
        id uuid primary key,
        kind text not null check (kind in ('customer_metrics')),
        trigger text not null check (trigger in ('nightly', 'manual')),
        status text not null check (status in ('queued', 'running', 'succeeded', 'failed')),
        requested_by uuid references users(id),
        queued_at timestamptz not null default now(),
        started_at timestamptz,
        finished_at timestamptz,
        -- The day the metrics are "as of" (recency, customer age): the run's day.
        as_of date,
        customers integer check (customers >= 0),
        batches integer check (batches >= 0),
        error text
      )`);
    // At most one run of a kind waiting or running, whatever the replicas: asking again finds it (on conflict).
    await q.query(`create unique index analytics_runs_one_open_idx on analytics_runs (kind) where status in ('queued', 'running')`);
    await q.query(`create index analytics_runs_latest_idx on analytics_runs (kind, queued_at desc)`);
    const actions = ['read', 'update'] as const;
    for (const [role, ...levels] of GRANTS) {
      for (const [index, action] of actions.entries()) {
        if (levels[index] === 'none') continue;
        await q.query(`insert into object_permissions (role_id, object_type, action, level) select id, 'analytics', $2, $3 from roles where key = $1`, [role, action, levels[index]]);
      }
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`delete from field_permissions where object_type = 'analytics'`);
    await q.query(`delete from object_permissions where object_type = 'analytics'`);
    for (const table of ['analytics_runs', 'customer_metric_years', 'customer_metrics']) await q.query(`drop table if exists ${table}`);
  }
}
