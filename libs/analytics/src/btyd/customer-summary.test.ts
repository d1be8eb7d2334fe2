import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDay } from '../dates';
import { CDNOW_DIR } from '../testing/run-cli';
import { parseTransactionsCsv } from '../transactions';
import { summarizeCustomers } from './customer-summary';

const day = (iso: string) => parseDay(iso)!;

describe('summarizeCustomers', () => {
  it('merges same-day purchases, excludes the first purchase from spend and ignores later purchases', () => {
    const summaries = summarizeCustomers(
      [
        { customerId: 'a', day: day('2024-01-15'), amount: 10 },
        { customerId: 'a', day: day('2024-01-01'), amount: 100 },
        { customerId: 'a', day: day('2024-01-15'), amount: 5 },
        { customerId: 'a', day: day('2024-01-29'), amount: 45 },
        { customerId: 'a', day: day('2024-03-01'), amount: 999 },
        { customerId: 'b', day: day('2024-01-22'), amount: 7 },
        { customerId: 'c', day: day('2024-02-05'), amount: 7 },
      ],
      day('2024-02-01'),
      { holdoutEnd: day('2024-03-31') },
    );
    expect(summaries).toEqual([
      { customerId: 'a', frequency: 2, recency: 4, T: 31 / 7, monetary: 30, holdoutFrequency: 1 },
      { customerId: 'b', frequency: 0, recency: 0, T: 10 / 7, monetary: 0, holdoutFrequency: 0 },
    ]);
  });

  it("reproduces every customer's x, t_x, T, holdout repeats and mean repeat spend of the CDNOW calibration table", () => {
    const transactions = parseTransactionsCsv(readFileSync(join(CDNOW_DIR, 'cdnow_sample_transactions.csv'), 'utf8'));
    const summaries = summarizeCustomers(transactions, day('1997-09-30'), { holdoutEnd: day('1998-06-30') });
    const expected = readFileSync(join(CDNOW_DIR, 'cdnow_cbs_computed.csv'), 'utf8').trim().split('\n').slice(1);
    expect(summaries).toHaveLength(2357);
    const byId = new Map(summaries.map((summary) => [summary.customerId, summary]));
    for (const line of expected) {
      const [id, , x, tx, T, holdout, mbar] = line.split(',');
      const summary = byId.get(id)!;
      expect(summary.frequency, id).toBe(Number(x));
      expect(summary.recency, id).toBeCloseTo(Number(tx), 5);
      expect(summary.T, id).toBeCloseTo(Number(T), 5);
      expect(summary.holdoutFrequency, id).toBe(Number(holdout));
      expect(summary.monetary, id).toBeCloseTo(Number(mbar), 5);
    }
  });
});
