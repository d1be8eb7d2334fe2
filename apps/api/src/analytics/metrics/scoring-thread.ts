import { parentPort, workerData } from 'node:worker_threads';
import { customerScorer, type MetricPopulation, type ScoringSettings } from './customer-scoring';
import { type FactsRow, scoreBatch } from './scoring-batch';

/**
 * A scoring thread of scoring-pool.ts: the run's population and settings arrive once, then batches of cursor rows, each
 * answered with its insert parameters, in the order received. A failure ends the thread; the pool fails the run.
 */
const { population, settings } = workerData as { population: MetricPopulation; settings: ScoringSettings };
const score = customerScorer(population, settings);
const port = parentPort!;
port.on('message', (rows: FactsRow[]) => port.postMessage(scoreBatch(rows, score)));
