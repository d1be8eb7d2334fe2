// `pnpm bench satisfaction`: the satisfaction report (R-ANA-3) at volume. On ACCOUNTS accounts (default 100,000) with
// ORDERS orders each on average (default 4, over five years, with product lines), it times
// GET /reports/satisfaction (a year by quarter, with revenue per category) for the general manager (every customer),
// a rep (one group's) and a sales manager (a subtree's), after writing the per-node summaries (SUMMARIES=0: live;
// SUMMARIES=existing: those a previous run wrote), again after each round of CHANGED (e.g. 0,100,500,2000: that many
// customers changed since the summaries, read through per-customer corrections), then for each round of FOLD (e.g.
// 500,2000: that many further customers changed) the reads with their corrections, the job's fold of them (timed) and
// the reads right after it — each change moving a customer's latest order by SHIFT days (default 1; 40 moves it into
// another month, changing more of the customer's figures) — and prints the plan of the costliest live statement (each customer's first order) for the
// general manager's scope.
import { DataSource } from 'typeorm';
import { demoPassword } from '../src/demo/demo-organisation';
import { dataSourceOptions } from '../src/platform/database/data-source-options';
import { foldSatisfactionChanges } from '../src/sales/reports/satisfaction-fold';
import { writeSatisfactionSummaries } from '../src/sales/reports/satisfaction-summaries';
import { runBench } from './harness';
import { measure, summarise } from './stats';
import { BENCH_PASSWORD } from './volume';

const ACCOUNTS = Number(process.env.ACCOUNTS ?? 100_000);
const ORDERS = Number(process.env.ORDERS ?? 4);
const REQUESTS = Number(process.env.REQUESTS ?? 10);
const WARMUP = 2;
const SHIFT = Number(process.env.SHIFT ?? 1);

