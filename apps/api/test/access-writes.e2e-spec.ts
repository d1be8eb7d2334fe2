import { ACCOUNTS } from '../src/demo/demo-organisation';
import { createTestApp, TestApp } from './support/test-app';

/**
 * The write paths, table-driven: every demo user × every demo account and contact × update and delete. Each write
 * is sent with a stale If-Match, so nothing is ever written and the answer tells the engine's verdict apart:
 * 412 = allowed (only the version was wrong), 403 = visible but not allowed, 404 = not visible. The record's
 * `myAccess` (what the SPA shows) must say the same.
 *
 * Demo accounts (each with one contact of the same owner): E1a (rep.e1), E1b (rep.e1b, owner-only — the account
 * only, not its contact), E2 (rep.e2), N1 (rep.n1), SECRET (rep.e1, restricted), EAST (manager.east), PARTNER
 * (the distributor's user).
 */
const SHORT = ['E1a', 'E1b', 'E2', 'N1', 'SECRET', 'EAST', 'PARTNER'] as const;
type Short = (typeof SHORT)[number];
type Verdict = 'allowed' | 'forbidden' | 'invisible';
type Row = Partial<Record<Short, Verdict>>;

const READ_ONLY: Row = { E1a: 'forbidden', E1b: 'forbidden', E2: 'forbidden', N1: 'forbidden', EAST: 'forbidden', PARTNER: 'forbidden' };

/** Per user: the verdicts that are not "invisible". */
const ACCOUNT_UPDATE: Record<string, Row> = {
  'rep.e1': { E1a: 'allowed', E1b: 'forbidden', SECRET: 'allowed' },
  'rep.e1b': { E1a: 'allowed', E1b: 'allowed' },
  'rep.e2': { E2: 'allowed' },
  'rep.n1': { N1: 'allowed' },
  'manager.east': { E1a: 'allowed', E1b: 'forbidden', E2: 'allowed', EAST: 'allowed' },
  director: { E1a: 'allowed', E1b: 'forbidden', E2: 'allowed', N1: 'allowed', EAST: 'allowed', PARTNER: 'allowed' },
  gm: READ_ONLY,
  marketing: READ_ONLY,
  agent: READ_ONLY,
  quality: READ_ONLY,
  finance: READ_ONLY,
  partner: { PARTNER: 'allowed' },
  admin: {},
  auditor: {},
};

const ACCOUNT_DELETE: Record<string, Row> = {
  ...ACCOUNT_UPDATE,
  // Reps delete their own records only.
  'rep.e1b': { E1a: 'forbidden', E1b: 'allowed' },
  // Partners may not delete.
  partner: { PARTNER: 'forbidden' },
};

// The contacts are not owner-only, so E1b's contact follows the team and region rules.
const CONTACT_UPDATE: Record<string, Row> = {
  ...ACCOUNT_UPDATE,
  'rep.e1': { ...ACCOUNT_UPDATE['rep.e1'], E1b: 'allowed' },
  'manager.east': { ...ACCOUNT_UPDATE['manager.east'], E1b: 'allowed' },
  director: { ...ACCOUNT_UPDATE.director, E1b: 'allowed' },
};

const CONTACT_DELETE: Record<string, Row> = {
  ...ACCOUNT_DELETE,
  'manager.east': { ...ACCOUNT_DELETE['manager.east'], E1b: 'allowed' },
  director: { ...ACCOUNT_DELETE.director, E1b: 'allowed' },
};

const STATUS: Record<Verdict, number> = { allowed: 412, forbidden: 403, invisible: 404 };

