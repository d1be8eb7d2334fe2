import type { MigrationInterface, QueryRunner } from 'typeorm';

type Level = 'none' | 'own' | 'team' | 'subtree' | 'all';
type Grant = [role: string, object: string, read: Level, create: Level, update: Level, remove: Level, reassign: Level];

/**
 * Default rights on quotes (issue 3's table, as for opportunities) and on the approval rules (configuration).
 *
 * - `quote`: reps team (delete own), managers their subtree, the director everything; the general manager and finance
 *   read everything; partners work within their partner account. The quality inspector reads quotes (which machines,
 *   how many, when) but never a price: the pseudo-field `prices` (every money figure and discount of a quote and its
 *   lines) is hidden for that role. Marketing, service and field engineers have no business with quotes.
 * - `approval_rule` (configuration, no records): every sales role, the general manager and finance read the rules;
 *   only the sales director changes them (`update all`).
 * Approving is not a policy right: who may decide a pending quote follows from the rules (see quote-approval.ts).
 */
const GRANTS: Grant[] = [
  ['sales_rep', 'quote', 'team', 'team', 'team', 'own', 'none'],
  ['sales_manager', 'quote', 'subtree', 'subtree', 'subtree', 'subtree', 'subtree'],
  ['sales_director', 'quote', 'all', 'all', 'all', 'all', 'all'],
  ['general_manager', 'quote', 'all', 'none', 'none', 'none', 'none'],
  ['finance', 'quote', 'all', 'none', 'none', 'none', 'none'],
  ['quality_inspector', 'quote', 'all', 'none', 'none', 'none', 'none'],
  ['partner', 'quote', 'all', 'all', 'all', 'none', 'none'],
  ...['sales_rep', 'sales_manager', 'general_manager', 'finance', 'partner'].map((role): Grant => [role, 'approval_rule', 'all', 'none', 'none', 'none', 'none']),
  ['sales_director', 'approval_rule', 'all', 'none', 'all', 'none', 'none'],
];

/** [role, object, field, access] */
const FIELD_RULES: Array<[string, string, string, string]> = [['quality_inspector', 'quote', 'prices', 'hidden']];

const OBJECTS = ['quote', 'approval_rule'];

/**
 * Quotes (R-SAL-4) with their lines, special-price approval (R-SAL-5): the approval rules as data and each quote's
 * approval history. Money is numeric(18,2) and every total is computed by PostgreSQL (quote.service.ts).
 */
