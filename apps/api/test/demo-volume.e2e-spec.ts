import type { NestExpressApplication } from '@nestjs/platform-express';
import { Client } from 'pg';
import request from 'supertest';
import { ACCOUNTS, USERS } from '../src/demo/demo-organisation';
import { DEMO_VOLUME_TARGETS, loadDemoVolume, type DemoVolumeCounts } from '../src/demo/demo-volume';
import { loadConfig } from '../src/platform/config/app-config';
import { createApp } from '../src/platform/bootstrap';
import { signInAll } from './support/test-app';
import { createTestDatabase } from './support/test-database';

/**
 * The demo volume (issue 4, "Demo data") on top of the hand-written demo: a database cloned from the template (which
 * never holds the volume: every other spec counts on the hand-written records alone), the volume loaded into it, and
 * the real application on it. Checks what the issue promises through SQL and through the API as the demo users.
 */
describe('demo volume', () => {
  let app: NestExpressApplication;
  let db: Client;
  let database: { url: string; drop(): Promise<void> };
  let counts: DemoVolumeCounts | null;
  let tokens: Record<string, string>;
  const as = (user: string) => ({ Authorization: `Bearer ${tokens[user]}` });
  const sql = async <T = Record<string, unknown>>(text: string, params?: unknown[]) => (await db.query(text, params)).rows as T[];
  const count = async (text: string, params?: unknown[]) => (await sql<{ count: number }>(text, params))[0].count;

  beforeAll(async () => {
    database = await createTestDatabase();
    counts = await loadDemoVolume(database.url);
    app = await createApp(loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', WEB_DIST_DIR: '/nonexistent' }), database.url);
    await app.init();
    db = new Client({ connectionString: database.url });
    await db.connect();
    ({ tokens } = await signInAll(app, ['rep.e1', 'rep.e2', 'rep.n1', 'manager.east', 'director', 'partner', 'finance']));
  }, 120_000);
  afterAll(async () => {
    await db?.end();
    await app?.close();
    await database?.drop();
  });

  /** Every page of a list endpoint as a user: the ids. */
  const listAll = async (user: string, path: string): Promise<string[]> => {
    const ids: string[] = [];
    let cursor: string | null = null;
    do {
      const separator = path.includes('?') ? '&' : '?';
      const page: { body: { data: Array<{ id: string }>; nextCursor: string | null } } = await request(app.getHttpServer())
        .get(`${path}${separator}limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`)
        .set(as(user))
        .expect(200);
      ids.push(...page.body.data.map((r) => r.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    return ids.sort();
  };

  it('loads once, at the issue\'s volume, around the hand-written records', async () => {
    expect(counts).not.toBeNull();
    // A second call (another replica, a restart) adds nothing.
    expect(await loadDemoVolume(database.url)).toBeNull();
    const totals = (await sql<Record<string, number>>(
      `select (select count(*)::int from accounts) as accounts, (select count(*)::int from contacts) as contacts, (select count(*)::int from leads) as leads,
              (select count(*)::int from opportunities) as opportunities, (select count(*)::int from quotes) as quotes, (select count(*)::int from orders) as orders,
              (select count(*)::int from payments) as payments, (select count(*)::int from activities) as activities`,
    ))[0];
    expect(totals.accounts).toBe(DEMO_VOLUME_TARGETS.accounts);
    expect(totals.contacts).toBe(DEMO_VOLUME_TARGETS.contacts);
    expect(totals.leads).toBe(DEMO_VOLUME_TARGETS.leads);
    expect(totals.opportunities).toBeGreaterThanOrEqual(1450);
    expect(totals.opportunities).toBeLessThanOrEqual(1550);
    expect(totals.quotes).toBeGreaterThan(500);
    expect(totals.orders).toBeGreaterThan(600);
    expect(totals.payments).toBeGreaterThan(300);
    expect(totals.activities).toBeGreaterThan(3000);
    // The hand-written records are still there, unchanged in number and name.
    expect(await count('select count(*)::int as count from accounts where name = any($1)', [ACCOUNTS.map((a) => a.name)])).toBe(ACCOUNTS.length);
    // Accounts have realistic, unique names, some in English, some with a parent account.
    expect(await count('select count(*)::int as count from (select name from accounts group by name having count(*) > 1) d')).toBe(0);
    expect(await count(`select count(*)::int as count from accounts where region = 'International'`)).toBeGreaterThan(30);
    expect(await count('select count(*)::int as count from accounts where parent_account_id is not null')).toBeGreaterThan(20);
    expect(await count('select count(*)::int as count from accounts where restricted')).toBeGreaterThan(1);
    expect(await count('select count(*)::int as count from accounts where owner_only_edit')).toBeGreaterThan(5);
  });

  it('spreads the accounts over every sales team and Distributor X, owned as the hand-written ones are', async () => {
    const byTeam = await sql<{ code: string; count: number }>(
      `select t.code, count(a.id)::int as count from teams t left join accounts a on a.team_id = t.id
        where t.code in ('SALES', 'EAST', 'E1', 'E2', 'NORTH', 'N1') group by t.code order by t.code`,
    );
    // NORTH has no user of its own: its accounts sit in group N1.
    for (const { code, count: n } of byTeam) if (code !== 'NORTH') expect([code, n > 50]).toEqual([code, true]);
    // An account's team is its owner's team; partner accounts have the partner as owner and no team.
    expect(await count('select count(*)::int as count from accounts a join users u on u.id = a.owner_id where a.team_id is distinct from u.team_id')).toBe(0);
    expect(await count(`select count(*)::int as count from accounts a join users u on u.id = a.owner_id where (a.partner_account_id is not null) <> (u.partner_account_id is not null)`)).toBe(0);
    expect(await count('select count(*)::int as count from accounts where partner_account_id is not null')).toBeGreaterThan(200);
  });

  it('the partner sees exactly Distributor X\'s accounts through the API', async () => {
    const expected = (await sql<{ id: string }>(`select a.id from accounts a join partner_accounts p on p.id = a.partner_account_id where p.name_en = 'Distributor X' and a.deleted_at is null`)).map((r) => r.id).sort();
    expect(expected.length).toBeGreaterThan(200);
    expect(await listAll('partner', '/api/v1/accounts')).toEqual(expected);
  });

  it.each(['rep.e1', 'rep.n1'])('%s sees only their team\'s accounts through the API (as the SQL says)', async (user) => {
    const me = USERS.find((u) => u.email === `${user}@lianxi.test`)!;
    const expected = (await sql<{ id: string }>(
      `select a.id from accounts a join users u on u.email = $1
        where a.deleted_at is null and a.team_id = u.team_id and (not a.restricted or a.owner_id = u.id)
       union
       select s.record_id from record_shares s join users u on u.email = $1 where s.object_type = 'account' and (s.user_id = u.id or s.team_id = u.team_id)`,
      [me.email],
    )).map((r) => r.id).sort();
    expect(expected.length).toBeGreaterThan(300);
    const listed = await listAll(user, '/api/v1/accounts');
    expect(listed).toEqual(expected);
    // Nothing of another team.
    expect(await count('select count(*)::int as count from accounts a join users u on u.email = $2 where a.id = any($1) and a.team_id is distinct from u.team_id', [listed, me.email])).toBe(0);
  });

  it('has opportunities in every stage with their history, leads in every status', async () => {
    const stages = await sql<{ position: number; count: number }>(
      'select s.position, count(o.id)::int as count from pipeline_stages s join pipelines p on p.id = s.pipeline_id and p.is_default left join opportunities o on o.stage_id = s.id group by s.position order by s.position',
    );
    expect(stages.map((s) => s.position)).toEqual([0, 1, 2, 3, 4, 5]);
    for (const s of stages) expect(s.count).toBeGreaterThan(100);
    expect(await count('select count(*)::int as count from opportunities o where not exists (select 1 from opportunity_stage_history h where h.opportunity_id = o.id and h.to_stage_id = o.stage_id)')).toBe(0);
    // Some open opportunities are past their expected close date.
    expect(await count(`select count(*)::int as count from opportunities o join pipeline_stages s on s.id = o.stage_id where s.kind = 'open' and o.expected_close_date < current_date`)).toBeGreaterThan(20);
    const statuses = await sql<{ status: string }>('select distinct status from leads order by status');
    expect(statuses.map((s) => s.status)).toEqual(['contacted', 'converted', 'disqualified', 'new', 'qualified']);
  });

  it('has quotes awaiting the regional manager (15 %) and the director (above 20 %), in their inboxes', async () => {
    const manager = await request(app.getHttpServer()).get('/api/v1/approvals?limit=200').set(as('manager.east')).expect(200);
    const managerDiscounts = manager.body.data.map((q: { maxDiscountPercent: string }) => Number(q.maxDiscountPercent));
    expect(managerDiscounts.length).toBeGreaterThan(10);
    expect(managerDiscounts).toContain(15);
    for (const d of managerDiscounts) expect(d > 10 && d <= 20).toBe(true);
    const director = await request(app.getHttpServer()).get('/api/v1/approvals?limit=200').set(as('director')).expect(200);
    const directorDiscounts = director.body.data.map((q: { maxDiscountPercent: string }) => Number(q.maxDiscountPercent));
    expect(directorDiscounts.length).toBeGreaterThan(10);
    for (const d of directorDiscounts) expect(d).toBeGreaterThan(20);
    const statuses = await sql<{ status: string }>('select distinct status from quotes order by status');
    expect(statuses.map((s) => s.status)).toEqual(['accepted', 'approved', 'draft', 'pending_approval', 'rejected', 'sent']);
    // Converted quotes: an order each.
    expect(await count('select count(*)::int as count from orders where quote_id is not null')).toBeGreaterThan(150);
  });

  it('prices every quote and order exactly: totals are the sums of their lines, payments never above the total', async () => {
    expect(await count(
      `select count(*)::int as count from orders o
        where o.subtotal <> (select coalesce(sum(l.line_total), 0) from order_lines l where l.order_id = o.id)
           or o.total <> o.subtotal + round(o.subtotal * o.tax_rate / 100, 2)
           or o.paid_amount <> (select coalesce(sum(p.amount), 0) from payments p where p.order_id = o.id)
           or not exists (select 1 from order_lines l where l.order_id = o.id)`,
    )).toBe(0);
    expect(await count('select count(*)::int as count from order_lines where line_total <> round(net_price * quantity, 2) or net_price <> round(list_price * (100 - discount_percent) / 100, 2)')).toBe(0);
    expect(await count(
      `select count(*)::int as count from quotes q
        where q.net_total <> (select coalesce(sum(l.line_total), 0) from quote_lines l where l.quote_id = q.id)
           or q.grand_total <> q.net_total + q.tax_total or not exists (select 1 from quote_lines l where l.quote_id = q.id)`,
    )).toBe(0);
    // Every quote's figures agree with its lines, computed here independently in PostgreSQL numeric.
    expect(await count(
      `select count(*)::int as count from quotes q
         join lateral (select coalesce(sum(round(l.quantity * l.list_price, 2)), 0) as subtotal, coalesce(sum(l.line_total), 0) as net,
                              coalesce(max(l.discount_percent), 0) as max_discount
                         from quote_lines l where l.quote_id = q.id) s on true
        where q.subtotal <> s.subtotal or q.net_total <> s.net or q.discount_total <> s.subtotal - s.net
           or q.tax_total <> round(s.net * q.tax_rate / 100, 2) or q.max_discount_percent <> s.max_discount`,
    )).toBe(0);
    // An order converted from a quote carries its figures.
    expect(await count('select count(*)::int as count from orders o join quotes q on q.id = o.quote_id where o.subtotal <> q.net_total or o.total <> q.grand_total')).toBe(0);
    // Status agrees with the money: unpaid, partly paid, fully paid from `paid` on, nothing on a cancelled order.
    expect(await count(
      `select count(*)::int as count from orders
        where (status in ('ordered', 'cancelled') and paid_amount <> 0) or (status = 'partly_paid' and not (paid_amount > 0 and paid_amount < total))
           or (status in ('paid', 'shipped', 'delivered', 'confirmed') and paid_amount <> total)`,
    )).toBe(0);
    expect(await count('select count(*)::int as count from payments p join orders o on o.id = p.order_id where p.paid_at < o.order_date or p.paid_at > current_date')).toBe(0);
  });

  it('costs every line in its order\'s currency: USD lines converted at the month\'s demo rate, none dearer than its net price', async () => {
    const rows = await sql<{ currency: string; lines: number; costed: number; loss: number; raw_loss: number }>(
      `select o.currency, count(*)::int as lines, count(l.unit_cost)::int as costed, (count(*) filter (where l.unit_cost > l.net_price))::int as loss,
              (count(*) filter (where p.cost_price > l.net_price))::int as raw_loss
         from order_lines l join orders o on o.id = l.order_id join products p on p.id = l.product_id group by o.currency order by o.currency`,
    );
    const usd = rows.find((r) => r.currency === 'USD');
    expect(usd && usd.lines).toBeGreaterThan(1000);
    // Every USD line has a rate (the demo's monthly rates cover its history) and a margin; the CNY cost price taken
    // as it is would have shown every one of them at a loss.
    expect(usd).toMatchObject({ costed: usd?.lines, loss: 0, raw_loss: usd?.lines });
    expect(rows.find((r) => r.currency === 'CNY')).toMatchObject({ loss: 0 });
    // A line's cost is its product's CNY cost ÷ the rate of its order's month, to the cent.
    expect(await count(
      `select count(*)::int as count from order_lines l join orders o on o.id = l.order_id and o.currency = 'USD' join products p on p.id = l.product_id
        where l.unit_cost <> round(p.cost_price / (select r.rate from exchange_rates r where r.currency = 'USD' and r.valid_from <= o.order_date order by r.valid_from desc limit 1), 2)`,
    )).toBe(0);
  });

  it('has orders in every status and receivables in every ageing bucket', async () => {
    const statuses = await sql<{ status: string; count: number }>('select status, count(*)::int as count from orders group by status order by status');
    expect(statuses.map((s) => s.status)).toEqual(['cancelled', 'confirmed', 'delivered', 'ordered', 'paid', 'partly_paid', 'shipped']);
    for (const s of statuses) expect(s.count).toBeGreaterThan(20);
    const response = await request(app.getHttpServer()).get('/api/v1/receivables').set(as('finance')).expect(200);
    for (const currency of ['CNY', 'USD']) {
      const totals = response.body.totals.find((t: { currency: string }) => t.currency === currency);
      for (const bucket of ['current', 'days1To30', 'days31To60', 'days61To90', 'daysOver90']) expect([currency, bucket, Number(totals[bucket]) > 0]).toEqual([currency, bucket, true]);
    }
  });

  it('gives each demo seller to-dos today and overdue, visits today and this week, and past calls with outcomes', async () => {
    for (const user of ['rep.e1', 'rep.e1b', 'rep.e2', 'rep.n1', 'manager.east']) {
      const [diary] = await sql<Record<string, number>>(
        `select count(*) filter (where a.kind = 'task' and a.status = 'planned' and a.due_at::date = current_date)::int as today_todos,
                count(*) filter (where a.kind = 'task' and a.status = 'planned' and a.due_at < date_trunc('day', now()))::int as overdue,
                count(*) filter (where a.kind = 'visit' and a.status = 'planned' and a.due_at::date = current_date)::int as visits_today,
                count(*) filter (where a.kind = 'visit' and a.status = 'planned' and a.due_at::date between current_date + 1 and current_date + 6)::int as visits_week,
                count(*) filter (where a.kind = 'call' and a.status = 'done' and a.outcome is not null)::int as calls
           from activities a join users u on u.id = a.owner_id where u.email = $1`,
        [`${user}@lianxi.test`],
      );
      expect([user, diary.today_todos > 0, diary.overdue > 0, diary.visits_today > 0, diary.visits_week > 0, diary.calls > 10]).toEqual([user, true, true, true, true, true]);
    }
  });
});
