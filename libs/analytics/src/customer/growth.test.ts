import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { growthRate, periodOverPeriodGrowth } from './growth';

describe('growthRate', () => {
  it('is (current − previous) / previous', () => {
    expect(growthRate(120, 100)).toBeCloseTo(0.2, 12);
    expect(growthRate(50, 100)).toBeCloseTo(-0.5, 12);
    expect(growthRate(0, 100)).toBe(-1);
    expect(growthRate(7, 7)).toBe(0);
  });

  it('keeps the sign of the change when the previous value is negative (a smaller loss is growth)', () => {
    expect(growthRate(-50, -100)).toBeCloseTo(0.5, 12);
    expect(growthRate(-200, -100)).toBeCloseTo(-1, 12);
    expect(growthRate(50, -100)).toBeCloseTo(1.5, 12);
  });

  it('is null, never Infinity or NaN, from a previous value of 0', () => {
    expect(growthRate(10, 0)).toBeNull();
    expect(growthRate(0, 0)).toBeNull();
    expect(growthRate(Number.NaN, 3)).toBeNull();
  });

  it('recovers current as previous + |previous| · rate and has the sign of the change', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.01, max: 1e6, noNaN: true }), fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.boolean(), (size, current, negative) => {
        const previous = negative ? -size : size;
        const rate = growthRate(current, previous)!;
        expect(previous + Math.abs(previous) * rate).toBeCloseTo(current, 6);
        expect(Math.sign(rate)).toBe(Math.sign(current - previous));
      }),
    );
  });

  it('per period: the first is null and each later one compares with its predecessor', () => {
    expect(periodOverPeriodGrowth([100, 150, 0, 30])).toEqual([null, 0.5, -1, null]);
    expect(periodOverPeriodGrowth(new Float64Array([2, 4]))).toEqual([null, 1]);
    expect(periodOverPeriodGrowth([])).toEqual([]);
  });
});
