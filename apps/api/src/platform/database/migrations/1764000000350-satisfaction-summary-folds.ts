import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The satisfaction summaries (migration 330) follow the order writes by folds (src/sales/reports/satisfaction-fold.ts):
 * the changed customers' corrections are added to the rows themselves, instead of the whole table being written again.
 *
 * - The rows' key (team, kind, unit, period, item, currency, pm — null where a kind has no such part) becomes a unique
 *   index, nulls not distinct, so a fold adds its sums with `insert … on conflict do update`. It replaces the read
 *   index `(team_id, kind, unit, item_by, currency, period)`: same leading columns, so the reads walk it alike.
 * - `satisfaction_summary_state.folded_at`: when the latest fold advanced the snapshot (`written_at`: the latest writing).
 * - Fill factor 80: a fold rewrites the rows of the changed customers' periods; with room on their page the new versions
 *   stay there (heap-only updates: no index entry, and the rows a read walks stay together as the writing laid them).
 * - The table is rewritten in the index's order (CLUSTER) so existing rows get that room too — seconds per million rows,
 *   under an exclusive lock while the migration runs (readers of the report wait, or read live if the summaries are
 *   invalid).
 */
export class SatisfactionSummaryFolds1764000000350 implements MigrationInterface {
  name = 'SatisfactionSummaryFolds1764000000350';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`alter table satisfaction_summary_state add column folded_at timestamptz`);
    await q.query(`alter table satisfaction_summaries set (fillfactor = 80)`);
    await q.query(
      `create unique index satisfaction_summaries_key on satisfaction_summaries (team_id, kind, unit, item_by, currency, period, key, pm) nulls not distinct`,
    );
    await q.query(`drop index satisfaction_summaries_idx`);
    await q.query(`cluster satisfaction_summaries using satisfaction_summaries_key`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`create index satisfaction_summaries_idx on satisfaction_summaries (team_id, kind, unit, item_by, currency, period)`);
    await q.query(`drop index satisfaction_summaries_key`);
    await q.query(`alter table satisfaction_summaries reset (fillfactor)`);
    await q.query(`alter table satisfaction_summary_state drop column folded_at`);
  }
}
