import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The scoring of every metrics run reads each customer's years (historic CLV is per year). An incremental run rebuilds
 * a few accounts' facts and reads the others as stored: their years were grouped out of `customer_metric_years` into
 * text on every run (3.5 s at 1M customers). `customer_metrics.years` keeps them in the scoring's form
 * (`year:orders:revenue:cost:profit;…`, src/analytics/metrics/metric-facts.ts), written with the other facts;
 * `customer_metric_years` keeps the same years as rows for the dashboards' retention figures.
 *
 * Existing rows have no text yet: the remembered as-of day goes (migration 360), so the next run rebuilds every account.
 */
export class MetricYearsText1764000000362 implements MigrationInterface {
  name = 'MetricYearsText1764000000362';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`alter table customer_metrics add column years text`);
    await q.query(`delete from customer_metric_state`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`alter table customer_metrics drop column years`);
  }
}