describe.each([
  ['accounts', ACCOUNT_UPDATE, ACCOUNT_DELETE],
  ['contacts', CONTACT_UPDATE, CONTACT_DELETE],
] as const)('permission engine: writes to %s, every user × record', (collection, updates, deletes) => {
  let t: TestApp;
  const ids = {} as Record<Short, string>;
  let tokens: Record<string, string>;

  beforeAll(async () => {
    t = await createTestApp();
    const rows = await t.sql<{ id: string; name: string }>(
      collection === 'accounts' ? 'select id, name from accounts' : 'select c.id, a.name from contacts c join accounts a on a.id = c.account_id',
    );
    ACCOUNTS.forEach((account, index) => (ids[SHORT[index]] = rows.find((r) => r.name === account.name)!.id));
    ({ tokens } = await t.signInAll(Object.keys(updates)));
  });
  afterAll(() => t.close());

  it.each(Object.keys(updates))('%s: update and delete answer as the policy says, and myAccess agrees', async (user) => {
    const as = { Authorization: `Bearer ${tokens[user]}` };
    const before = await t.sql('select id, version from ' + collection + ' order by id');
    const got: Record<string, [number, number, unknown]> = {};
    const wanted: Record<string, [number, number, unknown]> = {};
    for (const short of SHORT) {
      const update = updates[user][short] ?? 'invisible';
      const remove = deletes[user][short] ?? 'invisible';
      const patched = await t.http.patch(`/api/v1/${collection}/${ids[short]}`).set(as).set('If-Match', 'W/"999"').send({ name: 'x' });
      const deleted = await t.http.delete(`/api/v1/${collection}/${ids[short]}`).set(as).set('If-Match', 'W/"999"');
      const read = await t.http.get(`/api/v1/${collection}/${ids[short]}`).set(as);
      const myAccess = read.status === 200 ? { update: read.body.myAccess.update, delete: read.body.myAccess.delete } : null;
      got[short] = [patched.status, deleted.status, myAccess];
      wanted[short] = [STATUS[update], STATUS[remove], update === 'invisible' ? null : { update: update === 'allowed', delete: remove === 'allowed' }];
    }
    expect(got).toEqual(wanted);
    // Nothing was written by any of it.
    expect(await t.sql('select id, version from ' + collection + ' order by id')).toEqual(before);
  });
});

/**
 * Field rules, table-driven: per demo user and object, what each business field looks like in a read (edit/read:
 * the stored value; masked: the mask; hidden: absent) and whether writing it is accepted by the field check (dry,
 * with a stale If-Match: 412 = would be written, 403 = refused).
 */
type Access = 'edit' | 'read' | 'masked' | 'hidden';
const EDIT_ALL = 'edit';
const READ_ALL = 'read';
const FIELDS = { accounts: ['name', 'kind', 'industry', 'region', 'phone', 'email'], contacts: ['name', 'title', 'phone', 'email'] } as const;
const SAMPLE: Record<string, string> = { name: '字段测试', kind: 'person', industry: 'mining', region: 'West', phone: '13900001111', email: 'field@test.example', title: 'Buyer' };

/** [user, a record they see, per-object field access (one value = every field)] */
const FIELD_TABLE: Array<[string, Short, Record<'accounts' | 'contacts', Access | Record<string, Access>>]> = [
  ['rep.e1', 'E1a', { accounts: EDIT_ALL, contacts: EDIT_ALL }],
  ['manager.east', 'E2', { accounts: EDIT_ALL, contacts: EDIT_ALL }],
  ['director', 'N1', { accounts: EDIT_ALL, contacts: EDIT_ALL }],
  ['partner', 'PARTNER', { accounts: EDIT_ALL, contacts: EDIT_ALL }],
  ['gm', 'E1a', { accounts: READ_ALL, contacts: READ_ALL }],
  ['agent', 'N1', { accounts: READ_ALL, contacts: READ_ALL }],
  ['finance', 'E2', { accounts: READ_ALL, contacts: READ_ALL }],
  ['marketing', 'N1', { accounts: { phone: 'masked' }, contacts: { phone: 'masked' } }],
  ['quality', 'E1a', { accounts: READ_ALL, contacts: { phone: 'hidden', email: 'hidden' } }],
];

