import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../platform/config/app-config';
import { customerScorer, type MetricPopulation, type ScoringSettings } from './customer-scoring';
import { computeFacts, type FactsMode, type RunQuery, runQuery, SCORE_COLUMNS } from './metric-facts';
import { loadPopulation, MODEL_SAMPLE_SIZE } from './metric-population';
import { SecondConnection } from './metric-second-connection';
import { writeCustomerSummaries } from './metric-summaries';
import { writeMetricTables } from './metric-tables';
import { type FactsRow, scoreBatch, type ScoreColumns } from './scoring-batch';
import { ScoringPool } from './scoring-pool';

/** Customers per scoring batch: one read, one scoring call and one bulk update each. */
export const METRICS_BATCH_SIZE = 20_000;

/** Customers from which a run scores on threads (starting them costs more than a few batches take on the run's own). */
export const SCORING_THREADS_FROM = 50_000;

export interface RecomputeOptions {
  /** `incremental` (default): facts only of accounts whose orders changed; `full`: every account's facts. */
  mode?: FactsMode;
  batchSize?: number;
  /** Scoring threads (0: the run's own thread); default: the configured number from SCORING_THREADS_FROM customers on. */
  scoringThreads?: number;
  /** Buyers the models are fitted on at most (default MODEL_SAMPLE_SIZE). */
  modelSampleSize?: number;
  /**
   * A run that rebuilds every account's facts does it on two connections, half the accounts each (default true;
   * metric-facts.ts, rebuildInHalves); false keeps it on the run's one. An incremental run is always on the one.
   */
  factsInHalves?: boolean;
  /** Told the time of each SQL statement of the run (the benchmark). */
  trace?: (step: string, ms: number) => void;
}

export interface RecomputeResult {
  /** As asked, except that an incremental run with nothing to go by (the first, or after a truncation) is a full one. */
  mode: FactsMode;
  /** Live accounts scored, and the scoring batches. */
  customers: number;
  batches: number;
  /** Accounts whose facts were recomputed from their orders. */
  factsRefreshed: number;
  /** Buyers the models were fitted on. */
  modelCustomers: number;
  ms: { facts: number; population: number; bgNbdFit: number; gammaGammaFit: number; scoring: number; write: number };
  /** Scoring threads used (0: the run's own). */
  scoringThreads: number;
  /** Of the scoring step: the run waiting for the facts, and for batches being scored and stored. */
  scoringMs: { read: number; wait: number };
}

/**
 * The customer-metrics recompute, in one transaction on one connection (docs/analytics.md, "Metric computation"):
 * (1) facts — SQL only, into temporary tables: rebuilt from orders and lines for the accounts whose orders changed
 *     since their facts were computed (every account in a full run), as stored for the others (metric-facts.ts);
 * (2) population — RFM quintile cut points over those facts and the BG/NBD and Gamma-Gamma fits;
 * (3) scoring — every live account (scores depend on the day and the population, so all are rescored) in batches
 *     read through a cursor, scored in Node, sent to a temporary score table;
 * (4) write — the next generation of the metric tables, facts and scores together, swapped in (metric-tables.ts).
 * Readers see the previous metrics, whole, until the run commits.
 */
