import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDay } from '../dates';
import { InputError } from '../input-error';
import { Random } from '../testing/random';
import { CDNOW_DIR } from '../testing/run-cli';
import { cohortLengths, simulateBgNbd } from '../testing/simulate';
import { parseTransactionsCsv } from '../transactions';
import { bgNbdLogLikelihood, conditionalExpectedTransactions, expectedTransactions, fitBgNbd, probabilityAlive, type BgNbdParams } from './bgnbd';
import { summarizeCustomers } from './customer-summary';

// The published CDNOW estimates (Fader, Hardie & Lee 2005).
const CDNOW: BgNbdParams = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };

const params = fc.record({
  r: fc.double({ min: 0.05, max: 5, noNaN: true }),
  alpha: fc.double({ min: 0.1, max: 50, noNaN: true }),
  a: fc.double({ min: 0.05, max: 5, noNaN: true }),
  b: fc.double({ min: 0.5, max: 10, noNaN: true }),
});
// A history: T, then t_x ≤ T, then x (t_x = 0 when x = 0).
const history = fc
  .tuple(fc.double({ min: 0.1, max: 100, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 0, max: 40 }))
  .map(([T, share, frequency]) => ({ frequency, recency: frequency === 0 ? 0 : share * T, T }));

describe('BG/NBD log-likelihood', () => {
  it('matches the closed forms for x = 0 and x = 1', () => {
    const { r, alpha, a, b } = CDNOW;
    expect(bgNbdLogLikelihood(CDNOW, [{ frequency: 0, recency: 0, T: 30 }])).toBeCloseTo(r * Math.log(alpha / (alpha + 30)), 12);
    // Γ(r+1)/Γ(r) = r, B(a, b+1)/B(a, b) = b/(a+b), B(a+1, b)/B(a, b) = a/(a+b).
    const one = r * alpha ** r * ((b / (a + b)) * (alpha + 30) ** -(r + 1) + (a / (a + b)) * (alpha + 12) ** -(r + 1));
    expect(bgNbdLogLikelihood(CDNOW, [{ frequency: 1, recency: 12, T: 30 }])).toBeCloseTo(Math.log(one), 12);
  });

  it('weights count a history that many times', () => {
    fc.assert(
      fc.property(params, history, fc.integer({ min: 1, max: 5 }), (p, h, weight) => {
        const repeated = bgNbdLogLikelihood(p, Array.from({ length: weight }, () => h));
        expect(bgNbdLogLikelihood(p, [{ ...h, weight }])).toBeCloseTo(repeated, 8);
      }),
      { numRuns: 50 },
    );
  });

  it('refuses impossible histories', () => {
    expect(() => bgNbdLogLikelihood(CDNOW, [{ frequency: 1, recency: 5, T: 4 }])).toThrow(RangeError);
    expect(() => bgNbdLogLikelihood(CDNOW, [{ frequency: 1.5, recency: 1, T: 4 }])).toThrow(RangeError);
  });
});

describe('fitBgNbd', () => {
  it('reproduces the published CDNOW estimates (calibration to 1997-09-30)', () => {
    const transactions = parseTransactionsCsv(readFileSync(join(CDNOW_DIR, 'cdnow_sample_transactions.csv'), 'utf8'));
    const fit = fitBgNbd(summarizeCustomers(transactions, parseDay('1997-09-30')!));
    expect(fit.customers).toBe(2357);
    expect(fit.r).toBeCloseTo(0.243, 3);
    expect(fit.alpha).toBeCloseTo(4.414, 2);
    expect(fit.a).toBeCloseTo(0.793, 3);
    expect(fit.b).toBeCloseTo(2.426, 2);
    expect(fit.logLikelihood).toBeCloseTo(-9582.4, 1);
  });

  it('recovers the parameters of simulated BG/NBD data (seeded)', () => {
    const random = new Random(2005);
    const truth: BgNbdParams = { r: 0.25, alpha: 4, a: 0.8, b: 2.5 };
    const fit = fitBgNbd(simulateBgNbd(random, truth, cohortLengths(random, 20_000, 39, 12)));
    for (const name of ['r', 'alpha', 'a', 'b'] as const) expect(Math.abs(fit[name] / truth[name] - 1), name).toBeLessThan(0.15);
  });

  it('finds a higher likelihood than its neighbours', () => {
    const random = new Random(3);
    const histories = simulateBgNbd(random, { r: 1, alpha: 10, a: 1.5, b: 4 }, cohortLengths(random, 2_000, 52, 26));
    const fit = fitBgNbd(histories);
    for (const name of ['r', 'alpha', 'a', 'b'] as const) {
      for (const factor of [0.99, 1.01]) expect(bgNbdLogLikelihood({ ...fit, [name]: fit[name] * factor }, histories)).toBeLessThan(fit.logLikelihood);
    }
  });

  it('refuses data it cannot fit', () => {
    expect(() => fitBgNbd([])).toThrow(InputError);
    expect(() => fitBgNbd([{ frequency: 0, recency: 0, T: 10 }])).toThrow(/no customer made a repeat purchase/);
  });
});

