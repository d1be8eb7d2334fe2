import {
  classifyBehaviour,
  conditionalExpectedSpend,
  conditionalExpectedTransactions,
  discountedClv,
  formatDay,
  growthRate,
  historicClv,
  lifecycleStage,
  loyaltyIndex,
  requireDay,
  populationMeanSpend,
  probabilityAlive,
  revenueByPeriod,
  scoreRfm,
  type BgNbdFit,
  type GammaGammaFit,
  type RfmBreakpoints,
} from '@lianxi/analytics';

/**
 * The seam between the metric job (SQL facts in, rows out) and the customer mathematics of `@lianxi/analytics`
 * (RFM, behaviour classes, lifecycle, historic CLV, BG/NBD + Gamma-Gamma, loyalty): `scoreCustomers` is the one
 * place the scores of a batch are computed. Money crosses it as decimal strings (PostgreSQL numeric); dates as ISO days.
 */

/** One year of a customer's purchases (orders not cancelled). */
export interface CustomerYear {
  year: number;
  orders: number;
  /** Σ order subtotal (net of tax), decimal string. */
  revenue: string;
  /** Σ quantity × unit cost over the lines whose cost is known; null when none is. */
  cost: string | null;
  /** Σ (line total − quantity × unit cost) over the same lines; null when none has a cost. */
  profit: string | null;
}

/** What the orders say about one customer (an account): the facts of `customer_metrics` the scoring reads (metric-facts.ts). */
export interface CustomerFacts {
  accountId: string;
  /** ISO day of the first and last purchase; null without any. */
  firstPurchaseOn: string | null;
  lastPurchaseOn: string | null;
  orders: number;
  /** Distinct order days: what BG/NBD counts as transactions (several orders on one day are one purchase). */
  purchaseDays: number;
  revenue: string;
  cost: string | null;
  profit: string | null;
  /** The distinct purchase days (ISO, ascending) and each day's revenue (decimal strings), aligned. */
  purchaseDates: string[];
  purchaseDayRevenue: string[];
  /** Distinct products bought. */
  products: number;
  /** Σ (list − net) · quantity / Σ list · quantity, decimal string; null without list value. */
  discountShare: string | null;
  /** Per calendar year with orders, ascending. */
  years: CustomerYear[];
}

/** Figures over every customer of the run, computed before the batches (scores relative to the population). */
export interface MetricPopulation {
  /** The day the metrics are as of (recency and customer age count to it). */
  asOf: string;
  /** Live accounts, and those with at least one order. */
  customers: number;
  buyers: number;
  /** Quintile cut points (the lib's quintileCutPoints) over the buyers: days since the last order, purchase days, revenue (decimal strings). */
  recencyDaysQuintiles: number[];
  frequencyQuintiles: number[];
  monetaryQuintiles: string[];
  /** First and last order day over all buyers; null without buyers. */
  firstPurchaseOn: string | null;
  lastPurchaseOn: string | null;
  /** Σ revenue of every buyer, decimal string. */
  revenue: string;
  /** The models fitted for this run (null when the data cannot identify them, e.g. no repeat buyer yet). */
  bgNbd: BgNbdFit | null;
  gammaGamma: GammaGammaFit | null;
  /** Buyers the models were fitted on (all, or the md5-ordered sample), and how long each fit took. */
  modelCustomers: number;
  fitMs: { bgNbd: number; gammaGamma: number };
}

/** The scores of one customer; null where a score does not apply (e.g. no orders) or is not computed. */
export interface CustomerScores {
  rfmRecency: number | null;
  rfmFrequency: number | null;
  rfmMonetary: number | null;
  rfmSegment: string | null;
  behaviourClass: string | null;
  lifecycleStage: string | null;
  /** Money as decimal strings (2 places). */
  historicClv: string | null;
  predictedTransactions: number | null;
  probabilityAlive: number | null;
  expectedSpend: string | null;
  predictedClv: string | null;
  loyaltyIndex: number | null;
}

/** The scores of one customer, by account (the facts stay in the table: only scores are written back). */
export type ScoredCustomer = Pick<CustomerFacts, 'accountId'> & CustomerScores;

export const NO_SCORES: CustomerScores = Object.freeze({
  rfmRecency: null,
  rfmFrequency: null,
  rfmMonetary: null,
  rfmSegment: null,
  behaviourClass: null,
  lifecycleStage: null,
  historicClv: null,
  predictedTransactions: null,
  probabilityAlive: null,
  expectedSpend: null,
  predictedClv: null,
  loyaltyIndex: null,
});


