import { InputError } from '../input-error';
import type { Transaction } from '../transactions';
import { checkNumber } from './check';

/**
 * RFM (Hughes 1994, "Strategic Database Marketing"): recency, frequency and monetary value of each customer as of
 * a day, each scored 1–5 by the population's quintiles, and a named segment from the scores. Split so that the API
 * can score a million customers in batches: {@link rfmBreakpoints} reads the whole population's values once (e.g.
 * three SQL arrays), {@link scoreRfm} scores one customer with those breakpoints.
 */

/** One customer's RFM values, all from SQL aggregates over purchases on or before the as-of day. */
export interface RfmValues {
  /** Days from the last purchase to the as-of day (0 = bought that day). */
  recencyDays: number;
  /** Distinct purchase days (several orders on one day count once, as in the BTYD literature); order counts work too. */
  frequency: number;
  /** Total spend over the same purchases (plain numbers: statistics, not bookkeeping). */
  monetary: number;
}

/** The four inner quintile cut points of each dimension, ascending in value. */
export interface RfmBreakpoints {
  recency: number[];
  frequency: number[];
  monetary: number[];
}

export type RfmSegment =
  | 'champions'
  | 'loyal'
  | 'potential_loyalist'
  | 'new_customers'
  | 'promising'
  | 'need_attention'
  | 'about_to_sleep'
  | 'cannot_lose'
  | 'at_risk'
  | 'hibernating'
  | 'lost';

/** A segment rule: inclusive score ranges of R and of FM = ⌊(F + M) / 2⌋. The first rule that matches names the segment. */
export interface RfmSegmentRule {
  segment: RfmSegment;
  recency: [number, number];
  frequencyMonetary: [number, number];
}

/**
 * The default segment map on the R × FM grid (every one of the 25 cells is covered exactly once). High R and FM are
 * the best customers; high FM with low R are valuable customers slipping away; low both are lost.
 */
export const DEFAULT_RFM_SEGMENTS: readonly RfmSegmentRule[] = [
  { segment: 'champions', recency: [4, 5], frequencyMonetary: [4, 5] },
  { segment: 'loyal', recency: [3, 3], frequencyMonetary: [4, 5] },
  { segment: 'potential_loyalist', recency: [4, 5], frequencyMonetary: [2, 3] },
  { segment: 'new_customers', recency: [5, 5], frequencyMonetary: [1, 1] },
  { segment: 'promising', recency: [4, 4], frequencyMonetary: [1, 1] },
  { segment: 'need_attention', recency: [3, 3], frequencyMonetary: [3, 3] },
  { segment: 'about_to_sleep', recency: [3, 3], frequencyMonetary: [1, 2] },
  { segment: 'cannot_lose', recency: [1, 2], frequencyMonetary: [5, 5] },
  { segment: 'at_risk', recency: [1, 2], frequencyMonetary: [3, 4] },
  { segment: 'hibernating', recency: [2, 2], frequencyMonetary: [1, 2] },
  { segment: 'lost', recency: [1, 1], frequencyMonetary: [1, 2] },
];

export interface RfmScore {
  r: number;
  f: number;
  m: number;
  segment: RfmSegment;
}

const QUINTILES = 5;

/**
 * Quintile cut points of one dimension: c_k = the ⌈k·n/5⌉-th smallest value (k = 1…4), the lower empirical
 * quantile. A value scores 1 + #{k : value > c_k}, so equal values always get the same score and a value equal to
 * a cut point falls in the lower quintile; with distinct values each quintile holds ⌊n/5⌋ or ⌈n/5⌉ customers.
 */
export function quintileCutPoints(values: ArrayLike<number>, name: string): number[] {
  if (values.length === 0) throw new InputError(`${name}: no customers to take quintiles of`);
  const sorted = Float64Array.from(values as ArrayLike<number>);
  for (let i = 0; i < sorted.length; i++) checkNumber(sorted[i], `${name}[${i}]`, { min: 0 });
  sorted.sort();
  const cuts: number[] = [];
  for (let k = 1; k < QUINTILES; k++) cuts.push(sorted[Math.ceil((k * sorted.length) / QUINTILES) - 1]);
  return cuts;
}

/** The population's breakpoints from its three value arrays (they need not be aligned: each is its own distribution). */
export function rfmBreakpoints(population: { recency: ArrayLike<number>; frequency: ArrayLike<number>; monetary: ArrayLike<number> }): RfmBreakpoints {
  return {
    recency: quintileCutPoints(population.recency, 'recency'),
    frequency: quintileCutPoints(population.frequency, 'frequency'),
    monetary: quintileCutPoints(population.monetary, 'monetary'),
  };
}

