import { configure, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { json } from '@/testing/fake-api';
import { renderApp } from '@/testing/render-app';
import { ACCOUNT_ID, ORDER_PRICE_HIDDEN, READ_ALL, requestsTo, salesServer } from '../testing/sales-server';

configure({ asyncUtilTimeout: 5000 });

const AGEING = { currency: 'CNY', current: '3.03', days1To30: '12.12', days31To60: '48.49', days61To90: '192.92', daysOver90: '256.56', total: '513.12', overdue: '510.09', orderCount: 10 };

describe('ReceivablesPage', { timeout: 20_000 }, () => {
  it('shows the ageing per currency and per account as the server summed it', async () => {
    const { fetch } = salesServer({
      language: 'zh-CN',
      orderLevels: READ_ALL,
      routes: { 'GET /api/v1/receivables': () => json({ asOf: '2026-12-02', totals: [AGEING], accounts: [{ ...AGEING, accountId: ACCOUNT_ID, accountName: '徐州恒达工程机械有限公司' }] }) },
    });
    await renderApp('/sales/receivables', { fetch, language: 'zh-CN' });
    const totals = await screen.findByTestId('receivables-totals');
    expect(await within(totals).findByText('256.56')).toBeTruthy();
    expect(within(totals).getAllByRole('columnheader').map((cell) => cell.textContent)).toEqual(['币种', '未到期', '1–30 天', '31–60 天', '61–90 天', '90 天以上', '逾期', '合计']);
    expect(within(screen.getByTestId('receivables-accounts')).getByText('徐州恒达工程机械有限公司')).toBeTruthy();
  });

  it('tells who may not read order amounts, and asks nothing', async () => {
    const { fetch, requests } = salesServer({ orderLevels: READ_ALL, orderFields: ORDER_PRICE_HIDDEN });
    await renderApp('/sales/receivables', { fetch, language: 'en' });
    expect(await screen.findByTestId('receivables-forbidden')).toBeTruthy();
    expect(requestsTo(requests, 'GET', '/api/v1/receivables')).toHaveLength(0);
  });

  it('the account page shows its receivables to who may read them', async () => {
    const { fetch } = salesServer({
      orderLevels: READ_ALL,
      routes: {
        [`GET /api/v1/accounts/${ACCOUNT_ID}/receivables`]: () =>
          json({ asOf: '2026-12-02', accountId: ACCOUNT_ID, totals: [AGEING], orders: [{ orderId: 'o1', number: 'SO-2026-000007', currency: 'CNY', dueDate: '2026-08-01', daysOverdue: 123, bucket: '90+', total: '256.56', outstandingAmount: '256.56' }] }),
        'GET /api/v1/receivables': () => json({ asOf: '2026-12-02', totals: [], accounts: [] }),
      },
    });
    await renderApp(`/sales/accounts/${ACCOUNT_ID}`, { fetch, language: 'en' });
    const card = await screen.findByTestId('account-receivables');
    expect(await within(card).findByText('SO-2026-000007')).toBeTruthy();
    expect(within(card).getAllByText('CNY 256.56').length).toBeGreaterThan(0);
  });
});