/** Run settings of the scoring (from the configuration; docs/analytics.md, "Configuration"). */
export interface ScoringSettings {
  /** Yearly discount rate of the historic and predicted CLV (0.1 = 10 %). */
  discountRate: number;
  /** Weeks ahead the predicted transactions and the predicted CLV cover. */
  horizonWeeks: number;
}

/** Lifecycle trend: revenue of the last 8 quarters of 91 days ending on the as-of day (the lib's CDNOW reading). */
const LIFECYCLE_PERIOD_DAYS = 91;
const LIFECYCLE_PERIODS = 8;
/** Loyalty frequency and its trend: purchase days in the last 365 days against the 365 before. */
const LOYALTY_WINDOW_DAYS = 365;
const DAYS_PER_WEEK = 7;

/**
 * A buyer's calibration history in BG/NBD and Gamma-Gamma terms (the lib's summarizeCustomers conventions): x repeat
 * purchase days, t_x and T in weeks since the first purchase day, T ending on the as-of day, and the mean revenue of
 * the repeat days (first day excluded; 0 without repeats).
 */
export function btydHistory(purchaseDays: number, firstDay: number, lastDay: number, asOfDay: number, revenue: string, firstDayRevenue: string) {
  const frequency = purchaseDays - 1;
  return {
    frequency,
    recency: (lastDay - firstDay) / DAYS_PER_WEEK,
    T: (asOfDay - firstDay) / DAYS_PER_WEEK,
    monetary: frequency > 0 ? (Number(revenue) - Number(firstDayRevenue)) / frequency : 0,
  };
}

/**
 * Scores one batch of customers against the population with `@lianxi/analytics` (the only place its customer
 * functions are called). Pure and synchronous: no database, same input → same output. A customer without purchases
 * gets the lifecycle stage `potential` and no other score.
 */
export function scoreCustomers(batch: readonly CustomerFacts[], population: MetricPopulation, settings: ScoringSettings): ScoredCustomer[] {
  return customerScorer(population, settings)(batch);
}

/** {@link scoreCustomers} for one run: what depends only on the population is computed once, across batches. */
export function customerScorer(population: MetricPopulation, settings: ScoringSettings): (batch: readonly CustomerFacts[]) => ScoredCustomer[] {
  const asOfDay = requireDay(population.asOf, 'asOf');
  const asOfYear = Number(formatDay(asOfDay).slice(0, 4));
  const breakpoints: RfmBreakpoints = {
    recency: population.recencyDaysQuintiles,
    frequency: population.frequencyQuintiles,
    monetary: population.monetaryQuintiles.map(Number),
  };
  // E[Y(t) | x, t_x, T] is P(alive | x, t_x, T) times a growth term of x and T only, so the discounted purchases are
  // P(alive) · D(x, T): D is computed once per (x, T) (whole days: few pairs) with the lib's discountedClv at t_x = T
  // divided by P(alive | x, T, T), instead of 52 weekly ₂F₁ evaluations per customer. Algebraically the same sum.
  const discountedGrowth = new Map<number, number>();
  const discountedPurchases = (bgNbd: BgNbdFit, x: number, T: number, TDays: number): number => {
    // A number, not a string, as the key: a million lookups per run (whole days since the first purchase < 2²⁶).
    const key = x * 2 ** 26 + TDays;
    let value = discountedGrowth.get(key);
    if (value === undefined) {
      value = discountedClv(bgNbd, 1, { frequency: x, recency: x > 0 ? T : 0, T }, settings.horizonWeeks, { discountRate: settings.discountRate }) / probabilityAlive(bgNbd, x, x > 0 ? T : 0, T);
      discountedGrowth.set(key, value);
    }
    return value;
  };
  return (batch) => batch.map((facts) => {
    if (facts.orders === 0 || facts.firstPurchaseOn === null || facts.lastPurchaseOn === null) return { accountId: facts.accountId, ...NO_SCORES, lifecycleStage: 'potential' };
    const days = facts.purchaseDates.map((date) => requireDay(date, 'purchaseDates'));
    const dayRevenue = facts.purchaseDayRevenue.map(Number);
    const first = days[0];
    const last = days[days.length - 1];
    const revenue = Number(facts.revenue);
    const rfm = scoreRfm({ recencyDays: asOfDay - last, frequency: facts.purchaseDays, monetary: revenue }, breakpoints);
    const behaviourClass = classifyBehaviour({ purchaseDays: days, asOfDay, productLines: facts.products });
    const lifecycle = lifecycleStage({
      periodRevenue: revenueByPeriod(days.map((day, i) => ({ day, amount: dayRevenue[i] })), asOfDay, LIFECYCLE_PERIOD_DAYS, LIFECYCLE_PERIODS),
      firstPurchaseDay: first,
      lastPurchaseDay: last,
      asOfDay,
    });
    const { recent, before } = purchaseDaysByWindow(days, asOfDay);
    const loyalty = loyaltyIndex({
      purchaseDurationDays: asOfDay - first,
      purchasesPerYear: recent,
      frequencyTrend: growthRate(recent, before),
      productLines: facts.products,
      discountShare: facts.discountShare === null ? null : Number(facts.discountShare),
      // Referrals: a referral lead does not name the customer who referred it, so the factor stays unknown (neutral).
      referrals: null,
    });

    let predictedTransactions: number | null = null;
    let probabilityAliveScore: number | null = null;
    let expectedSpend: number | null = null;
    let predictedClv: number | null = null;
    const history = btydHistory(facts.purchaseDays, first, last, asOfDay, facts.revenue, facts.purchaseDayRevenue[0]);
    if (population.bgNbd) {
      predictedTransactions = conditionalExpectedTransactions(population.bgNbd, settings.horizonWeeks, history.frequency, history.recency, history.T);
      probabilityAliveScore = probabilityAlive(population.bgNbd, history.frequency, history.recency, history.T);
      const purchases = probabilityAliveScore * discountedPurchases(population.bgNbd, history.frequency, history.T, asOfDay - first);
      if (population.gammaGamma) {
        // Gamma-Gamma needs repeat purchases: without any (or with repeats worth nothing), the population mean.
        expectedSpend = history.frequency > 0 && history.monetary > 0
          ? conditionalExpectedSpend(population.gammaGamma, history.frequency, history.monetary)
          : populationMeanSpend(population.gammaGamma);
        predictedClv = expectedSpend * purchases;
      }
    }
    return {
      accountId: facts.accountId,
      rfmRecency: rfm.r,
      rfmFrequency: rfm.f,
      rfmMonetary: rfm.m,
      rfmSegment: rfm.segment,
      behaviourClass,
      lifecycleStage: lifecycle,
      historicClv: historicValue(facts, asOfYear, settings.discountRate),
      predictedTransactions: round(predictedTransactions, 4),
      probabilityAlive: round(probabilityAliveScore, 6),
      expectedSpend: money(expectedSpend),
      predictedClv: money(predictedClv),
      loyaltyIndex: round(loyalty.index, 4),
    };
  });
}

