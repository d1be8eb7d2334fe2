// Discounted customer lifetime value from the two BTYD models: BG/NBD for how many purchases, Gamma-Gamma for how
// much each is worth (the two are assumed independent, as in Fader, Hardie & Lee 2005, "RFM and CLV").
import { InputError } from '../input-error';
import type { Transaction } from '../transactions';
import { conditionalExpectedTransactions, fitBgNbd, probabilityAlive, type BgNbdParams } from './bgnbd';
import { summarizeCustomers, type CustomerSummary } from './customer-summary';
import { conditionalExpectedSpend, fitGammaGamma, type GammaGammaParams } from './gamma-gamma';

export interface ClvOptions {
  /** Annual discount rate d (0.1 = 10 % a year); cash in week t is worth (1 + d)^(−t/52) today. Default 0. */
  discountRate?: number;
  /** Share of the spend that is profit (default 1: the CLV is in revenue). */
  margin?: number;
}

export interface CustomerPrediction {
  customerId: string;
  /** E[Y(h) | x, t_x, T]: repeat purchases expected in the horizon of h weeks after the calibration end. */
  expectedTransactions: number;
  /** P(alive | x, t_x, T) at the calibration end. */
  probabilityAlive: number;
  /** E[M | x, z̄]: expected spend per future purchase (the population mean pγ/(q−1) when x = 0). */
  expectedSpend: number;
  /** margin · expected spend · discounted expected purchases over the horizon. */
  clv: number;
}

const WEEKS_PER_YEAR = 52;

/**
 * Discounted CLV of one customer over `horizonWeeks` weeks after the calibration end. The horizon is cut into weekly
 * steps (the last one shorter when the horizon is not whole weeks); the purchases expected in step k,
 * E[Y(t_k) | ·] − E[Y(t_{k−1}) | ·], are valued at the expected spend and discounted from the step's end t_k:
 * CLV = margin · E[M] · Σ_k (E[Y(t_k)] − E[Y(t_{k−1})]) / (1 + d)^(t_k/52).
 * Discounting at the step's end undervalues by at most half a week of discount (under 0.1 % a step at 10 % a year).
 */
export function discountedClv(
  bgNbd: BgNbdParams,
  expectedSpend: number,
  summary: Pick<CustomerSummary, 'frequency' | 'recency' | 'T'>,
  horizonWeeks: number,
  options: ClvOptions = {},
): number {
  const { discountRate = 0, margin = 1 } = options;
  const { frequency, recency, T } = summary;
  let discountedPurchases = 0;
  let previous = 0;
  for (let step = 1; step - 1 < horizonWeeks; step++) {
    const t = Math.min(step, horizonWeeks);
    const cumulative = conditionalExpectedTransactions(bgNbd, t, frequency, recency, T);
    discountedPurchases += (cumulative - previous) * Math.pow(1 + discountRate, -t / WEEKS_PER_YEAR);
    previous = cumulative;
  }
  return margin * expectedSpend * discountedPurchases;
}

/** Predictions for summarised customers from already fitted models. */
export function predictFromSummaries(
  summaries: readonly CustomerSummary[],
  bgNbd: BgNbdParams,
  gammaGamma: GammaGammaParams,
  horizonWeeks: number,
  options: ClvOptions = {},
): CustomerPrediction[] {
  checkOptions(horizonWeeks, options);
  if (summaries.some((summary) => summary.frequency === 0) && !(gammaGamma.q > 1)) {
    throw new InputError(`the fitted spend model has q = ${gammaGamma.q} ≤ 1, so customers without repeat purchases have no finite expected spend`);
  }
  return summaries.map((summary) => {
    const { customerId, frequency, recency, T, monetary } = summary;
    const expectedSpend = conditionalExpectedSpend(gammaGamma, frequency, monetary);
    return {
      customerId,
      expectedTransactions: conditionalExpectedTransactions(bgNbd, horizonWeeks, frequency, recency, T),
      probabilityAlive: probabilityAlive(bgNbd, frequency, recency, T),
      expectedSpend,
      clv: discountedClv(bgNbd, expectedSpend, summary, horizonWeeks, options),
    };
  });
}

/**
 * The whole pipeline: summarise the transactions up to `calibrationEnd` (a day number), fit BG/NBD and Gamma-Gamma
 * to them, and predict every customer's next `horizonWeeks` weeks.
 */
export function predictCustomers(
  transactions: readonly Transaction[],
  calibrationEnd: number,
  horizonWeeks: number,
  discountRate = 0,
  options: Omit<ClvOptions, 'discountRate'> = {},
): CustomerPrediction[] {
  checkOptions(horizonWeeks, { ...options, discountRate });
  const summaries = summarizeCustomers(transactions, calibrationEnd);
  return predictFromSummaries(summaries, fitBgNbd(summaries), fitGammaGamma(summaries), horizonWeeks, { ...options, discountRate });
}

function checkOptions(horizonWeeks: number, { discountRate = 0, margin = 1 }: ClvOptions): void {
  if (!(Number.isFinite(horizonWeeks) && horizonWeeks >= 0)) throw new InputError(`horizon: ${horizonWeeks} weeks is not a number ≥ 0`);
  if (!(Number.isFinite(discountRate) && discountRate >= 0)) throw new InputError(`discount rate: ${discountRate} is not a number ≥ 0`);
  if (!(Number.isFinite(margin) && margin >= 0 && margin <= 1)) throw new InputError(`margin: ${margin} is not a share between 0 and 1`);
}
