import { configure, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { json } from '@/testing/fake-api';
import { renderApp } from '@/testing/render-app';
import { ME, ORDER_ID, ORDER_PRICE_HIDDEN, READ_ALL, REP_LEVELS, order, requestsTo, salesServer } from '../testing/sales-server';

configure({ asyncUtilTimeout: 5000 });

const FINANCE_PAYMENTS = { read: 'all', create: 'all', update: 'all', delete: 'none', reassign: 'none' };
const history = [
  { id: 'h1', fromStatus: null, toStatus: 'ordered', changedBy: ME.id, changedAt: '2026-11-01T02:00:00.000Z', note: null },
  { id: 'h2', fromStatus: 'ordered', toStatus: 'paid', changedBy: ME.id, changedAt: '2026-11-03T02:00:00.000Z', note: null },
];

describe('OrderPage', { timeout: 20_000 }, () => {
  it('shows lines and totals exactly as returned and takes the next step with If-Match', async () => {
    const { fetch, requests } = salesServer({
      orderLevels: REP_LEVELS,
      paymentLevels: READ_ALL,
      routes: {
        [`GET /api/v1/orders/${ORDER_ID}`]: () => json(order({ status: 'paid', paidAmount: '1123787.12', outstandingAmount: '0.00' })),
        [`GET /api/v1/orders/${ORDER_ID}/status-history`]: () => json(history),
        [`GET /api/v1/orders/${ORDER_ID}/payments`]: () => json([{ id: 'p1', orderId: ORDER_ID, amount: '1123787.12', currency: 'CNY', paidAt: '2026-11-03', method: 'bank_transfer', reference: 'B-1', recordedBy: ME.id, createdAt: '2026-11-03T02:00:00.000Z' }]),
        [`POST /api/v1/orders/${ORDER_ID}/status`]: () => json(order({ status: 'shipped', version: 5 })),
      },
    });
    await renderApp(`/sales/orders/${ORDER_ID}`, { fetch, language: 'en' });
    expect((await screen.findByTestId('order-total')).textContent).toBe('1123787.12 CNY');
    const lines = screen.getByTestId('order-lines');
    expect(within(lines).getByText('397800.43')).toBeTruthy();
    expect(within(lines).getByText('994501.08')).toBeTruthy();
    expect(within(await screen.findByTestId('order-payments')).getByText('Bank transfer')).toBeTruthy();
    expect(screen.queryByTestId('order-record-payment')).toBeNull();
    fireEvent.click(screen.getByTestId('order-next-step'));
    await waitFor(() => expect(requestsTo(requests, 'POST', `/api/v1/orders/${ORDER_ID}/status`)).toHaveLength(1));
    const [post] = requestsTo(requests, 'POST', `/api/v1/orders/${ORDER_ID}/status`);
    expect(post.headers.get('If-Match')).toBe('W/"4"');
    expect(await post.json()).toEqual({ status: 'shipped' });
    await waitFor(() => expect(screen.getByTestId('order-status').textContent).toBe('Shipped'));
  });

  it('lets finance record a payment and shows an overpayment on the amount field', async () => {
    const { fetch, requests } = salesServer({
      language: 'zh-CN',
      orderLevels: READ_ALL,
      paymentLevels: FINANCE_PAYMENTS,
      routes: {
        [`GET /api/v1/orders/${ORDER_ID}`]: () => json(order({ myAccess: { update: false, delete: false, reassign: false, share: false, editableFields: [] } })),
        [`GET /api/v1/orders/${ORDER_ID}/status-history`]: () => json(history.slice(0, 1)),
        [`GET /api/v1/orders/${ORDER_ID}/payments`]: () => json([]),
        [`POST /api/v1/orders/${ORDER_ID}/payments`]: () =>
          json({ type: 'about:blank', title: 'Conflict', status: 409, detail: 'The payment exceeds the outstanding', errors: [{ field: 'amount', message: 'exceeds the outstanding 1023787.12' }] }, 409, { 'Content-Type': 'application/problem+json' }),
      },
    });
    await renderApp(`/sales/orders/${ORDER_ID}`, { fetch, language: 'zh-CN' });
    expect(screen.queryByTestId('order-next-step')).toBeNull();
    fireEvent.click(await screen.findByTestId('order-record-payment'));
    // Finance may not change the order (myAccess.share false): no Share action.
    expect(screen.queryByTestId('record-share')).toBeNull();
    fireEvent.change(await screen.findByTestId('payment-amount'), { target: { value: '2000000.00' } });
    fireEvent.click(document.getElementById('payment-submit') as HTMLElement);
    expect(await screen.findByText('exceeds the outstanding 1023787.12')).toBeTruthy();
    const [post] = requestsTo(requests, 'POST', `/api/v1/orders/${ORDER_ID}/payments`);
    expect(await post.json()).toMatchObject({ amount: '2000000.00', method: 'bank_transfer' });
    expect(post.headers.get('Idempotency-Key')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('shows the quality inspector the lines without any price', async () => {
    const { fetch, requests } = salesServer({
      orderLevels: READ_ALL,
      orderFields: ORDER_PRICE_HIDDEN,
      routes: {
        [`GET /api/v1/orders/${ORDER_ID}`]: () => {
          const { taxRate: _a, subtotal: _b, taxAmount: _c, total: _d, paidAmount: _e, outstandingAmount: _f, ...rest } = order();
          return json({ ...rest, lines: rest.lines.map(({ id, position, productId, description, quantity }) => ({ id, position, productId, description, quantity })) });
        },
        [`GET /api/v1/orders/${ORDER_ID}/status-history`]: () => json(history.slice(0, 1)),
      },
    });
    await renderApp(`/sales/orders/${ORDER_ID}`, { fetch, language: 'en' });
    expect(await screen.findByTestId('order-prices-hidden')).toBeTruthy();
    const lines = screen.getByTestId('order-lines');
    expect(within(lines).getByText('ZL50 装载机')).toBeTruthy();
    expect(within(lines).getAllByRole('columnheader').map((cell) => cell.textContent)).toEqual(['Description', 'Quantity']);
    expect(screen.queryByTestId('order-total')).toBeNull();
    expect(screen.queryByTestId('order-payments')).toBeNull();
    expect(requestsTo(requests, 'GET', `/api/v1/orders/${ORDER_ID}/payments`)).toHaveLength(0);
  });

  it('opens the order\'s shares from Share when myAccess.share allows', async () => {
    const share = { id: '0190a0b0-0000-7000-8000-0000000005c1', userId: ME.id, teamId: null, access: 'read', grantedBy: ME.id, createdAt: '2026-02-01T08:00:00.000Z' };
    const { fetch, requests } = salesServer({
      orderLevels: REP_LEVELS,
      paymentLevels: READ_ALL,
      routes: {
        [`GET /api/v1/orders/${ORDER_ID}`]: () => json(order()),
        [`GET /api/v1/orders/${ORDER_ID}/status-history`]: () => json(history.slice(0, 1)),
        [`GET /api/v1/orders/${ORDER_ID}/payments`]: () => json([]),
        [`GET /api/v1/orders/${ORDER_ID}/shares`]: () => json([share]),
      },
    });
    await renderApp(`/sales/orders/${ORDER_ID}`, { fetch, language: 'en' });
    fireEvent.click(await screen.findByTestId('record-share'));
    const table = await screen.findByTestId('shares-table');
    expect(await within(table).findByTestId(`share-revoke-${share.id}`)).toBeTruthy();
    expect(requestsTo(requests, 'GET', `/api/v1/orders/${ORDER_ID}/shares`)).toHaveLength(1);
  });
});
