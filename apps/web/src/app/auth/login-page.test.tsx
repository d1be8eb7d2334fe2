import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { createFakeFetch, json, problem, tokenResponse } from '@/testing/fake-api';
import { renderApp } from '@/testing/render-app';
import { setupUser } from '@/testing/user';

/** No refresh cookie: the visitor starts signed out. */
const signedOut = { 'POST /api/v1/auth/refresh': () => problem(401, 'unauthenticated') };

async function submit(email: string, password: string) {
  const user = setupUser();
  await user.type(await screen.findByTestId('login-email'), email);
  await user.type(screen.getByTestId('login-password'), password);
  await user.click(screen.getByTestId('login-submit'));
}

describe('LoginPage', () => {
  it('renders in Chinese', async () => {
    await renderApp('/login', { fetch: createFakeFetch(signedOut).fetch, language: 'zh-CN' });
    expect((await screen.findByTestId('page-title')).textContent).toBe('登录');
    expect(screen.getByText('邮箱')).toBeTruthy();
    expect(screen.getByText('密码')).toBeTruthy();
  });

  it('renders in English', async () => {
    await renderApp('/login', { fetch: createFakeFetch(signedOut).fetch, language: 'en' });
    expect((await screen.findByTestId('page-title')).textContent).toBe('Sign in');
    expect(screen.getByText('Email')).toBeTruthy();
    expect(screen.getByText('Password')).toBeTruthy();
  });

  it('shows wrong credentials (401) in the UI language', async () => {
    const { fetch, requests } = createFakeFetch({
      ...signedOut,
      'POST /api/v1/auth/login': () => problem(401, 'invalid_credentials', { detail: 'Wrong email or password' }),
    });
    await renderApp('/login', { fetch, language: 'zh-CN' });
    await submit('rep.e1@lianxi.test', 'not-the-password');
    expect((await screen.findByRole('alert')).textContent).toContain('邮箱或密码错误');
    const login = requests.find((request) => request.url.endsWith('/api/v1/auth/login'));
    expect(await login?.json()).toEqual({ email: 'rep.e1@lianxi.test', password: 'not-the-password' });
  });

  it('says how long to wait after too many attempts (429 + Retry-After)', async () => {
    const { fetch } = createFakeFetch({
      ...signedOut,
      'POST /api/v1/auth/login': () => problem(429, 'too_many_requests', {}, { 'Retry-After': '42' }),
    });
    await renderApp('/login', { fetch, language: 'en' });
    await submit('rep.e1@lianxi.test', 'whatever');
    expect((await screen.findByRole('alert')).textContent).toContain('Too many attempts. Try again in 42 seconds.');
  });

  it('signs in, lands on the first module it may read (/sales) and switches to the language of the profile', async () => {
    const { fetch } = createFakeFetch({
      ...signedOut,
      'POST /api/v1/auth/login': () => json(tokenResponse()),
      'GET /api/v1/me/permissions': () =>
        json({ objects: [{ objectType: 'account', levels: { read: 'team', create: 'none', update: 'none', delete: 'none', reassign: 'none' }, fields: {} }] }),
    });
    const { router } = await renderApp('/login', { fetch, language: 'en' });
    await submit('rep.e1@lianxi.test', 'Demo#rep.e1#2026');
    await waitFor(() => expect(router.state.location.pathname).toBe('/sales'));
    expect((await screen.findByTestId('nav-sales')).textContent).toBe('销售');
    expect(screen.getByTestId('user-menu').textContent).toContain('王磊');
    expect(screen.queryByTestId('nav-admin')).toBeNull();
  });
});
