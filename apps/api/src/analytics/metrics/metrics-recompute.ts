import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../platform/config/app-config';
import { type CustomerFacts, customerScorer, type MetricPopulation, type ScoredCustomer, type ScoringSettings } from './customer-scoring';
import { type FactsMode, refreshFacts } from './metric-facts';
import { loadPopulation, MODEL_SAMPLE_SIZE } from './metric-population';
import { writeCustomerSummaries } from './metric-summaries';

/** Customers per scoring batch: one read, one scoring call and one bulk update each. */
export const METRICS_BATCH_SIZE = 20_000;

export interface RecomputeOptions {
  /** `incremental` (default): facts only of accounts whose orders changed; `full`: every account's facts. */
  mode?: FactsMode;
  batchSize?: number;
  /** Buyers the models are fitted on at most (default MODEL_SAMPLE_SIZE). */
  modelSampleSize?: number;
  /** Told the time of each statement of the facts step (the benchmark). */
  trace?: (step: string, ms: number) => void;
}

export interface RecomputeResult {
  mode: FactsMode;
  /** Live accounts scored, and the scoring batches. */
  customers: number;
  batches: number;
  /** Accounts whose facts were recomputed from their orders. */
  factsRefreshed: number;
  /** Buyers the models were fitted on. */
  modelCustomers: number;
  ms: { facts: number; population: number; bgNbdFit: number; gammaGammaFit: number; scoring: number };
  /** Of the scoring step: Node computing scores, and waiting for the batch updates (reads overlap both). */
  scoringMs: { compute: number; write: number };
}

/**
 * The customer-metrics recompute, in three steps (docs/analytics.md, "Metric computation"):
 * (1) facts — in one transaction, SQL only: the facts of the accounts whose orders changed since their facts were
 *     computed (every account in a full run) are rebuilt from orders and lines and upserted, rows of binned accounts go;
 * (2) population — RFM quintile cut points over the stored facts and the BG/NBD and Gamma-Gamma fits;
 * (3) scoring — every live account (scores depend on the day and the population, so all are rescored), keyset
 *     batches of `customer_metrics` read while the previous batch is scored and written (one bulk update each).
 * Readers see the previous facts until step 1 commits; each scoring batch commits alone.
 */
