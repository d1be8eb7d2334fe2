import { RequestMethod } from '@nestjs/common';
import { INTERCEPTORS_METADATA, METHOD_METADATA } from '@nestjs/common/constants';
import { MetadataScanner, ModulesContainer } from '@nestjs/core';
import { IdempotencyInterceptor } from '../src/platform/http/idempotency.interceptor';
import { createTestApp, TestApp } from './support/test-app';

/** Retries never create duplicates: Idempotency-Key on authenticated POSTs. */
describe('Idempotency-Key', () => {
  let t: TestApp;
  let tokens: Record<string, string>;
  const as = (who: string) => ({ Authorization: `Bearer ${tokens[who]}` });
  const count = async (name: string) => Number((await t.sql<{ n: string }>('select count(*) as n from accounts where name = $1', [name]))[0].n);

  beforeAll(async () => {
    t = await createTestApp();
    ({ tokens } = await t.signInAll(['rep.e1', 'rep.e1b']));
  });
  afterAll(() => t.close());

  it('is bound to every POST handler and to nothing else', () => {
    const interceptor = t.app.get(IdempotencyInterceptor);
    const handlers: Array<{ name: string; method: RequestMethod; bound: boolean }> = [];
    for (const module of t.app.get(ModulesContainer).values()) {
      for (const { metatype } of module.controllers.values()) {
        const prototype = metatype!.prototype as Record<string, () => unknown>;
        for (const name of new MetadataScanner().getAllMethodNames(prototype)) {
          const method = Reflect.getMetadata(METHOD_METADATA, prototype[name]) as RequestMethod | undefined;
          if (method === undefined) continue;
          const bound = ((Reflect.getMetadata(INTERCEPTORS_METADATA, prototype[name]) ?? []) as unknown[]).filter((one) => one === interceptor).length;
          handlers.push({ name: `${metatype!.name}.${name}`, method, bound: bound === 1 });
        }
      }
    }
    expect(handlers.filter((h) => h.method === RequestMethod.POST).length).toBeGreaterThan(50);
    expect(handlers.filter((h) => h.bound !== (h.method === RequestMethod.POST))).toEqual([]);
  });

  it('answers a retry with the first answer and creates nothing twice', async () => {
    const send = () => t.http.post('/api/v1/accounts').set(as('rep.e1')).set('Idempotency-Key', 'create-1').send({ name: '幂等测试一' });
    const first = await send().expect(201);
    const retry = await send().expect(201);
    expect(retry.body).toEqual(first.body);
    expect(retry.headers.etag).toBe(first.headers.etag);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    expect(await count('幂等测试一')).toBe(1);
    // Audited once too.
    const audits = await t.sql(`select 1 from audit_events where action = 'account.created' and entity_id = $1`, [first.body.id]);
    expect(audits).toHaveLength(1);
  });

  it('refuses the same key with a different request (422 naming the header), and keeps keys per user', async () => {
    await t.http.post('/api/v1/accounts').set(as('rep.e1')).set('Idempotency-Key', 'create-2').send({ name: '幂等测试二' }).expect(201);
    const reused = await t.http.post('/api/v1/accounts').set(as('rep.e1')).set('Idempotency-Key', 'create-2').send({ name: '幂等测试二（改）' });
    expect(reused.status).toBe(422);
    expect(reused.body).toMatchObject({ code: 'idempotency_key_reused', errors: [{ field: 'Idempotency-Key' }] });
    expect(await count('幂等测试二（改）')).toBe(0);
    // Another user's identical key is another request.
    await t.http.post('/api/v1/accounts').set(as('rep.e1b')).set('Idempotency-Key', 'create-2').send({ name: '幂等测试二' }).expect(201);
    expect(await count('幂等测试二')).toBe(2);
  });

  it('keeps no failed answer: a corrected request may reuse the key', async () => {
    const bad = await t.http.post('/api/v1/accounts').set(as('rep.e1')).set('Idempotency-Key', 'create-3').send({ name: '' });
    expect(bad.status).toBe(400);
    await t.http.post('/api/v1/accounts').set(as('rep.e1')).set('Idempotency-Key', 'create-3').send({ name: '幂等测试三' }).expect(201);
    expect(await count('幂等测试三')).toBe(1);
  });

  it('lets exactly one of two concurrent identical requests create; the other is replayed or told to retry (409)', async () => {
    const send = () => t.http.post('/api/v1/accounts').set(as('rep.e1')).set('Idempotency-Key', 'create-4').send({ name: '幂等测试四' });
    const answers = await Promise.all([send(), send(), send()]);
    expect(answers.every((a) => a.status === 201 || a.status === 409)).toBe(true);
    expect(answers.some((a) => a.status === 201)).toBe(true);
    expect(await count('幂等测试四')).toBe(1);
  });

  it('refuses a malformed key with 400 naming the header; requests without a key are unchanged', async () => {
    for (const key of ['has space', 'x'.repeat(256), 'tab\there']) {
      const response = await t.http.post('/api/v1/accounts').set(as('rep.e1')).set('Idempotency-Key', key).send({ name: '幂等测试五' });
      expect([key, response.status]).toEqual([key, 400]);
      expect(response.body.errors[0].field).toBe('Idempotency-Key');
    }
    await t.http.post('/api/v1/accounts').set(as('rep.e1')).send({ name: '幂等测试五' }).expect(201);
    await t.http.post('/api/v1/accounts').set(as('rep.e1')).send({ name: '幂等测试五' }).expect(201);
    expect(await count('幂等测试五')).toBe(2);
  });

  it('never keeps answers of session-only operations (a new API key carries its secret)', async () => {
    const made = await t.http.post('/api/v1/me/api-keys').set(as('rep.e1')).set('Idempotency-Key', 'key-1').send({ name: 'ERP' }).expect(201);
    expect(made.body.secret ?? made.body.key).toBeDefined();
    expect(await t.sql(`select 1 from idempotency_keys where key = 'key-1'`)).toEqual([]);
    expect(JSON.stringify(await t.sql('select response_body from idempotency_keys'))).not.toContain('lxk_');
  });

  it('works on any authenticated POST, e.g. sharing (the body of the answer is replayed)', async () => {
    const [account] = await t.sql<{ id: string }>(`select id from accounts where name = '幂等测试一'`);
    const [team] = await t.sql<{ id: string }>(`select id from teams where code = 'E2'`);
    const share = () => t.http.post(`/api/v1/accounts/${account.id}/shares`).set(as('rep.e1')).set('Idempotency-Key', 'share-1').send({ teamId: team.id, access: 'read' });
    const first = await share().expect(201);
    const again = await share().expect(201);
    expect(again.body.id).toBe(first.body.id);
    const shared = await t.sql(`select 1 from audit_events where action = 'account.shared' and entity_id = $1`, [account.id]);
    expect(shared).toHaveLength(1);
  });
});
