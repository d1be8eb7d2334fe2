import { configure, fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { json, problem } from '@/testing/fake-api';
import { renderApp } from '@/testing/render-app';
import { ACCOUNT_ID, NO_LEVELS, REP_LEVELS, requestsTo, salesServer } from '../testing/sales-server';

configure({ asyncUtilTimeout: 5000 });

const EXISTING_ID = '0190a0b0-0000-7000-8000-0000000007a1';
const CSV = 'name,phone\n恒达机械,0516-1234567\n新客户,\n新 客户,\n';
/** What the API answers for CSV: row 2 is like a readable account, row 4 like row 3; row 5 is bad. */
function outcome(dryRun: boolean, onDuplicate: string) {
  const skip = onDuplicate === 'skip';
  return {
    imported: skip ? 1 : 3,
    ids: dryRun ? [] : skip ? ['0190a0b0-0000-7000-8000-0000000007b3'] : ['a', 'b', 'c'],
    rows: skip ? [3] : [2, 3, 4],
    errors: [{ row: 5, field: 'email', message: 'email must be an email' }],
    duplicates: [
      { row: 2, candidates: [{ objectType: 'account', id: EXISTING_ID, row: null, name: '徐州恒达机械', matchedOn: ['name', 'phone'] }] },
      { row: 4, candidates: [{ objectType: 'account', id: dryRun ? null : '0190a0b0-0000-7000-8000-0000000007b3', row: 3, name: '新客户', matchedOn: ['name'] }] },
    ],
    dryRun,
  };
}

function importServer(path: string, options: Parameters<typeof salesServer>[0] = {}) {
  return salesServer({
    ...options,
    routes: {
      'GET /api/v1/accounts': () => json({ data: [], nextCursor: null, total: 0 }),
      [`POST ${path}`]: async (request) => {
        const body = (await request.clone().json()) as { dryRun: boolean; onDuplicate: string };
        return json(outcome(body.dryRun, body.onDuplicate));
      },
      ...options.routes,
    },
  });
}

describe('RecordImportDialog', { timeout: 20_000 }, () => {
  it('previews accounts with a dry run (errors, duplicates with links), then imports with the chosen mode', async () => {
    const { fetch, requests } = importServer('/api/v1/accounts/import');
    await renderApp('/sales', { fetch, language: 'en' });
    fireEvent.click(await screen.findByTestId('account-import'));
    const dialog = await screen.findByTestId('account-import-dialog');
    expect((within(dialog).getByTestId('account-import-submit') as HTMLButtonElement).disabled).toBe(true);
    fireEvent.change(within(dialog).getByTestId('account-import-text'), { target: { value: CSV } });
    fireEvent.click(within(dialog).getByTestId('account-import-preview'));

    expect((await screen.findByTestId('account-import-preview-summary')).textContent).toContain('1 row would be imported');
    expect(screen.getByTestId('account-import-error').textContent).toBe('Line 5, email: email must be an email');
    const duplicates = screen.getAllByTestId('account-import-duplicate');
    expect(duplicates.map((d) => d.textContent)).toEqual([
      'Line 2 looks like:徐州恒达机械 (same name, phone)',
      'Line 4 looks like:line 3 of this file, 新客户 (same name)',
    ]);
    expect(within(duplicates[0]).getByTestId('account-import-candidate').getAttribute('href')).toBe(`/sales/accounts/${EXISTING_ID}`);
    expect(screen.getByText('2 possible duplicates (skipped)')).toBeTruthy();

    // Choosing "create" needs a new check before importing; the import then sends the same choice.
    fireEvent.click(within(dialog).getByText('Import them anyway'));
    expect(screen.queryByTestId('account-import-preview-summary')).toBeNull();
    expect((within(dialog).getByTestId('account-import-submit') as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(within(dialog).getByTestId('account-import-preview'));
    expect((await screen.findByTestId('account-import-preview-summary')).textContent).toContain('3 rows would be imported');
    fireEvent.click(within(dialog).getByTestId('account-import-submit'));
    expect((await screen.findByTestId('account-import-result')).textContent).toContain('3 accounts imported');
    // After the import the earlier row is a record: its candidate links to it.
    expect(within(screen.getAllByTestId('account-import-duplicate')[1]).getByTestId('account-import-candidate').textContent).toBe('新客户');

    const posts = requestsTo(requests, 'POST', '/api/v1/accounts/import');
    expect(await Promise.all(posts.map((p) => p.json()))).toEqual([
      { csv: CSV, onDuplicate: 'skip', dryRun: true },
      { csv: CSV, onDuplicate: 'create', dryRun: true },
      { csv: CSV, onDuplicate: 'create', dryRun: false },
    ]);
    expect(new Set(posts.map((p) => p.headers.get('Idempotency-Key'))).size).toBe(3);
  });

  it('shows a refused file as the API names it', async () => {
    const { fetch } = importServer('/api/v1/accounts/import', {
      routes: { 'POST /api/v1/accounts/import': () => problem(400, 'validation_failed', { errors: [{ field: 'csv', message: 'has 5001 rows; at most 5000 per import' }] }) },
    });
    await renderApp('/sales', { fetch, language: 'en' });
    fireEvent.click(await screen.findByTestId('account-import'));
    fireEvent.change(await screen.findByTestId('account-import-text'), { target: { value: 'name\nx\n' } });
    fireEvent.click(screen.getByTestId('account-import-preview'));
    expect(await screen.findByText('has 5001 rows; at most 5000 per import')).toBeTruthy();
  });

  it('imports contacts from the account page with the account prefilled, in Chinese', async () => {
    const { fetch, requests } = importServer('/api/v1/contacts/import', { language: 'zh-CN' });
    await renderApp(`/sales/accounts/${ACCOUNT_ID}`, { fetch, language: 'zh-CN' });
    fireEvent.click(await screen.findByTestId('contact-import'));
    expect((await screen.findByTestId('contact-import-dialog')).textContent).toContain('从 CSV 导入联系人');
    fireEvent.change(screen.getByTestId('contact-import-text'), { target: { value: 'name\n王五\n' } });
    fireEvent.click(screen.getByTestId('contact-import-preview'));
    expect((await screen.findByTestId('contact-import-preview-summary')).textContent).toContain('将导入 1 行');
    const [post] = requestsTo(requests, 'POST', '/api/v1/contacts/import');
    expect(await post.json()).toEqual({ csv: 'name\n王五\n', onDuplicate: 'skip', dryRun: true, accountId: ACCOUNT_ID });
  });

  it('offers no import without the create right', async () => {
    const { fetch } = importServer('/api/v1/accounts/import', { accountLevels: { ...REP_LEVELS, create: 'none' }, contactLevels: { ...NO_LEVELS, read: 'team' } });
    await renderApp(`/sales/accounts/${ACCOUNT_ID}`, { fetch, language: 'en' });
    expect(await screen.findByTestId('contacts-export')).toBeTruthy();
    expect(screen.queryByTestId('contact-import')).toBeNull();
  });
});
