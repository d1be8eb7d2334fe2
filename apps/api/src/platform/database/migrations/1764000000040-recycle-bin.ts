import type { MigrationInterface, QueryRunner } from 'typeorm';

const TABLES = ['accounts', 'contacts', 'opportunities'];

/**
 * The recycle bin: deleting an account, contact or opportunity stamps it instead of removing the row, so it can be restored with
 * its shares and history. `deleted_with` names the record whose deletion took this one along (an account's contacts and opportunities),
 * so restoring that record brings back exactly those. Stamps are cut to milliseconds: they are keyset cursors in JSON.
 */
export class RecycleBin1764000000040 implements MigrationInterface {
  name = 'RecycleBin1764000000040';

  async up(q: QueryRunner): Promise<void> {
    for (const table of TABLES) {
      await q.query(`
        alter table ${table}
          add column deleted_at timestamptz,
          add column deleted_by uuid references users(id),
          add column deleted_with uuid`);
      await q.query(`create index ${table}_recycle_bin_idx on ${table} (deleted_at desc, id desc) where deleted_at is not null`);
      await q.query(`create index ${table}_deleted_with_idx on ${table} (deleted_with) where deleted_with is not null`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [...TABLES].reverse()) {
      await q.query(`delete from ${table} where deleted_at is not null`);
      await q.query(`alter table ${table} drop column deleted_at, drop column deleted_by, drop column deleted_with`);
    }
  }
}
