import type { MigrationInterface, QueryRunner } from 'typeorm';

type Level = 'none' | 'own' | 'team' | 'subtree' | 'all';
type Grant = [role: string, object: string, read: Level, create: Level, update: Level, remove: Level, reassign: Level];

/** Roles that work with the catalogue: every sales, service and finance role, and partners. */
const CATALOGUE_READERS = ['general_manager', 'sales_manager', 'sales_rep', 'marketing_specialist', 'service_agent', 'field_engineer', 'quality_inspector', 'partner'];

/**
 * Default rights on the catalogue (R-SAL-4). Products (with their category tree) and price lists are catalogue data,
 * not owned records: levels only say "may" (`read`, `create`, `update` at any level; the demo policies use `all`).
 *
 * - `product`: read by every business role and partners (partners see active products only: a rule of the service).
 *   Created and changed by the sales director and by finance — finance keeps the cost prices and the price lists,
 *   so it is the catalogue's administrator among the built-in roles (the system administrator has no business
 *   rights, R-SEC-6). `costPrice` is hidden from everyone but the sales director and finance (field rules).
 * - `price_list`: the same, except the quality inspector, who has no right on price lists (and so sees no price).
 * Nobody deletes products or price lists: they are deactivated (quotes and orders will refer to them).
 */
const GRANTS: Grant[] = [
  ...CATALOGUE_READERS.map((role): Grant => [role, 'product', 'all', 'none', 'none', 'none', 'none']),
  ...CATALOGUE_READERS.filter((role) => role !== 'quality_inspector').map((role): Grant => [role, 'price_list', 'all', 'none', 'none', 'none', 'none']),
  ...['sales_director', 'finance'].flatMap((role): Grant[] => [
    [role, 'product', 'all', 'all', 'all', 'none', 'none'],
    [role, 'price_list', 'all', 'all', 'all', 'none', 'none'],
  ]),
];

/** [role, object, field, access]: the cost price is for the sales director and finance only. */
const FIELD_RULES: Array<[string, string, string, string]> = CATALOGUE_READERS.map((role) => [role, 'product', 'costPrice', 'hidden']);

const OBJECTS = ['product', 'price_list'];

/** Product categories (a tree), products, price lists with entries and quantity tiers; and their default policies. */
export class Products1764000000030 implements MigrationInterface {
  name = 'Products1764000000030';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create table product_categories (
        id uuid primary key,
        parent_id uuid references product_categories(id),
        -- '/<root id>/<child id>/…/<own id>/': the subtree of a category is "path like '<its path>%'".
        path text not null unique,
        name text not null check (length(name) between 1 and 100),
        name_en text not null check (length(name_en) between 1 and 100),
        position integer not null default 0,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        version integer not null default 1
      )`);
    await q.query(`create index product_categories_parent_idx on product_categories (parent_id, position, name)`);
    await q.query(`create index product_categories_path_idx on product_categories (path text_pattern_ops)`);
    await q.query(`
      create table products (
        id uuid primary key,
        -- Normalised by the API: trimmed, upper-case.
        code text not null check (code ~ '^[A-Z0-9][A-Z0-9._/-]{0,39}$'),
        name text not null check (length(name) between 1 and 200),
        name_en text not null check (length(name_en) between 1 and 200),
        category_id uuid not null references product_categories(id),
        unit text not null check (length(unit) between 1 and 20),
        active boolean not null default true,
        description text,
        cost_price numeric(18, 2) check (cost_price >= 0),
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        version integer not null default 1,
        constraint products_code_key unique (code)
      )`);
    await q.query(`create index products_category_idx on products (category_id, code)`);
    await q.query(`create index products_name_idx on products (name, id)`);
    await q.query(`
      create table price_lists (
        id uuid primary key,
        name text not null check (length(name) between 1 and 100),
        currency text not null check (currency ~ '^[A-Z]{3}$'),
        valid_from date not null,
        valid_to date,
        is_default boolean not null default false,
        active boolean not null default true,
        description text,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        version integer not null default 1,
        check (valid_to is null or valid_to >= valid_from)
      )`);
    // One default list per currency: the one quotes price from.
    await q.query(`create unique index price_lists_one_default_per_currency on price_lists (currency) where is_default`);
    await q.query(`
      create table price_list_entries (
        id uuid primary key,
        price_list_id uuid not null references price_lists(id) on delete cascade,
        product_id uuid not null references products(id),
        list_price numeric(18, 2) not null check (list_price >= 0),
        unique (price_list_id, product_id)
      )`);
    await q.query(`create index price_list_entries_product_idx on price_list_entries (product_id)`);
    await q.query(`
      create table price_list_tiers (
        entry_id uuid not null references price_list_entries(id) on delete cascade,
        min_quantity integer not null check (min_quantity >= 2),
        price numeric(18, 2) not null check (price >= 0),
        primary key (entry_id, min_quantity)
      )`);

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
    for (const table of ['price_list_tiers', 'price_list_entries', 'price_lists', 'products', 'product_categories']) await q.query(`drop table if exists ${table}`);
  }
}
