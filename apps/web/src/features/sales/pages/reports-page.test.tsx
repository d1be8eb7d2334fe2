import { configure, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { catchDownloads } from '@/testing/downloads';
import { json } from '@/testing/fake-api';
import { renderApp } from '@/testing/render-app';
import { ME, ORDER_PRICE_HIDDEN, READ_ALL, REP_E2_ID, requestsTo, salesServer } from '../testing/sales-server';

configure({ asyncUtilTimeout: 15_000 });

const row = (key: string | null, label: string | null, labelEn: string | null, figures: [number, string, string, string, string]) => ({
  key, label, labelEn, orderCount: figures[0], quantity: null, bookedNet: figures[1], bookedGross: figures[2], paid: figures[3], outstanding: figures[4],
});

const BY_OWNER = {
  groupBy: 'owner', period: 'month', currency: 'CNY', from: '2026-01-01', to: '2026-12-31',
  rows: [row(ME.id, '王磊', 'Wang Lei', [3, '1234567.89', '1395061.72', '1000000.00', '395061.72']), row(REP_E2_ID, '张伟', 'Zhang Wei', [1, '0.30', '0.30', '0.00', '0.30'])],
  totals: row(null, null, null, [4, '1234568.19', '1395062.02', '1000000.00', '395062.02']),
};

const BY_QUARTER = {
  ...BY_OWNER, groupBy: 'period', period: 'quarter',
  rows: [row('2026-Q1', '2026-Q1', '2026-Q1', [4, '1234568.19', '1395062.02', '1000000.00', '395062.02'])],
};

const COMMISSION = {
  currency: 'CNY', from: '2026-01-01', to: '2026-12-31',
  rows: [{ ownerId: ME.id, name: '王磊', nameEn: 'Wang Lei', paymentCount: 2, commissionBasis: '1000192.11', bookedOrderCount: 3, bookedNet: '1234567.89', bookedGross: '1395061.72' }],
  totals: { ownerId: null, name: null, nameEn: null, paymentCount: 2, commissionBasis: '1000192.11', bookedOrderCount: 3, bookedNet: '1234567.89', bookedGross: '1395061.72' },
};

/** jsdom's Blob has no text(): read it as a browser would, through a FileReader. */
const readText = (blob: Blob) =>
  new Promise<string>((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error);
    reader.readAsText(blob);
  });

const reportServer = (language: 'en' | 'zh-CN' = 'en') =>
  salesServer({
    language,
    orderLevels: READ_ALL,
    paymentLevels: READ_ALL,
    routes: {
      'GET /api/v1/reports/sales': (request) => json(new URL(request.url).searchParams.get('groupBy') === 'period' ? BY_QUARTER : BY_OWNER),
      'GET /api/v1/reports/commission': () => json(COMMISSION),
    },
  });

