// The benchmark volume: a sales organisation of REGIONS regional companies × GROUPS_PER_REGION groups ×
// OWNERS_PER_GROUP reps (each region with a manager), and `accounts` accounts spread over those owners, with
// contacts, opportunities and activities per account. Set-based SQL (generate_series), one transaction, so a
// million accounts take minutes, not hours. Used by `pnpm bench …` and `pnpm seed:volume`.
import type { Client } from 'pg';
import { hashPassword } from '../src/identity/passwords/password-hasher';

export const REGIONS = 10;
export const GROUPS_PER_REGION = 20;
export const OWNERS_PER_GROUP = 10;
/** The bench users' password (bench.manager1@lianxi.test, bench.rep1-1.1@lianxi.test, …). */
export const BENCH_PASSWORD = 'Bench passphrase 2026!';

export interface VolumeOptions {
  accounts: number;
  contactsPerAccount?: number;
  opportunitiesPerAccount?: number;
  activitiesPerAccount?: number;
  /** Purchase histories for the analytics: on average this many orders per account (0 … 2×), over `historyYears`. */
  ordersPerAccount?: number;
  /** Lines per order on average (1 … 2× − 1). */
  linesPerOrder?: number;
  historyYears?: number;
}

/** Seeds the volume into a migrated database that holds the demo organisation; prints what it made and how long it took. */
export async function seedVolume(db: Client, options: VolumeOptions): Promise<void> {
  const { accounts, contactsPerAccount = 0, opportunitiesPerAccount = 0, activitiesPerAccount = 0, ordersPerAccount = 0 } = options;
  const sales = (await db.query(`select id, path from teams where code = 'SALES'`)).rows[0] as { id: string; path: string };
  const [rep] = (await db.query(`select id from roles where key = 'sales_rep'`)).rows;
  const [manager] = (await db.query(`select id from roles where key = 'sales_manager'`)).rows;
  const hash = await hashPassword(BENCH_PASSWORD);
  const timings: string[] = [];
  let started = Date.now();
  const step = (what: string) => {
    timings.push(`${what} ${((Date.now() - started) / 1000).toFixed(1)} s`);
    started = Date.now();
  };
  await db.query('begin');
  await db.query(`create temp table bench_owners (n int primary key, id uuid, team_id uuid) on commit drop`);
  for (let r = 1; r <= REGIONS; r++) {
    const region = (await db.query(
      `insert into teams (id, parent_id, path, code, name, name_en, kind) select gen_random_uuid(), $1, '', $2, $3, $4, 'subsidiary' returning id`,
      [sales.id, `BR${r}`, `第${r}销售公司`, `Bench Region ${r}`],
    )).rows[0] as { id: string };
    await db.query(`update teams set path = $2 || id || '/' where id = $1`, [region.id, sales.path]);
    const regionManager = (await db.query(
      `insert into users (id, email, name, name_en, locale, team_id, password_hash) values (gen_random_uuid(), $1, $2, $3, 'zh-CN', $4, $5) returning id`,
      [`bench.manager${r}@lianxi.test`, `经理${r}`, `Bench Manager ${r}`, region.id, hash],
    )).rows[0] as { id: string };
    await db.query('insert into user_roles (user_id, role_id) values ($1, $2)', [regionManager.id, manager.id]);
    for (let g = 1; g <= GROUPS_PER_REGION; g++) {
      const group = (await db.query(
        `insert into teams (id, parent_id, path, code, name, name_en, kind)
         select gen_random_uuid(), $1, (select path from teams where id = $1), $2, $3, $4, 'group' returning id`,
        [region.id, `BG${r}-${g}`, `第${r}公司${g}组`, `Bench Group ${r}-${g}`],
      )).rows[0] as { id: string };
      await db.query(`update teams set path = path || id || '/' where id = $1`, [group.id]);
      await db.query(
        `with owners as (
           insert into users (id, email, name, name_en, locale, team_id, password_hash)
           select gen_random_uuid(), 'bench.rep' || $2 || '.' || k || '@lianxi.test', '代表' || k, 'Bench Rep ' || k, 'zh-CN', $1, $3
             from generate_series(1, $4) k
           returning id, team_id)
         insert into bench_owners (n, id, team_id) select (select count(*) from bench_owners) + row_number() over (), id, team_id from owners`,
        [group.id, `${r}-${g}`, hash, OWNERS_PER_GROUP],
      );
    }
  }
  await db.query(`insert into user_roles (user_id, role_id) select id, $1 from bench_owners`, [rep.id]);
  const owners = Number((await db.query('select count(*) from bench_owners')).rows[0].count);
  step('organisation');
  // About 1 in 500 accounts restricted and 1 in 50 owner-only, as in real life: rare.
  await db.query(
    `insert into accounts (id, name, industry, region, phone, email, owner_id, team_id, restricted, owner_only_edit)
     select gen_random_uuid(),
            (array['徐州','苏州','杭州','天津','青岛','宁波','上海','南京','合肥','济南'])[1 + i % 10] || substr(md5(i::text), 1, 6) || '机械有限公司',
            (array['construction','mining','logistics','rental','infrastructure'])[1 + i % 5],
            'Region ' || (i % ${REGIONS}),
            '138' || lpad((i % 100000000)::text, 8, '0'),
            'buyer' || i || '@example.com',
            o.id, o.team_id, i % 500 = 0, i % 50 = 0
       from generate_series(1, $1::int) i
       join bench_owners o on o.n = 1 + i % $2::int`,
    [accounts, owners],
  );
  step(`${accounts.toLocaleString('en')} accounts`);
  if (contactsPerAccount > 0) {
    await db.query(
      `insert into contacts (id, account_id, name, title, phone, email, owner_id, team_id, restricted)
       select gen_random_uuid(), a.id,
              (array['王','李','张','刘','陈','杨','黄','赵','吴','周'])[1 + (abs(hashtext(a.id::text)) + k) % 10] || (array['伟','芳','娜','敏','静','磊','强','洋'])[1 + k % 8] || k,
              (array['采购经理','设备主管','总经理','项目经理'])[1 + k % 4],
              '139' || lpad((abs(hashtext(a.id::text || k)) % 100000000)::text, 8, '0'),
              'c' || k || '.' || substr(a.id::text, 1, 8) || '@example.cn',
              a.owner_id, a.team_id, a.restricted
         from accounts a cross join generate_series(1, $1::int) k
        where a.email like 'buyer%@example.com'`,
      [contactsPerAccount],
    );
    step(`${(accounts * contactsPerAccount).toLocaleString('en')} contacts`);
  }
  if (opportunitiesPerAccount > 0) {
    // Spread over the default pipeline's stages; close dates over the coming year.
    await db.query(
      `with stages as (select s.id, s.pipeline_id, s.probability, row_number() over (order by s.position) - 1 as n
                         from pipeline_stages s join pipelines p on p.id = s.pipeline_id where p.is_default),
            stage_count as (select count(*)::int as c from stages)
       insert into opportunities (id, name, account_id, pipeline_id, stage_id, amount, currency, probability, expected_close_date, owner_id, team_id, restricted)
       select gen_random_uuid(), left(a.name, 8) || ' 设备采购 ' || k, a.id, s.pipeline_id, s.id,
              (100000 + abs(hashtext(a.id::text || k)) % 5000000)::numeric(18, 2), 'CNY', s.probability,
              current_date + (abs(hashtext(a.id::text || 'd' || k)) % 365), a.owner_id, a.team_id, a.restricted
         from accounts a cross join generate_series(1, $1::int) k cross join stage_count
         join stages s on s.n = abs(hashtext(a.id::text || 's' || k)) % stage_count.c
        where a.email like 'buyer%@example.com'`,
      [opportunitiesPerAccount],
    );
    step(`${(accounts * opportunitiesPerAccount).toLocaleString('en')} opportunities`);
  }
  if (activitiesPerAccount > 0) {
    await db.query(
      `insert into activities (id, kind, subject, status, priority, due_at, related_type, related_id, account_id, owner_id, team_id, restricted, completed_at)
       select gen_random_uuid(), v.kind, '跟进 ' || left(a.name, 8), v.status, 'normal', v.due_at, 'account', a.id, a.id, a.owner_id, a.team_id, a.restricted,
              case when v.status = 'done' then v.due_at end
         from accounts a cross join generate_series(1, $1::int) k
         cross join lateral (select (array['call','visit','task','meeting','note'])[1 + (abs(hashtext(a.id::text || k)) % 5)] as kind,
                                    date_trunc('milliseconds', now() + ((abs(hashtext(a.id::text || 'a' || k)) % 120) - 60) * interval '1 day') as due_at) d
         cross join lateral (select d.kind, d.due_at, case when d.due_at < now() then 'done' else 'planned' end as status) v
        where a.email like 'buyer%@example.com'`,
      [activitiesPerAccount],
    );
    step(`${(accounts * activitiesPerAccount).toLocaleString('en')} activities`);
  }
  if (ordersPerAccount > 0) {
    const lines = await seedPurchaseHistories(db, ordersPerAccount, options.linesPerOrder ?? 2.5, options.historyYears ?? 5);
    step(`${lines.orders.toLocaleString('en')} orders with ${lines.lines.toLocaleString('en')} lines`);
  }
  await db.query('commit');
  await db.query('analyze');
  step('analyze');
  console.log(`seeded ${REGIONS * GROUPS_PER_REGION} groups, ${owners} owners: ${timings.join(', ')}`);
}

