import { InputError } from '../input-error';
import { checkNumber, resolveOptions } from './check';

/**
 * Loyalty index (R-ANA-7), from the seed course notes' indicator system of customer loyalty: three sub-systems,
 * nine factors —
 *   A1 duration of the relationship: purchase duration, purchase frequency, frequency trend;
 *   A2 spending: share of wallet, cross-selling;
 *   A3 attachment: referrals (being recommended), price sensitivity, voluntary purchasing, satisfaction.
 * Each factor is mapped to 0–1 (see {@link loyaltyFactorScores}), the index is the weighted mean × 100. Unknown
 * factors (null/absent) are left out and the remaining weights renormalised, so customers with partial data stay
 * on the same 0–100 scale; `coverage` says how much of the weight was known.
 */
export interface LoyaltyInput {
  /** Days from the first purchase to the as-of day. */
  purchaseDurationDays?: number | null;
  /** Purchases (distinct days) per year over the recent window. */
  purchasesPerYear?: number | null;
  /** Growth rate of the purchase frequency, period over period (see growthRate); −1 = stopped. */
  frequencyTrend?: number | null;
  /** Our share of the customer's spend in the category, 0–1. */
  shareOfWallet?: number | null;
  /** Distinct product lines bought. */
  productLines?: number | null;
  /** Customers referred (or times the customer recommended us) in the window. */
  referrals?: number | null;
  /** Share of spend bought at a discount or on promotion, 0–1 (high = price sensitive = less loyal). */
  discountShare?: number | null;
  /** Share of purchases the customer made unprompted (not after a reminder or campaign), 0–1. */
  voluntaryShare?: number | null;
  /** Satisfaction on 0–1 (map a 1–5 survey score s to (s − 1) / 4). */
  satisfaction?: number | null;
}

export type LoyaltyFactor = 'duration' | 'frequency' | 'frequencyTrend' | 'shareOfWallet' | 'crossSelling' | 'referrals' | 'priceSensitivity' | 'voluntary' | 'satisfaction';

export const LOYALTY_FACTORS: readonly LoyaltyFactor[] = ['duration', 'frequency', 'frequencyTrend', 'shareOfWallet', 'crossSelling', 'referrals', 'priceSensitivity', 'voluntary', 'satisfaction'];

export interface LoyaltyOptions {
  /** Duration at which the duration factor reaches 1. */
  fullDurationDays: number;
  /** Purchases per year at which the frequency factor reaches 1. */
  fullPurchasesPerYear: number;
  /** Frequency growth at which the trend factor reaches 1 (−that gives 0; no change gives 0.5). */
  fullFrequencyTrend: number;
  /** Product lines at which cross-selling reaches 1. */
  fullProductLines: number;
  /** Referrals at which the referral factor reaches 1. */
  fullReferrals: number;
}

export const DEFAULT_LOYALTY_OPTIONS: Readonly<LoyaltyOptions> = {
  fullDurationDays: 3 * 365,
  fullPurchasesPerYear: 12,
  fullFrequencyTrend: 1,
  fullProductLines: 5,
  fullReferrals: 3,
};

/**
 * Default weights: the three sub-systems weigh 1/3 each, shared equally by their factors. Any weights may be given
 * (e.g. from the AHP module's priority vector); they are normalised to sum 1.
 */
export const DEFAULT_LOYALTY_WEIGHTS: Readonly<Record<LoyaltyFactor, number>> = {
  duration: 1 / 9,
  frequency: 1 / 9,
  frequencyTrend: 1 / 9,
  shareOfWallet: 1 / 6,
  crossSelling: 1 / 6,
  referrals: 1 / 12,
  priceSensitivity: 1 / 12,
  voluntary: 1 / 12,
  satisfaction: 1 / 12,
};

const REFERENCE_RULE = { above: 0 };

export interface LoyaltySettings {
  options: LoyaltyOptions;
  weights: Record<LoyaltyFactor, number>;
}

