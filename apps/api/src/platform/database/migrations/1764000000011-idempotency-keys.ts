import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Remembered answers to POSTs sent with an Idempotency-Key, per user, for 24 hours (retries create nothing twice). */
export class IdempotencyKeys1764000000011 implements MigrationInterface {
  name = 'IdempotencyKeys1764000000011';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      create table idempotency_keys (
        user_id uuid not null references users(id),
        key text not null,
        method text not null,
        path text not null,
        request_hash text not null,
        -- null while the first request is still running
        response_status integer,
        response_body jsonb,
        response_etag text,
        created_at timestamptz not null default now(),
        expires_at timestamptz not null,
        primary key (user_id, key)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('drop table idempotency_keys');
  }
}