describe('permission engine: field rules, every business field × user × object', () => {
  let t: TestApp;
  const ids = {} as Record<'accounts' | 'contacts', Record<Short, string>>;

  beforeAll(async () => {
    t = await createTestApp();
    for (const collection of ['accounts', 'contacts'] as const) {
      const rows = await t.sql<{ id: string; name: string }>(
        collection === 'accounts' ? 'select id, name from accounts' : 'select c.id, a.name from contacts c join accounts a on a.id = c.account_id',
      );
      ids[collection] = {} as Record<Short, string>;
      ACCOUNTS.forEach((account, index) => (ids[collection][SHORT[index]] = rows.find((r) => r.name === account.name)!.id));
    }
  });
  afterAll(() => t.close());

  it('lets an edit share make a read-only role an editor of that record, except the fields its rules protect', async () => {
    const login = await t.login('marketing@lianxi.test');
    const marketing = { Authorization: `Bearer ${login.accessToken}` };
    await t.sql(`insert into record_shares (id, object_type, record_id, user_id, access) values (gen_random_uuid(), 'account', $1, $2, 'edit')`, [ids.accounts.N1, login.userId]);
    const seen = await t.http.get(`/api/v1/accounts/${ids.accounts.N1}`).set(marketing).expect(200);
    // The phone stays masked for marketing, so it is not theirs to change either.
    expect(seen.body.myAccess).toEqual({ update: true, delete: false, reassign: false, share: true, editableFields: ['name', 'kind', 'industry', 'region', 'email', 'tier', 'parentAccountId', 'billingAddress', 'shippingAddress', 'website', 'taxNumber'] });
    const changed = await t.http.patch(`/api/v1/accounts/${ids.accounts.N1}`).set(marketing).set('If-Match', seen.headers.etag).send({ industry: 'quarrying' }).expect(200);
    const phone = await t.http.patch(`/api/v1/accounts/${ids.accounts.N1}`).set(marketing).set('If-Match', changed.headers.etag).send({ phone: '13600000000' });
    expect(phone.status).toBe(403);
    expect(phone.body.errors).toEqual([{ field: 'phone', message: 'you may not change this field' }]);
    // Elsewhere marketing is still read-only.
    const other = await t.http.get(`/api/v1/accounts/${ids.accounts.E2}`).set(marketing).expect(200);
    expect(other.body.myAccess).toMatchObject({ update: false, editableFields: [] });
    await t.sql(`delete from record_shares where record_id = $1 and user_id = $2`, [ids.accounts.N1, login.userId]);
  });

  it.each(FIELD_TABLE)('%s', async (user, short, accessByObject) => {
    const as = { Authorization: `Bearer ${(await t.login(`${user}@lianxi.test`)).accessToken}` };
    for (const collection of ['accounts', 'contacts'] as const) {
      const spec = accessByObject[collection];
      const accessOf = (field: string): Access => (typeof spec === 'string' ? spec : (spec[field] ?? READ_ALL));
      const id = ids[collection][short];
      const [stored] = await t.sql<Record<string, unknown>>(`select * from ${collection} where id = $1`, [id]);
      const read = await t.http.get(`/api/v1/${collection}/${id}`).set(as).expect(200);
      for (const field of FIELDS[collection]) {
        const access = accessOf(field);
        const value = stored[field];
        const shown = read.body[field];
        if (access === 'hidden') expect([collection, field, field in read.body]).toEqual([collection, field, false]);
        // Phones keep 3 + 4 digits around ****, emails the first letter and the domain around ***.
        else if (access === 'masked') expect([collection, field, shown]).toEqual([collection, field, expect.stringMatching(/\*{3}/)]);
        else expect([collection, field, shown]).toEqual([collection, field, value]);
        if (access === 'masked') expect(shown).not.toBe(value);
        const write = await t.http.patch(`/api/v1/${collection}/${id}`).set(as).set('If-Match', 'W/"999"').send({ [field]: SAMPLE[field] });
        expect([collection, field, write.status]).toEqual([collection, field, access === 'edit' ? 412 : 403]);
      }
    }
  });
});
