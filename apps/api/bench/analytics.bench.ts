// `pnpm bench analytics`: the customer-metrics recompute at volume (issue 5's targets: 1,000,000 customers with
// 10,000,000 order lines fully recomputed in < 60 s on 2 cores with < 2 GB; BG/NBD fit on 100,000 customers < 5 s).
// ACCOUNTS accounts (default 100,000) with ORDERS orders each on average (default 4) of LINES lines (default 2.5) over
// five years, unless BENCH_DATABASE_URL already holds the volume. Prints: a full recompute (wall time, each step,
// peak RSS of this process, rows written), an incremental one as of the next day after touching one order of 1 % of the accounts, and
// the model fits on MODEL_SAMPLE customers (default 100,000). COLD=0 keeps the metric tables as found, WARM=0 skips the second full run, FULL=0 skips the full runs (nightly runs only, from the day after the last run's), NIGHTLY=n makes n nightly runs on successive days (each after touching the same 1 %; min / median / max printed), AS_OF=YYYY-MM-DD runs as of that day, FACTS_IN_HALVES=0 keeps a full run's facts on one connection, SCORING_THREADS=n scores on n threads (0: the run's own; default: as configured). Figures only, never asserts.
import { DataSource } from 'typeorm';
import { fitBgNbd, fitGammaGamma } from '@lianxi/analytics';
import { btydHistory } from '../src/analytics/metrics/customer-scoring';
import { MetricsRecompute } from '../src/analytics/metrics/metrics-recompute';
import { loadConfig } from '../src/platform/config/app-config';
import { dataSourceOptions } from '../src/platform/database/data-source-options';
import { runBench } from './harness';

const ACCOUNTS = Number(process.env.ACCOUNTS ?? 100_000);
const ORDERS = Number(process.env.ORDERS ?? 4);
const LINES = Number(process.env.LINES ?? 2.5);
const MODEL_SAMPLE = Number(process.env.MODEL_SAMPLE ?? 100_000);
const SCORING_THREADS = process.env.SCORING_THREADS === undefined ? undefined : Number(process.env.SCORING_THREADS);

const mib = (kib: number) => Math.round(kib / 1024);

