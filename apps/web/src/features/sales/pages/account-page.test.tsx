import { configure, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { catchDownloads } from '@/testing/downloads';
import { json, problem } from '@/testing/fake-api';
import { renderApp } from '@/testing/render-app';
import { setupUser } from '@/testing/user';
import { pickOption } from '@/testing/select';
import {
  ACCOUNT_FIELDS, ACCOUNT_ID, ALL_ACCESS, CONTACT_FIELDS, NO_LEVELS, ORDER_ID, ORDER_PRICE_HIDDEN, QUOTE_ID, READ_ALL, REP_E2_ID, REP_LEVELS, STAGES, TEAM_E2, TEAMMATE_ID,
  account, opportunity, order, quote, requestsTo, salesServer,
} from '../testing/sales-server';

// antd renders slowly in jsdom; the first render after sign-in can take longer than the 1 s default.
configure({ asyncUtilTimeout: 5000 });

const PATH = `/sales/accounts/${ACCOUNT_ID}`;

function formItemOf(testId: string): HTMLElement {
  const item = screen.getByTestId(testId).closest<HTMLElement>('.ant-form-item');
  if (!item) throw new Error(`${testId} is not inside a form item`);
  return item;
}

describe('AccountPage', { timeout: 20_000 }, () => {
  it('lays the fields out by field access and shows the actions myAccess allows', async () => {
    const { fetch, requests } = salesServer({
      language: 'zh-CN',
      accountFields: { ...ACCOUNT_FIELDS, phone: 'masked', email: 'hidden' },
      contactFields: { ...CONTACT_FIELDS, email: 'hidden' },
      routes: {
        [`GET /api/v1/accounts/${ACCOUNT_ID}`]: () =>
          json(account({ phone: '138****5678', email: undefined, restricted: true, myAccess: { update: true, share: true, delete: false, reassign: false } })),
        'GET /api/v1/contacts/export': () => new Response('name\n李建国\n', { headers: { 'Content-Type': 'text/csv', 'Content-Disposition': 'attachment; filename="contacts.csv"' } }),
      },
    });
    await renderApp(PATH, { fetch });

    await screen.findByTestId('record-fields');
    expect(screen.getByTestId('page-title').textContent).toBe('徐州恒达工程机械有限公司');
    // Record level (myAccess): edit and share, no delete or reassign. Object level: a new contact may be created.
    expect(screen.getByTestId('record-edit')).toBeTruthy();
    expect(screen.getByTestId('record-share')).toBeTruthy();
    expect(screen.queryByTestId('record-delete')).toBeNull();
    expect(screen.queryByTestId('record-reassign')).toBeNull();
    expect(screen.getByTestId('contact-new')).toBeTruthy();

    const fields = screen.getByTestId('record-fields');
    expect(within(fields).getByTestId('field-phone').textContent).toBe('138****5678');
    expect(within(fields).getByLabelText('已脱敏')).toBeTruthy();
    expect(within(fields).queryByText('邮箱')).toBeNull();
    expect(within(fields).getByText('construction')).toBeTruthy();

    const attributes = screen.getByTestId('record-attributes');
    expect(within(attributes).getByTestId('record-owner').textContent).toBe('王磊（我）');
    expect(await within(attributes).findByText('华东一组')).toBeTruthy();
    expect(within(attributes).getByTestId('record-restricted').textContent).toBe('是');
    expect(within(attributes).getByTestId('record-owner-only').textContent).toBe('否');

    // The related list follows the contact field rules: no email column.
    const contacts = await screen.findByTestId('contacts-table');
    expect(await within(contacts).findByText('李建国')).toBeTruthy();
    expect(within(contacts).getAllByRole('columnheader').map((cell) => cell.textContent)).not.toContain('邮箱');
    expect(requestsTo(requests, 'GET', `/api/v1/accounts/${ACCOUNT_ID}/contacts`)).toHaveLength(1);

    // The account's contacts as a CSV file.
    const saved = catchDownloads();
    await setupUser().click(screen.getByTestId('contacts-export'));
    await waitFor(() => expect(saved.map((file) => file.filename)).toEqual(['contacts.csv']));
    const [exported] = requestsTo(requests, 'GET', '/api/v1/contacts/export');
    expect(new URL(exported?.url ?? '').searchParams.get('accountId')).toBe(ACCOUNT_ID);
  });

  it('hides what myAccess and the object levels refuse, names the owner from the directory, and says why a delete failed (409)', async () => {
    const { fetch, requests } = salesServer({
      contactLevels: { ...REP_LEVELS, create: 'none' },
      routes: {
        [`GET /api/v1/accounts/${ACCOUNT_ID}`]: () => json(account({ ownerId: TEAMMATE_ID, myAccess: { update: false, share: false, delete: true, reassign: true } })),
        [`DELETE /api/v1/accounts/${ACCOUNT_ID}`]: () => problem(409, 'conflict', { detail: 'Other records refer to it' }),
      },
    });
    await renderApp(PATH, { fetch, language: 'en' });
    await screen.findByTestId('record-delete');

    expect(screen.queryByTestId('record-edit')).toBeNull();
    expect(screen.queryByTestId('record-share')).toBeNull();
    expect(screen.queryByTestId('contact-new')).toBeNull();
    expect(screen.getByTestId<HTMLButtonElement>('record-reassign').disabled).toBe(false);
    // Someone else's record: the owner's name comes from the colleague directory, not "(you)".
    await waitFor(() => expect(screen.getByTestId('record-owner').textContent).toBe('Li Jing'));

    const user = setupUser();
    await user.click(screen.getByTestId('record-delete'));
    await user.click(await screen.findByRole('button', { name: 'Delete' }));
    expect(await screen.findByText('Other records still refer to this one, so it cannot be deleted.')).toBeTruthy();
    const [sent] = requestsTo(requests, 'DELETE', `/api/v1/accounts/${ACCOUNT_ID}`);
    expect(sent?.headers.get('If-Match')).toBe('W/"3"');
  });

  it('edits only editable fields, sends only the changed ones with If-Match, and puts a 403 on its field', async () => {
    const { fetch, requests } = salesServer({
      accountFields: { ...ACCOUNT_FIELDS, phone: 'masked', industry: 'read', email: 'hidden' },
      routes: {
        [`GET /api/v1/accounts/${ACCOUNT_ID}`]: () => json(account({ phone: '138****5678', email: undefined })),
        [`PATCH /api/v1/accounts/${ACCOUNT_ID}`]: () =>
          problem(403, 'forbidden', { detail: 'You may not change these fields', errors: [{ field: 'region', message: 'you may not change this field' }] }),
      },
    });
    await renderApp(PATH, { fetch, language: 'en' });
    const user = setupUser();
    await user.click(await screen.findByTestId('record-edit'));

    const region = await screen.findByTestId<HTMLInputElement>('form-region');
    // Masked and read-only fields are shown but are no inputs; hidden ones are absent.
    expect(screen.queryByTestId('form-phone')).toBeNull();
    expect(screen.getByTestId('form-readonly-phone').textContent).toContain('138****5678');
    expect(screen.queryByTestId('form-industry')).toBeNull();
    expect(screen.getByTestId('form-readonly-industry').textContent).toContain('construction');
    expect(screen.queryByTestId('form-email')).toBeNull();
    expect(screen.queryByTestId('form-readonly-email')).toBeNull();

    await user.clear(region);
    await user.type(region, 'East China');
    await user.click(screen.getByTestId('edit-submit'));

    await waitFor(() => expect(formItemOf('form-region').textContent).toContain('You may not change this field.'));
    const [sent] = requestsTo(requests, 'PATCH', `/api/v1/accounts/${ACCOUNT_ID}`);
    expect(sent?.headers.get('If-Match')).toBe('W/"3"');
    expect(await sent?.json()).toEqual({ region: 'East China' });
  });

  it('lets a read-only role edit exactly the fields the record grants it (an edit share: myAccess.editableFields)', async () => {
    const { fetch } = salesServer({
      accountFields: { ...ACCOUNT_FIELDS, name: 'read', kind: 'read', industry: 'read', region: 'read', phone: 'masked', email: 'read' },
      routes: {
        [`GET /api/v1/accounts/${ACCOUNT_ID}`]: () =>
          json(account({ phone: '138****5678', myAccess: { update: true, delete: false, reassign: false, share: true, editableFields: ['name', 'kind', 'industry', 'region', 'email'] } })),
      },
    });
    await renderApp(PATH, { fetch, language: 'en' });
    await setupUser().click(await screen.findByTestId('record-edit'));
    expect(await screen.findByTestId('form-industry')).toBeTruthy();
    expect(screen.getByTestId('form-region')).toBeTruthy();
    // The masked phone stays out of reach.
    expect(screen.queryByTestId('form-phone')).toBeNull();
    expect(screen.getByTestId('form-readonly-phone').textContent).toContain('138****5678');
  });

  it('on 412 says someone else changed the record and reloads it on request', async () => {
    let reads = 0;
    const { fetch, requests } = salesServer({
      routes: {
        [`GET /api/v1/accounts/${ACCOUNT_ID}`]: () => {
          reads += 1;
          return json(reads === 1 ? account() : account({ version: 4, region: 'North' }));
        },
        [`PATCH /api/v1/accounts/${ACCOUNT_ID}`]: () => problem(412, 'precondition_failed'),
      },
    });
    await renderApp(PATH, { fetch, language: 'en' });
    const user = setupUser();
    await user.click(await screen.findByTestId('record-edit'));
    await user.type(await screen.findByTestId('form-industry'), ' equipment');
    await user.click(screen.getByTestId('edit-submit'));

    expect((await screen.findByTestId('edit-conflict')).textContent).toContain('Someone else changed this record');
    await user.click(screen.getByTestId('edit-reload'));
    await waitFor(() => expect(screen.getByTestId<HTMLInputElement>('form-region').value).toBe('North'));
    expect(screen.queryByTestId('edit-conflict')).toBeNull();
    expect(await requestsTo(requests, 'PATCH', `/api/v1/accounts/${ACCOUNT_ID}`)[0]?.json()).toEqual({ industry: 'construction equipment' });
  });

  it('reassigns to a colleague picked from the directory: a 403 naming ownerId lands on the field, and the answer\'s myAccess sets the actions', async () => {
    let patches = 0;
    const { fetch, requests } = salesServer({
      accountLevels: { ...REP_LEVELS, reassign: 'team' },
      routes: {
        [`PATCH /api/v1/accounts/${ACCOUNT_ID}`]: () => {
          patches += 1;
          return patches === 1
            ? problem(403, 'forbidden', { detail: 'The new owner is outside your reassign reach', errors: [{ field: 'ownerId', message: 'is outside the teams you may assign to' }] })
            : json(account({ ownerId: REP_E2_ID, teamId: TEAM_E2.id, version: 4, myAccess: { ...ALL_ACCESS, update: false, delete: false, share: false } }));
        },
      },
    });
    await renderApp(PATH, { fetch, language: 'en' });
    const user = setupUser();
    await user.click(await screen.findByTestId('record-reassign'));
    const modal = await screen.findByTestId('reassign-modal');

    await pickOption('reassign-owner', 'Zhang Wei · rep.e2@lianxi.test');
    await user.click(within(modal).getByRole('button', { name: 'Reassign' }));
    await waitFor(() => expect(formItemOf('reassign-owner').textContent).toContain('You may not give records to this user'));

    await user.click(within(modal).getByRole('button', { name: 'Reassign' }));
    await waitFor(() => expect(screen.queryByTestId('reassign-modal')).toBeNull());
    expect(screen.getByTestId('record-owner').textContent).toBe('Zhang Wei');
    expect(await screen.findByText('Group E2')).toBeTruthy();
    // The rights come from the PATCH answer: no edit, share or delete any more, and no second read of the record.
    expect(screen.queryByTestId('record-edit')).toBeNull();
    expect(screen.queryByTestId('record-share')).toBeNull();
    expect(screen.queryByTestId('record-delete')).toBeNull();
    expect(requestsTo(requests, 'GET', `/api/v1/accounts/${ACCOUNT_ID}`)).toHaveLength(1);
    const sent = requestsTo(requests, 'PATCH', `/api/v1/accounts/${ACCOUNT_ID}`);
    expect(sent.map((request) => request.headers.get('If-Match'))).toEqual(['W/"3"', 'W/"3"']);
    expect(await sent[1]?.json()).toEqual({ ownerId: REP_E2_ID });
  });

  describe('360° view', () => {
    const YEAR = new Date().getFullYear();
    const OPPORTUNITIES = [
      opportunity(),
      opportunity({ id: '0190a0b0-0000-7000-8000-00000000d002', name: 'ZL50 装载机 ×2', stageId: STAGES[2].id, probability: 40, amount: '936001.01' }),
      opportunity({ id: '0190a0b0-0000-7000-8000-00000000d003', name: '塔吊 QTZ80', stageId: STAGES[4].id, probability: 100, amount: '1000000.00', expectedCloseDate: `${YEAR}-06-30` }),
      // Won, but in an earlier year: not "won this year".
      opportunity({ id: '0190a0b0-0000-7000-8000-00000000d004', name: '旧单', stageId: STAGES[4].id, probability: 100, amount: '50.00', expectedCloseDate: `${YEAR - 1}-06-30` }),
      opportunity({ id: '0190a0b0-0000-7000-8000-00000000d005', name: '输掉的单', stageId: STAGES[5].id, probability: 0, amount: '7.00' }),
    ];
    const ageing = { currency: 'CNY', current: '0.00', days1To30: '1023787.12', days31To60: '0.00', days61To90: '0.00', daysOver90: '0.00', total: '1023787.12', overdue: '1023787.12', orderCount: 1 };
    const PAYMENT = { id: '0190a0b0-0000-7000-8000-0000000000e9', orderId: ORDER_ID, orderNumber: 'SO-2026-000123', amount: '100000.00', currency: 'CNY', paidAt: '2026-11-15', method: 'bank_transfer', reference: 'BOC-778', recordedBy: null, createdAt: '2026-11-15T02:00:00.000Z' };
    const routes = {
      [`GET /api/v1/accounts/${ACCOUNT_ID}/opportunities`]: () => json({ data: OPPORTUNITIES, nextCursor: null }),
      [`GET /api/v1/accounts/${ACCOUNT_ID}/quotes`]: () => json({ data: [quote({ status: 'pending_approval' })], nextCursor: null }),
      [`GET /api/v1/accounts/${ACCOUNT_ID}/orders`]: () => json({ data: [order({ lines: undefined })], nextCursor: null }),
      [`GET /api/v1/accounts/${ACCOUNT_ID}/payments`]: () => json({ data: [PAYMENT], nextCursor: null }),
      [`GET /api/v1/accounts/${ACCOUNT_ID}/receivables`]: () => json({ asOf: '2026-12-02', accountId: ACCOUNT_ID, totals: [ageing], orders: [] }),
      // The server's figures over every opportunity (more than the page listed): not what the listed ones would sum to.
      [`GET /api/v1/accounts/${ACCOUNT_ID}/summary`]: () =>
        json({
          accountId: ACCOUNT_ID,
          asOf: '2026-12-02',
          openOpportunities: 205,
          pipeline: [{ currency: 'CNY', count: 204, amount: '9000000.00', weightedAmount: '1788400.40' }, { currency: 'USD', count: 1, amount: '1000.15', weightedAmount: '500.08' }],
          wonThisYear: [{ currency: 'CNY', count: 1, amount: '50.00' }],
          openQuotes: 1,
          openOrders: 1,
          receivables: [ageing],
          omitted: [],
        }),
    };

    it('shows the server\'s figures the rep may read, lists quotes, orders and payments with links, and filters opportunities open / won / lost', async () => {
      const { fetch, requests } = salesServer({ orderLevels: REP_LEVELS, paymentLevels: READ_ALL, routes });
      await renderApp(PATH, { fetch, language: 'en' });

      // The figures are the server's, as sent, currencies apart; nothing is summed in the browser.
      const summary = await screen.findByTestId('account-summary', {}, { timeout: 15_000 });
      expect(within(summary).getByTestId('summary-pipeline').textContent).toBe('CNY 1,788,400.40USD 500.08');
      expect(within(summary).getByTestId('summary-won').textContent).toBe('CNY 50.00');
      expect(within(summary).getByTestId('summary-outstanding').textContent).toBe('CNY 1,023,787.12');
      expect(within(summary).getByTestId('summary-overdue').textContent).toBe('CNY 1,023,787.12');
      expect(within(summary).getByTestId('summary-open-opportunities').textContent).toBe('205');
      expect(within(summary).getByTestId('summary-open-quotes').textContent).toBe('1');
      expect(within(summary).getByTestId('summary-open-orders').textContent).toBe('1');
      expect(within(summary).queryByTestId('summary-omitted')).toBeNull();
      expect(requestsTo(requests, 'GET', `/api/v1/accounts/${ACCOUNT_ID}/summary`)).toHaveLength(1);

      const quotes = await screen.findByTestId('account-quotes');
      expect((await within(quotes).findByRole('link', { name: 'Q-2026-000042' })).getAttribute('href')).toBe(`/sales/quotes/${QUOTE_ID}`);
      expect(within(quotes).getByText('Awaiting approval')).toBeTruthy();
      expect(within(quotes).getByText('CNY 3,557,407.39')).toBeTruthy();

      const orders = screen.getByTestId('account-orders');
      expect((await within(orders).findByRole('link', { name: 'SO-2026-000123' })).getAttribute('href')).toBe(`/sales/orders/${ORDER_ID}`);
      expect(within(orders).getByText('Partly paid')).toBeTruthy();
      expect(within(orders).getByText('CNY 1,123,787.12')).toBeTruthy();

      const payments = screen.getByTestId('account-payments');
      expect((await within(payments).findByRole('link', { name: 'SO-2026-000123' })).getAttribute('href')).toBe(`/sales/orders/${ORDER_ID}`);
      expect(within(payments).getByText('CNY 100,000.00')).toBeTruthy();
      expect(within(payments).getByText('2026-11-15')).toBeTruthy();

      // The cards the service and marketing modules fill later are in place already.
      expect(screen.getByTestId('account-cases').textContent).toContain('arrive with the service module');
      expect(screen.getByTestId('account-campaigns').textContent).toContain('arrive with the marketing module');
      // One request for the receivables card.
      expect(requestsTo(requests, 'GET', `/api/v1/accounts/${ACCOUNT_ID}/receivables`)).toHaveLength(1);

      const table = screen.getByTestId('account-opportunities');
      await within(table).findByText('塔吊 QTZ80');
      const user = setupUser();
      await user.click(within(screen.getByTestId('account-opportunities-filter')).getByText('Won (2)'));
      await waitFor(() => expect(within(table).queryByText('XE370 挖掘机 ×3')).toBeNull());
      expect(within(table).getByText('塔吊 QTZ80')).toBeTruthy();
      await user.click(within(screen.getByTestId('account-opportunities-filter')).getByText('Open (2)'));
      await within(table).findByText('ZL50 装载机 ×2');
      expect(within(table).queryByText('塔吊 QTZ80')).toBeNull();
      expect(within(screen.getByTestId('account-opportunities-filter')).getByText('Lost (1)')).toBeTruthy();
    });

    it('shows the quality inspector orders without any price, and no quotes, payments, receivables or money figures', async () => {
      const { fetch, requests } = salesServer({
        language: 'zh-CN',
        orderLevels: READ_ALL,
        orderFields: ORDER_PRICE_HIDDEN,
        paymentLevels: NO_LEVELS,
        quoteLevels: NO_LEVELS,
        opportunityLevels: NO_LEVELS,
        routes: {
          ...routes,
          [`GET /api/v1/accounts/${ACCOUNT_ID}/orders`]: () => json({ data: [order({ lines: undefined, total: undefined, subtotal: undefined, taxAmount: undefined, taxRate: undefined, paidAmount: undefined, outstandingAmount: undefined })], nextCursor: null }),
          // As the server answers the inspector: the counts it may read, every figure over prices left out.
          [`GET /api/v1/accounts/${ACCOUNT_ID}/summary`]: () =>
            json({
              accountId: ACCOUNT_ID,
              asOf: '2026-12-02',
              openOpportunities: null,
              pipeline: null,
              wonThisYear: null,
              openQuotes: null,
              openOrders: 1,
              receivables: null,
              omitted: [
                { figure: 'openOpportunities', reason: 'no_access', fields: [] },
                { figure: 'pipeline', reason: 'no_access', fields: [] },
                { figure: 'wonThisYear', reason: 'no_access', fields: [] },
                { figure: 'openQuotes', reason: 'no_access', fields: [] },
                { figure: 'receivables', reason: 'hidden_fields', fields: ['total', 'paidAmount', 'outstandingAmount'] },
              ],
            }),
        },
      });
      await renderApp(PATH, { fetch });

      const orders = await screen.findByTestId('account-orders');
      await within(orders).findByRole('link', { name: 'SO-2026-000123' });
      const headers = within(orders).getAllByRole('columnheader').map((cell) => cell.textContent);
      expect(headers).not.toContain('合计');
      expect(headers).not.toContain('未收款');
      expect(orders.textContent).not.toMatch(/\d,\d{3}\.\d{2}/);

      const summary = await screen.findByTestId('account-summary');
      expect(within(summary).getByTestId('summary-open-orders').textContent).toBe('1');
      for (const testId of ['summary-pipeline', 'summary-won', 'summary-outstanding', 'summary-overdue', 'summary-open-quotes']) expect(within(summary).queryByTestId(testId)).toBeNull();
      expect(summary.textContent).not.toMatch(/\d\.\d{2}/);
      expect(within(summary).getByTestId('summary-omitted').textContent).toBe('部分数据未显示：您的权限不包含其汇总的金额。');
      expect(screen.queryByTestId('account-quotes')).toBeNull();
      expect(screen.queryByTestId('account-payments')).toBeNull();
      expect(screen.queryByTestId('account-receivables')).toBeNull();
      expect(screen.getByTestId('account-cases').textContent).toContain('服务模块');
      for (const path of ['quotes', 'payments', 'receivables', 'opportunities']) expect(requestsTo(requests, 'GET', `/api/v1/accounts/${ACCOUNT_ID}/${path}`)).toHaveLength(0);
    });
  });
});
