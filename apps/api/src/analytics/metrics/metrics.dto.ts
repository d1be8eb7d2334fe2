import { ApiProperty } from '@nestjs/swagger';

export enum AnalyticsRunStatus {
  Queued = 'queued',
  Running = 'running',
  Succeeded = 'succeeded',
  Failed = 'failed',
}

export enum AnalyticsRunTrigger {
  /** The nightly schedule (`ANALYTICS_NIGHTLY_CRON`). */
  Nightly = 'nightly',
  /** Asked for through the API (`requestedBy` says by whom). */
  Manual = 'manual',
  /** Queued by the application at start-up: customers but no metrics yet (a fresh demo), nobody asked. */
  Startup = 'startup',
}

/** One recompute of the customer metrics. */
export class AnalyticsRunDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;
  /** What was computed. */
  @ApiProperty({ enum: ['customer_metrics'] })
  kind!: 'customer_metrics';
  @ApiProperty({ enum: AnalyticsRunTrigger, enumName: 'AnalyticsRunTrigger' })
  trigger!: AnalyticsRunTrigger;
  @ApiProperty({ enum: AnalyticsRunStatus, enumName: 'AnalyticsRunStatus' })
  status!: AnalyticsRunStatus;
  /** Who asked for it; null for the nightly and the start-up run. */
  @ApiProperty({ type: 'string', format: 'uuid', nullable: true })
  requestedBy!: string | null;
  @ApiProperty({ format: 'date-time' })
  queuedAt!: string;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true })
  startedAt!: string | null;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true })
  finishedAt!: string | null;
  /** The day the metrics are as of (recency and customer age count to it); set when the run starts. */
  @ApiProperty({ type: 'string', format: 'date', nullable: true })
  asOf!: string | null;
  /** Customers (live accounts) computed; set when the run succeeded. */
  @ApiProperty({ type: 'integer', nullable: true })
  customers!: number | null;
  /** Batches the customers were computed in. */
  @ApiProperty({ type: 'integer', nullable: true })
  batches!: number | null;
  /** Why the run failed. */
  @ApiProperty({ type: 'string', nullable: true })
  error!: string | null;
}
