import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An incremental metrics run (src/analytics/metrics/metric-tables.ts) edits `customer_metric_years` in place — only the
 * rebuilt accounts' years change — instead of copying two million unchanged rows into a new table and indexing them
 * again; `customer_metrics` is still swapped for a new table each run. A foreign key from the years to
 * `customer_metrics` would have to be dropped with every swapped table and validated again: it goes, as the one to
 * `accounts` did (migration 320). The run deletes the years of the accounts it rebuilds or no longer scores itself,
 * which is what the key's cascade did.
 */
export class MetricYearsInPlace1764000000340 implements MigrationInterface {
  name = 'MetricYearsInPlace1764000000340';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`alter table customer_metric_years drop constraint if exists customer_metric_years_account_id_fkey`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`delete from customer_metric_years y where not exists (select 1 from customer_metrics m where m.account_id = y.account_id)`);
    await q.query(
      `alter table customer_metric_years add constraint customer_metric_years_account_id_fkey foreign key (account_id) references customer_metrics(account_id) on delete cascade`,
    );
  }
}
