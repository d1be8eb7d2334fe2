import type { MigrationInterface, QueryRunner } from 'typeorm';

type Level = 'none' | 'own' | 'team' | 'subtree' | 'all';
type Grant = [role: string, read: Level, create: Level, update: Level, remove: Level, reassign: Level];

/**
 * Default rights on leads (issue 3's table, as for accounts): reps work their team's leads (delete own), managers
 * their subtree (and reassign within it), the director everything. Marketing captures leads (imports, campaigns)
 * and qualifies them across the company but neither deletes nor reassigns them; the general manager reads them
 * with phone and email masked (an overview, not a call list). Service, field engineers, finance and quality have
 * no business with leads; partners work within their partner account. Data, editable in the policy editor.
 */
const GRANTS: Grant[] = [
  ['sales_rep', 'team', 'team', 'team', 'own', 'none'],
  ['sales_manager', 'subtree', 'subtree', 'subtree', 'subtree', 'subtree'],
  ['sales_director', 'all', 'all', 'all', 'all', 'all'],
  ['general_manager', 'all', 'none', 'none', 'none', 'none'],
  ['marketing_specialist', 'all', 'all', 'all', 'none', 'none'],
  ['partner', 'all', 'all', 'all', 'none', 'none'],
];

/** An account name without case, spaces and punctuation (ASCII and full-width), as conversion compares them. */
export const NORMALISED_NAME = `regexp_replace(lower(name), '[[:space:][:punct:]（）【】《》，。、·：；“”‘’！？]', '', 'g')`;

/** [role, field, access] */
const FIELD_RULES: Array<[string, string, string]> = [
  ['general_manager', 'phone', 'masked'],
  ['general_manager', 'email', 'masked'],
];

/**
 * Leads (R-SAL-2): people and companies not yet customers, captured by hand, by CSV import or from the public web
 * form, qualified and converted into an account, a contact and optionally an opportunity. A business object under
 * the permission engine with the recycle bin columns from the start. `web_lead_hits` counts the public form's
 * requests per client address and minute, in PostgreSQL so every API replica sees the same counts.
 */
export class Leads1764000000050 implements MigrationInterface {
  name = 'Leads1764000000050';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create table leads (
        id uuid primary key,
        name text not null check (length(name) between 1 and 200),
        company text check (length(company) between 1 and 200),
        title text,
        phone text,
        email text,
        source text not null default 'manual' check (source in ('manual', 'import', 'web', 'event', 'partner', 'referral', 'other')),
        status text not null default 'new' check (status in ('new', 'contacted', 'qualified', 'converted', 'disqualified')),
        disqualified_reason text,
        rating text check (rating in ('hot', 'warm', 'cold')),
        region text,
        industry text,
        notes text,
        converted_at timestamptz,
        converted_account_id uuid references accounts(id),
        converted_contact_id uuid references contacts(id),
        converted_opportunity_id uuid references opportunities(id),
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
        check ((status = 'converted') = (converted_at is not null)),
        check (status = 'disqualified' or disqualified_reason is null)
      )`);
    await q.query(`create index leads_team_name_idx on leads (team_id, name, id)`);
    await q.query(`create index leads_owner_name_idx on leads (owner_id, name, id)`);
    await q.query(`create index leads_partner_name_idx on leads (partner_account_id, name, id) where partner_account_id is not null`);
    await q.query(`create index leads_name_idx on leads (name, id)`);
    await q.query(`create index leads_status_idx on leads (status, name, id)`);
    await q.query(`create index leads_recycle_bin_idx on leads (deleted_at desc, id desc) where deleted_at is not null`);
    await q.query(`create index leads_deleted_with_idx on leads (deleted_with) where deleted_with is not null`);
    // Lead conversion matches accounts by normalised name (lead.service.ts NORMALISE: keep the two expressions equal).
    await q.query(`create index accounts_normalised_name_idx on accounts (${NORMALISED_NAME}) where deleted_at is null`);
    await q.query(`
      create table web_lead_hits (
        client text not null,
        window_start timestamptz not null,
        hits integer not null,
        primary key (client, window_start)
      )`);

    const actions = ['read', 'create', 'update', 'delete', 'reassign'];
    for (const [role, ...levels] of GRANTS) {
      for (const [index, action] of actions.entries()) {
        if (levels[index] === 'none') continue;
        await q.query(`insert into object_permissions (role_id, object_type, action, level) select id, 'lead', $2, $3 from roles where key = $1`, [role, action, levels[index]]);
      }
    }
    for (const [role, field, access] of FIELD_RULES) {
      await q.query(`insert into field_permissions (role_id, object_type, field, access) select id, 'lead', $2, $3 from roles where key = $1`, [role, field, access]);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`delete from field_permissions where object_type = 'lead'`);
    await q.query(`delete from object_permissions where object_type = 'lead'`);
    await q.query(`delete from record_shares where object_type = 'lead'`);
    await q.query(`drop index if exists accounts_normalised_name_idx`);
    await q.query(`drop table if exists web_lead_hits`);
    await q.query(`drop table if exists leads`);
  }
}
