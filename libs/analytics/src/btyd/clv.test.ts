import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDay } from '../dates';
import { InputError } from '../input-error';
import { CDNOW_DIR } from '../testing/run-cli';
import { parseTransactionsCsv } from '../transactions';
import { conditionalExpectedTransactions, fitBgNbd, type BgNbdParams } from './bgnbd';
import { discountedClv, predictCustomers, predictFromSummaries } from './clv';
import { summarizeCustomers } from './customer-summary';
import { fitGammaGamma, populationMeanSpend } from './gamma-gamma';

const BGNBD: BgNbdParams = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
const history = fc
  .tuple(fc.double({ min: 0.1, max: 100, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 0, max: 30 }))
  .map(([T, share, frequency]) => ({ frequency, recency: frequency === 0 ? 0 : share * T, T }));

describe('discountedClv', () => {
  it('without discounting is margin × spend × expected purchases over the horizon', () => {
    fc.assert(
      fc.property(history, fc.double({ min: 0, max: 200, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (h, horizon, margin) => {
        const expected = margin * 25 * conditionalExpectedTransactions(BGNBD, horizon, h.frequency, h.recency, h.T);
        expect(discountedClv(BGNBD, 25, h, horizon, { margin })).toBeCloseTo(expected, 8);
      }),
      { numRuns: 50 },
    );
  });

  it('discounts each week from its end at (1 + d)^(t/52)', () => {
    const h = { frequency: 3, recency: 20, T: 30 };
    const purchases = (t: number) => conditionalExpectedTransactions(BGNBD, t, h.frequency, h.recency, h.T);
    const byHand = (purchases(1) - purchases(0)) / 1.1 ** (1 / 52) + (purchases(2) - purchases(1)) / 1.1 ** (2 / 52) + (purchases(2.5) - purchases(2)) / 1.1 ** (2.5 / 52);
    expect(discountedClv(BGNBD, 10, h, 2.5, { discountRate: 0.1 })).toBeCloseTo(10 * byHand, 12);
  });

  it('falls as the discount rate rises and grows with the horizon', () => {
    fc.assert(
      fc.property(history, fc.double({ min: 0, max: 0.5, noNaN: true }), fc.integer({ min: 1, max: 104 }), (h, rate, horizon) => {
        const clv = discountedClv(BGNBD, 20, h, horizon, { discountRate: rate });
        expect(discountedClv(BGNBD, 20, h, horizon, { discountRate: rate + 0.1 })).toBeLessThan(clv);
        expect(discountedClv(BGNBD, 20, h, horizon + 4, { discountRate: rate })).toBeGreaterThan(clv);
      }),
      { numRuns: 30 },
    );
  });
});

describe('predictCustomers', () => {
  it('predicts every CDNOW customer from the fitted models, x = 0 customers at the population mean spend', () => {
    const transactions = parseTransactionsCsv(readFileSync(join(CDNOW_DIR, 'cdnow_sample_transactions.csv'), 'utf8'));
    const calibrationEnd = parseDay('1997-09-30')!;
    const predictions = predictCustomers(transactions, calibrationEnd, 39, 0.1);
    expect(predictions).toHaveLength(2357);
    const summaries = summarizeCustomers(transactions, calibrationEnd);
    const spendModel = fitGammaGamma(summaries);
    const first = predictions.find((prediction) => prediction.customerId === '1')!;
    // Customer 1: x = 2, t_x = 30.43, T = 38.86 (Fader, Hardie & Lee's example): about 1.23 purchases in 39 weeks.
    expect(first.expectedTransactions).toBeCloseTo(1.226, 2);
    const noRepeat = predictions.find((prediction) => prediction.customerId === '3')!;
    expect(noRepeat.probabilityAlive).toBe(1);
    expect(noRepeat.expectedSpend).toBeCloseTo(populationMeanSpend(spendModel), 10);
    // The same through the two-step API; discounting keeps every CLV below spend × purchases.
    expect(predictFromSummaries(summaries, fitBgNbd(summaries), spendModel, 39, { discountRate: 0.1 })).toEqual(predictions);
    for (const prediction of predictions) {
      expect(prediction.clv).toBeGreaterThan(0);
      expect(prediction.clv).toBeLessThan(prediction.expectedTransactions * prediction.expectedSpend);
    }
  });

  it('refuses bad options', () => {
    expect(() => predictCustomers([], 0, -1)).toThrow(InputError);
    expect(() => predictCustomers([], 0, 10, -0.1)).toThrow(/discount rate/);
    expect(() => predictCustomers([], 0, 10, 0, { margin: 2 })).toThrow(/margin/);
  });
});
