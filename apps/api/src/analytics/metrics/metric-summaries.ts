import type { DataSource } from 'typeorm';

const SERIALIZATION_FAILURE = '40001';

/**
 * The first statement of a repeatable-read transaction that reads the metric tables: a run swaps in new tables
 * (metric-tables.ts), and a snapshot taken before that commit would see the new tables empty. Taken before the
 * snapshot (which the first query takes), the lock waits for a swap in progress, so the snapshot sees its result.
 */
export const METRIC_TABLES_SHARE_LOCK = `lock table customer_metrics, customer_metric_years in access share mode`;

/**
 * Writes the per-team pre-aggregates of the metric tables (migration 280): customers, money sums and the counts of
 * non-null money per (team, dimension, bucket), and the retention counts and sums per (team, year), over the live
 * accounts that are not restricted — restricted ones are visible to their owner and shares only, so no team sum can
 * hold them; the dashboards add them per caller. Called at the end of each recompute, when the metric tables hold the
 * run's figures.
 *
 * One repeatable-read transaction: every statement sees the snapshot stored with the summaries, which is what lets a
 * reader tell the account changes the summaries already saw from those they did not. A metric-table write commits
 * either before that snapshot (seen) or after it, and then its statement trigger's update of the state row conflicts
 * with this one (serialization failure: the summaries stay invalid and the dashboards read live) or waits for it and
 * then marks the new summaries invalid. Answers whether the summaries were written.
 */
export async function writeCustomerSummaries(dataSource: DataSource): Promise<boolean> {
  try {
    await dataSource.transaction('REPEATABLE READ', (manager) => summariseIn((text, params) => manager.query(text, params)));
    return true;
  } catch (error) {
    if ((error as { code?: string }).code === SERIALIZATION_FAILURE) return false;
    throw error;
  }
}

/** The statements of `writeCustomerSummaries`, in a repeatable-read transaction the caller opened (the benchmark's client). */
export async function summariseIn(query: (text: string, params?: unknown[]) => Promise<unknown>): Promise<void> {
  await query(METRIC_TABLES_SHARE_LOCK);
  const [{ snapshot }] = (await query(`select pg_current_snapshot()::text as snapshot`)) as Array<{ snapshot: string }>;
  await query(`set local work_mem = '256MB'`);
  await query(`delete from customer_bucket_summaries`);
  await query(`delete from customer_year_summaries`);
  // Summed into a temporary table first: `create table … as` may use parallel workers, `insert … select` may not (2.7 s
  // against 3.9 s at 1M customers); the few thousand sums are then copied.
  const bucketColumns = 'team_id, dimension, key, customers, revenue, predicted_clv, predicted_clv_customers, profit, profit_customers, historic_clv, historic_clv_customers';
  await query(`
    create temporary table metric_bucket_sums (${bucketColumns}) on commit drop as
    select a.team_id, d.dimension, d.key, count(*), sum(m.revenue), sum(m.predicted_clv), count(m.predicted_clv), sum(m.profit), count(m.profit), sum(m.historic_clv), count(m.historic_clv)
      from customer_metrics m
      join accounts a on a.id = m.account_id and a.deleted_at is null and not a.restricted
      cross join lateral (values ('segment', m.rfm_segment), ('stage', m.lifecycle_stage), ('class', m.behaviour_class)) d (dimension, key)
     group by a.team_id, d.dimension, d.key`);
  await query(`insert into customer_bucket_summaries (${bucketColumns}) select ${bucketColumns} from metric_bucket_sums`);
  // Each year says whether it is retained or leaving (stored by the run, migration 381): one pass, no window to sort.
  await query(`
    insert into customer_year_summaries (team_id, year, active, retained, leaving, revenue, profit, leaving_profit)
    select a.team_id, y.year, count(*), count(*) filter (where y.retained), count(*) filter (where y.leaving),
           sum(y.revenue), sum(y.profit), sum(y.profit) filter (where y.leaving)
      from customer_metric_years y
      join accounts a on a.id = y.account_id and a.deleted_at is null and not a.restricted
     group by a.team_id, y.year`);
  // Changes this snapshot saw are in the summaries: only later ones are corrections.
  await query(`delete from account_scope_changes where xid < pg_snapshot_xmin($1::pg_snapshot)`, [snapshot]);
  await query(`update customer_summary_state set valid = true, snapshot = $1::pg_snapshot, written_at = now()`, [snapshot]);
}
