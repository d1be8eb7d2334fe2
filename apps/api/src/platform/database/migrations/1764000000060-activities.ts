import type { MigrationInterface, QueryRunner } from 'typeorm';

type Level = 'none' | 'own' | 'team' | 'subtree' | 'all';
type Grant = [role: string, read: Level, create: Level, update: Level, remove: Level, reassign: Level];

/**
 * Default rights on activities (issue 3's table): the sales roles as for accounts; the general manager reads
 * everything; service agents and field engineers log their own calls and visits on the accounts they read, within
 * their team; partners within their partner account. Finance, marketing and quality have no business with the
 * reps' diaries. Data, editable later in the policy editor.
 */
const GRANTS: Grant[] = [
  ['sales_rep', 'team', 'team', 'team', 'own', 'none'],
  ['sales_manager', 'subtree', 'subtree', 'subtree', 'subtree', 'subtree'],
  ['sales_director', 'all', 'all', 'all', 'all', 'all'],
  ['general_manager', 'all', 'none', 'none', 'none', 'none'],
  ['service_agent', 'team', 'team', 'team', 'own', 'none'],
  ['field_engineer', 'team', 'team', 'team', 'own', 'none'],
  ['partner', 'all', 'all', 'all', 'none', 'none'],
];

/**
 * Activities — calls, meetings, visits, tasks and notes — linked to one business record (`related_type`,
 * `related_id`) and, through it, to an account (`account_id`), so an account's timeline is one index range. They are
 * business records under the permission engine, recyclable: deleting a record takes its activities to the bin.
 * Times are millisecond-precise (`timestamptz(3)`) so keyset cursors made in JavaScript match the stored values.
 */
export class Activities1764000000060 implements MigrationInterface {
  name = 'Activities1764000000060';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create table activities (
        id uuid primary key,
        kind text not null check (kind in ('call', 'meeting', 'visit', 'task', 'note')),
        subject text not null check (length(subject) between 1 and 200),
        description text,
        status text not null default 'planned' check (status in ('planned', 'done', 'cancelled')),
        priority text not null default 'normal' check (priority in ('low', 'normal', 'high')),
        due_at timestamptz(3),
        duration_minutes integer check (duration_minutes between 1 and 1440),
        location text,
        outcome text,
        completed_at timestamptz(3),
        related_type text not null check (related_type in ('account', 'contact', 'opportunity')),
        related_id uuid not null,
        account_id uuid not null references accounts(id),
        owner_id uuid not null references users(id),
        team_id uuid references teams(id),
        partner_account_id uuid references partner_accounts(id),
        owner_only_edit boolean not null default false,
        restricted boolean not null default false,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        version integer not null default 1,
        deleted_at timestamptz,
        deleted_by uuid references users(id),
        deleted_with uuid,
        check (status <> 'done' or completed_at is not null)
      )`);
    await q.query(`create index activities_account_due_idx on activities (account_id, due_at desc, id) where deleted_at is null`);
    await q.query(`create index activities_related_due_idx on activities (related_id, due_at desc, id) where deleted_at is null`);
    await q.query(`create index activities_owner_due_idx on activities (owner_id, due_at, id) where deleted_at is null`);
    await q.query(`create index activities_team_due_idx on activities (team_id, due_at, id) where deleted_at is null`);
    await q.query(`create index activities_partner_idx on activities (partner_account_id) where partner_account_id is not null`);
    await q.query(`create index activities_recycle_bin_idx on activities (deleted_at desc, id desc) where deleted_at is not null`);
    await q.query(`create index activities_deleted_with_idx on activities (deleted_with) where deleted_with is not null`);

    const actions = ['read', 'create', 'update', 'delete', 'reassign'];
    for (const [role, ...levels] of GRANTS) {
      for (const [index, action] of actions.entries()) {
        if (levels[index] === 'none') continue;
        await q.query(`insert into object_permissions (role_id, object_type, action, level) select id, 'activity', $2, $3 from roles where key = $1`, [role, action, levels[index]]);
      }
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`delete from field_permissions where object_type = 'activity'`);
    await q.query(`delete from object_permissions where object_type = 'activity'`);
    await q.query(`drop table if exists activities`);
  }
}
