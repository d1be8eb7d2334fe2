import { configure, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { json } from '@/testing/fake-api';
import { renderApp } from '@/testing/render-app';
import { pickOption } from '@/testing/select';
import { REP_E2_ID, REP_LEVELS, lead, requestsTo, salesServer } from '../testing/sales-server';

configure({ asyncUtilTimeout: 5000 });

describe('LeadsPage', { timeout: 20_000 }, () => {
  it('lists leads with status and source, filters by status, and pages with the cursor', async () => {
    const { fetch, requests } = salesServer({
      language: 'zh-CN',
      leadLevels: REP_LEVELS,
      routes: {
        'GET /api/v1/leads': (request) => {
          const url = new URL(request.url);
          if (url.searchParams.get('cursor') === 'next') return json({ data: [lead({ id: '0190a0b0-0000-7000-8000-0000000000b3', name: 'Emily Chen', status: 'new' })], nextCursor: null });
          return json({ data: [lead(), lead({ id: '0190a0b0-0000-7000-8000-0000000000b2', name: '王磊', source: 'import', status: 'disqualified' })], nextCursor: 'next', total: 3 });
        },
      },
    });
    await renderApp('/sales/leads', { fetch, language: 'zh-CN' });

    const table = await screen.findByTestId('leads-table');
    expect(await within(table).findByText('陈志远')).toBeTruthy();
    expect(within(table).getAllByRole('columnheader').map((cell) => cell.textContent)).toEqual(expect.arrayContaining(['姓名', '公司', '状态', '来源', '评级', '负责人']));
    expect(within(table).getByText('已确认')).toBeTruthy();
    expect(within(table).getByText('网站表单')).toBeTruthy();
    expect(within(table).getByText('无效')).toBeTruthy();
    expect(screen.getByTestId('leads-total').textContent).toBe('共 3 条线索');
    expect(screen.getByTestId('lead-new')).toBeTruthy();
    expect(screen.getByTestId('lead-import')).toBeTruthy();

    fireEvent.click(screen.getByTestId('leads-load-more'));
    expect(await within(table).findByText('Emily Chen')).toBeTruthy();
    expect(new URL(requestsTo(requests, 'GET', '/api/v1/leads')[1].url).searchParams.get('cursor')).toBe('next');

    await pickOption('leads-status-filter', '已确认');
    await waitFor(() => expect(requestsTo(requests, 'GET', '/api/v1/leads').some((r) => new URL(r.url).searchParams.get('status') === 'qualified')).toBe(true));
  });

  it('imports a CSV after a dry run and shows the bad rows with their lines', async () => {
    const outcome = { imported: 1, ids: ['x'], rows: [2], errors: [{ row: 3, field: 'phone', message: 'phone must be 5–30 digits' }], duplicates: [] };
    const { fetch, requests } = salesServer({
      language: 'en',
      leadLevels: REP_LEVELS,
      routes: {
        'GET /api/v1/leads': () => json({ data: [], nextCursor: null, total: 0 }),
        'POST /api/v1/leads/import': async (request) => {
          const body = (await request.clone().json()) as { dryRun: boolean };
          return json({ ...outcome, ids: body.dryRun ? [] : outcome.ids, dryRun: body.dryRun });
        },
      },
    });
    await renderApp('/sales/leads', { fetch, language: 'en' });
    fireEvent.click(await screen.findByTestId('lead-import'));
    fireEvent.change(await screen.findByTestId('lead-import-text'), { target: { value: 'name,phone\nA,138\nB,xx\n' } });
    fireEvent.click(screen.getByTestId('lead-import-preview'));
    expect((await screen.findByTestId('lead-import-preview-summary')).textContent).toContain('1 row would be imported');
    fireEvent.click(screen.getByTestId('lead-import-submit'));
    expect((await screen.findByTestId('lead-import-result')).textContent).toContain('1 lead imported');
    expect(screen.getByTestId('lead-import-error').textContent).toBe('Line 3, phone: phone must be 5–30 digits');
    const [dry, real] = requestsTo(requests, 'POST', '/api/v1/leads/import');
    expect(await dry.json()).toEqual({ csv: 'name,phone\nA,138\nB,xx\n', onDuplicate: 'skip', dryRun: true });
    expect(await real.json()).toEqual({ csv: 'name,phone\nA,138\nB,xx\n', onDuplicate: 'skip', dryRun: false });
    expect(real.headers.get('Idempotency-Key')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('a manager reassigns the selected leads in one request', async () => {
    const second = '0190a0b0-0000-7000-8000-0000000000b2';
    const { fetch, requests } = salesServer({
      language: 'en',
      leadLevels: { read: 'subtree', create: 'subtree', update: 'subtree', delete: 'subtree', reassign: 'subtree' },
      routes: {
        'GET /api/v1/leads': () => json({ data: [lead(), lead({ id: second, name: 'Wang Lei' })], nextCursor: null, total: 2 }),
        'POST /api/v1/leads/reassign': () => json({ reassigned: 2 }),
      },
    });
    await renderApp('/sales/leads', { fetch, language: 'en' });
    const table = await screen.findByTestId('leads-table');
    await within(table).findByText('Wang Lei');
    expect(screen.queryByTestId('leads-reassign')).toBeNull();
    const boxes = within(table).getAllByRole('checkbox');
    fireEvent.click(boxes[1]);
    fireEvent.click(boxes[2]);
    fireEvent.click(await screen.findByTestId('leads-reassign'));
    const modal = await screen.findByTestId('reassign-modal');
    await pickOption('reassign-owner', 'Zhang Wei · rep.e2@lianxi.test');
    fireEvent.click(within(modal).getByRole('button', { name: 'Reassign' }));
    await waitFor(() => expect(requestsTo(requests, 'POST', '/api/v1/leads/reassign')).toHaveLength(1));
    const [post] = requestsTo(requests, 'POST', '/api/v1/leads/reassign');
    expect(await post.json()).toEqual({ ids: [lead().id, second], ownerId: REP_E2_ID });
    await waitFor(() => expect(screen.queryByTestId('reassign-modal')).toBeNull());
  });

  it('says so to who may not read leads', async () => {
    const { fetch, requests } = salesServer({});
    await renderApp('/sales/leads', { fetch });
    expect(await screen.findByTestId('leads-no-access')).toBeTruthy();
    await waitFor(() => expect(requestsTo(requests, 'GET', '/api/v1/leads')).toHaveLength(0));
  });
});
