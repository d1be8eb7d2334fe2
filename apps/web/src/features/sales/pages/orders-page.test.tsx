import { configure, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { json } from '@/testing/fake-api';
import { renderApp } from '@/testing/render-app';
import { pickOption } from '@/testing/select';
import { ORDER_PRICE_HIDDEN, READ_ALL, REP_LEVELS, order, requestsTo, salesServer } from '../testing/sales-server';

configure({ asyncUtilTimeout: 5000 });

describe('OrdersPage', { timeout: 20_000 }, () => {
  it('lists orders newest first with status and amounts, filters by status and pages with the cursor', async () => {
    const { fetch, requests } = salesServer({
      language: 'zh-CN',
      orderLevels: REP_LEVELS,
      routes: {
        'GET /api/v1/orders': (request) => {
          const url = new URL(request.url);
          if (url.searchParams.get('cursor') === 'next') return json({ data: [order({ id: '0190a0b0-0000-7000-8000-0000000000d9', number: 'SO-2026-000001', status: 'confirmed' })], nextCursor: null });
          return json({ data: [order()], nextCursor: 'next' });
        },
      },
    });
    await renderApp('/sales/orders', { fetch, language: 'zh-CN' });
    const table = await screen.findByTestId('orders-table');
    expect(await within(table).findByText('SO-2026-000123')).toBeTruthy();
    expect(within(table).getByText('部分收款')).toBeTruthy();
    expect(within(table).getByText('1123787.12 CNY')).toBeTruthy();
    expect(new URL(requestsTo(requests, 'GET', '/api/v1/orders')[0].url).searchParams.get('sort')).toBe('-number');
    fireEvent.click(screen.getByTestId('orders-load-more'));
    expect(await within(table).findByText('SO-2026-000001')).toBeTruthy();
    await pickOption('orders-status-filter', '已发货');
    await waitFor(() => expect(requestsTo(requests, 'GET', '/api/v1/orders').some((r) => new URL(r.url).searchParams.get('status') === 'shipped')).toBe(true));
  });

  it('sorts by a column header (the total too, for who reads it), searches by number and counts the matches', async () => {
    const { fetch, requests } = salesServer({
      orderLevels: READ_ALL,
      routes: { 'GET /api/v1/orders': () => json({ data: [order()], nextCursor: null, total: 1234 }) },
    });
    await renderApp('/sales/orders', { fetch, language: 'en' });
    const table = await screen.findByTestId('orders-table');
    await within(table).findByText('SO-2026-000123');
    expect(screen.getByTestId('orders-total').textContent).toBe('1,234 orders');
    const header = (name: string) => within(within(table).getByRole('columnheader', { name: new RegExp(name) })).getAllByText(name)[0]!;
    const lastSort = () => new URL(requestsTo(requests, 'GET', '/api/v1/orders').at(-1)!.url).searchParams.get('sort');
    fireEvent.click(header('Total'));
    await waitFor(() => expect(lastSort()).toBe('total'));
    fireEvent.click(header('Total'));
    await waitFor(() => expect(lastSort()).toBe('-total'));
    fireEvent.click(header('Due date'));
    await waitFor(() => expect(lastSort()).toBe('dueDate'));
    fireEvent.change(screen.getByTestId('orders-search'), { target: { value: '000123' } });
    await waitFor(() => expect(new URL(requestsTo(requests, 'GET', '/api/v1/orders').at(-1)!.url).searchParams.get('q')).toBe('000123'));
  });

  it('shows no amount column to who may not read them (the quality inspector)', async () => {
    const { fetch } = salesServer({
      orderLevels: READ_ALL,
      orderFields: ORDER_PRICE_HIDDEN,
      routes: { 'GET /api/v1/orders': () => json({ data: [order({ total: undefined, outstandingAmount: undefined })], nextCursor: null }) },
    });
    await renderApp('/sales/orders', { fetch, language: 'en' });
    const table = await screen.findByTestId('orders-table');
    expect(await within(table).findByText('SO-2026-000123')).toBeTruthy();
    const headers = within(table).getAllByRole('columnheader').map((cell) => cell.textContent);
    expect(headers).not.toContain('Total');
    expect(headers).not.toContain('Outstanding');
    // Other columns still sort; none by an amount.
    expect(within(table).getByRole('columnheader', { name: /Due date/ }).querySelector('.ant-table-column-sorters')).toBeTruthy();
  });
});
