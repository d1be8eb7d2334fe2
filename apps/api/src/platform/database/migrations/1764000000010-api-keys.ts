import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * API keys for partners and integrations: each belongs to one user and acts as that user. Only a SHA-256 of the
 * key is stored, with its public prefix (`lxk_<id part>`, the look-up handle shown in lists). Audit rows also say
 * which key acted, so what an integration did can be told apart from what its user did in person.
 */
export class ApiKeys1764000000010 implements MigrationInterface {
  name = 'ApiKeys1764000000010';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create table api_keys (
        id uuid primary key,
        user_id uuid not null references users(id),
        name text not null check (length(name) between 1 and 100),
        prefix text not null unique check (prefix ~ '^lxk_[0-9a-f]{16}$'),
        secret_hash bytea not null unique check (length(secret_hash) = 32),
        created_at timestamptz not null default now(),
        expires_at timestamptz not null,
        last_used_at timestamptz,
        revoked_at timestamptz,
        revoked_by uuid references users(id),
        revoked_reason text check (revoked_reason in ('owner', 'administrator', 'user_deactivated')),
        constraint api_keys_revocation check ((revoked_at is null) = (revoked_reason is null))
      )`);
    // A user's keys, newest first (their own list, the administrators' filter, the per-user cap).
    await q.query(`create index api_keys_user_idx on api_keys (user_id, id desc)`);
    await q.query(`alter table audit_events add column api_key_id uuid`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`alter table audit_events drop column if exists api_key_id`);
    await q.query(`drop table if exists api_keys`);
  }
}
