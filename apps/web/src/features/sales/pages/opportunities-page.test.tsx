import { configure, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { json } from '@/testing/fake-api';
import { renderApp } from '@/testing/render-app';
import { pickOption } from '@/testing/select';
import { OPPORTUNITY_FIELDS, STAGES, opportunity, requestsTo, salesServer } from '../testing/sales-server';

configure({ asyncUtilTimeout: 5000 });

describe('OpportunitiesPage', { timeout: 20_000 }, () => {
  it('lists the opportunities with stage, amount as sent (no float), close date and owner', async () => {
    const { fetch, requests } = salesServer({
      language: 'zh-CN',
      routes: {
        'GET /api/v1/opportunities': () =>
          json({ data: [opportunity(), opportunity({ id: '0190a0b0-0000-7000-8000-00000000d002', name: '备件', stageId: STAGES[4].id, amount: '1234567.89', currency: 'USD' })], nextCursor: null, total: 2 }),
      },
    });
    await renderApp('/sales/opportunities', { fetch, language: 'zh-CN' });

    const table = await screen.findByTestId('opportunities-table');
    expect(await within(table).findByText('XE370 挖掘机 ×3')).toBeTruthy();
    expect(within(table).getAllByRole('columnheader').map((cell) => cell.textContent)).toEqual(expect.arrayContaining(['名称', '阶段', '金额', '赢率', '预计成交', '负责人']));
    expect(within(table).getByText('初步接洽')).toBeTruthy();
    expect(within(table).getByText('赢单')).toBeTruthy();
    expect(within(table).getByText('USD 1,234,567.89')).toBeTruthy();
    expect(within(table).getAllByText('2027-03-31')).toHaveLength(2);
    expect(screen.getByTestId('opportunities-total').textContent).toBe('共 2 个商机');
    const [first] = requestsTo(requests, 'GET', '/api/v1/opportunities');
    expect(new URL(first.url).searchParams.get('withTotal')).toBe('true');
    // The sales tabs lead to accounts and the board.
    expect(screen.getByTestId('sales-tab-board')).toBeTruthy();
  });

  it('filters by status: the kind of the stage, sent as status', async () => {
    const { fetch, requests } = salesServer({ language: 'en', routes: { 'GET /api/v1/opportunities': () => json({ data: [opportunity()], nextCursor: null, total: 1 }) } });
    await renderApp('/sales/opportunities', { fetch, language: 'en' });
    await screen.findByTestId('opportunities-table');
    await pickOption('opportunities-status-filter', 'Won');
    await waitFor(() => expect(requestsTo(requests, 'GET', '/api/v1/opportunities').some((r) => new URL(r.url).searchParams.get('status') === 'won')).toBe(true));
  });

  it('hides the amount column (and its sorting) from who may not read amounts', async () => {
    const { fetch } = salesServer({
      language: 'en',
      opportunityLevels: { read: 'all', create: 'none', update: 'none', delete: 'none', reassign: 'none' },
      opportunityFields: { ...OPPORTUNITY_FIELDS, amount: 'hidden' },
      routes: { 'GET /api/v1/opportunities': () => json({ data: [opportunity({ amount: undefined })], nextCursor: null, total: 1 }) },
    });
    await renderApp('/sales/opportunities', { fetch, language: 'en' });
    const table = await screen.findByTestId('opportunities-table');
    await within(table).findByText('XE370 挖掘机 ×3');
    expect(within(table).getAllByRole('columnheader').map((cell) => cell.textContent)).not.toContain('Amount');
  });

  it('says so to who may not read opportunities', async () => {
    const { fetch, requests } = salesServer({ opportunityLevels: { read: 'none', create: 'none', update: 'none', delete: 'none', reassign: 'none' } });
    await renderApp('/sales/opportunities', { fetch });
    expect(await screen.findByTestId('opportunities-no-access')).toBeTruthy();
    await waitFor(() => expect(requestsTo(requests, 'GET', '/api/v1/opportunities')).toHaveLength(0));
  });
});
