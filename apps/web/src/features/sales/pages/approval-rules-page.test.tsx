import { configure, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { json, problem } from '@/testing/fake-api';
import { renderApp } from '@/testing/render-app';
import { pickOption } from '@/testing/select';
import { NO_LEVELS, READ_ALL, requestsTo, salesServer, type Levels } from '../testing/sales-server';

configure({ asyncUtilTimeout: 5000 });

const DIRECTOR: Levels = { read: 'all', create: 'none', update: 'all', delete: 'none', reassign: 'none' };
const DEFAULTS = {
  version: 4,
  rules: [
    { maxDiscountPercent: '10.00', approver: 'none' },
    { maxDiscountPercent: '20.00', approver: 'sales_manager' },
    { maxDiscountPercent: null, approver: 'sales_director' },
  ],
};
const rulesRoute = () => json(DEFAULTS, 200, { ETag: 'W/"4"' });

describe('ApprovalRulesPage', { timeout: 20_000 }, () => {
  it('shows the bands read-only to who may read but not change them, reached from the quotes list', async () => {
    const { fetch, requests } = salesServer({
      language: 'zh-CN',
      approvalRuleLevels: READ_ALL,
      routes: { 'GET /api/v1/quotes': () => json({ data: [], nextCursor: null, total: 0 }), 'GET /api/v1/approval-rules': rulesRoute },
    });
    await renderApp('/sales/quotes', { fetch, language: 'zh-CN' });
    fireEvent.click(await screen.findByTestId('quotes-approval-rules'));

    const list = await screen.findByTestId('approval-rules-list');
    expect(within(list).getByTestId('approval-rule-0').textContent).toBe('折扣不超过 10%无需审批');
    expect(within(list).getByTestId('approval-rule-1').textContent).toContain('折扣高于 10% 且不超过 20%');
    expect(within(list).getByTestId('approval-rule-2').textContent).toContain('折扣高于 20%');
    expect(screen.getByTestId('approval-rules-read-only')).toBeTruthy();
    expect(screen.queryByTestId('approval-rules-edit')).toBeNull();
    expect(requestsTo(requests, 'PUT', '/api/v1/approval-rules')).toHaveLength(0);
  });

  it('is neither linked nor readable for who may not read the rules', async () => {
    const { fetch, requests } = salesServer({
      approvalRuleLevels: NO_LEVELS,
      routes: { 'GET /api/v1/quotes': () => json({ data: [], nextCursor: null, total: 0 }), 'GET /api/v1/approval-rules': rulesRoute },
    });
    await renderApp('/sales/quotes', { fetch });
    await screen.findByTestId('quotes-table');
    expect(screen.queryByTestId('quotes-approval-rules')).toBeNull();
    await renderApp('/sales/quotes/approval-rules', { fetch });
    expect(await screen.findByTestId('approval-rules-no-access')).toBeTruthy();
    expect(requestsTo(requests, 'GET', '/api/v1/approval-rules')).toHaveLength(0);
  });

  it('lets the director add a band, checks the order before sending and saves with If-Match', async () => {
    const { fetch, requests } = salesServer({
      language: 'en',
      approvalRuleLevels: DIRECTOR,
      routes: {
        'GET /api/v1/approval-rules': rulesRoute,
        'PUT /api/v1/approval-rules': async (request) => {
          const body = (await request.json()) as { rules: Array<{ maxDiscountPercent: string | null; approver: string }> };
          return json({ version: 5, rules: body.rules.map((r) => ({ ...r, maxDiscountPercent: r.maxDiscountPercent && `${r.maxDiscountPercent}.00` })) }, 200, { ETag: 'W/"5"' });
        },
      },
    });
    await renderApp('/sales/quotes/approval-rules', { fetch, language: 'en' });
    fireEvent.click(await screen.findByTestId('approval-rules-edit'));
    expect(screen.queryByTestId('approval-rules-read-only')).toBeNull();
    fireEvent.click(screen.getByTestId('approval-rules-add'));
    // The new band goes before the open-ended last one.
    expect(screen.getAllByTestId(/^approval-rule-edit-/)).toHaveLength(4);
    expect(screen.queryByTestId('approval-rule-threshold-3')).toBeNull();

    fireEvent.change(screen.getByTestId('approval-rule-threshold-2'), { target: { value: '15' } });
    fireEvent.click(screen.getByTestId('approval-rules-save'));
    expect(await screen.findByText('Must be larger than the previous band\'s threshold')).toBeTruthy();
    expect(requestsTo(requests, 'PUT', '/api/v1/approval-rules')).toHaveLength(0);

    fireEvent.change(screen.getByTestId('approval-rule-threshold-2'), { target: { value: '30' } });
    await pickOption('approval-rule-approver-2', 'Sales director');
    await pickOption('approval-rule-approver-3', 'Sales director');
    fireEvent.click(screen.getByTestId('approval-rules-save'));

    await waitFor(() => expect(requestsTo(requests, 'PUT', '/api/v1/approval-rules')).toHaveLength(1));
    const [put] = requestsTo(requests, 'PUT', '/api/v1/approval-rules');
    expect(put.headers.get('If-Match')).toBe('W/"4"');
    expect(await put.json()).toEqual({
      rules: [
        { maxDiscountPercent: '10', approver: 'none' },
        { maxDiscountPercent: '20', approver: 'sales_manager' },
        { maxDiscountPercent: '30', approver: 'sales_director' },
        { maxDiscountPercent: null, approver: 'sales_director' },
      ],
    });
    const list = await screen.findByTestId('approval-rules-list');
    expect(within(list).getByTestId('approval-rule-3').textContent).toContain('Discount above 30 %');
  });

  it('shows the server\'s 400 on the band it names, and reloads after a stale write (412)', async () => {
    let puts = 0;
    const { fetch, requests } = salesServer({
      language: 'en',
      approvalRuleLevels: DIRECTOR,
      routes: {
        'GET /api/v1/approval-rules': rulesRoute,
        'PUT /api/v1/approval-rules': () =>
          ++puts === 1
            ? problem(400, 'validation_failed', { errors: [{ field: 'rules[0].maxDiscountPercent', message: 'must be at most 100' }] })
            : problem(412, 'precondition_failed', { errors: [{ field: 'If-Match', message: 'stale version 4; current is 5' }] }),
      },
    });
    await renderApp('/sales/quotes/approval-rules', { fetch, language: 'en' });
    fireEvent.click(await screen.findByTestId('approval-rules-edit'));
    fireEvent.change(screen.getByTestId('approval-rule-threshold-0'), { target: { value: '5' } });
    fireEvent.click(screen.getByTestId('approval-rules-save'));
    const band = screen.getByTestId('approval-rule-edit-0');
    expect(await within(band).findByText('must be at most 100')).toBeTruthy();
    expect(within(screen.getByTestId('approval-rule-edit-1')).queryByText('must be at most 100')).toBeNull();

    fireEvent.click(screen.getByTestId('approval-rules-save'));
    expect(await screen.findByText(/Someone else changed the rules/)).toBeTruthy();
    expect(await screen.findByTestId('approval-rules-list')).toBeTruthy();
    await waitFor(() => expect(requestsTo(requests, 'GET', '/api/v1/approval-rules').length).toBeGreaterThanOrEqual(2));
  });
});
