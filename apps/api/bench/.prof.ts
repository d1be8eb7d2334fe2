import { DataSource } from 'typeorm';
import { customerScorer } from '../src/analytics/metrics/customer-scoring';
import { loadPopulation } from '../src/analytics/metrics/metric-population';
import { dataSourceOptions } from '../src/platform/database/data-source-options';
import { toFactsForProfile } from '../src/analytics/metrics/metrics-recompute';
(async () => {
  const ds = await new DataSource(dataSourceOptions(process.env.BENCH_DATABASE_URL!)).initialize();
  const asOf = '2026-12-29';
  const population = await loadPopulation(ds.manager, asOf);
  const rows: Array<{ account_id: string; facts: string }> = await ds.query(`select account_id, concat(orders, '|', purchase_days, '|', revenue, '|', cost, '|', profit, '|', products, '|', discount_share, '|',
                     array_to_string(purchase_dates, ','), '|', array_to_string(purchase_day_revenue, ','), '|', years) as facts from customer_metrics limit 300000`);
  const score = customerScorer(population, { discountRate: 0.1, horizonWeeks: 52 });
  for (let round = 0; round < 3; round++) {
    let t = Date.now();
    const facts = rows.map(toFactsForProfile);
    const parse = Date.now() - t; t = Date.now();
    for (let i = 0; i < facts.length; i += 20000) score(facts.slice(i, i + 20000));
    console.log('parse', parse, 'score', Date.now() - t);
  }
  await ds.destroy();
})();
