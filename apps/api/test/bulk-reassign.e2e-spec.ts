import { createTestApp, TestApp } from './support/test-app';

/**
 * Bulk reassignment of accounts and opportunities (R-SAL-8), the same contract as leads': at most 200 ids, all or
 * nothing in one transaction, each record through the engine (404 for one the caller cannot see, 403 without the
 * reassign right or for an owner outside their reach), one audit event per record that changed.
 */
const USERS = ['rep.e1', 'rep.e1b', 'rep.e2', 'rep.n1', 'manager.east', 'director', 'marketing'];

describe('bulk reassignment', () => {
  let t: TestApp;
  let tokens: Record<string, string>;
  let userIds: Record<string, string>;
  const as = (user: string) => ({ Authorization: `Bearer ${tokens[user]}` });
  let accountSeq = 0;
  const account = async (user: string) => (await t.http.post('/api/v1/accounts').set(as(user)).send({ name: `批量改派客户 ${user} ${++accountSeq}` }).expect(201)).body.id as string;
  const opportunity = async (user: string) => {
    const accountId = await account(user);
    return (await t.http.post('/api/v1/opportunities').set(as(user)).send({ accountId, name: `批量改派商机 ${++accountSeq}` }).expect(201)).body.id as string;
  };

  beforeAll(async () => {
    t = await createTestApp();
    ({ tokens, userIds } = await t.signInAll(USERS));
  });
  afterAll(() => t.close());

  describe.each([
    ['accounts', 'accounts', 'account', account],
    ['opportunities', 'opportunities', 'opportunity', opportunity],
  ] as const)('%s', (path, table, objectType, make) => {
    const owners = async (ids: string[]) => (await t.sql<{ id: string; owner_id: string }>(`select id, owner_id from ${table} where id = any($1) order by id`, [ids])).map((r) => r.owner_id);

    it('a manager reassigns within their subtree; the team follows; one audit event each; already-owned ones are not counted', async () => {
      const ids = [await make('rep.e1'), await make('rep.e1'), await make('rep.e2')];
      const response = await t.http.post(`/api/v1/${path}/reassign`).set(as('manager.east')).send({ ids: [...ids, ids[0]], ownerId: userIds['rep.e2'] }).expect(200);
      expect(response.body).toEqual({ reassigned: 2 });
      const [e2] = await t.sql<{ team_id: string }>(`select team_id from users where email = 'rep.e2@lianxi.test'`);
      const rows = await t.sql<{ owner_id: string; team_id: string }>(`select owner_id, team_id from ${table} where id = any($1)`, [ids]);
      for (const row of rows) expect(row).toEqual({ owner_id: userIds['rep.e2'], team_id: e2.team_id });
      expect(await t.sql(`select id from audit_events where action = $1 and entity_id = any($2)`, [`${objectType}.reassigned`, ids])).toHaveLength(2);
    });

    it('the director reassigns across regions', async () => {
      const ids = [await make('rep.e1'), await make('rep.n1')];
      await t.http.post(`/api/v1/${path}/reassign`).set(as('director')).send({ ids, ownerId: userIds['rep.e1b'] }).expect(200);
      expect(await owners(ids)).toEqual([userIds['rep.e1b'], userIds['rep.e1b']]);
    });

    it.each([
      // [caller, owners of the records, new owner, status, field named]
      ['rep.e1', ['rep.e1'], 'rep.e1b', 403, 'ownerId'], // a rep has no reassign right, not even over their own
      ['marketing', ['rep.e1'], 'rep.e2', 403, undefined], // reads every record, changes none
      ['manager.east', ['rep.e1'], 'rep.n1', 403, 'ownerId'], // owner outside the manager's subtree
      ['manager.east', ['rep.e1', 'rep.n1'], 'rep.e2', 404, undefined], // one record the manager cannot see
      ['rep.n1', ['rep.e1'], 'rep.n1', 404, undefined], // nothing of another region exists for a rep
    ])('%s moving records of %j to %s → %i, nothing changed', async (caller, recordOwners, newOwner, status, field) => {
      const ids: string[] = [];
      for (const owner of recordOwners) ids.push(await make(owner));
      const before = await owners(ids);
      const response = await t.http.post(`/api/v1/${path}/reassign`).set(as(caller)).send({ ids, ownerId: userIds[newOwner] }).expect(status);
      expect(response.headers['content-type']).toContain('application/problem+json');
      if (field) expect(response.body.errors.map((e: { field: string }) => e.field)).toContain(field);
      expect(await owners(ids)).toEqual(before);
      expect(await t.sql(`select id from audit_events where action = $1 and entity_id = any($2)`, [`${objectType}.reassigned`, ids])).toHaveLength(0);
    });

    it('400 naming the field for no ids, more than 200, a bad id or no owner', async () => {
      const cases: Array<[Record<string, unknown>, string]> = [
        [{ ids: [], ownerId: userIds['rep.e2'] }, 'ids'],
        [{ ids: Array.from({ length: 201 }, () => '01900000-0000-7000-8000-000000000000'), ownerId: userIds['rep.e2'] }, 'ids'],
        [{ ids: ['nope'], ownerId: userIds['rep.e2'] }, 'ids'],
        [{ ids: ['01900000-0000-7000-8000-000000000000'] }, 'ownerId'],
      ];
      for (const [body, field] of cases) {
        const response = await t.http.post(`/api/v1/${path}/reassign`).set(as('manager.east')).send(body).expect(400);
        expect(response.body.errors.map((e: { field: string }) => e.field)).toContain(field);
      }
    });
  });
});
