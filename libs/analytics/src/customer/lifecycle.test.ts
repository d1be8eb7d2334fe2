import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Random } from '../testing/random';
import { lifecycleOptions, lifecycleStage, revenueByPeriod, revenueTrend, type LifecycleInput, type LifecycleStage } from './lifecycle';

const QUARTER = 91;
/** Two years of the same quarterly revenue. */
const STEADY = [100, 100, 100, 100, 100, 100, 100, 100];

/** A customer with quarterly revenue ending on day 1000, first purchase at the start of the first paid quarter. */
function customer(periodRevenue: number[], extra: Partial<LifecycleInput> = {}): LifecycleInput {
  const asOfDay = 1000;
  const firstPaid = periodRevenue.findIndex((revenue) => revenue > 0);
  const lastPaid = periodRevenue.length - 1 - [...periodRevenue].reverse().findIndex((revenue) => revenue > 0);
  return {
    periodRevenue,
    asOfDay,
    firstPurchaseDay: firstPaid < 0 ? null : asOfDay - (periodRevenue.length - firstPaid) * QUARTER + 1,
    lastPurchaseDay: firstPaid < 0 ? null : asOfDay - (periodRevenue.length - 1 - lastPaid) * QUARTER,
    ...extra,
  };
}

describe('revenueTrend', () => {
  it('compares the mean of the last n periods with the n before', () => {
    expect(revenueTrend([100, 100, 150, 150], 2)).toBeCloseTo(0.5, 12);
    expect(revenueTrend([5, 100, 100, 60, 40], 2)).toBeCloseTo(-0.5, 12);
    expect(revenueTrend([0, 0, 10, 10], 2)).toBeNull();
    expect(revenueTrend([10, 10, 10], 2)).toBeNull();
  });
});

