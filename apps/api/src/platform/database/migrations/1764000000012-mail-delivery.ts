import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Delivery bookkeeping for the mail outbox: attempts with back-off, the last error, and giving up. */
export class MailDelivery1764000000012 implements MigrationInterface {
  name = 'MailDelivery1764000000012';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      alter table mail_outbox
        add column attempts integer not null default 0,
        add column next_attempt_at timestamptz,
        add column last_error text,
        add column failed_at timestamptz`);
    await queryRunner.query('drop index mail_outbox_unsent_idx');
    await queryRunner.query('create index mail_outbox_due_idx on mail_outbox (created_at) where sent_at is null and failed_at is null');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('drop index mail_outbox_due_idx');
    await queryRunner.query('create index mail_outbox_unsent_idx on mail_outbox (created_at) where sent_at is null');
    await queryRunner.query('alter table mail_outbox drop column attempts, drop column next_attempt_at, drop column last_error, drop column failed_at');
  }
}
