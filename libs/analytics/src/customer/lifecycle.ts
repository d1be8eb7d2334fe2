import { checkNumber, checkNumbers, resolveOptions } from './check';

/**
 * Customer lifecycle stage (R-ANA-6), the six stages of the seed course notes (潜在/开发/成长/成熟/衰退/终止):
 *   potential    known to us but has never bought;
 *   development  just acquired: the first purchase is recent or there is only one period with purchases;
 *   growth       business with us is expanding (or the share of wallet is still below "most of it");
 *   mature       all or most of the customer's business is with us (share of wallet), or — share unknown — a
 *                long relationship whose purchases neither grow nor fall;
 *   decline      purchases falling clearly, or no purchase for a while;
 *   terminated   no purchase for so long that the relationship is over.
 * Rules are checked in the order terminated → decline → development → mature/growth (see {@link lifecycleStage}).
 */
export type LifecycleStage = 'potential' | 'development' | 'growth' | 'mature' | 'decline' | 'terminated';

export interface LifecycleInput {
  /** Revenue of each complete period (oldest first) up to the as-of day, e.g. the last 8 quarters. */
  periodRevenue: ArrayLike<number>;
  /** First and last purchase day, null for a customer who never bought. */
  firstPurchaseDay: number | null;
  lastPurchaseDay: number | null;
  asOfDay: number;
  /** Our share of the customer's total spend in the category, 0–1, when known (surveys, key accounts). */
  shareOfWallet?: number | null;
}

export interface LifecycleOptions {
  /** Periods compared for the trend: the mean of the last n periods against the mean of the n before. */
  trendPeriods: number;
  /** Relative change of that mean at or above which purchases are growing. */
  growthThreshold: number;
  /** Relative change at or below −this: declining. */
  declineThreshold: number;
  /** Days of tenure (since the first purchase) below which a customer is still in development. */
  developmentDays: number;
  /** Days without a purchase after which a customer is declining… */
  declineAfterDays: number;
  /** …and after which the relationship is terminated. */
  terminatedAfterDays: number;
  /** Share of wallet at or above which a customer is mature. */
  matureShareOfWallet: number;
  /** Without a share of wallet, tenure in days from which a steady customer counts as mature. */
  matureMinTenureDays: number;
}

export const DEFAULT_LIFECYCLE_OPTIONS: Readonly<LifecycleOptions> = {
  trendPeriods: 2,
  growthThreshold: 0.2,
  declineThreshold: 0.2,
  developmentDays: 90,
  declineAfterDays: 180,
  terminatedAfterDays: 365,
  matureShareOfWallet: 0.5,
  matureMinTenureDays: 365,
};

const RULES = {
  trendPeriods: { min: 1, integer: true },
  growthThreshold: { above: 0 },
  declineThreshold: { above: 0, max: 1 },
  developmentDays: { min: 0 },
  declineAfterDays: { above: 0 },
  terminatedAfterDays: { above: 0 },
  matureShareOfWallet: { above: 0, max: 1 },
  matureMinTenureDays: { min: 0 },
};

/** Validates options once per run or batch; an unknown key, a bad value or declineAfterDays > terminatedAfterDays throws. */
export function lifecycleOptions(given?: Partial<LifecycleOptions>): LifecycleOptions {
  const options = resolveOptions(DEFAULT_LIFECYCLE_OPTIONS, RULES, given, 'options');
  checkNumber(options.declineAfterDays, 'options.declineAfterDays', { max: options.terminatedAfterDays });
  return options;
}

/**
 * Relative change of the mean of the last `periods` periods over the mean of the `periods` before them; null when
 * there are not 2·periods periods or the earlier mean is 0 (then any purchase now is a start, not a percentage).
 */
export function revenueTrend(periodRevenue: ArrayLike<number>, periods: number): number | null {
  const n = periodRevenue.length;
  if (n < 2 * periods) return null;
  let recent = 0;
  let earlier = 0;
  for (let i = 0; i < periods; i++) {
    recent += periodRevenue[n - 1 - i];
    earlier += periodRevenue[n - 1 - periods - i];
  }
  return earlier === 0 ? null : (recent - earlier) / earlier;
}

/** The stage of one customer; pass options checked by {@link lifecycleOptions}. */
export function lifecycleStage(customer: LifecycleInput, options: LifecycleOptions = DEFAULT_LIFECYCLE_OPTIONS): LifecycleStage {
  checkNumbers(customer.periodRevenue, 'periodRevenue', { min: 0 });
  const asOf = checkNumber(customer.asOfDay, 'asOfDay');
  if (customer.firstPurchaseDay === null || customer.lastPurchaseDay === null) return 'potential';
  const first = checkNumber(customer.firstPurchaseDay, 'firstPurchaseDay', { max: asOf });
  const last = checkNumber(customer.lastPurchaseDay, 'lastPurchaseDay', { min: first, max: asOf });
  const share = customer.shareOfWallet ?? null;
  if (share !== null) checkNumber(share, 'shareOfWallet', { min: 0, max: 1 });

  const idle = asOf - last;
  if (idle > options.terminatedAfterDays) return 'terminated';
  const trend = revenueTrend(customer.periodRevenue, options.trendPeriods);
  if (idle > options.declineAfterDays || (trend !== null && trend <= -options.declineThreshold)) return 'decline';

  const activePeriods = Array.from(customer.periodRevenue).filter((revenue) => revenue > 0).length;
  const tenure = asOf - first;
  if (tenure < options.developmentDays || activePeriods < 2) return 'development';

  if (share !== null) return share >= options.matureShareOfWallet ? 'mature' : 'growth';
  // Growing from nothing (earlier mean 0, purchases now) has no percentage but is growth.
  const growing = trend === null ? isStartingUp(customer.periodRevenue, options.trendPeriods) : trend >= options.growthThreshold;
  if (growing) return 'growth';
  return tenure >= options.matureMinTenureDays ? 'mature' : 'growth';
}

function isStartingUp(periodRevenue: ArrayLike<number>, periods: number): boolean {
  const n = periodRevenue.length;
  if (n < 2 * periods) return true; // too short a history to be steady yet
  for (let i = 0; i < periods; i++) if (periodRevenue[n - 1 - i] > 0) return true;
  return false;
}

/**
 * Revenue per period of one customer's purchases: `periods` periods of `periodDays` days ending on the as-of day
 * (inclusive), oldest first. What the API does with a date_bin / GROUP BY.
 */
export function revenueByPeriod(purchases: readonly { day: number; amount: number }[], asOfDay: number, periodDays: number, periods: number): number[] {
  checkNumber(periodDays, 'periodDays', { min: 1, integer: true });
  checkNumber(periods, 'periods', { min: 1, integer: true });
  const revenue = new Array<number>(periods).fill(0);
  for (const { day, amount } of purchases) {
    if (day > asOfDay) continue;
    const back = Math.floor((asOfDay - day) / periodDays);
    if (back < periods) revenue[periods - 1 - back] += amount;
  }
  return revenue;
}