describe('lifecycleStage', () => {
  it('follows the documented rules', () => {
    expect(lifecycleStage(customer([0, 0, 0, 0]))).toBe('potential');
    // First purchase 30 days ago: development.
    expect(lifecycleStage({ periodRevenue: [0, 0, 0, 50], asOfDay: 1000, firstPurchaseDay: 970, lastPurchaseDay: 970 })).toBe('development');
    // Bought in one quarter only, half a year ago… but more than 90 days of tenure: still development.
    expect(lifecycleStage(customer([0, 0, 80, 0]))).toBe('development');
    // Doubling business: growth.
    expect(lifecycleStage(customer([50, 50, 100, 100]))).toBe('growth');
    // Steady for two years: mature.
    expect(lifecycleStage(customer([100, 90, 110, 100, 95, 105, 100, 100]))).toBe('mature');
    // Falling by half: decline, whatever the share of wallet.
    expect(lifecycleStage(customer([100, 100, 50, 50], { shareOfWallet: 0.9 }))).toBe('decline');
    // Nothing for 200 days: decline; nothing for 400 days: terminated.
    expect(lifecycleStage(customer(STEADY, { lastPurchaseDay: 800 }))).toBe('decline');
    expect(lifecycleStage(customer(STEADY, { lastPurchaseDay: 599 }))).toBe('terminated');
    // Share of wallet decides between mature and growth when known.
    expect(lifecycleStage(customer(STEADY, { shareOfWallet: 0.8 }))).toBe('mature');
    expect(lifecycleStage(customer(STEADY, { shareOfWallet: 0.3 }))).toBe('growth');
    // Starting from nothing two quarters ago: growth (no percentage, but growing).
    expect(lifecycleStage(customer([0, 0, 100, 100]))).toBe('growth');
  });

  it('thresholds are options', () => {
    expect(lifecycleStage(customer([100, 100, 100, 100, 100, 100, 85, 85]))).toBe('mature');
    expect(lifecycleStage(customer([100, 100, 100, 100, 100, 100, 85, 85]), lifecycleOptions({ declineThreshold: 0.1 }))).toBe('decline');
    expect(lifecycleStage(customer(STEADY, { shareOfWallet: 0.4 }), lifecycleOptions({ matureShareOfWallet: 0.4 }))).toBe('mature');
    expect(lifecycleStage(customer(STEADY, { lastPurchaseDay: 599 }), lifecycleOptions({ terminatedAfterDays: 500 }))).toBe('decline');
  });

  it('refuses bad options and inputs, naming them', () => {
    expect(() => lifecycleOptions({ trendPeriods: 0 })).toThrow(/options.trendPeriods: 0 is below 1/);
    expect(() => lifecycleOptions({ declineAfterDays: 400 })).toThrow(/options.declineAfterDays: 400 is above 365/);
    expect(() => lifecycleOptions({ matureShareOfWallet: 1.5 })).toThrow(/options.matureShareOfWallet/);
    expect(() => lifecycleOptions({ growth: 1 } as never)).toThrow(/options.growth: unknown option/);
    expect(() => lifecycleStage(customer([100, -1]))).toThrow(/periodRevenue\[1\]: -1 is below 0/);
    expect(() => lifecycleStage(customer([100, 100], { shareOfWallet: 2 }))).toThrow(/shareOfWallet: 2 is above 1/);
    expect(() => lifecycleStage(customer([100, 100], { lastPurchaseDay: 2000 }))).toThrow(/lastPurchaseDay: 2000 is above 1000/);
  });

  it('a customer who never bought is potential, and one silent past the limit is terminated, whatever the rest', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(1000), { maxLength: 12 }), fc.option(fc.double({ min: 0, max: 1, noNaN: true })), (revenue, share) => {
        expect(lifecycleStage({ periodRevenue: revenue, asOfDay: 5000, firstPurchaseDay: null, lastPurchaseDay: null, shareOfWallet: share })).toBe('potential');
        expect(lifecycleStage({ periodRevenue: revenue, asOfDay: 5000, firstPurchaseDay: 0, lastPurchaseDay: 4000, shareOfWallet: share })).toBe('terminated');
      }),
    );
  });

  it('recovers simulated trends: growing, steady and shrinking customers over eight quarters', () => {
    // 200 customers per known trend: quarterly revenue base · (1 + g)^t · noise (±10 %), g = +25 %, 0, −25 %.
    const random = new Random(2026);
    const cases: [LifecycleStage, number][] = [
      ['growth', 0.25],
      ['mature', 0],
      ['decline', -0.25],
    ];
    for (const [expected, quarterlyGrowth] of cases) {
      let right = 0;
      for (let i = 0; i < 200; i++) {
        const base = 50 + random.uniform() * 500;
        const revenue = Array.from({ length: 8 }, (_, t) => base * (1 + quarterlyGrowth) ** t * (0.9 + random.uniform() * 0.2));
        if (lifecycleStage(customer(revenue)) === expected) right++;
      }
      expect(right / 200).toBeGreaterThan(0.95);
    }
  });
});

describe('revenueByPeriod', () => {
  it('sums purchases into periods ending on the as-of day, oldest first', () => {
    const purchases = [
      { day: 100, amount: 5 },
      { day: 91, amount: 1 },
      { day: 90, amount: 2 },
      { day: 1, amount: 3 },
      { day: 0, amount: 7 },
      { day: 101, amount: 100 },
    ];
    // Periods of 10 days ending on day 100: [91, 100] is the last, [81, 90] before it; day 0 is out of range.
    expect(revenueByPeriod(purchases, 100, 10, 10)).toEqual([3, 0, 0, 0, 0, 0, 0, 0, 2, 6]);
    expect(() => revenueByPeriod(purchases, 100, 0, 4)).toThrow(/periodDays/);
  });

  it('keeps every purchase of the window', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ day: fc.nat(365), amount: fc.nat(1000) })), fc.integer({ min: 1, max: 60 }), (purchases, periodDays) => {
        const periods = Math.ceil(366 / periodDays);
        const total = purchases.reduce((sum, p) => sum + p.amount, 0);
        expect(revenueByPeriod(purchases, 365, periodDays, periods).reduce((sum, r) => sum + r, 0)).toBe(total);
      }),
    );
  });
});