@Injectable()
export class MetricsRecompute {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: Pick<AppConfig, 'analytics' | 'baseCurrency'>,
  ) {}

  async run(asOf: string, computedAt: Date, options: RecomputeOptions = {}): Promise<RecomputeResult> {
    const batchSize = options.batchSize ?? METRICS_BATCH_SIZE;
    if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError(`batchSize must be a positive integer, got ${batchSize}`);
    const settings: ScoringSettings = { discountRate: this.config.analytics.discountRate, horizonWeeks: this.config.analytics.horizonWeeks };
    const second = options.factsInHalves === false ? undefined : SecondConnection.forRun(this.dataSource, options.trace);
    const result = await this.dataSource.transaction(async (manager): Promise<RecomputeResult> => {
      const query = runQuery((sql, params) => manager.query(sql, params), options.trace);
      // One run at a time, whoever starts it: the job queue's singleton covers queued runs only, not a direct call.
      // Holding it, the run knows that no other run's hand-off tables exist, and drops those a crash left behind.
      await query(`select pg_advisory_xact_lock(hashtext('metrics_run'))`);
      await SecondConnection.dropLeftovers(query);
      // Joins, aggregates and sorts over millions of rows: memory for them in this transaction only.
      await query(`set local work_mem = '256MB'`);
      // The run's groupings (an account's orders, days, years, products) have about as many groups as rows: sorting and
      // aggregating in order beats hashing there — at 1M customers a full run's facts took 68 s sorted against 125 s
      // hashed, the same rows to the bit (docs/analytics.md, "Metric computation").
      await query(`set local enable_hashagg = off`);
      // Dates leave as ISO days whatever the server's default (the scoring reads them as text).
      await query(`set local datestyle = 'ISO, YMD'`);
      let started = Date.now();
      const { factsRefreshed, mode } = await computeFacts(query, asOf, options.mode ?? 'incremental', this.config.baseCurrency, second);
      const factsMs = Date.now() - started;
      started = Date.now();
      const population = await loadPopulation(manager, asOf, options.modelSampleSize ?? MODEL_SAMPLE_SIZE, 'metric_facts');
      const populationMs = Date.now() - started;
      started = Date.now();
      const scoringThreads = options.scoringThreads ?? (population.customers >= SCORING_THREADS_FROM ? this.config.analytics.scoringThreads : 0);
      const { customers, batches, scoringMs } = await this.scoreAll(query, population, settings, batchSize, scoringThreads);
      const scoringTotal = Date.now() - started;
      started = Date.now();
      await writeMetricTables(query, computedAt, mode);
      return {
        mode,
        customers,
        batches,
        factsRefreshed,
        modelCustomers: population.modelCustomers,
        scoringThreads,
        scoringMs,
        ms: {
          facts: factsMs, population: populationMs - population.fitMs.bgNbd - population.fitMs.gammaGamma, bgNbdFit: population.fitMs.bgNbd,
          gammaGammaFit: population.fitMs.gammaGamma, scoring: scoringTotal, write: Date.now() - started,
        },
      };
    }).finally(() => second?.cleanUp());
    // After the commit: the dashboards' per-team summaries are built from the metrics as committed (metric-summaries.ts).
    await writeCustomerSummaries(this.dataSource);
    return result;
  }

  /** The population of a run from the stored facts (exposed for tests and the benchmark). */
  population(asOf: string, modelSampleSize = MODEL_SAMPLE_SIZE): Promise<MetricPopulation> {
    return loadPopulation(this.dataSource.manager, asOf, modelSampleSize);
  }

  /**
   * Every account of `metric_facts` scored, `batchSize` at a time (the order does not matter: scores are per customer),
   * on `threads` scoring threads (scoring-pool.ts) or, with none, on the run's own.
   */
  private async scoreAll(query: RunQuery, population: MetricPopulation, settings: ScoringSettings, batchSize: number, threads: number) {
    const scoringMs = { read: 0, wait: 0 };
    let customers = 0;
    let batches = 0;
    await query(`create temporary table metric_scores on commit drop as select account_id, ${SCORE_COLUMNS.join(', ')} from customer_metrics with no data`);
    // Each account's facts as one text (fields `|`-separated, the arrays `,`-separated, the years as stored): the driver
    // turns a row of two fields into an object in half the time of fourteen, and Node splits the text far faster than
    // the driver parses array literals (at 1M customers 2 s of Node's time against 4); text is also what crosses to a
    // scoring thread fastest.
    await query(
      `declare metric_batches no scroll cursor for
       select account_id,
              concat(orders, '|', purchase_days, '|', revenue, '|', cost, '|', profit, '|', products, '|', discount_share, '|',
                     array_to_string(purchase_dates, ','), '|', array_to_string(purchase_day_revenue, ','), '|', years) as facts
         from metric_facts`,
    );
    const pool = threads > 0 ? new ScoringPool(threads, population, settings) : null;
    let score: (rows: FactsRow[]) => Promise<ScoreColumns>;
    if (pool) score = (rows) => pool.score(rows);
    else {
      const scorer = customerScorer(population, settings);
      score = async (rows) => scoreBatch(rows, scorer);
    }
    // Pipelined on the one connection (statements queue on it in the order they are sent): the server reads the next
    // batch while batches are scored, and stores each batch's scores as they come. One batch per thread is being scored,
    // and one more stored (on the run's own thread: the next is scored while the last is stored), so memory stays a few
    // batches whatever the volume. A promise not awaited yet is marked handled: a failure surfaces where it is awaited,
    // and the transaction rolls back.
    const handled = <T>(promise: Promise<T>) => {
      promise.catch(() => undefined);
      return promise;
    };
    const fetchBatch = () => handled(query<FactsRow[]>(`fetch forward ${batchSize} from metric_batches`));
    const inFlight = new Set<Promise<void>>();
    try {
      let next: Promise<FactsRow[]> | null = fetchBatch();
      while (next) {
        let started = Date.now();
        const rows: FactsRow[] = await next;
        scoringMs.read += Date.now() - started;
        next = rows.length === batchSize ? fetchBatch() : null;
        if (!rows.length) break;
        const batch = handled(score(rows).then((columns) => this.sendScores(query, columns)));
        inFlight.add(batch);
        void batch.then(() => inFlight.delete(batch), () => undefined);
        customers += rows.length;
        batches++;
        started = Date.now();
        if (inFlight.size > threads) await Promise.race(inFlight);
        scoringMs.wait += Date.now() - started;
      }
      const started = Date.now();
      await Promise.all(inFlight);
      scoringMs.wait += Date.now() - started;
    } finally {
      await pool?.close();
    }
    await query(`close metric_batches`);
    return { customers, batches, scoringMs };
  }

  /** One batch's scores in one statement (arrays through `unnest`, never a row per round trip). */
  private async sendScores(query: RunQuery, columns: ScoreColumns): Promise<void> {
    await query(
      `insert into metric_scores (account_id, ${SCORE_COLUMNS.join(', ')})
       select * from unnest($1::uuid[], $2::smallint[], $3::smallint[], $4::smallint[], $5::text[], $6::text[], $7::text[], $8::numeric[],
                            $9::numeric[], $10::numeric[], $11::numeric[], $12::numeric[], $13::numeric[])`,
      columns,
    );
  }
}