/** Validates and normalises options and weights once per run or batch. */
export function loyaltySettings(options?: Partial<LoyaltyOptions>, weights?: Partial<Record<LoyaltyFactor, number>>): LoyaltySettings {
  const resolved = resolveOptions(DEFAULT_LOYALTY_OPTIONS, { fullDurationDays: REFERENCE_RULE, fullPurchasesPerYear: REFERENCE_RULE, fullFrequencyTrend: REFERENCE_RULE, fullProductLines: REFERENCE_RULE, fullReferrals: REFERENCE_RULE }, options, 'options');
  const rules = Object.fromEntries(LOYALTY_FACTORS.map((factor) => [factor, { min: 0 }])) as Record<LoyaltyFactor, { min: number }>;
  const raw = resolveOptions({ ...DEFAULT_LOYALTY_WEIGHTS }, rules, weights, 'weights');
  const total = LOYALTY_FACTORS.reduce((sum, factor) => sum + raw[factor], 0);
  if (total <= 0) throw new InputError('weights: at least one weight must be above 0');
  const normalised = Object.fromEntries(LOYALTY_FACTORS.map((factor) => [factor, raw[factor] / total])) as Record<LoyaltyFactor, number>;
  return { options: resolved, weights: normalised };
}

const DEFAULT_SETTINGS = loyaltySettings();

function clamp01(value: number): number {
  return Math.min(1, Math.max(0, value));
}

function share(value: number | null | undefined, name: string): number | null {
  return value === null || value === undefined ? null : checkNumber(value, name, { min: 0, max: 1 });
}

function count(value: number | null | undefined, name: string): number | null {
  return value === null || value === undefined ? null : checkNumber(value, name, { min: 0 });
}

/** Each known factor on 0–1 (higher = more loyal); unknown factors are null. */
export function loyaltyFactorScores(customer: LoyaltyInput, options: LoyaltyOptions = DEFAULT_LOYALTY_OPTIONS): Record<LoyaltyFactor, number | null> {
  const duration = count(customer.purchaseDurationDays, 'purchaseDurationDays');
  const frequency = count(customer.purchasesPerYear, 'purchasesPerYear');
  const trend = customer.frequencyTrend === null || customer.frequencyTrend === undefined ? null : checkNumber(customer.frequencyTrend, 'frequencyTrend', { min: -1 });
  const lines = count(customer.productLines, 'productLines');
  const referrals = count(customer.referrals, 'referrals');
  const discount = share(customer.discountShare, 'discountShare');
  return {
    duration: duration === null ? null : clamp01(duration / options.fullDurationDays),
    frequency: frequency === null ? null : clamp01(frequency / options.fullPurchasesPerYear),
    frequencyTrend: trend === null ? null : clamp01(0.5 + trend / (2 * options.fullFrequencyTrend)),
    shareOfWallet: share(customer.shareOfWallet, 'shareOfWallet'),
    // One product line is no cross-selling yet: 1 line → 0, fullProductLines → 1.
    crossSelling: lines === null ? null : options.fullProductLines <= 1 ? (lines >= 1 ? 1 : 0) : clamp01((lines - 1) / (options.fullProductLines - 1)),
    referrals: referrals === null ? null : clamp01(referrals / options.fullReferrals),
    priceSensitivity: discount === null ? null : 1 - discount,
    voluntary: share(customer.voluntaryShare, 'voluntaryShare'),
    satisfaction: share(customer.satisfaction, 'satisfaction'),
  };
}

export interface LoyaltyIndex {
  /** 0–100, null when no factor is known. */
  index: number | null;
  /** The share of the weight that was known, 0–1. */
  coverage: number;
  factors: Record<LoyaltyFactor, number | null>;
}

/** One customer's loyalty index with settings from {@link loyaltySettings}. */
export function loyaltyIndex(customer: LoyaltyInput, settings: LoyaltySettings = DEFAULT_SETTINGS): LoyaltyIndex {
  const factors = loyaltyFactorScores(customer, settings.options);
  let weighted = 0;
  let coverage = 0;
  for (const factor of LOYALTY_FACTORS) {
    const score = factors[factor];
    if (score === null) continue;
    weighted += settings.weights[factor] * score;
    coverage += settings.weights[factor];
  }
  return { index: coverage > 0 ? (100 * weighted) / coverage : null, coverage, factors };
}
