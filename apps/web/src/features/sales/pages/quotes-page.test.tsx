import { configure, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { json } from '@/testing/fake-api';
import { renderApp } from '@/testing/render-app';
import { pickOption } from '@/testing/select';
import { NO_LEVELS, QUOTE_FIELDS, quote, requestsTo, salesServer } from '../testing/sales-server';

configure({ asyncUtilTimeout: 5000 });

describe('QuotesPage', { timeout: 20_000 }, () => {
  it('lists the quotes with status and the total as the server sent it, and filters by status', async () => {
    const { fetch, requests } = salesServer({
      language: 'zh-CN',
      routes: {
        'GET /api/v1/quotes': () =>
          json({ data: [quote(), quote({ id: '0190a0b0-0000-7000-8000-0000000000a8', number: 'Q-2026-000043', status: 'pending_approval', grandTotal: '0.30', revision: 2 })], nextCursor: null, total: 2 }),
      },
    });
    await renderApp('/sales/quotes', { fetch, language: 'zh-CN' });

    const table = await screen.findByTestId('quotes-table');
    expect(await within(table).findByText('Q-2026-000042')).toBeTruthy();
    expect(within(table).getByText('CNY 3,557,407.39')).toBeTruthy();
    expect(within(table).getByText('CNY 0.30')).toBeTruthy();
    expect(within(table).getByText('待审批')).toBeTruthy();
    expect(within(table).getByText('Q-2026-000043 · 第 2 版')).toBeTruthy();
    expect(screen.getByTestId('quotes-total').textContent).toBe('共 2 份报价单');
    expect(screen.getByTestId('sales-tab-quotes')).toBeTruthy();

    await pickOption('quotes-status-filter', '已批准');
    await waitFor(() => expect(requestsTo(requests, 'GET', '/api/v1/quotes').some((r) => new URL(r.url).searchParams.get('status') === 'approved')).toBe(true));
    const [first] = requestsTo(requests, 'GET', '/api/v1/quotes');
    expect(new URL(first.url).searchParams.get('withTotal')).toBe('true');

    // The total column sorts by the grand total; the number column starts newest first, then turns round.
    const header = (name: string) => within(within(table).getByRole('columnheader', { name: new RegExp(name) })).getAllByText(name)[0]!;
    const lastSort = () => new URL(requestsTo(requests, 'GET', '/api/v1/quotes').at(-1)!.url).searchParams.get('sort');
    fireEvent.click(header('总计'));
    await waitFor(() => expect(lastSort()).toBe('grandTotal'));
    fireEvent.click(header('编号'));
    await waitFor(() => expect(lastSort()).toBe('-number'));
    fireEvent.click(header('编号'));
    await waitFor(() => expect(lastSort()).toBe('number'));
  });

  it('leaves the total column out for who may not read prices', async () => {
    const { fetch } = salesServer({
      language: 'en',
      quoteLevels: { read: 'all', create: 'none', update: 'none', delete: 'none', reassign: 'none' },
      quoteFields: { ...QUOTE_FIELDS, prices: 'hidden' },
      routes: { 'GET /api/v1/quotes': () => json({ data: [quote({ grandTotal: undefined, subtotal: undefined })], nextCursor: null, total: 1 }) },
    });
    await renderApp('/sales/quotes', { fetch, language: 'en' });
    const table = await screen.findByTestId('quotes-table');
    await within(table).findByText('Q-2026-000042');
    expect(within(table).getAllByRole('columnheader').map((cell) => cell.textContent)).not.toContain('Total');
    expect(within(table).getByRole('columnheader', { name: /Status/ }).querySelector('.ant-table-column-sorters')).toBeTruthy();
    expect(screen.queryByTestId('quotes-new')).toBeNull();
  });

  it('says so to who may not read quotes', async () => {
    const { fetch, requests } = salesServer({ quoteLevels: NO_LEVELS });
    await renderApp('/sales/quotes', { fetch });
    expect(await screen.findByTestId('quotes-no-access')).toBeTruthy();
    await waitFor(() => expect(requestsTo(requests, 'GET', '/api/v1/quotes')).toHaveLength(0));
  });
});
