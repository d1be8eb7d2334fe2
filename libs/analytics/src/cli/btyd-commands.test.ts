import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CDNOW_DIR, runCli } from '../testing/run-cli';

const CDNOW = join(CDNOW_DIR, 'cdnow_sample_transactions.csv');
// Each test starts node and compiles the sources on the fly: seconds on a busy machine.
const CHILD_PROCESS_TIMEOUT = 60_000;

function csvFile(text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'analytics-btyd-')), 'transactions.csv');
  writeFileSync(path, text);
  return path;
}

describe('fit-bgnbd', { timeout: CHILD_PROCESS_TIMEOUT }, () => {
  it('prints the published CDNOW estimates as JSON', () => {
    const result = runCli(['fit-bgnbd', '--transactions', CDNOW, '--calibration-end', '1997-09-30']);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const fit = JSON.parse(result.stdout);
    expect(Object.keys(fit)).toEqual(['r', 'alpha', 'a', 'b', 'logLikelihood', 'customers']);
    expect(fit.r).toBeCloseTo(0.243, 3);
    expect(fit.alpha).toBeCloseTo(4.414, 2);
    expect(fit.a).toBeCloseTo(0.793, 3);
    expect(fit.b).toBeCloseTo(2.426, 2);
    expect(fit.logLikelihood).toBeCloseTo(-9582.4, 1);
    expect(fit.customers).toBe(2357);
  });

  it.each([
    [['--transactions', CDNOW], /--calibration-end is required/],
    [['--transactions', CDNOW, '--calibration-end', '1997-09-31'], /--calibration-end: "1997-09-31" is not a date/],
    [['--transactions', '/no/such/file.csv', '--calibration-end', '1997-09-30'], /--transactions: cannot read \/no\/such\/file.csv \(ENOENT\)/],
    [['--transactions', CDNOW, '--calibration-end', '1990-01-01'], /no customers in the calibration period/],
    [['--transactions', CDNOW, '--calibration-end', '1997-09-30', '--horizon-weeks', '3'], /Unknown option '--horizon-weeks'/],
  ])('refuses %j with a one-line reason and exit code 2', (args, message) => {
    const result = runCli(['fit-bgnbd', ...args]);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.split('\n')[0]).toMatch(message);
  });

  it('names the bad row of a transactions file', () => {
    const path = csvFile('customer_id,date,amount\n1,1997-01-01,5\n1,1997-13-01,5\n');
    const result = runCli(['fit-bgnbd', '--transactions', path, '--calibration-end', '1997-09-30']);
    expect(result.status).toBe(2);
    expect(result.stderr.split('\n')[0]).toMatch(/row 3: date "1997-13-01" is not a date/);
  });
});

describe('fit-gamma-gamma', { timeout: CHILD_PROCESS_TIMEOUT }, () => {
  it('prints the CDNOW spend parameters as JSON', () => {
    const result = runCli(['fit-gamma-gamma', '--transactions', CDNOW, '--calibration-end', '1997-09-30']);
    expect(result.status).toBe(0);
    const fit = JSON.parse(result.stdout);
    expect(Object.keys(fit)).toEqual(['p', 'q', 'gamma', 'customers']);
    expect(fit.p).toBeCloseTo(6.25, 1);
    expect(fit.q).toBeCloseTo(3.74, 1);
    expect(fit.gamma).toBeCloseTo(15.44, 1);
    expect(fit.customers).toBe(946);
  });

  it('says when nobody bought twice', () => {
    const path = csvFile('customer_id,date,amount\n1,1997-01-01,5\n2,1997-01-02,5\n');
    const result = runCli(['fit-gamma-gamma', '--transactions', path, '--calibration-end', '1997-09-30']);
    expect(result.status).toBe(2);
    expect(result.stderr.split('\n')[0]).toMatch(/no customer made a repeat purchase/);
  });
});

describe('predict', { timeout: CHILD_PROCESS_TIMEOUT }, () => {
  it('prints per-customer expected purchases, P(alive), expected spend and CLV', () => {
    const result = runCli(['predict', '--transactions', CDNOW, '--calibration-end', '1997-09-30', '--horizon-weeks', '39', '--discount-rate', '0.1']);
    expect(result.status).toBe(0);
    const predictions = JSON.parse(result.stdout) as Record<string, unknown>[];
    expect(predictions).toHaveLength(2357);
    expect(Object.keys(predictions[0])).toEqual(['customerId', 'expectedTransactions', 'probabilityAlive', 'expectedSpend', 'clv']);
    expect(predictions[0].customerId).toBe('1');
    expect(predictions[0].expectedTransactions).toBeCloseTo(1.226, 2);
  });

  it.each([
    [['--horizon-weeks=-3'], /--horizon-weeks: "-3" is not a number ≥ 0/],
    [['--horizon-weeks', '52', '--discount-rate', 'ten'], /--discount-rate: "ten" is not a number ≥ 0/],
    [[], /--horizon-weeks is required/],
  ])('refuses %j naming the option', (args, message) => {
    const result = runCli(['predict', '--transactions', CDNOW, '--calibration-end', '1997-09-30', ...args]);
    expect(result.status).toBe(2);
    expect(result.stderr.split('\n')[0]).toMatch(message);
  });
});
