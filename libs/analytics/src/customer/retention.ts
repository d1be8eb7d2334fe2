import { InputError } from '../input-error';
import { checkNumber, checkNumbers } from './check';

/**
 * Retention and the profit lost to churn (R-ANA-5), after the seeds' summary of Kotler's four steps: measure the
 * retention rate (the share of customers who buy again), find why customers leave, estimate the profit lost through
 * churn — the lifetime value the churned customers would still have brought — and spend on retention while it
 * costs less than that.
 *
 * Over periods (years, quarters): a customer is active in a period when they buy in it. Of the customers active in
 * period t − 1, those also active in t are retained, the rest churned in t:
 *   retention rate_t = retained_t / active_{t−1},  churn rate_t = 1 − retention rate_t.
 * The counts add up across batches of customers; rates are taken from the totals.
 */
export interface RetentionCounts {
  /** Customers active in each period. */
  active: number[];
  /** Customers active in the period and in the one before (element 0 is 0). */
  retained: number[];
  /** Customers active in the period before but not in this one (element 0 is 0). */
  churned: number[];
  /** Customers active in the period and not in the one before: new or returning (element 0 = active[0]). */
  gained: number[];
}

/** Counts for one batch: each customer's active period indices (0 … periods − 1, any order, duplicates ignored). */
export function countRetention(activePeriods: readonly ArrayLike<number>[], periods: number): RetentionCounts {
  checkNumber(periods, 'periods', { min: 1, integer: true });
  const counts = emptyCounts(periods);
  activePeriods.forEach((customer, c) => {
    const active = new Uint8Array(periods);
    for (let i = 0; i < customer.length; i++) active[checkNumber(customer[i], `activePeriods[${c}][${i}]`, { min: 0, max: periods - 1, integer: true })] = 1;
    for (let t = 0; t < periods; t++) {
      counts.active[t] += active[t];
      if (t === 0) counts.gained[0] += active[0];
      else if (active[t] && active[t - 1]) counts.retained[t]++;
      else if (active[t - 1]) counts.churned[t]++;
      else if (active[t]) counts.gained[t]++;
    }
  });
  return counts;
}

function emptyCounts(periods: number): RetentionCounts {
  const zeros = () => new Array<number>(periods).fill(0);
  return { active: zeros(), retained: zeros(), churned: zeros(), gained: zeros() };
}

/** The counts of several batches together. */
export function addRetentionCounts(a: RetentionCounts, b: RetentionCounts): RetentionCounts {
  if (a.active.length !== b.active.length) throw new InputError(`retention counts of ${a.active.length} and ${b.active.length} periods cannot be added`);
  const add = (x: number[], y: number[]) => x.map((value, i) => value + y[i]);
  return { active: add(a.active, b.active), retained: add(a.retained, b.retained), churned: add(a.churned, b.churned), gained: add(a.gained, b.gained) };
}

/** Retention rate of each period (element 0 and periods after an empty one are null: no one could be retained). */
export function retentionRates(counts: RetentionCounts): (number | null)[] {
  return counts.active.map((_, t) => (t === 0 || counts.active[t - 1] === 0 ? null : counts.retained[t] / counts.active[t - 1]));
}

export interface ChurnValueOptions {
  /** The share of customers kept from one year to the next (0 ≤ r < 1 + d). */
  retentionRate: number;
  /** Yearly discount rate d. */
  discountRate: number;
  /** Years of future value counted; omit for an unbounded horizon. */
  horizonYears?: number;
}

/**
 * The value a customer would still have brought had they stayed: m · Σ_{t=0}^{H−1} (r / (1 + d))^t, a yearly profit
 * m now and in each following year the customer survives (probability r^t), discounted; with no horizon the sum
 * is m · (1 + d) / (1 + d − r) (Gupta & Lehmann 2003, "Customers as assets").
 */
export function expectedRemainingValue(yearlyProfit: number, options: ChurnValueOptions): number {
  checkNumber(yearlyProfit, 'yearlyProfit');
  const d = checkNumber(options.discountRate, 'discountRate', { min: 0, max: 1 });
  const r = checkNumber(options.retentionRate, 'retentionRate', { min: 0, max: 1 });
  const q = r / (1 + d);
  if (options.horizonYears === undefined) {
    if (q >= 1) throw new InputError('retentionRate: with retention 1 and no discount the unbounded value is infinite; give horizonYears');
    return yearlyProfit / (1 - q);
  }
  const horizon = checkNumber(options.horizonYears, 'horizonYears', { min: 0, integer: true });
  return q === 1 ? yearlyProfit * horizon : (yearlyProfit * (1 - q ** horizon)) / (1 - q);
}

/**
 * The profit lost to churn: the remaining value of each churned customer, summed (yearly profits of the churned
 * customers, e.g. their last year's net profit). Sums of batches add up.
 */
export function profitLostToChurn(churnedYearlyProfits: ArrayLike<number>, options: ChurnValueOptions): number {
  checkNumbers(churnedYearlyProfits, 'churnedYearlyProfits');
  let total = 0;
  for (let i = 0; i < churnedYearlyProfits.length; i++) total += expectedRemainingValue(churnedYearlyProfits[i], options);
  return total;
}
