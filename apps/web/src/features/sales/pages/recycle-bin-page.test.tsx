import { configure, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { json, problem } from '@/testing/fake-api';
import { renderApp } from '@/testing/render-app';
import { ACCOUNT_ID, CONTACT_ID, ME, REP_LEVELS, TEAMMATE_ID, account, contact, requestsTo, salesServer } from '../testing/sales-server';

configure({ asyncUtilTimeout: 5000 });

const NO_DELETE = { ...REP_LEVELS, delete: 'none' };
const binned = { deletedAt: '2026-11-30T08:00:00.000Z', deletedBy: TEAMMATE_ID };

describe('RecycleBinPage', { timeout: 20_000 }, () => {
  it('lists the binned accounts with who deleted them, restores one and refetches the bin', async () => {
    let inBin = true;
    const { fetch, requests } = salesServer({
      language: 'en',
      routes: {
        'GET /api/v1/accounts/recycle-bin': () => json({ data: inBin ? [account({ ...binned, myAccess: undefined })] : [], nextCursor: null }),
        [`POST /api/v1/accounts/${ACCOUNT_ID}/restore`]: () => {
          inBin = false;
          return json(account());
        },
      },
    });
    await renderApp('/sales/recycle-bin', { fetch, language: 'en' });

    const table = await screen.findByTestId('recycle-bin-table');
    expect(await within(table).findByText('徐州恒达工程机械有限公司')).toBeTruthy();
    expect(await within(table).findByText('Li Jing')).toBeTruthy();
    fireEvent.click(screen.getByTestId(`restore-${ACCOUNT_ID}`));

    expect(await screen.findByText('Restored: 徐州恒达工程机械有限公司')).toBeTruthy();
    await waitFor(() => expect(within(table).getByText('Nothing in the recycle bin')).toBeTruthy());
    expect(requestsTo(requests, 'POST', `/api/v1/accounts/${ACCOUNT_ID}/restore`)).toHaveLength(1);
    expect(requestsTo(requests, 'GET', '/api/v1/accounts/recycle-bin').length).toBeGreaterThanOrEqual(2);
    expect(screen.getByTestId('recycle-bin-open-restored').getAttribute('href')).toBe(`/sales/accounts/${ACCOUNT_ID}`);
  });

  it('says to restore the account first when a contact’s account is binned too (409)', async () => {
    const { fetch } = salesServer({
      language: 'zh-CN',
      routes: {
        'GET /api/v1/accounts/recycle-bin': () => json({ data: [], nextCursor: null }),
        'GET /api/v1/contacts/recycle-bin': () => json({ data: [contact({ ...binned, deletedBy: ME.id, myAccess: undefined })], nextCursor: null }),
        [`POST /api/v1/contacts/${CONTACT_ID}/restore`]: () => problem(409, 'conflict', { errors: [{ field: 'accountId', message: 'is in the recycle bin' }] }),
      },
    });
    await renderApp('/sales/recycle-bin', { fetch, language: 'zh-CN' });

    fireEvent.click(await screen.findByTestId('recycle-bin-type-contact'));
    const table = screen.getByTestId('recycle-bin-table');
    expect(await within(table).findByText('李建国')).toBeTruthy();
    fireEvent.click(screen.getByTestId(`restore-${CONTACT_ID}`));
    expect(await screen.findByText('它所属的客户也在回收站中：请先恢复该客户。')).toBeTruthy();
  });

  it('offers only the types the caller may delete, and nothing to who may delete none', async () => {
    const { fetch, requests } = salesServer({ accountLevels: NO_DELETE, contactLevels: NO_DELETE, opportunityLevels: NO_DELETE, activityLevels: NO_DELETE });
    await renderApp('/sales/recycle-bin', { fetch });
    expect(await screen.findByTestId('recycle-bin-no-access')).toBeTruthy();
    expect(requests.some((request) => new URL(request.url).pathname.endsWith('/recycle-bin'))).toBe(false);
  });
});
