import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { AccessAction, AccessLevel, ObjectType } from '../../access/access.types';
import { AccessService } from '../../access/access.service';
import type { Principal } from '../../identity/auth/principal';
import { RoleKey } from '../../identity/roles/role-key';
import { APP_CONFIG, type AppConfig } from '../../platform/config/app-config';
import { AppError } from '../../platform/http/app-error';
import { ErrorCode } from '../../platform/http/error-code';
import { JobsService } from '../../platform/jobs/jobs.service';
import { AnalyticsRunDto, AnalyticsRunStatus, AnalyticsRunTrigger } from './metrics.dto';
import { MetricsRecompute } from './metrics-recompute';

/** The queue of the customer-metrics recompute. */
export const METRICS_JOB = 'analytics.customer-metrics';

interface MetricsJobData {
  /** The run asked for (on demand); absent for the nightly schedule, which makes its own run. */
  runId?: string;
}

interface RunRow {
  id: string;
  trigger: AnalyticsRunTrigger;
  status: AnalyticsRunStatus;
  requested_by: string | null;
  queued_at: Date;
  started_at: Date | null;
  finished_at: Date | null;
  as_of: string | null;
  customers: number | null;
  batches: number | null;
  error: string | null;
}

const RUN_COLUMNS = `id, trigger, status, requested_by, queued_at, started_at, finished_at, to_char(as_of, 'YYYY-MM-DD') as as_of, customers, batches, error`;

/**
 * Customer-metrics runs: asked for on demand (one open run at a time: asking again answers the open one) or by the
 * nightly schedule, executed by the job queue (one at a time across replicas) and recorded in `analytics_runs`.
 */
