import { configure, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { json, problem } from '@/testing/fake-api';
import { renderApp } from '@/testing/render-app';
import { pickOption, typeInSelect } from '@/testing/select';
import { setupUser } from '@/testing/user';
import { ACCOUNT_FIELDS, ACCOUNT_ID, account, requestsTo, salesServer } from '../testing/sales-server';

configure({ asyncUtilTimeout: 5000 });

const DETAIL_FIELDS = { ...ACCOUNT_FIELDS, tier: 'edit', parentAccountId: 'edit', website: 'edit', taxNumber: 'edit', billingAddress: 'edit', shippingAddress: 'edit' } as const;
const DUPLICATE_ID = '0190a0b0-0000-7000-8000-00000000d001';
const NEW_ID = '0190a0b0-0000-7000-8000-00000000d002';

describe('account details, duplicates, merge and search', { timeout: 30_000 }, () => {
  it('warns about duplicates while typing, links them, and creates anyway with tier, tax number and address', async () => {
    const created = account({ id: NEW_ID, name: '徐州恒达工程机械', tier: 'key' });
    const { fetch, requests } = salesServer({
      accountLevels: { read: 'team', create: 'team', update: 'team', delete: 'own', reassign: 'none' },
      accountFields: DETAIL_FIELDS,
      routes: {
        'GET /api/v1/accounts': () => json({ data: [], nextCursor: null, total: 0 }),
        'GET /api/v1/accounts/duplicates': (request) =>
          json(new URL(request.url).searchParams.get('name') ? [{ id: DUPLICATE_ID, name: '徐州恒达工程机械有限公司', matchedOn: ['name'] }] : []),
        'POST /api/v1/accounts': () => json({ ...created, possibleDuplicates: [] }, 201),
        [`GET /api/v1/accounts/${NEW_ID}`]: () => json(created),
        [`GET /api/v1/accounts/${NEW_ID}/contacts`]: () => json({ data: [], nextCursor: null }),
        [`GET /api/v1/accounts/${NEW_ID}/opportunities`]: () => json({ data: [], nextCursor: null }),
      },
    });
    const { router } = await renderApp('/sales', { fetch, language: 'en' });
    const user = setupUser();
    await user.click(await screen.findByTestId('account-new'));
    await user.type(await screen.findByTestId('form-name'), '徐州恒达工程机械');

    const warning = await screen.findByTestId('account-duplicates');
    expect(within(warning).getByTestId('account-duplicate-link').getAttribute('href')).toBe(`/sales/accounts/${DUPLICATE_ID}`);
    expect(within(warning).getByText('same name')).toBeTruthy();
    expect(screen.getByTestId('create-submit').textContent).toContain('Create anyway');

    await pickOption('form-tier', 'Key');
    await user.type(screen.getByTestId('form-taxNumber'), '91320300MA1MABCD1G');
    await user.type(screen.getByTestId('form-billingAddress-city'), '徐州市');
    await user.click(screen.getByTestId('create-submit'));

    await waitFor(() => expect(router.state.location.pathname).toBe(`/sales/accounts/${NEW_ID}`));
    const [post] = requestsTo(requests, 'POST', '/api/v1/accounts');
    expect(await post.json()).toEqual({ name: '徐州恒达工程机械', kind: 'company', tier: 'key', taxNumber: '91320300MA1MABCD1G', billingAddress: { city: '徐州市' } });
  });

  it('refuses a malformed tax number before sending', async () => {
    const { fetch, requests } = salesServer({
      language: 'zh-CN',
      accountLevels: { read: 'team', create: 'team', update: 'team', delete: 'own', reassign: 'none' },
      accountFields: DETAIL_FIELDS,
      routes: { 'GET /api/v1/accounts': () => json({ data: [], nextCursor: null, total: 0 }), 'GET /api/v1/accounts/duplicates': () => json([]) },
    });
    await renderApp('/sales', { fetch, language: 'zh-CN' });
    const user = setupUser();
    await user.click(await screen.findByTestId('account-new'));
    await user.type(await screen.findByTestId('form-name'), '新公司');
    await user.type(screen.getByTestId('form-taxNumber'), '9132030OMA1MABCD1G');
    await user.click(screen.getByTestId('create-submit'));
    expect(await screen.findByText('18 位：数字和大写字母（不含 I、O、S、V、Z）')).toBeTruthy();
    expect(requestsTo(requests, 'POST', '/api/v1/accounts')).toHaveLength(0);
  });

  it('merges a picked duplicate into the account with If-Match, after a preview of what moves; 403 is explained', async () => {
    let answer: 'ok' | 'forbidden' = 'forbidden';
    const { fetch, requests } = salesServer({
      accountFields: DETAIL_FIELDS,
      routes: {
        'GET /api/v1/accounts': () => json({ data: [account({ id: DUPLICATE_ID, name: '徐州恒达（重复）' })], nextCursor: null }),
        [`GET /api/v1/accounts/${DUPLICATE_ID}/contacts`]: () => json({ data: [], nextCursor: null, total: 4 }),
        [`GET /api/v1/accounts/${DUPLICATE_ID}/opportunities`]: () => json({ data: [], nextCursor: null, total: 2 }),
        [`POST /api/v1/accounts/${ACCOUNT_ID}/merge`]: () =>
          answer === 'forbidden'
            ? problem(403, 'forbidden', { detail: 'You may not delete the source account' })
            : json({ target: account({ version: 4 }), sourceAccountId: DUPLICATE_ID, moved: { 'contacts.account_id': 4, 'opportunities.account_id': 2, 'activities.account_id': 1 }, filledFields: [] }),
      },
    });
    await renderApp(`/sales/accounts/${ACCOUNT_ID}`, { fetch, language: 'en' });
    const user = setupUser();
    await user.click(await screen.findByTestId('account-merge'));
    typeInSelect('merge-source', '重复');
    await pickOption('merge-source', '徐州恒达（重复）');
    expect((await screen.findByTestId('merge-preview')).textContent).toContain('4 contacts and 2 opportunities');

    await user.click(screen.getByTestId('merge-confirm'));
    expect((await screen.findByTestId('merge-error')).textContent).toContain('not delete the other one');
    answer = 'ok';
    await user.click(screen.getByTestId('merge-confirm'));
    await waitFor(() => expect(screen.queryByTestId('merge-dialog')).toBeNull());
    const merges = requestsTo(requests, 'POST', `/api/v1/accounts/${ACCOUNT_ID}/merge`);
    expect(merges).toHaveLength(2);
    expect(merges[1].headers.get('If-Match')).toBe('W/"3"');
    expect(await merges[1].json()).toEqual({ sourceAccountId: DUPLICATE_ID });
  });

  it('searches accounts, contacts and leads from one box and opens the pick', async () => {
    const { fetch, requests } = salesServer({
      language: 'zh-CN',
      routes: {
        'GET /api/v1/accounts': () => json({ data: [], nextCursor: null, total: 0 }),
        'GET /api/v1/search': () => json({ accounts: [account()], contacts: [{ id: '0190a0b0-0000-7000-8000-00000000c009', name: '李建国', title: '采购经理', version: 1, createdAt: '', updatedAt: '' }], leads: [] }),
      },
    });
    const { router } = await renderApp('/sales', { fetch, language: 'zh-CN' });
    const box = within(await screen.findByTestId('global-search')).getByRole('combobox');
    fireEvent.change(box, { target: { value: '恒达' } });
    const option = await screen.findByText('李建国 · 采购经理');
    // The group heading in the dropdown (the sales tabs have a "联系人" too).
    expect(within(option.closest<HTMLElement>('.ant-select-dropdown')!).getByText('联系人')).toBeTruthy();
    const [search] = requestsTo(requests, 'GET', '/api/v1/search');
    expect(new URL(search.url).searchParams.get('q')).toBe('恒达');
    fireEvent.click(option);
    await waitFor(() => expect(router.state.location.pathname).toBe('/sales/contacts/0190a0b0-0000-7000-8000-00000000c009'));
  });
});
