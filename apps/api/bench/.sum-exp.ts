import { Client } from 'pg';
import { summariseIn } from '../src/analytics/metrics/metric-summaries';
(async () => {
  const c = new Client({ connectionString: process.env.BENCH_DATABASE_URL });
  await c.connect();
  await c.query('begin isolation level repeatable read');
  await summariseIn(async (text, params) => { const t = Date.now(); const r = await c.query(text, params); console.log(Date.now() - t, 'ms', text.trim().slice(0, 70).replace(/\s+/g, ' ')); return r.rows; });
  if (process.env.EXPLAIN) {
    const r = await c.query(`explain (analyze, costs off) ${process.env.EXPLAIN}`);
    console.log(r.rows.map((x) => x['QUERY PLAN']).join('\n'));
  }
  await c.query('rollback'); await c.end();
})();
