import { configure, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Language } from '@/lib/language';
import { catchDownloads } from '@/testing/downloads';
import { createFakeFetch, demoUser, json, problem, tokenResponse } from '@/testing/fake-api';
import { renderApp } from '@/testing/render-app';
import { setupUser } from '@/testing/user';

// antd's Table renders slowly in jsdom; the first render after sign-in can take longer than the 1 s default.
configure({ asyncUtilTimeout: 5000 });

type Fields = Record<string, 'hidden' | 'masked' | 'read' | 'edit'>;

const ALL_READ: Fields = { name: 'edit', industry: 'read', region: 'read', phone: 'read', email: 'read', restricted: 'read', ownerOnlyEdit: 'read' };

function account(overrides: Record<string, unknown> = {}) {
  return {
    id: '0190a0b0-0000-7000-8000-00000000a001',
    version: 1,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    ...overrides,
  };
}

/** Signed in; /me/permissions gives `read` level and `fields` on accounts; /accounts answers with `pages` in turn by cursor. */
function server({ read = 'team', create = 'none', fields = ALL_READ, pages = [{ data: [account({ name: '徐州重工机械有限公司' })], nextCursor: null }], routes = {} }: {
  read?: string;
  create?: string;
  fields?: Fields;
  pages?: { data: unknown[]; nextCursor: string | null; total?: number }[];
  routes?: Record<string, (request: Request) => Response | Promise<Response>>;
} = {}, language: Language = 'zh-CN') {
  return createFakeFetch({
    'POST /api/v1/auth/refresh': () => json(tokenResponse(demoUser({ locale: language }))),
    'GET /api/v1/me/permissions': () =>
      json({ objects: [{ objectType: 'account', levels: { read, create, update: 'none', delete: 'none', reassign: 'none' }, fields }] }),
    'GET /api/v1/accounts': (request) => {
      const cursor = new URL(request.url).searchParams.get('cursor');
      return json(cursor ? (pages[Number(cursor)] ?? { data: [], nextCursor: null }) : pages[0]);
    },
    ...routes,
  });
}

function headerCell(name: string): HTMLElement {
  const cell = screen.getByRole('columnheader', { name: new RegExp(name) });
  return cell;
}

function accountRequests(requests: Request[]): URL[] {
  return requests.map((request) => new URL(request.url)).filter((url) => url.pathname === '/api/v1/accounts');
}

