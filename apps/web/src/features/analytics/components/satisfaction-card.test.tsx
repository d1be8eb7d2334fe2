import { configure, screen, waitFor, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { catchDownloads } from '@/testing/downloads';
import { json, problem } from '@/testing/fake-api';
import { renderApp } from '@/testing/render-app';
import { analyticsServer, CATEGORY_ID } from '../testing/analytics-server';

configure({ asyncUtilTimeout: 15_000 });

const asked = (requests: Request[]) => requests.filter((r) => new URL(r.url).pathname === '/api/v1/reports/satisfaction').map((r) => Object.fromEntries(new URL(r.url).searchParams));
const readText = (blob: Blob) =>
  new Promise<string>((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error);
    reader.readAsText(blob);
  });

describe('SatisfactionCard', { timeout: 60_000 }, () => {
  it('the general manager sees every metric of the last period with its growth, the period table and the items', async () => {
    const { fetch, requests } = analyticsServer('gm');
    const downloads = catchDownloads();
    await renderApp('/analytics?from=2026-01-01&to=2026-12-31', { fetch, language: 'en' });
    const card = await screen.findByTestId('analytics-satisfaction');
    await waitFor(() => expect(within(card).getByTestId('satisfaction-serviceFrequency').textContent).toContain('1.5000'));
    expect(within(card).getByTestId('satisfaction-serviceFrequency').textContent).toContain('25.0%');
    expect(within(card).getByTestId('satisfaction-averageRevenuePerItem').textContent).toContain('CNY 50,000.00');
    expect(within(card).getByTestId('satisfaction-churnedCustomers').textContent).toContain('-33.3%');
    const table = within(card).getByTestId('satisfaction-table');
    expect(within(table).getAllByRole('columnheader').map((c) => c.textContent)).toEqual([
      'Period', 'Existing customers', 'Active customers', 'Referrals per existing customer', 'Service frequency', 'Customers lost', 'Customers attracted', 'Average revenue per service item', 'Churn rate',
    ]);
    const items = within(card).getByTestId('satisfaction-items');
    expect(within(items).getByText('Excavators')).toBeTruthy();
    expect(within(items).getByText('CNY 45,000.00')).toBeTruthy();
    expect(await within(card).findByTestId('satisfaction-chart')).toBeTruthy();
    expect(asked(requests)).toContainEqual({ from: '2026-01-01', to: '2026-12-31', period: 'quarter', itemBy: 'category', currency: 'CNY', include: 'revenue' });
    await userEvent.click(within(card).getByTestId('satisfaction-items-export'));
    await waitFor(() => expect(downloads).toHaveLength(1));
    expect(downloads[0].filename).toBe('satisfaction-2026-01-01-2026-12-31-quarter-category.csv');
    expect((await readText(downloads[0].blob)).replace(/^\uFEFF/, '').split('\r\n')).toEqual([
      'Product category,Customers attracted,Revenue (net),Quantity,Customers,Average revenue per unit,Average revenue per customer,Currency',
      'Excavators,5,180000.00,6.000,4,30000.00,45000.00,CNY',
      '',
    ]);
  });

  it('by month on request; exports the periods as CSV in the caller\'s language', async () => {
    const { fetch, requests } = analyticsServer('rep', { language: 'zh-CN' });
    const downloads = catchDownloads();
    await renderApp('/analytics?from=2026-01-01&to=2026-12-31', { fetch, language: 'zh-CN' });
    const card = await screen.findByTestId('analytics-satisfaction');
    await waitFor(() => expect(within(card).getByTestId('satisfaction-table')).toBeTruthy());
    await userEvent.click(within(within(card).getByTestId('satisfaction-period')).getByText('月'));
    await waitFor(() => expect(asked(requests).some((q) => q.period === 'month')).toBe(true));
    await userEvent.click(within(card).getByTestId('satisfaction-export'));
    await waitFor(() => expect(downloads).toHaveLength(1));
    expect(downloads[0].filename).toBe('satisfaction-2026-01-01-2026-12-31-month.csv');
    const lines = (await readText(downloads[0].blob)).replace(/^\uFEFF/, '').split('\r\n');
    expect(lines[0].split(',').slice(0, 5)).toEqual(['期间', '老客户数', '活跃客户数', '购买天数', '老客户平均介绍数']);
    // A leading minus that is not a plain number is defused for spreadsheets (toCsv).
    expect(lines[2]).toBe("2026-Q4,42,12,18,0.0952,90.4%,1.5000,25.0%,2,'-33.3%,4,100.0%,50000.00,66.7%,4,20.0%,150000.00,CNY");
  });

  it('the quality inspector: counts only, never revenue nor referrals', async () => {
    const { fetch, requests } = analyticsServer('quality');
    await renderApp('/analytics', { fetch, language: 'en' });
    const card = await screen.findByTestId('analytics-satisfaction');
    await waitFor(() => expect(within(card).getByTestId('satisfaction-attractedCustomers').textContent).toContain('4'));
    expect(within(card).queryByTestId('satisfaction-averageRevenuePerItem')).toBeNull();
    expect(within(card).queryByTestId('satisfaction-referralsPerCustomer')).toBeNull();
    expect(asked(requests).every((q) => q.include === undefined)).toBe(true);
  });

  it('an API refusal (403) shows as such, not as a failure', async () => {
    const refusing = analyticsServer('quality', { routes: { 'GET /api/v1/reports/satisfaction': () => problem(403, 'forbidden', { detail: 'You may not read: lines.lineTotal' }) } });
    await renderApp('/analytics', { fetch: refusing.fetch, language: 'en' });
    expect(await screen.findByTestId('satisfaction-forbidden')).toBeTruthy();
  });
  it('a period\'s lost or attracted customers and an item\'s attracted ones open the customers behind them, paged, linked and exportable', async () => {
    const A1 = '0190a0b0-0000-7000-8000-00000000d001';
    const A2 = '0190a0b0-0000-7000-8000-00000000d002';
    const customers = (url: URL) => {
      const second = url.searchParams.get('cursor') === 'next';
      return json({
        data: second
          ? [{ accountId: A2, name: null, accountVisible: false, firstOrderOn: '2025-05-01', lastOrderOn: '2026-08-30' }]
          : [{ accountId: A1, name: '徐州恒达工程机械有限公司', accountVisible: true, firstOrderOn: '2024-03-01', lastOrderOn: '2026-09-15' }],
        nextCursor: second ? null : 'next',
        kind: url.searchParams.get('kind'),
        from: '2026-10-01',
        to: '2026-12-31',
      });
    };
    const drilled = (requests: Request[], path: string) => requests.filter((r) => new URL(r.url).pathname === path).map((r) => Object.fromEntries(new URL(r.url).searchParams));
    const { fetch, requests } = analyticsServer('gm', {
      language: 'zh-CN',
      routes: {
        'GET /api/v1/reports/satisfaction/customers': (request) => customers(new URL(request.url)),
        'GET /api/v1/reports/satisfaction/customers/export': () =>
          new Response('\uFEFFaccountId,name,firstOrderOn,lastOrderOn\n', { headers: { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': 'attachment; filename="churned-customers-2026-12-03.csv"' } }),
      },
    });
    const downloads = catchDownloads();
    const { router } = await renderApp('/analytics?from=2026-01-01&to=2026-12-31', { fetch, language: 'zh-CN' });
    const card = await screen.findByTestId('analytics-satisfaction');
    await userEvent.click(await within(card).findByTestId('satisfaction-drill-churned-2026-Q4'));
    const drawer = await screen.findByTestId('satisfaction-customers');
    expect(within(drawer).getByText('2026-Q4 流失的客户')).toBeTruthy();
    await waitFor(() => expect(drilled(requests, '/api/v1/reports/satisfaction/customers')).toEqual([{ from: '2026-01-01', to: '2026-12-31', period: 'quarter', kind: 'churned', start: '2026-10-01', limit: '50' }]));
    const table = await within(drawer).findByTestId('satisfaction-customers-table');
    expect(within(table).getAllByRole('row').slice(1).map((r) => within(r).getAllByRole('cell').map((c) => c.textContent))).toEqual([['徐州恒达工程机械有限公司', '2024-03-01', '2026-09-15']]);
    await userEvent.click(within(drawer).getByTestId('satisfaction-customers-more'));
    // The second page: an account seen only through its order, without a name or a link.
    expect(await within(table).findByText('您无权查看的客户')).toBeTruthy();
    expect(within(table).getAllByRole('link').map((a) => a.getAttribute('href'))).toEqual([`/sales/accounts/${A1}`]);
    await userEvent.click(within(drawer).getByTestId('satisfaction-customers-export'));
    await waitFor(() => expect(downloads.map((d) => d.filename)).toEqual(['churned-customers-2026-12-03.csv']));
    expect(drilled(requests, '/api/v1/reports/satisfaction/customers/export')).toEqual([{ from: '2026-01-01', to: '2026-12-31', period: 'quarter', kind: 'churned', start: '2026-10-01' }]);
    await userEvent.click(within(table).getByText('徐州恒达工程机械有限公司'));
    await waitFor(() => expect(router.state.location.pathname).toBe(`/sales/accounts/${A1}`));
  });

  it('an item\'s attracted customers, in English', async () => {
    const { fetch, requests } = analyticsServer('gm', {
      routes: { 'GET /api/v1/reports/satisfaction/customers': (request) => json({ data: [], nextCursor: null, kind: new URL(request.url).searchParams.get('kind'), from: '2026-01-01', to: '2026-12-31' }) },
    });
    await renderApp('/analytics?from=2026-01-01&to=2026-12-31', { fetch, language: 'en' });
    const card = await screen.findByTestId('analytics-satisfaction');
    await userEvent.click(await within(card).findByTestId(`satisfaction-drill-item-${CATEGORY_ID}`));
    const drawer = await screen.findByTestId('satisfaction-customers');
    expect(within(drawer).getByText(/^Customers attracted by Excavators \(/)).toBeTruthy();
    await waitFor(() =>
      expect(requests.filter((r) => new URL(r.url).pathname === '/api/v1/reports/satisfaction/customers').map((r) => Object.fromEntries(new URL(r.url).searchParams)))
        .toEqual([{ from: '2026-01-01', to: '2026-12-31', period: 'quarter', kind: 'attracted', itemBy: 'category', item: CATEGORY_ID, limit: '50' }]),
    );
    // Each period's lost and attracted counts open their customers too.
    expect(within(card).getByTestId('satisfaction-drill-attracted-2026-Q3').textContent).toBe('2');
  });
});