@Injectable()
export class MetricsRecompute {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: Pick<AppConfig, 'analytics'>,
  ) {}

  async run(asOf: string, computedAt: Date, options: RecomputeOptions = {}): Promise<RecomputeResult> {
    const mode = options.mode ?? 'incremental';
    const batchSize = options.batchSize ?? METRICS_BATCH_SIZE;
    let started = Date.now();
    const factsRefreshed = await this.dataSource.transaction(async (manager) => {
      // Hash joins and aggregates over millions of rows: memory for them in this transaction only.
      await manager.query(`set local work_mem = '256MB'`);
      return refreshFacts(manager, asOf, mode, options.trace);
    });
    const factsMs = Date.now() - started;
    started = Date.now();
    const population = await loadPopulation(this.dataSource.manager, asOf, options.modelSampleSize ?? MODEL_SAMPLE_SIZE);
    const populationMs = Date.now() - started;
    started = Date.now();
    const settings: ScoringSettings = { discountRate: this.config.analytics.discountRate, horizonWeeks: this.config.analytics.horizonWeeks };
    const score = customerScorer(population, settings);
    const scoringMs = { compute: 0, write: 0 };
    let customers = 0;
    let batches = 0;
    // The next batch is read while this one is scored and written (two pool connections).
    let next = this.readBatch('00000000-0000-0000-0000-000000000000', batchSize);
    for (;;) {
      const facts = await next;
      if (!facts.length) break;
      const last = facts[facts.length - 1].accountId;
      next = facts.length < batchSize ? Promise.resolve([]) : this.readBatch(last, batchSize);
      const computing = Date.now();
      const scored = score(facts);
      const writing = Date.now();
      scoringMs.compute += writing - computing;
      await this.writeScores(scored, computedAt);
      scoringMs.write += Date.now() - writing;
      customers += facts.length;
      batches++;
    }
    await writeCustomerSummaries(this.dataSource);
    return {
      mode,
      customers,
      batches,
      factsRefreshed,
      modelCustomers: population.modelCustomers,
      scoringMs,
      ms: { facts: factsMs, population: populationMs - population.fitMs.bgNbd - population.fitMs.gammaGamma, bgNbdFit: population.fitMs.bgNbd, gammaGammaFit: population.fitMs.gammaGamma, scoring: Date.now() - started },
    };
  }

  /** The population of a run from the stored facts (exposed for tests and the benchmark). */
  population(asOf: string, modelSampleSize = MODEL_SAMPLE_SIZE): Promise<MetricPopulation> {
    return loadPopulation(this.dataSource.manager, asOf, modelSampleSize);
  }

  /** The stored facts of the next `limit` accounts after `after` (id order), with their years (one range scan). */
  async readBatch(after: string, limit: number): Promise<CustomerFacts[]> {
    const rows: Array<{
      account_id: string; first: string | null; last: string | null; orders: number; purchase_days: number; revenue: string; cost: string | null;
      profit: string | null; uncosted_lines: number; dates: string[]; day_revenue: string[]; products: number; discount_share: string | null;
      years: CustomerFacts['years'] | null;
    }> = await this.dataSource.query(
      `with batch as (
         select account_id, to_char(first_purchase_on, 'YYYY-MM-DD') as first, to_char(last_purchase_on, 'YYYY-MM-DD') as last, orders, purchase_days,
                revenue::text as revenue, cost::text as cost, profit::text as profit, uncosted_lines, purchase_dates::text[] as dates,
                purchase_day_revenue::text[] as day_revenue, products, discount_share::text as discount_share
           from customer_metrics where account_id > $1 order by account_id limit $2),
       years as (
         select account_id, json_agg(json_build_object('year', year, 'orders', orders, 'revenue', revenue::text, 'cost', cost::text, 'profit', profit::text) order by year) as years
           from customer_metric_years
          where account_id > $1 and account_id <= (select account_id from batch order by account_id desc limit 1)
          group by account_id)
       select b.*, y.years from batch b left join years y using (account_id) order by b.account_id`,
      [after, limit],
    );
    return rows.map((row) => ({
      accountId: row.account_id,
      firstPurchaseOn: row.first,
      lastPurchaseOn: row.last,
      orders: row.orders,
      purchaseDays: row.purchase_days,
      revenue: row.revenue,
      cost: row.cost,
      profit: row.profit,
      uncostedLines: row.uncosted_lines,
      purchaseDates: row.dates,
      purchaseDayRevenue: row.day_revenue,
      products: row.products,
      discountShare: row.discount_share,
      years: row.years ?? [],
    }));
  }

  /** One batch's scores in one statement (arrays through `unnest`, never a row per round trip). */
  private async writeScores(batch: ScoredCustomer[], computedAt: Date): Promise<void> {
    const column = <K extends keyof ScoredCustomer>(key: K) => batch.map((customer) => customer[key]);
    await this.dataSource.query(
      `update customer_metrics m set
         rfm_recency = s.rfm_recency, rfm_frequency = s.rfm_frequency, rfm_monetary = s.rfm_monetary, rfm_segment = s.rfm_segment,
         behaviour_class = s.behaviour_class, lifecycle_stage = s.lifecycle_stage, historic_clv = s.historic_clv,
         predicted_transactions = s.predicted_transactions, probability_alive = s.probability_alive, expected_spend = s.expected_spend,
         predicted_clv = s.predicted_clv, loyalty_index = s.loyalty_index, computed_at = $14
         from unnest($1::uuid[], $2::smallint[], $3::smallint[], $4::smallint[], $5::text[], $6::text[], $7::text[], $8::numeric[],
                     $9::numeric[], $10::numeric[], $11::numeric[], $12::numeric[], $13::numeric[])
           as s(account_id, rfm_recency, rfm_frequency, rfm_monetary, rfm_segment, behaviour_class, lifecycle_stage, historic_clv,
                predicted_transactions, probability_alive, expected_spend, predicted_clv, loyalty_index)
        where m.account_id = s.account_id`,
      [
        column('accountId'), column('rfmRecency'), column('rfmFrequency'), column('rfmMonetary'), column('rfmSegment'), column('behaviourClass'),
        column('lifecycleStage'), column('historicClv'), column('predictedTransactions'), column('probabilityAlive'), column('expectedSpend'),
        column('predictedClv'), column('loyaltyIndex'), computedAt,
      ],
    );
  }
}
