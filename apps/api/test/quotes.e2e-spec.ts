import { ACCOUNTS, DEMO_QUOTES } from '../src/demo/demo-organisation';
import { createTestApp, TestApp } from './support/test-app';

/**
 * Quotes under the permission engine, totals in exact decimal arithmetic, special-price approval routed by the rules,
 * the state machine, revisions and the PDF export.
 *
 * The first demo quote of each demo account (E1a … PARTNER, as in opportunities) is a draft carrying the account's
 * owner-only and restricted flags.
 */
const SHORT = ['E1a', 'E1b', 'E2', 'N1', 'SECRET', 'EAST', 'PARTNER'] as const;
type Short = (typeof SHORT)[number];
type Verdict = 'allowed' | 'forbidden' | 'invisible';
type Row = Partial<Record<Short, Verdict>>;

const READ_ONLY: Row = { E1a: 'forbidden', E1b: 'forbidden', E2: 'forbidden', N1: 'forbidden', EAST: 'forbidden', PARTNER: 'forbidden' };

/** Per user: the update verdicts that are not "invisible" (the default policy of migration 1764000000070). */
const UPDATE: Record<string, Row> = {
  'rep.e1': { E1a: 'allowed', E1b: 'forbidden', SECRET: 'allowed' },
  'rep.e1b': { E1a: 'allowed', E1b: 'allowed' },
  'rep.e2': { E2: 'allowed' },
  'rep.n1': { N1: 'allowed' },
  'manager.east': { E1a: 'allowed', E1b: 'forbidden', E2: 'allowed', EAST: 'allowed' },
  director: { E1a: 'allowed', E1b: 'forbidden', E2: 'allowed', N1: 'allowed', EAST: 'allowed', PARTNER: 'allowed' },
  gm: READ_ONLY,
  finance: READ_ONLY,
  // Reads quotes without any price.
  quality: READ_ONLY,
  marketing: {},
  agent: {},
  engineer: {},
  partner: { PARTNER: 'allowed' },
  admin: {},
  auditor: {},
};

const DELETE: Record<string, Row> = {
  ...UPDATE,
  'rep.e1b': { E1a: 'forbidden', E1b: 'allowed' },
  partner: { PARTNER: 'forbidden' },
};

const STATUS: Record<Verdict, number> = { allowed: 412, forbidden: 403, invisible: 404 };
const PRICE_FIELDS = ['subtotal', 'discountTotal', 'netTotal', 'taxTotal', 'grandTotal', 'maxDiscountPercent'];

