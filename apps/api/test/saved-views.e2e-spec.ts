import { createTestApp, TestApp } from './support/test-app';

/**
 * Saved list views: personal (others' answer 404), definitions checked against the list they are for (400 naming
 * the part at fault), optimistic concurrency, Idempotency-Key on create; and a view applied after the caller lost
 * the right to read a field it filters on gets the list endpoint's own 400.
 */
describe('saved views', () => {
  let t: TestApp;
  let tokens: Record<string, string>;
  const as = (user: string) => ({ Authorization: `Bearer ${tokens[user]}` });
  const save = async (user: string, body: Record<string, unknown>) => t.http.post('/api/v1/saved-views').set(as(user)).send(body);

  beforeAll(async () => {
    t = await createTestApp();
    ({ tokens } = await t.signInAll(['rep.e1', 'rep.e2', 'manager.east']));
  });
  afterAll(() => t.close());

  it('creates, lists (own, by name), reads with an ETag, renames with If-Match, deletes', async () => {
    const created = await save('rep.e1', { objectType: 'account', name: '华东 A 级', definition: { filters: { region: '华东', tier: 'key' }, sort: '-name', columns: ['name', 'region', 'ownerId'] } });
    expect(created.status).toBe(201);
    expect(created.headers.etag).toBe('W/"1"');
    expect(created.body).toMatchObject({ objectType: 'account', name: '华东 A 级', version: 1, definition: { filters: { region: '华东', tier: 'key' }, sort: '-name', columns: ['name', 'region', 'ownerId'] } });
    await save('rep.e1', { objectType: 'account', name: 'Alpha', definition: {} }).then((r) => expect(r.status).toBe(201));
    await save('rep.e1', { objectType: 'lead', name: '新线索', definition: { filters: { status: 'new' } } }).then((r) => expect(r.status).toBe(201));
    await save('rep.e2', { objectType: 'account', name: 'E2 的视图', definition: {} }).then((r) => expect(r.status).toBe(201));

    const mine = await t.http.get('/api/v1/saved-views?objectType=account').set(as('rep.e1')).expect(200);
    expect(mine.body.data.map((v: { name: string }) => v.name)).toEqual(['Alpha', '华东 A 级']);
    expect((await t.http.get('/api/v1/saved-views').set(as('rep.e1')).expect(200)).body.data).toHaveLength(3);

    const id = created.body.id as string;
    await t.http.get(`/api/v1/saved-views/${id}`).set(as('rep.e1')).expect(200).expect('ETag', 'W/"1"');
    await t.http.patch(`/api/v1/saved-views/${id}`).set(as('rep.e1')).send({ name: '华东 A 级客户' }).expect(428);
    const renamed = await t.http.patch(`/api/v1/saved-views/${id}`).set(as('rep.e1')).set('If-Match', 'W/"1"').send({ name: '华东 A 级客户' }).expect(200);
    expect(renamed.body).toMatchObject({ name: '华东 A 级客户', version: 2, definition: { sort: '-name' } });
    const stale = await t.http.patch(`/api/v1/saved-views/${id}`).set(as('rep.e1')).set('If-Match', 'W/"1"').send({ definition: {} }).expect(412);
    expect(stale.body.code).toBe('precondition_failed');
    await t.http.delete(`/api/v1/saved-views/${id}`).set(as('rep.e1')).set('If-Match', 'W/"1"').expect(412);
    await t.http.delete(`/api/v1/saved-views/${id}`).set(as('rep.e1')).set('If-Match', 'W/"2"').expect(204);
    await t.http.get(`/api/v1/saved-views/${id}`).set(as('rep.e1')).expect(404);
  });

  it('another user\'s view does not exist for you: 404 to read, change or delete it, and it is not listed', async () => {
    const theirs = (await save('rep.e2', { objectType: 'opportunity', name: '私人视图', definition: { sort: 'name' } })).body;
    await t.http.get(`/api/v1/saved-views/${theirs.id}`).set(as('rep.e1')).expect(404);
    await t.http.get(`/api/v1/saved-views/${theirs.id}`).set(as('manager.east')).expect(404);
    await t.http.patch(`/api/v1/saved-views/${theirs.id}`).set(as('rep.e1')).set('If-Match', 'W/"1"').send({ name: '偷改' }).expect(404);
    await t.http.delete(`/api/v1/saved-views/${theirs.id}`).set(as('rep.e1')).expect(404);
    const listed = await t.http.get('/api/v1/saved-views?objectType=opportunity').set(as('rep.e1')).expect(200);
    expect(listed.body.data.map((v: { id: string }) => v.id)).not.toContain(theirs.id);
    expect((await t.sql<{ name: string }>('select name from saved_views where id = $1', [theirs.id]))[0].name).toBe('私人视图');
  });

  it.each([
    [{ objectType: 'invoice', name: 'x', definition: {} }, 'objectType'],
    [{ objectType: 'account', name: '', definition: {} }, 'name'],
    [{ objectType: 'account', name: 'x' }, 'definition'],
    [{ objectType: 'account', name: 'x', definition: { filters: { colour: 'red' } } }, 'definition.filters.colour'],
    [{ objectType: 'account', name: 'x', definition: { filters: { tier: 'platinum' } } }, 'definition.filters.tier'],
    [{ objectType: 'account', name: 'x', definition: { filters: { limit: '10' } } }, 'definition.filters.limit'],
    [{ objectType: 'account', name: 'x', definition: { filters: { ownerId: 'me' } } }, 'definition.filters.ownerId'],
    [{ objectType: 'account', name: 'x', definition: { filters: { region: 7 } } }, 'definition.filters.region'],
    [{ objectType: 'lead', name: 'x', definition: { filters: { region: '华东' } } }, 'definition.filters.region'],
    [{ objectType: 'account', name: 'x', definition: { sort: 'phone' } }, 'definition.sort'],
    [{ objectType: 'account', name: 'x', definition: { columns: ['name', 'salary'] } }, 'definition.columns[1]'],
    [{ objectType: 'account', name: 'x', definition: { columns: ['name', 'name'] } }, 'definition.columns[1]'],
    [{ objectType: 'account', name: 'x', definition: { columns: 'name' } }, 'definition.columns'],
  ])('400 problem+json naming the field: %j', async (body, field) => {
    const response = await save('rep.e1', body);
    expect(response.status).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.body.errors.map((e: { field: string }) => e.field)).toContain(field);
  });

  it('a name is unique per user and list (409 naming name); the same name on another list or for another user is fine', async () => {
    await save('rep.e1', { objectType: 'contact', name: '重复', definition: {} }).then((r) => expect(r.status).toBe(201));
    const twice = await save('rep.e1', { objectType: 'contact', name: '重复', definition: {} });
    expect(twice.status).toBe(409);
    expect(twice.body.errors[0].field).toBe('name');
    await save('rep.e1', { objectType: 'order', name: '重复', definition: {} }).then((r) => expect(r.status).toBe(201));
    await save('rep.e2', { objectType: 'contact', name: '重复', definition: {} }).then((r) => expect(r.status).toBe(201));
  });

  it('a retried create with the same Idempotency-Key makes one view', async () => {
    const send = () => t.http.post('/api/v1/saved-views').set(as('rep.e1')).set('Idempotency-Key', 'view-1').send({ objectType: 'quote', name: '草稿', definition: { filters: { status: 'draft' } } });
    const first = await send();
    const second = await send();
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.body.id).toBe(first.body.id);
    expect(await t.sql(`select id from saved_views where object_type = 'quote' and name = '草稿'`)).toHaveLength(1);
  });

  it('applying a view that filters on a field the caller may no longer read: the list answers 400 naming it', async () => {
    const view = (await save('rep.e1', { objectType: 'account', name: '按地区', definition: { filters: { region: '华东' } } })).body;
    await t.http.get('/api/v1/accounts').query(view.definition.filters).set(as('rep.e1')).expect(200);
    await t.sql(`insert into field_permissions (role_id, object_type, field, access) select id, 'account', 'region', 'hidden' from roles where key = 'sales_rep'`);
    await t.sql('update policy_state set version = version + 1 where id = 1');
    try {
      const refused = await t.http.get('/api/v1/accounts').query(view.definition.filters).set(as('rep.e1')).expect(400);
      expect(refused.body.errors.map((e: { field: string }) => e.field)).toContain('region');
      // The view itself stays (the rule may be lifted again); the caller can still read it and delete it.
      await t.http.get(`/api/v1/saved-views/${view.id}`).set(as('rep.e1')).expect(200);
    } finally {
      await t.sql(`delete from field_permissions where object_type = 'account' and field = 'region' and role_id = (select id from roles where key = 'sales_rep')`);
      await t.sql('update policy_state set version = version + 1 where id = 1');
    }
  });
});
