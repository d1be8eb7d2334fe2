import { configure, screen, waitFor, within } from '@testing-library/react';
import type { ApiKey } from '@/lib/api-keys';
import { describe, expect, it } from 'vitest';
import { createFakeFetch, demoUser, json, tokenResponse } from '@/testing/fake-api';
import { renderApp } from '@/testing/render-app';
import { pickOption } from '@/testing/select';
import { setupUser } from '@/testing/user';

configure({ asyncUtilTimeout: 5000 });

const ME = demoUser({ email: 'partner@lianxi.test', name: '经销商X 黄总', nameEn: 'Huang (Distributor X)', locale: 'en' });
const SECRET = 'lxk_3f9c2a7d41b0e865_q2Zr0kO1vS3m6yq4Jm1xq2bZb0n4v9dJ2mC8wH7eT5A';
const DAY_MS = 24 * 60 * 60 * 1000;

function apiKey(overrides: Partial<ApiKey> = {}): ApiKey {
  return {
    id: '0190a0b0-0000-7000-8000-00000000b001',
    userId: ME.id,
    name: 'Old sync',
    prefix: 'lxk_0123456789abcdef',
    createdAt: '2026-01-01T08:00:00.000Z',
    expiresAt: new Date(Date.now() + 100 * DAY_MS).toISOString(),
    lastUsedAt: '2026-02-01T08:00:00.000Z',
    revokedAt: null,
    revokedReason: null,
    ...overrides,
  };
}

/** The signed-in user's keys in memory: POST adds one (answering its secret once), DELETE revokes one. */
function keysServer() {
  let keys = [apiKey()];
  return createFakeFetch({
    'POST /api/v1/auth/refresh': () => json(tokenResponse(ME)),
    'GET /api/v1/me/permissions': () => json({ objects: [] }),
    'GET /api/v1/me/api-keys': () => json({ data: keys, nextCursor: null }),
    'POST /api/v1/me/api-keys': async (request) => {
      const body = (await request.json()) as { name: string; expiresAt?: string };
      const created = apiKey({ id: '0190a0b0-0000-7000-8000-00000000b002', name: body.name, prefix: 'lxk_3f9c2a7d41b0e865', createdAt: new Date().toISOString(), lastUsedAt: null, expiresAt: body.expiresAt ?? new Date(Date.now() + 365 * DAY_MS).toISOString() });
      keys = [created, ...keys];
      return json({ ...created, secret: SECRET }, 201);
    },
    [`DELETE /api/v1/me/api-keys/${apiKey().id}`]: () => {
      keys = keys.map((key) => (key.id === apiKey().id ? { ...key, revokedAt: new Date().toISOString(), revokedReason: 'owner' } : key));
      return new Response(null, { status: 204 });
    },
  });
}

function requestsTo(requests: Request[], method: string, pathname: string): Request[] {
  return requests.filter((request) => request.method === method && new URL(request.url).pathname === pathname);
}

describe('ApiKeysPage', { timeout: 20_000 }, () => {
  it('creates a key whose secret is shown once, with a warning, and kept in no cache', async () => {
    const { fetch, requests } = keysServer();
    const { queryClient } = await renderApp('/profile/api-keys', { fetch, language: 'en' });
    const table = await screen.findByTestId('api-keys-table');
    expect(await within(table).findByText('Old sync')).toBeTruthy();

    const user = setupUser();
    await user.click(screen.getByTestId('api-key-new'));
    await user.type(await screen.findByTestId('api-key-name'), 'ERP order sync');
    await pickOption('api-key-lifetime', '30 days');
    await user.click(screen.getByTestId('api-key-create-submit'));

    const dialog = await screen.findByTestId('api-key-secret-modal');
    expect(within(dialog).getByTestId('api-key-secret').textContent).toContain(SECRET);
    expect(within(dialog).getByText('Copy the key now: this is the only time it is shown')).toBeTruthy();
    expect(within(dialog).getByRole('button', { name: 'Copy the key' })).toBeTruthy();
    const [sent] = requestsTo(requests, 'POST', '/api/v1/me/api-keys');
    const body = (await sent?.json()) as { name: string; expiresAt: string };
    expect(body.name).toBe('ERP order sync');
    expect(Math.abs(Date.parse(body.expiresAt) - (Date.now() + 30 * DAY_MS))).toBeLessThan(60_000);
    // The list is read again; it never carries secrets.
    expect(await within(table).findByText('ERP order sync')).toBeTruthy();

    await user.click(within(dialog).getByTestId('api-key-secret-done'));
    await waitFor(() => expect(screen.queryByTestId('api-key-secret-modal')).toBeNull());
    expect(screen.queryByText(SECRET)).toBeNull();
    const cached = JSON.stringify([
      queryClient.getQueryCache().getAll().map((query) => query.state.data),
      queryClient.getMutationCache().getAll().map((mutation) => mutation.state.data),
    ]);
    expect(cached).toContain('ERP order sync');
    expect(cached).not.toContain(SECRET);
  });

  it('revokes a key after a confirmation', async () => {
    const { fetch, requests } = keysServer();
    await renderApp('/profile/api-keys', { fetch, language: 'en' });
    const id = apiKey().id;
    expect((await screen.findByTestId(`api-key-status-${id}`)).textContent).toBe('Active');

    const user = setupUser();
    await user.click(screen.getByTestId(`api-key-revoke-${id}`));
    const confirm = (await screen.findByText('Revoke the key “Old sync”?')).closest<HTMLElement>('.ant-popover');
    if (!confirm) throw new Error('no confirmation');
    await user.click(within(confirm).getByRole('button', { name: 'Revoke' }));

    await waitFor(() => expect(screen.getByTestId(`api-key-status-${id}`).textContent).toBe('Revoked'));
    expect(requestsTo(requests, 'DELETE', `/api/v1/me/api-keys/${id}`)).toHaveLength(1);
    expect(screen.queryByTestId(`api-key-revoke-${id}`)).toBeNull();
  });
});
