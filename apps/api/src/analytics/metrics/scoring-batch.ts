import type { CustomerFacts, ScoredCustomer } from './customer-scoring';

/**
 * One scoring batch from the cursor's rows to the score table's statement parameters: facts parsed from text, scored,
 * and the scores as array literals. Pure and the same on the run's thread and on a scoring thread (scoring-pool.ts):
 * only strings cross between threads, which structured cloning copies fastest.
 */

/** One row of the scoring cursor: the account and its facts as one text (metrics-recompute.ts, the cursor's comment). */
export interface FactsRow {
  account_id: string;
  facts: string;
}

/** The scores of a batch as the parameters of the score table's insert: one array literal per column, in SCORE_PARAMETERS order. */
export type ScoreColumns = string[];

/** The scored customers' fields, in the order of the insert's columns (account, then SCORE_COLUMNS of metric-facts.ts). */
const SCORE_PARAMETERS = [
  'accountId', 'rfmRecency', 'rfmFrequency', 'rfmMonetary', 'rfmSegment', 'behaviourClass', 'lifecycleStage', 'historicClv', 'predictedTransactions',
  'probabilityAlive', 'expectedSpend', 'predictedClv', 'loyaltyIndex',
] as const satisfies ReadonlyArray<keyof ScoredCustomer>;

/** Rows in, insert parameters out, with the run's scorer (customerScorer). */
export function scoreBatch(rows: readonly FactsRow[], score: (batch: readonly CustomerFacts[]) => ScoredCustomer[]): ScoreColumns {
  const scored = score(rows.map(toFacts));
  return SCORE_PARAMETERS.map((key) => pgArray(scored.map((customer) => customer[key])));
}

/**
 * A PostgreSQL array literal of scores: numbers, decimal strings, uuids and label words as they are; anything else
 * (never produced by the scoring, but not assumed) quoted with `"` and `\` escaped; null as NULL. Built here because the
 * driver's own conversion quotes and escapes element by element (5 of a run's 20 s of Node time at 1M customers).
 */
export function pgArray(values: ReadonlyArray<string | number | null>): string {
  return `{${values.map((value) => (value === null ? 'NULL' : typeof value === 'number' || BARE_ELEMENT.test(value) ? String(value) : `"${value.replace(/[\\"]/g, '\\$&')}"`)).join(',')}}`;
}

/** Elements that need no quotes in an array literal (and cannot be read as NULL). */
const BARE_ELEMENT = /^(?!null$)[A-Za-z0-9_.:-]+$/i;

function toFacts(row: FactsRow): CustomerFacts {
  const [orders, purchaseDays, revenue, cost, profit, products, discountShare, dates, dayRevenue, years] = row.facts.split('|');
  const purchaseDates = dates === '' ? [] : dates.split(',');
  return {
    accountId: row.account_id,
    firstPurchaseOn: purchaseDates[0] ?? null,
    lastPurchaseOn: purchaseDates[purchaseDates.length - 1] ?? null,
    orders: Number(orders),
    purchaseDays: Number(purchaseDays),
    revenue,
    cost: cost === '' ? null : cost,
    profit: profit === '' ? null : profit,
    purchaseDates,
    purchaseDayRevenue: dayRevenue === '' ? [] : dayRevenue.split(','),
    products: Number(products),
    discountShare: discountShare === '' ? null : discountShare,
    years: years === '' ? [] : years.split(';').map(toYear),
  };
}

/** One year as metric-facts.ts stores it: `year:orders:revenue:cost:profit`, an unknown cost or profit empty. */
function toYear(text: string): CustomerFacts['years'][number] {
  const [year, orders, revenue, cost, profit] = text.split(':');
  return { year: Number(year), orders: Number(orders), revenue, cost: cost === '' ? null : cost, profit: profit === '' ? null : profit };
}
