import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every index of `customer_metrics` is built again by each metrics run (src/analytics/metrics/metric-tables.ts): about a
 * second each at 1M customers. The two value indexes of migration 210 (`historic_clv` / `predicted_clv` descending, nulls
 * last) serve no query since the customer list sorts by `coalesce(x, -1e17)` with the indexes of migration 250 (keyset
 * pagination needs a total order), and no other reader orders by the bare columns: they go.
 */
const SUPERSEDED = [
  ['customer_metrics_historic_clv_idx', 'historic_clv'],
  ['customer_metrics_predicted_clv_idx', 'predicted_clv'],
] as const;

export class MetricSupersededIndexes1764000000361 implements MigrationInterface {
  name = 'MetricSupersededIndexes1764000000361';

  async up(q: QueryRunner): Promise<void> {
    for (const [index] of SUPERSEDED) await q.query(`drop index if exists ${index}`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const [index, column] of SUPERSEDED) await q.query(`create index if not exists ${index} on customer_metrics (${column} desc nulls last, account_id)`);
  }
}
