import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import PgBoss from 'pg-boss';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { DATABASE_URL } from './jobs.tokens';

/** What a module tells the jobs platform about one kind of job. */
export interface JobDefinition<T extends object> {
  /** The queue's name, `<module>.<what>` (e.g. `analytics.metrics`). */
  name: string;
  /** Does the work; a thrown error fails the job (retried up to `retryLimit` times, then kept as failed). */
  handle(data: T, job: { id: string }): Promise<void>;
  /** A 5-field cron expression in `JOBS_TIME_ZONE`: a job with `cronData` is sent once per slot, whatever the replicas. */
  cron?: string;
  cronData?: T;
  /**
   * pg-boss's queue policy: `singleton` runs at most one job of the queue at a time across all replicas (the others
   * wait), `standard` any number.
   */
  policy?: 'standard' | 'singleton';
  /** A job still active after this long counts as crashed and is retried (default 30). */
  expireInMinutes?: number;
  retryLimit?: number;
}

/**
 * The background jobs of every module on pg-boss: a durable queue in the application's own PostgreSQL (schema
 * `pgboss`), so replicas share the work through its row locks (`for update skip locked`) and its cron schedules fire
 * once per slot wherever they are declared. Modules `register` their jobs while the application initialises
 * (onModuleInit); the queue starts when the application has bootstrapped and stops, letting running jobs finish, on
 * shutdown. With `JOBS_ENABLED=false` (the tests' default) nothing starts: sent jobs are refused (`send` answers
 * null) and callers keep their own record of work to do.
 */
@Injectable()
export class JobsService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Jobs');
  private readonly definitions = new Map<string, JobDefinition<object>>();
  private boss: PgBoss | undefined;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(DATABASE_URL) private readonly databaseUrl: string,
  ) {}

  get enabled(): boolean {
    return this.config.jobs.enabled;
  }

  /** Declares a job; call it from onModuleInit, before the queue starts. */
  register<T extends object>(definition: JobDefinition<T>): void {
    if (this.boss) throw new Error(`Job ${definition.name} registered after the queue started`);
    if (this.definitions.has(definition.name)) throw new Error(`Job ${definition.name} registered twice`);
    this.definitions.set(definition.name, definition as unknown as JobDefinition<object>);
  }

  /** Queues a job; answers its id, or null when jobs are disabled in this process. */
  async send<T extends object>(name: string, data: T, options: { singletonKey?: string } = {}): Promise<string | null> {
    if (!this.definitions.has(name)) throw new Error(`No job ${name} is registered`);
    if (!this.boss) return null;
    return this.boss.send(name, data, options);
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.jobs.enabled) return;
    const boss = new PgBoss({ connectionString: this.databaseUrl, application_name: 'lianxi-jobs', max: 4, schema: 'pgboss' });
    boss.on('error', (error) => this.logger.error({ err: error }, 'job queue error'));
    // pg-boss installs or upgrades its schema under an advisory lock, so replicas may start together.
    await boss.start();
    for (const definition of this.definitions.values()) {
      await boss.createQueue(definition.name, {
        name: definition.name,
        policy: definition.policy ?? 'standard',
        expireInSeconds: (definition.expireInMinutes ?? 30) * 60,
        retryLimit: definition.retryLimit ?? 2,
        retryDelay: 60,
      });
      await boss.work<object>(definition.name, { pollingIntervalSeconds: 1 }, async (jobs) => {
        for (const job of jobs) await definition.handle(job.data, { id: job.id });
      });
      if (definition.cron) await boss.schedule(definition.name, definition.cron, definition.cronData ?? {}, { tz: this.config.jobs.timeZone });
      else await boss.unschedule(definition.name);
    }
    this.boss = boss;
  }

  async onApplicationShutdown(): Promise<void> {
    const boss = this.boss;
    this.boss = undefined;
    // Graceful: no new jobs are fetched, running ones may finish (up to 20 s), then the pool closes.
    await boss?.stop({ graceful: true, wait: true, timeout: 20_000 });
  }
}