/** Purchase days in the last LOYALTY_WINDOW_DAYS up to the as-of day, and in as many days before those. */
function purchaseDaysByWindow(days: readonly number[], asOfDay: number): { recent: number; before: number } {
  let recent = 0;
  let before = 0;
  for (const day of days) {
    if (day > asOfDay - LOYALTY_WINDOW_DAYS) recent++;
    else if (day > asOfDay - 2 * LOYALTY_WINDOW_DAYS) before++;
  }
  return { recent, before };
}

/**
 * Historic CLV: each lifecycle year's net profit (the margin of the lines with a known cost: revenue of those lines
 * − their cost), from the year of the first purchase to the as-of year (years without purchases count 0), brought
 * forward to today at the discount rate (the lib's `valueToday`). Null when no line of the customer has a cost.
 */
function historicValue(facts: CustomerFacts, asOfYear: number, discountRate: number): string | null {
  if (facts.cost === null || facts.profit === null) return null;
  const firstYear = Number(facts.firstPurchaseOn!.slice(0, 4));
  const n = asOfYear - firstYear + 1;
  const revenue = new Array<number>(n).fill(0);
  const directCost = new Array<number>(n).fill(0);
  for (const year of facts.years) {
    if (year.cost === null || year.profit === null) continue;
    const cost = Number(year.cost);
    revenue[year.year - firstYear] = Math.max(0, Number(year.profit) + cost);
    directCost[year.year - firstYear] = cost;
  }
  return money(historicClv({ revenue, directCost, indirectCost: new Array<number>(n).fill(0) }, discountRate).valueToday);
}

// A model evaluated far outside its data can overflow: an unusable figure is stored as unknown, never as NaN
// (which numeric accepts but every range check refuses, failing the whole run).
function round(value: number | null, places: number): number | null {
  if (value === null || !Number.isFinite(value)) return null;
  const factor = 10 ** places;
  return Math.round(value * factor) / factor;
}

/** Money as a decimal string with 2 places (statistics are floats; what is stored and shown is cents). */
function money(value: number | null): string | null {
  if (value === null || !Number.isFinite(value)) return null;
  const cents = Math.round(value * 100);
  return (cents / 100).toFixed(2);
}
