import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Identity, sessions, login throttling, mail outbox and the append-only audit log. */
export class Foundation1764000000000 implements MigrationInterface {
  name = 'Foundation1764000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`create extension if not exists pg_trgm`);

    await q.query(`
      create table partner_accounts (
        id uuid primary key,
        name text not null unique,
        name_en text not null,
        created_at timestamptz not null default now()
      )`);

    await q.query(`
      create table teams (
        id uuid primary key,
        parent_id uuid references teams(id),
        path text not null,
        code text not null unique check (code ~ '^[A-Za-z0-9_-]{1,40}$'),
        name text not null check (length(name) between 1 and 200),
        name_en text not null check (length(name_en) between 1 and 200),
        kind text not null check (kind in ('company', 'department', 'subsidiary', 'group')),
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        version integer not null default 1
      )`);
    await q.query(`create index teams_path_idx on teams (path text_pattern_ops)`);
    await q.query(`create index teams_parent_idx on teams (parent_id)`);

    await q.query(`
      create table roles (
        id uuid primary key,
        key text not null unique,
        name text not null,
        name_en text not null,
        description text not null default ''
      )`);

    await q.query(`
      create table users (
        id uuid primary key,
        email text not null check (email = lower(email) and length(email) <= 254),
        name text not null check (length(name) between 1 and 200),
        name_en text not null check (length(name_en) between 1 and 200),
        phone text,
        locale text not null default 'zh-CN' check (locale in ('zh-CN', 'en')),
        active boolean not null default true,
        team_id uuid references teams(id),
        manager_id uuid references users(id),
        partner_account_id uuid references partner_accounts(id),
        password_hash text,
        password_changed_at timestamptz,
        last_login_at timestamptz,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        version integer not null default 1,
        constraint users_belong_somewhere check (team_id is not null or partner_account_id is not null)
      )`);
    await q.query(`create unique index users_email_key on users (email)`);
    await q.query(`create index users_team_idx on users (team_id)`);
    await q.query(`create index users_manager_idx on users (manager_id)`);

    await q.query(`
      create table user_roles (
        user_id uuid not null references users(id) on delete cascade,
        role_id uuid not null references roles(id),
        primary key (user_id, role_id)
      )`);

    await q.query(`
      create table auth_sessions (
        id uuid primary key,
        user_id uuid not null references users(id),
        created_at timestamptz not null default now(),
        expires_at timestamptz not null,
        revoked_at timestamptz,
        revoked_reason text,
        ip text,
        user_agent text
      )`);
    await q.query(`create index auth_sessions_user_idx on auth_sessions (user_id) where revoked_at is null`);

    await q.query(`
      create table refresh_tokens (
        id uuid primary key,
        session_id uuid not null references auth_sessions(id) on delete cascade,
        token_hash bytea not null unique,
        issued_at timestamptz not null default now(),
        used_at timestamptz
      )`);
    await q.query(`create index refresh_tokens_session_idx on refresh_tokens (session_id)`);

    await q.query(`
      create table password_reset_tokens (
        id uuid primary key,
        user_id uuid not null references users(id),
        token_hash bytea not null unique,
        created_at timestamptz not null default now(),
        expires_at timestamptz not null,
        used_at timestamptz,
        requested_by uuid references users(id)
      )`);

    // Failed-login counters per account and per client IP, shared by every API replica.
    await q.query(`
      create table login_throttle (
        key text primary key,
        failures integer not null default 0,
        locked_until timestamptz,
        last_failure_at timestamptz not null default now()
      )`);

    await q.query(`
      create table mail_outbox (
        id uuid primary key,
        recipient text not null,
        subject text not null,
        body text not null,
        template text not null,
        created_at timestamptz not null default now(),
        sent_at timestamptz
      )`);
    await q.query(`create index mail_outbox_unsent_idx on mail_outbox (created_at) where sent_at is null`);

    await q.query(`
      create table audit_events (
        id uuid primary key,
        occurred_at timestamptz not null default now(),
        category text not null check (category in ('security', 'business')),
        action text not null,
        actor_id uuid,
        actor_email text,
        entity_type text,
        entity_id text,
        changes jsonb,
        details jsonb,
        ip text,
        request_id text
      )`);
    await q.query(`create index audit_events_actor_idx on audit_events (actor_id, id desc)`);
    await q.query(`create index audit_events_entity_idx on audit_events (entity_type, entity_id, id desc)`);
    await q.query(`create index audit_events_action_idx on audit_events (action, id desc)`);
    await q.query(`create index audit_events_occurred_idx on audit_events (occurred_at)`);
    // Append-only: not even the application's own database user may rewrite history.
    await q.query(`
      create function audit_events_append_only() returns trigger language plpgsql as $$
      begin
        raise exception 'audit_events is append-only (% refused)', tg_op using errcode = 'insufficient_privilege';
      end $$`);
    await q.query(`
      create trigger audit_events_no_update_delete before update or delete on audit_events
      for each row execute function audit_events_append_only()`);
    await q.query(`
      create trigger audit_events_no_truncate before truncate on audit_events
      for each statement execute function audit_events_append_only()`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'audit_events', 'mail_outbox', 'login_throttle', 'password_reset_tokens', 'refresh_tokens', 'auth_sessions',
      'user_roles', 'users', 'roles', 'teams', 'partner_accounts',
    ]) {
      await q.query(`drop table if exists ${table}`);
    }
    await q.query(`drop function if exists audit_events_append_only()`);
  }
}
