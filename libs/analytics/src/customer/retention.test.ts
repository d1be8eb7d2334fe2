import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDay } from '../dates';
import { CDNOW_DIR } from '../testing/run-cli';
import { Random } from '../testing/random';
import { parseTransactionsCsv } from '../transactions';
import { addRetentionCounts, countRetention, expectedRemainingValue, profitLostToChurn, retentionRates } from './retention';

describe('retention counts', () => {
  it('count active, retained, churned and gained customers per period', () => {
    const counts = countRetention([[0, 1, 2], [0, 2], [1], [0, 0, 1], []], 3);
    expect(counts).toEqual({ active: [3, 3, 2], retained: [0, 2, 1], churned: [0, 1, 2], gained: [3, 1, 1] });
    expect(retentionRates(counts)).toEqual([null, 2 / 3, 1 / 3]);
  });

  it('add up across batches', () => {
    fc.assert(
      fc.property(fc.array(fc.uniqueArray(fc.nat(5), { maxLength: 6 }), { maxLength: 50 }), fc.nat(50), (customers, cut) => {
        const split = Math.min(cut, customers.length);
        const whole = countRetention(customers, 6);
        expect(addRetentionCounts(countRetention(customers.slice(0, split), 6), countRetention(customers.slice(split), 6))).toEqual(whole);
        // Everyone active before is either retained or churned; everyone active now is retained or gained.
        for (let t = 1; t < 6; t++) {
          expect(whole.retained[t] + whole.churned[t]).toBe(whole.active[t - 1]);
          expect(whole.retained[t] + whole.gained[t]).toBe(whole.active[t]);
        }
      }),
    );
  });

  it('refuse a period out of range, naming the customer', () => {
    expect(() => countRetention([[0], [3]], 3)).toThrow(/activePeriods\[1\]\[0\]: 3 is above 2/);
    expect(() => addRetentionCounts(countRetention([], 2), countRetention([], 3))).toThrow(/2 and 3 periods/);
    expect(retentionRates(countRetention([[1]], 3))).toEqual([null, null, 0]);
  });

  it('recover a known retention rate from simulated customers', () => {
    // 5,000 customers acquired in period 0, each staying on to the next period with probability 0.7.
    const random = new Random(99);
    const customers = Array.from({ length: 5000 }, () => {
      const active = [0];
      while (active.length < 6 && random.uniform() < 0.7) active.push(active.length);
      return active;
    });
    const rates = retentionRates(countRetention(customers, 6));
    for (const rate of rates.slice(1, 4)) expect(rate!).toBeCloseTo(0.7, 1);
    const counts = countRetention(customers, 6);
    const pooled = counts.retained.slice(1).reduce((a, b) => a + b, 0) / counts.active.slice(0, 5).reduce((a, b) => a + b, 0);
    expect(Math.abs(pooled - 0.7)).toBeLessThan(0.01);
  });

  it('CDNOW by quarter: of the 2,357 customers of 1997 Q1, 524 bought again in Q2 (22.2 %), then 40.8 % of those in Q3', () => {
    const transactions = parseTransactionsCsv(readFileSync(join(CDNOW_DIR, 'cdnow_sample_transactions.csv'), 'utf8'));
    const start = parseDay('1997-01-01')!;
    const quarterOf = (day: number) => {
      const date = new Date(day * 86_400_000);
      return (date.getUTCFullYear() - 1997) * 4 + Math.floor(date.getUTCMonth() / 3);
    };
    const byCustomer = new Map<string, Set<number>>();
    for (const t of transactions) {
      if (t.day < start) continue;
      let set = byCustomer.get(t.customerId);
      if (!set) byCustomer.set(t.customerId, (set = new Set()));
      set.add(quarterOf(t.day));
    }
    const counts = countRetention([...byCustomer.values()].map((set) => [...set]), 6);
    expect(counts.active).toEqual([2357, 524, 418, 404, 384, 300]);
    expect(counts.retained).toEqual([0, 524, 214, 203, 196, 169]);
    const rates = retentionRates(counts);
    expect(rates[2]).toBeCloseTo(214 / 524, 12);
    expect(counts.retained[1]).toBe(cdnowRepeatersInQ2(transactions));
    expect(rates[1]).toBeCloseTo(counts.retained[1] / 2357, 12);
  });
});

function cdnowRepeatersInQ2(transactions: { customerId: string; day: number }[]): number {
  const [from, to] = [parseDay('1997-04-01')!, parseDay('1997-06-30')!];
  return new Set(transactions.filter((t) => t.day >= from && t.day <= to).map((t) => t.customerId)).size;
}

describe('profit lost to churn', () => {
  it('is the yearly profit times Σ (r / (1 + d))^t: closed forms', () => {
    // m = 100, r = 0.8, d = 0.1: unbounded m (1 + d) / (1 + d − r) = 110 / 0.3.
    expect(expectedRemainingValue(100, { retentionRate: 0.8, discountRate: 0.1 })).toBeCloseTo(110 / 0.3, 9);
    // Two years: 100 + 100 · 0.8 / 1.1.
    expect(expectedRemainingValue(100, { retentionRate: 0.8, discountRate: 0.1, horizonYears: 2 })).toBeCloseTo(100 + 80 / 1.1, 9);
    expect(expectedRemainingValue(100, { retentionRate: 1, discountRate: 0, horizonYears: 5 })).toBe(500);
    expect(expectedRemainingValue(100, { retentionRate: 0, discountRate: 0.1 })).toBe(100);
    // Kotler's example shape: 3,200 churned customers each worth 4,000 a year, r = 0.95, d = 0.1, three years.
    const perCustomer = 4000 * (1 + 0.95 / 1.1 + (0.95 / 1.1) ** 2);
    expect(profitLostToChurn(new Array<number>(3200).fill(4000), { retentionRate: 0.95, discountRate: 0.1, horizonYears: 3 })).toBeCloseTo(3200 * perCustomer, 3);
  });

  it('the finite horizon approaches the unbounded value and never exceeds it for a positive profit', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 0.99, noNaN: true }), fc.double({ min: 0, max: 0.3, noNaN: true }), fc.integer({ min: 0, max: 50 }), (r, d, h) => {
        const unbounded = expectedRemainingValue(1, { retentionRate: r, discountRate: d });
        const finite = expectedRemainingValue(1, { retentionRate: r, discountRate: d, horizonYears: h });
        expect(finite).toBeLessThanOrEqual(unbounded + 1e-9);
        expect(expectedRemainingValue(1, { retentionRate: r, discountRate: d, horizonYears: 2000 })).toBeCloseTo(unbounded, 6);
      }),
    );
  });

  it('refuses impossible rates, naming them', () => {
    expect(() => expectedRemainingValue(100, { retentionRate: 1.2, discountRate: 0.1 })).toThrow(/retentionRate: 1.2 is above 1/);
    expect(() => expectedRemainingValue(100, { retentionRate: 1, discountRate: 0 })).toThrow(/give horizonYears/);
    expect(() => expectedRemainingValue(100, { retentionRate: 0.5, discountRate: 0.1, horizonYears: 1.5 })).toThrow(/horizonYears: 1.5 is not a whole number/);
    expect(() => profitLostToChurn([1, Number.NaN], { retentionRate: 0.5, discountRate: 0.1 })).toThrow(/churnedYearlyProfits\[1\]/);
  });
});