export class Quotes1764000000070 implements MigrationInterface {
  name = 'Quotes1764000000070';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`create sequence quote_number_seq`);
    await q.query(`
      create table quotes (
        id uuid primary key,
        -- Shared by every revision of the quote: Q-2026-000001.
        number text not null,
        revision integer not null default 1 check (revision >= 1),
        account_id uuid not null references accounts(id),
        opportunity_id uuid references opportunities(id),
        currency text not null default 'CNY' check (currency ~ '^[A-Z]{3}$'),
        valid_until date not null,
        status text not null default 'draft' check (status in ('draft', 'pending_approval', 'approved', 'rejected', 'sent', 'accepted', 'superseded')),
        tax_rate numeric(5, 2) not null default 13 check (tax_rate between 0 and 100),
        notes text,
        subtotal numeric(18, 2) not null default 0,
        discount_total numeric(18, 2) not null default 0,
        net_total numeric(18, 2) not null default 0,
        tax_total numeric(18, 2) not null default 0,
        grand_total numeric(18, 2) not null default 0,
        max_discount_percent numeric(5, 2) not null default 0,
        -- Who must decide while pending (a role key), set on submission.
        approval_role text check (approval_role in ('sales_manager', 'sales_director')),
        -- The owner's team path at submission: a sales manager of this team or an ancestor decides.
        approval_team_path text,
        submitted_at timestamptz,
        decided_at timestamptz,
        sent_at timestamptz,
        accepted_at timestamptz,
        owner_id uuid not null references users(id),
        team_id uuid references teams(id),
        partner_account_id uuid references partner_accounts(id),
        owner_only_edit boolean not null default false,
        restricted boolean not null default false,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        version integer not null default 1,
        unique (number, revision),
        check ((status = 'pending_approval') = (approval_role is not null))
      )`);
    await q.query(`create index quotes_team_number_idx on quotes (team_id, number, id)`);
    await q.query(`create index quotes_owner_number_idx on quotes (owner_id, number, id)`);
    await q.query(`create index quotes_partner_number_idx on quotes (partner_account_id, number, id) where partner_account_id is not null`);
    await q.query(`create index quotes_number_idx on quotes (number, id)`);
    await q.query(`create index quotes_account_idx on quotes (account_id, number, id)`);
    await q.query(`create index quotes_status_idx on quotes (status, number, id)`);
    await q.query(`create index quotes_pending_idx on quotes (approval_role, approval_team_path) where status = 'pending_approval'`);
    await q.query(`
      create table quote_lines (
        id uuid primary key,
        quote_id uuid not null references quotes(id) on delete cascade,
        position integer not null check (position >= 0),
        product_id uuid not null references products(id),
        description text,
        quantity numeric(14, 3) not null check (quantity > 0),
        list_price numeric(18, 2) not null check (list_price >= 0),
        discount_percent numeric(5, 2) not null default 0 check (discount_percent between 0 and 100),
        net_price numeric(18, 2) not null,
        line_total numeric(18, 2) not null,
        unique (quote_id, position)
      )`);
    await q.query(`
      create table approval_rules (
        id uuid primary key,
        position integer not null unique check (position >= 0),
        -- Applies up to and including this maximum line discount; null: above every other rule.
        max_discount_percent numeric(5, 2) check (max_discount_percent between 0 and 100),
        approver text not null check (approver in ('none', 'sales_manager', 'sales_director')),
        updated_at timestamptz not null default now()
      )`);
    await q.query(`
      create table quote_approvals (
        id uuid primary key,
        quote_id uuid not null references quotes(id) on delete cascade,
        action text not null check (action in ('submitted', 'auto_approved', 'approved', 'rejected', 'reopened')),
        approver_role text,
        max_discount_percent numeric(5, 2),
        comment text,
        actor_id uuid references users(id),
        occurred_at timestamptz not null default clock_timestamp()
      )`);
    await q.query(`create index quote_approvals_quote_idx on quote_approvals (quote_id, occurred_at, id)`);

    // R-SAL-5's defaults: up to 10 % no approval, up to 20 % the regional sales manager, above that the director.
    const rules: Array<[string | null, string]> = [['10', 'none'], ['20', 'sales_manager'], [null, 'sales_director']];
    for (const [position, [max, approver]] of rules.entries()) {
      await q.query(`insert into approval_rules (id, position, max_discount_percent, approver) values (gen_random_uuid(), $1, $2, $3)`, [position, max, approver]);
    }

    const actions = ['read', 'create', 'update', 'delete', 'reassign'];
    for (const [role, object, ...levels] of GRANTS) {
      for (const [index, action] of actions.entries()) {
        if (levels[index] === 'none') continue;
        await q.query(`insert into object_permissions (role_id, object_type, action, level) select id, $2, $3, $4 from roles where key = $1`, [role, object, action, levels[index]]);
      }
    }
    for (const [role, object, field, access] of FIELD_RULES) {
      await q.query(`insert into field_permissions (role_id, object_type, field, access) select id, $2, $3, $4 from roles where key = $1`, [role, object, field, access]);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`delete from field_permissions where object_type = any($1)`, [OBJECTS]);
    await q.query(`delete from object_permissions where object_type = any($1)`, [OBJECTS]);
    await q.query(`delete from record_shares where object_type = 'quote'`);
    for (const table of ['quote_approvals', 'approval_rules', 'quote_lines', 'quotes']) await q.query(`drop table if exists ${table}`);
    await q.query(`drop sequence if exists quote_number_seq`);
  }
}
