// `pnpm bench customer-insights`: the customer dashboards at volume. On ACCOUNTS accounts (default 1,000,000) it fills
// the metric tables the recompute would write — one `customer_metrics` row per live account with scores spread over
// the segments, stages and classes (a share left unscored, as the job leaves customers without orders), and YEARS
// yearly rows per customer — straight in SQL (the recompute has its own bench, `pnpm bench metrics`; these are reads;
// a database whose metrics a recompute already wrote is measured as it is), writes the per-team summaries as the
// recompute does at its end (`SUMMARIES=0`: without them, every read live; `ONLY=word,…`: only the endpoints named so),
// then measures through the HTTP API, one request at a time after a warm-up, p50/p95 of each endpoint for a sales rep
// (team), a sales manager (subtree) and the general manager (all): distribution by segment and by stage with revenue,
// the first list page sorted by predicted CLV (and filtered to a segment), retention per year with revenue, and a CSV
// export of one segment (reps and managers only: the general manager's segment is larger than an export allows).
// It then prints PostgreSQL's plan (EXPLAIN ANALYZE) of the general manager's list and distribution statements, written
// as the service writes them (test/queries.e2e-spec.ts holds the exact text), to show which indexes serve them.
import { summariseIn } from '../src/analytics/metrics/metric-summaries';
import { demoPassword } from '../src/demo/demo-organisation';
import { runBench } from './harness';
import { measure, summarise } from './stats';
import { BENCH_PASSWORD } from './volume';

const ACCOUNTS = Number(process.env.ACCOUNTS ?? 1_000_000);
const YEARS = Number(process.env.YEARS ?? 3);
const REQUESTS = Number(process.env.REQUESTS ?? 100);
const WARMUP = 10;

const SEGMENTS = ['champions', 'loyal', 'potential_loyalist', 'new_customers', 'promising', 'need_attention', 'about_to_sleep', 'cannot_lose', 'at_risk', 'hibernating', 'lost'];
const STAGES = ['potential', 'development', 'growth', 'mature', 'decline', 'terminated'];
const CLASSES = ['loyal', 'stable', 'general', 'potential'];

