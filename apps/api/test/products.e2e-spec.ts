import { DEMO_CATALOGUE } from '../src/demo/demo-organisation';
import { PriceListService } from '../src/sales/price-lists/price-list.service';
import { createTestApp, TestApp } from './support/test-app';

/**
 * The product catalogue (categories, products) and price lists: CRUD, validation, concurrency, idempotency, the
 * default rights of every demo user (migration 1764000000030), and `effectivePrice` as quotes will use it.
 */
const USERS = ['gm', 'director', 'manager.east', 'rep.e1', 'marketing', 'agent', 'engineer', 'finance', 'quality', 'partner', 'admin', 'auditor'] as const;
type User = (typeof USERS)[number];

/** Per user: [reads products, changes products, sees costPrice, reads price lists, changes price lists]. */
const RIGHTS: Record<User, [boolean, boolean, boolean, boolean, boolean]> = {
  gm: [true, false, false, true, false],
  director: [true, true, true, true, true],
  'manager.east': [true, false, false, true, false],
  'rep.e1': [true, false, false, true, false],
  marketing: [true, false, false, true, false],
  agent: [true, false, false, true, false],
  engineer: [true, false, false, true, false],
  finance: [true, true, true, true, true],
  // No right on price lists and no cost price: the inspector sees no price at all.
  quality: [true, false, false, false, false],
  partner: [true, false, false, true, false],
  // No business rights (R-SEC-6).
  admin: [false, false, false, false, false],
  auditor: [false, false, false, false, false],
};

const ACTIVE = DEMO_CATALOGUE.filter((p) => p[7]).length;