/** 1–5, higher value → higher score (frequency, monetary). */
export function quintileScore(value: number, cuts: readonly number[]): number {
  let score = 1;
  for (const cut of cuts) if (value > cut) score++;
  return score;
}

/** Checks that a segment map names exactly one segment for each of the 25 (R, FM) cells. */
export function checkRfmSegments(rules: readonly RfmSegmentRule[]): void {
  for (let r = 1; r <= QUINTILES; r++) {
    for (let fm = 1; fm <= QUINTILES; fm++) {
      const matching = rules.filter((rule) => matches(rule, r, fm));
      if (matching.length !== 1) {
        throw new InputError(`segments: R=${r}, FM=${fm} is matched by ${matching.length === 0 ? 'no rule' : matching.map((rule) => rule.segment).join(' and ')} (every cell needs exactly one)`);
      }
    }
  }
}

function matches(rule: RfmSegmentRule, r: number, fm: number): boolean {
  return r >= rule.recency[0] && r <= rule.recency[1] && fm >= rule.frequencyMonetary[0] && fm <= rule.frequencyMonetary[1];
}

/** The segment of R and F, M scores: FM = ⌊(F + M) / 2⌋ (both must be high for a high FM). */
export function rfmSegment(r: number, f: number, m: number, segments: readonly RfmSegmentRule[] = DEFAULT_RFM_SEGMENTS): RfmSegment {
  const fm = Math.floor((f + m) / 2);
  const rule = segments.find((candidate) => matches(candidate, r, fm));
  if (!rule) throw new InputError(`segments: no rule for R=${r}, FM=${fm}`);
  return rule.segment;
}

/**
 * One customer's scores with the population's breakpoints. Recency is reversed: the most recent fifth scores 5.
 * Pass a custom `segments` map only after {@link checkRfmSegments} (done once per run, not per customer).
 */
export function scoreRfm(customer: RfmValues, breakpoints: RfmBreakpoints, segments: readonly RfmSegmentRule[] = DEFAULT_RFM_SEGMENTS): RfmScore {
  checkNumber(customer.recencyDays, 'recencyDays', { min: 0 });
  checkNumber(customer.frequency, 'frequency', { min: 0 });
  checkNumber(customer.monetary, 'monetary', { min: 0 });
  const r = QUINTILES + 1 - quintileScore(customer.recencyDays, breakpoints.recency);
  const f = quintileScore(customer.frequency, breakpoints.frequency);
  const m = quintileScore(customer.monetary, breakpoints.monetary);
  return { r, f, m, segment: rfmSegment(r, f, m, segments) };
}

/** Breakpoints and scores of a whole list in one go (the command line; small populations). */
export function scoreRfmPopulation<T extends RfmValues>(customers: readonly T[], segments: readonly RfmSegmentRule[] = DEFAULT_RFM_SEGMENTS): { breakpoints: RfmBreakpoints; scores: (T & RfmScore)[] } {
  if (segments !== DEFAULT_RFM_SEGMENTS) checkRfmSegments(segments);
  const breakpoints = rfmBreakpoints({
    recency: customers.map((customer) => customer.recencyDays),
    frequency: customers.map((customer) => customer.frequency),
    monetary: customers.map((customer) => customer.monetary),
  });
  return { breakpoints, scores: customers.map((customer) => ({ ...customer, ...scoreRfm(customer, breakpoints, segments) })) };
}

/**
 * Per-customer RFM values from raw transactions as of a day (what the API does with GROUP BY): purchases after
 * the as-of day are ignored, and customers without a purchase by then are left out. Sorted by customer id.
 */
export function rfmValuesFromTransactions(transactions: readonly Transaction[], asOfDay: number): (RfmValues & { customerId: string })[] {
  const byCustomer = new Map<string, { last: number; days: Set<number>; monetary: number }>();
  for (const { customerId, day, amount } of transactions) {
    if (day > asOfDay) continue;
    let entry = byCustomer.get(customerId);
    if (!entry) byCustomer.set(customerId, (entry = { last: day, days: new Set(), monetary: 0 }));
    entry.last = Math.max(entry.last, day);
    entry.days.add(day);
    entry.monetary += amount;
  }
  return [...byCustomer.entries()]
    .map(([customerId, entry]) => ({ customerId, recencyDays: asOfDay - entry.last, frequency: entry.days.size, monetary: roundCents(entry.monetary) }))
    .sort((a, b) => a.customerId.localeCompare(b.customerId, 'en', { numeric: true }));
}

// Sums of two-decimal amounts pick up binary noise (29.33 + 29.73 = 59.059999…); the statistics do not need it.
function roundCents(value: number): number {
  return Math.round(value * 100) / 100;
}
