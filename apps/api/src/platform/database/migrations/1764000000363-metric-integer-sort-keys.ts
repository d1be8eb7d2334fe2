import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every metrics run builds each index of `customer_metrics` again (src/analytics/metrics/metric-tables.ts): the sixteen
 * list indexes of migrations 250 and 310 were 19 of a nightly run's 27 s of writing at 1M customers. A build is a sort,
 * and its comparisons were slow twice over: the sort keys were numerics (each comparison a digit-array walk) and the
 * bucket indexes led with a text column (each comparison looked up the next key's offset behind a variable-length one).
 * The keys become exact integers and the buckets their hash — same rows, same order within a bucket, half the time:
 * - sort keys: money in cents and the loyalty index in ten-thousandths (their columns' scales: nothing is rounded), a
 *   missing score as a value below any real one (the keyset comparison stays total: unscored last when descending);
 * - buckets: `hashtext(bucket)`, an integer; a list of one bucket asks for the hash and the bucket itself, so two
 *   buckets with one hash (none of today's do) would only make the index walk skip the other's rows.
 * The expressions are exactly the customer list's (src/analytics/customers/customer-insights.service.ts).
 */
const NULL_LAST = '-9000000000000000000';
const SORTS: Array<[name: string, integer: string, previous: string]> = [
  ['predicted_clv', `coalesce((predicted_clv * 100)::bigint, ${NULL_LAST})`, 'coalesce(predicted_clv, -1e17)'],
  ['historic_clv', `coalesce((historic_clv * 100)::bigint, ${NULL_LAST})`, 'coalesce(historic_clv, -1e17)'],
  ['loyalty', `coalesce((loyalty_index * 10000)::bigint, ${NULL_LAST})`, 'coalesce(loyalty_index, -1e17)'],
  ['revenue', '(revenue * 100)::bigint', 'revenue'],
];
const DIMENSIONS: Array<[name: string, column: string]> = [
  ['segment', 'rfm_segment'],
  ['stage', 'lifecycle_stage'],
  ['class', 'behaviour_class'],
];

export class MetricIntegerSortKeys1764000000363 implements MigrationInterface {
  name = 'MetricIntegerSortKeys1764000000363';

  async up(q: QueryRunner): Promise<void> {
    await this.build(q, (sort) => sort[1], (column) => `hashtext(${column})`);
  }

  async down(q: QueryRunner): Promise<void> {
    await this.build(q, (sort) => sort[2], (column) => column);
  }

  private async build(q: QueryRunner, key: (sort: (typeof SORTS)[number]) => string, bucket: (column: string) => string): Promise<void> {
    for (const sort of SORTS) {
      await q.query(`drop index if exists customer_metrics_sort_${sort[0]}_idx`);
      await q.query(`create index customer_metrics_sort_${sort[0]}_idx on customer_metrics ((${key(sort)}), account_id)`);
      for (const [dimension, column] of DIMENSIONS) {
        await q.query(`drop index if exists customer_metrics_${dimension}_${sort[0]}_idx`);
        await q.query(`create index customer_metrics_${dimension}_${sort[0]}_idx on customer_metrics ((${bucket(column)}), (${key(sort)}), account_id)`);
      }
    }
  }
}