describe('products and price lists', () => {
  let t: TestApp;
  let tokens: Record<User, string>;
  const as = (user: User) => ({ Authorization: `Bearer ${tokens[user]}` });
  const product = {} as Record<string, string>;
  const category = {} as Record<string, string>;
  const list = {} as Record<string, string>;

  beforeAll(async () => {
    t = await createTestApp();
    ({ tokens } = await t.signInAll(USERS));
    for (const row of await t.sql<{ id: string; code: string }>('select id, code from products')) product[row.code] = row.id;
    for (const row of await t.sql<{ id: string; name_en: string }>('select id, name_en from product_categories')) category[row.name_en] = row.id;
    for (const row of await t.sql<{ id: string; name: string }>('select id, name from price_lists')) list[row.name] = row.id;
  });
  afterAll(() => t.close());

  const allPages = async (user: User, url: string): Promise<Array<Record<string, unknown>>> => {
    const out: Array<Record<string, unknown>> = [];
    let cursor: string | null = null;
    do {
      const page: { body: { data: Array<Record<string, unknown>>; nextCursor: string | null } } = await t.http
        .get(`${url}${url.includes('?') ? '&' : '?'}limit=7${cursor ? `&cursor=${cursor}` : ''}`)
        .set(as(user))
        .expect(200);
      out.push(...page.body.data);
      cursor = page.body.nextCursor;
    } while (cursor);
    return out;
  };

  describe('permission table: every demo user', () => {
    it.each(USERS)('%s: reads, writes and sees prices as the policy says', async (user) => {
      const [readsProducts, changesProducts, seesCost, readsLists, changesLists] = RIGHTS[user];
      const before = await t.sql('select id, version from products union all select id, version from price_lists order by id');
      const got = {
        listProducts: (await t.http.get('/api/v1/products?limit=5').set(as(user))).status,
        getProduct: (await t.http.get(`/api/v1/products/${product.XE370}`).set(as(user))).status,
        categories: (await t.http.get('/api/v1/product-categories').set(as(user))).status,
        costPrice: 'costPrice' in ((await t.http.get(`/api/v1/products/${product.XE370}`).set(as(user))).body as object),
        // The cost's currency follows the cost price's field rules (migration 290).
        costCurrency: 'costCurrency' in ((await t.http.get(`/api/v1/products/${product.XE370}`).set(as(user))).body as object),
        // A stale If-Match: 412 means "allowed", 403 "not allowed", and nothing is written either way.
        updateProduct: (await t.http.patch(`/api/v1/products/${product.XE370}`).set(as(user)).set('If-Match', 'W/"999"').send({ name: 'x' })).status,
        createProduct: (await t.http.post('/api/v1/products').set(as(user)).send({ code: 'xe370', name: 'x', nameEn: 'x', categoryId: category.Excavators, unit: '台' })).status,
        listPriceLists: (await t.http.get('/api/v1/price-lists').set(as(user))).status,
        entries: (await t.http.get(`/api/v1/price-lists/${list['2026 国内标准价目表']}/entries`).set(as(user))).status,
        prices: (await t.http.get(`/api/v1/products/${product.XE370}/prices`).set(as(user))).status,
        effectivePrice: (await t.http.get(`/api/v1/products/${product.XE370}/effective-price?currency=CNY`).set(as(user))).status,
        updatePriceList: (await t.http.patch(`/api/v1/price-lists/${list['2026 国内标准价目表']}`).set(as(user)).set('If-Match', 'W/"999"').send({ name: 'x' })).status,
        putEntry: (await t.http.put(`/api/v1/price-lists/${list['2026 国内标准价目表']}/entries/${product.XE370}`).set(as(user)).set('If-Match', 'W/"999"').send({ listPrice: '1.00' })).status,
      };
      const read = readsProducts ? 200 : 403;
      const readList = readsLists ? 200 : 403;
      expect(got).toEqual({
        listProducts: read,
        getProduct: read,
        categories: read,
        costPrice: seesCost,
        costCurrency: seesCost,
        updateProduct: changesProducts ? 412 : 403,
        // A taken code: allowed callers get to the uniqueness check (409), others are refused before it.
        createProduct: changesProducts ? 409 : 403,
        listPriceLists: readList,
        entries: readList,
        prices: readList,
        effectivePrice: readList,
        updatePriceList: changesLists ? 412 : 403,
        putEntry: changesLists ? 412 : 403,
      });
      expect(await t.sql('select id, version from products union all select id, version from price_lists order by id')).toEqual(before);
    });

    it('the cost price is left out of lists too, and writing it without the right is 403 naming it', async () => {
      const page = await t.http.get('/api/v1/products?limit=200').set(as('rep.e1')).expect(200);
      expect(page.body.data.some((p: object) => 'costPrice' in p || 'costCurrency' in p)).toBe(false);
      const director = await t.http.get('/api/v1/products?limit=200').set(as('director')).expect(200);
      expect(director.body.data.every((p: { costPrice: string }) => /^\d+\.\d{2}$/.test(p.costPrice))).toBe(true);
      const me = await t.http.get('/api/v1/me/permissions').set(as('manager.east')).expect(200);
      const productRights = me.body.objects.find((o: { objectType: string }) => o.objectType === 'product');
      expect(productRights.fields.costPrice).toBe('hidden');
      expect(productRights.fields.costCurrency).toBe('hidden');
      // A role given the update right keeps its hidden rule on the cost price: 403 naming it, nothing written.
      await t.sql(`insert into object_permissions (role_id, object_type, action, level) select id, 'product', 'update', 'all' from roles where key = 'sales_manager'`);
      try {
        const read = await t.http.get(`/api/v1/products/${product.XE80D}`).set(as('manager.east')).expect(200);
        const refused = await t.http.patch(`/api/v1/products/${product.XE80D}`).set(as('manager.east')).set('If-Match', read.headers.etag).send({ unit: '套', costPrice: '1.00' }).expect(403);
        expect(refused.body.errors.map((e: { field: string }) => e.field)).toEqual(['costPrice']);
        const currencyRefused = await t.http.patch(`/api/v1/products/${product.XE80D}`).set(as('manager.east')).set('If-Match', read.headers.etag).send({ costCurrency: 'USD' }).expect(403);
        expect(currencyRefused.body.errors.map((e: { field: string }) => e.field)).toEqual(['costCurrency']);
        await t.http.patch(`/api/v1/products/${product.XE80D}`).set(as('manager.east')).set('If-Match', read.headers.etag).send({ unit: '套' }).expect(200);
        expect((await t.sql<{ cost_price: string }>('select cost_price from products where id = $1', [product.XE80D]))[0].cost_price).toBe('318000.00');
      } finally {
        await t.sql(`delete from object_permissions where object_type = 'product' and action = 'update' and role_id = (select id from roles where key = 'sales_manager')`);
      }
    });

    it('partners see active products only (an inactive one is 404), and the price list entries of active products only', async () => {
      const all = await allPages('partner', '/api/v1/products');
      expect(all).toHaveLength(ACTIVE);
      expect(all.every((p) => p.active === true)).toBe(true);
      await t.http.get(`/api/v1/products/${product['XE200-OLD']}`).set(as('partner')).expect(404);
      await t.http.get(`/api/v1/products/${product['XE200-OLD']}`).set(as('rep.e1')).expect(200);
      const entries = await allPages('partner', `/api/v1/price-lists/${list['2026 国内标准价目表']}/entries`);
      expect(entries).toHaveLength(ACTIVE);
      const staff = await allPages('rep.e1', `/api/v1/price-lists/${list['2026 国内标准价目表']}/entries`);
      expect(staff).toHaveLength(DEMO_CATALOGUE.length);
    });
  });

  describe('catalogue reads', () => {
    it('pages by code with a keyset cursor, each product once', async () => {
      const all = await allPages('rep.e1', '/api/v1/products');
      expect(all).toHaveLength(DEMO_CATALOGUE.length);
      const codes = all.map((p) => p.code as string);
      expect(codes).toEqual([...codes].sort());
      const byName = await allPages('rep.e1', '/api/v1/products?sort=-name');
      expect(new Set(byName.map((p) => p.id)).size).toBe(DEMO_CATALOGUE.length);
    });

    it('filters by a category with its subtree, by activity, and searches code and both names', async () => {
      const excavators = await allPages('rep.e1', `/api/v1/products?categoryId=${category.Excavators}`);
      expect(excavators.map((p) => p.code).sort()).toEqual(DEMO_CATALOGUE.filter((p) => p[1].startsWith('EXC')).map((p) => p[0]).sort());
      const mini = await allPages('rep.e1', `/api/v1/products?categoryId=${category['Mini excavators']}`);
      expect(mini).toHaveLength(3);
      expect(await allPages('rep.e1', '/api/v1/products?active=false')).toHaveLength(DEMO_CATALOGUE.length - ACTIVE);
      const search = await t.http.get(`/api/v1/products?q=${encodeURIComponent('滤芯')}`).set(as('rep.e1')).expect(200);
      expect(search.body.data.map((p: { code: string }) => p.code).sort()).toEqual(['ENG-FILTER-AIR', 'ENG-FILTER-FUEL', 'ENG-FILTER-OIL']);
      const en = await t.http.get('/api/v1/products?q=crawler%20crane').set(as('rep.e1')).expect(200);
      expect(en.body.data).toHaveLength(2);
      const code = await t.http.get('/api/v1/products?q=xe37').set(as('rep.e1')).expect(200);
      expect(code.body.data.map((p: { code: string }) => p.code)).toEqual(['XE370']);
      // A wildcard is taken literally.
      expect((await t.http.get('/api/v1/products?q=%25').set(as('rep.e1')).expect(200)).body.data).toHaveLength(0);
    });

    it('lists the category tree in tree order with depths', async () => {
      const tree = (await t.http.get('/api/v1/product-categories').set(as('rep.e1')).expect(200)).body as Array<{ id: string; parentId: string | null; depth: number; nameEn: string }>;
      expect(tree.filter((c) => c.depth === 0).map((c) => c.nameEn)).toEqual(['Excavators', 'Loaders', 'Cranes', 'Spare parts', 'Service contracts']);
      const seen = new Set<string>();
      for (const c of tree) {
        if (c.parentId) expect(seen.has(c.parentId)).toBe(true);
        seen.add(c.id);
      }
    });

    it('bad input is 400 naming the field', async () => {
      const cases: Array<[string, string]> = [
        ['/api/v1/products?sort=costPrice', 'sort'],
        ['/api/v1/products?categoryId=nope', 'categoryId'],
        ['/api/v1/products?active=maybe', 'active'],
        ['/api/v1/products?cursor=garbage', 'cursor'],
        ['/api/v1/products/not-a-uuid', 'id'],
        [`/api/v1/products/${product.XE370}/effective-price?currency=yuan`, 'currency'],
        [`/api/v1/products/${product.XE370}/effective-price?currency=CNY&quantity=0`, 'quantity'],
        [`/api/v1/products/${product.XE370}/effective-price?currency=CNY&date=2026-02-30`, 'date'],
      ];
      for (const [url, field] of cases) {
        const response = await t.http.get(url).set(as('rep.e1'));
        expect([url, response.status, response.body.errors?.map((e: { field: string }) => e.field)]).toEqual([url, 400, expect.arrayContaining([field])]);
      }
    });
  });

  describe('product writes', () => {
    const valid = () => ({ code: '  xe-test-01 ', name: '测试挖掘机', nameEn: 'Test excavator', categoryId: category['Medium excavators'], unit: '台', costPrice: '500000.5' });

    it('creates with a normalised code and money as a decimal string; audited', async () => {
      const created = await t.http.post('/api/v1/products').set(as('finance')).send(valid()).expect(201);
      expect(created.body).toMatchObject({ code: 'XE-TEST-01', active: true, costPrice: '500000.50', description: null, version: 1 });
      expect(created.headers.etag).toBe('W/"1"');
      const [audit] = await t.sql<{ changes: Record<string, { new: unknown }> }>(`select changes from audit_events where action = 'product.created' and entity_id = $1`, [created.body.id]);
      expect(audit.changes.code.new).toBe('XE-TEST-01');
      // The rep reads it without the cost price.
      const read = await t.http.get(`/api/v1/products/${created.body.id}`).set(as('rep.e1')).expect(200);
      expect(read.body).not.toHaveProperty('costPrice');
    });

    it('a taken code (after normalisation) is 409 naming code, on create and on update', async () => {
      const taken = await t.http.post('/api/v1/products').set(as('director')).send({ ...valid(), code: ' xe370 ' }).expect(409);
      expect(taken.body.errors.map((e: { field: string }) => e.field)).toEqual(['code']);
      const read = await t.http.get(`/api/v1/products/${product.ZL30}`).set(as('director')).expect(200);
      const renamed = await t.http.patch(`/api/v1/products/${product.ZL30}`).set(as('director')).set('If-Match', read.headers.etag).send({ code: 'zl50' }).expect(409);
      expect(renamed.body.errors.map((e: { field: string }) => e.field)).toEqual(['code']);
    });

    it.each([
      [{ code: '' }, 'code'],
      [{ code: 'ÄÖ' }, 'code'],
      [{ name: '' }, 'name'],
      [{ unit: 'x'.repeat(21) }, 'unit'],
      [{ costPrice: 1000 }, 'costPrice'],
      [{ costPrice: '-1.00' }, 'costPrice'],
      [{ costPrice: '1.234' }, 'costPrice'],
      [{ categoryId: '01890000-0000-7000-8000-000000000000' }, 'categoryId'],
      [{ extra: true }, 'extra'],
    ])('create with %j is 400 naming %s, and writes nothing', async (patch, field) => {
      const before = await t.sql('select count(*) from products');
      const response = await t.http.post('/api/v1/products').set(as('director')).send({ ...valid(), code: 'NEW-1', ...patch }).expect(400);
      expect(response.body.errors.map((e: { field: string }) => e.field)).toContain(field);
      expect(await t.sql('select count(*) from products')).toEqual(before);
    });

    it('update needs If-Match (428), refuses a stale one (412) and writes nothing; a fresh one works', async () => {
      const read = await t.http.get(`/api/v1/products/${product.XE215}`).set(as('director')).expect(200);
      await t.http.patch(`/api/v1/products/${product.XE215}`).set(as('director')).send({ unit: '辆' }).expect(428);
      const stale = await t.http.patch(`/api/v1/products/${product.XE215}`).set(as('director')).set('If-Match', `W/"${read.body.version + 1}"`).send({ unit: '辆' }).expect(412);
      expect(stale.body.code).toBe('precondition_failed');
      const updated = await t.http.patch(`/api/v1/products/${product.XE215}`).set(as('director')).set('If-Match', read.headers.etag).send({ unit: '辆', description: '说明', costPrice: null }).expect(200);
      expect(updated.body).toMatchObject({ unit: '辆', description: '说明', costPrice: null, version: read.body.version + 1 });
      await t.http.patch(`/api/v1/products/${product.XE215}`).set(as('director')).set('If-Match', read.headers.etag).send({ unit: '台' }).expect(412);
    });

    it('a POST retried with the same Idempotency-Key creates one product', async () => {
      const send = () => t.http.post('/api/v1/products').set(as('director')).set('Idempotency-Key', 'product-1').send({ ...valid(), code: 'IDEM-1' });
      const first = await send().expect(201);
      const retry = await send().expect(201);
      expect(retry.body).toEqual(first.body);
      expect(retry.headers['idempotent-replayed']).toBe('true');
      expect(await t.sql(`select id from products where code = 'IDEM-1'`)).toHaveLength(1);
    });

    it('categories: create below a parent, move with the subtree, never below itself', async () => {
      const parent = await t.http.post('/api/v1/product-categories').set(as('finance')).send({ name: '测试类', nameEn: 'Test class', parentId: category.Loaders }).expect(201);
      expect(parent.body).toMatchObject({ parentId: category.Loaders, depth: 1 });
      const child = await t.http.post('/api/v1/product-categories').set(as('finance')).send({ name: '测试子类', nameEn: 'Test child', parentId: parent.body.id }).expect(201);
      expect(child.body.depth).toBe(2);
      const below = await t.http.patch(`/api/v1/product-categories/${parent.body.id}`).set(as('finance')).set('If-Match', `W/"${parent.body.version}"`).send({ parentId: child.body.id }).expect(400);
      expect(below.body.errors.map((e: { field: string }) => e.field)).toEqual(['parentId']);
      const moved = await t.http.patch(`/api/v1/product-categories/${parent.body.id}`).set(as('finance')).set('If-Match', `W/"${parent.body.version}"`).send({ parentId: null }).expect(200);
      expect(moved.body).toMatchObject({ parentId: null, depth: 0 });
      const childNow = await t.http.get(`/api/v1/product-categories/${child.body.id}`).set(as('rep.e1')).expect(200);
      expect(childNow.body.depth).toBe(1);
      await t.http.post('/api/v1/product-categories').set(as('rep.e1')).send({ name: 'x', nameEn: 'x' }).expect(403);
    });
  });

  describe('price lists', () => {
    it('lists per currency with entry counts and money as decimal strings with tiers', async () => {
      const lists = (await t.http.get('/api/v1/price-lists').set(as('rep.e1')).expect(200)).body as Array<{ name: string; currency: string; isDefault: boolean; entryCount: number }>;
      expect(lists.map((l) => [l.currency, l.isDefault])).toEqual([['CNY', true], ['CNY', false], ['USD', true]]);
      const cny = (await t.http.get(`/api/v1/price-lists?currency=USD`).set(as('rep.e1')).expect(200)).body;
      expect(cny).toHaveLength(1);
      const prices = (await t.http.get(`/api/v1/products/${product['ENG-FILTER-OIL']}/prices`).set(as('rep.e1')).expect(200)).body;
      expect(prices[0]).toMatchObject({ currency: 'CNY', isDefault: true, listPrice: '168.00', tiers: [{ minQuantity: 20, price: '152.00' }, { minQuantity: 100, price: '138.00' }] });
    });

    it('creates a list, makes it the default of its currency (the old default stops being one), sets and removes entries', async () => {
      const created = await t.http.post('/api/v1/price-lists').set(as('finance')).send({ name: 'EUR 2026', currency: 'EUR', validFrom: '2026-01-01' }).expect(201);
      expect(created.body).toMatchObject({ isDefault: false, validTo: null, entryCount: 0 });
      const entry = await t.http.put(`/api/v1/price-lists/${created.body.id}/entries/${product.XE370}`).set(as('finance')).set('If-Match', `W/"${created.body.version}"`)
        .send({ listPrice: '180000', tiers: [{ minQuantity: 5, price: '170000.00' }] }).expect(200);
      expect(entry.body).toMatchObject({ productCode: 'XE370', listPrice: '180000.00', tiers: [{ minQuantity: 5, price: '170000.00' }] });
      await t.http.put(`/api/v1/price-lists/${created.body.id}/entries/${product.XE370}`).set(as('finance')).set('If-Match', `W/"${created.body.version}"`).send({ listPrice: '1.00' }).expect(412);
      const dup = await t.http.put(`/api/v1/price-lists/${created.body.id}/entries/${product.XE370}`).set(as('finance')).send({ listPrice: '1.00', tiers: [{ minQuantity: 5, price: '1.00' }, { minQuantity: 5, price: '2.00' }] }).expect(400);
      expect(dup.body.errors.map((e: { field: string }) => e.field)).toEqual(['tiers']);
      const number = await t.http.put(`/api/v1/price-lists/${created.body.id}/entries/${product.XE370}`).set(as('finance')).send({ listPrice: 1 }).expect(400);
      expect(number.body.errors.map((e: { field: string }) => e.field)).toContain('listPrice');
      const svc = t.app.get(PriceListService);
      expect(await svc.effectivePrice(product.XE370, 'EUR', 5, '2026-06-01')).toBeNull();
      const read = await t.http.get(`/api/v1/price-lists/${created.body.id}`).set(as('finance')).expect(200);
      const made = await t.http.patch(`/api/v1/price-lists/${created.body.id}`).set(as('finance')).set('If-Match', read.headers.etag).send({ isDefault: true }).expect(200);
      expect(made.body).toMatchObject({ isDefault: true, entryCount: 1 });
      expect(await svc.effectivePrice(product.XE370, 'EUR', 5, '2026-06-01')).toBe('170000.00');

      const cnyDefault = list['2026 国内标准价目表'];
      const cny = await t.http.get(`/api/v1/price-lists/${list['2025 国内价目表（已过期）']}`).set(as('director')).expect(200);
      await t.http.patch(`/api/v1/price-lists/${cny.body.id}`).set(as('director')).set('If-Match', cny.headers.etag).send({ validTo: '2024-12-31' }).expect(400);
      const swapped = await t.http.patch(`/api/v1/price-lists/${cny.body.id}`).set(as('director')).set('If-Match', cny.headers.etag).send({ isDefault: true }).expect(200);
      expect(swapped.body.isDefault).toBe(true);
      expect((await t.http.get(`/api/v1/price-lists/${cnyDefault}`).set(as('director')).expect(200)).body.isDefault).toBe(false);
      // Back, so the effective price cases below see the demo defaults.
      const again = await t.http.get(`/api/v1/price-lists/${cnyDefault}`).set(as('director')).expect(200);
      await t.http.patch(`/api/v1/price-lists/${cnyDefault}`).set(as('director')).set('If-Match', again.headers.etag).send({ isDefault: true }).expect(200);

      await t.http.delete(`/api/v1/price-lists/${created.body.id}/entries/${product.XE370}`).set(as('finance')).expect(204);
      await t.http.delete(`/api/v1/price-lists/${created.body.id}/entries/${product.XE370}`).set(as('finance')).expect(404);
      const bad = await t.http.post('/api/v1/price-lists').set(as('finance')).send({ name: 'x', currency: 'eur', validFrom: '2026-01-01' }).expect(400);
      expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(['currency']);
      const order = await t.http.post('/api/v1/price-lists').set(as('finance')).send({ name: 'x', currency: 'EUR', validFrom: '2026-01-02', validTo: '2026-01-01' }).expect(400);
      expect(order.body.errors.map((e: { field: string }) => e.field)).toEqual(['validTo']);
    });
  });

  describe('effectivePrice (what quotes will call)', () => {
    let svc: PriceListService;
    beforeAll(() => {
      svc = t.app.get(PriceListService);
    });

    it('uses the default list of the currency valid on the date, and the best tier the quantity reaches', async () => {
      expect(await svc.effectivePrice(product['ENG-FILTER-OIL'], 'CNY', 1, '2026-06-01')).toBe('168.00');
      expect(await svc.effectivePrice(product['ENG-FILTER-OIL'], 'CNY', 19, '2026-06-01')).toBe('168.00');
      expect(await svc.effectivePrice(product['ENG-FILTER-OIL'], 'CNY', 20, '2026-06-01')).toBe('152.00');
      expect(await svc.effectivePrice(product['ENG-FILTER-OIL'], 'CNY', 99, new Date('2026-06-01T10:00:00Z'))).toBe('152.00');
      expect(await svc.effectivePrice(product['ENG-FILTER-OIL'], 'CNY', '250', '2026-06-01')).toBe('138.00');
      expect(await svc.effectivePrice(product['ENG-FILTER-OIL'], 'USD', 100, '2026-06-01')).toBe('19.00');
      expect(await svc.effectivePrice(product['ZL50'], 'CNY', 1, '2026-06-01')).toBe('468000.50');
    });

    it('is null outside the default list\'s validity, without a list of the currency, without an entry, for an inactive product', async () => {
      // The 2025 list is valid in 2025 but is not the default.
      expect(await svc.effectivePrice(product.XE370, 'CNY', 1, '2025-06-01')).toBeNull();
      // The USD default ends with 2026.
      expect(await svc.effectivePrice(product.XE370, 'USD', 1, '2026-12-31')).toBe('194366.00');
      expect(await svc.effectivePrice(product.XE370, 'USD', 1, '2027-01-01')).toBeNull();
      expect(await svc.effectivePrice(product.XE370, 'JPY', 1, '2026-06-01')).toBeNull();
      // Service contracts are not on the export list.
      expect(await svc.effectivePrice(product['SVC-FULL-3Y'], 'USD', 1, '2026-06-01')).toBeNull();
      expect(await svc.effectivePrice(product['XE200-OLD'], 'CNY', 1, '2026-06-01')).toBeNull();
    });

    it('over HTTP: the price, its list, and null when there is none', async () => {
      const hit = await t.http.get(`/api/v1/products/${product['WEAR-BUCKET-TOOTH']}/effective-price?currency=CNY&quantity=100&date=2026-03-01`).set(as('partner')).expect(200);
      expect(hit.body).toEqual({ productId: product['WEAR-BUCKET-TOOTH'], currency: 'CNY', quantity: 100, date: '2026-03-01', price: '242.00', priceListId: list['2026 国内标准价目表'] });
      const none = await t.http.get(`/api/v1/products/${product['WEAR-BUCKET-TOOTH']}/effective-price?currency=JPY`).set(as('rep.e1')).expect(200);
      expect(none.body).toMatchObject({ price: null, priceListId: null, quantity: 1 });
    });
  });
});
