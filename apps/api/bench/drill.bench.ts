// `pnpm bench drill`: the reads added for issue 5's gaps, at volume. On ACCOUNTS accounts (default 100,000) with ORDERS
// orders each on average (default 4, over five years), a USD_PERCENT share of the orders (default 7) made USD and the
// USD rates of the last RATE_YEARS years kept (default 3, so older USD orders have none), it times
// GET /exchange-rates/missing and GET /reports/satisfaction/customers (a quarter's churned and attracted customers,
// and a category's attracted customers over a year) for the general manager (every customer) and a rep (one group's).
import { demoPassword } from '../src/demo/demo-organisation';
import { runBench } from './harness';
import { measure, summarise } from './stats';
import { BENCH_PASSWORD } from './volume';

const ACCOUNTS = Number(process.env.ACCOUNTS ?? 100_000);
const ORDERS = Number(process.env.ORDERS ?? 4);
const USD_PERCENT = Number(process.env.USD_PERCENT ?? 7);
const RATE_YEARS = Number(process.env.RATE_YEARS ?? 3);
const REQUESTS = Number(process.env.REQUESTS ?? 10);
const WARMUP = 2;

runBench({ accounts: ACCOUNTS, ordersPerAccount: ORDERS }, async ({ db, base, login, writeFigures }) => {
  await db.query(`update orders set currency = 'USD' where abs(hashtext(id::text)) % 100 < $1 and currency = 'CNY'`, [USD_PERCENT]);
  await db.query(`delete from exchange_rates where currency = 'USD' and valid_from < current_date - make_interval(years => $1)`, [RATE_YEARS]);
  await db.query(`insert into exchange_rates (currency, valid_from, rate, updated_at) values ('USD', date_trunc('month', current_date - make_interval(years => $1))::date, 7.1, now()) on conflict do nothing`, [RATE_YEARS]);
  await db.query('analyze accounts, orders, order_lines, exchange_rates');
  const [sizes] = (await db.query(`select (select count(*) from accounts)::int as accounts, (select count(*) from orders)::int as orders, (select count(*) from orders where currency = 'USD')::int as usd_orders,
                                          (select count(*) from orders where currency = 'USD' and exchange_rate_on(currency, order_date) is null and status <> 'cancelled')::int as usd_without_rate`)).rows;
  console.log(`volume ${JSON.stringify(sizes)}`);
  const year = new Date().getUTCFullYear() - 1;
  const [{ category }] = (await db.query(`select category_id::text as category from products where category_id is not null group by 1 order by count(*) desc limit 1`)).rows as Array<{ category: string }>;
  const paths = [
    '/api/v1/exchange-rates/missing',
    `/api/v1/reports/satisfaction/customers?from=${year}-01-01&to=${year}-12-31&period=quarter&kind=churned&start=${year}-04-01`,
    `/api/v1/reports/satisfaction/customers?from=${year}-01-01&to=${year}-12-31&period=quarter&kind=attracted&start=${year}-04-01`,
    `/api/v1/reports/satisfaction/customers?from=${year}-01-01&to=${year}-12-31&period=quarter&kind=attracted&item=${category}`,
  ];
  const [rep] = (await db.query(`select email from users where email like 'bench.rep%' order by email limit 1`)).rows as Array<{ email: string }>;
  const personas = [
    { name: 'general manager (all)', token: await login('gm@lianxi.test', demoPassword('gm@lianxi.test')) },
    { name: `rep (team) ${rep.email}`, token: await login(rep.email, BENCH_PASSWORD) },
  ];
  const rows: Array<{ path: string; persona: string; p50: number; p95: number; mean: number; n: number }> = [];
  for (const path of paths) {
    for (const persona of personas) {
      const samples = await measure(async () => {
        const response = await fetch(`${base}${path}`, { headers: { authorization: `Bearer ${persona.token}` } });
        if (response.status !== 200) throw new Error(`${persona.name} ${path} → ${response.status} ${await response.text()}`);
        await response.arrayBuffer();
      }, REQUESTS, WARMUP);
      rows.push({ path: path.replace(/^\/api\/v1/, '').replace(/from=.*?&period=quarter&/, ''), persona: persona.name, ...summarise(samples) });
    }
  }
  console.log(`\n${REQUESTS} sequential requests after ${WARMUP} warm-up each (ms)`);
  console.table(rows);
  writeFigures('drill', { ...sizes, requests: REQUESTS, rows });
});
