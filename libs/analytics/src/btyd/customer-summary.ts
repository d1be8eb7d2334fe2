import type { Transaction } from '../transactions';

/**
 * One customer's calibration-period summary in the conventions of the BTYD models (Fader, Hardie & Lee 2005):
 * time in weeks since the customer's first purchase, purchases on the same day merged into one.
 */
export interface CustomerSummary {
  customerId: string;
  /** x: the number of repeat purchase days in the calibration period (the first purchase is not counted). */
  frequency: number;
  /** t_x: weeks from the first to the last purchase in the calibration period (0 when x = 0). */
  recency: number;
  /** T: weeks from the first purchase to the end of the calibration period. */
  T: number;
  /** Mean spend of the x repeat purchase days (first purchase excluded); 0 when x = 0. */
  monetary: number;
  /** Repeat purchase days after the calibration end up to the holdout end (only when a holdout end is given). */
  holdoutFrequency?: number;
}

export interface SummaryOptions {
  /** Last day (inclusive) of a holdout period after the calibration end whose purchase days are counted. */
  holdoutEnd?: number;
}

const DAYS_PER_WEEK = 7;

/**
 * Summarises transactions up to and including `calibrationEnd` (a day number) per customer, in the order customers
 * first appear in `transactions`. Customers whose first purchase is after the calibration end are left out: the
 * models have nothing to say about them yet.
 */
export function summarizeCustomers(transactions: readonly Transaction[], calibrationEnd: number, options: SummaryOptions = {}): CustomerSummary[] {
  // Per customer: spend per purchase day (same-day purchases are one purchase occasion, amounts summed).
  const byCustomer = new Map<string, Map<number, number>>();
  for (const { customerId, day, amount } of transactions) {
    let days = byCustomer.get(customerId);
    if (!days) byCustomer.set(customerId, (days = new Map()));
    days.set(day, (days.get(day) ?? 0) + amount);
  }
  const holdoutEnd = options.holdoutEnd;
  const summaries: CustomerSummary[] = [];
  for (const [customerId, days] of byCustomer) {
    const calibrationDays = [...days.keys()].filter((day) => day <= calibrationEnd).sort((a, b) => a - b);
    if (calibrationDays.length === 0) continue;
    const first = calibrationDays[0];
    const last = calibrationDays[calibrationDays.length - 1];
    const frequency = calibrationDays.length - 1;
    let repeatSpend = 0;
    for (const day of calibrationDays.slice(1)) repeatSpend += days.get(day)!;
    const summary: CustomerSummary = {
      customerId,
      frequency,
      recency: (last - first) / DAYS_PER_WEEK,
      T: (calibrationEnd - first) / DAYS_PER_WEEK,
      monetary: frequency > 0 ? repeatSpend / frequency : 0,
    };
    if (holdoutEnd !== undefined) {
      summary.holdoutFrequency = [...days.keys()].filter((day) => day > calibrationEnd && day <= holdoutEnd).length;
    }
    summaries.push(summary);
  }
  return summaries;
}
