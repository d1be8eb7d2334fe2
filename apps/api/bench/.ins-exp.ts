import { Client } from 'pg';
import { FACT_COLUMNS, SCORE_COLUMNS, STORED_FACTS } from '../src/analytics/metrics/metric-facts';
(async () => {
  const c = new Client({ connectionString: process.env.BENCH_DATABASE_URL });
  await c.connect();
  const q = async (sql: string, p?: unknown[]) => { const t = Date.now(); const r = await c.query(sql, p); if (/^explain/.test(sql)) console.log(r.rows.map((x) => x['QUERY PLAN']).join('\n')); console.log('--', Date.now() - t, 'ms', sql.slice(0, 60).replace(/\s+/g, ' ')); return r; };
  await q('begin');
  await q(`set local work_mem = '256MB'`); await q(`set local enable_hashagg = off`);
  await q(`create temporary table metric_scores on commit drop as select account_id, ${SCORE_COLUMNS.join(', ')} from customer_metrics`);
  await q(`create temporary table metric_all on commit drop as select ${FACT_COLUMNS.join(', ')} from customer_metrics order by md5(account_id::text) limit 8914`);
  await q(`analyze metric_all`);
  if (process.env.ANALYZE_SCORES) await q(`analyze metric_scores`);
  await q(`create table customer_metrics_x (like customer_metrics including defaults including constraints)`);
  const columns = [...FACT_COLUMNS, ...SCORE_COLUMNS, 'computed_at'].join(', ');
  const same = (names: readonly string[], fresh: string) => `(${names.map((x) => `old.${x}`).join(', ')}) is not distinct from (${names.map((x) => `${fresh}.${x}`).join(', ')})`;
  const scores = SCORE_COLUMNS.map((x) => `s.${x}`).join(', ');
  await q(`explain (analyze, costs off, timing off) insert into customer_metrics_x (${columns})
       select ${FACT_COLUMNS.map((x) => `old.${x}`).join(', ')}, ${scores}, case when ${same(SCORE_COLUMNS, 's')} then old.computed_at else $1 end
         from metric_scores s join customer_metrics old on old.account_id = s.account_id
        where not exists (select 1 from metric_all f where f.account_id = s.account_id)`, [new Date()]);
  const factsSame = `old.account_id is not null and ${same(STORED_FACTS, 'f')}`;
  await q(`explain (analyze, costs off, timing off) insert into customer_metrics_x (${columns})
     select ${FACT_COLUMNS.map((x) => (x === 'facts_as_of' ? `case when ${factsSame} then old.facts_as_of else f.facts_as_of end` : `f.${x}`)).join(', ')},
            ${scores}, case when ${factsSame} and ${same(SCORE_COLUMNS, 's')} then old.computed_at else $1 end
       from metric_scores s join metric_all f on f.account_id = s.account_id left join customer_metrics old on old.account_id = s.account_id`, [new Date()]);
  await q('rollback'); await c.end();
})();
