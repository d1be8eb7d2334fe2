import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Whether a customer's year follows a year with purchases (`retained`) and whether no year with purchases follows it
 * (`leaving`): the retention figures count these, and worked them out on every read with windows (the summaries sorted
 * all two million years at 1M customers on every metrics run: 2 of their 4.4 s) or self-joins (the live retention).
 * They depend only on the account's own years, so the metrics run now stores them with the years it rebuilds
 * (src/analytics/metrics/metric-facts.ts); this fills them for the years already stored.
 */
export class MetricYearNeighbours1764000000381 implements MigrationInterface {
  name = 'MetricYearNeighbours1764000000381';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`alter table customer_metric_years add column retained boolean, add column leaving boolean`);
    await q.query(
      `update customer_metric_years y set retained = n.retained, leaving = n.leaving
         from (select account_id, year, coalesce(lag(year) over w = year - 1, false) as retained, coalesce(lead(year) over w <> year + 1, true) as leaving
                 from customer_metric_years window w as (partition by account_id order by year)) n
        where n.account_id = y.account_id and n.year = y.year`,
    );
    await q.query(`alter table customer_metric_years alter column retained set not null, alter column leaving set not null`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`alter table customer_metric_years drop column retained, drop column leaving`);
  }
}
