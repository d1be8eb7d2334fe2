import { configure, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { User } from '@/lib/api';
import { createFakeFetch, demoUser, directoryHandler, json, tokenResponse } from '@/testing/fake-api';
import { renderApp } from '@/testing/render-app';
import { pickOption, typeInSelect } from '@/testing/select';
import { setupUser } from '@/testing/user';

configure({ asyncUtilTimeout: 5000 });

const RECORD_ID = '0190a0b0-0000-7000-8000-00000000a001';
const REP_ID = '0190a0b0-0000-7000-8000-000000000003';
const NO_LEVELS = { read: 'none', create: 'none', update: 'none', delete: 'none', reassign: 'none' };

const AUDITOR = demoUser({ id: 'u-auditor', email: 'auditor@lianxi.test', name: '林审', nameEn: 'Lin Shen', roles: [{ key: 'auditor', name: '审计员', nameEn: 'Auditor', description: 'Audits' }] });
const ADMIN = demoUser({ id: 'u-admin', email: 'admin@lianxi.test', name: '赵系统', nameEn: 'Zhao Xitong', roles: [{ key: 'system_admin', name: '系统管理员', nameEn: 'System admin', description: 'Administers' }] });

const EXPLANATION = {
  userId: REP_ID,
  email: 'rep.e2@lianxi.test',
  roles: ['sales_rep'],
  entity: 'account',
  recordId: RECORD_ID,
  recordExists: true,
  actions: [
    {
      action: 'read',
      allowed: true,
      level: 'team',
      reasons: [
        { code: 'level', text: 'level team from roles sales_rep', level: 'team', roles: ['sales_rep'] },
        { code: 'shared', text: 'shared with the user or their team (edit)', shares: ['edit'] },
      ],
    },
    {
      action: 'delete',
      allowed: false,
      level: 'own',
      reasons: [
        { code: 'level', text: 'level own from roles sales_rep', level: 'own', roles: ['sales_rep'] },
        { code: 'some_future_reason', text: 'a reason the SPA does not know yet' },
      ],
    },
  ],
  fields: { name: 'edit', phone: 'masked', email: 'hidden' },
};

/** Signed in as `user`, who reads no business records; the explain endpoint answers EXPLANATION. */
function server(user: User) {
  return createFakeFetch({
    'POST /api/v1/auth/refresh': () => json(tokenResponse({ ...user, locale: 'en' })),
    'GET /api/v1/me/permissions': () => json({ objects: [{ objectType: 'account', levels: NO_LEVELS, fields: {} }, { objectType: 'contact', levels: NO_LEVELS, fields: {} }] }),
    'GET /api/v1/roles': () => json([{ key: 'sales_rep', name: '销售代表', nameEn: 'Sales rep', description: 'Sells' }]),
    'GET /api/v1/access/explain': () => json(EXPLANATION),
    'GET /api/v1/directory/users': directoryHandler([{ id: REP_ID, name: '张伟', nameEn: 'Zhang Wei', email: 'rep.e2@lianxi.test', team: null }]),
  });
}

function navKeys(): string[] {
  return screen.getAllByTestId(/^nav-/).map((element) => element.getAttribute('data-testid') ?? '');
}

describe('Access explanation and the menu by permission', { timeout: 20_000 }, () => {
  it('lets an auditor (menu: Audit only) explain a user\'s access to a record, per action and field', async () => {
    const { fetch, requests } = server(AUDITOR);
    const { router } = await renderApp('/', { fetch, language: 'en' });

    await waitFor(() => expect(router.state.location.pathname).toBe('/audit'));
    expect(navKeys()).toEqual(['nav-audit']);

    // Auditors find the user in the colleague directory, like everyone else.
    const user = setupUser();
    await user.click(await screen.findByTestId('explain-record-id'));
    await user.paste(RECORD_ID);
    typeInSelect('explain-user', 'rep.e2');
    await waitFor(() => expect(requests.some((request) => new URL(request.url).searchParams.get('q') === 'rep.e2')).toBe(true));
    await pickOption('explain-user', 'Zhang Wei · rep.e2@lianxi.test');
    await user.click(screen.getByTestId('explain-submit'));

    const result = await screen.findByTestId('explain-result');
    expect(within(result).getByText('rep.e2@lianxi.test')).toBeTruthy();
    expect(await within(result).findByText('Sales rep')).toBeTruthy();
    expect(within(result).getByTestId('explain-allowed-read').textContent).toBe('Allowed');
    expect(within(result).getByTestId('explain-allowed-delete').textContent).toBe('Denied');
    expect(within(result).getByTestId('explain-reasons-read').textContent).toContain('Shared with the user or their team (edit)');
    expect(within(result).getByTestId('explain-reasons-read').textContent).toContain('Level “Team” from the roles Sales rep');
    expect(within(result).getByTestId('explain-reasons-delete').textContent).toContain('a reason the SPA does not know yet');
    expect(within(result).getByTestId('explain-field-phone').textContent).toBe('Masked');
    expect(within(result).getByTestId('explain-field-email').textContent).toBe('Hidden');

    const [asked] = requests.filter((request) => new URL(request.url).pathname === '/api/v1/access/explain').map((request) => new URL(request.url).searchParams);
    expect(Object.fromEntries(asked ?? [])).toEqual({ entity: 'account', id: RECORD_ID, user: REP_ID });
    expect(router.state.location.search).toContain(`id=${RECORD_ID}`);
  });

  it('lands a system administrator in Admin, the only module in their menu, with the explanation as a tab', async () => {
    const { fetch } = server(ADMIN);
    const { router } = await renderApp('/', { fetch, language: 'en' });

    await waitFor(() => expect(router.state.location.pathname).toBe('/admin'));
    expect(navKeys()).toEqual(['nav-admin']);
    await setupUser().click(await screen.findByText('Why can this user see this?'));
    expect(await screen.findByTestId('explain-form')).toBeTruthy();
    expect(screen.getByTestId('explain-user')).toBeTruthy();
    expect(router.state.location.search).toBe('?tab=explain');
  });
});
