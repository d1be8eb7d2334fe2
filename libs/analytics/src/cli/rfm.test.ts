import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CDNOW_DIR, runCli } from '../testing/run-cli';

const CDNOW = join(CDNOW_DIR, 'cdnow_sample_transactions.csv');

function csv(text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'rfm-')), 'transactions.csv');
  writeFileSync(path, text);
  return path;
}

// Each case starts a child process that compiles the sources: slow on a busy machine.
describe('analytics rfm', { timeout: 30_000 }, () => {
  it('prints every CDNOW customer with R, F, M values, scores and segment', () => {
    const result = runCli(['rfm', '--transactions', CDNOW, '--as-of', '1998-07-01']);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const rows = JSON.parse(result.stdout) as Record<string, unknown>[];
    expect(rows).toHaveLength(2357);
    expect(rows[0]).toEqual({ customerId: '1', recencyDays: 201, frequency: 4, monetary: 100.5, r: 4, f: 4, m: 4, segment: 'champions' });
    expect(rows[1]).toEqual({ customerId: '2', recencyDays: 534, frequency: 2, monetary: 75.11, r: 1, f: 3, m: 4, segment: 'at_risk' });
    for (const row of rows) for (const key of ['r', 'f', 'm']) expect([1, 2, 3, 4, 5]).toContain(row[key]);
  });

  it('scores a small file by hand-checkable quintiles', () => {
    // Five customers, one purchase each on consecutive days: each is its own quintile.
    const path = csv('customer_id,date,amount\na,2024-01-01,1\nb,2024-01-02,2\nc,2024-01-03,3\nd,2024-01-04,4\ne,2024-01-05,5\n');
    const rows = JSON.parse(runCli(['rfm', '--transactions', path, '--as-of', '2024-01-05']).stdout) as { customerId: string; r: number; m: number }[];
    expect(rows.map((row) => [row.customerId, row.r, row.m])).toEqual([
      ['a', 1, 1],
      ['b', 2, 2],
      ['c', 3, 3],
      ['d', 4, 4],
      ['e', 5, 5],
    ]);
  });

  it.each([
    [['--transactions', CDNOW], /--as-of is required/],
    [['--transactions', CDNOW, '--as-of', '1998-02-30'], /--as-of: "1998-02-30" is not a date/],
    [['--transactions', CDNOW, '--as-of', '1996-12-31'], /--as-of: no purchase on or before 1996-12-31/],
    [['--as-of', '1998-07-01'], /--transactions is required/],
    [['--transactions', '/no/such/file.csv', '--as-of', '1998-07-01'], /--transactions: cannot read \/no\/such\/file.csv \(ENOENT\)/],
    [['--transactions', CDNOW, '--as-of', '1998-07-01', '--rate', '2'], /Unknown option '--rate'/],
  ])('refuses %j with one line naming the option, exit 2', (args, message) => {
    const result = runCli(['rfm', ...args]);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.split('\n')[0]).toMatch(message);
  });

  it('names the bad row of the file', () => {
    const path = csv('customer_id,date,amount\n1,2024-01-01,5\n2,2024-01-02,-3\n');
    const result = runCli(['rfm', '--transactions', path, '--as-of', '2024-02-01']);
    expect(result.status).toBe(2);
    expect(result.stderr.split('\n')[0]).toMatch(/row 3: amount -3 is negative/);
  });
});
