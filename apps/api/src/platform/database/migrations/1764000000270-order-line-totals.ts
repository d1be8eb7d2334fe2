import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The per-order sums of its lines, from the lines of the orders in `lines` (a transition table or order_lines). */
const recompute = (lines: string) => `
  insert into order_line_totals (order_id, cost, costed_total, uncosted_lines, line_total, list_amount, products)
  select l.order_id, sum(l.quantity * l.unit_cost), sum(l.line_total) filter (where l.unit_cost is not null), (count(*) filter (where l.unit_cost is null))::int,
         sum(l.line_total), sum(l.list_price * l.quantity), coalesce(array_agg(distinct l.product_id) filter (where l.product_id is not null), '{}')
    from order_lines l
   where l.order_id in (select order_id from ${lines})
   group by l.order_id
  on conflict (order_id) do update set cost = excluded.cost, costed_total = excluded.costed_total, uncosted_lines = excluded.uncosted_lines,
    line_total = excluded.line_total, list_amount = excluded.list_amount, products = excluded.products`;

/**
 * Customer metrics (issue 5), speed: the sums of each order's lines that the metric facts need, kept per order
 * (src/analytics/metrics/metric-facts.ts), so that a full recompute aggregates 4 rows per customer instead of joining
 * and summing 10 lines per customer (docs/analytics.md, "Metric computation"). Kept exact by statement-level triggers
 * on `order_lines` (one recompute of the touched orders per statement, whichever path writes the lines: the order
 * service, the demo data, a test's SQL). Sums are unrounded `numeric`: the facts round as they did from the lines.
 */
export class OrderLineTotals1764000000270 implements MigrationInterface {
  name = 'OrderLineTotals1764000000270';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create table order_line_totals (
        order_id uuid primary key references orders(id) on delete cascade,
        -- Σ quantity × unit_cost and Σ line_total over the lines whose cost is known (null when none is).
        cost numeric,
        costed_total numeric,
        uncosted_lines integer not null check (uncosted_lines >= 0),
        -- Σ line_total and Σ list_price × quantity over all the lines.
        line_total numeric not null,
        list_amount numeric not null,
        -- The distinct products of the lines (lines without a product left out).
        products uuid[] not null
      )`);
    await q.query(`
      create function order_line_totals_refresh() returns trigger language plpgsql as $$
      begin
        if tg_op in ('UPDATE', 'DELETE') then
          -- Orders left without lines (or whose lines moved away) keep no row.
          delete from order_line_totals t
           where t.order_id in (select order_id from old_lines) and not exists (select 1 from order_lines l where l.order_id = t.order_id);
          ${recompute('old_lines')};
        end if;
        if tg_op in ('INSERT', 'UPDATE') then
          ${recompute('new_lines')};
        end if;
        return null;
      end $$`);
    await q.query(`create trigger order_line_totals_insert after insert on order_lines referencing new table as new_lines for each statement execute function order_line_totals_refresh()`);
    await q.query(`create trigger order_line_totals_update after update on order_lines referencing old table as old_lines new table as new_lines for each statement execute function order_line_totals_refresh()`);
    await q.query(`create trigger order_line_totals_delete after delete on order_lines referencing old table as old_lines for each statement execute function order_line_totals_refresh()`);
    await q.query(`
      insert into order_line_totals (order_id, cost, costed_total, uncosted_lines, line_total, list_amount, products)
      select l.order_id, sum(l.quantity * l.unit_cost), sum(l.line_total) filter (where l.unit_cost is not null), (count(*) filter (where l.unit_cost is null))::int,
             sum(l.line_total), sum(l.list_price * l.quantity), coalesce(array_agg(distinct l.product_id) filter (where l.product_id is not null), '{}')
        from order_lines l group by l.order_id`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`drop trigger order_line_totals_insert on order_lines`);
    await q.query(`drop trigger order_line_totals_update on order_lines`);
    await q.query(`drop trigger order_line_totals_delete on order_lines`);
    await q.query(`drop function order_line_totals_refresh()`);
    await q.query(`drop table order_line_totals`);
  }
}