runBench({ accounts: ACCOUNTS }, async ({ db, base, login, writeFigures }) => {
  const seeding = Date.now();
  const [{ missing }] = (await db.query(`select count(*)::int as missing from accounts a where a.deleted_at is null and not exists (select 1 from customer_metrics m where m.account_id = a.id)`)).rows as Array<{ missing: number }>;
  // A database whose metrics a recompute already wrote (BENCH_DATABASE_URL) is measured as it is: filling would only conflict.
  if (missing) await fill();
  async function fill(): Promise<void> {
    // Deterministic per account (hash of the id): a tenth unscored, the rest spread over the library's names.
    await db.query(
      `insert into customer_metrics (account_id, first_purchase_on, last_purchase_on, orders, purchase_days, revenue, cost, profit, uncosted_lines,
         rfm_recency, rfm_frequency, rfm_monetary, rfm_segment, behaviour_class, lifecycle_stage, historic_clv, predicted_transactions, probability_alive,
         expected_spend, predicted_clv, loyalty_index, computed_at, purchase_dates, purchase_day_revenue)
       select a.id, current_date - 1500, current_date - (h % 700), 1 + h % 20, 1 + h % 20, round((h % 100000)::numeric * 3.17, 2), round((h % 100000)::numeric * 2, 2),
              round((h % 100000)::numeric * 1.17, 2), 0,
              s.scored, s.scored, s.scored,
              case when s.scored is null then null else ($1::text[])[1 + h % 11] end,
              case when s.scored is null then null else ($3::text[])[1 + h % 4] end,
              case when s.scored is null then null else ($2::text[])[1 + h % 6] end,
              case when s.scored is null then null else round((h % 50000)::numeric * 1.3, 2) end,
              case when s.scored is null then null else round((h % 1000)::numeric / 100, 4) end,
              case when s.scored is null then null else round((h % 1000)::numeric / 1000, 6) end,
              case when s.scored is null then null else round((h % 5000)::numeric, 2) end,
              case when s.scored is null then null else round((h % 70000)::numeric * 1.7, 2) end,
              case when s.scored is null then null else round((h % 10000)::numeric / 10000, 4) end,
              now(),
              -- As many purchase days as purchase_days (the facts' invariant); their values are not read here.
              array(select current_date - 1500 + d from generate_series(0, h % 20) d), array_fill(0::numeric, array[1 + h % 20])
         from accounts a
         cross join lateral (select abs(hashtext(a.id::text)) as h) x
         cross join lateral (select case when x.h % 10 = 0 then null else 1 + x.h % 5 end as scored) s
        where a.deleted_at is null
       on conflict (account_id) do nothing`,
      [SEGMENTS, STAGES, CLASSES],
    );
    // Each customer active in YEARS of the last YEARS + 1 years (one gap year chosen by the hash): retention has churn.
    // A year is retained when the one before is active too, leaving when the one after is not (as the run stores them).
    const active = (year: string) => `(${year} between extract(year from current_date)::int - $1 and extract(year from current_date)::int and (abs(hashtext(m.account_id::text)) + ${year}) % ($1 + 1) <> 0)`;
    await db.query(
      `insert into customer_metric_years (account_id, year, orders, revenue, cost, profit, retained, leaving)
       select m.account_id, y, 1, round(m.revenue / $1, 2), round(m.cost / $1, 2), round(m.profit / $1, 2), ${active('y - 1')}, not ${active('y + 1')}
         from customer_metrics m
         cross join generate_series(extract(year from current_date)::int - $1, extract(year from current_date)::int) y
        where ${active('y')}
       on conflict do nothing`,
      [YEARS],
    );
    await db.query(`insert into analytics_runs (id, kind, trigger, status, queued_at, started_at, finished_at, as_of, customers, batches)
                    values (gen_random_uuid(), 'customer_metrics', 'manual', 'succeeded', now(), now(), now(), current_date, (select count(*) from customer_metrics), 1)`);
  }
  await db.query(`analyze customer_metrics`);
  await db.query(`analyze customer_metric_years`);
  console.log(`metric tables filled in ${((Date.now() - seeding) / 1000).toFixed(1)} s`);
  // What the recompute does at its end: the per-team summaries the team-scoped dashboards read (SUMMARIES=0: without).
  if (process.env.SUMMARIES !== '0') {
    const summarising = Date.now();
    await db.query('begin isolation level repeatable read');
    await summariseIn(async (text, params) => (await db.query(text, params)).rows);
    await db.query('commit');
    await db.query(`analyze customer_bucket_summaries`);
    await db.query(`analyze customer_year_summaries`);
    console.log(`summaries written in ${((Date.now() - summarising) / 1000).toFixed(1)} s`);
  } else {
    await db.query(`update customer_summary_state set valid = false`);
  }

  const get = async (token: string, path: string): Promise<void> => {
    const response = await fetch(`${base}/api/v1/analytics/customers${path}`, { headers: { authorization: `Bearer ${token}` } });
    if (response.status !== 200) throw new Error(`GET ${path} → ${response.status} ${await response.text()}`);
    await response.arrayBuffer();
  };
  const callers = {
    rep: await login('bench.rep1-1.1@lianxi.test', BENCH_PASSWORD),
    manager: await login('bench.manager1@lianxi.test', BENCH_PASSWORD),
    'general manager': await login('gm@lianxi.test', demoPassword('gm@lianxi.test')),
  };
  const endpoints: Array<{ name: string; path: string; exportOnly?: boolean }> = [
    { name: 'distribution by segment, revenue', path: '/distribution?by=segment&include=revenue' },
    { name: 'distribution by stage (counts)', path: '/distribution?by=stage' },
    { name: 'list, top 50 by predicted CLV', path: '?sort=-predictedClv&include=revenue&limit=50' },
    { name: 'list, one segment, by loyalty', path: '?segment=at_risk&sort=-loyalty&limit=50' },
    { name: 'list, unscored, by revenue', path: '?segment=unscored&sort=-revenue&limit=50' },
    { name: 'retention per year, revenue', path: '/retention?include=revenue' },
    { name: 'CSV export of one segment', path: '/export?segment=cannot_lose&include=revenue', exportOnly: true },
  ];
  const rows: Array<{ caller: string; endpoint: string } & ReturnType<typeof summarise>> = [];
  // ONLY=distribution,retention: the endpoints whose name contains one of the words.
  const only = process.env.ONLY?.split(',');
  for (const [caller, token] of Object.entries(callers)) {
    for (const endpoint of endpoints.filter((e) => !only || only.some((word) => e.name.includes(word)))) {
      if (endpoint.exportOnly && caller === 'general manager') continue;
      rows.push({ caller, endpoint: endpoint.name, ...summarise(await measure(() => get(token, endpoint.path), REQUESTS, WARMUP)) });
    }
  }
  const [volume] = (await db.query(`select (select count(*) from accounts)::int as accounts, (select count(*) from customer_metrics)::int as customers,
                                           (select count(*) from customer_metric_years)::int as customer_years`)).rows as Array<{ accounts: number; customers: number; customer_years: number }>;
  console.log(`\n${Object.entries(volume).map(([k, n]) => `${n.toLocaleString('en')} ${k}`).join(', ')}; ${REQUESTS} sequential requests after ${WARMUP} warm-up (ms, wall time at the client)`);
  console.log('caller            endpoint                                  p50       p95      mean');
  for (const row of rows) console.log(`${row.caller.padEnd(17)} ${row.endpoint.padEnd(36)} ${[row.p50, row.p95, row.mean].map((v) => String(v).padStart(9)).join(' ')}`);
  const [gm] = (await db.query(`select id from users where email = 'gm@lianxi.test'`)).rows as Array<{ id: string }>;
  const scope = `r.deleted_at is null and (true and (not r.restricted or r.owner_id = $1))`;
  const plans: Record<string, string> = {
    'list by predicted CLV (general manager)': `select r.id, m.predicted_clv from accounts r join customer_metrics m on m.account_id = r.id where ${scope}
                                                 order by coalesce((m.predicted_clv * 100)::bigint, -9000000000000000000) desc, m.account_id desc limit 51`,
    'list of one segment by loyalty (general manager)': `select r.id, m.loyalty_index from accounts r join customer_metrics m on m.account_id = r.id
                                                          where ${scope} and hashtext(m.rfm_segment) = hashtext('at_risk') and m.rfm_segment = 'at_risk'
                                                          order by coalesce((m.loyalty_index * 10000)::bigint, -9000000000000000000) desc, m.account_id desc limit 51`,
    'distribution by segment (general manager)': `select m.rfm_segment, count(*), sum(m.revenue) from accounts r join customer_metrics m on m.account_id = r.id where ${scope} group by m.rfm_segment`,
  };
  for (const [name, sql] of Object.entries(plans)) {
    const plan = (await db.query(`explain (analyze, costs off, timing on) ${sql}`, [gm.id])).rows as Array<{ 'QUERY PLAN': string }>;
    console.log(`\nplan: ${name}\n${plan.map((row) => `  ${row['QUERY PLAN']}`).join('\n')}`);
  }
  writeFigures('customer-insights', { ...volume, requests: REQUESTS, rows });
});
