import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { historicClv } from './historic-clv';

describe('historicClv', () => {
  it('computes a worked example by hand', () => {
    // Three years: revenue 1000, 1200, 1500; direct 600, 700, 800; indirect 100, 100, 200; 10 %.
    const result = historicClv({ revenue: [1000, 1200, 1500], directCost: [600, 700, 800], indirectCost: [100, 100, 200] }, 0.1);
    expect(result.yearlyNetProfit).toEqual([300, 400, 500]);
    expect(result.profitability).toBe(1200);
    expect(result.contribution).toBe(3700 - 2100);
    // 300 + 400 / 1.1 + 500 / 1.21 = 300 + 363.6364 + 413.2231
    expect(result.valueAtAcquisition).toBeCloseTo(1076.8595, 4);
    // 300 · 1.21 + 400 · 1.1 + 500
    expect(result.valueToday).toBeCloseTo(1303, 9);
  });

  it('a constant yearly profit p over n years is p (1 − vⁿ) / (1 − v), v = 1 / (1 + d)', () => {
    fc.assert(
      fc.property(fc.double({ min: -1000, max: 1000, noNaN: true }), fc.integer({ min: 1, max: 30 }), fc.double({ min: 0.001, max: 0.5, noNaN: true }), (p, n, d) => {
        const profit = Math.abs(p);
        const years = { revenue: new Array<number>(n).fill(profit + 10), directCost: new Array<number>(n).fill(6), indirectCost: new Array<number>(n).fill(4) };
        const v = 1 / (1 + d);
        const result = historicClv(years, d);
        expect(result.valueAtAcquisition).toBeCloseTo((profit * (1 - v ** n)) / (1 - v), 6);
        expect(result.valueToday).toBeCloseTo(result.valueAtAcquisition * (1 + d) ** (n - 1), 6);
      }),
    );
  });

  it('without discounting both values are the plain sum, and contribution ≥ profitability', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(10_000), fc.nat(5_000), fc.nat(5_000)), { maxLength: 20 }), (years) => {
        const result = historicClv({ revenue: years.map((y) => y[0]), directCost: years.map((y) => y[1]), indirectCost: years.map((y) => y[2]) }, 0);
        expect(result.valueAtAcquisition).toBeCloseTo(result.profitability, 6);
        expect(result.valueToday).toBeCloseTo(result.profitability, 6);
        expect(result.contribution).toBeGreaterThanOrEqual(result.profitability);
      }),
    );
  });

  it('a higher discount rate lowers the value of profitable years at acquisition', () => {
    const years = { revenue: [100, 100, 100], directCost: [50, 50, 50], indirectCost: [0, 0, 0] };
    expect(historicClv(years, 0.2).valueAtAcquisition).toBeLessThan(historicClv(years, 0.05).valueAtAcquisition);
  });

  it('refuses bad input, naming it', () => {
    const years = { revenue: [100, 100], directCost: [50, 50], indirectCost: [10, 10] };
    expect(() => historicClv(years, -0.1)).toThrow(/discountRate: -0.1 is below 0/);
    expect(() => historicClv(years, Number.NaN)).toThrow(/discountRate/);
    expect(() => historicClv({ ...years, directCost: [50] }, 0.1)).toThrow(/directCost: 1 years, but revenue has 2/);
    expect(() => historicClv({ ...years, indirectCost: [10, -5] }, 0.1)).toThrow(/indirectCost\[1\]: -5 is below 0/);
    expect(historicClv({ revenue: [], directCost: [], indirectCost: [] }, 0.1)).toEqual({ yearlyNetProfit: [], profitability: 0, contribution: 0, valueAtAcquisition: 0, valueToday: 0 });
  });
});