runBench({ accounts: ACCOUNTS, ordersPerAccount: ORDERS, linesPerOrder: LINES }, async ({ db, databaseUrl, writeFigures }) => {
  const [sizes] = (await db.query(`select (select count(*) from accounts where deleted_at is null)::int as accounts, (select count(*) from orders)::int as orders, (select count(*) from order_lines)::int as lines`)).rows;
  console.log(`volume: ${JSON.stringify(sizes)}`);
  // AS_OF (default today): a later day measures a nightly run, where every buyer's day-dependent scores change.
  const asOf = process.env.AS_OF ?? new Date().toISOString().slice(0, 10);
  const dataSource = await new DataSource(dataSourceOptions(databaseUrl)).initialize();
  const recompute = new MetricsRecompute(dataSource, loadConfig({ NODE_ENV: 'test' }));
  const rows = async () => (await db.query(`select (select count(*) from customer_metrics)::int as metrics, (select count(*) from customer_metric_years)::int as years`)).rows[0] as { metrics: number; years: number };

  const timed = async (label: string, mode: 'full' | 'incremental', day = asOf) => {
    const started = Date.now();
    const steps: Array<[string, number]> = [];
    const result = await recompute.run(day, new Date(), { mode, factsInHalves: process.env.FACTS_IN_HALVES !== '0', scoringThreads: SCORING_THREADS, trace: (step, ms) => steps.push([step, ms]) });
    const wallMs = Date.now() - started;
    const written = await rows();
    const maxRssMiB = mib(process.resourceUsage().maxRSS);
    console.log(`${label}: ${wallMs} ms wall (facts ${result.ms.facts}, population ${result.ms.population}, BG/NBD fit ${result.ms.bgNbdFit}, Gamma-Gamma fit ${result.ms.gammaGammaFit}, scoring ${result.ms.scoring}, write ${result.ms.write}); ` +
      `${result.customers} customers scored in ${result.batches} batches, facts refreshed for ${result.factsRefreshed}; rows: ${written.metrics} customer_metrics + ${written.years} customer_metric_years; peak RSS ${maxRssMiB} MiB`);
    console.log(`  statements (ms): ${steps.map(([step, ms]) => `${step}: ${ms}`).join('; ')}`);
    console.log(`  scoring on ${result.scoringThreads || 'no'} threads: waiting for facts ${result.scoringMs.read} ms, for batches scored and stored ${result.scoringMs.wait} ms`);
    return { wallMs, ...result, factsSteps: steps, rows: written, maxRssMiB };
  };

  // Cold: from empty metric tables (every row inserted); warm: a second full run over the same orders.
  // COLD=0 keeps the metric tables a previous run left (on a database that has them), WARM=0 skips the second run,
  // FULL=0 both (a database that has metrics: the nightly runs continue from the last run's day).
  const fullRuns = process.env.FULL !== '0';
  const cold = fullRuns && process.env.COLD !== '0';
  if (cold) await db.query(`delete from customer_metric_years; delete from customer_metrics`);
  const full = fullRuns ? await timed(cold ? 'full recompute (empty metric tables)' : 'full recompute (metric tables as found)', 'full') : null;
  const fullWarm = !fullRuns || process.env.WARM === '0' ? null : await timed('full recompute (again)', 'full');
  const [state] = (await db.query(`select to_char(as_of, 'YYYY-MM-DD') as as_of from customer_metric_state`)).rows as Array<{ as_of: string }>;
  // Nightly runs: one order of 1 % of the accounts changes (a deterministic choice: the unit cost of its lines
  // corrected), then an incremental run as of the next day (every buyer's day-dependent scores change; that day's
  // orders come into range). NIGHTLY of them on successive days: one run's figure swings with the machine's load.
  let day = fullRuns ? asOf : (state?.as_of ?? asOf);
  let touched = 0;
  const nightly: Array<Awaited<ReturnType<typeof timed>>> = [];
  for (let night = 0; night < Math.max(1, Number(process.env.NIGHTLY ?? 1)); night++) {
    [{ touched }] = (await db.query(
      `with chosen as (select id from accounts where deleted_at is null order by md5(id::text) limit (select count(*) / 100 from accounts where deleted_at is null)),
            one as (select distinct on (o.account_id) o.id from chosen c join orders o on o.account_id = c.id order by o.account_id, o.id),
            corrected as (update order_lines l set unit_cost = coalesce(l.unit_cost, 0) + 1 from one where l.order_id = one.id returning l.order_id)
       select count(distinct order_id)::int as touched from corrected`,
    )).rows as Array<{ touched: number }>;
    console.log(`touched one order of ${touched} accounts`);
    day = new Date(Date.parse(day) + 86_400_000).toISOString().slice(0, 10);
    nightly.push(await timed(`incremental recompute as of the next day (${day})`, 'incremental', day));
  }
  if (nightly.length > 1) {
    const walls = nightly.map((run) => run.wallMs).sort((a, b) => a - b);
    const middle = walls.length / 2;
    const median = walls.length % 2 ? walls[Math.floor(middle)] : Math.round((walls[middle - 1] + walls[middle]) / 2);
    console.log(`${walls.length} nightly runs: ${walls[0]} / ${median} / ${walls[walls.length - 1]} ms wall (min / median / max)`);
  }
  const incremental = nightly[0];

  // The fits alone, on the md5-ordered sample the runs use.
  const sample: Array<{ days: number; first: number; last: number; revenue: string; first_revenue: string }> = (await db.query(
    `select purchase_days as days, first_purchase_on - date '1970-01-01' as first, last_purchase_on - date '1970-01-01' as last, revenue::text as revenue, purchase_day_revenue[1]::text as first_revenue
       from customer_metrics where orders > 0 order by md5(account_id::text) collate "C" limit $1`,
    [MODEL_SAMPLE],
  )).rows;
  const asOfDay = Math.round(Date.parse(asOf) / 86_400_000);
  const histories = sample.map((row) => btydHistory(row.days, row.first, row.last, asOfDay, row.revenue, row.first_revenue));
  let started = Date.now();
  const bgNbd = fitBgNbd(histories);
  const bgNbdMs = Date.now() - started;
  started = Date.now();
  const gammaGamma = fitGammaGamma(histories);
  const gammaGammaMs = Date.now() - started;
  console.log(`BG/NBD fit on ${bgNbd.customers} customers: ${bgNbdMs} ms (r=${bgNbd.r.toFixed(4)}, α=${bgNbd.alpha.toFixed(4)}, a=${bgNbd.a.toFixed(4)}, b=${bgNbd.b.toFixed(4)})`);
  console.log(`Gamma-Gamma fit on ${gammaGamma.customers} repeat customers: ${gammaGammaMs} ms (p=${gammaGamma.p.toFixed(4)}, q=${gammaGamma.q.toFixed(4)}, γ=${gammaGamma.gamma.toFixed(4)})`);
  await dataSource.destroy();
  writeFigures('analytics', { ...sizes, full, fullWarm, touched, incremental, nightlyWallMs: nightly.map((run) => run.wallMs), fits: { bgNbd: { ...bgNbd, ms: bgNbdMs }, gammaGamma: { ...gammaGamma, ms: gammaGammaMs } } });
});
