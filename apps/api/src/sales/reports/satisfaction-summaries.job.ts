import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../platform/config/app-config';
import { JobsService } from '../../platform/jobs/jobs.service';
import { satisfactionSummariesDue, writeSatisfactionSummaries } from './satisfaction-summaries';

export const SATISFACTION_SUMMARIES_JOB = 'sales.satisfaction-summaries';

/**
 * Keeps the satisfaction summaries (satisfaction-summaries.ts) worth reading: on its schedule it checks whether they
 * are due (never written, or enough customers changed since that corrections would grow costly) and only then writes
 * them — minutes of work at a million customers, so not on every tick. The report is exact either way.
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
      // About 7 minutes at a million customers; a tick that finds one still running waits (singleton) and finds it not due.
      expireInMinutes: 60,
      handle: async () => {
        await this.refresh();
      },
    });
  }

  /** Writes the summaries when due; answers whether it wrote them. */
  async refresh(): Promise<boolean> {
    if (!(await satisfactionSummariesDue(this.dataSource))) return false;
    const started = Date.now();
    const written = await writeSatisfactionSummaries(this.dataSource);
    this.logger.log({ written, ms: Date.now() - started }, written ? 'satisfaction summaries written' : 'satisfaction summaries raced another writing');
    return written;
  }
}
