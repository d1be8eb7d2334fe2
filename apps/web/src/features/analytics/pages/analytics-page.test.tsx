import { configure, screen, waitFor, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { catchDownloads } from '@/testing/downloads';
import { renderApp } from '@/testing/render-app';
import { ACCOUNT_ID, analyticsServer, PIPELINE_ID, STAGE_IDS } from '../testing/analytics-server';

configure({ asyncUtilTimeout: 15_000 });

const asked = (requests: Request[], path: string) => requests.filter((r) => r.method === 'GET' && new URL(r.url).pathname === path).map((r) => Object.fromEntries(new URL(r.url).searchParams));

/** jsdom's Blob has no text(): read it as a browser would. */
const readText = (blob: Blob) =>
  new Promise<string>((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error);
    reader.readAsText(blob);
  });

describe('AnalyticsPage', { timeout: 60_000 }, () => {
  it('the general manager sees revenue, cost, profit and growth by month, as the server summed them', async () => {
    const { fetch, requests } = analyticsServer('gm');
    await renderApp('/analytics?from=2026-01-01&to=2026-12-31', { fetch, language: 'en' });
    const trend = await screen.findByTestId('analytics-trend');
    await waitFor(() => expect(within(trend).getByTestId('analytics-revenue').textContent).toContain('CNY 2,250,000.00'));
    expect(within(trend).getByTestId('analytics-profit').textContent).toContain('CNY 950,000.00');
    expect(within(trend).getAllByText('42.22%').length).toBeGreaterThan(0);
    expect(within(trend).getByTestId('analytics-uncosted').textContent).toContain('1 order line (CNY 1,200.00) has no known cost');
    const table = within(trend).getByTestId('analytics-trend-table');
    expect(within(table).getAllByRole('columnheader').map((c) => c.textContent)).toEqual(['Month', 'Orders', 'Revenue (net)', 'Cost', 'Profit', 'Margin', 'Revenue without known cost', 'Growth vs previous period', 'Growth vs a year earlier']);
    expect(within(table).getByText('25.0%')).toBeTruthy();
    expect(await screen.findByTestId('analytics-trend-chart')).toBeTruthy();
    expect(asked(requests, '/api/v1/reports/sales')).toContainEqual({ groupBy: 'period', period: 'month', from: '2026-01-01', to: '2026-12-31', currency: 'CNY', include: 'profit' });
  });

  it('shows the funnel stage by stage with conversions, and the forecast in the chosen currency', async () => {
    const { fetch, requests } = analyticsServer('gm', { language: 'zh-CN' });
    await renderApp('/analytics?from=2026-01-01&to=2026-12-31', { fetch, language: 'zh-CN' });
    const funnel = await screen.findByTestId('analytics-funnel-table');
    const rows = within(funnel).getAllByRole('row').slice(1).map((r) => within(r).getAllByRole('cell').map((c) => c.textContent));
    expect(rows).toEqual([
      ['初步接洽', '4', 'CNY 1,000.00', '—', '25.0%'],
      ['需求分析', '3', 'CNY 900.00', '75.0%', '33.3%'],
      ['方案报价', '2', 'CNY 500.00', '66.7%', '50.0%'],
      ['商务谈判', '1', 'CNY 300.00', '50.0%', '100.0%'],
      ['赢单', '1', 'CNY 300.00', '100.0%', '—'],
      ['输单', '1', 'CNY 400.00', '—', '—'],
    ]);
    expect(await screen.findByTestId('analytics-funnel-chart')).toBeTruthy();
    expect(await screen.findByTestId('analytics-forecast-chart')).toBeTruthy();
    expect(asked(requests, '/api/v1/reports/funnel')).toContainEqual({ from: '2026-01-01', to: '2026-12-31', currency: 'CNY' });
    expect(screen.getByText('销售漏斗（期间内创建的商机）')).toBeTruthy();
  });

  it('a rep sees revenue but no cost or profit, and never asks for them', async () => {
    const { fetch, requests } = analyticsServer('rep');
    await renderApp('/analytics?from=2026-01-01&to=2026-12-31', { fetch, language: 'en' });
    const trend = await screen.findByTestId('analytics-trend');
    await waitFor(() => expect(within(trend).getByTestId('analytics-revenue').textContent).toContain('CNY 2,250,000.00'));
    expect(screen.getByTestId('analytics-no-cost')).toBeTruthy();
    expect(within(trend).queryByTestId('analytics-profit')).toBeNull();
    const headers = within(within(trend).getByTestId('analytics-trend-table')).getAllByRole('columnheader').map((c) => c.textContent);
    expect(headers).toEqual(['Month', 'Orders', 'Revenue (net)', 'Growth vs previous period', 'Growth vs a year earlier']);
    const breakdown = await screen.findByTestId('analytics-breakdown-table');
    expect(within(breakdown).queryByText('Profit')).toBeNull();
    expect(asked(requests, '/api/v1/reports/sales').length).toBeGreaterThan(0);
    expect(asked(requests, '/api/v1/reports/sales').every((query) => query.include === undefined)).toBe(true);
    expect(await screen.findByTestId('analytics-funnel-table')).toBeTruthy();
  });

  it('the quality inspector (no amounts, no opportunities) sees the satisfaction counts only, and asks for no amount', async () => {
    const { fetch, requests } = analyticsServer('quality');
    await renderApp('/analytics', { fetch, language: 'en' });
    expect(await screen.findByTestId('analytics-satisfaction')).toBeTruthy();
    expect(screen.queryByTestId('analytics-forbidden')).toBeNull();
    expect(screen.queryByTestId('analytics-trend')).toBeNull();
    expect(asked(requests, '/api/v1/reports/satisfaction').every((query) => query.include === undefined)).toBe(true);
    expect(screen.queryByTestId('analytics-funnel')).toBeNull();
    for (const path of ['/api/v1/reports/sales', '/api/v1/reports/funnel', '/api/v1/opportunities/forecast']) expect(asked(requests, path)).toHaveLength(0);
  });

  it('the breakdown by customer lists the rows, exports them as CSV, and a row opens its orders', async () => {
    const { fetch, requests } = analyticsServer('gm');
    const downloads = catchDownloads();
    const { router } = await renderApp('/analytics?from=2026-01-01&to=2026-12-31', { fetch, language: 'en' });
    const table = await screen.findByTestId('analytics-breakdown-table');
    expect(await within(table).findByText('徐州恒达工程机械有限公司')).toBeTruthy();
    expect(asked(requests, '/api/v1/reports/sales')).toContainEqual({ groupBy: 'account', from: '2026-01-01', to: '2026-12-31', currency: 'CNY', include: 'profit' });
    await userEvent.click(screen.getByTestId('analytics-breakdown-export'));
    await waitFor(() => expect(downloads).toHaveLength(1));
    expect(downloads[0].filename).toBe('account-2026-01-01-2026-12-31-CNY.csv');
    expect((await readText(downloads[0].blob)).replace(/^\uFEFF/, '').split('\r\n')).toEqual([
      'Customer,Orders,Revenue (net),Cost,Profit,Margin,Revenue without known cost,Currency',
      '徐州恒达工程机械有限公司,5,2250000.00,1300000.00,950000.00,42.22%,0.00,CNY',
      'Total,5,2250000.00,1300000.00,950000.00,42.22%,1200.00,CNY',
      '',
    ]);
    await userEvent.click(within(table).getByText('徐州恒达工程机械有限公司'));
    await waitFor(() => expect(router.state.location.pathname).toBe('/sales/orders'));
    await waitFor(() => expect(asked(requests, '/api/v1/orders').some((q) => q.accountId === ACCOUNT_ID && q.orderDateFrom === '2026-01-01' && q.orderDateTo === '2026-12-31')).toBe(true));
  });

  it('a month of the trend opens that month\'s orders; a funnel stage the opportunities in it', async () => {
    const { fetch, requests } = analyticsServer('gm');
    const { router } = await renderApp('/analytics?from=2026-01-01&to=2026-12-31', { fetch, language: 'en' });
    const trend = await screen.findByTestId('analytics-trend-table');
    await userEvent.click(await within(trend).findByText('2026-11'));
    await waitFor(() => expect(asked(requests, '/api/v1/orders').some((q) => q.orderDateFrom === '2026-11-01' && q.orderDateTo === '2026-11-30')).toBe(true));
    await router.navigate('/analytics?from=2026-01-01&to=2026-12-31');
    const funnel = await screen.findByTestId('analytics-funnel-table');
    await userEvent.click(await within(funnel).findByText('Proposal'));
    await waitFor(() => expect(router.state.location.pathname).toBe('/sales/opportunities'));
    await waitFor(() => expect(asked(requests, '/api/v1/opportunities').some((q) => q.stageId === STAGE_IDS[2] && q.pipelineId === PIPELINE_ID)).toBe(true));
  });
});
