import { changedTables, fingerprint } from './contract/db-fingerprint';
import { createTestApp, type TestApp } from './support/test-app';

// The contract spec's "writes nothing" check (contract/db-fingerprint.ts) answers its last digest again while the
// database snapshot has not moved: it must still see every committed write, through the API or not.
describe("the contract spec's database fingerprint", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('sees a write through the API and one from another connection, and not a rolled-back one', async () => {
    const start = await fingerprint(t);
    expect(await fingerprint(t)).toEqual(start);
    const { accessToken } = await t.login('rep.e1@lianxi.test');
    const created = await t.http.post('/api/v1/accounts').set('Authorization', `Bearer ${accessToken}`).send({ name: '指纹测试客户' });
    expect(created.status).toBe(201);
    const afterApi = await fingerprint(t);
    expect(changedTables(start, afterApi).map((change) => change.split(':')[0])).toContain('accounts');

    await t.sql(`begin`);
    await t.sql(`update accounts set name = 'never' where id = $1`, [created.body.id]);
    await t.sql(`rollback`);
    expect(changedTables(afterApi, await fingerprint(t))).toEqual([]);

    await t.sql(`update accounts set website = 'https://example.com' where id = $1`, [created.body.id]);
    expect(changedTables(afterApi, await fingerprint(t)).map((change) => change.split(':')[0])).toEqual(['accounts']);
  });
});
