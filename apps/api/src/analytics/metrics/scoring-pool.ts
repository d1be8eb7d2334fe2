import { extname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { MetricPopulation, ScoringSettings } from './customer-scoring';
import type { FactsRow, ScoreColumns } from './scoring-batch';

/**
 * Scoring threads for a run (docs/analytics.md, "Metric computation"): the scoring is Node's work — most of a run's
 * scoring step at 1M customers — on one core, while the other one waited. Each thread builds the run's scorer from the
 * population once and scores the batches it is sent (scoring-thread.ts, the same scoreBatch as the run's own thread).
 * A batch goes to the thread with the fewest waiting; a thread answers in order. A thread that fails fails every batch
 * still waiting, so the run rolls back; close() ends the threads whatever happened.
 */
export class ScoringPool {
  private readonly threads: Array<{ worker: Worker; waiting: Array<{ resolve: (columns: ScoreColumns) => void; reject: (error: Error) => void }> }>;
  private failure: Error | null = null;

  constructor(size: number, population: MetricPopulation, settings: ScoringSettings) {
    this.threads = Array.from({ length: size }, () => {
      const thread = { worker: new Worker(THREAD_ENTRY, { workerData: { population, settings }, execArgv: THREAD_EXEC_ARGV }), waiting: [] as ScoringPool['threads'][number]['waiting'] };
      thread.worker.on('message', (columns: ScoreColumns) => thread.waiting.shift()?.resolve(columns));
      thread.worker.on('error', (error) => this.fail(error));
      thread.worker.on('exit', (code) => this.fail(new Error(`a scoring thread stopped (exit code ${code})`)));
      return thread;
    });
  }

  score(rows: FactsRow[]): Promise<ScoreColumns> {
    if (this.failure) return Promise.reject(this.failure);
    const thread = this.threads.reduce((least, candidate) => (candidate.waiting.length < least.waiting.length ? candidate : least));
    return new Promise((resolve, reject) => {
      thread.waiting.push({ resolve, reject });
      thread.worker.postMessage(rows);
    });
  }

  async close(): Promise<void> {
    this.failure ??= new Error('the scoring threads were closed');
    await Promise.all(this.threads.map(({ worker }) => worker.terminate()));
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const thread of this.threads) for (const batch of thread.waiting.splice(0)) batch.reject(this.failure);
  }
}

// From the compiled code (dist) the thread is its .js sibling; from the sources (tests, benchmarks, `pnpm dev`) the
// .ts one, which a thread can load only with the TypeScript hook the sources run under.
const THREAD_ENTRY = join(__dirname, `scoring-thread${extname(__filename)}`);
const THREAD_EXEC_ARGV = extname(__filename) === '.ts' ? ['--require', require.resolve('@swc-node/register')] : [];
