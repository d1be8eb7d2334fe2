import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Random } from '../testing/random';
import { valueTier, valueTierBreakpoints } from './value-tier';

describe('value tiers (ABC)', () => {
  it('closed form: 10 customers, one big', () => {
    // Total 100: 50 + 20 + 10 = 80 → a ≥ 10; then 85, 90, 94, 97: 95 is reached at 3 → b ≥ 3.
    const values = [5, 50, 1, 10, 2, 20, 5, 3, 4, 0];
    const breakpoints = valueTierBreakpoints(values);
    expect(breakpoints).toEqual({ a: 10, b: 3 });
    expect(values.map((value) => valueTier(value, breakpoints))).toEqual(['b', 'a', 'c', 'a', 'c', 'a', 'b', 'b', 'b', 'c']);
    expect(valueTierBreakpoints(values, { aShare: 0.5, bShare: 0.7 })).toEqual({ a: 50, b: 20 });
  });

  it('nobody is a or b in a population of zeros, and zero is never a or b', () => {
    expect(valueTierBreakpoints([0, 0])).toEqual({ a: null, b: null });
    expect(valueTier(0, valueTierBreakpoints([0, 0]))).toBe('c');
    expect(valueTier(0, valueTierBreakpoints([0, 3], { aShare: 1, bShare: 1 }))).toBe('c');
  });

  it('tier a brings at least aShare of the total, and a customer without the last one would not', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(10_000), { minLength: 1, maxLength: 300 }), fc.double({ min: 0.05, max: 1, noNaN: true }), (values, aShare) => {
        const total = values.reduce((sum, value) => sum + value, 0);
        const breakpoints = valueTierBreakpoints(values, { aShare, bShare: 1 });
        const tierA = values.filter((value) => valueTier(value, breakpoints) === 'a');
        if (total === 0) {
          expect(tierA).toHaveLength(0);
          return;
        }
        const sumA = tierA.reduce((sum, value) => sum + value, 0);
        expect(sumA).toBeGreaterThanOrEqual(aShare * total * (1 - 1e-9));
        const above = values.filter((value) => value > breakpoints.a!).reduce((sum, value) => sum + value, 0);
        expect(above).toBeLessThan(aShare * total);
      }),
    );
  });

  it('recovers a known Pareto split from a simulated power-law population', () => {
    // Pareto(α) values with α = log(5)/log(4) ≈ 1.16 give the 80/20 rule: the top 20 % hold about 80 % of the total.
    const random = new Random(80);
    const alpha = Math.log(5) / Math.log(4);
    const values = Array.from({ length: 200_000 }, () => (1 - random.uniform()) ** (-1 / alpha));
    const breakpoints = valueTierBreakpoints(Float64Array.from(values));
    const shareA = values.filter((value) => valueTier(value, breakpoints) === 'a').length / values.length;
    expect(shareA).toBeGreaterThan(0.12);
    expect(shareA).toBeLessThan(0.28);
  });

  it('refuses bad options and values, naming them', () => {
    expect(() => valueTierBreakpoints([1], { aShare: 0.9, bShare: 0.8 })).toThrow(/options.bShare: 0.8 is below aShare 0.9/);
    expect(() => valueTierBreakpoints([1], { aShare: 0 })).toThrow(/options.aShare/);
    expect(() => valueTierBreakpoints([1, -1])).toThrow(/values\[1\]: -1 is below 0/);
  });
});
