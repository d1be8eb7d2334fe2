import { fitBgNbd, fitGammaGamma, InputError, requireDay, type BgNbdFit, type GammaGammaFit } from '@lianxi/analytics';
import type { EntityManager } from 'typeorm';
import type { MetricPopulation } from './customer-scoring';
import { btydHistory } from './customer-scoring';

/** Buyers the models are fitted on at most: beyond it, a deterministic sample (ordered by md5 of the account id). */
export const MODEL_SAMPLE_SIZE = 100_000;

/**
 * Fractions for `percentile_disc` that select exactly the lib's quintile cut points (`quintileCutPoints`: the
 * ⌈k·n/5⌉-th smallest value). percentile_disc(f) answers the first value at a position ≥ f·n; asking for
 * (⌈k·n/5⌉ − ½)/n makes that position ⌈k·n/5⌉ whatever the rounding of f·n in floating point (0.6·n itself can land
 * a hair above an integer and pick the next value).
 */
export function quintileFractions(n: number): number[] {
  return [1, 2, 3, 4].map((k) => (Math.ceil((k * n) / 5) - 0.5) / n);
}

/** Where the facts are read: the stored ones, or the run's own (metric-facts.ts; same columns). */
export type FactsSource = 'customer_metrics' | 'metric_facts';

/**
 * The population of a run, from the facts of `source` (a run reads its own, not yet stored): RFM quintile cut
 * points over the buyers (frequency = purchase days) and the BG/NBD and Gamma-Gamma fits (on every buyer, or a
 * sample of MODEL_SAMPLE_SIZE). Time in weeks; the calibration period ends on the as-of day.
 */
export async function loadPopulation(manager: EntityManager, asOf: string, sampleSize = MODEL_SAMPLE_SIZE, source: FactsSource = 'customer_metrics'): Promise<MetricPopulation> {
  const [counts]: Array<{ customers: number; buyers: number; first: string | null; last: string | null; revenue: string }> = await manager.query(
    `select count(*)::int as customers, (count(*) filter (where orders > 0))::int as buyers,
            to_char(min(first_purchase_on), 'YYYY-MM-DD') as first, to_char(max(last_purchase_on), 'YYYY-MM-DD') as last, sum(revenue)::text as revenue
       from ${source}`,
  );
  const population = {
    asOf, customers: counts.customers, buyers: counts.buyers, firstPurchaseOn: counts.first, lastPurchaseOn: counts.last, revenue: counts.revenue ?? '0',
  };
  if (counts.buyers === 0) {
    return { ...population, recencyDaysQuintiles: [], frequencyQuintiles: [], monetaryQuintiles: [], bgNbd: null, gammaGamma: null, modelCustomers: 0, fitMs: { bgNbd: 0, gammaGamma: 0 } };
  }
  // The digests in the "C" collation: byte order, as the embedded server's C.UTF-8 orders these hex strings, at about
  // half its cost (1.3 s against 2.1 s for 890,000 buyers), and the same sample whatever the database's locale.
  const sample: FitRow[] = await manager.query(
    `select purchase_days as days, first_purchase_on - date '1970-01-01' as first, last_purchase_on - date '1970-01-01' as last,
            revenue::text as revenue, purchase_day_revenue[1]::text as first_revenue
       from ${source} where orders > 0
      order by md5(account_id::text) collate "C" limit $1`,
    [sampleSize],
  );
  // The server sorts the buyers for the cut points while Node fits the models (seconds each at 1M customers, on two
  // cores): the query is sent, and Node yields once so that it leaves before the fits hold the event loop. A failure is
  // marked handled here and surfaces where it is awaited.
  const quintiles: Promise<Array<{ recency: number[]; frequency: number[]; monetary: string[] }>> = manager.query(
    `select percentile_disc($2::float8[]) within group (order by $1::date - last_purchase_on) as recency,
            percentile_disc($2::float8[]) within group (order by purchase_days) as frequency,
            (percentile_disc($2::float8[]) within group (order by revenue))::text[] as monetary
       from ${source} where orders > 0`,
    [asOf, quintileFractions(counts.buyers)],
  );
  quintiles.catch(() => undefined);
  await new Promise((resolve) => setImmediate(resolve));
  const models = fitModels(sample, asOf);
  const [{ recency, frequency, monetary }] = await quintiles;
  return { ...population, recencyDaysQuintiles: recency, frequencyQuintiles: frequency, monetaryQuintiles: monetary, ...models };
}

/** Model inputs of one buyer as read for the fit. */
interface FitRow {
  days: number;
  first: number;
  last: number;
  revenue: string;
  first_revenue: string;
}

/** The BG/NBD and Gamma-Gamma fits on the sample's histories (time in weeks, calibration ending on the as-of day). */
function fitModels(rows: readonly FitRow[], asOf: string) {
  const asOfDay = requireDay(asOf, 'asOf');
  const histories = rows.map((row) => btydHistory(row.days, row.first, row.last, asOfDay, row.revenue, row.first_revenue));
  let started = Date.now();
  const bgNbd = fitOrNull(() => fitBgNbd(histories));
  const bgNbdMs = Date.now() - started;
  started = Date.now();
  const gammaGamma = fitOrNull(() => fitGammaGamma(histories));
  // A spend model without a finite population mean (q ≤ 1) cannot value customers without repeats: left out.
  const usableGammaGamma = gammaGamma && gammaGamma.q > 1 ? gammaGamma : null;
  return { bgNbd, gammaGamma: usableGammaGamma, modelCustomers: rows.length, fitMs: { bgNbd: bgNbdMs, gammaGamma: Date.now() - started } };
}

/** A population the model cannot be fitted to (no repeat buyer yet) gives no predictions, not a failed run. */
function fitOrNull<T extends BgNbdFit | GammaGammaFit>(fit: () => T): T | null {
  try {
    return fit();
  } catch (error) {
    if (error instanceof InputError) return null;
    throw error;
  }
}