describe('expected transactions', () => {
  it("give Fader, Hardie & Lee's CDNOW example: E[Y(39) | x=2, t_x=30.43, T=38.86] = 1.226", () => {
    expect(conditionalExpectedTransactions(CDNOW, 39, 2, 30.43, 38.86)).toBeCloseTo(1.226, 3);
  });

  it('tend to the NBD r·t/α when nobody drops out (p → 0) and to r·t/α for small t', () => {
    expect(expectedTransactions({ r: 2, alpha: 5, a: 2, b: 1e8 }, 10) / (2 * 10) * 5).toBeCloseTo(1, 5);
    const t = 1e-6;
    expect(expectedTransactions(CDNOW, t) / ((CDNOW.r * t) / CDNOW.alpha)).toBeCloseTo(1, 4);
    expect(expectedTransactions(CDNOW, 0)).toBe(0);
  });

  it('agree with a Monte Carlo mean of simulated repeat purchases', () => {
    const random = new Random(99);
    const simulated = simulateBgNbd(random, CDNOW, new Array<number>(100_000).fill(52));
    const mean = simulated.reduce((sum, h) => sum + h.frequency, 0) / simulated.length;
    expect(mean / expectedTransactions(CDNOW, 52)).toBeCloseTo(1, 1);
  });

  it('are continuous through a = 1 and a + b = 1 (removable singularities)', () => {
    const at = (a: number) => expectedTransactions({ ...CDNOW, a }, 26);
    expect(at(1)).toBeCloseTo((at(1 - 1e-4) + at(1 + 1e-4)) / 2, 6);
    // a + b = 1 puts ₂F₁(r, b; a+b−1; z) on its pole at c = 0.
    const nearPole = (a: number) => expectedTransactions({ r: 0.5, alpha: 3, a, b: 0.6 }, 26);
    expect(nearPole(0.4)).toBeCloseTo((nearPole(0.4 - 1e-4) + nearPole(0.4 + 1e-4)) / 2, 5);
    expect(nearPole(0.3)).toBeGreaterThan(0);
    expect(conditionalExpectedTransactions({ ...CDNOW, a: 1 }, 26, 3, 20, 30)).toBeCloseTo(conditionalExpectedTransactions({ ...CDNOW, a: 1.0001 }, 26, 3, 20, 30), 3);
  });

  it('conditional on no history (x = t_x = T = 0) equal the unconditional expectation', () => {
    fc.assert(
      fc.property(params, fc.double({ min: 0.1, max: 200, noNaN: true }), (p, t) => {
        const unconditional = expectedTransactions(p, t);
        expect(conditionalExpectedTransactions(p, t, 0, 0, 0)).toBeCloseTo(unconditional, 8);
        expect(unconditional).toBeGreaterThan(0);
      }),
      { numRuns: 100 },
    );
  });

  it('grow with the horizon t', () => {
    fc.assert(
      fc.property(params, history, fc.double({ min: 0.1, max: 100, noNaN: true }), (p, h, t) => {
        fc.pre(Math.abs(p.a - 1) > 1e-3);
        const shorter = conditionalExpectedTransactions(p, t, h.frequency, h.recency, h.T);
        const longer = conditionalExpectedTransactions(p, t * 1.5, h.frequency, h.recency, h.T);
        expect(shorter).toBeGreaterThan(0);
        expect(longer).toBeGreaterThan(shorter);
      }),
      { numRuns: 200 },
    );
  });

  it('grow with x for a customer who bought at the end of the period (t_x = T)', () => {
    fc.assert(
      fc.property(params, fc.double({ min: 0.1, max: 100, noNaN: true }), fc.integer({ min: 1, max: 30 }), (p, T, x) => {
        fc.pre(Math.abs(p.a - 1) > 1e-3);
        expect(conditionalExpectedTransactions(p, 10, x + 1, T, T)).toBeGreaterThan(conditionalExpectedTransactions(p, 10, x, T, T));
      }),
      { numRuns: 200 },
    );
  });
});

describe('probabilityAlive', () => {
  it('is a probability, 1 without repeat purchases, and grows with recency', () => {
    fc.assert(
      fc.property(params, history, (p, h) => {
        const alive = probabilityAlive(p, h.frequency, h.recency, h.T);
        expect(alive).toBeGreaterThanOrEqual(0);
        expect(alive).toBeLessThanOrEqual(1);
        if (h.frequency === 0) expect(alive).toBe(1);
        else expect(probabilityAlive(p, h.frequency, h.T, h.T)).toBeGreaterThanOrEqual(alive);
      }),
      { numRuns: 300 },
    );
  });

  it('matches the closed form', () => {
    const { r, alpha, a, b } = CDNOW;
    expect(probabilityAlive(CDNOW, 2, 30.43, 38.86)).toBeCloseTo(1 / (1 + (a / (b + 1)) * ((alpha + 38.86) / (alpha + 30.43)) ** (r + 2)), 12);
  });
});
