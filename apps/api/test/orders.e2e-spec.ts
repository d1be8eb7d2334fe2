import { DataSource } from 'typeorm';
import { ACCOUNTS } from '../src/demo/demo-organisation';
import type { Principal } from '../src/identity/auth/principal';
import { identityOf, PRINCIPAL_COLUMNS, PRINCIPAL_JOINS, type PrincipalRow } from '../src/identity/auth/principal-query';
import { OrderService } from '../src/sales/orders/order.service';
import { createTestApp, TestApp } from './support/test-app';

/**
 * Orders (R-SAL-6) under the permission engine: who sees and changes which order, the quality inspector without any
 * price, exact totals, the forward-only status chain, payments by finance, receivables aged by due date.
 *
 * Each demo account has three demo orders of its owner (restricted on the restricted account).
 */
const SHORT = ['E1a', 'E1b', 'E2', 'N1', 'SECRET', 'EAST', 'PARTNER'] as const;
type Short = (typeof SHORT)[number];
type Verdict = 'allowed' | 'forbidden' | 'invisible';
type Row = Partial<Record<Short, Verdict>>;

const READ_ONLY: Row = { E1a: 'forbidden', E1b: 'forbidden', E2: 'forbidden', N1: 'forbidden', EAST: 'forbidden', PARTNER: 'forbidden' };

/** Per user: the update verdicts that are not "invisible" (the default policy of migration 1764000000080). */
const UPDATE: Record<string, Row> = {
  'rep.e1': { E1a: 'allowed', E1b: 'allowed', SECRET: 'allowed' },
  'rep.e1b': { E1a: 'allowed', E1b: 'allowed' },
  'rep.e2': { E2: 'allowed' },
  'rep.n1': { N1: 'allowed' },
  'manager.east': { E1a: 'allowed', E1b: 'allowed', E2: 'allowed', EAST: 'allowed' },
  director: { E1a: 'allowed', E1b: 'allowed', E2: 'allowed', N1: 'allowed', EAST: 'allowed', PARTNER: 'allowed' },
  gm: READ_ONLY,
  finance: READ_ONLY,
  quality: READ_ONLY,
  agent: READ_ONLY,
  engineer: READ_ONLY,
  marketing: {},
  partner: { PARTNER: 'allowed' },
  admin: {},
  auditor: {},
};

/** Who reads payments, who records them. */
const PAYMENTS: Record<string, { read: boolean; record: boolean }> = {
  'rep.e1': { read: true, record: false },
  'manager.east': { read: true, record: false },
  director: { read: true, record: false },
  gm: { read: true, record: false },
  finance: { read: true, record: true },
  quality: { read: false, record: false },
  partner: { read: true, record: false },
};

const STATUS: Record<Verdict, number> = { allowed: 412, forbidden: 403, invisible: 404 };
const PRICE_FIELDS = ['taxRate', 'subtotal', 'taxAmount', 'total', 'paidAmount', 'outstandingAmount'];
const LINE_PRICE_FIELDS = ['listPrice', 'discountPercent', 'netPrice', 'lineTotal'];

