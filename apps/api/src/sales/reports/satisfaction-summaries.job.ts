import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../platform/config/app-config';
import { JobsService } from '../../platform/jobs/jobs.service';
import { foldSatisfactionChanges, satisfactionSummaryWork } from './satisfaction-fold';
import { writeSatisfactionSummaries } from './satisfaction-summaries';

export const SATISFACTION_SUMMARIES_JOB = 'sales.satisfaction-summaries';

/** What a tick of the job did. */
export type SatisfactionSummariesTick = 'written' | 'folded' | 'raced' | null;

/**
 * Keeps the satisfaction summaries (satisfaction-summaries.ts) close to the orders: on each tick (every minute by
 * default) it folds the customers changed since into them (satisfaction-fold.ts: milliseconds per customer), so a
 * reader's corrections stay at a minute's changes; it writes them whole only where a fold cannot work — never
 * written (or the orders truncated), a product recategorised with too many customers to list, or more changed
 * customers than a fold is worth (SATISFACTION_FOLD_LIMIT) — minutes of work at a million customers. The report is
 * exact either way.
 */
@Injectable()
export class SatisfactionSummariesJob implements OnModuleInit {
  private readonly logger = new Logger('SatisfactionSummaries');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly jobs: JobsService,
  ) {}

  onModuleInit(): void {
    this.jobs.register({
      name: SATISFACTION_SUMMARIES_JOB,
      policy: 'singleton',
      cron: this.config.jobs.satisfactionSummariesCron,
      cronData: {},
      // A writing takes about 7 minutes at a million customers; ticks meanwhile wait (singleton) and then fold what
      // changed during it.
      expireInMinutes: 60,
      handle: async () => {
        await this.refresh();
      },
    });
  }

  /** Folds the changes into the summaries, or writes them when a fold cannot; answers what it did (null: nothing to do). */
  async refresh(): Promise<SatisfactionSummariesTick> {
    const work = await satisfactionSummaryWork(this.dataSource);
    if (!work) return null;
    const started = Date.now();
    if (work === 'fold') {
      const fold = await foldSatisfactionChanges(this.dataSource);
      if (fold.outcome !== 'unfoldable') {
        if (fold.outcome === 'unchanged') return null;
        this.logger.log({ ...fold, ms: Date.now() - started }, fold.outcome === 'folded' ? 'satisfaction changes folded into the summaries' : 'satisfaction fold raced another');
        return fold.outcome;
      }
      // A change that cannot be folded committed after the check: write them.
    }
    const written = await writeSatisfactionSummaries(this.dataSource);
    this.logger.log({ written, ms: Date.now() - started }, written ? 'satisfaction summaries written' : 'satisfaction summaries raced another writing');
    return written ? 'written' : 'raced';
  }
}
