// `pnpm bench metrics`: the customer-metrics recompute at volume. On ACCOUNTS accounts (default 100,000) it adds
// ORDERS orders per account (default 4, over five years, 5 % cancelled) with LINES lines each (default 2.5 on average:
// 1–4), then times full recomputes (population pass + keyset batches of 10,000 + bulk upserts) and prints the figures.
import { DataSource } from 'typeorm';
import { MetricsRecompute } from '../src/analytics/metrics/metrics-recompute';
import { loadConfig } from '../src/platform/config/app-config';
import { dataSourceOptions } from '../src/platform/database/data-source-options';
import { runBench } from './harness';

const ACCOUNTS = Number(process.env.ACCOUNTS ?? 100_000);
const ORDERS = Number(process.env.ORDERS ?? 4);
const RUNS = Number(process.env.RUNS ?? 2);

runBench({ accounts: ACCOUNTS }, async ({ db, databaseUrl, writeFigures }) => {
  const seeding = Date.now();
  await db.query(`create temporary sequence bench_order_seq`);
  await db.query(
    `insert into orders (id, number, account_id, currency, status, order_date, tax_rate, subtotal, tax_amount, total, owner_id, team_id)
     select gen_random_uuid(), 'BM-' || nextval('bench_order_seq'), a.id, 'CNY', case when random() < 0.05 then 'cancelled' else 'confirmed' end,
            current_date - (random() * 1825)::int, 0, 0, 0, 0, a.owner_id, a.team_id
       from accounts a cross join generate_series(1, $1) g
      where not exists (select 1 from orders o where o.account_id = a.id)`,
    [ORDERS],
  );
  await db.query(
    `insert into order_lines (id, order_id, position, description, quantity, list_price, net_price, line_total, unit_cost)
     select gen_random_uuid(), o.id, p, 'bench', q, price, price, round(q * price, 2), case when random() < 0.9 then round(price * 0.7, 2) end
       from orders o cross join lateral generate_series(0, (random() * 3)::int + (o.id::text < '8')::int) p
       cross join lateral (select (1 + (random() * 4)::int)::numeric as q, round((100 + random() * 9900)::numeric, 2) as price) x
      where o.number like 'BM-%'`,
  );
  await db.query(`update orders o set subtotal = s.total, total = s.total from (select order_id, sum(line_total) as total from order_lines group by order_id) s where s.order_id = o.id and o.number like 'BM-%'`);
  await db.query('analyze accounts, orders, order_lines');
  const [sizes] = (await db.query(`select (select count(*) from accounts where deleted_at is null)::int as accounts, (select count(*) from orders)::int as orders, (select count(*) from order_lines)::int as lines`)).rows;
  console.log(`seeded ${JSON.stringify(sizes)} in ${Date.now() - seeding} ms`);

  const dataSource = await new DataSource(dataSourceOptions(databaseUrl)).initialize();
  const recompute = new MetricsRecompute(dataSource, loadConfig({ NODE_ENV: 'test' }));
  const runs: Array<{ wallMs: number; customers: number; batches: number }> = [];
  for (let run = 0; run < RUNS; run++) {
    const started = Date.now();
    const result = await recompute.run(new Date().toISOString().slice(0, 10), new Date(), { mode: 'full' });
    runs.push({ wallMs: Date.now() - started, ...result });
    console.log(`recompute ${run + 1}: ${result.customers} customers in ${result.batches} batches, ${Date.now() - started} ms`);
  }
  await dataSource.destroy();
  writeFigures('metrics', { ...sizes, runs });
});
