import { createTestApp, TestApp } from './support/test-app';

/** The explicit bad-input cases of the foundation issue; the OpenAPI contract test generalises them. */
describe('bad input gets a 4xx problem naming the field, never a 500, never a write', () => {
  let t: TestApp;
  let admin: string;
  const auth = () => ({ Authorization: `Bearer ${admin}` });
  const countUsers = async () => (await t.sql<{ n: number }>('select count(*)::int as n from users'))[0].n;

  beforeAll(async () => {
    t = await createTestApp();
    admin = (await t.login('admin@lianxi.test')).accessToken;
  });
  afterAll(() => t.close());

  function expectProblem(response: { status: number; headers: Record<string, string>; body: { errors?: Array<{ field: string }> } }, status: number, field?: string) {
    expect(response.status).toBe(status);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    if (field) expect(response.body.errors?.map((e) => e.field)).toContain(field);
  }

  const validUser = async () => ({
    email: 'valid@lianxi.test',
    name: '有效',
    nameEn: 'Valid',
    roles: ['sales_rep'],
    teamId: (await t.sql<{ id: string }>(`select id from teams where code = 'E1'`))[0].id,
  });

  it('malformed JSON', async () => {
    const response = await t.http.post('/api/v1/users').set(auth()).set('Content-Type', 'application/json').send('{"email": "a@b.c",');
    expectProblem(response, 400, 'body');
  });

  it('unknown fields', async () => {
    expectProblem(await t.http.post('/api/v1/users').set(auth()).send({ ...(await validUser()), isAdmin: true }), 400, 'isAdmin');
  });

  it('wrong types', async () => {
    expectProblem(await t.http.post('/api/v1/users').set(auth()).send({ ...(await validUser()), roles: 'sales_rep' }), 400, 'roles');
    expectProblem(await t.http.post('/api/v1/users').set(auth()).send({ ...(await validUser()), name: 42 }), 400, 'name');
    expectProblem(await t.http.post('/api/v1/auth/login').send({ email: ['a'], password: true }), 400, 'email');
    const auditor = (await t.login('auditor@lianxi.test')).accessToken;
    expectProblem(await t.http.get('/api/v1/audit-events').set('Authorization', `Bearer ${auditor}`).query({ limit: 'many' }), 400, 'limit');
  });

  it('missing required fields, bad enums and formats', async () => {
    expectProblem(await t.http.post('/api/v1/users').set(auth()).send({ email: 'a@lianxi.test' }), 400, 'name');
    expectProblem(await t.http.post('/api/v1/users').set(auth()).send({ ...(await validUser()), roles: ['emperor'] }), 400, 'roles');
    expectProblem(await t.http.post('/api/v1/users').set(auth()).send({ ...(await validUser()), email: 'not an email' }), 400, 'email');
    expectProblem(await t.http.post('/api/v1/users').set(auth()).send({ ...(await validUser()), teamId: 'E1' }), 400, 'teamId');
  });

  it('too-long strings', async () => {
    expectProblem(await t.http.post('/api/v1/users').set(auth()).send({ ...(await validUser()), name: '长'.repeat(201) }), 400, 'name');
    expectProblem(await t.http.post('/api/v1/auth/login').send({ email: `${'a'.repeat(300)}@x.y`, password: 'x' }), 400, 'email');
  });

  it('oversize bodies → 413', async () => {
    const response = await t.http.post('/api/v1/users').set(auth()).send({ ...(await validUser()), name: 'x'.repeat(1_100_000) });
    expectProblem(response, 413, 'body');
  });

  it('bad UUIDs in paths', async () => {
    expectProblem(await t.http.get('/api/v1/users/not-a-uuid').set(auth()), 400, 'id');
    expectProblem(await t.http.patch("/api/v1/users/1' or '1'='1").set(auth()).send({}), 400, 'id');
    expectProblem(await t.http.get('/api/v1/users/01a20909-1c08-705a-93fb-5d11d4e08468').set(auth()), 404);
  });

  it('bad If-Match headers', async () => {
    const [user] = await t.sql<{ id: string }>(`select id from users where email = 'rep.e2@lianxi.test'`);
    expectProblem(await t.http.patch(`/api/v1/users/${user.id}`).set(auth()).set('If-Match', 'yesterday').send({ name: 'x' }), 400, 'If-Match');
  });

  it('unknown API paths are problem+json 404s too', async () => {
    expectProblem(await t.http.get('/api/v1/no-such-thing').set(auth()), 404);
  });

  it('wrote nothing along the way', async () => {
    expect(await countUsers()).toBe(15);
  });
});
