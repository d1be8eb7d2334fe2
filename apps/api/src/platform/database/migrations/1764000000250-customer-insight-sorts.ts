import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The customer list's sort keys (src/analytics/customers): nullable scores sort as `coalesce(x, -1e17)` so that the
 * keyset comparison is total, and each key is indexed with the account id (the keyset's tie-break) in that exact
 * expression, so a first page walks an index in either direction instead of sorting every customer.
 */
const SORTS: Array<[name: string, expression: string]> = [
  ['predicted_clv', 'coalesce(predicted_clv, -1e17)'],
  ['historic_clv', 'coalesce(historic_clv, -1e17)'],
  ['loyalty', 'coalesce(loyalty_index, -1e17)'],
  ['revenue', 'revenue'],
];

export class CustomerInsightSorts1764000000250 implements MigrationInterface {
  name = 'CustomerInsightSorts1764000000250';

  async up(q: QueryRunner): Promise<void> {
    for (const [name, expression] of SORTS) await q.query(`create index customer_metrics_sort_${name}_idx on customer_metrics ((${expression}), account_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const [name] of SORTS) await q.query(`drop index if exists customer_metrics_sort_${name}_idx`);
  }
}
