import { configure, screen, waitFor, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { json } from '@/testing/fake-api';
import { catchDownloads } from '@/testing/downloads';
import { renderApp } from '@/testing/render-app';
import { bucketLabelKey, drillDown, moneyLevel, orderBuckets, ranking, type CustomerInsight } from '../api/customers';
import { sortOptions } from '../components/customer-list-card';
import { analyticsServer, CALLERS } from '../testing/analytics-server';
import { customerPageState } from './customers-page';

configure({ asyncUtilTimeout: 15_000 });

const asked = (requests: Request[], path: string) => requests.filter((r) => r.method === 'GET' && new URL(r.url).pathname === path).map((r) => Object.fromEntries(new URL(r.url).searchParams));
const READ_ALL = { read: 'all', create: 'none', update: 'none', delete: 'none', reassign: 'none' };
const A1 = '0190a0b0-0000-7000-8000-00000000c001';
const A2 = '0190a0b0-0000-7000-8000-00000000c002';

const customer = (accountId: string, name: string, figures: Partial<CustomerInsight>): CustomerInsight => ({
  accountId, name, ownerId: null, ownerName: '王磊', teamId: null, teamName: '华东一组', rfmSegment: null, lifecycleStage: null, behaviourClass: null,
  rfmRecency: null, rfmFrequency: null, rfmMonetary: null, orders: 3, purchaseDays: 3, firstPurchaseOn: '2022-03-01', lastPurchaseOn: '2024-06-01',
  predictedTransactions: null, probabilityAlive: null, loyaltyIndex: null, ...figures,
});

/** The customer endpoints as the API answers them: money only with `include`, figures as decimal strings. */
function customersServer(caller: 'gm' | 'quality', language: 'en' | 'zh-CN' = 'en') {
  const rights = CALLERS[caller];
  return analyticsServer(caller, {
    language,
    routes: {
      'GET /api/v1/me/permissions': () =>
        json({ objects: [{ objectType: 'order', levels: rights.order.levels, fields: rights.order.fields }, { objectType: 'analytics', levels: READ_ALL, fields: {} }] }),
      'GET /api/v1/analytics/customers/distribution': (request) => {
        const url = new URL(request.url);
        const money = url.searchParams.get('include');
        const bucket = (key: string | null, customers: number, revenue: string, clv: string | null) => ({ key, customers, ...(money ? { revenue, predictedClv: clv } : {}), ...(money === 'profit' ? { profit: '1.00', historicClv: clv } : {}) });
        return json({
          by: url.searchParams.get('by'),
          run: { id: '0190a0b0-0000-7000-8000-0000000000aa', asOf: '2026-12-01', finishedAt: '2026-12-01T02:31:00.000Z' },
          customers: 5,
          buckets: [bucket(null, 2, '0.00', null), bucket('champions', 3, '6200.00', '7500.00')],
          // The server's base currency, whatever it is: the labels follow it.
          currency: 'EUR',
        });
      },
      'GET /api/v1/analytics/customers/retention': () =>
        json({ run: null, years: [{ year: 2023, active: 2, retained: 0, churned: 0, gained: 2, retentionRate: null }, { year: 2024, active: 3, retained: 1, churned: 1, gained: 2, retentionRate: '0.5000' }], currency: 'EUR' }),
      'GET /api/v1/analytics/customers/export': (request) => {
        const format = new URL(request.url).searchParams.get('format') ?? 'csv';
        const type = format === 'xlsx' ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : 'text/csv; charset=utf-8';
        return new Response(format === 'xlsx' ? new Uint8Array([0x50, 0x4b, 3, 4]) : '\uFEFFaccountId,name\n', { headers: { 'Content-Type': type, 'Content-Disposition': `attachment; filename="customers-2026-12-03.${format}"` } });
      },
      'GET /api/v1/analytics/customers': (request) => {
        const money = new URL(request.url).searchParams.get('include');
        const strip = (c: CustomerInsight) => (money ? { ...c, revenue: '1000.00', predictedClv: c.predictedClv ?? null, expectedSpend: null } : c);
        return json({ data: [customer(A1, '徐州恒达工程机械有限公司', { rfmSegment: 'champions', lifecycleStage: 'mature', loyaltyIndex: '0.9000', predictedClv: '500.00' }), customer(A2, 'Insight a3', {})].map(strip), nextCursor: null, currency: 'EUR' });
      },
    },
  });
}

describe('customer dashboard logic', () => {
  it('asks for money only as far as the order fields are readable', () => {
    expect(moneyLevel(true, true)).toBe('profit');
    expect(moneyLevel(true, false)).toBe('revenue');
    expect(moneyLevel(false, false)).toBeUndefined();
    expect(sortOptions(undefined)).toEqual(['-loyalty']);
    expect(sortOptions('revenue')).toEqual(['-loyalty', '-predictedClv', '-revenue']);
    expect(sortOptions('profit')).toContain('-historicClv');
  });

  it('drills down to one bucket, the unscored one included', () => {
    expect(drillDown('stage', 'mature')).toEqual({ stage: 'mature' });
    expect(drillDown('segment', null)).toEqual({ segment: 'unscored' });
  });

  it('orders buckets as the library names them, unknown after, unscored last', () => {
    const ordered = orderBuckets('stage', [{ key: null, customers: 9 }, { key: 'terminated', customers: 1 }, { key: 'custom', customers: 5 }, { key: 'potential', customers: 2 }]);
    expect(ordered.map((b) => b.key)).toEqual(['potential', 'terminated', 'custom', null]);
  });

  it('labels a name it does not know by the name itself (a configured segment)', () => {
    expect(bucketLabelKey('segment', 'made_up')).toBeNull();
    expect(bucketLabelKey('class', null)).toBe('analytics.customers.unscored');
  });

  it('ranks only customers that have the figure', () => {
    const rows = [customer(A1, 'A', { predictedClv: '5.00' }), customer(A2, 'B', { predictedClv: null })];
    expect(ranking(rows, 'predictedClv')).toEqual([{ accountId: A1, name: 'A', value: '5.00' }]);
  });

  it('reads its state from the URL, falling back to what the caller may sort by', () => {
    const state = customerPageState(new URLSearchParams('by=stage&class=unscored&sort=-historicClv'), sortOptions('revenue'));
    expect(state).toEqual({ by: 'stage', filter: { by: 'class', key: 'unscored' }, sort: '-predictedClv' });
    expect(customerPageState(new URLSearchParams('by=nonsense'), sortOptions(undefined))).toEqual({ by: 'segment', filter: undefined, sort: '-loyalty' });
  });
});

describe('CustomersPage', { timeout: 60_000 }, () => {
  it('the general manager sees the distribution, the ranking and the list, and a bucket drills down to its customers', async () => {
    const { fetch, requests } = customersServer('gm', 'zh-CN');
    const { router } = await renderApp('/analytics/customers', { fetch, language: 'zh-CN' });
    const table = await screen.findByTestId('customers-distribution-table');
    const rows = within(table).getAllByRole('row').slice(1).map((r) => within(r).getAllByRole('cell').map((c) => c.textContent));
    expect(rows).toEqual([
      ['重要价值客户', '3', 'EUR 6,200.00', 'EUR 7,500.00', 'EUR 7,500.00'],
      ['未评分', '2', 'EUR 0.00', '—', '—'],
    ]);
    expect(screen.getByTestId('customers-currency').textContent).toContain('EUR');
    expect(await screen.findByTestId('customers-distribution-chart')).toBeTruthy();
    expect(await screen.findByTestId('customers-ranking-predictedClv')).toBeTruthy();
    expect(screen.getByTestId('customers-run').textContent).toContain('2026-12-01');
    const list = await screen.findByTestId('customers-table');
    expect(await within(list).findByText('徐州恒达工程机械有限公司')).toBeTruthy();
    expect(asked(requests, '/api/v1/analytics/customers/distribution')).toContainEqual({ by: 'segment', include: 'profit' });
    expect(asked(requests, '/api/v1/analytics/customers')).toContainEqual({ sort: '-predictedClv', limit: '50', include: 'profit' });

    await userEvent.click(within(table).getByText('未评分'));
    await waitFor(() => expect(router.state.location.search).toContain('segment=unscored'));
    await waitFor(() => expect(asked(requests, '/api/v1/analytics/customers')).toContainEqual({ sort: '-predictedClv', limit: '50', include: 'profit', segment: 'unscored' }));
    expect(screen.getByTestId('customers-filter').textContent).toContain('未评分');

    await userEvent.click(within(await screen.findByTestId('customers-table')).getByText('徐州恒达工程机械有限公司'));
    await waitFor(() => expect(router.state.location.pathname).toBe(`/sales/accounts/${A1}`));
  });

  it('exports the list as shown, as CSV or as an Excel workbook', async () => {
    const saved = catchDownloads();
    const { fetch, requests } = customersServer('gm', 'en');
    await renderApp('/analytics/customers', { fetch, language: 'en' });
    await within(await screen.findByTestId('customers-table')).findByText('徐州恒达工程机械有限公司');
    expect(screen.getByTestId('customers-export').textContent).toBe('Export CSV');
    expect(screen.getByTestId('customers-export-xlsx').textContent).toBe('Export Excel');
    await userEvent.click(screen.getByTestId('customers-export-xlsx'));
    await waitFor(() => expect(saved).toHaveLength(1));
    await userEvent.click(screen.getByTestId('customers-export'));
    await waitFor(() => expect(saved).toHaveLength(2));
    expect(asked(requests, '/api/v1/analytics/customers/export')).toEqual([
      { sort: '-predictedClv', include: 'profit', format: 'xlsx' },
      { sort: '-predictedClv', include: 'profit' },
    ]);
    expect(saved.map((file) => file.filename)).toEqual(['customers-2026-12-03.xlsx', 'customers-2026-12-03.csv']);
  });

  it('the quality inspector sees counts and retention, never asks for money', async () => {
    const { fetch, requests } = customersServer('quality');
    await renderApp('/analytics/customers?by=stage', { fetch, language: 'en' });
    const table = await screen.findByTestId('customers-distribution-table');
    expect(within(table).getAllByRole('columnheader').map((c) => c.textContent)).toEqual(['Lifecycle stage', 'Customers']);
    expect(screen.getByTestId('customers-no-money')).toBeTruthy();
    expect(screen.queryByTestId('customers-ranking')).toBeNull();
    const retention = await screen.findByTestId('customers-retention-table');
    expect(within(retention).getByText('50.0%')).toBeTruthy();
    for (const path of ['/api/v1/analytics/customers/distribution', '/api/v1/analytics/customers/retention', '/api/v1/analytics/customers']) {
      expect(asked(requests, path).length).toBeGreaterThan(0);
      expect(asked(requests, path).every((query) => query.include === undefined && !/Clv|revenue/.test(query.sort ?? ''))).toBe(true);
    }
  });

  it('without analytics read, says so and asks nothing', async () => {
    const { fetch, requests } = analyticsServer('rep');
    await renderApp('/analytics/customers', { fetch, language: 'en' });
    expect(await screen.findByTestId('customers-forbidden')).toBeTruthy();
    expect(asked(requests, '/api/v1/analytics/customers/distribution')).toHaveLength(0);
  });
});
