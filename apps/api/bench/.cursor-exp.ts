import { Client } from 'pg';
const lit = (values: unknown[]) => '{' + values.map((v) => (v === null ? 'NULL' : String(v))).join(',') + '}';
(async () => {
  const c = new Client({ connectionString: process.env.BENCH_DATABASE_URL });
  await c.connect();
  await c.query('begin');
  await c.query(`set local datestyle = 'ISO, YMD'`);
  const variant = process.env.V ?? 'b';
  const sel = variant === 'a'
    ? `select account_id, to_char(first_purchase_on, 'YYYY-MM-DD') as first, to_char(last_purchase_on, 'YYYY-MM-DD') as last, orders, purchase_days,
              revenue::text as revenue, cost::text as cost, profit::text as profit, uncosted_lines,
              array_to_string(purchase_dates, ',') as dates, array_to_string(purchase_day_revenue, ',') as day_revenue, products, discount_share::text as discount_share, years
         from customer_metrics`
    : `select account_id, concat_ws('|', orders, revenue, cost, profit, products, discount_share, array_to_string(purchase_dates, ','), array_to_string(purchase_day_revenue, ','), years) as facts from customer_metrics`;
  await c.query(`declare cur no scroll cursor for ${sel}`);
  let t = Date.now(); let n = 0; let cpu = process.cpuUsage();
  const ids: string[] = [];
  for (;;) {
    const r = await c.query({ text: 'fetch forward 20000 from cur', rowMode: variant === 'c' ? 'array' : undefined });
    n += r.rows.length;
    for (const x of r.rows) { if (variant === 'c') { ids.push((x as string[])[0]); (x as string[])[1]?.split('|'); } else if (variant === 'b') { ids.push(x.account_id); (x.facts as string).split('|'); } else ids.push(x.account_id); }
    if (r.rows.length < 20000) break;
  }
  const u = process.cpuUsage(cpu);
  console.log(variant, 'fetch', n, Date.now() - t, 'ms; node cpu', Math.round((u.user + u.system) / 1000), 'ms');
  await c.query(`create temporary table sc on commit drop as select account_id, rfm_recency, rfm_frequency, rfm_monetary, rfm_segment, behaviour_class, lifecycle_stage, historic_clv, predicted_transactions, probability_alive, expected_spend, predicted_clv, loyalty_index from customer_metrics with no data`);
  t = Date.now(); cpu = process.cpuUsage();
  for (let i = 0; i < ids.length; i += 20000) {
    const b = ids.slice(i, i + 20000);
    const col = (f: (k: number) => unknown) => b.map((_, k) => f(k));
    const cols = [col((k) => b[k]), col((k) => 1 + (k % 5)), col((k) => 1 + (k % 5)), col((k) => 1 + (k % 5)), col(() => 'champions'), col(() => 'loyal'), col(() => 'mature'), col((k) => (k * 1.37).toFixed(2)), col((k) => (k / 997).toFixed(4) ), col((k) => (k % 7 ? ((k % 1000) / 1000).toFixed(6) : null)), col((k) => (k * 3.1).toFixed(2)), col((k) => (k * 7.3).toFixed(2)), col((k) => ((k % 10000) / 10000).toFixed(4))];
    await c.query(`insert into sc select * from unnest($1::uuid[], $2::smallint[], $3::smallint[], $4::smallint[], $5::text[], $6::text[], $7::text[], $8::numeric[], $9::numeric[], $10::numeric[], $11::numeric[], $12::numeric[], $13::numeric[])`,
      variant === 'a' ? cols : cols.map(lit));
  }
  const u2 = process.cpuUsage(cpu);
  console.log(variant, 'insert', Date.now() - t, 'ms; node cpu', Math.round((u2.user + u2.system) / 1000), 'ms');
  await c.query('rollback'); await c.end();
})();
