import type { MigrationInterface, QueryRunner } from 'typeorm';

type Level = 'none' | 'own' | 'team' | 'subtree' | 'all';
type Grant = [role: string, read: Level, create: Level, update: Level, remove: Level, reassign: Level];

/**
 * Default rights on AHP models (R-ANA-4, service-item profitability): those who decide on the service portfolio —
 * sales managers (their subtree), the sales director and the general manager (everything) and marketing (read
 * everything, build their team's) — create and read models; sales reps read their team's models, to see why items
 * rank as they do. Service, finance, quality and partners have none; system administrators and auditors have no
 * business rights (R-SEC-6). Data, editable in the policy editor.
 */
const GRANTS: Grant[] = [
  ['sales_rep', 'team', 'none', 'none', 'none', 'none'],
  ['sales_manager', 'subtree', 'subtree', 'subtree', 'subtree', 'subtree'],
  ['sales_director', 'all', 'all', 'all', 'all', 'all'],
  ['general_manager', 'all', 'all', 'all', 'all', 'all'],
  ['marketing_specialist', 'all', 'team', 'team', 'team', 'none'],
];

/**
 * AHP models: criteria (a tree, each node with its pairwise comparisons or direct scores of the alternatives), the
 * pairwise comparisons of the top-level criteria and the alternatives ranked (service items), as JSON validated by
 * @lianxi/analytics before every write. Business records under the permission engine (owner, team); deleting
 * removes a model for good (an analysis, not customer data).
 */
export class AhpModels1764000000230 implements MigrationInterface {
  name = 'AhpModels1764000000230';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create table ahp_models (
        id uuid primary key,
        name text not null check (length(name) between 1 and 200),
        description text check (length(description) <= 2000),
        criteria jsonb not null check (jsonb_typeof(criteria) = 'array'),
        comparisons jsonb not null check (jsonb_typeof(comparisons) = 'array'),
        alternatives jsonb not null check (jsonb_typeof(alternatives) = 'array'),
        owner_id uuid not null references users(id),
        team_id uuid references teams(id),
        partner_account_id uuid references partner_accounts(id),
        owner_only_edit boolean not null default false,
        restricted boolean not null default false,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        version integer not null default 1
      )`);
    await q.query(`create index ahp_models_team_name_idx on ahp_models (team_id, name, id)`);
    await q.query(`create index ahp_models_owner_name_idx on ahp_models (owner_id, name, id)`);
    await q.query(`create index ahp_models_name_idx on ahp_models (name, id)`);

    const actions = ['read', 'create', 'update', 'delete', 'reassign'];
    for (const [role, ...levels] of GRANTS) {
      for (const [index, action] of actions.entries()) {
        if (levels[index] === 'none') continue;
        await q.query(`insert into object_permissions (role_id, object_type, action, level) select id, 'ahp_model', $2, $3 from roles where key = $1`, [role, action, levels[index]]);
      }
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`delete from field_permissions where object_type = 'ahp_model'`);
    await q.query(`delete from object_permissions where object_type = 'ahp_model'`);
    await q.query(`delete from record_shares where object_type = 'ahp_model'`);
    await q.query(`drop table if exists ahp_models`);
  }
}