// The first test pays for loading antd's Table in jsdom, which can exceed the 5 s default.
describe('SalesPage (accounts)', { timeout: 20_000 }, () => {
  it('shows only the columns the caller may see, and a masked phone as the server sent it', async () => {
    const { fetch } = server({
      fields: { name: 'read', industry: 'hidden', region: 'read', phone: 'masked', email: 'hidden', restricted: 'read', ownerOnlyEdit: 'hidden' },
      pages: [{ data: [account({ name: '徐州重工机械有限公司', region: 'East', phone: '136****3333', restricted: true })], nextCursor: null }],
    });
    await renderApp('/sales', { fetch });

    // The first render also loads the list's toolbar (saved views, column chooser): on a busy machine that exceeds 5 s.
    expect(await screen.findByText('徐州重工机械有限公司', {}, { timeout: 15_000 })).toBeTruthy();
    expect(screen.getByTestId('page-title').textContent).toBe('客户');
    const headers = screen.getAllByRole('columnheader').map((cell) => cell.textContent);
    expect(headers).toEqual(expect.arrayContaining(['名称', '区域', '电话', '标记']));
    expect(headers).not.toContain('行业');
    expect(headers).not.toContain('邮箱');
    expect(screen.getByText('136****3333')).toBeTruthy();
    expect(screen.getByText('受限')).toBeTruthy();
    // Rows open the account page; no create level, no "New account".
    expect(screen.getByText('徐州重工机械有限公司').closest('a')?.getAttribute('href')).toBe('/sales/accounts/0190a0b0-0000-7000-8000-00000000a001');
    expect(screen.queryByTestId('account-new')).toBeNull();
  });

  it('creates an account with only the fields the caller may edit, owned by the caller, and opens it', async () => {
    const created = account({ id: '0190a0b0-0000-7000-8000-00000000a002', name: 'Gamma Ltd', ownerId: demoUser().id, myAccess: { update: true, delete: true, reassign: false, share: true } });
    const { fetch, requests } = server({
      create: 'team',
      fields: { ...ALL_READ, name: 'edit', kind: 'edit', industry: 'read', region: 'edit', phone: 'masked', email: 'hidden', restricted: 'edit', ownerOnlyEdit: 'hidden' },
      routes: {
        'POST /api/v1/accounts': () => json(created, 201),
        [`GET /api/v1/accounts/${created.id}`]: () => json(created),
        [`GET /api/v1/accounts/${created.id}/contacts`]: () => json({ data: [], nextCursor: null }),
      },
    }, 'en');
    const { router } = await renderApp('/sales', { fetch, language: 'en' });
    const user = setupUser();
    await user.click(await screen.findByTestId('account-new'));

    const name = await screen.findByTestId('form-name');
    // Only editable fields: no read-only, masked or hidden ones on a new record.
    expect(screen.queryByTestId('form-industry')).toBeNull();
    expect(screen.queryByTestId('form-phone')).toBeNull();
    expect(screen.queryByTestId('form-email')).toBeNull();
    expect(screen.queryByTestId('form-ownerOnlyEdit')).toBeNull();
    expect(within(screen.getByTestId('create-modal')).getByText('Wang Lei (you)')).toBeTruthy();

    await user.type(name, 'Gamma Ltd');
    await user.type(screen.getByTestId('form-region'), 'East');
    await user.click(screen.getByTestId('create-submit'));

    await waitFor(() => expect(router.state.location.pathname).toBe(`/sales/accounts/${created.id}`));
    const post = requests.find((request) => request.method === 'POST' && new URL(request.url).pathname === '/api/v1/accounts');
    expect(await post?.json()).toEqual({ name: 'Gamma Ltd', kind: 'company', region: 'East' });
  });

  it('offers sorting only on fields read in clear, and sends the chosen sort', async () => {
    const { fetch, requests } = server({ fields: { ...ALL_READ, region: 'masked' } }, 'en');
    await renderApp('/sales', { fetch, language: 'en' });
    await screen.findByText('徐州重工机械有限公司');

    expect(headerCell('Name').className).toContain('ant-table-column-has-sorters');
    expect(headerCell('Industry').className).toContain('ant-table-column-has-sorters');
    expect(headerCell('Region').className).not.toContain('ant-table-column-has-sorters');
    expect(headerCell('Phone').className).not.toContain('ant-table-column-has-sorters');

    await setupUser().click(within(headerCell('Industry')).getByText('Industry'));
    await waitFor(() => expect(accountRequests(requests).at(-1)?.searchParams.get('sort')).toBe('industry'));
  });

  it('shows the no-access state, not an error, and does not ask for accounts', async () => {
    const { fetch, requests } = server({ read: 'none', fields: {} }, 'en');
    await renderApp('/sales', { fetch, language: 'en' });

    expect(await screen.findByText('You have no access to accounts')).toBeTruthy();
    expect(screen.getByTestId('page-title').textContent).toBe('Accounts');
    expect(screen.queryByRole('alert')).toBeNull();
    expect(accountRequests(requests)).toEqual([]);
  });

  it('says so in Chinese too', async () => {
    const { fetch } = server({ read: 'none', fields: {} });
    await renderApp('/sales', { fetch });
    expect(await screen.findByText('您无权访问客户')).toBeTruthy();
  });

  it('searches by name after typing stops and loads the next page by cursor', async () => {
    const { fetch, requests } = server({
      pages: [
        { data: [account({ id: 'a1', name: 'Alpha Ltd' })], nextCursor: '1' },
        { data: [account({ id: 'a2', name: 'Beta Ltd' })], nextCursor: null },
      ],
    }, 'en');
    await renderApp('/sales', { fetch, language: 'en' });
    await screen.findByText('Alpha Ltd');

    const user = setupUser();
    await user.click(screen.getByTestId('accounts-load-more'));
    expect(await screen.findByText('Beta Ltd')).toBeTruthy();
    expect(screen.getByText('Alpha Ltd')).toBeTruthy();
    expect(accountRequests(requests).at(-1)?.searchParams.get('cursor')).toBe('1');
    await waitFor(() => expect(screen.queryByTestId('accounts-load-more')).toBeNull());

    await user.type(screen.getByTestId('accounts-search'), 'Alp');
    await waitFor(() => expect(accountRequests(requests).at(-1)?.searchParams.get('q')).toBe('Alp'));
    // Debounced: no request for the partial "A" or "Al".
    expect(accountRequests(requests).filter((url) => url.searchParams.has('q')).map((url) => url.searchParams.get('q'))).toEqual(['Alp']);
  });

  it('counts the matches once (first page), and exports the list as shown — search and sort — as a CSV file; over 100,000 rows is explained', async () => {
    const saved = catchDownloads();
    let exports = 0;
    const { fetch, requests } = server({
      pages: [
        { data: [account({ id: 'a1', name: 'Alpha Ltd' })], nextCursor: '1', total: 1234 },
        { data: [account({ id: 'a2', name: 'Alpha Beta Ltd' })], nextCursor: null },
      ],
      routes: {
        'GET /api/v1/accounts/export': (request) => {
          if (new URL(request.url).searchParams.get('format') === 'xlsx') {
            return new Response(new Uint8Array([0x50, 0x4b, 3, 4]), { headers: { 'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'Content-Disposition': 'attachment; filename="accounts-2026-11-23.xlsx"' } });
          }
          exports += 1;
          return exports === 1
            ? new Response('\uFEFFid,name\na1,Alpha Ltd\n', { headers: { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': 'attachment; filename="accounts-2026-11-23.csv"' } })
            : problem(400, 'validation_failed', { detail: 'The export would have 123456 rows', errors: [{ field: 'q', message: 'matches 123456 records, more than 100000' }] });
        },
      },
    }, 'en');
    await renderApp('/sales', { fetch, language: 'en' });
    await screen.findByText('Alpha Ltd');
    expect(screen.getByTestId('accounts-total').textContent).toBe('1,234 accounts');

    const user = setupUser();
    await user.click(screen.getByTestId('accounts-load-more'));
    await screen.findByText('Alpha Beta Ltd');
    expect(accountRequests(requests).map((url) => url.searchParams.get('withTotal'))).toEqual(['true', null]);

    await user.type(screen.getByTestId('accounts-search'), 'Alp');
    await waitFor(() => expect(accountRequests(requests).at(-1)?.searchParams.get('q')).toBe('Alp'));
    await user.click(within(headerCell('Industry')).getByText('Industry'));
    await waitFor(() => expect(accountRequests(requests).at(-1)?.searchParams.get('sort')).toBe('industry'));

    await user.click(screen.getByTestId('accounts-export'));
    await waitFor(() => expect(saved).toHaveLength(1));
    const [sent] = requests.filter((request) => new URL(request.url).pathname === '/api/v1/accounts/export');
    expect(Object.fromEntries(new URL(sent?.url ?? '').searchParams)).toEqual({ q: 'Alp', sort: 'industry' });
    expect(sent?.headers.get('Authorization')).toBe('Bearer access-1');
    expect(saved[0]?.filename).toBe('accounts-2026-11-23.csv');
    expect(await saved[0]?.blob.text()).toContain('a1,Alpha Ltd');

    // The same export as an Excel workbook: the same query, with format=xlsx.
    await user.click(screen.getByTestId('accounts-export-xlsx'));
    await waitFor(() => expect(saved).toHaveLength(2));
    const workbook = requests.filter((request) => new URL(request.url).pathname === '/api/v1/accounts/export').at(-1);
    expect(Object.fromEntries(new URL(workbook?.url ?? '').searchParams)).toEqual({ q: 'Alp', sort: 'industry', format: 'xlsx' });
    expect(saved[1]?.filename).toBe('accounts-2026-11-23.xlsx');
    expect(screen.getByTestId('accounts-export').textContent).toBe('Export CSV');
    expect(screen.getByTestId('accounts-export-xlsx').textContent).toBe('Excel');

    await user.click(screen.getByTestId('accounts-export'));
    expect(await screen.findByText('The export would have 123,456 rows, more than the 100,000 allowed. Narrow it with a search first.')).toBeTruthy();
    expect(saved).toHaveLength(2);
  });
});
