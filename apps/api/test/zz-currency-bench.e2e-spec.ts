import { Client } from 'pg';
import { createTestDatabase } from './support/test-database';

/** Throw-away: the metric_purchase statement before and after the currency conversion, on synthetic volume. */
describe('bench', () => {
  it('times', async () => {
    const database = await createTestDatabase();
    const db = new Client({ connectionString: database.url });
    await db.connect();
    const q = (text: string, params?: unknown[]) => db.query(text, params);
    const N = Number(process.env.BENCH_ORDERS ?? 2000000);
    await q(`set work_mem = '256MB'`);
    await q(`create table b_orders as select gen_random_uuid() as id, (g % ($1::int / 4))::int as acc, date '2020-01-01' + (g % 2000) as order_date,
               case when g % 14 = 0 then 'USD' else 'CNY' end as currency, 'delivered'::text as status, (1000 + g % 5000)::numeric(18,2) as subtotal
               from generate_series(1, $1::int) g`, [N]);
    await q(`create table b_accounts as select distinct acc from b_orders`);
    await q(`create table b_acc as select acc, gen_random_uuid() as account_id from b_accounts`);
    await q(`create table orders_b as select o.id, a.account_id, o.order_date, o.currency, o.status, o.subtotal from b_orders o join b_acc a using (acc)`);
    await q(`create index on orders_b (account_id)`);
    await q(`create table totals_b as select id as order_id, subtotal * 0.7 as cost, subtotal as costed_total, 0 as uncosted_lines, subtotal as line_total, subtotal * 1.1 as list_amount, '{}'::uuid[] as products from orders_b`);
    await q(`alter table totals_b add primary key (order_id)`);
    await q(`create temporary table metric_dirty as select account_id from b_acc`);
    await q(`analyze`);
    const time = async (label: string, sql: string, params: unknown[]) => {
      const times: number[] = [];
      for (let i = 0; i < 3; i++) {
        await q(`drop table if exists mp`);
        const started = Date.now();
        await q(sql, params);
        times.push(Date.now() - started);
      }
      console.log(label, times);
    };
    const PURCHASE = `o.status <> 'cancelled' and o.order_date <= $1::date`;
    await time('before', `create temporary table mp as
      select o.id, o.account_id, o.order_date, o.subtotal, t.cost, t.costed_total, t.uncosted_lines, t.line_total, t.list_amount, t.products
        from metric_dirty d join orders_b o on o.account_id = d.account_id left join totals_b t on t.order_id = o.id where ${PURCHASE}`, ['2030-01-01']);
    await time('after', `create temporary table mp as
     select p.id, p.account_id, p.order_date,
            case when p.base then p.subtotal else coalesce(p.subtotal * p.rate, 0) end as subtotal,
            case when p.base then p.cost else p.cost * p.rate end as cost,
            case when p.base then p.costed_total else p.costed_total * p.rate end as costed_total,
            p.uncosted_lines,
            case when p.base then p.line_total else p.line_total * p.rate end as line_total,
            case when p.base then p.list_amount else p.list_amount * p.rate end as list_amount,
            p.products, not p.base and p.rate is null as unconverted
       from (select o.id, o.account_id, o.order_date, o.subtotal, t.cost, t.costed_total, t.uncosted_lines, t.line_total, t.list_amount, t.products,
                    o.currency = $2 as base,
                    case when o.currency <> $2 then (select r.rate from exchange_rates r where r.currency = o.currency and r.valid_from <= o.order_date
                                                      order by r.valid_from desc limit 1) end as rate
               from metric_dirty d join orders_b o on o.account_id = d.account_id left join totals_b t on t.order_id = o.id
              where ${PURCHASE}
             offset 0) p`, ['2030-01-01', 'CNY']);
    console.log((await q(`select count(*) from orders_b where currency = 'USD'`)).rows, (await q(`select count(*) from exchange_rates`)).rows);
    await db.end();
    await database.drop();
  }, 1200000);
});