runBench({ accounts: ACCOUNTS, ordersPerAccount: ORDERS }, async ({ db, databaseUrl, base, login, writeFigures }) => {
  await db.query('analyze accounts, orders, order_lines');
  const [sizes] = (await db.query(`select (select count(*) from accounts)::int as accounts, (select count(*) from orders)::int as orders, (select count(*) from order_lines)::int as lines`)).rows;
  console.log(`volume ${JSON.stringify(sizes)}`);
  // The job's writing and folds (src/sales/reports/satisfaction-*.ts) through their own connections, as the job runs them.
  const dataSource = await new DataSource(dataSourceOptions(databaseUrl)).initialize();
  // What the job does (src/sales/reports/satisfaction-summaries.ts): the per-node summaries the report reads for callers
  // of every order or one team's (SUMMARIES=0: without them, the live statements).
  if (process.env.SUMMARIES === 'existing') {
    // Measure the summaries a previous run wrote (orders changed since are corrected, up to the limit).
    const [{ valid }] = (await db.query(`select valid from satisfaction_summary_state`)).rows as Array<{ valid: boolean }>;
    console.log(`satisfaction summaries as they are: ${valid ? 'valid' : 'invalid (live statements)'}`);
  } else if (process.env.SUMMARIES !== '0') {
    const writing = Date.now();
    if (!(await writeSatisfactionSummaries(dataSource))) throw new Error('the summaries\' writing raced another');
    await db.query('analyze satisfaction_summaries');
    const [{ n }] = (await db.query(`select count(*)::int as n from satisfaction_summaries`)).rows as Array<{ n: number }>;
    console.log(`satisfaction summaries written in ${((Date.now() - writing) / 1000).toFixed(1)} s (${n} rows)`);
  } else await db.query(`update satisfaction_summary_state set valid = false`);
  const year = new Date().getUTCFullYear() - 1;
  const path = `/api/v1/reports/satisfaction?from=${year}-01-01&to=${year}-12-31&period=quarter&include=revenue`;
  const [rep] = (await db.query(`select email from users where email like 'bench.rep%' order by email limit 1`)).rows as Array<{ email: string }>;
  const personas = [
    { name: 'general manager (all)', token: await login('gm@lianxi.test', demoPassword('gm@lianxi.test')) },
    { name: `rep (team) ${rep.email}`, token: await login(rep.email, BENCH_PASSWORD) },
    // Subtree: read live (a subtree's teams cannot be summed, see docs/analytics.md).
    { name: 'manager (subtree) bench.manager1', token: await login('bench.manager1@lianxi.test', BENCH_PASSWORD) },
  ];
  const rows: Array<{ persona: string; changed: number; folded?: boolean; p50: number; p95: number; mean: number; n: number }> = [];
  const timeReads = async (changed: number, folded?: boolean) => {
    for (const persona of personas) {
      const samples = await measure(async () => {
        const response = await fetch(`${base}${path}`, { headers: { authorization: `Bearer ${persona.token}` } });
        if (response.status !== 200) throw new Error(`${persona.name} → ${response.status} ${await response.text()}`);
        await response.arrayBuffer();
      }, REQUESTS, WARMUP);
      rows.push({ persona: persona.name, changed, ...(folded === undefined ? {} : { folded }), ...summarise(samples) });
    }
    console.table(rows.filter((row) => row.changed === changed && row.folded === folded));
  };
  // CHANGED (e.g. 0,500,2000): rounds with that many customers changed since the summaries — each one's latest order
  // moved by SHIFT days (a day: as a day of order writes would leave them) — measured without writing the summaries
  // again: the corrections' cost (past SATISFACTION_CORRECTION_LIMIT, live). Put back at the end.
  const changes = (process.env.CHANGED ?? '0').split(',').map(Number);
  // FOLD (e.g. 500,2000): after those rounds, rounds of that many further customers changed, then folded.
  const foldRounds = (process.env.FOLD ?? '').split(',').filter(Boolean).map(Number);
  // The customers to change, in a fixed order, each with their latest order: round k changes the first CHANGED[k].
  await db.query(
    `create temporary table bench_changed as
     select a.rank, o.id from (select id, row_number() over (order by md5(id::text)) as rank from accounts order by md5(id::text) limit $1) a
     cross join lateral (select id from orders where account_id = a.id order by order_date desc limit 1) o`,
    [Math.max(...changes) + foldRounds.reduce((a, b) => a + b, 0)],
  );
  let done = 0;
  for (const changed of changes) {
    if (changed > done) {
      const writing = Date.now();
      const moved = await db.query(`update orders set order_date = order_date + $3::int where id in (select id from bench_changed where rank > $1 and rank <= $2)`, [done, changed, SHIFT]);
      console.log(`${changed} customers (${moved.rowCount} with orders in ${Date.now() - writing} ms)`);
      done = changed;
    }
    await timeReads(changed);
  }
  const folds: Array<{ customers: number; outcome: string; ms: number }> = [];
  const timeFold = async () => {
    const started = Date.now();
    const result = await foldSatisfactionChanges(dataSource);
    folds.push({ ...result, ms: Date.now() - started });
    console.log(`fold: ${JSON.stringify(folds[folds.length - 1])}`);
  };
  try {
    // The rounds so far are corrections; folded before the fold rounds, so each of those starts from none.
    if (foldRounds.length && done) await timeFold();
    for (const changed of foldRounds) {
      const moved = await db.query(`update orders set order_date = order_date + $3::int where id in (select id from bench_changed where rank > $1 and rank <= $2)`, [done, done + changed, SHIFT]);
      console.log(`${changed} customers more (${moved.rowCount} with orders), then folded`);
      done += changed;
      await timeReads(changed, false);
      await timeFold();
      await timeReads(changed, true);
    }
    // Put back (logged as changes too: folded here when the run folds, else the next fold or writing takes them).
    await db.query(`update orders set order_date = order_date - $2::int where id in (select id from bench_changed where rank <= $1)`, [done, SHIFT]);
    if (foldRounds.length) await timeFold();
  } finally {
    await dataSource.destroy();
  }
  if (folds.length) console.table(folds);
  console.log(`\nGET ${path}, ${REQUESTS} sequential requests after ${WARMUP} warm-up (ms)`);
  console.table(rows);
  // The first-purchase statement as the general manager's scope makes it (every order but others' restricted ones).
  const plan = await db.query(
    `explain (analyze, buffers, costs off)
     with vo as (select r.id, r.account_id, r.order_date from orders r where (not r.restricted) and r.status <> 'cancelled' and r.order_date <= $1),
     firsts as (select account_id, min(order_date) as first from vo group by account_id)
     select count(*) filter (where first < $2), count(*) filter (where first >= $2) from firsts`,
    [`${year}-12-31`, `${year - 1}-10-01`],
  );
  console.log(plan.rows.map((row: Record<string, string>) => row['QUERY PLAN']).join('\n'));
  writeFigures('satisfaction', { ...sizes, path, requests: REQUESTS, rows, folds });
});
