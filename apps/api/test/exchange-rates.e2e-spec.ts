import { DataSource } from 'typeorm';
import { addRateChangedAccounts } from '../src/analytics/metrics/metric-dirty';
import { MetricsRecompute } from '../src/analytics/metrics/metrics-recompute';
import { createTestApp, TestApp } from './support/test-app';

/**
 * Exchange rates into the base currency (CNY here, the default): who reads and writes them (object type
 * `exchange_rate`), their validation and audit, the cost of an order line converted into the order's currency at the
 * order day's rate (uncosted without one), and the customer metrics summed in the base currency.
 */
describe('exchange rates and multi-currency money', () => {
  let t: TestApp;
  let tokens: Record<string, string>;
  const as = (user: string) => ({ Authorization: `Bearer ${tokens[user]}` });
  const url = '/api/v1/exchange-rates';
  const USERS = ['gm', 'director', 'manager.east', 'rep.e1', 'marketing', 'agent', 'engineer', 'finance', 'quality', 'auditor', 'partner', 'admin'] as const;

  beforeAll(async () => {
    t = await createTestApp();
    ({ tokens } = await t.signInAll(USERS));
  });
  afterAll(() => t.close());

  describe('who may read and write them', () => {
    it('every internal business role reads them; partners, the auditor and the administrator get 403', async () => {
      for (const user of USERS) {
        const response = await t.http.get(`${url}?currency=USD&limit=2`).set(as(user));
        const reads = !['partner', 'auditor', 'admin'].includes(user);
        expect([user, response.status]).toEqual([user, reads ? 200 : 403]);
        if (reads) {
          expect(response.body.baseCurrency).toBe('CNY');
          expect(response.body.data).toHaveLength(2);
          expect(response.body.data[0]).toMatchObject({ currency: 'USD', baseCurrency: 'CNY', rate: expect.stringMatching(/^\d+\.\d{4}$/) });
        }
      }
    });

    it('only finance sets and deletes them (403 for the others, the administrator included; nothing written)', async () => {
      for (const user of USERS.filter((u) => u !== 'finance')) {
        await t.http.put(`${url}/EUR/2026-01-01`).set(as(user)).send({ rate: '7.8' }).expect(403);
        await t.http.delete(`${url}/USD/2026-01-01`).set(as(user)).expect(403);
      }
      expect(await t.sql(`select 1 from exchange_rates where currency = 'EUR'`)).toHaveLength(0);
      expect(await t.sql(`select 1 from exchange_rates where currency = 'USD' and valid_from = '2026-01-01'`)).toHaveLength(1);
      expect(await t.sql(`select 1 from exchange_rate_changes`)).toHaveLength(0);
    });
  });

  describe('validation', () => {
    it.each([
      ['usd', '2026-01-01', { rate: '7.1' }, 'currency'],
      ['XYZ', '2026-01-01', { rate: '7.1' }, 'currency'],
      ['CNY', '2026-01-01', { rate: '1' }, 'currency'],
      ['USD', '2026-02-30', { rate: '7.1' }, 'validFrom'],
      ['USD', '20260101', { rate: '7.1' }, 'validFrom'],
      ['USD', '2026-01-01', { rate: '0' }, 'rate'],
      ['USD', '2026-01-01', { rate: '0.0000000000' }, 'rate'],
      ['USD', '2026-01-01', { rate: '-7.1' }, 'rate'],
      ['USD', '2026-01-01', { rate: '7.12345678901' }, 'rate'],
      ['USD', '2026-01-01', { rate: 7.1 }, 'rate'],
      ['USD', '2026-01-01', {}, 'rate'],
    ])('PUT %s/%s %j is 400 naming %s', async (currency, validFrom, body, field) => {
      const response = await t.http.put(`${url}/${currency}/${validFrom}`).set(as('finance')).send(body).expect(400);
      expect(response.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    });

    it('a list filter that is not a known currency is 400 naming it', async () => {
      const response = await t.http.get(`${url}?currency=XYZ`).set(as('rep.e1')).expect(400);
      expect(response.body.errors[0].field).toBe('currency');
    });
  });

  describe('writes', () => {
    it('PUT creates, replaces and is idempotent (the same rate again, 7.25 = 7.250, writes and audits nothing); each change is audited and logged', async () => {
      const created = await t.http.put(`${url}/EUR/2026-03-01`).set(as('finance')).send({ rate: '7.8123456789' }).expect(200);
      expect(created.body).toMatchObject({ currency: 'EUR', validFrom: '2026-03-01', rate: '7.8123456789', baseCurrency: 'CNY' });
      await t.http.put(`${url}/EUR/2026-03-01`).set(as('finance')).send({ rate: '7.25' }).expect(200);
      const again = await t.http.put(`${url}/EUR/2026-03-01`).set(as('finance')).send({ rate: '7.250' }).expect(200);
      expect(again.body.rate).toBe('7.25');
      const audit = await t.sql<{ action: string; entity_id: string; changes: unknown }>(
        `select action, entity_id, changes from audit_events where entity_type = 'exchange_rate' order by occurred_at, id`);
      expect(audit).toEqual([
        { action: 'exchange_rate.created', entity_id: 'EUR/2026-03-01', changes: { rate: { old: null, new: '7.8123456789' } } },
        { action: 'exchange_rate.updated', entity_id: 'EUR/2026-03-01', changes: { rate: { old: '7.8123456789', new: '7.25' } } },
      ]);
      expect(await t.sql(`select currency, to_char(valid_from, 'YYYY-MM-DD') as valid_from from exchange_rate_changes order by id`)).toEqual([
        { currency: 'EUR', valid_from: '2026-03-01' }, { currency: 'EUR', valid_from: '2026-03-01' },
      ]);
    });

    it('two simultaneous first PUTs of the same rate: exactly one is audited "created", the other "updated" from the winner\'s rate', async () => {
      // An uncommitted insert of the same key in another session holds both requests at the upsert, after any read
      // they might do; rolling it back releases them together, as two first PUTs that really overlap.
      const blocker = t.app.get(DataSource).createQueryRunner();
      await blocker.connect();
      await blocker.startTransaction();
      try {
        await blocker.query(`insert into exchange_rates (currency, valid_from, rate, updated_at) values ('GBP', '2026-05-01', 9, now())`);
        const puts = ['9.1', '9.2'].map((rate) => t.http.put(`${url}/GBP/2026-05-01`).set(as('finance')).send({ rate }).then((r) => r));
        for (let waited = 0; ; waited += 50) {
          const [{ waiting }] = await t.sql<{ waiting: number }>(
            `select count(*)::int as waiting from pg_stat_activity where wait_event_type = 'Lock' and query like 'insert into exchange_rates%'`);
          if (waiting === 2) break;
          if (waited > 10_000) throw new Error(`only ${waiting} PUT(s) reached the upsert`);
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
        await blocker.rollbackTransaction();
        const responses = await Promise.all(puts);
        expect(responses.map((r) => r.status)).toEqual([200, 200]);
      } finally {
        if (blocker.isTransactionActive) await blocker.rollbackTransaction();
        await blocker.release();
      }
      const audit = await t.sql<{ action: string; changes: { rate: { old: string | null; new: string } } }>(
        `select action, changes from audit_events where entity_id = 'GBP/2026-05-01' order by action`);
      // By action, not by time: both transactions began before either wrote, so their timestamps say nothing of order.
      expect(audit.map((a) => a.action)).toEqual(['exchange_rate.created', 'exchange_rate.updated']);
      const [created, updated] = audit.map((a) => a.changes.rate);
      expect(created.old).toBeNull();
      expect(updated.old).toBe(created.new);
      const [{ rate }] = await t.sql<{ rate: string }>(`select rate::text from exchange_rates where currency = 'GBP' and valid_from = '2026-05-01'`);
      expect(rate).toBe(updated.new);
      expect(await t.sql(`select 1 from exchange_rate_changes where currency = 'GBP'`)).toHaveLength(2);
    });

    it('lists newest first, a page at a time, filtered by currency', async () => {
      await t.http.put(`${url}/EUR/2026-04-01`).set(as('finance')).send({ rate: '7.3' }).expect(200);
      const first = await t.http.get(`${url}?currency=EUR&limit=1`).set(as('rep.e1')).expect(200);
      expect(first.body.data.map((r: { validFrom: string }) => r.validFrom)).toEqual(['2026-04-01']);
      const second = await t.http.get(`${url}?currency=EUR&limit=1&cursor=${first.body.nextCursor}`).set(as('rep.e1')).expect(200);
      expect(second.body).toMatchObject({ data: [{ validFrom: '2026-03-01', rate: '7.25' }], nextCursor: null });
      const all = await t.http.get(`${url}?limit=200`).set(as('rep.e1')).expect(200);
      const keys = all.body.data.map((r: { validFrom: string; currency: string }) => `${r.validFrom}/${r.currency}`);
      expect(keys).toEqual([...keys].sort().reverse());
    });

    it('DELETE removes a rate (204, audited), then 404', async () => {
      await t.http.delete(`${url}/EUR/2026-04-01`).set(as('finance')).expect(204);
      const [entry] = await t.sql<{ changes: unknown }>(`select changes from audit_events where action = 'exchange_rate.deleted'`);
      expect(entry.changes).toEqual({ rate: { old: '7.3', new: null } });
      await t.http.delete(`${url}/EUR/2026-04-01`).set(as('finance')).expect(404);
    });
  });

  describe('order line costs in the order\'s currency', () => {
    let accountId: string;
    let product: { id: string; cost_price: string };
    const order = (currency: string, orderDate: string) =>
      t.http.post('/api/v1/orders').set(as('director')).send({
        accountId, currency, orderDate, taxRate: '0',
        lines: [{ productId: product.id, description: 'machine', quantity: '1', listPrice: '90000.00' }, { description: 'freight', quantity: '1', listPrice: '100.00' }],
      }).expect(201);
    const costs = async (orderId: string) => (await t.sql<{ unit_cost: string | null }>(`select unit_cost::text from order_lines where order_id = $1 order by position`, [orderId])).map((l) => l.unit_cost);

    beforeAll(async () => {
      [{ id: accountId }] = await t.sql<{ id: string }>(`select id from accounts where name = '天津北方矿业股份有限公司'`);
      [product] = await t.sql<{ id: string; cost_price: string }>(`select id, cost_price::text from products where cost_price is not null and cost_currency = 'CNY' order by code limit 1`);
    });

    it('a USD order of a CNY-costed product: the cost divided by the USD rate of the order\'s day, to the cent', async () => {
      await t.http.put(`${url}/USD/2019-06-01`).set(as('finance')).send({ rate: '6.8765' }).expect(200);
      const created = await order('USD', '2019-06-20');
      const [{ expected }] = await t.sql<{ expected: string }>(`select round($1::numeric / 6.8765, 2)::text as expected`, [product.cost_price]);
      expect(await costs(created.body.id)).toEqual([expected, null]);
      // The same product in a CNY order keeps its cost as it is.
      expect(await costs((await order('CNY', '2019-06-20')).body.id)).toEqual([product.cost_price, null]);
    });

    it('without a USD rate on the order\'s day the line is uncosted (null), not costed in the wrong currency', async () => {
      const created = await order('USD', '2011-01-10');
      expect(await costs(created.body.id)).toEqual([null, null]);
    });

    it('a product costed in EUR: cost × rate(EUR) ÷ rate(USD) in a USD order, × rate(EUR) in a CNY one', async () => {
      await t.http.put(`${url}/EUR/2019-01-01`).set(as('finance')).send({ rate: '7.7' }).expect(200);
      const patched = await t.http.get(`/api/v1/products/${product.id}`).set(as('finance')).expect(200);
      await t.http.patch(`/api/v1/products/${product.id}`).set(as('finance')).set('If-Match', `W/"${patched.body.version}"`).send({ costPrice: '10000.00', costCurrency: 'EUR' }).expect(200);
      expect(await costs((await order('USD', '2019-06-20')).body.id)).toEqual([(Math.round((10000 * 7.7 / 6.8765) * 100) / 100).toFixed(2), null]);
      expect(await costs((await order('CNY', '2019-06-20')).body.id)).toEqual(['77000.00', null]);
    });
  });

  describe('customer metrics in the base currency', () => {
    it('a USD order counts at its day\'s rate; one without a rate still counts as a purchase, with no revenue', async () => {
      const [{ id: accountId }] = await t.sql<{ id: string }>(`select id from accounts where name = '宁波东港重型设备租赁'`);
      const body = (orderDate: string) => ({ accountId, currency: 'USD', orderDate, taxRate: '0', lines: [{ description: 'spare parts', quantity: '1', listPrice: '1000.00' }] });
      await t.http.put(`${url}/USD/2018-03-01`).set(as('finance')).send({ rate: '6.5' }).expect(200);
      await t.http.post('/api/v1/orders').set(as('director')).send(body('2018-03-15')).expect(201);
      await t.http.post('/api/v1/orders').set(as('director')).send(body('2010-05-15')).expect(201);
      const asOf = new Date().toISOString().slice(0, 10);
      await t.app.get(MetricsRecompute).run(asOf, new Date(), { mode: 'full' });
      const [cny] = await t.sql<{ revenue: string; orders: number }>(
        `select coalesce(sum(subtotal), 0)::numeric(18, 2)::text as revenue, count(*)::int as orders from orders where account_id = $1 and currency = 'CNY' and status <> 'cancelled' and order_date <= $2`,
        [accountId, asOf],
      );
      const [metrics] = await t.sql<{ revenue: string; orders: number; first: string }>(
        `select revenue::text, orders, to_char(first_purchase_on, 'YYYY-MM-DD') as first from customer_metrics where account_id = $1`, [accountId]);
      // 1,000 USD × 6.5 = 6,500 CNY; the 2010 order has no rate: a purchase (count, first day) without revenue.
      expect(metrics).toEqual({ revenue: (Number(cny.revenue) + 6500).toFixed(2), orders: cny.orders + 2, first: '2010-05-15' });
    });

    it('a rate write marks the accounts with orders in that currency from that day on for the next incremental run', async () => {
      const [{ id: accountId }] = await t.sql<{ id: string }>(`select id from accounts where name = '宁波东港重型设备租赁'`);
      await t.sql(`delete from exchange_rate_changes`);
      await t.http.put(`${url}/USD/2010-01-01`).set(as('finance')).send({ rate: '6.8' }).expect(200);
      const dataSource = t.app.get(DataSource);
      const consume = (commit: boolean) => dataSource.transaction(async (manager) => {
        await manager.query(`create temporary table metric_dirty (account_id uuid primary key) on commit drop`);
        const count = await addRateChangedAccounts((sql, params) => manager.query(sql, params));
        const rows: Array<{ account_id: string }> = await manager.query(`select account_id from metric_dirty`);
        if (!commit) throw new Error('rolled back');
        return { count, accounts: rows.map((r) => r.account_id).sort() };
      });
      // A run that fails leaves the changes for the next one.
      await expect(consume(false)).rejects.toThrow('rolled back');
      expect(await t.sql(`select 1 from exchange_rate_changes`)).toHaveLength(1);
      const added = await consume(true);
      const usdAccounts = (await t.sql<{ account_id: string }>(`select distinct account_id from orders where currency = 'USD' and order_date >= '2010-01-01'`)).map((r) => r.account_id).sort();
      expect(added).toEqual({ count: usdAccounts.length, accounts: usdAccounts });
      expect(added.accounts).toContain(accountId);
      expect(await t.sql(`select 1 from exchange_rate_changes`)).toHaveLength(0);
      // Nothing changed since: nothing to add.
      expect(await consume(true)).toEqual({ count: 0, accounts: [] });
    });
  });
  describe('orders without a rate (GET /exchange-rates/missing)', () => {
    type Missing = { baseCurrency: string; asOf: string; orders: number; currencies: Array<{ currency: string; orders: number; customers: number; firstOrderDay: string; lastOrderDay: string; firstRateFrom: string | null }> };
    const missing = async (user: string) => (await t.http.get(`${url}/missing`).set(as(user)).expect(200)).body as Missing;
    const jpy = async (user: string) => (await missing(user)).currencies.find((c) => c.currency === 'JPY');

    beforeAll(async () => {
      const account = async (user: string, name: string) => (await t.http.post('/api/v1/accounts').set(as(user)).send({ name }).expect(201)).body.id as string;
      const order = async (user: string, accountId: string, orderDate: string, extra: Record<string, unknown> = {}) =>
        (await t.http.post('/api/v1/orders').set(as(user)).send({ accountId, currency: 'JPY', orderDate, taxRate: '0', lines: [{ description: 'parts', quantity: '1', listPrice: '100000.00' }], ...extra }).expect(201)).body as { id: string; version: number };
      const own = await account('rep.e1', 'MISSING RATE E1');
      const other = await account('director', 'MISSING RATE HQ');
      await order('rep.e1', own, '2015-03-01');
      await order('rep.e1', own, '2016-07-01');
      await order('rep.e1', own, '2014-01-01', { restricted: true });
      await order('director', other, '2017-01-01');
      const cancelled = await order('rep.e1', own, '2013-01-01');
      await t.http.post(`/api/v1/orders/${cancelled.id}/status`).set(as('rep.e1')).set('If-Match', `W/"${cancelled.version}"`).send({ status: 'cancelled' }).expect(200);
      // Dated after today: no purchase of the metrics yet, so not counted either.
      await t.sql(`update orders set order_date = current_date + 30 where id = $1`, [(await order('director', other, '2017-02-01')).id]);
    });

    it('counts per currency only the orders the caller may read: a rep their team\'s (their own restricted one included), the general manager every unrestricted one', async () => {
      expect(await jpy('rep.e1')).toEqual({ currency: 'JPY', orders: 3, customers: 1, firstOrderDay: '2014-01-01', lastOrderDay: '2016-07-01', firstRateFrom: null });
      expect(await jpy('gm')).toEqual({ currency: 'JPY', orders: 3, customers: 2, firstOrderDay: '2015-03-01', lastOrderDay: '2017-01-01', firstRateFrom: null });
      const body = await missing('gm');
      expect(body).toMatchObject({ baseCurrency: 'CNY', asOf: new Date().toISOString().slice(0, 10) });
      expect(body.orders).toBe(body.currencies.reduce((sum, c) => sum + c.orders, 0));
      expect(body.currencies.map((c) => c.currency)).not.toContain('CNY');
      // The same orders as the metrics' own test of a rate (exchange_rate_on) finds none for: the general manager sees
      // every unrestricted live order.
      const [{ n }] = await t.sql<{ n: number }>(
        `select count(*)::int as n from orders where not restricted and status <> 'cancelled' and currency <> 'CNY' and order_date <= current_date
            and exchange_rate_on(currency, order_date) is null`);
      expect(body.orders).toBe(n);
    });

    it('needs no amount rights: the quality inspector (orders without prices) gets the counts; who may not read orders or rates gets 403', async () => {
      expect(await jpy('quality')).toEqual(await jpy('gm'));
      for (const user of ['partner', 'auditor', 'admin', 'marketing']) {
        const response = await t.http.get(`${url}/missing`).set(as(user));
        expect([user, response.status]).toEqual([user, 403]);
      }
    });

    it('a rate from a day covers the orders from that day on; the earlier ones stay counted, with the first rate given', async () => {
      await t.http.put(`${url}/JPY/2016-01-01`).set(as('finance')).send({ rate: '0.0475' }).expect(200);
      expect(await jpy('gm')).toEqual({ currency: 'JPY', orders: 1, customers: 1, firstOrderDay: '2015-03-01', lastOrderDay: '2015-03-01', firstRateFrom: '2016-01-01' });
      await t.http.put(`${url}/JPY/2014-01-01`).set(as('finance')).send({ rate: '0.05' }).expect(200);
      expect(await jpy('rep.e1')).toBeUndefined();
    });
  });
});
