import type { MigrationInterface, QueryRunner } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';

/** The machinery maker's default sales process (R-PLT-3: configuration, changed later by a sales director). */
const DEFAULT_STAGES: Array<[name: string, nameEn: string, probability: number, kind: 'open' | 'won' | 'lost']> = [
  ['初步接洽', 'Qualification', 10, 'open'],
  ['需求分析', 'Needs analysis', 20, 'open'],
  ['方案报价', 'Proposal', 40, 'open'],
  ['商务谈判', 'Negotiation', 60, 'open'],
  ['赢单', 'Won', 100, 'won'],
  ['输单', 'Lost', 0, 'lost'],
];

/**
 * Sales pipelines and their stages as configuration, opportunities (a business object under the permission
 * engine, like accounts) and each opportunity's stage history.
 */
export class Opportunities1764000000020 implements MigrationInterface {
  name = 'Opportunities1764000000020';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create table pipelines (
        id uuid primary key,
        name text not null check (length(name) between 1 and 100),
        name_en text not null check (length(name_en) between 1 and 100),
        is_default boolean not null default false,
        active boolean not null default true,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        version integer not null default 1
      )`);
    // At most one default pipeline.
    await q.query(`create unique index pipelines_one_default on pipelines (is_default) where is_default`);
    await q.query(`
      create table pipeline_stages (
        id uuid primary key,
        pipeline_id uuid not null references pipelines(id) on delete cascade,
        position integer not null check (position >= 0),
        name text not null check (length(name) between 1 and 100),
        name_en text not null check (length(name_en) between 1 and 100),
        probability integer not null check (probability between 0 and 100),
        kind text not null default 'open' check (kind in ('open', 'won', 'lost')),
        unique (pipeline_id, position) deferrable initially deferred,
        unique (pipeline_id, id)
      )`);
    await q.query(`
      create table opportunities (
        id uuid primary key,
        name text not null check (length(name) between 1 and 200),
        account_id uuid not null references accounts(id),
        pipeline_id uuid not null references pipelines(id),
        stage_id uuid not null,
        amount numeric(18, 2) not null default 0 check (amount >= 0),
        currency text not null default 'CNY' check (currency ~ '^[A-Z]{3}$'),
        probability integer not null check (probability between 0 and 100),
        expected_close_date date,
        competitors text[] not null default '{}',
        description text,
        owner_id uuid not null references users(id),
        team_id uuid references teams(id),
        partner_account_id uuid references partner_accounts(id),
        owner_only_edit boolean not null default false,
        restricted boolean not null default false,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        version integer not null default 1,
        -- The stage belongs to the opportunity's pipeline.
        foreign key (pipeline_id, stage_id) references pipeline_stages (pipeline_id, id)
      )`);
    await q.query(`create index opportunities_team_name_idx on opportunities (team_id, name, id)`);
    await q.query(`create index opportunities_owner_name_idx on opportunities (owner_id, name, id)`);
    await q.query(`create index opportunities_partner_name_idx on opportunities (partner_account_id, name, id) where partner_account_id is not null`);
    await q.query(`create index opportunities_name_idx on opportunities (name, id)`);
    await q.query(`create index opportunities_account_idx on opportunities (account_id, name, id)`);
    await q.query(`create index opportunities_stage_idx on opportunities (stage_id, name, id)`);
    await q.query(`create index opportunities_close_idx on opportunities (expected_close_date)`);
    await q.query(`
      create table opportunity_stage_history (
        id uuid primary key,
        opportunity_id uuid not null references opportunities(id) on delete cascade,
        from_stage_id uuid references pipeline_stages(id),
        to_stage_id uuid not null references pipeline_stages(id),
        changed_by uuid references users(id),
        changed_at timestamptz not null default now()
      )`);
    await q.query(`create index opportunity_stage_history_opp_idx on opportunity_stage_history (opportunity_id, changed_at, id)`);

    const pipelineId = uuidv7();
    await q.query(`insert into pipelines (id, name, name_en, is_default) values ($1, '设备销售', 'Equipment sales', true)`, [pipelineId]);
    for (const [position, [name, nameEn, probability, kind]] of DEFAULT_STAGES.entries()) {
      await q.query(`insert into pipeline_stages (id, pipeline_id, position, name, name_en, probability, kind) values ($1, $2, $3, $4, $5, $6, $7)`, [
        uuidv7(), pipelineId, position, name, nameEn, probability, kind,
      ]);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['opportunity_stage_history', 'opportunities', 'pipeline_stages', 'pipelines']) await q.query(`drop table if exists ${table}`);
  }
}