describe('ReportsPage', { timeout: 60_000 }, () => {
  it('shows the report as the server summed it: groups, totals, money with its currency right-aligned, and the chart', async () => {
    const { fetch, requests } = reportServer();
    await renderApp('/sales/reports?from=2026-01-01&to=2026-12-31', { fetch, language: 'en' });
    const table = await screen.findByTestId('sales-report-table');
    expect(await within(table).findByText('Wang Lei')).toBeTruthy();
    const cell = within(table).getByText('CNY 1,395,061.72').closest('td');
    expect(cell?.style.textAlign).toBe('right');
    const totals = within(table).getByTestId('sales-report-totals');
    expect(within(totals).getByText('Total')).toBeTruthy();
    expect(within(totals).getByText('CNY 1,395,062.02')).toBeTruthy();
    expect(await screen.findByTestId('sales-report-chart')).toBeTruthy();
    const [asked] = requestsTo(requests, 'GET', '/api/v1/reports/sales');
    expect(Object.fromEntries(new URL(asked.url).searchParams)).toEqual({ groupBy: 'owner', period: 'month', from: '2026-01-01', to: '2026-12-31', currency: 'CNY' });
  });

  it('asks for another grouping and granularity, and keeps them in the URL', async () => {
    const { fetch, requests } = reportServer('zh-CN');
    await renderApp('/sales/reports?from=2026-01-01&to=2026-12-31', { fetch, language: 'zh-CN' });
    await screen.findByTestId('sales-report-table');
    await userEvent.click(screen.getByTestId('reports-group-period'));
    expect(await within(screen.getByTestId('sales-report-table')).findByText('2026-Q1')).toBeTruthy();
    expect(screen.getByTestId('reports-period')).toBeTruthy();
    await waitFor(() => expect(requestsTo(requests, 'GET', '/api/v1/reports/sales').some((r) => new URL(r.url).searchParams.get('groupBy') === 'period')).toBe(true));
    expect(within(screen.getByTestId('sales-report-table')).getAllByRole('columnheader').map((c) => c.textContent)).toEqual(['期间', '订单数', '订单额（不含税）', '订单额（含税）', '已回款', '未回款']);
    fireEvent.change(screen.getByTestId('reports-from'), { target: { value: '2026-04-01' } });
    await waitFor(() => expect(requestsTo(requests, 'GET', '/api/v1/reports/sales').some((r) => new URL(r.url).searchParams.get('from') === '2026-04-01')).toBe(true));
  });

  it('the commission tab lists the basis per rep, and the CSV holds what the table shows', async () => {
    const { fetch } = reportServer();
    const downloads = catchDownloads();
    await renderApp('/sales/reports?from=2026-01-01&to=2026-12-31', { fetch, language: 'en' });
    await userEvent.click(await screen.findByTestId('reports-view-commission'));
    const table = await screen.findByTestId('commission-table');
    expect(await within(table).findByText('Wang Lei')).toBeTruthy();
    expect(within(within(table).getByTestId('commission-totals')).getByText('CNY 1,000,192.11')).toBeTruthy();
    await userEvent.click(screen.getByTestId('reports-download'));
    await waitFor(() => expect(downloads).toHaveLength(1));
    expect(downloads[0].filename).toBe('commission-2026-01-01-2026-12-31-CNY.csv');
    const text = await readText(downloads[0].blob);
    expect(text.replace(/^\uFEFF/, '').split('\r\n')).toEqual([
      'Rep,Payments,Commission basis,Orders booked,Booked (net of tax),Booked (with tax),Currency',
      '王磊 Wang Lei,2,1000192.11,3,1234567.89,1395061.72,CNY',
      'Total,2,1000192.11,3,1234567.89,1395061.72,CNY',
      '',
    ]);
  });

  it('the quality inspector (orders without amounts) gets a clear message, no chart, and asks nothing', async () => {
    const { fetch, requests } = salesServer({ orderLevels: READ_ALL, orderFields: ORDER_PRICE_HIDDEN });
    await renderApp('/sales/reports', { fetch, language: 'en' });
    expect(await screen.findByTestId('reports-forbidden')).toBeTruthy();
    expect(screen.getByText('Sales reports sum order amounts, which you may not read.')).toBeTruthy();
    expect(screen.queryByTestId('sales-report-chart')).toBeNull();
    expect(screen.queryByTestId('sales-tab-reports')).toBeNull();
    expect(requestsTo(requests, 'GET', '/api/v1/reports/sales')).toHaveLength(0);
  });

  it('without the right on payments there is no commission tab', async () => {
    const { fetch, requests } = salesServer({ orderLevels: READ_ALL, routes: { 'GET /api/v1/reports/sales': () => json(BY_OWNER) } });
    await renderApp('/sales/reports?view=commission', { fetch, language: 'en' });
    expect(await screen.findByTestId('sales-report-table')).toBeTruthy();
    expect(screen.queryByTestId('reports-view-commission')).toBeNull();
    expect(requestsTo(requests, 'GET', '/api/v1/reports/commission')).toHaveLength(0);
  });
});
