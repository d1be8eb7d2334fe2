import { USERS } from '../src/demo/demo-organisation';
import { createTestApp, TestApp } from './support/test-app';

/** The colleague directory: every signed-in user finds active staff by name; partner users only their own company. */
describe('directory of colleagues', () => {
  let t: TestApp;
  let tokens: Record<string, string>;
  const as = (who: string) => ({ Authorization: `Bearer ${tokens[who]}` });
  const emails = async (who: string, query: Record<string, string | number> = {}) =>
    (await t.http.get('/api/v1/directory/users').query({ limit: 200, ...query }).set(as(who)).expect(200)).body.data.map((u: { email: string }) => u.email);

  beforeAll(async () => {
    t = await createTestApp();
    ({ tokens } = await t.signInAll(['rep.e1', 'partner', 'admin']));
  });
  afterAll(() => t.close());

  it('lists every active user by name for staff, with only what a picker needs', async () => {
    expect((await emails('rep.e1')).sort()).toEqual(USERS.map((u) => u.email).sort());
    const [first] = (await t.http.get('/api/v1/directory/users').query({ q: 'rep.e2' }).set(as('rep.e1')).expect(200)).body.data;
    expect(Object.keys(first).sort()).toEqual(['active', 'email', 'id', 'name', 'nameEn', 'team']);
    expect(first.team).toMatchObject({ name: expect.any(String) });
  });

  it('finds by name or email, pages in name order, and leaves deactivated users out', async () => {
    expect(await emails('rep.e1', { q: 'Distributor' })).toEqual(['partner@lianxi.test']);
    expect(await emails('rep.e1', { q: '%' })).toEqual([]);
    const first = await t.http.get('/api/v1/directory/users').query({ limit: 5 }).set(as('rep.e1')).expect(200);
    const second = await t.http.get('/api/v1/directory/users').query({ limit: 5, cursor: first.body.nextCursor }).set(as('rep.e1')).expect(200);
    const names = [...first.body.data, ...second.body.data].map((u: { name: string }) => u.name);
    expect(names).toEqual([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    await t.sql(`update users set active = false where email = 'rep.n1@lianxi.test'`);
    expect(await emails('rep.e1')).not.toContain('rep.n1@lianxi.test');
    // By id (the owner of old records), a deactivated user still has a name.
    const [n1] = await t.sql<{ id: string }>(`select id from users where email = 'rep.n1@lianxi.test'`);
    const byId = await t.http.get('/api/v1/directory/users').query({ ids: n1.id }).set(as('rep.e1')).expect(200);
    expect(byId.body.data).toMatchObject([{ email: 'rep.n1@lianxi.test', active: false }]);
  });

  it('resolves exactly the given ids (names behind owner ids), within what the caller may see', async () => {
    const [e1, e2] = await t.sql<{ id: string }>(`select id from users where email in ('rep.e1@lianxi.test', 'rep.e2@lianxi.test') order by email`);
    expect((await emails('rep.e1', { ids: `${e1.id},${e2.id}` })).sort()).toEqual(['rep.e1@lianxi.test', 'rep.e2@lianxi.test']);
    expect(await emails('partner', { ids: `${e1.id},${e2.id}` })).toEqual([]);
    const bad = await t.http.get('/api/v1/directory/users').query({ ids: 'not-an-id' }).set(as('rep.e1'));
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe('ids');
  });

  it('shows partner users only the users of their own partner account', async () => {
    expect(await emails('partner')).toEqual(['partner@lianxi.test']);
    expect(await emails('partner', { q: 'rep' })).toEqual([]);
  });
});
