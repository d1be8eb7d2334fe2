// scratch: one recompute with trace (not committed)
import { DataSource } from 'typeorm';
import { MetricsRecompute } from '../src/analytics/metrics/metrics-recompute';
import { loadConfig } from '../src/platform/config/app-config';
import { dataSourceOptions } from '../src/platform/database/data-source-options';
(async () => {
  const ds = await new DataSource(dataSourceOptions(process.env.BENCH_DATABASE_URL!)).initialize();
  const recompute = new MetricsRecompute(ds, loadConfig({ NODE_ENV: 'test' }));
  if (process.env.TOUCH) await ds.query(`with chosen as (select id from accounts where deleted_at is null order by md5(id::text) limit 10000),
          one as (select distinct on (o.account_id) o.id from chosen c join orders o on o.account_id = c.id order by o.account_id, o.id)
     update order_lines l set unit_cost = coalesce(l.unit_cost, 0) + 1 from one where l.order_id = one.id`);
  const steps: Array<[string, number]> = [];
  const t = Date.now();
  const r = await recompute.run(process.env.AS_OF!, new Date(), { mode: (process.env.MODE as 'full') ?? 'full', trace: (s, ms) => steps.push([s, ms]) });
  const wall = Date.now() - t;
  console.log(JSON.stringify({ wall, mode: r.mode, refreshed: r.factsRefreshed, ms: r.ms, scoringMs: r.scoringMs, summaries: wall - Object.values(r.ms).reduce((a, b) => a + b, 0) }));
  console.log(steps.filter(([s, ms]) => ms >= 300 && !/fetch forward|insert into metric_scores/.test(s)).map(([s, ms]) => `${s}: ${ms}`).join('\n'));
  await ds.destroy();
})();
