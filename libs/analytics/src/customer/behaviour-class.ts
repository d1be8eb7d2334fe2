import { checkNumber, checkNumbers, resolveOptions } from './check';

/**
 * Purchase-behaviour classes (R-ANA-2, after the beauty-salon case in the seed documents): by how many visits a
 * customer makes and how regularly —
 *   loyal     many card types (product lines) and many visits, still coming on time;
 *   stable    comes regularly (a steady rhythm, not overdue);
 *   general   a customer, but irregular or overdue — needs reminders to book;
 *   potential tried once (a trial, group-buy or promotion) — not yet a customer.
 */
export type BehaviourClass = 'loyal' | 'stable' | 'general' | 'potential';

/** One customer: distinct purchase days (any order) up to the as-of day, and the product lines bought if known. */
export interface BehaviourInput {
  purchaseDays: ArrayLike<number>;
  asOfDay: number;
  /** Distinct card types / product categories bought; omit when unknown (then loyalty rests on visits alone). */
  productLines?: number;
  /** The customer only ever came on a trial offer (group-buy, promotion): potential however many visits. */
  trialOnly?: boolean;
}

export interface BehaviourOptions {
  /** Fewer visits than this: potential (a single trial visit by default; at least 2, a rhythm needs two visits). */
  minVisits: number;
  /** Loyal needs at least this many visits… */
  loyalMinVisits: number;
  /** …and at least this many product lines (when productLines is given). */
  loyalMinProductLines: number;
  /** Regular: the coefficient of variation (sd / mean) of the gaps between visits is at most this. */
  maxGapVariation: number;
  /** On time: days since the last visit at most this many mean gaps. */
  overdueAfterGaps: number;
}

export const DEFAULT_BEHAVIOUR_OPTIONS: Readonly<BehaviourOptions> = {
  minVisits: 2,
  loyalMinVisits: 6,
  loyalMinProductLines: 3,
  maxGapVariation: 1,
  overdueAfterGaps: 2,
};

const RULES = {
  minVisits: { min: 2, integer: true },
  loyalMinVisits: { min: 2, integer: true },
  loyalMinProductLines: { min: 1, integer: true },
  maxGapVariation: { min: 0 },
  overdueAfterGaps: { above: 0 },
};

/** Validates options once (per run or batch): unknown keys or bad values throw an InputError naming the option. */
export function behaviourOptions(given?: Partial<BehaviourOptions>): BehaviourOptions {
  return resolveOptions(DEFAULT_BEHAVIOUR_OPTIONS, RULES, given, 'options');
}

/** Visits, mean gap between them and the gap's coefficient of variation (null with fewer than 2 visits). */
export interface PurchaseRhythm {
  visits: number;
  firstDay: number | null;
  lastDay: number | null;
  meanGapDays: number | null;
  gapVariation: number | null;
}

export function purchaseRhythm(purchaseDays: ArrayLike<number>): PurchaseRhythm {
  checkNumbers(purchaseDays, 'purchaseDays');
  const days = [...new Set(Array.from(purchaseDays))].sort((a, b) => a - b);
  const visits = days.length;
  if (visits < 2) return { visits, firstDay: days[0] ?? null, lastDay: days[0] ?? null, meanGapDays: null, gapVariation: null };
  const gaps = days.slice(1).map((day, i) => day - days[i]);
  const mean = gaps.reduce((sum, gap) => sum + gap, 0) / gaps.length;
  const variance = gaps.reduce((sum, gap) => sum + (gap - mean) ** 2, 0) / gaps.length;
  return { visits, firstDay: days[0], lastDay: days[visits - 1], meanGapDays: mean, gapVariation: Math.sqrt(variance) / mean };
}

/** The class of one customer; pass options already checked by {@link behaviourOptions}. */
export function classifyBehaviour(customer: BehaviourInput, options: BehaviourOptions = DEFAULT_BEHAVIOUR_OPTIONS): BehaviourClass {
  checkNumber(customer.asOfDay, 'asOfDay');
  checkNumbers(customer.purchaseDays, 'purchaseDays');
  const rhythm = purchaseRhythm(Array.from(customer.purchaseDays).filter((day) => day <= customer.asOfDay));
  if (customer.trialOnly || rhythm.visits < options.minVisits) return 'potential';
  const regular = rhythm.gapVariation! <= options.maxGapVariation;
  const onTime = customer.asOfDay - rhythm.lastDay! <= options.overdueAfterGaps * rhythm.meanGapDays!;
  if (!onTime) return 'general';
  const manyLines = customer.productLines === undefined || checkNumber(customer.productLines, 'productLines', { min: 0 }) >= options.loyalMinProductLines;
  if (rhythm.visits >= options.loyalMinVisits && manyLines) return 'loyal';
  return regular ? 'stable' : 'general';
}
