import { createTestApp, TestApp } from './support/test-app';

describe('audit log', () => {
  let t: TestApp;
  let auditor: string;
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

  beforeAll(async () => {
    t = await createTestApp();
    auditor = (await t.login('auditor@lianxi.test')).accessToken;
  });
  afterAll(() => t.close());

  it('shows system administrators security events only (logins, users, roles), never business changes', async () => {
    const admin = (await t.login('admin@lianxi.test')).accessToken;
    const rep = (await t.login('rep.e1@lianxi.test')).accessToken;
    await t.http.post('/api/v1/accounts').set(auth(rep)).send({ name: '审计分类测试' }).expect(201);
    const page = await t.http.get('/api/v1/audit-events').query({ limit: 200 }).set(auth(admin)).expect(200);
    expect(page.body.data.length).toBeGreaterThan(0);
    expect(new Set(page.body.data.map((e: { category: string }) => e.category))).toEqual(new Set(['security']));
    expect(page.body.data.map((e: { action: string }) => e.action)).toContain('auth.login');
    const business = await t.http.get('/api/v1/audit-events').query({ category: 'business' }).set(auth(admin));
    expect(business.status).toBe(403);
    expect(business.body.errors[0].field).toBe('category');
    const byEntity = await t.http.get('/api/v1/audit-events').query({ entityType: 'account' }).set(auth(admin)).expect(200);
    expect(byEntity.body.data).toEqual([]);
    const asAuditor = await t.http.get('/api/v1/audit-events').query({ entityType: 'account' }).set(auth(auditor)).expect(200);
    expect(asAuditor.body.data.length).toBeGreaterThan(0);
  });

  it('is readable by auditors (and administrators, security only), nobody else', async () => {
    for (const email of ['gm@lianxi.test', 'rep.e1@lianxi.test', 'partner@lianxi.test']) {
      const { accessToken } = await t.login(email);
      const response = await t.http.get('/api/v1/audit-events').set(auth(accessToken));
      expect(response.status).toBe(403);
    }
    await t.http.get('/api/v1/audit-events').set(auth(auditor)).expect(200);
  });

  it('records who, when, what, from where and under which request id', async () => {
    const response = await t.http.post('/api/v1/auth/login').set('X-Request-Id', 'req-audit-1').send({ email: 'gm@lianxi.test', password: 'wrong password!' });
    expect(response.status).toBe(401);
    const page = await t.http.get('/api/v1/audit-events').query({ action: 'auth.login_failed' }).set(auth(auditor)).expect(200);
    expect(page.body.data[0]).toMatchObject({
      category: 'security',
      action: 'auth.login_failed',
      actorEmail: 'gm@lianxi.test',
      entityType: 'user',
      requestId: 'req-audit-1',
      ip: expect.stringMatching(/127\.0\.0\.1|::1/),
      occurredAt: expect.any(String),
    });
  });

  it('pages newest first with an opaque keyset cursor and filters', async () => {
    for (let i = 0; i < 7; i++) await t.login('director@lianxi.test');
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await t.http.get('/api/v1/audit-events').query({ action: 'auth.login', limit: 3, ...(cursor ? { cursor } : {}) }).set(auth(auditor)).expect(200);
      expect(page.body.data.length).toBeLessThanOrEqual(3);
      seen.push(...page.body.data.map((e: { id: string }) => e.id));
      cursor = page.body.nextCursor ?? undefined;
    } while (cursor);
    const [{ n }] = await t.sql<{ n: number }>(`select count(*)::int as n from audit_events where action = 'auth.login'`);
    expect(seen).toHaveLength(n);
    expect(new Set(seen).size).toBe(n);
    expect([...seen].sort().reverse()).toEqual(seen);

    const director = await t.sql<{ id: string }>(`select id from users where email = 'director@lianxi.test'`);
    const mine = await t.http.get('/api/v1/audit-events').query({ actorId: director[0].id, entityType: 'user' }).set(auth(auditor)).expect(200);
    expect(mine.body.data.length).toBe(7);
    const future = await t.http.get('/api/v1/audit-events').query({ from: '2999-01-01T00:00:00Z' }).set(auth(auditor)).expect(200);
    expect(future.body).toEqual({ data: [], nextCursor: null });
    const bad = await t.http.get('/api/v1/audit-events').query({ cursor: 'not-a-cursor' }).set(auth(auditor));
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([{ field: 'cursor', message: 'is not a cursor returned by this list' }]);
  });

  it('shows the auditor that business records changed, but not values the auditor may not read', async () => {
    const rep = (await t.login('rep.e1@lianxi.test')).accessToken;
    const created = await t.http.post('/api/v1/accounts').set('Authorization', `Bearer ${rep}`).send({ name: '审计测试客户', phone: '13900001111' }).expect(201);
    const page = await t.http.get('/api/v1/audit-events').query({ entityType: 'account', entityId: created.body.id }).set(auth(auditor)).expect(200);
    expect(page.body.data).toHaveLength(1);
    expect(page.body.data[0]).toMatchObject({ category: 'business', action: 'account.created', actorEmail: 'rep.e1@lianxi.test' });
    expect(page.body.data[0].changes.name).toEqual({ redacted: true });
    expect(page.body.data[0].changes.phone).toEqual({ redacted: true });
    expect(JSON.stringify(page.body)).not.toMatch(/审计测试客户|13900001111/);
    // The values are in the log, for whoever may read them.
    const [stored] = await t.sql<{ changes: Record<string, { new: unknown }> }>(`select changes from audit_events where entity_id = $1`, [created.body.id]);
    expect(stored.changes.name.new).toBe('审计测试客户');
  });

  it('is append-only, even for the application\'s own database user', async () => {
    await expect(t.sql(`update audit_events set action = 'tampered'`)).rejects.toThrow(/append-only/);
    await expect(t.sql(`delete from audit_events`)).rejects.toThrow(/append-only/);
    await expect(t.sql(`truncate audit_events`)).rejects.toThrow(/append-only/);
  });

  it('is written in the same transaction as the change: a refused change leaves no entry', async () => {
    const admin = (await t.login('admin@lianxi.test')).accessToken;
    const before = await t.sql<{ n: number }>(`select count(*)::int as n from audit_events where action like 'user.%'`);
    const refused = await t.http.post('/api/v1/users').set(auth(admin)).send({ email: 'x@lianxi.test', name: 'x', nameEn: 'x', roles: ['sales_rep'], teamId: '01a20909-1c08-705a-93fb-5d11d4e08468' });
    expect(refused.status).toBe(400);
    const after = await t.sql<{ n: number }>(`select count(*)::int as n from audit_events where action like 'user.%'`);
    expect(after[0].n).toBe(before[0].n);
    const [users] = await t.sql<{ n: number }>(`select count(*)::int as n from users where email = 'x@lianxi.test'`);
    expect(users.n).toBe(0);
  });
});
