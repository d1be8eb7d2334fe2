import { configure, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { json, problem } from '@/testing/fake-api';
import { renderApp } from '@/testing/render-app';
import { pickOption } from '@/testing/select';
import { REP_LEVELS, lead, requestsTo, salesServer } from '../../testing/sales-server';

configure({ asyncUtilTimeout: 5000 });

const VIEW = {
  id: '0190a0b0-0000-7000-8000-00000000f001',
  objectType: 'lead',
  name: 'Hot new leads',
  definition: { filters: { status: 'new' }, sort: '-name', columns: ['name', 'status'] },
  createdAt: '2026-12-01T08:00:00Z',
  updatedAt: '2026-12-01T08:00:00Z',
  version: 1,
};

describe('record lists: saved views and columns', { timeout: 30_000 }, () => {
  it('applies a saved view (filters, sort, columns) and saves the current list as a new view with an Idempotency-Key', async () => {
    const { fetch, requests } = salesServer({
      language: 'en',
      leadLevels: REP_LEVELS,
      routes: {
        'GET /api/v1/leads': () => json({ data: [lead()], nextCursor: null, total: 1 }),
        'GET /api/v1/saved-views': () => json({ data: [VIEW], nextCursor: null }),
        'POST /api/v1/saved-views': async (request) => json({ ...VIEW, id: '0190a0b0-0000-7000-8000-00000000f002', ...((await request.clone().json()) as object) }, 201),
      },
    });
    await renderApp('/sales/leads', { fetch, language: 'en' });
    const table = await screen.findByTestId('leads-table');
    expect(within(table).getAllByRole('columnheader').map((cell) => cell.textContent)).toEqual(expect.arrayContaining(['Name', 'Company', 'Source']));

    await pickOption('lead-views', 'Hot new leads');
    await waitFor(() => expect(requestsTo(requests, 'GET', '/api/v1/leads').some((r) => new URL(r.url).searchParams.get('status') === 'new' && new URL(r.url).searchParams.get('sort') === '-name')).toBe(true));
    await waitFor(() => expect(within(table).getAllByRole('columnheader').map((cell) => cell.textContent).filter(Boolean)).toEqual(['Name', 'Status']));

    fireEvent.click(screen.getByTestId('saved-view-save'));
    fireEvent.change(await screen.findByTestId('saved-view-name'), { target: { value: 'Mine' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(requestsTo(requests, 'POST', '/api/v1/saved-views')).toHaveLength(1));
    const [post] = requestsTo(requests, 'POST', '/api/v1/saved-views');
    expect(await post.json()).toEqual({ objectType: 'lead', name: 'Mine', definition: { filters: { status: 'new' }, sort: '-name', columns: ['name', 'status'] } });
    expect(post.headers.get('Idempotency-Key')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('a view the list refuses (a field no longer readable) says which and clears its filters', async () => {
    const { fetch, requests } = salesServer({
      language: 'en',
      leadLevels: REP_LEVELS,
      routes: {
        'GET /api/v1/leads': (request) =>
          new URL(request.url).searchParams.get('status')
            ? problem(400, 'validation_failed', { detail: 'Invalid input: status', errors: [{ field: 'status', message: 'you may not filter by this field' }] })
            : json({ data: [lead()], nextCursor: null, total: 1 }),
        'GET /api/v1/saved-views': () => json({ data: [VIEW], nextCursor: null }),
      },
    });
    await renderApp('/sales/leads', { fetch, language: 'en' });
    await screen.findByTestId('leads-table');
    await pickOption('lead-views', 'Hot new leads');
    const warning = await screen.findByTestId('list-refused');
    expect(warning.textContent).toContain('Status');
    fireEvent.click(screen.getByTestId('list-clear-filters'));
    await waitFor(() => expect(screen.queryByTestId('list-refused')).toBeNull());
    const last = requestsTo(requests, 'GET', '/api/v1/leads').at(-1);
    expect(new URL(last?.url ?? '').searchParams.get('status')).toBeNull();
  });

  it('the column chooser hides a column and keeps the choice for the next visit', async () => {
    const { fetch } = salesServer({
      language: 'en',
      leadLevels: REP_LEVELS,
      routes: {
        'GET /api/v1/leads': () => json({ data: [lead()], nextCursor: null, total: 1 }),
        'GET /api/v1/saved-views': () => json({ data: [], nextCursor: null }),
      },
    });
    await renderApp('/sales/leads', { fetch, language: 'en' });
    const table = await screen.findByTestId('leads-table');
    fireEvent.click(screen.getByTestId('leads-table-columns-button'));
    fireEvent.click(await screen.findByTestId('column-toggle-company'));
    await waitFor(() => expect(within(table).queryByText('Company')).toBeNull());
    expect(JSON.parse(localStorage.getItem('lianxi.lists.lead.columns') ?? '[]')).not.toContain('company');
  });
});
