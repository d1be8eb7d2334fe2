import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The approval rules are one shared piece of configuration replaced as a whole: every row carries the version of the
 * rule set it belongs to, so a PUT based on a stale read is refused (412) like a write to any other record.
 */
export class ApprovalRuleVersion1764000000150 implements MigrationInterface {
  name = 'ApprovalRuleVersion1764000000150';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`alter table approval_rules add column version integer not null default 1 check (version >= 1)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`alter table approval_rules drop column version`);
  }
}
