import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each metrics run builds the next generation of the metric tables and swaps it in (src/analytics/metrics/
 * metric-tables.ts). A foreign key from `customer_metrics` to `accounts` would have to be created on every new table,
 * which takes a lock on `accounts` that blocks every account write until the run commits, and dropped with the old
 * table. It goes: readers always join `accounts` (that is where their scope comes from), and each run leaves out the
 * accounts binned or gone since the last one. The years keep their key to `customer_metrics`.
 *
 * Every index of the metric tables is built again by each run, so the three `(bucket, account_id)` indexes of
 * migration 210 go too: the `(bucket, sort key, account_id)` indexes of migration 310 lead with the same column and
 * serve every lookup by bucket.
 */
const SUPERSEDED = [
  ['customer_metrics_segment_idx', 'rfm_segment'],
  ['customer_metrics_stage_idx', 'lifecycle_stage'],
  ['customer_metrics_class_idx', 'behaviour_class'],
] as const;

export class MetricTablesSwap1764000000320 implements MigrationInterface {
  name = 'MetricTablesSwap1764000000320';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`alter table customer_metrics drop constraint if exists customer_metrics_account_id_fkey`);
    for (const [index] of SUPERSEDED) await q.query(`drop index if exists ${index}`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const [index, column] of SUPERSEDED) await q.query(`create index if not exists ${index} on customer_metrics (${column}, account_id)`);
    await q.query(`delete from customer_metrics m where not exists (select 1 from accounts a where a.id = m.account_id)`);
    await q.query(`alter table customer_metrics add constraint customer_metrics_account_id_fkey foreign key (account_id) references accounts(id) on delete cascade`);
  }
}
