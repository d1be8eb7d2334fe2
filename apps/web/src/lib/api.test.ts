import { describe, expect, it } from 'vitest';
import { createFakeFetch, demoUser, json, problem, tokenResponse } from '@/testing/fake-api';
import { ApiError, createApi, toApiError, unwrap } from './api';

/** A refresh endpoint that answers only after `release()`, so several 401s can pile up behind it. */
function gatedRefresh() {
  let release: () => void = () => undefined;
  const gate = new Promise<void>((resolve) => (release = resolve));
  let calls = 0;
  return {
    handler: async () => {
      calls += 1;
      await gate;
      return json(tokenResponse(demoUser(), `access-${calls + 1}`));
    },
    release: () => release(),
    calls: () => calls,
  };
}

describe('createApi', () => {
  it('shares one refresh among concurrent 401s and retries each request once with the new token', async () => {
    const refresh = gatedRefresh();
    const { fetch, requests } = createFakeFetch({
      'POST /api/v1/auth/refresh': refresh.handler,
      'GET /api/v1/me': (request) =>
        request.headers.get('Authorization') === 'Bearer access-2' ? json(demoUser()) : problem(401, 'unauthenticated'),
    });
    const api = createApi({ baseUrl: 'http://localhost', fetch });

    const calls = [1, 2, 3].map(() => unwrap(api.client.GET('/api/v1/me')));
    await new Promise((resolve) => setTimeout(resolve, 10));
    refresh.release();
    const users = await Promise.all(calls);

    expect(refresh.calls()).toBe(1);
    expect(users.map((user) => user.email)).toEqual(['rep.e1@lianxi.test', 'rep.e1@lianxi.test', 'rep.e1@lianxi.test']);
    expect(requests.filter((request) => request.url.endsWith('/api/v1/me'))).toHaveLength(6);
    expect(api.getState().status).toBe('signedIn');
  });

  it('signs out when the refresh is refused, and does not retry', async () => {
    const { fetch, requests } = createFakeFetch({
      'POST /api/v1/auth/refresh': () => problem(401, 'unauthenticated'),
      'GET /api/v1/me': () => problem(401, 'unauthenticated'),
    });
    const api = createApi({ baseUrl: 'http://localhost', fetch });

    await expect(unwrap(api.client.GET('/api/v1/me'))).rejects.toMatchObject({ status: 401 });
    expect(api.getState().status).toBe('signedOut');
    expect(requests.filter((request) => request.url.endsWith('/api/v1/me'))).toHaveLength(1);
  });

  it('never refreshes on a 401 from the auth endpoints themselves', async () => {
    const { fetch, requests } = createFakeFetch({
      'POST /api/v1/auth/login': () => problem(401, 'invalid_credentials'),
    });
    const api = createApi({ baseUrl: 'http://localhost', fetch });

    await expect(api.login({ email: 'a@b.test', password: 'x' })).rejects.toBeInstanceOf(ApiError);
    expect(requests.map((request) => new URL(request.url).pathname)).toEqual(['/api/v1/auth/login']);
  });

  it('keeps the access token in memory and sends it as a Bearer token', async () => {
    const { fetch, requests } = createFakeFetch({
      'POST /api/v1/auth/login': () => json(tokenResponse(demoUser(), 'secret-token')),
      'GET /api/v1/me': () => json(demoUser()),
    });
    const api = createApi({ baseUrl: 'http://localhost', fetch });
    await api.login({ email: 'rep.e1@lianxi.test', password: 'pw' });
    await unwrap(api.client.GET('/api/v1/me'));

    expect(requests.at(-1)?.headers.get('Authorization')).toBe('Bearer secret-token');
    expect(JSON.stringify({ ...localStorage })).not.toContain('secret-token');
  });
});

describe('toApiError', () => {
  it('reads the problem, its field errors and Retry-After', () => {
    const error = toApiError(
      { title: 'Unprocessable', status: 422, code: 'password_rejected', detail: 'no', requestId: 'r1', errors: [{ field: 'newPassword', message: 'too common' }] },
      new Response(null, { status: 422, headers: { 'Retry-After': '7' } }),
    );
    expect(error).toMatchObject({ status: 422, code: 'password_rejected', requestId: 'r1', retryAfterSeconds: 7 });
    expect(error.fieldErrors).toEqual({ newPassword: 'too common' });
  });

  it('survives a body that is not a problem', () => {
    const error = toApiError('<html>Bad gateway</html>', new Response(null, { status: 502, statusText: 'Bad Gateway' }));
    expect(error).toMatchObject({ status: 502, title: 'Bad Gateway', fieldErrors: {} });
  });
});