describe('orders', () => {
  let t: TestApp;
  const ids = {} as Record<Short, string>;
  const accountIds = {} as Record<Short, string>;
  let tokens: Record<string, string>;
  const as = (user: string) => ({ Authorization: `Bearer ${tokens[user]}` });
  let productIds: string[];

  const createOrder = async (body: Record<string, unknown>, user = 'rep.e1') => {
    const response = await t.http.post('/api/v1/orders').set(as(user)).send({ accountId: accountIds.E1a, lines: [{ description: 'Test', quantity: '1', listPrice: '100.00' }], ...body });
    if (response.status !== 201) throw new Error(`create order → ${response.status} ${JSON.stringify(response.body)}`);
    return response.body as { id: string; version: number; total: string; status: string; number: string };
  };
  const pay = (id: string, amount: string, user = 'finance') => t.http.post(`/api/v1/orders/${id}/payments`).set(as(user)).send({ amount, paidAt: '2026-12-01', method: 'bank_transfer', reference: 'TEST' });

  beforeAll(async () => {
    t = await createTestApp();
    const accounts = await t.sql<{ id: string; name: string }>('select id, name from accounts');
    const firsts = await t.sql<{ id: string; account_id: string }>('select distinct on (account_id) id, account_id from orders order by account_id, number');
    ACCOUNTS.forEach((account, index) => {
      accountIds[SHORT[index]] = accounts.find((a) => a.name === account.name)!.id;
      ids[SHORT[index]] = firsts.find((o) => o.account_id === accountIds[SHORT[index]])!.id;
    });
    ({ tokens } = await t.signInAll(Object.keys(UPDATE)));
    productIds = (await t.sql<{ id: string }>('select id from products order by code limit 3')).map((p) => p.id);
  });
  afterAll(() => t.close());

  describe('demo data', () => {
    it('has orders in every status, payments, and open receivables in every ageing bucket', async () => {
      const statuses = await t.sql<{ status: string }>('select distinct status from orders order by status');
      expect(statuses.map((s) => s.status)).toEqual(['cancelled', 'confirmed', 'delivered', 'ordered', 'paid', 'partly_paid', 'shipped']);
      const response = await t.http.get('/api/v1/receivables').set(as('finance')).expect(200);
      const [cny] = response.body.totals;
      for (const bucket of ['current', 'days1To30', 'days31To60', 'days61To90', 'daysOver90']) expect(cny[bucket]).not.toBe('0.00');
    });
  });

  describe('permission table: every demo user × the first order of each demo account', () => {
    it.each(Object.keys(UPDATE))('%s: list, get and update answer as the policy says', async (user) => {
      const before = await t.sql('select id, version from orders order by id');
      const listed = new Set<string>();
      let cursor: string | null = null;
      do {
        const page: { body: { data: Array<{ id: string }>; nextCursor: string | null } } = await t.http.get(`/api/v1/orders?limit=5${cursor ? `&cursor=${cursor}` : ''}`).set(as(user)).expect(200);
        for (const o of page.body.data) listed.add(o.id);
        cursor = page.body.nextCursor;
      } while (cursor);
      const got: Record<string, unknown> = {};
      const wanted: Record<string, unknown> = {};
      for (const short of SHORT) {
        const update = UPDATE[user][short] ?? 'invisible';
        const patched = await t.http.patch(`/api/v1/orders/${ids[short]}`).set(as(user)).set('If-Match', 'W/"999"').send({ notes: 'x' });
        const read = await t.http.get(`/api/v1/orders/${ids[short]}`).set(as(user));
        got[short] = [listed.has(ids[short]), read.status, patched.status, read.status === 200 ? read.body.myAccess.update : null];
        wanted[short] = [update !== 'invisible', update === 'invisible' ? 404 : 200, STATUS[update], update === 'invisible' ? null : update === 'allowed'];
      }
      expect(got).toEqual(wanted);
      expect(await t.sql('select id, version from orders order by id')).toEqual(before);
    });

    it.each(Object.entries(PAYMENTS))('%s: payments read %p', async (user, may) => {
      const list = await t.http.get(`/api/v1/orders/${ids.PARTNER}/payments`).set(as(user));
      expect(list.status).toBe(may.read ? (user === 'rep.e1' || user === 'manager.east' ? 404 : 200) : 403);
      const order = await createOrder({ accountId: accountIds.E1a });
      const paid = await pay(order.id, '10.00', user);
      expect(paid.status).toBe(may.record ? 201 : 403);
    });

    it('the quality inspector reads every order and its lines without a single price or amount, and gets no receivables', async () => {
      const page = await t.http.get('/api/v1/orders?limit=200').set(as('quality')).expect(200);
      const [{ n }] = await t.sql<{ n: number }>('select count(*)::int as n from orders where not restricted');
      expect(page.body.data.length).toBe(n);
      for (const order of page.body.data) for (const field of PRICE_FIELDS) expect(order).not.toHaveProperty(field);
      const read = await t.http.get(`/api/v1/orders/${ids.N1}`).set(as('quality')).expect(200);
      expect(read.body).toMatchObject({ number: expect.stringMatching(/^SO-\d{4}-\d{6}$/), status: expect.any(String), currency: 'CNY' });
      for (const field of PRICE_FIELDS) expect(read.body).not.toHaveProperty(field);
      expect(read.body.lines.length).toBeGreaterThan(0);
      for (const line of read.body.lines) {
        expect(line).toMatchObject({ description: expect.any(String), quantity: expect.any(String) });
        for (const field of LINE_PRICE_FIELDS) expect(line).not.toHaveProperty(field);
      }
      // Nothing priced leaks by another path.
      expect(JSON.stringify(read.body)).not.toMatch(/\d+\.\d{2}"/);
      const receivables = await t.http.get('/api/v1/receivables').set(as('quality')).expect(403);
      expect(receivables.body.errors.map((e: { field: string }) => e.field)).toEqual(['total', 'paidAmount', 'outstandingAmount']);
      await t.http.get(`/api/v1/accounts/${accountIds.N1}/receivables`).set(as('quality')).expect(403);
      await t.http.get(`/api/v1/orders/${ids.N1}/payments`).set(as('quality')).expect(403);
      // The director sees the same order with its prices.
      const priced = await t.http.get(`/api/v1/orders/${ids.N1}`).set(as('director')).expect(200);
      for (const field of PRICE_FIELDS) expect(priced.body).toHaveProperty(field);
      for (const field of LINE_PRICE_FIELDS) expect(priced.body.lines[0]).toHaveProperty(field);
    });

    it('sorts by total, due date and status across keyset pages; sorting by total is 400 for who may not read it', async () => {
      const all = async (user: string, sort: string) => {
        const rows: Array<{ id: string; total?: string; dueDate: string; status: string }> = [];
        let cursor: string | null = null;
        do {
          const page: { body: { data: typeof rows; nextCursor: string | null } } = await t.http.get('/api/v1/orders').query({ limit: 7, sort, ...(cursor ? { cursor } : {}) }).set(as(user)).expect(200);
          rows.push(...page.body.data);
          cursor = page.body.nextCursor;
        } while (cursor);
        return rows;
      };
      const [{ n }] = await t.sql<{ n: number }>('select count(*)::int as n from orders');
      const byTotal = await all('director', '-total');
      expect(new Set(byTotal.map((o) => o.id)).size).toBe(byTotal.length);
      const amounts = byTotal.map((o) => Number(o.total));
      expect(amounts).toEqual([...amounts].sort((a, b) => b - a));
      expect(amounts.length).toBeGreaterThan(3);
      expect(byTotal.length).toBeLessThanOrEqual(n);
      // A total of more digits is larger, not sorted as text.
      expect(Math.max(...amounts)).toBe(amounts[0]);
      const ascending = (await all('director', 'total')).map((o) => Number(o.total));
      expect(ascending).toEqual([...ascending].sort((a, b) => a - b));
      const byDue = (await all('rep.e1', 'dueDate')).map((o) => o.dueDate);
      expect(byDue).toEqual([...byDue].sort());
      const byStatus = (await all('quality', '-status')).map((o) => o.status);
      expect(byStatus).toEqual([...byStatus].sort().reverse());
      for (const sort of ['total', '-total']) {
        const refused = await t.http.get('/api/v1/orders').query({ sort }).set(as('quality'));
        expect([refused.status, refused.body.errors]).toEqual([400, [{ field: 'sort', message: 'you may not sort by total' }]]);
      }
      const unknown = await t.http.get('/api/v1/orders').query({ sort: 'paidAmount' }).set(as('director'));
      expect([unknown.status, unknown.body.errors[0].field]).toEqual([400, 'sort']);
    });

    it('marketing and administrators get no order at all; partners only their partner account\'s', async () => {
      for (const user of ['marketing', 'admin', 'auditor']) {
        const page = await t.http.get('/api/v1/orders').set(as(user)).expect(200);
        expect(page.body.data).toEqual([]);
        await t.http.post('/api/v1/orders').set(as(user)).send({ accountId: accountIds.N1, lines: [{ description: 'x', quantity: '1', listPrice: '1' }] }).expect(user === 'marketing' ? 403 : 403);
      }
      const page = await t.http.get('/api/v1/orders?limit=200').set(as('partner')).expect(200);
      expect(new Set(page.body.data.map((o: { accountId: string }) => o.accountId))).toEqual(new Set([accountIds.PARTNER]));
    });
  });

  describe('create', () => {
    it('computes net prices, line totals, subtotal, tax and total exactly, as decimal strings', async () => {
      const created = await t.http
        .post('/api/v1/orders')
        .set(as('rep.e1'))
        .send({
          accountId: accountIds.E1a,
          taxRate: '13',
          lines: [
            { productId: productIds[0], description: '装载机', quantity: '2.5', listPrice: '468000.50', discountPercent: '15' },
            { description: '运费 Freight', quantity: '3', listPrice: '0.10' },
            { productId: productIds[1], description: '配件', quantity: '1', listPrice: '0.50', discountPercent: '0' },
          ],
        })
        .expect(201);
      expect(created.body.lines.map((l: Record<string, string>) => [l.quantity, l.listPrice, l.discountPercent, l.netPrice, l.lineTotal])).toEqual([
        ['2.500', '468000.50', '15.00', '397800.43', '994501.08'],
        ['3.000', '0.10', '0.00', '0.10', '0.30'],
        ['1.000', '0.50', '0.00', '0.50', '0.50'],
      ]);
      // 994501.88 × 13 % = 129285.2444 → 129285.24
      expect(created.body).toMatchObject({ subtotal: '994501.88', taxRate: '13.00', taxAmount: '129285.24', total: '1123787.12', paidAmount: '0.00', outstandingAmount: '1123787.12', status: 'ordered', currency: 'CNY', paymentTermsDays: 30 });
      expect(created.body.number).toMatch(/^SO-\d{4}-\d{6}$/);
      expect(created.headers.etag).toBe(`W/"${created.body.version}"`);
      const [{ due }] = await t.sql<{ due: string }>(`select (order_date + 30 = due_date)::text as due from orders where id = $1`, [created.body.id]);
      expect(due).toBe('true');
      // Each product line keeps the product's cost of the day (for profit analytics); a free-text line has none.
      const costs = await t.sql<{ unit_cost: string | null; cost_price: string | null }>(
        `select l.unit_cost::text, p.cost_price::text from order_lines l left join products p on p.id = l.product_id where l.order_id = $1 order by l.position`,
        [created.body.id],
      );
      expect(costs.map((c) => c.unit_cost)).toEqual([costs[0].cost_price, null, costs[2].cost_price]);
      expect(costs[0].cost_price).not.toBeNull();
    });

    it('400 naming the field, with the line index, and nothing written', async () => {
      const count = await t.sql('select count(*) from orders');
      const bad = await t.http
        .post('/api/v1/orders')
        .set(as('rep.e1'))
        .send({ accountId: accountIds.E1a, lines: [{ description: 'ok', quantity: '1', listPrice: '1' }, { description: 'bad', quantity: '-1', listPrice: '1.234' }] })
        .expect(400);
      expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['lines[1].listPrice', 'lines[1].quantity']);
      const zero = await t.http.post('/api/v1/orders').set(as('rep.e1')).send({ accountId: accountIds.E1a, lines: [{ description: 'ok', quantity: '0', listPrice: '1' }] }).expect(400);
      expect(zero.body.errors).toEqual([{ field: 'lines[0].quantity', message: 'must be greater than 0' }]);
      const product = await t.http.post('/api/v1/orders').set(as('rep.e1')).send({ accountId: accountIds.E1a, lines: [{ description: 'ok', quantity: '1', listPrice: '1' }, { productId: '01900000-0000-7000-8000-000000000000', description: 'x', quantity: '1', listPrice: '1' }] }).expect(400);
      expect(product.body.errors).toEqual([{ field: 'lines[1].productId', message: 'no such product' }]);
      const hidden = await t.http.post('/api/v1/orders').set(as('rep.n1')).send({ accountId: accountIds.E1a, lines: [{ description: 'ok', quantity: '1', listPrice: '1' }] }).expect(400);
      expect(hidden.body.errors).toEqual([{ field: 'accountId', message: 'no such account' }]);
      const empty = await t.http.post('/api/v1/orders').set(as('rep.e1')).send({ accountId: accountIds.E1a, lines: [] }).expect(400);
      expect(empty.body.errors.map((e: { field: string }) => e.field)).toEqual(['lines']);
      expect(await t.sql('select count(*) from orders')).toEqual(count);
    });

    it('a retried POST with the same Idempotency-Key makes one order', async () => {
      const send = () => t.http.post('/api/v1/orders').set(as('rep.e1')).set('Idempotency-Key', 'order-once-1').send({ accountId: accountIds.E1a, lines: [{ description: '幂等', quantity: '1', listPrice: '5' }] });
      const first = await send().expect(201);
      const second = await send().expect(201);
      expect(second.body.id).toBe(first.body.id);
      expect(await t.sql(`select count(*)::int as n from order_lines where description = '幂等'`)).toEqual([{ n: 1 }]);
    });

    it('createFromQuote runs inside the caller\'s transaction, through the engine, once per quote', async () => {
      const dataSource = t.app.get(DataSource);
      const orders = t.app.get(OrderService);
      const principalOf = async (email: string): Promise<Principal> => {
        const rows: PrincipalRow[] = await dataSource.query(`select ${PRINCIPAL_COLUMNS} from users u ${PRINCIPAL_JOINS} where u.email = $1`, [email]);
        return { ...identityOf(rows[0]), authMethod: 'none', sessionId: null, apiKeyId: null };
      };
      const rep = await principalOf('rep.e1@lianxi.test');
      const quoteId = '01900000-0000-7000-8000-0000000000aa';
      const input = { accountId: accountIds.E1a, quoteId, currency: 'CNY', taxRate: '13', lines: [{ productId: productIds[0], description: '报价行', quantity: '2', listPrice: '1000.00', discountPercent: '10' }] };
      // Rolled back with the caller's transaction: nothing stays.
      await expect(
        dataSource.transaction(async (manager) => {
          const order = await orders.createFromQuote(manager, rep, input);
          expect(order).toMatchObject({ quoteId, total: '2034.00', status: 'ordered' });
          throw new Error('quote step failed');
        }),
      ).rejects.toThrow('quote step failed');
      expect(await t.sql('select count(*)::int as n from orders where quote_id = $1', [quoteId])).toEqual([{ n: 0 }]);
      const order = await dataSource.transaction((manager) => orders.createFromQuote(manager, rep, input));
      expect(order.lines).toHaveLength(1);
      await expect(dataSource.transaction((manager) => orders.createFromQuote(manager, rep, input))).rejects.toMatchObject({ code: 'conflict' });
      // No create right, no order.
      await expect(dataSource.transaction(async (manager) => orders.createFromQuote(manager, await principalOf('finance@lianxi.test'), { ...input, quoteId: '01900000-0000-7000-8000-0000000000ab' }))).rejects.toMatchObject({ code: 'forbidden' });
    });
  });

  describe('status chain and payments', () => {
    it('payments make an order partly then fully paid; overpaying is refused naming amount; reps may not record', async () => {
      const order = await createOrder({ lines: [{ description: 'A', quantity: '1', listPrice: '1000.00' }], taxRate: '0' });
      await pay(order.id, '10.00', 'rep.e1').expect(403);
      await pay(order.id, '0', 'finance').expect(400);
      const first = await pay(order.id, '400.10').expect(201);
      expect(first.body).toMatchObject({ amount: '400.10', currency: 'CNY', method: 'bank_transfer', paidAt: '2026-12-01' });
      let read = await t.http.get(`/api/v1/orders/${order.id}`).set(as('rep.e1')).expect(200);
      expect(read.body).toMatchObject({ status: 'partly_paid', paidAmount: '400.10', outstandingAmount: '599.90' });
      const over = await pay(order.id, '599.91').expect(409);
      expect(over.body.errors).toEqual([{ field: 'amount', message: 'exceeds the outstanding 599.90' }]);
      await pay(order.id, '599.90').expect(201);
      read = await t.http.get(`/api/v1/orders/${order.id}`).set(as('rep.e1')).expect(200);
      expect(read.body).toMatchObject({ status: 'paid', paidAmount: '1000.00', outstandingAmount: '0.00' });
      const payments = await t.http.get(`/api/v1/orders/${order.id}/payments`).set(as('rep.e1')).expect(200);
      expect(payments.body.map((p: { amount: string }) => p.amount)).toEqual(['400.10', '599.90']);
      await pay(order.id, '0.01').expect(409);
    });

    it('moves forward one step at a time, each timestamped, by whom, and audited; skips and moves back are 409 naming status', async () => {
      const order = await createOrder({ lines: [{ description: 'B', quantity: '1', listPrice: '50.00' }], taxRate: '0' });
      const step = (status: string, version: number | null, user = 'rep.e1') => {
        const request = t.http.post(`/api/v1/orders/${order.id}/status`).set(as(user));
        return (version === null ? request : request.set('If-Match', `W/"${version}"`)).send({ status });
      };
      let current = (await t.http.get(`/api/v1/orders/${order.id}`).set(as('rep.e1'))).body;
      const early = await step('shipped', current.version).expect(409);
      expect(early.body.errors[0].field).toBe('status');
      await step('paid', current.version).expect(400);
      await pay(order.id, '50.00').expect(201);
      current = (await t.http.get(`/api/v1/orders/${order.id}`).set(as('rep.e1'))).body;
      await step('shipped', null).expect(428);
      await step('shipped', current.version - 1).expect(412);
      await step('shipped', current.version, 'finance').expect(403);
      const skip = await step('delivered', current.version).expect(409);
      expect(skip.body.errors).toEqual([{ field: 'status', message: expect.stringContaining('cannot go from paid to delivered') }]);
      let moved = await step('shipped', current.version).expect(200);
      expect(moved.headers.etag).toBe(`W/"${moved.body.version}"`);
      const back = await step('shipped', moved.body.version).expect(409);
      expect(back.body.errors[0].field).toBe('status');
      moved = await step('delivered', moved.body.version).expect(200);
      await step('cancelled', moved.body.version).expect(409);
      moved = await step('confirmed', moved.body.version).expect(200);
      expect(moved.body.status).toBe('confirmed');
      const history = await t.http.get(`/api/v1/orders/${order.id}/status-history`).set(as('quality')).expect(200);
      expect(history.body.map((h: { fromStatus: string | null; toStatus: string }) => [h.fromStatus, h.toStatus])).toEqual([
        [null, 'ordered'], ['ordered', 'paid'], ['paid', 'shipped'], ['shipped', 'delivered'], ['delivered', 'confirmed'],
      ]);
      const [repId, financeId] = (await t.sql<{ id: string }>(`select id from users where email in ('rep.e1@lianxi.test', 'finance@lianxi.test') order by email desc`)).map((u) => u.id);
      expect(history.body.map((h: { changedBy: string }) => h.changedBy)).toEqual([repId, financeId, repId, repId, repId]);
      for (const h of history.body) expect(new Date(h.changedAt).getTime()).toBeGreaterThan(Date.now() - 600_000);
      const audit = await t.sql<{ action: string; changes: Record<string, { new: unknown }> | null }>(`select action, changes from audit_events where entity_id = $1 order by occurred_at, id`, [order.id]);
      expect(audit.map((a) => a.changes?.status?.new).filter(Boolean)).toEqual(['ordered', 'paid', 'shipped', 'delivered', 'confirmed']);
    });

    it('an order without payments may be cancelled; a cancelled order takes no payment', async () => {
      const order = await createOrder({});
      const cancelled = await t.http.post(`/api/v1/orders/${order.id}/status`).set(as('rep.e1')).set('If-Match', `W/"${order.version}"`).send({ status: 'cancelled', note: '客户取消' }).expect(200);
      expect(cancelled.body).toMatchObject({ status: 'cancelled', outstandingAmount: '0.00' });
      const refused = await pay(order.id, '1.00').expect(409);
      expect(refused.body.errors[0].field).toBe('status');
      const paidOrder = await createOrder({});
      await pay(paidOrder.id, '1.00').expect(201);
      const current = (await t.http.get(`/api/v1/orders/${paidOrder.id}`).set(as('rep.e1'))).body;
      await t.http.post(`/api/v1/orders/${paidOrder.id}/status`).set(as('rep.e1')).set('If-Match', `W/"${current.version}"`).send({ status: 'cancelled' }).expect(409);
    });

    it('a stale PATCH is 412 and changes nothing', async () => {
      const order = await createOrder({});
      await t.http.patch(`/api/v1/orders/${order.id}`).set(as('rep.e1')).set('If-Match', `W/"${order.version + 1}"`).send({ notes: 'late' }).expect(412);
      const changed = await t.http.patch(`/api/v1/orders/${order.id}`).set(as('rep.e1')).set('If-Match', `W/"${order.version}"`).send({ notes: 'on time', paymentTermsDays: 60 }).expect(200);
      expect(changed.body).toMatchObject({ notes: 'on time', paymentTermsDays: 60 });
      const [{ ok }] = await t.sql<{ ok: boolean }>('select due_date = order_date + 60 as ok from orders where id = $1', [order.id]);
      expect(ok).toBe(true);
    });
  });

  describe('an account\'s payments (GET /accounts/{id}/payments)', () => {
    type PaymentRow = { id: string; orderId: string; orderNumber?: string; amount?: string; paidAt: string };
    /** Every page of the list, following nextCursor. */
    const allPayments = async (user: string, accountId: string, limit = 2): Promise<PaymentRow[]> => {
      const rows: PaymentRow[] = [];
      let cursor: string | null = null;
      do {
        const page: { body: { data: PaymentRow[]; nextCursor: string | null } } = await t.http
          .get(`/api/v1/accounts/${accountId}/payments?limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`)
          .set(as(user))
          .expect(200);
        rows.push(...page.body.data);
        cursor = page.body.nextCursor;
      } while (cursor);
      return rows;
    };

    /** Per user × account: the status, as the policy says (E1a: East group 1; PARTNER: Distributor X's customer). */
    const TABLE: Record<string, Partial<Record<Short, number>>> = {
      'rep.e1': { E1a: 200, E2: 404, N1: 404, PARTNER: 404 },
      'rep.e2': { E1a: 404, E2: 200 },
      'manager.east': { E1a: 200, E2: 200, N1: 404 },
      director: { E1a: 200, N1: 200, PARTNER: 200 },
      gm: { E1a: 200, N1: 200 },
      finance: { E1a: 200, N1: 200, PARTNER: 200 },
      partner: { PARTNER: 200, E1a: 404 },
      // No read right on payments: 403 before anything about the account is revealed, even one they see.
      quality: { E1a: 403, N1: 403 },
      agent: { E1a: 403 },
      engineer: { E1a: 403 },
      marketing: { E1a: 403 },
      admin: { E1a: 403 },
      auditor: { E1a: 403 },
    };

    it.each(Object.entries(TABLE))('%s: answers as the policy says', async (user, row) => {
      const got: Record<string, number> = {};
      for (const short of Object.keys(row)) got[short] = (await t.http.get(`/api/v1/accounts/${accountIds[short as Short]}/payments`).set(as(user))).status;
      expect(got).toEqual(row);
    });

    it('lists every payment of the visible orders, newest first, across pages, with the order number', async () => {
      const expected = await t.sql<{ id: string }>(
        'select p.id from payments p join orders o on o.id = p.order_id where o.account_id = $1 and not o.restricted order by p.paid_at desc, p.id desc',
        [accountIds.N1],
      );
      expect(expected.length).toBeGreaterThan(0);
      const listed = await allPayments('finance', accountIds.N1);
      expect(listed.map((p) => p.id)).toEqual(expected.map((p) => p.id));
      const numbers = new Map((await t.sql<{ id: string; number: string }>('select id, number from orders where account_id = $1', [accountIds.N1])).map((o) => [o.id, o.number]));
      for (const payment of listed) expect(payment).toMatchObject({ orderNumber: numbers.get(payment.orderId), amount: expect.stringMatching(/^\d+\.\d{2}$/) });
      await t.http.get(`/api/v1/accounts/${accountIds.N1}/payments?cursor=nonsense`).set(as('finance')).expect(400);
    });

    it('leaves out payments of orders the caller cannot see on an account they can', async () => {
      const order = await createOrder({ accountId: accountIds.E1a, lines: [{ description: 'Hidden later', quantity: '1', listPrice: '80.00' }], taxRate: '0' }, 'rep.e1b');
      const paid = await pay(order.id, '80.00').expect(201);
      expect((await allPayments('rep.e1', accountIds.E1a)).map((p) => p.id)).toContain(paid.body.id);
      // rep.e1b restricts the order: from now on only they see it, and with it its payment.
      const current = await t.http.get(`/api/v1/orders/${order.id}`).set(as('rep.e1b')).expect(200);
      await t.http.patch(`/api/v1/orders/${order.id}`).set(as('rep.e1b')).set('If-Match', `W/"${current.body.version}"`).send({ restricted: true }).expect(200);
      expect((await allPayments('rep.e1', accountIds.E1a)).map((p) => p.id)).not.toContain(paid.body.id);
      expect((await allPayments('director', accountIds.E1a)).map((p) => p.id)).not.toContain(paid.body.id);
      expect((await allPayments('rep.e1b', accountIds.E1a)).map((p) => p.id)).toContain(paid.body.id);
    });

    it('a partner sees the payments of its partner account\'s orders only', async () => {
      const listed = await allPayments('partner', accountIds.PARTNER, 50);
      const [{ n }] = await t.sql<{ n: number }>('select count(*)::int as n from payments p join orders o on o.id = p.order_id where o.account_id = $1 and not o.restricted', [accountIds.PARTNER]);
      expect(listed.length).toBe(n);
    });
  });

  describe('receivables', () => {
    it('ages open amounts by days past the due date into exact buckets, per currency, through the read scope', async () => {
      const account = await t.http.post('/api/v1/accounts').set(as('rep.e1')).send({ name: '账龄测试客户 Ageing test' }).expect(201);
      const asOf = '2027-06-30';
      // Due = order date + 10 days; days overdue on asOf → bucket.
      const cases: Array<[daysOverdue: number, listPrice: string, currency: string]> = [
        [-5, '1.01', 'CNY'], [0, '2.02', 'CNY'], [1, '4.04', 'CNY'], [30, '8.08', 'CNY'], [31, '16.16', 'CNY'], [60, '32.32', 'CNY'], [61, '64.64', 'CNY'], [90, '128.28', 'CNY'], [91, '256.56', 'CNY'], [400, '0.01', 'USD'],
      ];
      const day = (offset: number) => new Date(Date.UTC(2027, 5, 30) - offset * 86_400_000).toISOString().slice(0, 10);
      for (const [overdue, price, currency] of cases) {
        await createOrder({ accountId: account.body.id, currency, taxRate: '0', orderDate: day(overdue + 10), paymentTermsDays: 10, lines: [{ description: `D${overdue}`, quantity: '1', listPrice: price }] });
      }
      const half = await createOrder({ accountId: account.body.id, taxRate: '0', orderDate: day(45 + 10), paymentTermsDays: 10, lines: [{ description: 'half', quantity: '1', listPrice: '1000.00' }] });
      await pay(half.id, '999.99').expect(201);
      const settled = await createOrder({ accountId: account.body.id, taxRate: '0', orderDate: day(200), lines: [{ description: 'settled', quantity: '1', listPrice: '5.00' }] });
      await pay(settled.id, '5.00').expect(201);

      const mine = await t.http.get(`/api/v1/accounts/${account.body.id}/receivables?asOf=${asOf}`).set(as('finance')).expect(200);
      expect(mine.body.asOf).toBe(asOf);
      expect(mine.body.totals).toEqual([
        { currency: 'CNY', current: '3.03', days1To30: '12.12', days31To60: '48.49', days61To90: '192.92', daysOver90: '256.56', total: '513.12', overdue: '510.09', orderCount: 10 },
        { currency: 'USD', current: '0.00', days1To30: '0.00', days31To60: '0.00', days61To90: '0.00', daysOver90: '0.01', total: '0.01', overdue: '0.01', orderCount: 1 },
      ]);
      expect(mine.body.orders.map((o: { daysOverdue: number; bucket: string; outstandingAmount: string }) => [o.daysOverdue, o.bucket, o.outstandingAmount])).toEqual([
        [400, '90+', '0.01'], [91, '90+', '256.56'], [90, '61-90', '128.28'], [61, '61-90', '64.64'], [60, '31-60', '32.32'], [45, '31-60', '0.01'], [31, '31-60', '16.16'],
        [30, '1-30', '8.08'], [1, '1-30', '4.04'], [0, 'current', '2.02'], [-5, 'current', '1.01'],
      ]);
      // The overall view has the same account group; a rep of another team sees none of it.
      const all = await t.http.get(`/api/v1/receivables?asOf=${asOf}`).set(as('finance')).expect(200);
      expect(all.body.accounts.filter((a: { accountId: string }) => a.accountId === account.body.id).map((a: { currency: string; total: string; accountName: string }) => [a.currency, a.total, a.accountName])).toEqual([
        ['CNY', '513.12', '账龄测试客户 Ageing test'], ['USD', '0.01', '账龄测试客户 Ageing test'],
      ]);
      const other = await t.http.get(`/api/v1/receivables?asOf=${asOf}`).set(as('rep.n1')).expect(200);
      expect(other.body.accounts.some((a: { accountId: string }) => a.accountId === account.body.id)).toBe(false);
      await t.http.get(`/api/v1/accounts/${account.body.id}/receivables`).set(as('rep.n1')).expect(404);
    });
  });
});
