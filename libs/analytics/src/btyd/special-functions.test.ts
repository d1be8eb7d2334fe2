import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hyp2f1, logBeta, logGamma, logHyp2f1 } from './special-functions';

const relative = (actual: number, expected: number) => Math.abs(actual - expected) / Math.abs(expected);

describe('logGamma', () => {
  it.each([
    [0.5, 0.5 * Math.log(Math.PI)],
    [3, Math.log(2)],
    [10, Math.log(362880)],
    [0.1, 2.252712651734206],
    [0.001, 6.907178885383854],
    [2.5, Math.log(1.329340388179137)],
    [100, 359.1342053695754],
    [1e6, 12815504.56914761],
  ])('ln Γ(%d) to 1e-12 relative', (x, expected) => {
    expect(relative(logGamma(x), expected)).toBeLessThan(1e-12);
  });

  it('is 0 at 1 and 2 to 1e-14 absolute (where a relative error means nothing)', () => {
    expect(Math.abs(logGamma(1))).toBeLessThan(1e-14);
    expect(Math.abs(logGamma(2))).toBeLessThan(1e-14);
  });

  it('satisfies Γ(x + 1) = x Γ(x)', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.01, max: 1000, noNaN: true }), (x) => {
        const difference = logGamma(x + 1) - logGamma(x);
        expect(Math.abs(difference - Math.log(x))).toBeLessThan(1e-11 * Math.max(1, Math.abs(logGamma(x + 1))));
      }),
    );
  });
});

describe('logBeta', () => {
  it('matches closed forms', () => {
    expect(logBeta(1, 1)).toBeCloseTo(0, 14);
    expect(logBeta(2, 3)).toBeCloseTo(Math.log(1 / 12), 13);
    expect(logBeta(0.5, 0.5)).toBeCloseTo(Math.log(Math.PI), 13);
  });
});

describe('hyp2f1', () => {
  it.each([
    // ₂F₁(1, 1; 2; z) = −ln(1 − z) / z
    [1, 1, 2, 0.5, -Math.log(0.5) / 0.5],
    [1, 1, 2, -0.5, Math.log(1.5) / 0.5],
    [1, 1, 2, 0.99, -Math.log(0.01) / 0.99],
    // ₂F₁(a, b; b; z) = (1 − z)^(−a)
    [0.7, 2.3, 2.3, 0.8, Math.pow(0.2, -0.7)],
    [0.7, 2.3, 2.3, -3, Math.pow(4, -0.7)],
    [0.7, 2.3, 2.3, -0.99, Math.pow(1.99, -0.7)],
    // ₂F₁(½, 1; 3/2; −z²) = arctan(z) / z
    [0.5, 1, 1.5, -4, Math.atan(2) / 2],
    [0.5, 1, 1.5, -1, Math.atan(1)],
    // ₂F₁(½, ½; 3/2; z²) = arcsin(z) / z
    [0.5, 0.5, 1.5, 0.25, Math.asin(0.5) / 0.5],
  ])('₂F₁(%d, %d; %d; %d) is known in closed form', (a, b, c, z, expected) => {
    expect(relative(hyp2f1(a, b, c, z), expected)).toBeLessThan(1e-12);
  });

  it('logHyp2f1 agrees with hyp2f1 and stays finite where ₂F₁ overflows', () => {
    expect(logHyp2f1(1, 1, 2, 0.5)).toBeCloseTo(Math.log(-Math.log(0.5) / 0.5), 13);
    // (1 − z)^(−a) with a = 400, z = 0.9: 10^400 overflows a double, its logarithm does not.
    expect(relative(logHyp2f1(400, 3, 3, 0.9), 400 * Math.log(10))).toBeLessThan(1e-12);
    expect(logHyp2f1(2, 3, 4, 0)).toBe(0);
  });

  it('refuses arguments outside its domain', () => {
    expect(() => hyp2f1(1, 1, 2, 1)).toThrow(RangeError);
    expect(() => logHyp2f1(1, 1, 2, -0.5)).toThrow(RangeError);
    expect(() => hyp2f1(1, 1, -2, 0.5)).toThrow(RangeError);
  });
});
