import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Who reads and writes the exchange rates (object type `exchange_rate`, configuration: levels only, no records or
 * field rules). Finance keeps the books, so it alone maintains them (`update`). Every internal business role reads
 * them: a rate is no customer's data and no price of ours, and the dashboards label converted money with it. Partners
 * (our bookkeeping is not theirs), the auditor and the system administrator (R-SEC-6: no business rights) get none.
 */
const READERS = ['general_manager', 'sales_director', 'sales_manager', 'sales_rep', 'finance', 'marketing_specialist', 'service_agent', 'field_engineer', 'quality_inspector'];
const WRITERS = ['finance'];

/**
 * Multi-currency money (issue 5, R-ANA-1/5): dated exchange rates into the base currency (`BASE_CURRENCY`), the
 * currency of each product's cost price, and the log of rate changes the metrics recompute consumes.
 */
export class ExchangeRates1764000000290 implements MigrationInterface {
  name = 'ExchangeRates1764000000290';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create table exchange_rates (
        -- text like orders.currency (not char(3)), so that a lookup by an order's currency walks the primary key.
        currency text not null check (currency ~ '^[A-Z]{3}$'),
        valid_from date not null,
        -- Units of the base currency per one unit of \`currency\`, from valid_from until the next row of the currency.
        rate numeric not null check (rate > 0),
        updated_at timestamptz not null default now(),
        updated_by uuid references users(id),
        primary key (currency, valid_from)
      )`);
    // Every rate write and delete leaves a row here; the metrics recompute rebuilds the facts of the accounts with
    // orders in that currency dated on or after valid_from, then deletes the rows it has seen (src/analytics/metrics/metric-dirty.ts).
    await q.query(`
      create table exchange_rate_changes (
        id bigint generated always as identity primary key,
        currency text not null,
        valid_from date not null,
        changed_at timestamptz not null default now()
      )`);
    // The rate of a currency on a day: the latest valid_from on or before it (null when none is).
    await q.query(`
      create function exchange_rate_on(p_currency text, p_day date) returns numeric language sql stable as $$
        select r.rate from exchange_rates r where r.currency = p_currency and r.valid_from <= p_day order by r.valid_from desc limit 1
      $$`);
    // Existing cost prices were entered in CNY (the default base currency); new products default to BASE_CURRENCY in the API.
    await q.query(`alter table products add column cost_currency text not null default 'CNY' check (cost_currency ~ '^[A-Z]{3}$')`);
    // The cost currency is part of the cost: whoever may not read (or write) costPrice may not its currency either.
    await q.query(`insert into field_permissions (role_id, object_type, field, access) select role_id, 'product', 'costCurrency', access from field_permissions where object_type = 'product' and field = 'costPrice'`);
    for (const role of READERS) {
      await q.query(`insert into object_permissions (role_id, object_type, action, level) select id, 'exchange_rate', 'read', 'all' from roles where key = $1`, [role]);
    }
    for (const role of WRITERS) {
      await q.query(`insert into object_permissions (role_id, object_type, action, level) select id, 'exchange_rate', 'update', 'all' from roles where key = $1`, [role]);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`delete from object_permissions where object_type = 'exchange_rate'`);
    await q.query(`delete from field_permissions where object_type = 'product' and field = 'costCurrency'`);
    await q.query(`alter table products drop column cost_currency`);
    await q.query(`drop function exchange_rate_on(text, date)`);
    await q.query(`drop table exchange_rate_changes`);
    await q.query(`drop table exchange_rates`);
  }
}
