import type { MigrationInterface, QueryRunner } from 'typeorm';

type Level = 'none' | 'own' | 'team' | 'subtree' | 'all';
type Grant = [role: string, object: string, read: Level, create: Level, update: Level, remove: Level, reassign: Level];

/** Every field that carries a price or an amount, on the order and (as `lines.*`) on its lines. */
export const ORDER_PRICE_FIELDS = [
  'taxRate', 'subtotal', 'taxAmount', 'total', 'paidAmount', 'outstandingAmount',
  'lines.listPrice', 'lines.discountPercent', 'lines.netPrice', 'lines.lineTotal',
];

/**
 * Default rights on orders and payments (issue 3's table), data editable later in the policy editor:
 *
 * - `order`: reps their team, managers their subtree, the director everything (orders are never deleted: a
 *   documented cancellation instead); the general manager and finance read everything; the quality inspector,
 *   service agents and field engineers read every order — what was sold, delivered and confirmed, for inspection,
 *   installation and service — with every price and amount hidden; partners within their partner account.
 * - `payment` (no records of its own: a payment is visible with its order): finance reads and records them
 *   (`create`); the sales roles, the general manager and partners read them; nobody else.
 */
const GRANTS: Grant[] = [
  ['sales_rep', 'order', 'team', 'team', 'team', 'none', 'none'],
  ['sales_manager', 'order', 'subtree', 'subtree', 'subtree', 'none', 'subtree'],
  ['sales_director', 'order', 'all', 'all', 'all', 'none', 'all'],
  ['general_manager', 'order', 'all', 'none', 'none', 'none', 'none'],
  ['finance', 'order', 'all', 'none', 'none', 'none', 'none'],
  ['quality_inspector', 'order', 'all', 'none', 'none', 'none', 'none'],
  ['service_agent', 'order', 'all', 'none', 'none', 'none', 'none'],
  ['field_engineer', 'order', 'all', 'none', 'none', 'none', 'none'],
  ['partner', 'order', 'all', 'all', 'all', 'none', 'none'],
  ['finance', 'payment', 'all', 'all', 'all', 'none', 'none'],
  ...['sales_rep', 'sales_manager', 'sales_director', 'general_manager', 'partner'].map((role): Grant => [role, 'payment', 'all', 'none', 'none', 'none', 'none']),
];

/** [role, object, field, access] */
const FIELD_RULES: Array<[string, string, string, string]> = ['quality_inspector', 'service_agent', 'field_engineer'].flatMap((role) =>
  ORDER_PRICE_FIELDS.map((field): [string, string, string, string] => [role, 'order', field, 'hidden']),
);

const OBJECTS = ['order', 'payment'];

/**
 * Orders (R-SAL-6) with their lines, status history and payments. Money is numeric(18,2), computed exactly on the
 * server; an order's number comes from a sequence (`SO-2026-000123`); `quote_id` is the quote it was converted from
 * (one order per quote). Orders are business records under the permission engine, not recyclable.
 */
export class Orders1764000000080 implements MigrationInterface {
  name = 'Orders1764000000080';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`create sequence order_number_seq`);
    await q.query(`
      create table orders (
        id uuid primary key,
        number text not null unique,
        account_id uuid not null references accounts(id),
        quote_id uuid unique,
        currency text not null check (currency ~ '^[A-Z]{3}$'),
        status text not null default 'ordered' check (status in ('ordered', 'partly_paid', 'paid', 'shipped', 'delivered', 'confirmed', 'cancelled')),
        order_date date not null default current_date,
        payment_terms_days integer not null default 30 check (payment_terms_days between 0 and 365),
        due_date date generated always as (order_date + payment_terms_days) stored,
        tax_rate numeric(5, 2) not null check (tax_rate between 0 and 100),
        subtotal numeric(18, 2) not null check (subtotal >= 0),
        tax_amount numeric(18, 2) not null check (tax_amount >= 0),
        total numeric(18, 2) not null check (total = subtotal + tax_amount),
        paid_amount numeric(18, 2) not null default 0 check (paid_amount between 0 and total),
        notes text,
        owner_id uuid not null references users(id),
        team_id uuid references teams(id),
        partner_account_id uuid references partner_accounts(id),
        owner_only_edit boolean not null default false,
        restricted boolean not null default false,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        version integer not null default 1
      )`);
    await q.query(`create index orders_team_number_idx on orders (team_id, number, id)`);
    await q.query(`create index orders_owner_number_idx on orders (owner_id, number, id)`);
    await q.query(`create index orders_partner_number_idx on orders (partner_account_id, number, id) where partner_account_id is not null`);
    await q.query(`create index orders_account_idx on orders (account_id, number, id)`);
    await q.query(`create index orders_status_idx on orders (status, number, id)`);
    // Receivables: the open orders by due date.
    await q.query(`create index orders_open_due_idx on orders (account_id, due_date) where status in ('ordered', 'partly_paid')`);
    await q.query(`
      create table order_lines (
        id uuid primary key,
        order_id uuid not null references orders(id) on delete cascade,
        position integer not null check (position >= 0),
        product_id uuid references products(id),
        description text not null check (length(description) between 1 and 500),
        quantity numeric(14, 3) not null check (quantity > 0),
        list_price numeric(18, 2) not null check (list_price >= 0),
        discount_percent numeric(5, 2) not null default 0 check (discount_percent between 0 and 100),
        net_price numeric(18, 2) not null check (net_price >= 0),
        line_total numeric(18, 2) not null check (line_total >= 0),
        unique (order_id, position)
      )`);
    await q.query(`
      create table order_status_history (
        id uuid primary key,
        order_id uuid not null references orders(id) on delete cascade,
        from_status text,
        to_status text not null,
        changed_by uuid references users(id),
        changed_at timestamptz(3) not null default now(),
        note text
      )`);
    await q.query(`create index order_status_history_order_idx on order_status_history (order_id, changed_at, id)`);
    await q.query(`
      create table payments (
        id uuid primary key,
        order_id uuid not null references orders(id) on delete cascade,
        amount numeric(18, 2) not null check (amount > 0),
        currency text not null check (currency ~ '^[A-Z]{3}$'),
        paid_at date not null,
        method text not null check (method in ('bank_transfer', 'cash', 'cheque', 'acceptance_bill', 'other')),
        reference text,
        recorded_by uuid references users(id),
        created_at timestamptz(3) not null default now()
      )`);
    await q.query(`create index payments_order_idx on payments (order_id, paid_at, id)`);

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
    for (const table of ['payments', 'order_status_history', 'order_lines', 'orders']) await q.query(`drop table if exists ${table}`);
    await q.query(`drop sequence if exists order_number_seq`);
  }
}
