import { ACCOUNTS } from '../src/demo/demo-organisation';
import { createTestApp, TestApp } from './support/test-app';

/**
 * Sales reports and the commission basis (R-SAL-9) under the permission engine: each caller's sums are those of the
 * orders they may read (checked against independent SQL), refused for who may not read the amounts, exact in decimal,
 * bucketed by month, quarter and year, and the commission basis counting payments by the day they were received.
 */
const SHORT = ['E1a', 'E1b', 'E2', 'N1', 'SECRET', 'EAST', 'PARTNER'] as const;
type Short = (typeof SHORT)[number];
const USERS = ['rep.e1', 'manager.east', 'director', 'gm', 'finance', 'partner', 'quality', 'marketing', 'admin', 'agent'];

interface Row { key: string | null; label: string | null; labelEn: string | null; orderCount: number; quantity: string | null; bookedNet: string; bookedGross: string | null; paid: string | null; outstanding: string | null }
interface Commission { ownerId: string | null; name: string | null; paymentCount: number; commissionBasis: string; bookedOrderCount: number; bookedNet: string; bookedGross: string }

describe('sales reports', () => {
  let t: TestApp;
  const accountIds = {} as Record<Short, string>;
  let tokens: Record<string, string>;
  let userIds: Record<string, string>;
  const as = (user: string) => ({ Authorization: `Bearer ${tokens[user]}` });

  beforeAll(async () => {
    t = await createTestApp();
    const accounts = await t.sql<{ id: string; name: string }>('select id, name from accounts');
    ACCOUNTS.forEach((account, index) => {
      accountIds[SHORT[index]] = accounts.find((a) => a.name === account.name)!.id;
    });
    ({ tokens, userIds } = await t.signInAll(USERS));
  });
  afterAll(() => t.close());

  /** The same figures by independent SQL over the orders `where` selects (CNY, not cancelled). */
  const expected = async (where: string, params: unknown[]) => {
    const [row] = await t.sql<{ count: number; net: string; gross: string; paid: string }>(
      `select count(*)::int as count, coalesce(sum(o.subtotal), 0)::numeric(20, 2)::text as net, coalesce(sum(o.total), 0)::numeric(20, 2)::text as gross,
              coalesce(sum(o.paid_amount), 0)::numeric(20, 2)::text as paid
         from orders o where o.currency = 'CNY' and o.status <> 'cancelled' and (${where})`,
      params,
    );
    return row;
  };

  describe('permission table: the demo orders each caller may read', () => {
    // The demo data shares no order; were it to, these predicates would have to name the shares too.
    it('has no order shares to account for', async () => {
      expect(await t.sql(`select 1 from record_shares where object_type = 'order'`)).toEqual([]);
    });

    const SCOPE: Record<string, (id: string) => Promise<[string, unknown[]]>> = {
      'rep.e1': async (id) => ['o.team_id = (select team_id from users where id = $1) and (not o.restricted or o.owner_id = $1)', [id]],
      'manager.east': async (id) => [
        `o.team_id in (select t.id from teams t where t.path like (select m.path from teams m join users u on u.team_id = m.id where u.id = $1) || '%') and (not o.restricted or o.owner_id = $1)`,
        [id],
      ],
      director: async (id) => ['not o.restricted or o.owner_id = $1', [id]],
      gm: async (id) => ['not o.restricted or o.owner_id = $1', [id]],
      finance: async (id) => ['not o.restricted or o.owner_id = $1', [id]],
      partner: async (id) => ['o.partner_account_id = (select partner_account_id from users where id = $1) and (not o.restricted or o.owner_id = $1)', [id]],
    };

    it.each(Object.keys(SCOPE))('%s: totals are exactly those of the orders they may read', async (user) => {
      const [where, params] = await SCOPE[user](userIds[user]);
      const want = await expected(where, params);
      const response = await t.http.get('/api/v1/reports/sales?groupBy=team').set(as(user)).expect(200);
      const totals: Row = response.body.totals;
      expect({ count: totals.orderCount, net: totals.bookedNet, gross: totals.bookedGross, paid: totals.paid }).toEqual(want);
      expect(want.count).toBeGreaterThan(0);
      // The rows add up to the totals (in cents, as BigInt: never a float).
      const cents = (rows: Row[], field: 'bookedGross' | 'paid') => rows.reduce((sum, row) => sum + BigInt(row[field]!.replace('.', '')), 0n);
      expect(cents(response.body.rows, 'bookedGross')).toBe(BigInt(totals.bookedGross!.replace('.', '')));
      expect(cents(response.body.rows, 'paid')).toBe(BigInt(totals.paid!.replace('.', '')));
      expect(response.body.rows.reduce((sum: number, row: Row) => sum + row.orderCount, 0)).toBe(totals.orderCount);
    });

    it('a rep sees their team only, the manager their region, the director everything', async () => {
      const team = async (user: string) => (await t.http.get('/api/v1/reports/sales?groupBy=team').set(as(user)).expect(200)).body as { rows: Row[]; totals: Row };
      const [rep, manager, director] = [await team('rep.e1'), await team('manager.east'), await team('director')];
      const [e1] = await t.sql<{ team_id: string }>(`select team_id from users where email = 'rep.e1@lianxi.test'`);
      expect(rep.rows.map((r) => r.key)).toEqual([e1.team_id]);
      expect(rep.rows[0].labelEn).toBe('Group E1');
      expect(manager.rows.length).toBeGreaterThan(rep.rows.length);
      expect(manager.rows.map((r) => r.key)).toContain(e1.team_id);
      expect(director.totals.orderCount).toBeGreaterThan(manager.totals.orderCount);
      expect(manager.totals.orderCount).toBeGreaterThan(rep.totals.orderCount);
    });

    it('the partner sees only Distributor X\'s orders, in every grouping', async () => {
      const partnerOrders = await t.sql<{ owner_id: string }>(
        `select distinct owner_id::text from orders where partner_account_id = (select partner_account_id from users where email = 'partner@lianxi.test') and currency = 'CNY' and status <> 'cancelled'`,
      );
      const byOwner = await t.http.get('/api/v1/reports/sales?groupBy=owner').set(as('partner')).expect(200);
      expect(byOwner.body.rows.map((r: Row) => r.key).sort()).toEqual(partnerOrders.map((o) => o.owner_id).sort());
      const byRegion = await t.http.get('/api/v1/reports/sales?groupBy=region').set(as('partner')).expect(200);
      expect(byRegion.body.rows.every((r: Row) => r.key === 'North')).toBe(true);
      const commission = await t.http.get('/api/v1/reports/commission').set(as('partner')).expect(200);
      expect(commission.body.rows.map((r: Commission) => r.ownerId).sort()).toEqual(partnerOrders.map((o) => o.owner_id).sort());
    });

    it('the quality inspector (orders without prices) is refused naming the amounts; so are service staff', async () => {
      for (const user of ['quality', 'agent']) {
        const sales = await t.http.get('/api/v1/reports/sales?groupBy=period').set(as(user)).expect(403);
        expect(sales.headers['content-type']).toMatch(/application\/problem\+json/);
        expect(sales.body.errors.map((e: { field: string }) => e.field)).toEqual(['subtotal', 'total', 'paidAmount', 'outstandingAmount']);
        const byProduct = await t.http.get('/api/v1/reports/sales?groupBy=product').set(as(user)).expect(403);
        expect(byProduct.body.errors).toEqual([{ field: 'lines.lineTotal', message: 'you may not read this field' }]);
        const commission = await t.http.get('/api/v1/reports/commission').set(as(user)).expect(403);
        expect(commission.body.errors.map((e: { field: string }) => e.field)).toEqual(['subtotal', 'total']);
      }
    });

    it('the system administrator and marketing (no right on orders) are refused', async () => {
      for (const user of ['admin', 'marketing']) {
        for (const path of ['/api/v1/reports/sales', '/api/v1/reports/commission']) {
          const response = await t.http.get(path).set(as(user)).expect(403);
          expect(response.body.detail).toBe('You may not read orders');
        }
      }
    });
  });

  describe('exact sums, period buckets and the commission basis (EUR orders of 2031–2032, the director\'s)', () => {
    const orders: Record<string, { id: string; version: number; total: string }> = {};
    let productA: { id: string; code: string; nameEn: string };
    let productB: { id: string; code: string; nameEn: string };

    const create = async (name: string, orderDate: string, taxRate: string, lines: Array<Record<string, unknown>>) => {
      const response = await t.http.post('/api/v1/orders').set(as('director')).send({ accountId: accountIds.N1, currency: 'EUR', taxRate, orderDate, lines });
      if (response.status !== 201) throw new Error(`order ${name} → ${response.status} ${JSON.stringify(response.body)}`);
      orders[name] = response.body;
    };
    const pay = (name: string, amount: string, paidAt: string) =>
      t.http.post(`/api/v1/orders/${orders[name].id}/payments`).set(as('finance')).send({ amount, paidAt, method: 'bank_transfer' }).expect(201);

    beforeAll(async () => {
      const products = await t.sql<{ id: string; code: string; name_en: string }>('select id, code, name_en from products order by code limit 2');
      [productA, productB] = products.map((p) => ({ id: p.id, code: p.code, nameEn: p.name_en }));
      // Hand-computed: tax = round(subtotal × rate / 100, 2), total = subtotal + tax.
      await create('O1', '2031-01-31', '13', [{ productId: productA.id, description: 'A', quantity: '1', listPrice: '1234567.89' }]); // 1234567.89 + 160493.83 = 1395061.72
      await create('O2', '2031-02-01', '0', [{ description: 'cents', quantity: '3', listPrice: '0.10' }]); // 0.30
      await create('O3', '2031-03-31', '13', [{ productId: productB.id, description: 'B', quantity: '2', listPrice: '100.00', discountPercent: '15' }]); // 170.00 + 22.10 = 192.10
      await create('O4', '2031-04-01', '0', [{ description: 'cents', quantity: '1', listPrice: '0.20' }]); // 0.20
      await create('O5', '2031-12-31', '13', [{ productId: productA.id, description: 'A', quantity: '1', listPrice: '999.99' }]); // 999.99 + 130.00 = 1129.99
      await create('O6', '2032-01-01', '0', [{ productId: productA.id, description: 'A', quantity: '1', listPrice: '50.00' }]); // 50.00
      await create('O7', '2031-05-05', '0', [{ description: 'cancelled', quantity: '1', listPrice: '7777.77' }]);
      await t.http.post(`/api/v1/orders/${orders.O7.id}/status`).set(as('director')).set('If-Match', `W/"${orders.O7.version}"`).send({ status: 'cancelled' }).expect(200);
      expect(['O1', 'O2', 'O3', 'O4', 'O5', 'O6'].map((name) => orders[name].total)).toEqual(['1395061.72', '0.30', '192.10', '0.20', '1129.99', '50.00']);
      // O1 part paid inside 2031 and the rest in 2032; O3 paid in full in 2031; O5 paid a little before 2031 ends.
      await pay('O1', '1000000.00', '2031-02-15');
      await pay('O1', '95061.72', '2032-01-10');
      await pay('O3', '192.10', '2031-04-01');
      await pay('O5', '0.01', '2031-12-31');
    });

    const report = async (query: string, user = 'director') => (await t.http.get(`/api/v1/reports/sales?currency=EUR&${query}`).set(as(user)).expect(200)).body as { rows: Row[]; totals: Row; groupBy: string; period: string };
    const figures = (r: Row) => [r.key, r.orderCount, r.bookedNet, r.bookedGross, r.paid, r.outstanding];

    it('by month: each order in the month of its date, the cancelled one left out, paid to date whenever received', async () => {
      const months = await report('groupBy=period&period=month&from=2031-01-01&to=2031-12-31');
      expect(months.rows.map(figures)).toEqual([
        ['2031-01', 1, '1234567.89', '1395061.72', '1095061.72', '300000.00'],
        ['2031-02', 1, '0.30', '0.30', '0.00', '0.30'],
        ['2031-03', 1, '170.00', '192.10', '192.10', '0.00'],
        ['2031-04', 1, '0.20', '0.20', '0.00', '0.20'],
        ['2031-12', 1, '999.99', '1129.99', '0.01', '1129.98'],
      ]);
      expect(figures(months.totals)).toEqual([null, 5, '1235738.38', '1396384.31', '1095253.83', '301130.48']);
      // Independently, in SQL.
      const [sql] = await t.sql<{ gross: string; net: string }>(
        `select sum(total)::text as gross, sum(subtotal)::text as net from orders where currency = 'EUR' and status <> 'cancelled' and order_date between '2031-01-01' and '2031-12-31'`,
      );
      expect([months.totals.bookedNet, months.totals.bookedGross]).toEqual([sql.net, sql.gross]);
    });

    it('by quarter and by year: the boundaries fall between 31 March and 1 April, 31 December and 1 January', async () => {
      const quarters = await report('groupBy=period&period=quarter&from=2031-01-01&to=2032-12-31');
      expect(quarters.rows.map((r) => [r.key, r.orderCount, r.bookedGross])).toEqual([
        ['2031-Q1', 3, '1395254.12'],
        ['2031-Q2', 1, '0.20'],
        ['2031-Q4', 1, '1129.99'],
        ['2032-Q1', 1, '50.00'],
      ]);
      const years = await report('groupBy=period&period=year&from=2031-01-01&to=2032-12-31');
      expect(years.rows.map((r) => [r.key, r.orderCount, r.bookedGross])).toEqual([['2031', 5, '1396384.31'], ['2032', 1, '50.00']]);
      // The window itself is inclusive at both ends.
      const edges = await report('groupBy=period&period=year&from=2031-01-31&to=2031-03-31');
      expect(edges.totals.orderCount).toBe(3);
      const inside = await report('groupBy=period&from=2031-02-01&to=2031-03-30');
      expect(inside.rows.map((r) => r.key)).toEqual(['2031-02']);
    });

    it('by product: quantities and net line totals, lines without a product together, orders counted once in the totals', async () => {
      const products = await report('groupBy=product&from=2031-01-01&to=2031-12-31');
      expect(products.rows.map((r) => [r.key, r.labelEn, r.orderCount, r.quantity, r.bookedNet, r.bookedGross, r.paid])).toEqual([
        [productA.id, `${productA.code} ${productA.nameEn}`, 2, '2.000', '1235567.88', null, null],
        [productB.id, `${productB.code} ${productB.nameEn}`, 1, '2.000', '170.00', null, null],
        [null, null, 2, '4.000', '0.50', null, null],
      ]);
      expect([products.totals.orderCount, products.totals.quantity, products.totals.bookedNet]).toEqual([5, '8.000', '1235738.38']);
    });

    it('by owner and region: one row for the director, North', async () => {
      const owners = await report('groupBy=owner&from=2031-01-01&to=2032-12-31');
      expect(owners.rows.map((r) => [r.key, r.labelEn, r.orderCount, r.bookedGross])).toEqual([[userIds.director, 'Liu Zongjian', 6, '1396434.31']]);
      const regions = await report('groupBy=region&from=2031-01-01&to=2032-12-31');
      expect(regions.rows.map((r) => [r.key, r.orderCount])).toEqual([['North', 6]]);
    });

    it('counts nothing for callers who may not read these orders', async () => {
      const rep = await report('groupBy=owner&from=2031-01-01&to=2032-12-31', 'rep.e1');
      expect(rep.rows).toEqual([]);
      expect(figures(rep.totals)).toEqual([null, 0, '0.00', '0.00', '0.00', '0.00']);
      const partner = await t.http.get('/api/v1/reports/commission?currency=EUR&from=2031-01-01&to=2032-12-31').set(as('partner')).expect(200);
      expect(partner.body.rows).toEqual([]);
    });

    it('commission basis: the payments received in the window on the rep\'s orders, whenever booked', async () => {
      const basis = async (from: string, to: string, user = 'finance') => {
        const body = (await t.http.get(`/api/v1/reports/commission?currency=EUR&from=${from}&to=${to}`).set(as(user)).expect(200)).body as { rows: Commission[]; totals: Commission };
        return body.rows.map((r) => [r.ownerId, r.paymentCount, r.commissionBasis, r.bookedOrderCount, r.bookedNet, r.bookedGross]);
      };
      // 2031: 1000000.00 + 192.10 + 0.01 received; five orders booked (the cancelled one not).
      expect(await basis('2031-01-01', '2031-12-31')).toEqual([[userIds.director, 3, '1000192.11', 5, '1235738.38', '1396384.31']]);
      // 2032: the rest of O1, received for an order booked the year before; O6 booked, unpaid.
      expect(await basis('2032-01-01', '2032-12-31')).toEqual([[userIds.director, 1, '95061.72', 1, '50.00', '50.00']]);
      // Q1 2031: only the first part payment of O1 (O3 was paid on 1 April).
      expect(await basis('2031-01-01', '2031-03-31', 'director')).toEqual([[userIds.director, 1, '1000000.00', 3, '1234738.19', '1395254.12']]);
      // A window with payments but no bookings.
      expect(await basis('2032-01-02', '2032-01-31')).toEqual([[userIds.director, 1, '95061.72', 0, '0.00', '0.00']]);
      // Independently, in SQL.
      const [sql] = await t.sql<{ received: string }>(`select sum(p.amount)::text as received from payments p join orders o on o.id = p.order_id where o.currency = 'EUR' and p.paid_at between '2031-01-01' and '2031-12-31'`);
      expect(sql.received).toBe('1000192.11');
    });

    it('commission over the demo data: rows per owner, totals matching the rows', async () => {
      const response = await t.http.get('/api/v1/reports/commission').set(as('manager.east')).expect(200);
      const rows: Commission[] = response.body.rows;
      expect(rows.length).toBeGreaterThan(0);
      const cents = (field: 'commissionBasis' | 'bookedGross') => rows.reduce((sum, row) => sum + BigInt(row[field].replace('.', '')), 0n);
      expect(cents('commissionBasis')).toBe(BigInt(response.body.totals.commissionBasis.replace('.', '')));
      expect(cents('bookedGross')).toBe(BigInt(response.body.totals.bookedGross.replace('.', '')));
      const [sql] = await t.sql<{ received: string }>(
        `select coalesce(sum(p.amount), 0)::numeric(20, 2)::text as received from payments p join orders o on o.id = p.order_id
          where o.currency = 'CNY' and o.team_id in (select t.id from teams t where t.path like (select m.path from teams m where m.code = 'EAST') || '%')
            and (not o.restricted or o.owner_id = $1)`,
        [userIds['manager.east']],
      );
      expect(response.body.totals.commissionBasis).toBe(sql.received);
    });
  });

  describe('bad input: 400 problem+json naming the parameter', () => {
    it.each([
      ['groupBy=stage', 'groupBy'],
      ['period=week', 'period'],
      ['from=2031-13-01', 'from'],
      ['from=2031-02-30', 'from'],
      ['to=31.12.2031', 'to'],
      ['from=2031-02-01&to=2031-01-31', 'to'],
      ['currency=XYZ', 'currency'],
      ['currency=cny', 'currency'],
      ['limit=5', 'limit'],
    ])('sales %s', async (query, field) => {
      const response = await t.http.get(`/api/v1/reports/sales?${query}`).set(as('director')).expect(400);
      expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(response.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    });

    it.each([
      ['from=2031-02-01&to=2031-01-31', 'to'],
      ['currency=XYZ', 'currency'],
      ['groupBy=owner', 'groupBy'],
    ])('commission %s', async (query, field) => {
      const response = await t.http.get(`/api/v1/reports/commission?${query}`).set(as('finance')).expect(400);
      expect(response.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    });
  });
});
