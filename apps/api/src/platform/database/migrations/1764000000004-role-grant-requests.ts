import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Two-person rule (R-SEC-6): role changes that would give an administrator account business rights wait here until
 * a second administrator approves them. At most one open request per user.
 */
export class RoleGrantRequests1764000000004 implements MigrationInterface {
  name = 'RoleGrantRequests1764000000004';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      create table role_grant_requests (
        id uuid primary key,
        user_id uuid not null references users(id),
        roles text[] not null,
        -- The user's version when asked: an approval applies only to the situation the requester saw.
        user_version integer not null,
        reason text,
        status text not null default 'pending' check (status in ('pending', 'approved', 'rejected')),
        requested_by uuid not null references users(id),
        requested_at timestamptz not null default now(),
        expires_at timestamptz not null,
        decided_by uuid references users(id),
        decided_at timestamptz,
        check ((status = 'pending') = (decided_by is null))
      )`);
    await queryRunner.query(`create unique index role_grant_requests_one_open on role_grant_requests (user_id) where status = 'pending'`);
    await queryRunner.query(`create index role_grant_requests_by_status on role_grant_requests (status, id desc)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('drop table role_grant_requests');
  }
}
