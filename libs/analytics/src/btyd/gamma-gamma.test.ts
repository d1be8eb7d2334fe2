import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputError } from '../input-error';
import { Random } from '../testing/random';
import { CDNOW_DIR } from '../testing/run-cli';
import { simulateGammaGamma } from '../testing/simulate';
import { logGamma } from './special-functions';
import { conditionalExpectedSpend, fitGammaGamma, gammaGammaLogLikelihood, populationMeanSpend, type GammaGammaParams } from './gamma-gamma';

const params = fc.record({
  p: fc.double({ min: 0.1, max: 20, noNaN: true }),
  q: fc.double({ min: 1.1, max: 20, noNaN: true }),
  gamma: fc.double({ min: 0.1, max: 100, noNaN: true }),
});

describe('Gamma-Gamma log-likelihood', () => {
  it('for x = 1 is the density of a Gamma(p, ν) value mixed over ν ~ Gamma(q, γ) (a beta-prime density)', () => {
    const { p, q, gamma } = { p: 2, q: 3, gamma: 10 };
    const z = 7;
    const density = Math.exp(logGamma(p + q) - logGamma(p) - logGamma(q)) * (gamma ** q * z ** (p - 1)) / (gamma + z) ** (p + q);
    expect(gammaGammaLogLikelihood({ p, q, gamma }, [{ frequency: 1, monetary: z }])).toBeCloseTo(Math.log(density), 12);
  });

  it('integrates to 1 over the mean spend', () => {
    const model = { p: 3, q: 4, gamma: 20 };
    // Trapezoid on z = e^u over a wide range.
    let integral = 0;
    const step = 0.001;
    for (let u = -15; u < 15; u += step) {
      const f = (v: number) => Math.exp(gammaGammaLogLikelihood(model, [{ frequency: 4, monetary: Math.exp(v) }]) + v);
      integral += ((f(u) + f(u + step)) / 2) * step;
    }
    expect(integral).toBeCloseTo(1, 6);
  });
});

describe('fitGammaGamma', () => {
  it("reproduces the lifetimes CDNOW fit (customers with x > 0, spend = zbar): p ≈ 6.25, q ≈ 3.74, γ ≈ 15.44", () => {
    const rows = readFileSync(join(CDNOW_DIR, 'cdnow_customers_summary_with_transactions.csv'), 'utf8').trim().split('\n').slice(1);
    const histories = rows.map((row) => row.split(',').map(Number)).map(([, x, , , zbar]) => ({ frequency: x, monetary: zbar }));
    const fit = fitGammaGamma(histories);
    expect(fit.customers).toBe(946);
    expect(fit.p).toBeCloseTo(6.25, 1);
    expect(fit.q).toBeCloseTo(3.74, 1);
    expect(fit.gamma).toBeCloseTo(15.44, 1);
  });

  it('recovers the parameters of simulated spend (seeded)', () => {
    const random = new Random(42);
    const truth: GammaGammaParams = { p: 6, q: 4, gamma: 15 };
    const frequencies = Array.from({ length: 5_000 }, () => 1 + Math.floor(random.exponential(0.3)));
    const fit = fitGammaGamma(simulateGammaGamma(random, truth, frequencies));
    for (const name of ['p', 'q', 'gamma'] as const) expect(Math.abs(fit[name] / truth[name] - 1), name).toBeLessThan(0.15);
  });

  it('needs customers with repeat spend', () => {
    expect(() => fitGammaGamma([{ frequency: 0, monetary: 0 }, { frequency: 2, monetary: 0 }])).toThrow(InputError);
  });
});

describe('conditionalExpectedSpend', () => {
  it('lies between the population mean and the customer mean, nearer hers the more she bought', () => {
    fc.assert(
      fc.property(params, fc.integer({ min: 1, max: 50 }), fc.double({ min: 0.01, max: 1000, noNaN: true }), (model, x, mean) => {
        const population = populationMeanSpend(model);
        const expected = conditionalExpectedSpend(model, x, mean);
        expect(expected).toBeGreaterThanOrEqual(Math.min(population, mean) * (1 - 1e-12));
        expect(expected).toBeLessThanOrEqual(Math.max(population, mean) * (1 + 1e-12));
        const more = conditionalExpectedSpend(model, x + 1, mean);
        expect(Math.abs(more - mean)).toBeLessThanOrEqual(Math.abs(expected - mean) * (1 + 1e-12));
      }),
    );
  });

  it('is the population mean pγ/(q−1) for x = 0 and refuses an infinite mean', () => {
    expect(conditionalExpectedSpend({ p: 6, q: 4, gamma: 15 }, 0, 0)).toBeCloseTo(30, 12);
    expect(() => conditionalExpectedSpend({ p: 6, q: 0.5, gamma: 15 }, 0, 0)).toThrow(RangeError);
  });
});
