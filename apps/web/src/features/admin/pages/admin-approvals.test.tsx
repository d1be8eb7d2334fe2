import { configure, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { createFakeFetch, demoUser, directoryHandler, json, problem, tokenResponse, type FakeDirectoryUser } from '@/testing/fake-api';
import { renderApp } from '@/testing/render-app';
import { pickOption, typeInSelect } from '@/testing/select';
import { setupUser } from '@/testing/user';

configure({ asyncUtilTimeout: 5000 });

type Handler = (request: Request) => Response | Promise<Response>;

const ROLES = [
  { key: 'system_admin', name: '系统管理员', nameEn: 'System admin', description: 'Administers' },
  { key: 'general_manager', name: '总经理', nameEn: 'General manager', description: 'Reads everything' },
  { key: 'sales_rep', name: '销售代表', nameEn: 'Sales rep', description: 'Sells' },
] as const;

const ADMIN = demoUser({ id: '0190a0b0-0000-7000-8000-0000000000a1', email: 'admin@lianxi.test', name: '赵系统', nameEn: 'Zhao Xitong', locale: 'en', roles: [ROLES[0]] });
const ADMIN2_ID = '0190a0b0-0000-7000-8000-0000000000a2';
const GM = demoUser({ id: '0190a0b0-0000-7000-8000-0000000000b1', email: 'gm@lianxi.test', name: '陈总', nameEn: 'Chen Zong', version: 7, roles: [ROLES[1]] });
const REP = demoUser({ id: '0190a0b0-0000-7000-8000-0000000000b2', email: 'rep.e1@lianxi.test', version: 3 });

const DIRECTORY: FakeDirectoryUser[] = [ADMIN, GM, REP, { ...ADMIN, id: ADMIN2_ID, email: 'admin2@lianxi.test', name: '钱二', nameEn: 'Qian Er' }].map((user) => ({
  id: user.id,
  name: user.name,
  nameEn: user.nameEn,
  email: user.email,
  team: null,
}));

function grant(overrides: Record<string, unknown>) {
  return {
    id: '0190a0b0-0000-7000-8000-0000000000c1',
    userId: GM.id,
    roles: ['general_manager', 'system_admin'],
    userVersion: GM.version,
    reason: 'Covers for the administrator in August',
    status: 'pending',
    requestedBy: ADMIN.id,
    requestedAt: '2026-11-20T08:00:00.000Z',
    expiresAt: '2026-11-27T08:00:00.000Z',
    decidedBy: null,
    decidedAt: null,
    ...overrides,
  };
}

/** Signed in as ADMIN (English); the users list, roles, directory and the given routes. */
function server(routes: Record<string, Handler> = {}) {
  return createFakeFetch({
    'POST /api/v1/auth/refresh': () => json(tokenResponse(ADMIN)),
    'GET /api/v1/users': () => json({ data: [ADMIN, GM, REP], nextCursor: null }),
    'GET /api/v1/roles': () => json(ROLES),
    'GET /api/v1/teams': () => json([]),
    'GET /api/v1/directory/users': directoryHandler(DIRECTORY),
    'GET /api/v1/role-grant-requests': () => json({ data: [], nextCursor: null }),
    ...routes,
  });
}

function requestsTo(requests: Request[], method: string, pathname: string): Request[] {
  return requests.filter((request) => request.method === method && new URL(request.url).pathname === pathname);
}

function rowOf(element: HTMLElement): HTMLElement {
  const row = element.closest<HTMLElement>('tr');
  if (!row) throw new Error('not in a table row');
  return row;
}

describe('AdminPage (two-person rule)', { timeout: 20_000 }, () => {
  it('offers to ask a second administrator when the API says a roles change needs one, and says why asking failed (409)', async () => {
    let asks = 0;
    const { fetch, requests } = server({
      [`PUT /api/v1/users/${GM.id}/roles`]: () =>
        problem(403, 'forbidden', { detail: 'Giving an administrator account business rights needs a second administrator', errors: [{ field: 'roles', message: 'needs the approval of a second administrator' }] }),
      'POST /api/v1/role-grant-requests': () => {
        asks += 1;
        return asks === 1
          ? problem(409, 'conflict', { detail: 'This user already has a pending role grant request; decide on it first', errors: [{ field: 'userId', message: 'has a pending request' }] })
          : json(grant({}), 201);
      },
    });
    await renderApp('/admin', { fetch, language: 'en' });
    const user = setupUser();
    await user.click(await screen.findByTestId(`user-roles-${GM.id}`));

    await pickOption('user-roles-select', 'System admin');
    await user.click(screen.getByTestId('user-roles-submit'));
    const notice = await screen.findByTestId('user-roles-needs-approval');
    expect(notice.textContent).toContain('This change needs a second administrator');
    expect(screen.queryByTestId('user-roles-submit')).toBeNull();

    await user.type(screen.getByTestId('user-roles-reason'), 'Covers for the administrator in August');
    await user.click(screen.getByTestId('user-roles-ask'));
    expect((await screen.findByTestId('user-roles-error')).textContent).toContain('This user already has a request waiting for approval');

    await user.click(screen.getByTestId('user-roles-ask'));
    await waitFor(() => expect(screen.queryByTestId('user-roles-needs-approval')).toBeNull());
    expect(await screen.findByText('Request sent. Another administrator can approve it under Admin → Approvals.')).toBeTruthy();
    const [put] = requestsTo(requests, 'PUT', `/api/v1/users/${GM.id}/roles`);
    expect(put?.headers.get('If-Match')).toBe('W/"7"');
    const asked = requestsTo(requests, 'POST', '/api/v1/role-grant-requests');
    expect(await asked[1]?.json()).toEqual({ userId: GM.id, roles: ['general_manager', 'system_admin'], userVersion: 7, reason: 'Covers for the administrator in August' });
  });

  it('lists pending requests against the current roles; approving one\'s own request is disabled with the reason; a 409 is explained', async () => {
    const own = grant({});
    const theirs = grant({ id: '0190a0b0-0000-7000-8000-0000000000c2', userId: REP.id, userVersion: REP.version, roles: ['sales_rep', 'system_admin'], reason: null, requestedBy: ADMIN2_ID });
    const { fetch, requests } = server({
      'GET /api/v1/role-grant-requests': (request) => json({ data: new URL(request.url).searchParams.get('status') === 'pending' ? [own, theirs] : [], nextCursor: null }),
      [`GET /api/v1/users/${GM.id}`]: () => json(GM),
      [`GET /api/v1/users/${REP.id}`]: () => json({ ...REP, version: 4 }),
      [`POST /api/v1/role-grant-requests/${theirs.id}/approve`]: () => problem(409, 'conflict', { detail: 'The user has changed since the request; reject it and ask again', errors: [{ field: 'userVersion', message: 'is 5 now' }] }),
    });
    await renderApp('/admin?tab=approvals', { fetch, language: 'en' });

    const table = await screen.findByTestId('grants-table');
    expect((await screen.findByTestId('approvals-pending-count')).textContent).toBe('2');
    const ownRow = rowOf(await within(table).findByText('Chen Zong'));
    // Against the current roles: general manager is kept, system admin is added.
    await waitFor(() => expect(within(ownRow).getByText('+ System admin')).toBeTruthy());
    expect(within(ownRow).getByText('General manager')).toBeTruthy();
    expect(within(ownRow).getByText('Covers for the administrator in August')).toBeTruthy();
    expect(within(ownRow).getByText('Zhao Xitong (you)')).toBeTruthy();
    const approveOwn = within(ownRow).getByTestId<HTMLButtonElement>(`grant-approve-${own.id}`);
    expect(approveOwn.disabled).toBe(true);
    expect(within(ownRow).getByTestId(`grant-reject-${own.id}`).textContent).toBe('Withdraw');
    const user = setupUser();
    await user.hover(approveOwn.parentElement as HTMLElement);
    expect(await screen.findByText('You asked for this change: another administrator must approve it.')).toBeTruthy();

    const theirRow = rowOf(within(table).getByText('Wang Lei'));
    expect(within(theirRow).getByText('Qian Er')).toBeTruthy();
    expect(await within(theirRow).findByText(/The user changed since the request/)).toBeTruthy();
    await user.click(within(theirRow).getByTestId(`grant-approve-${theirs.id}`));
    const confirm = (await screen.findByText("Approve? The user's roles change at once.")).closest<HTMLElement>('.ant-popover');
    if (!confirm) throw new Error('no confirmation');
    await user.click(within(confirm).getByRole('button', { name: 'Approve' }));

    expect((await screen.findByTestId('grant-error')).textContent).toContain('The user has changed since the request, so it can no longer be approved. Reject it and ask again.');
    expect(requestsTo(requests, 'POST', `/api/v1/role-grant-requests/${theirs.id}/approve`)).toHaveLength(1);
    expect(requestsTo(requests, 'POST', `/api/v1/role-grant-requests/${own.id}/approve`)).toHaveLength(0);
  });

  it('lists every user\'s API keys, filters them by a user from the directory, and revokes one', async () => {
    const key = { id: '0190a0b0-0000-7000-8000-0000000000d1', userId: REP.id, name: 'ERP order sync', prefix: 'lxk_0123456789abcdef', createdAt: '2026-11-01T08:00:00.000Z', expiresAt: '2027-11-01T08:00:00.000Z', lastUsedAt: null, revokedAt: null, revokedReason: null };
    const { fetch, requests } = server({
      'GET /api/v1/api-keys': () => json({ data: [key], nextCursor: null }),
      [`DELETE /api/v1/api-keys/${key.id}`]: () => new Response(null, { status: 204 }),
    });
    await renderApp('/admin?tab=apiKeys', { fetch, language: 'en' });
    const table = await screen.findByTestId('admin-api-keys-table');
    const row = rowOf(await within(table).findByText('ERP order sync'));
    expect(await within(row).findByText('Wang Lei')).toBeTruthy();
    expect(screen.queryByTestId('api-key-new')).toBeNull();

    typeInSelect('admin-api-keys-user', 'rep.e1');
    await pickOption('admin-api-keys-user', 'Wang Lei · rep.e1@lianxi.test');
    await waitFor(() => expect(requestsTo(requests, 'GET', '/api/v1/api-keys').at(-1)?.url).toContain(`userId=${REP.id}`));

    const user = setupUser();
    await user.click(await within(table).findByTestId(`api-key-revoke-${key.id}`));
    const confirm = (await screen.findByText('Revoke the key “ERP order sync”?')).closest<HTMLElement>('.ant-popover');
    if (!confirm) throw new Error('no confirmation');
    await user.click(within(confirm).getByRole('button', { name: 'Revoke' }));
    await waitFor(() => expect(requestsTo(requests, 'DELETE', `/api/v1/api-keys/${key.id}`)).toHaveLength(1));
  });
});