/**
 * Orders with lines over the last `years` years, in five life patterns so that every customer metric has something
 * to find: steady buyers, growing ones (orders crowd towards today), declining ones (towards the start), lapsed ones
 * (nothing in the last 60 % of the span) and new ones (the last year only). About 1 order in 20 is cancelled; the
 * last month's are still open. Lines are built first in a temporary table so that each order's totals are their sum.
 */
async function seedPurchaseHistories(db: Client, ordersPerAccount: number, linesPerOrder: number, years: number): Promise<{ orders: number; lines: number }> {
  const span = Math.round(years * 365);
  const maxOrders = Math.max(1, Math.round(2 * ordersPerAccount));
  const maxLines = Math.max(1, Math.round(2 * linesPerOrder - 1));
  // The volume's orders are in CNY, priced from their products' CNY costs: a line's cost is its product's as it is,
  // which is what the API's conversion gives for the same currency (sales/exchange-rates/currency-conversion.ts).
  await db.query(`create temp table bench_products on commit drop as
                    select row_number() over (order by code) - 1 as n, id, name, cost_price, round(cost_price * 1.35, -2) as list_price
                      from products where active and cost_price > 0 and cost_currency = 'CNY'`);
  const products = Number((await db.query('select count(*) from bench_products')).rows[0].count);
  if (products === 0) throw new Error('purchase histories need products with a cost price (the demo catalogue has them)');
  await db.query(
    `create temp table bench_orders on commit drop as
     select gen_random_uuid() as id, a.id as account_id, a.owner_id, a.team_id, a.restricted,
            current_date - (case abs(hashtext(a.id::text || 'p')) % 5
                              when 0 then $2 * u
                              when 1 then $2 * u * u
                              when 2 then $2 * (1 - u * u)
                              when 3 then $2 * (0.6 + 0.4 * u)
                              else 365 * u end)::int as order_date,
            1 + abs(hashtext(a.id::text || 'l' || k)) % $3::int as line_count,
            abs(hashtext(a.id::text || 'c' || k)) % 20 = 0 as cancelled
       from accounts a
       cross join lateral generate_series(1, abs(hashtext(a.id::text || 'n')) % ($1::int + 1)) k
       cross join lateral (select (abs(hashtext(a.id::text || 'u' || k)) % 100000) / 100000.0 as u) r
      where a.email like 'buyer%@example.com'`,
    [maxOrders, span, maxLines],
  );
  await db.query(
    `create temp table bench_lines on commit drop as
     select o.id as order_id, j - 1 as position, p.id as product_id, p.name as description, q.quantity, p.list_price, q.discount, p.cost_price,
            round(p.list_price * (100 - q.discount) / 100, 2) as net_price,
            round(round(p.list_price * (100 - q.discount) / 100, 2) * q.quantity, 2) as line_total
       from bench_orders o
       cross join lateral generate_series(1, o.line_count) j
       cross join lateral (select (1 + abs(hashtext(o.id::text || j)) % 5)::numeric as quantity, (abs(hashtext(o.id::text || 'd' || j)) % 11)::numeric as discount) q
       join bench_products p on p.n = abs(hashtext(o.id::text || 'p' || j)) % $1::int`,
    [products],
  );
  const orders = await db.query(
    `insert into orders (id, number, account_id, currency, status, order_date, payment_terms_days, tax_rate, subtotal, tax_amount, total, paid_amount,
                         owner_id, team_id, restricted, created_at, updated_at)
     select o.id, 'SO-V-' || lpad(row_number() over (order by o.order_date, o.id)::text, 9, '0'), o.account_id, 'CNY', s.status, o.order_date, 30, 13,
            t.subtotal, t.tax, t.subtotal + t.tax, case when s.status = 'delivered' then t.subtotal + t.tax else 0 end,
            o.owner_id, o.team_id, o.restricted, o.order_date, o.order_date
       from bench_orders o
       join (select order_id, sum(line_total) as subtotal, round(sum(line_total) * 0.13, 2) as tax from bench_lines group by order_id) t on t.order_id = o.id
       cross join lateral (select case when o.cancelled then 'cancelled' when o.order_date > current_date - 30 then 'ordered' else 'delivered' end as status) s`,
  );
  const lines = await db.query(
    `insert into order_lines (id, order_id, position, product_id, description, quantity, list_price, discount_percent, net_price, line_total, unit_cost)
     select gen_random_uuid(), order_id, position, product_id, description, quantity, list_price, discount, net_price, line_total, cost_price from bench_lines`,
  );
  return { orders: orders.rowCount ?? 0, lines: lines.rowCount ?? 0 };
}
