import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The permission engine's policy tables (object and field permissions per role, record shares, a policy version
 * that every replica checks per request) and the first business objects it guards: accounts and contacts.
 */
export class Access1764000000002 implements MigrationInterface {
  name = 'Access1764000000002';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create table object_permissions (
        role_id uuid not null references roles(id) on delete cascade,
        object_type text not null,
        action text not null check (action in ('read', 'create', 'update', 'delete', 'reassign')),
        level text not null check (level in ('none', 'own', 'team', 'subtree', 'all')),
        primary key (role_id, object_type, action)
      )`);
    await q.query(`
      create table field_permissions (
        role_id uuid not null references roles(id) on delete cascade,
        object_type text not null,
        field text not null,
        access text not null check (access in ('hidden', 'masked', 'read', 'edit')),
        primary key (role_id, object_type, field)
      )`);
    // One row; bumped by any policy change so every replica reloads its cached policies on the next request.
    await q.query(`create table policy_state (id integer primary key check (id = 1), version bigint not null)`);
    await q.query(`insert into policy_state (id, version) values (1, 1)`);
    await q.query(`
      create function bump_policy_version() returns trigger language plpgsql as $$
      begin
        update policy_state set version = version + 1 where id = 1;
        return null;
      end $$`);
    for (const table of ['object_permissions', 'field_permissions']) {
      await q.query(`create trigger ${table}_bump_policy after insert or update or delete or truncate on ${table}
                     for each statement execute function bump_policy_version()`);
    }

    await q.query(`
      create table record_shares (
        id uuid primary key,
        object_type text not null,
        record_id uuid not null,
        user_id uuid references users(id) on delete cascade,
        team_id uuid references teams(id) on delete cascade,
        access text not null check (access in ('read', 'edit')),
        granted_by uuid references users(id),
        created_at timestamptz not null default now(),
        constraint record_shares_one_grantee check ((user_id is null) <> (team_id is null))
      )`);
    await q.query(`create unique index record_shares_user_key on record_shares (object_type, record_id, user_id) where user_id is not null`);
    await q.query(`create unique index record_shares_team_key on record_shares (object_type, record_id, team_id) where team_id is not null`);
    await q.query(`create index record_shares_user_idx on record_shares (user_id, object_type, record_id)`);
    await q.query(`create index record_shares_team_idx on record_shares (team_id, object_type, record_id)`);

    // Record attributes every business table carries: owner, team, partner, owner-only edit, restricted.
    const recordAttributes = `
        owner_id uuid not null references users(id),
        -- Null for records owned by partner users, who belong to no team.
        team_id uuid references teams(id),
        partner_account_id uuid references partner_accounts(id),
        owner_only_edit boolean not null default false,
        restricted boolean not null default false,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        version integer not null default 1`;
    await q.query(`
      create table accounts (
        id uuid primary key,
        name text not null check (length(name) between 1 and 200),
        kind text not null default 'company' check (kind in ('company', 'person')),
        industry text,
        region text,
        phone text,
        email text,
        ${recordAttributes}
      )`);
    await q.query(`
      create table contacts (
        id uuid primary key,
        account_id uuid not null references accounts(id),
        name text not null check (length(name) between 1 and 200),
        title text,
        phone text,
        email text,
        ${recordAttributes}
      )`);
    for (const table of ['accounts', 'contacts']) {
      await q.query(`create index ${table}_team_name_idx on ${table} (team_id, name, id)`);
      await q.query(`create index ${table}_owner_name_idx on ${table} (owner_id, name, id)`);
      await q.query(`create index ${table}_partner_name_idx on ${table} (partner_account_id, name, id) where partner_account_id is not null`);
      await q.query(`create index ${table}_name_idx on ${table} (name, id)`);
    }
    await q.query(`create index contacts_account_idx on contacts (account_id, name, id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['contacts', 'accounts', 'record_shares', 'policy_state', 'field_permissions', 'object_permissions']) {
      await q.query(`drop table if exists ${table}`);
    }
    await q.query(`drop function if exists bump_policy_version()`);
  }
}