@Injectable()
export class MetricsRunsService implements OnModuleInit, OnApplicationBootstrap {
  private readonly logger = new Logger('Metrics');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly jobs: JobsService,
    private readonly access: AccessService,
    private readonly recompute: MetricsRecompute,
  ) {}

  onModuleInit(): void {
    this.jobs.register<MetricsJobData>({
      name: METRICS_JOB,
      policy: 'singleton',
      cron: this.config.jobs.nightlyMetricsCron,
      cronData: {},
      expireInMinutes: 30,
      handle: (data) => this.execute(data.runId ? { runId: data.runId } : { trigger: AnalyticsRunTrigger.Nightly }),
    });
  }

  /**
   * A run asked for while no replica ran jobs is still queued: send it now that this one does. And a database with
   * customers but no metrics yet (a fresh demo: its data is loaded before the application starts) gets a run queued
   * at once instead of waiting for the night (trigger `startup`, no requester; at most one, the open-run index).
   */
  async onApplicationBootstrap(): Promise<void> {
    if (!this.jobs.enabled) return;
    await this.dataSource.query(
      `insert into analytics_runs (id, kind, trigger, status)
       select $1, 'customer_metrics', 'startup', 'queued'
        where not exists (select 1 from customer_metrics) and exists (select 1 from accounts where deleted_at is null)
       on conflict (kind) where status in ('queued', 'running') do nothing`,
      [uuidv7()],
    );
    const queued: Array<{ id: string }> = await this.dataSource.query(`select id from analytics_runs where kind = 'customer_metrics' and status = 'queued'`);
    for (const run of queued) await this.jobs.send<MetricsJobData>(METRICS_JOB, { runId: run.id }, { singletonKey: run.id });
  }

  /**
   * Asks for a recompute (analytics `update`): answers the new run, or the run already queued or running (no second
   * one), and whether it is new.
   */
  async request(principal: Principal): Promise<{ run: AnalyticsRunDto; created: boolean }> {
    await this.assertMay(principal, AccessAction.Update);
    const id = uuidv7();
    const inserted: RunRow[] = await this.dataSource.query(
      `insert into analytics_runs (id, kind, trigger, status, requested_by) values ($1, 'customer_metrics', 'manual', 'queued', $2)
       on conflict (kind) where status in ('queued', 'running') do nothing returning ${RUN_COLUMNS}`,
      [id, principal.userId],
    );
    if (inserted[0]) {
      await this.jobs.send<MetricsJobData>(METRICS_JOB, { runId: id }, { singletonKey: id });
      return { run: toRunDto(inserted[0]), created: true };
    }
    const [open]: RunRow[] = await this.dataSource.query(
      `select ${RUN_COLUMNS} from analytics_runs where kind = 'customer_metrics' and status in ('queued', 'running')`,
    );
    // The open run finished between the two statements: ask again (it will insert).
    if (!open) return this.request(principal);
    return { run: toRunDto(open), created: false };
  }

  /** One run (analytics `read` or `update`); 404 for an unknown id. */
  async get(principal: Principal, id: string): Promise<AnalyticsRunDto> {
    await this.assertMayWatch(principal);
    const [row]: RunRow[] = await this.dataSource.query(`select ${RUN_COLUMNS} from analytics_runs where id = $1`, [id]);
    if (!row) throw AppError.notFound('Analytics run');
    return toRunDto(row);
  }

  /** The latest run asked for; 404 before the first. */
  async latest(principal: Principal): Promise<AnalyticsRunDto> {
    await this.assertMayWatch(principal);
    const [row]: RunRow[] = await this.dataSource.query(
      `select ${RUN_COLUMNS} from analytics_runs where kind = 'customer_metrics' order by queued_at desc, id desc limit 1`,
    );
    if (!row) throw AppError.notFound('Analytics run');
    return toRunDto(row);
  }

  /**
   * The job: claims its run (the one asked for, or a new nightly one unless a run is already open), recomputes and
   * records the outcome. A retried job (its replica died) takes its `running` run over: the queue runs one at a time.
   * Exported for the queue only; it is not an access path (no caller, no scope: it writes every customer's metrics).
   */
  async execute(target: { runId: string } | { trigger: AnalyticsRunTrigger.Nightly }): Promise<void> {
    const claimed: Array<{ id: string; as_of: string }> =
      'runId' in target
        ? await this.dataSource.query(
          // As a select: TypeORM answers a bare UPDATE … RETURNING as [rows, count].
          `with claimed as (
             update analytics_runs set status = 'running', started_at = now(), as_of = current_date, error = null
              where id = $1 and status in ('queued', 'running') returning id, as_of)
           select id, to_char(as_of, 'YYYY-MM-DD') as as_of from claimed`,
          [target.runId],
        )
        : await this.dataSource.query(
          `insert into analytics_runs (id, kind, trigger, status, started_at, as_of) values ($1, 'customer_metrics', 'nightly', 'running', now(), current_date)
           on conflict (kind) where status in ('queued', 'running') do nothing returning id, to_char(as_of, 'YYYY-MM-DD') as as_of`,
          [uuidv7()],
        );
    const run = claimed[0];
    if (!run) return;
    const started = Date.now();
    try {
      // Incremental: only accounts whose orders changed get their facts rebuilt; every account is rescored.
      const result = await this.recompute.run(run.as_of, new Date(started), { mode: 'incremental' });
      await this.dataSource.query(
        `update analytics_runs set status = 'succeeded', finished_at = now(), customers = $2, batches = $3, mode = $4, facts_refreshed = $5 where id = $1`,
        [run.id, result.customers, result.batches, result.mode, result.factsRefreshed],
      );
      this.logger.log({ runId: run.id, ...result, ms: Date.now() - started }, 'customer metrics recomputed');
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      await this.dataSource.query(`update analytics_runs set status = 'failed', finished_at = now(), error = $2 where id = $1`, [run.id, message.slice(0, 1000)]);
      this.logger.error({ err: error, runId: run.id }, 'customer metrics recompute failed');
    }
  }

  /**
   * Starting a run: business users by the `update` right on `analytics` (the engine); the system administrator as the
   * one who runs the jobs (R-SEC-6 gives them no business rights, and a run changes no business record).
   */
  private async assertMay(principal: Principal, action: AccessAction.Update): Promise<void> {
    if (principal.roles.includes(RoleKey.SystemAdmin)) return;
    const access = await this.access.forObject(principal, ObjectType.Analytics);
    if (access.level(action) === AccessLevel.None) throw new AppError(ErrorCode.Forbidden, 'You may not start analytics runs');
  }

  /** Who may read the analytics or start a run may watch the runs (they tell counts and timings, no business data). */
  private async assertMayWatch(principal: Principal): Promise<void> {
    if (principal.roles.includes(RoleKey.SystemAdmin)) return;
    const access = await this.access.forObject(principal, ObjectType.Analytics);
    if (access.level(AccessAction.Read) === AccessLevel.None && access.level(AccessAction.Update) === AccessLevel.None) {
      throw new AppError(ErrorCode.Forbidden, 'You may not read analytics runs');
    }
  }
}

function toRunDto(row: RunRow): AnalyticsRunDto {
  return {
    id: row.id,
    kind: 'customer_metrics',
    trigger: row.trigger,
    status: row.status,
    requestedBy: row.requested_by,
    queuedAt: row.queued_at.toISOString(),
    startedAt: row.started_at?.toISOString() ?? null,
    finishedAt: row.finished_at?.toISOString() ?? null,
    asOf: row.as_of,
    customers: row.customers,
    batches: row.batches,
    error: row.error,
  };
}
