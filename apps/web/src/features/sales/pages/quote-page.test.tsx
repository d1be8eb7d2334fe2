import { configure, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { demoUser, json } from '@/testing/fake-api';
import { renderApp } from '@/testing/render-app';
import { pickOption, typeInSelect } from '@/testing/select';
import { setupUser } from '@/testing/user';
import { ME, QUOTE_FIELDS, QUOTE_ID, REP_E2_ID, REP_LEVELS, TEAMMATE_ID, quote, quoteLine, requestsTo, salesServer } from '../testing/sales-server';

configure({ asyncUtilTimeout: 5000 });

const PATH = `/sales/quotes/${QUOTE_ID}`;
const MANAGER = demoUser({ id: '0190a0b0-0000-7000-8000-0000000000d1', email: 'manager.east@lianxi.test', name: '孙经理', nameEn: 'Sun Jingli', roles: [{ key: 'sales_manager', name: '销售经理', nameEn: 'Sales manager', description: 'Manages' }] });

describe('QuotePage', { timeout: 30_000 }, () => {
  it('shows the lines and the server\'s totals, edits a discount and shows what the server computed', async () => {
    const saved = quote({ version: 3, lines: [quoteLine({ discountPercent: '20.00', netPrice: '987654.31', lineTotal: '2962962.93' })], netTotal: '2962962.93', grandTotal: '3348148.11' });
    const { fetch, requests } = salesServer({
      language: 'en',
      routes: {
        [`GET /api/v1/quotes/${QUOTE_ID}`]: () => json(quote(), 200, { ETag: 'W/"2"' }),
        [`GET /api/v1/quotes/${QUOTE_ID}/approvals`]: () => json([]),
        [`PATCH /api/v1/quotes/${QUOTE_ID}`]: () => json(saved),
        'GET /api/v1/products': () => json({ data: [], nextCursor: null }),
      },
    });
    await renderApp(PATH, { fetch, language: 'en' });

    const lines = await screen.findByTestId('quote-lines');
    expect(await within(lines).findByText('CNY 1,049,382.71')).toBeTruthy();
    // One line: its total is also the net total.
    expect(within(lines).getAllByText('CNY 3,148,148.13')).toHaveLength(2);
    expect(screen.getByTestId('quote-grand-total').textContent).toBe('CNY 3,557,407.39');
    expect(screen.getByText('Not submitted yet')).toBeTruthy();

    fireEvent.click(screen.getByTestId('quote-lines-edit'));
    const discount = await screen.findByTestId('quote-line-discount-0');
    expect((discount as HTMLInputElement).value).toBe('15');
    fireEvent.change(discount, { target: { value: '20' } });
    fireEvent.click(screen.getByTestId('quote-lines-save'));
    await waitFor(() => expect(requestsTo(requests, 'PATCH', `/api/v1/quotes/${QUOTE_ID}`)).toHaveLength(1));
    const [patch] = requestsTo(requests, 'PATCH', `/api/v1/quotes/${QUOTE_ID}`);
    expect(patch.headers.get('If-Match')).toBe('W/"2"');
    expect(await patch.json()).toEqual({ lines: [{ productId: quoteLine().productId, quantity: '3', discountPercent: '20', description: 'XE370 挖掘机' }] });
    await waitFor(() => expect(screen.getByTestId('quote-grand-total').textContent).toBe('CNY 3,348,148.11'));
  });

  it('shows the server\'s 400 on the line it names', async () => {
    const { fetch } = salesServer({
      language: 'en',
      routes: {
        [`GET /api/v1/quotes/${QUOTE_ID}`]: () => json(quote()),
        [`GET /api/v1/quotes/${QUOTE_ID}/approvals`]: () => json([]),
        [`PATCH /api/v1/quotes/${QUOTE_ID}`]: () =>
          json({ type: 'about:blank', title: 'Bad Request', status: 400, code: 'validation_failed', errors: [{ field: 'lines[0].discountPercent', message: 'must be at most 100' }] }, 400, { 'Content-Type': 'application/problem+json' }),
        'GET /api/v1/products': () => json({ data: [], nextCursor: null }),
      },
    });
    await renderApp(PATH, { fetch, language: 'en' });
    fireEvent.click(await screen.findByTestId('quote-lines-edit'));
    fireEvent.change(await screen.findByTestId('quote-line-discount-0'), { target: { value: '120' } });
    fireEvent.click(screen.getByTestId('quote-lines-save'));
    expect(await screen.findByText('must be at most 100')).toBeTruthy();
  });

  it('submits a draft for approval', async () => {
    const { fetch, requests } = salesServer({
      language: 'zh-CN',
      routes: {
        [`GET /api/v1/quotes/${QUOTE_ID}`]: () => json(quote()),
        [`GET /api/v1/quotes/${QUOTE_ID}/approvals`]: () => json([]),
        [`POST /api/v1/quotes/${QUOTE_ID}/submit`]: () => json(quote({ version: 3, status: 'pending_approval', approvalRole: 'sales_manager' })),
      },
    });
    await renderApp(PATH, { fetch });
    fireEvent.click(await screen.findByTestId('quote-submit'));
    await waitFor(() => expect(requestsTo(requests, 'POST', `/api/v1/quotes/${QUOTE_ID}/submit`)).toHaveLength(1));
    await waitFor(() => expect(screen.getByTestId('quote-status').textContent).toContain('待审批'));
    expect(screen.getByText('区域销售经理')).toBeTruthy();
    expect(screen.queryByTestId('quote-send')).toBeNull();
  });

  it('converts an approved quote into an order, with an Idempotency-Key, and opens the order', async () => {
    const ORDER_ID = '0190a0b0-0000-7000-8000-0000000000d7';
    const { fetch, requests } = salesServer({
      language: 'zh-CN',
      orderLevels: REP_LEVELS,
      routes: {
        [`GET /api/v1/quotes/${QUOTE_ID}`]: () => json(quote({ status: 'approved' })),
        [`GET /api/v1/quotes/${QUOTE_ID}/approvals`]: () => json([]),
        [`POST /api/v1/quotes/${QUOTE_ID}/convert`]: () => json({ id: ORDER_ID, version: 1 }, 201),
      },
    });
    const { router } = await renderApp(PATH, { fetch });
    fireEvent.click(await screen.findByTestId('quote-convert'));
    await waitFor(() => expect(router.state.location.pathname).toBe(`/sales/orders/${ORDER_ID}`));
    const [sent] = requestsTo(requests, 'POST', `/api/v1/quotes/${QUOTE_ID}/convert`);
    expect(sent.headers.get('Idempotency-Key')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('offers no conversion to who may not create orders', async () => {
    const { fetch } = salesServer({ routes: { [`GET /api/v1/quotes/${QUOTE_ID}`]: () => json(quote({ status: 'approved' })), [`GET /api/v1/quotes/${QUOTE_ID}/approvals`]: () => json([]) } });
    await renderApp(PATH, { fetch });
    await screen.findByTestId('quote-status');
    expect(screen.queryByTestId('quote-convert')).toBeNull();
  });

  it('lets the approver reject with a comment and shows the history', async () => {
    const pending = quote({ status: 'pending_approval', approvalRole: 'sales_manager', mayDecide: true, myAccess: { update: true, delete: true, reassign: true, share: true, editableFields: [] } });
    const { fetch, requests } = salesServer({
      language: 'en',
      user: MANAGER,
      routes: {
        [`GET /api/v1/quotes/${QUOTE_ID}`]: () => json(pending),
        [`GET /api/v1/quotes/${QUOTE_ID}/approvals`]: () =>
          json([{ id: 'a1', action: 'submitted', approverRole: 'sales_manager', maxDiscountPercent: '15.00', comment: null, actorId: ME.id, actorName: '王磊', actorNameEn: 'Wang Lei', occurredAt: '2026-12-01T02:00:00.000Z' }]),
        [`POST /api/v1/quotes/${QUOTE_ID}/reject`]: () => json({ ...pending, version: 3, status: 'rejected', approvalRole: null, mayDecide: false }),
      },
    });
    await renderApp(PATH, { fetch, language: 'en' });
    expect(await screen.findByText('Wang Lei submitted it (Regional sales manager)')).toBeTruthy();
    fireEvent.click(await screen.findByTestId('quote-reject'));
    const comment = await screen.findByTestId('quote-decision-comment');
    fireEvent.change(comment, { target: { value: 'Too much' } });
    fireEvent.click(screen.getByTestId('quote-decision-ok'));
    await waitFor(() => expect(requestsTo(requests, 'POST', `/api/v1/quotes/${QUOTE_ID}/reject`)).toHaveLength(1));
    const [reject] = requestsTo(requests, 'POST', `/api/v1/quotes/${QUOTE_ID}/reject`);
    expect(await reject.json()).toEqual({ comment: 'Too much' });
    await waitFor(() => expect(screen.getByTestId('quote-status').textContent).toContain('Rejected'));
  });

  it('shows no prices to who may not read them', async () => {
    const { fetch } = salesServer({
      language: 'en',
      quoteLevels: { read: 'all', create: 'none', update: 'none', delete: 'none', reassign: 'none' },
      quoteFields: { ...QUOTE_FIELDS, prices: 'hidden' },
      routes: {
        [`GET /api/v1/quotes/${QUOTE_ID}`]: () =>
          json(quote({ subtotal: undefined, discountTotal: undefined, netTotal: undefined, taxTotal: undefined, grandTotal: undefined, maxDiscountPercent: undefined, lines: [quoteLine({ listPrice: undefined, discountPercent: undefined, netPrice: undefined, lineTotal: undefined })], myAccess: { update: false, delete: false, reassign: false, share: false, editableFields: [] } })),
        [`GET /api/v1/quotes/${QUOTE_ID}/approvals`]: () => json([]),
      },
    });
    await renderApp(PATH, { fetch, language: 'en' });
    expect(await screen.findByTestId('quote-no-prices')).toBeTruthy();
    expect(screen.queryByTestId('quote-lines-edit')).toBeNull();
    expect(screen.queryByTestId('quote-submit')).toBeNull();
    expect(within(screen.getByTestId('quote-lines')).getByText('3.000 台')).toBeTruthy();
  });

  it('lists the approvals waiting for a manager on the work desktop', async () => {
    const { fetch } = salesServer({
      language: 'zh-CN',
      user: MANAGER,
      routes: { 'GET /api/v1/approvals': () => json({ data: [quote({ status: 'pending_approval', approvalRole: 'sales_manager' })], nextCursor: null }) },
    });
    await renderApp('/desk', { fetch });
    const card = await screen.findByTestId('desk-approvals');
    expect(await within(card).findByText('Q-2026-000042 · 徐州恒达工程机械有限公司')).toBeTruthy();
    expect(within(card).getByText(/最大折扣 15.00%/)).toBeTruthy();
  });

  describe('sharing', () => {
    const SHARES = `/api/v1/quotes/${QUOTE_ID}/shares`;
    const EXISTING = { id: '0190a0b0-0000-7000-8000-0000000005b1', userId: TEAMMATE_ID, teamId: null, access: 'read', grantedBy: ME.id, createdAt: '2026-02-01T08:00:00.000Z' };

    it('offers Share when myAccess.share allows: lists the quote\'s shares, shares with a colleague and revokes', async () => {
      let shares: Array<Record<string, unknown>> = [EXISTING];
      const { fetch, requests } = salesServer({
        language: 'en',
        routes: {
          [`GET /api/v1/quotes/${QUOTE_ID}`]: () => json(quote()),
          [`GET /api/v1/quotes/${QUOTE_ID}/approvals`]: () => json([]),
          [`GET ${SHARES}`]: () => json(shares),
          [`POST ${SHARES}`]: async (request) => {
            const body = (await request.json()) as { userId?: string; access: string };
            const share = { id: '0190a0b0-0000-7000-8000-0000000005b2', userId: body.userId ?? null, teamId: null, access: body.access, grantedBy: ME.id, createdAt: '2026-02-02T08:00:00.000Z' };
            shares = [...shares, share];
            return json(share, 201);
          },
          [`DELETE ${SHARES}/${EXISTING.id}`]: () => {
            shares = shares.filter((share) => share.id !== EXISTING.id);
            return new Response(null, { status: 204 });
          },
        },
      });
      await renderApp(PATH, { fetch, language: 'en' });
      const user = setupUser();
      await user.click(await screen.findByTestId('record-share'));

      const dialog = await screen.findByTestId('share-dialog');
      expect(within(dialog).getByText(`Share ${quote().number}`, { exact: false })).toBeTruthy();
      const table = await screen.findByTestId('shares-table');
      expect(await within(table).findByText('Li Jing')).toBeTruthy();
      expect(requestsTo(requests, 'GET', SHARES)).toHaveLength(1);

      typeInSelect('share-user', 'zhang');
      await pickOption('share-user', 'Zhang Wei · rep.e2@lianxi.test');
      await pickOption('share-access', 'Edit');
      await user.click(screen.getByTestId('share-add'));
      expect(await within(table).findByText('Zhang Wei')).toBeTruthy();
      const [granted] = requestsTo(requests, 'POST', SHARES);
      expect(await granted?.json()).toEqual({ userId: REP_E2_ID, access: 'edit' });

      await user.click(screen.getByTestId(`share-revoke-${EXISTING.id}`));
      const confirm = (await screen.findByText('Stop sharing with them?')).closest<HTMLElement>('.ant-popover');
      if (!confirm) throw new Error('no confirmation');
      await user.click(within(confirm).getByText('Revoke'));
      await waitFor(() => expect(within(table).queryByText('Li Jing')).toBeNull());
      expect(requestsTo(requests, 'DELETE', `${SHARES}/${EXISTING.id}`)).toHaveLength(1);
    });

    it('leaves Share out when myAccess.share is false (a read share, a restricted quote of someone else)', async () => {
      const { fetch, requests } = salesServer({
        language: 'en',
        routes: {
          [`GET /api/v1/quotes/${QUOTE_ID}`]: () => json(quote({ myAccess: { update: true, delete: false, reassign: false, share: false, editableFields: [] } })),
          [`GET /api/v1/quotes/${QUOTE_ID}/approvals`]: () => json([]),
        },
      });
      await renderApp(PATH, { fetch, language: 'en' });
      expect(await screen.findByTestId('quote-pdf')).toBeTruthy();
      expect(screen.queryByTestId('record-share')).toBeNull();
      expect(requestsTo(requests, 'GET', SHARES)).toHaveLength(0);
    });
  });
});
