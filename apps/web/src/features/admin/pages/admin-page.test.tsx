import { configure, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { User } from '@/lib/api';
import type { Language } from '@/lib/language';
import { createFakeFetch, demoUser, json, problem, tokenResponse } from '@/testing/fake-api';
import { renderApp } from '@/testing/render-app';
import { setupUser } from '@/testing/user';

// antd's Table and Modal render slowly in jsdom; the first render after sign-in can take longer than 1 s.
configure({ asyncUtilTimeout: 5000 });

const ROLES = [
  { key: 'system_admin', name: '系统管理员', nameEn: 'System admin', description: 'Administers' },
  { key: 'sales_rep', name: '销售代表', nameEn: 'Sales rep', description: 'Sells' },
  { key: 'sales_manager', name: '销售经理', nameEn: 'Sales manager', description: 'Manages' },
] as const;

const TEAMS = [
  { id: 't-root', parentId: null, path: '/t-root/', code: 'HQ', name: '联希总部', nameEn: 'Lianxi HQ', kind: 'company', version: 1 },
  { id: 't-east', parentId: 't-root', path: '/t-root/t-east/', code: 'E', name: '华东大区', nameEn: 'East region', kind: 'department', version: 1 },
  { id: 't-e1', parentId: 't-east', path: '/t-root/t-east/t-e1/', code: 'E1', name: '华东一组', nameEn: 'East 1', kind: 'group', version: 1 },
];

const ADMIN = demoUser({
  id: 'u-admin',
  email: 'admin@lianxi.test',
  name: '管理员',
  nameEn: 'Admin',
  roles: [ROLES[0]],
});
const REP = demoUser({ id: 'u-rep', version: 7, lastLoginAt: '2026-03-01T08:00:00.000Z' });

/**
 * Signed in as the admin, whose profile language (which wins at sign-in) is `language`; the users list answers
 * `users`; `routes` adds or overrides endpoints.
 */
function server(users: User[] = [ADMIN, REP], routes: Record<string, (request: Request) => Response | Promise<Response>> = {}, language: Language = 'en') {
  return createFakeFetch({
    'POST /api/v1/auth/refresh': () => json(tokenResponse({ ...ADMIN, locale: language })),
    'GET /api/v1/users': () => json({ data: users, nextCursor: null }),
    'GET /api/v1/teams': () => json(TEAMS),
    'GET /api/v1/roles': () => json(ROLES),
    ...routes,
  });
}

function formItemOf(testId: string): HTMLElement {
  const item = screen.getByTestId(testId).closest<HTMLElement>('.ant-form-item');
  if (!item) throw new Error(`${testId} is not inside a form item`);
  return item;
}

function requestsTo(requests: Request[], method: string, pathname: string): Request[] {
  return requests.filter((request) => request.method === method && new URL(request.url).pathname === pathname);
}

describe('AdminPage (users)', { timeout: 20_000 }, () => {
  it('lists users with their roles as tags, team, status and last sign-in', async () => {
    const { fetch } = server([ADMIN, REP], {}, 'zh-CN');
    await renderApp('/admin', { fetch });

    const table = await screen.findByTestId('users-table');
    const repCell = await within(table).findByText('王磊');
    const row = repCell.closest('tr');
    if (!row) throw new Error('no row');
    expect(within(row).getByText('销售代表').closest('.ant-tag')).toBeTruthy();
    expect(within(row).getByText('华东一组')).toBeTruthy();
    expect(within(row).getByText('启用')).toBeTruthy();
    expect(within(table).getByText('系统管理员').closest('.ant-tag')).toBeTruthy();
    expect(screen.getByTestId('page-title').textContent).toBe('系统管理');
  });

  it('disables the roles action for the signed-in admin only', async () => {
    const { fetch } = server();
    await renderApp('/admin', { fetch, language: 'en' });
    await screen.findByText('Wang Lei');

    expect(screen.getByTestId<HTMLButtonElement>('user-roles-u-admin').disabled).toBe(true);
    expect(screen.getByTestId<HTMLButtonElement>('user-roles-u-rep').disabled).toBe(false);
  });

  it('puts a 409 "email taken" on the email field of the new-user form', async () => {
    const { fetch, requests } = server([ADMIN], {
      'POST /api/v1/users': () => problem(409, 'conflict', { errors: [{ field: 'email', message: 'is already taken' }] }),
    });
    await renderApp('/admin', { fetch, language: 'en' });
    await screen.findByText('admin@lianxi.test');

    const user = setupUser();
    await user.click(screen.getByTestId('user-new'));
    await user.type(await screen.findByTestId('user-form-email'), 'wang.lei@lianxi.test');
    await user.type(screen.getByTestId('user-form-name'), '王磊');
    await user.type(screen.getByTestId('user-form-name-en'), 'Wang Lei');
    await user.click(within(formItemOf('user-form-roles')).getByRole('combobox'));
    const option = (await screen.findAllByText('Sales rep')).find((element) => element.closest('.ant-select-item-option'));
    if (!option) throw new Error('no role option');
    await user.click(option);
    await user.click(screen.getByTestId('user-form-submit'));

    await waitFor(() => expect(formItemOf('user-form-email').textContent).toContain('This email is already used by another user'));
    expect(formItemOf('user-form-name').textContent).not.toContain('already used');
    const [sent] = requestsTo(requests, 'POST', '/api/v1/users');
    expect(await sent?.json()).toEqual({ email: 'wang.lei@lianxi.test', name: '王磊', nameEn: 'Wang Lei', locale: 'en', roles: ['sales_rep'] });
  });

  it('deactivates a user with If-Match set to the row version', async () => {
    const { fetch, requests } = server([ADMIN, REP], {
      'PATCH /api/v1/users/u-rep': () => json({ ...REP, active: false, version: 8 }),
    });
    await renderApp('/admin', { fetch, language: 'en' });
    await screen.findByText('Wang Lei');

    const user = setupUser();
    await user.click(screen.getByTestId('user-edit-u-rep'));
    await user.click(await screen.findByTestId('user-form-active'));
    await user.click(screen.getByTestId('user-form-submit'));

    await waitFor(() => expect(requestsTo(requests, 'PATCH', '/api/v1/users/u-rep')).toHaveLength(1));
    const [sent] = requestsTo(requests, 'PATCH', '/api/v1/users/u-rep');
    expect(sent?.headers.get('If-Match')).toBe('W/"7"');
    expect(await sent?.json()).toEqual({ active: false });
  });

  it('on 412 says someone else changed the user and reloads the list', async () => {
    const { fetch, requests } = server([ADMIN, REP], {
      'PATCH /api/v1/users/u-rep': () => problem(412, 'precondition_failed'),
    });
    await renderApp('/admin', { fetch, language: 'en' });
    await screen.findByText('Wang Lei');
    const listCalls = requestsTo(requests, 'GET', '/api/v1/users').length;

    const user = setupUser();
    await user.click(screen.getByTestId('user-edit-u-rep'));
    await user.click(await screen.findByTestId('user-form-active'));
    await user.click(screen.getByTestId('user-form-submit'));

    expect(await screen.findByText(/Someone changed this user in the meantime/)).toBeTruthy();
    await waitFor(() => expect(requestsTo(requests, 'GET', '/api/v1/users').length).toBeGreaterThan(listCalls));
  });
});

describe('AdminPage (teams)', { timeout: 20_000 }, () => {
  it('shows the team tree nested by parent', async () => {
    const { fetch } = server();
    await renderApp('/admin', { fetch, language: 'en' });
    await screen.findByText('Wang Lei');

    await setupUser().click(screen.getByRole('tab', { name: 'Teams' }));
    // The table remounts once the teams arrive (so every level starts expanded): query it only after that.
    const leaf = await screen.findByText('East 1');
    const table = screen.getByTestId('teams-table');
    expect(table.contains(leaf)).toBe(true);
    expect(leaf.closest('tr')?.className).toContain('ant-table-row-level-2');
    expect(within(table).getByText('Lianxi HQ').closest('tr')?.className).toContain('ant-table-row-level-0');
  });
});

const LEVELS_NONE = { read: 'none', create: 'none', update: 'none', delete: 'none', reassign: 'none' } as const;

const POLICIES = {
  sales_rep: {
    role: 'sales_rep',
    objects: [{ objectType: 'account', levels: { ...LEVELS_NONE, read: 'own', create: 'own', update: 'own' }, fields: {} }],
  },
  sales_manager: {
    role: 'sales_manager',
    objects: [
      { objectType: 'account', levels: { read: 'team', create: 'own', update: 'team', delete: 'none', reassign: 'team' }, fields: { phone: 'masked' } },
      { objectType: 'contact', levels: { ...LEVELS_NONE, read: 'subtree' }, fields: {} },
    ],
  },
} as const;

/** The label shown by the select of `testId` (the option it holds). */
function selectedLabel(testId: string): string {
  const cell = screen.getByTestId(testId).closest<HTMLElement>('td');
  if (!cell) throw new Error(`${testId} is not inside a table cell`);
  return cell.textContent;
}

async function pickOption(user: ReturnType<typeof setupUser>, testId: string, label: string) {
  const cell = screen.getByTestId(testId).closest<HTMLElement>('td');
  if (!cell) throw new Error(`${testId} is not inside a table cell`);
  await user.click(within(cell).getByRole('combobox'));
  const option = (await screen.findAllByText(label)).find((element) => element.closest('.ant-select-item-option'));
  if (!option) throw new Error(`no option ${label}`);
  await user.click(option);
}

function policyServer(routes: Record<string, (request: Request) => Response | Promise<Response>> = {}) {
  return server([ADMIN, REP], {
    'GET /api/v1/access/policies/sales_rep': () => json(POLICIES.sales_rep),
    'GET /api/v1/access/policies/sales_manager': () => json(POLICIES.sales_manager),
    ...routes,
  });
}

async function openRolesTab(fetch: (request: Request) => Promise<Response>) {
  await renderApp('/admin', { fetch, language: 'en' });
  await screen.findByText('Wang Lei');
  const user = setupUser();
  await user.click(screen.getByRole('tab', { name: 'Roles & permissions' }));
  await screen.findByTestId('policy-level-account-read');
  return user;
}

// Each object type has a dozen antd Selects, which jsdom renders slowly.
describe('AdminPage (roles & permissions)', { timeout: 45_000 }, () => {
  it('shows the levels and field rules of the selected role', async () => {
    const { fetch } = policyServer();
    const user = await openRolesTab(fetch);
    // The first role with business rights is preselected.
    expect(selectedLabel('policy-level-account-read')).toBe('Own');

    const roleSelect = screen.getByTestId('policy-role-select').closest<HTMLElement>('.ant-select');
    if (!roleSelect) throw new Error('no role select');
    await user.click(within(roleSelect).getByRole('combobox'));
    const option = (await screen.findAllByText('Sales manager')).find((element) => element.closest('.ant-select-item-option'));
    if (!option) throw new Error('no role option');
    await user.click(option);

    await waitFor(() => expect(selectedLabel('policy-level-account-read')).toBe('Team'));
    expect(selectedLabel('policy-level-account-create')).toBe('Own');
    expect(selectedLabel('policy-level-account-delete')).toBe('None');
    expect(selectedLabel('policy-level-account-reassign')).toBe('Team');
    expect(selectedLabel('policy-field-account-phone')).toBe('Masked');
    expect(selectedLabel('policy-field-account-email')).toBe('Default (follows object)');

    await user.click(screen.getByRole('tab', { name: 'Contacts' }));
    await screen.findByTestId('policy-level-contact-read');
    expect(selectedLabel('policy-level-contact-read')).toBe('Team and below');
  });

  it('saves only the changed levels and field rules, and shows a 403 from the server', async () => {
    const { fetch, requests } = policyServer({
      'PUT /api/v1/access/policies/sales_rep/objects/account': () =>
        json({ ...POLICIES.sales_rep, objects: [{ ...POLICIES.sales_rep.objects[0], levels: { ...POLICIES.sales_rep.objects[0].levels, read: 'all' } }] }),
      'PUT /api/v1/access/policies/sales_rep/fields/account': () => problem(403, 'forbidden', { detail: 'You hold this role' }),
    });
    const user = await openRolesTab(fetch);
    expect(screen.getByTestId<HTMLButtonElement>('policy-save-account').disabled).toBe(true);

    await pickOption(user, 'policy-level-account-read', 'All');
    await pickOption(user, 'policy-field-account-phone', 'Hidden');
    await user.click(screen.getByTestId('policy-save-account'));

    expect(await screen.findByText('You hold this role')).toBeTruthy();
    const [levels] = requestsTo(requests, 'PUT', '/api/v1/access/policies/sales_rep/objects/account');
    expect(await levels?.json()).toEqual({ levels: { read: 'all' } });
    const [fields] = requestsTo(requests, 'PUT', '/api/v1/access/policies/sales_rep/fields/account');
    expect(await fields?.json()).toEqual({ fields: { phone: 'hidden' } });
    expect(requestsTo(requests, 'PUT', '/api/v1/access/policies/sales_rep/objects/contact')).toHaveLength(0);
  });
});
