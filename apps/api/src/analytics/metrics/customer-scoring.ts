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

/** What the orders say about one customer (an account), computed set-based in SQL. */
export interface CustomerFacts {
  accountId: string;
  /** ISO day of the first and last order; null without any order. */
  firstPurchaseOn: string | null;
  lastPurchaseOn: string | null;
  orders: number;
  /** Distinct order days: what BG/NBD counts as transactions (several orders on one day are one purchase). */
  purchaseDays: number;
  revenue: string;
  cost: string | null;
  profit: string | null;
  /** Lines without a known unit cost (their margin is not in `profit`). */
  uncostedLines: number;
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
  /** Quintile boundaries (20/40/60/80 %) over the buyers: days since the last order, orders, revenue (decimal strings). */
  recencyDaysQuintiles: number[];
  frequencyQuintiles: number[];
  monetaryQuintiles: string[];
  /** First and last order day over all buyers (the span the models are fitted on); null without buyers. */
  firstPurchaseOn: string | null;
  lastPurchaseOn: string | null;
  /** Σ revenue of every buyer, decimal string. */
  revenue: string;
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

export type ScoredCustomer = CustomerFacts & CustomerScores;

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

/**
 * Scores one batch of customers against the population: the integrator plugs the `@lianxi/analytics` functions in
 * here (and only here). Pure and synchronous: no database, same input → same output. Today it passes the facts
 * through without scores.
 */
export function scoreCustomers(batch: readonly CustomerFacts[], population: MetricPopulation): ScoredCustomer[] {
  void population;
  return batch.map((facts) => ({ ...facts, ...NO_SCORES }));
}
