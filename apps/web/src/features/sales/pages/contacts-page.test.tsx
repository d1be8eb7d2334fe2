import { configure, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { catchDownloads } from '@/testing/downloads';
import { json } from '@/testing/fake-api';
import { renderApp } from '@/testing/render-app';
import { pickOption } from '@/testing/select';
import { setupUser } from '@/testing/user';
import { ACCOUNT_ID, CONTACT_FIELDS, NO_LEVELS, contact, requestsTo, salesServer } from '../testing/sales-server';

configure({ asyncUtilTimeout: 5000 });

const SECOND_ID = '0190a0b0-0000-7000-8000-00000000c002';
const OTHER_ACCOUNT_ID = '0190a0b0-0000-7000-8000-00000000a0ff';

const VIEW = {
  id: '0190a0b0-0000-7000-8000-00000000f0c1',
  objectType: 'contact',
  name: '按职位',
  definition: { filters: { q: '王' }, sort: '-title', columns: ['name', 'accountId'] },
  createdAt: '2026-12-01T08:00:00Z',
  updatedAt: '2026-12-01T08:00:00Z',
  version: 1,
};

const contactsUrls = (requests: Request[]) => requestsTo(requests, 'GET', '/api/v1/contacts').map((request) => new URL(request.url));

describe('ContactsPage', { timeout: 30_000 }, () => {
  it('lists every contact with its account linked, sorts by a header, searches, and exports the picked rows', async () => {
    const saved = catchDownloads();
    const { fetch, requests } = salesServer({
      language: 'zh-CN',
      contactFields: { ...CONTACT_FIELDS, phone: 'masked' },
      routes: {
        'GET /api/v1/contacts': () =>
          json({
            data: [
              contact({ accountName: '恒达重工有限公司', phone: '138****2222', myAccess: undefined }),
              // An account the caller may not see: its name does not come, and there is nothing to open.
              contact({ id: SECOND_ID, name: '王芳', accountId: OTHER_ACCOUNT_ID, title: '总工程师', myAccess: undefined }),
            ],
            nextCursor: null,
            total: 2,
          }),
        'GET /api/v1/saved-views': () => json({ data: [], nextCursor: null }),
        'GET /api/v1/contacts/export': () => new Response('\uFEFFid,name\nc1,王芳\n', { headers: { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': 'attachment; filename="contacts-2026-12-02.csv"' } }),
      },
    });
    await renderApp('/sales/contacts', { fetch, language: 'zh-CN' });
    const table = await screen.findByTestId('contacts-table', {}, { timeout: 15_000 });
    expect(await within(table).findByText('李建国')).toBeTruthy();
    expect(screen.getByTestId('page-title').textContent).toBe('联系人');
    expect(screen.getByTestId('sales-tab-contacts')).toBeTruthy();
    expect(screen.getByTestId('contacts-total').textContent).toBe('共 2 位联系人');
    const headers = within(table).getAllByRole('columnheader').map((cell) => cell.textContent);
    expect(headers).toEqual(expect.arrayContaining(['名称', '职务', '客户', '电话']));
    expect(within(table).getByText('恒达重工有限公司').closest('a')?.getAttribute('href')).toBe(`/sales/accounts/${ACCOUNT_ID}`);
    expect(screen.queryByTestId(`contact-account-${SECOND_ID}`)).toBeNull();
    expect(within(table).getByText('138****2222')).toBeTruthy();
    expect(within(table).getByText('王芳').closest('a')?.getAttribute('href')).toBe(`/sales/contacts/${SECOND_ID}`);
    expect(contactsUrls(requests)[0]?.searchParams.get('withTotal')).toBe('true');

    // Sorted by name (ascending) as it comes; one click on the header turns it round.
    fireEvent.click(within(within(table).getByRole('columnheader', { name: /名称/ })).getAllByText('名称')[0]!);
    await waitFor(() => expect(contactsUrls(requests).at(-1)?.searchParams.get('sort')).toBe('-name'));
    // The phone is masked for this caller: no sorter on it.
    expect(within(table).getByRole('columnheader', { name: /电话/ }).getAttribute('aria-sort')).toBeNull();

    const user = setupUser();
    await user.type(screen.getByTestId('contacts-search'), '王');
    await waitFor(() => expect(contactsUrls(requests).at(-1)?.searchParams.get('q')).toBe('王'));

    // Without a selection the export is the list as shown; with one, only the picked rows.
    const checkboxes = within(table).getAllByRole('checkbox');
    fireEvent.click(checkboxes[2]!);
    expect(await screen.findByText('导出所选 1 条')).toBeTruthy();
    fireEvent.click(screen.getByTestId('contacts-export'));
    await waitFor(() => expect(saved).toHaveLength(1));
    const [sent] = requestsTo(requests, 'GET', '/api/v1/contacts/export');
    expect(Object.fromEntries(new URL(sent?.url ?? '').searchParams)).toEqual({ q: '王', sort: '-name', ids: SECOND_ID });
    expect(saved[0]?.filename).toBe('contacts-2026-12-02.csv');
  });

  it('applies a saved contacts view: its search, sort and columns', async () => {
    const { fetch, requests } = salesServer({
      language: 'en',
      routes: {
        'GET /api/v1/contacts': () => json({ data: [contact({ accountName: 'Hengda Heavy Industry', myAccess: undefined })], nextCursor: null, total: 1 }),
        'GET /api/v1/saved-views': () => json({ data: [VIEW], nextCursor: null }),
      },
    });
    await renderApp('/sales/contacts', { fetch, language: 'en' });
    const table = await screen.findByTestId('contacts-table', {}, { timeout: 15_000 });
    await within(table).findByText('李建国');
    expect(within(table).getAllByRole('columnheader').map((cell) => cell.textContent)).toEqual(expect.arrayContaining(['Title', 'Email']));
    await pickOption('contact-views', '按职位');
    await waitFor(() => expect(contactsUrls(requests).some((url) => url.searchParams.get('sort') === '-title' && url.searchParams.get('q') === '王')).toBe(true));
    await waitFor(() => expect(within(table).queryByText('Title')).toBeNull());
    const headers = within(table).getAllByRole('columnheader').map((cell) => cell.textContent);
    expect(headers).toEqual(expect.arrayContaining(['Name', 'Account']));
    expect(headers).not.toContain('Email');
    expect(within(table).getByText('Hengda Heavy Industry').closest('a')?.getAttribute('href')).toBe(`/sales/accounts/${ACCOUNT_ID}`);
  });

  it('says so to who may not read contacts, and asks nothing', async () => {
    const { fetch, requests } = salesServer({ contactLevels: NO_LEVELS });
    await renderApp('/sales/contacts', { fetch });
    expect(await screen.findByTestId('contacts-no-access')).toBeTruthy();
    expect(screen.queryByTestId('sales-tab-contacts')).toBeNull();
    await waitFor(() => expect(requestsTo(requests, 'GET', '/api/v1/contacts')).toHaveLength(0));
  });
});