describe('quotes', () => {
  let t: TestApp;
  const ids = {} as Record<Short, string>;
  const accountIds = {} as Record<Short, string>;
  let tokens: Record<string, string>;
  const as = (user: string) => ({ Authorization: `Bearer ${tokens[user]}` });
  let products: Array<{ id: string; code: string; price: string }>;
  let noPriceProduct: string;

  beforeAll(async () => {
    t = await createTestApp();
    const accounts = await t.sql<{ id: string; name: string }>('select id, name from accounts');
    const firsts = await t.sql<{ id: string; account_id: string }>('select distinct on (account_id) id, account_id from quotes order by account_id, number');
    ACCOUNTS.forEach((account, index) => {
      accountIds[SHORT[index]] = accounts.find((a) => a.name === account.name)!.id;
      ids[SHORT[index]] = firsts.find((q) => q.account_id === accountIds[SHORT[index]])!.id;
    });
    ({ tokens } = await t.signInAll(Object.keys(UPDATE)));
    products = await t.sql(
      `select p.id, p.code, e.list_price::text as price from products p join price_list_entries e on e.product_id = p.id join price_lists l on l.id = e.price_list_id
        where l.is_default and l.currency = 'CNY' and p.active and not exists (select 1 from price_list_tiers x where x.entry_id = e.id) order by p.code`,
    );
    // A service contract: not on the USD export list.
    noPriceProduct = (await t.sql<{ id: string }>(`select p.id from products p where p.active and not exists (select 1 from price_list_entries e join price_lists l on l.id = e.price_list_id where e.product_id = p.id and l.currency = 'USD') limit 1`))[0].id;
  });
  afterAll(() => t.close());

  const create = async (user: string, account: Short, lines: Array<Record<string, string>>, extra: Record<string, unknown> = {}) =>
    (await t.http.post('/api/v1/quotes').set(as(user)).send({ accountId: accountIds[account], lines, ...extra }).expect(201)).body;
  const line = (discountPercent: string, quantity = '1', index = 0) => ({ productId: products[index].id, quantity, discountPercent });
  const post = (user: string, id: string, action: string, body: object = {}) => t.http.post(`/api/v1/quotes/${id}/${action}`).set(as(user)).send(body);

  it('the demo data has 15 quotes, two of them awaiting approval', async () => {
    const [{ count }] = await t.sql<{ count: number }>('select count(*)::int as count from quotes');
    expect(count).toBe(DEMO_QUOTES.length);
    const pending = await t.sql<{ approval_role: string; max: string }>(`select approval_role, max_discount_percent::text as max from quotes where status = 'pending_approval' order by approval_role`);
    expect(pending).toEqual([{ approval_role: 'sales_director', max: '25.00' }, { approval_role: 'sales_manager', max: '15.00' }]);
    const inbox = await t.http.get('/api/v1/approvals').set(as('manager.east')).expect(200);
    expect(inbox.body.data.map((q: { maxDiscountPercent: string }) => q.maxDiscountPercent)).toEqual(['15.00']);
    const director = await t.http.get('/api/v1/approvals').set(as('director')).expect(200);
    expect(director.body.data.map((q: { maxDiscountPercent: string }) => q.maxDiscountPercent)).toEqual(['25.00']);
  });

  describe('permission table: every demo user × the first quote of each demo account', () => {
    it.each(Object.keys(UPDATE))('%s: list, get, update and delete answer as the policy says', async (user) => {
      const listed = new Set<string>();
      let cursor: string | null = null;
      do {
        const page: { body: { data: Array<{ id: string }>; nextCursor: string | null } } = await t.http.get(`/api/v1/quotes?limit=200${cursor ? `&cursor=${cursor}` : ''}`).set(as(user)).expect(200);
        for (const q of page.body.data) listed.add(q.id);
        cursor = page.body.nextCursor;
      } while (cursor);
      for (const short of SHORT) {
        const update = UPDATE[user][short] ?? 'invisible';
        const remove = DELETE[user][short] ?? 'invisible';
        expect([short, listed.has(ids[short])]).toEqual([short, update !== 'invisible']);
        const got = await t.http.get(`/api/v1/quotes/${ids[short]}`).set(as(user));
        expect([short, got.status]).toEqual([short, update === 'invisible' ? 404 : 200]);
        if (got.status === 200) {
          // The quality inspector sees which machines and how many, never a price.
          const priced = user !== 'quality';
          for (const field of PRICE_FIELDS) expect([short, field, field in got.body]).toEqual([short, field, priced]);
          expect(got.body.lines.length).toBeGreaterThan(0);
          expect([short, 'listPrice' in got.body.lines[0]]).toEqual([short, priced]);
        }
        // A stale If-Match: 412 when allowed (nothing written), else 403/404.
        const patched = await t.http.patch(`/api/v1/quotes/${ids[short]}`).set(as(user)).set('If-Match', 'W/"999"').send({ notes: 'x' });
        expect([short, 'update', patched.status]).toEqual([short, 'update', STATUS[update]]);
        const deleted = await t.http.delete(`/api/v1/quotes/${ids[short]}`).set(as(user)).set('If-Match', 'W/"999"');
        expect([short, 'delete', deleted.status]).toEqual([short, 'delete', STATUS[remove]]);
      }
    });

    it('sorts by grand total and status across pages; sorting by the total is 400 for who may not read prices', async () => {
      const all = async (user: string, sort: string) => {
        const rows: Array<{ id: string; grandTotal?: string; status: string }> = [];
        let cursor: string | null = null;
        do {
          const page: { body: { data: typeof rows; nextCursor: string | null } } = await t.http.get('/api/v1/quotes').query({ limit: 5, sort, ...(cursor ? { cursor } : {}) }).set(as(user)).expect(200);
          rows.push(...page.body.data);
          cursor = page.body.nextCursor;
        } while (cursor);
        return rows;
      };
      const byTotal = await all('director', 'grandTotal');
      const amounts = byTotal.map((q) => Number(q.grandTotal));
      expect(amounts.length).toBeGreaterThan(3);
      expect(new Set(byTotal.map((q) => q.id)).size).toBe(byTotal.length);
      expect(amounts).toEqual([...amounts].sort((a, b) => a - b));
      const byStatus = (await all('quality', 'status')).map((q) => q.status);
      expect(byStatus).toEqual([...byStatus].sort());
      const refused = await t.http.get('/api/v1/quotes').query({ sort: '-grandTotal' }).set(as('quality'));
      expect([refused.status, refused.body.errors]).toEqual([400, [{ field: 'sort', message: 'you may not sort by prices' }]]);
    });

    it('creating needs the create right and a visible account', async () => {
      await t.http.post('/api/v1/quotes').set(as('finance')).send({ accountId: accountIds.E1a }).expect(403);
      await t.http.post('/api/v1/quotes').set(as('quality')).send({ accountId: accountIds.E1a }).expect(403);
      const unseen = await t.http.post('/api/v1/quotes').set(as('rep.e2')).send({ accountId: accountIds.N1 }).expect(400);
      expect(unseen.body.errors[0].field).toBe('accountId');
      const partner = await create('partner', 'PARTNER', [line('0')]);
      expect(partner.partnerAccountId).toBeTruthy();
    });
  });

  describe('totals in exact decimal arithmetic', () => {
    it('3 × 1234567.89 at 15 % with 13 % tax', async () => {
      const quote = await create('rep.e1', 'E1a', [{ productId: products[0].id, quantity: '3', listPrice: '1234567.89', discountPercent: '15' }].map((l) => ({ ...l, listPrice: maxPrice(l.listPrice, products[0].price) })));
      // 1234567.89 is above every demo list price, so it stands as given.
      expect(quote.lines[0]).toMatchObject({ quantity: '3.000', listPrice: '1234567.89', discountPercent: '15.00', netPrice: '1049382.71', lineTotal: '3148148.13' });
      expect(quote).toMatchObject({ subtotal: '3703703.67', netTotal: '3148148.13', discountTotal: '555555.54', taxRate: '13.00', taxTotal: '409259.26', grandTotal: '3557407.39', maxDiscountPercent: '15.00', status: 'draft' });
    });

    it('cents add up exactly (0.10 + 0.20 = 0.30) and the tax rate is configurable', async () => {
      const quote = await create('rep.e1', 'E1a', [
        { productId: products[1].id, quantity: '0.5', listPrice: '2000000.10', discountPercent: '0' },
        { productId: products[1].id, quantity: '0.5', listPrice: '2000000.20', discountPercent: '0' },
      ], { taxRate: '6' });
      expect(quote.lines.map((l: { lineTotal: string }) => l.lineTotal)).toEqual(['1000000.05', '1000000.10']);
      expect(quote).toMatchObject({ subtotal: '2000000.15', netTotal: '2000000.15', taxRate: '6.00', taxTotal: '120000.01', grandTotal: '2120000.16' });
    });

    it('list prices come from the price list when not given', async () => {
      const quote = await create('rep.e1', 'E1a', [line('10', '2', 2)]);
      expect(quote.lines[0].listPrice).toBe(products[2].price);
      expect(quote.grandTotal).toMatch(/^\d+\.\d{2}$/);
    });
  });

  describe('400s name the field', () => {
    it.each([
      ['lines[2].discountPercent', [{ productId: 'P', quantity: '1' }, { productId: 'P', quantity: '1' }, { productId: 'P', quantity: '1', discountPercent: '1.234' }]],
      ['lines[1].quantity', [{ productId: 'P', quantity: '1' }, { productId: 'P', quantity: '-1' }]],
      ['lines[0].productId', [{ productId: 'not-a-uuid', quantity: '1' }]],
    ])('%s', async (field, lines) => {
      const body = { accountId: accountIds.E1a, lines: (lines as Array<Record<string, string>>).map((l) => (l.productId === 'P' ? { ...l, productId: products[0].id } : l)) };
      const response = await t.http.post('/api/v1/quotes').set(as('rep.e1')).send(body).expect(400);
      expect(response.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    });

    it('discounts above 100, zero quantities, unknown products and missing prices', async () => {
      const cases: Array<[string, Record<string, unknown>]> = [
        ['lines[1].discountPercent', { lines: [line('0'), line('100.01')] }],
        ['lines[0].quantity', { lines: [{ productId: products[0].id, quantity: '0.000' }] }],
        ['lines[0].productId', { lines: [{ productId: '00000000-0000-4000-8000-000000000000', quantity: '1' }] }],
        ['lines[0].listPrice', { currency: 'USD', lines: [{ productId: noPriceProduct, quantity: '1' }] }],
        ['lines[0].listPrice', { lines: [{ productId: products[0].id, quantity: '1', listPrice: '0.01' }] }],
        ['taxRate', { taxRate: '101' }],
      ];
      for (const [field, body] of cases) {
        const response = await t.http.post('/api/v1/quotes').set(as('rep.e1')).send({ accountId: accountIds.E1a, ...body });
        expect([field, response.status, response.body.errors?.[0]?.field]).toEqual([field, 400, field]);
      }
    });
  });

  describe('special-price approval', () => {
    it.each([
      ['10', 'approved', null],
      ['15', 'pending_approval', 'sales_manager'],
      ['25', 'pending_approval', 'sales_director'],
    ])('a %s %% discount → %s (%s)', async (discount, status, role) => {
      const quote = await create('rep.e1', 'E1a', [line('0', '1', 0), line(discount, '1', 1)]);
      const submitted = await post('rep.e1', quote.id, 'submit').set('If-Match', `W/"${quote.version}"`).expect(200);
      expect(submitted.body).toMatchObject({ status, approvalRole: role });
      const history = await t.http.get(`/api/v1/quotes/${quote.id}/approvals`).set(as('rep.e1')).expect(200);
      expect(history.body.map((h: { action: string }) => h.action)).toEqual([role ? 'submitted' : 'auto_approved']);
    });

    it('the manager of the region approves 15 %; nobody else may, the owner included', async () => {
      const quote = await create('rep.e1', 'E1a', [line('15')]);
      await post('rep.e1', quote.id, 'submit').expect(200);
      // The owner, a colleague, the director (the rules name a manager) and readers may not decide it; rep.e2 does not see it.
      for (const user of ['rep.e1', 'rep.e1b', 'director', 'gm', 'finance']) {
        const response = await post(user, quote.id, 'approve', { comment: 'ok' });
        expect([user, response.status]).toEqual([user, 403]);
      }
      await post('rep.e2', quote.id, 'approve').expect(404);
      const sendEarly = await post('rep.e1', quote.id, 'send').expect(409);
      expect(sendEarly.body.errors[0].field).toBe('status');
      const inbox = await t.http.get('/api/v1/approvals').set(as('manager.east')).expect(200);
      expect(inbox.body.data.map((q: { id: string }) => q.id)).toContain(quote.id);
      const seen = await t.http.get(`/api/v1/quotes/${quote.id}`).set(as('manager.east')).expect(200);
      expect(seen.body.mayDecide).toBe(true);
      const approved = await post('manager.east', quote.id, 'approve', { comment: '同意 Agreed' }).expect(200);
      expect(approved.body).toMatchObject({ status: 'approved', approvalRole: null });
      const history = await t.http.get(`/api/v1/quotes/${quote.id}/approvals`).set(as('rep.e1')).expect(200);
      expect(history.body).toMatchObject([
        { action: 'submitted', approverRole: 'sales_manager', maxDiscountPercent: '15.00' },
        { action: 'approved', approverRole: 'sales_manager', comment: '同意 Agreed', actorNameEn: 'Sun Jingli' },
      ]);
      const sent = await post('rep.e1', quote.id, 'send').expect(200);
      expect(sent.body.status).toBe('sent');
      const audit = await t.sql<{ action: string }>(`select action from audit_events where entity_id = $1 order by occurred_at`, [quote.id]);
      expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['quote.created', 'quote.submitted', 'quote.approved', 'quote.sent']));
    });

    it('25 % waits for the director, who may reject it with a comment; the manager may not decide it', async () => {
      const quote = await create('rep.e1', 'E1a', [line('25')]);
      await post('rep.e1', quote.id, 'submit').expect(200);
      await post('manager.east', quote.id, 'approve').expect(403);
      await post('director', quote.id, 'reject', {}).expect(400);
      const rejected = await post('director', quote.id, 'reject', { comment: '折扣过高' }).expect(200);
      expect(rejected.body.status).toBe('rejected');
      await post('director', quote.id, 'approve').expect(409);
    });

    it('the manager\'s own 15 % quote goes to the director; quotes of a region without a manager too', async () => {
      const own = await create('manager.east', 'EAST', [line('15')]);
      const mine = await post('manager.east', own.id, 'submit').expect(200);
      expect(mine.body.approvalRole).toBe('sales_director');
      await post('manager.east', own.id, 'approve').expect(403);
      const north = await create('rep.n1', 'N1', [line('15')]);
      expect((await post('rep.n1', north.id, 'submit').expect(200)).body.approvalRole).toBe('sales_director');
      await post('director', north.id, 'approve').expect(200);
    });

    it('changing the lines of an approved quote needs approval again', async () => {
      const quote = await create('rep.e1', 'E1a', [line('15')]);
      await post('rep.e1', quote.id, 'submit').expect(200);
      const approved = await post('manager.east', quote.id, 'approve').expect(200);
      const edited = await t.http.patch(`/api/v1/quotes/${quote.id}`).set(as('rep.e1')).set('If-Match', `W/"${approved.body.version}"`).send({ lines: [line('18')] }).expect(200);
      expect(edited.body).toMatchObject({ status: 'draft', maxDiscountPercent: '18.00' });
      await post('rep.e1', quote.id, 'send').expect(409);
      const resubmitted = await post('rep.e1', quote.id, 'submit').expect(200);
      expect(resubmitted.body.status).toBe('pending_approval');
      const history = await t.http.get(`/api/v1/quotes/${quote.id}/approvals`).set(as('rep.e1')).expect(200);
      expect(history.body.map((h: { action: string }) => h.action)).toEqual(['submitted', 'approved', 'reopened', 'submitted']);
      // The stale version the edit was based on is refused.
      const stale = await t.http.patch(`/api/v1/quotes/${quote.id}`).set(as('rep.e1')).set('If-Match', `W/"${approved.body.version}"`).send({ notes: 'late' }).expect(412);
      expect(stale.body.errors[0].field).toBe('If-Match');
      await t.http.patch(`/api/v1/quotes/${quote.id}`).set(as('rep.e1')).send({ notes: 'x' }).expect(428);
    });

    it('a sent quote is revised into a new draft revision; the old one is kept, superseded', async () => {
      const quote = await create('rep.e1', 'E1a', [line('5')]);
      await post('rep.e1', quote.id, 'submit').expect(200);
      await post('rep.e1', quote.id, 'send').expect(200);
      const locked = await t.http.patch(`/api/v1/quotes/${quote.id}`).set(as('rep.e1')).set('If-Match', 'W/"3"').send({ notes: 'x' }).expect(409);
      expect(locked.body.errors[0].field).toBe('status');
      const revised = await post('rep.e1', quote.id, 'revise').expect(201);
      expect(revised.body).toMatchObject({ number: quote.number, revision: 2, status: 'draft', grandTotal: quote.grandTotal });
      const old = await t.http.get(`/api/v1/quotes/${quote.id}`).set(as('rep.e1')).expect(200);
      expect(old.body.status).toBe('superseded');
      await post('rep.e1', quote.id, 'revise').expect(409);
    });

    it('only the sales director changes the rules; the new thresholds route new submissions', async () => {
      const rules = await t.http.get('/api/v1/approval-rules').set(as('rep.e1')).expect(200);
      expect(rules.body.rules).toEqual([
        { maxDiscountPercent: '10.00', approver: 'none' },
        { maxDiscountPercent: '20.00', approver: 'sales_manager' },
        { maxDiscountPercent: null, approver: 'sales_director' },
      ]);
      const etag = `W/"${rules.body.version}"`;
      expect(rules.headers.etag).toBe(etag);
      await t.http.get('/api/v1/approval-rules').set(as('quality')).expect(403);
      // The administrator holds no business right (R-SEC-6): neither reads nor changes the rules.
      await t.http.get('/api/v1/approval-rules').set(as('admin')).expect(403);
      const body = { rules: [{ maxDiscountPercent: '5', approver: 'none' }, { maxDiscountPercent: null, approver: 'sales_manager' }] };
      for (const user of ['rep.e1', 'manager.east', 'gm', 'finance', 'admin']) {
        await t.http.put('/api/v1/approval-rules').set(as(user)).set('If-Match', etag).send(body).expect(403);
      }
      const bad = await t.http.put('/api/v1/approval-rules').set(as('director')).set('If-Match', etag).send({ rules: [{ maxDiscountPercent: '20', approver: 'none' }, { maxDiscountPercent: '10', approver: 'sales_manager' }, { maxDiscountPercent: null, approver: 'sales_director' }] }).expect(400);
      expect(bad.body.errors[0].field).toBe('rules[1].maxDiscountPercent');
      const missing = await t.http.put('/api/v1/approval-rules').set(as('director')).send(body).expect(428);
      expect(missing.body.errors[0].field).toBe('If-Match');
      const written = await t.http.put('/api/v1/approval-rules').set(as('director')).set('If-Match', etag).send(body).expect(200);
      expect(written.body).toEqual({ rules: [{ maxDiscountPercent: '5.00', approver: 'none' }, { maxDiscountPercent: null, approver: 'sales_manager' }], version: rules.body.version + 1 });
      expect(written.headers.etag).toBe(`W/"${rules.body.version + 1}"`);
      try {
        // A second write based on the first read is stale: refused, nothing written.
        const stale = await t.http.put('/api/v1/approval-rules').set(as('director')).set('If-Match', etag).send({ rules: rules.body.rules }).expect(412);
        expect(stale.body.errors[0].field).toBe('If-Match');
        expect((await t.http.get('/api/v1/approval-rules').set(as('rep.e1')).expect(200)).body).toEqual(written.body);
        const [audit] = await t.sql<{ actor_id: string; changes: { rules: { old: unknown; new: unknown }; version: { old: number; new: number } } }>(
          `select actor_id, changes from audit_events where action = 'approval_rules.updated' order by occurred_at desc limit 1`,
        );
        const [director] = await t.sql<{ id: string }>(`select id from users where email = 'director@lianxi.test'`);
        expect(audit.actor_id).toBe(director.id);
        expect(audit.changes).toEqual({ rules: { old: rules.body.rules, new: written.body.rules }, version: { old: rules.body.version, new: rules.body.version + 1 } });
        const quote = await create('rep.e1', 'E1a', [line('8')]);
        expect((await post('rep.e1', quote.id, 'submit').expect(200)).body.approvalRole).toBe('sales_manager');
      } finally {
        await t.http.put('/api/v1/approval-rules').set(as('director')).set('If-Match', written.headers.etag).send({ rules: rules.body.rules }).expect(200);
      }
    });
  });

  it('a retried create with the same Idempotency-Key makes one quote', async () => {
    const key = `quote-${Date.now()}`;
    const body = { accountId: accountIds.E1a, lines: [line('3')] };
    const first = await t.http.post('/api/v1/quotes').set(as('rep.e1')).set('Idempotency-Key', key).send(body).expect(201);
    const again = await t.http.post('/api/v1/quotes').set(as('rep.e1')).set('Idempotency-Key', key).send(body).expect(201);
    expect(again.body.id).toBe(first.body.id);
    const [{ count }] = await t.sql<{ count: number }>('select count(*)::int as count from quotes where number = $1', [first.body.number]);
    expect(count).toBe(1);
  });

  describe('convert to order', () => {
    it('an approved quote becomes one order with its lines and totals, in one click; a retry answers the same order', async () => {
      const quote = await create('rep.e1', 'E1a', [line('5', '3', 0), line('0', '2', 1)]);
      const approved = await post('rep.e1', quote.id, 'submit').set('If-Match', `W/"${quote.version}"`).expect(200);
      expect(approved.body.status).toBe('approved');
      const convert = () => post('rep.e1', quote.id, 'convert').set('Idempotency-Key', `convert-${quote.id}`);
      const first = await convert().expect(201);
      const again = await convert().expect(201);
      expect(again.body.id).toBe(first.body.id);
      expect(first.body).toMatchObject({ quoteId: quote.id, accountId: accountIds.E1a, currency: 'CNY', status: 'ordered', subtotal: approved.body.netTotal, total: approved.body.grandTotal });
      expect(first.body.lines.map((l: { quantity: string; discountPercent: string }) => [l.quantity, l.discountPercent])).toEqual([['3.000', '5.00'], ['2.000', '0.00']]);
      expect(await t.sql('select count(*)::int as n from orders where quote_id = $1', [quote.id])).toEqual([{ n: 1 }]);
      // Without the key, a second conversion is refused: one order per quote.
      const twice = await post('rep.e1', quote.id, 'convert').expect(409);
      expect(twice.body.errors.map((e: { field: string }) => e.field)).toEqual(['quoteId']);
    });

    it('a quote that is not approved is 409 naming status, and writes nothing; an invisible one is 404', async () => {
      const draft = await create('rep.e1', 'E1a', [line('25')]);
      const before = await t.sql('select count(*)::int as n from orders');
      const refused = await post('rep.e1', draft.id, 'convert').expect(409);
      expect(refused.body.errors.map((e: { field: string }) => e.field)).toEqual(['status']);
      await post('rep.n1', draft.id, 'convert').expect(404);
      expect(await t.sql('select count(*)::int as n from orders')).toEqual(before);
    });
  });

  describe('PDF export', () => {
    const pdf = (user: string, id: string) =>
      t.http.get(`/api/v1/quotes/${id}/pdf`).set(as(user)).buffer(true).parse((response, callback) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => callback(null, Buffer.concat(chunks)));
      });

    it('is a PDF of the quote, through the permission engine', async () => {
      const response = await pdf('rep.e1', ids.E1a).expect(200);
      expect(response.headers['content-type']).toBe('application/pdf');
      const body = response.body as Buffer;
      expect(body.subarray(0, 5).toString()).toBe('%PDF-');
      expect(body.length).toBeGreaterThan(1000);
      const text = body.toString('latin1');
      const [{ number }] = await t.sql<{ number: string }>('select number from quotes where id = $1', [ids.E1a]);
      expect(text).toContain(number);
      expect(text).toContain('Quotation with prices');
      await pdf('rep.e2', ids.E1a).expect(404);
      const quality = await pdf('quality', ids.E1a).expect(200);
      expect((quality.body as Buffer).toString('latin1')).toContain('Quotation without prices');
    });
  });
});

/** The larger of two decimal strings (the test's list prices may not undercut the price list). */
function maxPrice(a: string, b: string): string {
  const cents = (v: string) => BigInt(v.replace('.', ''));
  return cents(a) >= cents(b) ? a : b;
}
