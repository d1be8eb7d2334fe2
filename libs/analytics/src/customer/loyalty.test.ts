import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LOYALTY_FACTORS, loyaltyFactorScores, loyaltyIndex, loyaltySettings, type LoyaltyInput } from './loyalty';

const FULL: LoyaltyInput = {
  purchaseDurationDays: 3 * 365,
  purchasesPerYear: 12,
  frequencyTrend: 1,
  shareOfWallet: 1,
  productLines: 5,
  referrals: 3,
  discountShare: 0,
  voluntaryShare: 1,
  satisfaction: 1,
};

describe('loyaltyIndex', () => {
  it('is 100 at every reference value and 0 at the bottom of every factor', () => {
    expect(loyaltyIndex(FULL)).toMatchObject({ index: 100, coverage: 1 });
    const none: LoyaltyInput = { purchaseDurationDays: 0, purchasesPerYear: 0, frequencyTrend: -1, shareOfWallet: 0, productLines: 1, referrals: 0, discountShare: 1, voluntaryShare: 0, satisfaction: 0 };
    expect(loyaltyIndex(none).index).toBe(0);
  });

  it('maps each factor as documented', () => {
    const scores = loyaltyFactorScores({ purchaseDurationDays: 365, purchasesPerYear: 3, frequencyTrend: 0, productLines: 3, referrals: 6, discountShare: 0.25, satisfaction: 0.75 });
    expect(scores.duration).toBeCloseTo(1 / 3, 12);
    expect(scores).toMatchObject({ frequency: 0.25, frequencyTrend: 0.5, crossSelling: 0.5, referrals: 1, priceSensitivity: 0.75, satisfaction: 0.75, shareOfWallet: null, voluntary: null });
  });

  it('weights the three sub-systems 1/3 each by default', () => {
    // Only A2 (spending) known and full: 100; A1 full and A2 zero: 50 (both sub-systems weigh 1/3).
    expect(loyaltyIndex({ shareOfWallet: 1, productLines: 5 }).index).toBeCloseTo(100, 9);
    const half = loyaltyIndex({ purchaseDurationDays: 5000, purchasesPerYear: 50, frequencyTrend: 3, shareOfWallet: 0, productLines: 1 });
    expect(half.index).toBeCloseTo(50, 9);
    expect(half.coverage).toBeCloseTo(2 / 3, 12);
    expect(loyaltyIndex({}).index).toBeNull();
  });

  it('takes weights (e.g. from AHP) and reference values as options', () => {
    const settings = loyaltySettings({ fullPurchasesPerYear: 6 }, { ...Object.fromEntries(LOYALTY_FACTORS.map((f) => [f, 0])), frequency: 3, satisfaction: 1 });
    // frequency 3/6 = 0.5 with weight 3/4, satisfaction 1 with weight 1/4.
    expect(loyaltyIndex({ purchasesPerYear: 3, satisfaction: 1, shareOfWallet: 0 }, settings).index).toBeCloseTo(62.5, 9);
    expect(() => loyaltySettings({ fullReferrals: 0 })).toThrow(/options.fullReferrals: 0 must be above 0/);
    expect(() => loyaltySettings(undefined, { referral: 1 } as never)).toThrow(/weights.referral: unknown option/);
    expect(() => loyaltySettings(undefined, Object.fromEntries(LOYALTY_FACTORS.map((f) => [f, 0])))).toThrow(/at least one weight/);
    expect(() => loyaltyIndex({ shareOfWallet: 1.5 })).toThrow(/shareOfWallet: 1.5 is above 1/);
    expect(() => loyaltyIndex({ frequencyTrend: -2 })).toThrow(/frequencyTrend: -2 is below -1/);
  });

  it('stays within 0–100 and never falls when a factor improves', () => {
    const input = fc.record({
      purchaseDurationDays: fc.nat(3000),
      purchasesPerYear: fc.nat(40),
      frequencyTrend: fc.double({ min: -1, max: 3, noNaN: true }),
      shareOfWallet: fc.double({ min: 0, max: 1, noNaN: true }),
      productLines: fc.nat(10),
      referrals: fc.nat(10),
      discountShare: fc.double({ min: 0, max: 1, noNaN: true }),
      satisfaction: fc.double({ min: 0, max: 1, noNaN: true }),
    });
    fc.assert(
      fc.property(input, fc.nat(10), (customer, more) => {
        const { index } = loyaltyIndex(customer);
        expect(index!).toBeGreaterThanOrEqual(0);
        expect(index!).toBeLessThanOrEqual(100 + 1e-9);
        expect(loyaltyIndex({ ...customer, purchasesPerYear: customer.purchasesPerYear + more }).index!).toBeGreaterThanOrEqual(index! - 1e-9);
        expect(loyaltyIndex({ ...customer, discountShare: customer.discountShare / 2 }).index!).toBeGreaterThanOrEqual(index! - 1e-9);
      }),
    );
  });
});
