import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { IsEnum, IsIn, IsString, Matches } from 'class-validator';
import { ExportFormat, IsExportFormat } from '../../access/export-file';
import { PageQueryDto } from '../../platform/http/pagination';
import { Optional } from '../../platform/http/validation';

/** The bucket of customers the job has not scored (yet, or a score that does not apply: no orders). */
export const UNSCORED = 'unscored';

/** Lifecycle stages and behaviour classes as `@lianxi/analytics` names them (R-ANA-6, R-ANA-2). */
export const LIFECYCLE_STAGES = ['potential', 'development', 'growth', 'mature', 'decline', 'terminated'] as const;
export const BEHAVIOUR_CLASSES = ['loyal', 'stable', 'general', 'potential'] as const;
/** RFM segment names are configurable rules (`DEFAULT_RFM_SEGMENTS` by default): a filter takes any well-formed name. */
const SEGMENT_NAME = /^[a-z][a-z0-9_]{0,39}$/;

/** What customers are counted by. */
export enum CustomerDimension {
  /** RFM segment (`rfm_segment`). */
  Segment = 'segment',
  /** Lifecycle stage (`lifecycle_stage`). */
  Stage = 'stage',
  /** Purchase-behaviour class (`behaviour_class`). */
  Class = 'class',
}

/**
 * Money figures added on request (they come from order amounts): `revenue` adds revenue, expected spend and predicted
 * CLV (needs the orders' `subtotal`); `profit` adds those and cost, profit, historic CLV and the profit lost to churn
 * (also needs `lines.lineTotal` and `lines.unitCost`). Without the read right on those fields: 403 naming them.
 */
export enum CustomerMoney {
  Revenue = 'revenue',
  Profit = 'profit',
}

export class CustomerMoneyQueryDto {
  /** Money figures to add; none by default (counts only). 403 naming each order field you may not read. */
  @Optional()
  @IsEnum(CustomerMoney)
  include?: CustomerMoney;
}

export class CustomerDistributionQueryDto extends CustomerMoneyQueryDto {
  @ApiProperty({ enum: CustomerDimension, enumName: 'CustomerDimension' })
  @IsEnum(CustomerDimension)
  by!: CustomerDimension;
}

/** Sort keys of the customer list (`-` prefix: descending). */
export const CUSTOMER_SORTS = ['predictedClv', 'historicClv', 'revenue', 'loyalty'] as const;
export type CustomerSort = (typeof CUSTOMER_SORTS)[number];
const SORT_VALUES = CUSTOMER_SORTS.flatMap((key) => [key, `-${key}`]);

/** The filters and sort of the customer list (and, without the page, of its export). */
export class CustomerListQueryDto extends PageQueryDto {
  /** Money figures to add; none by default. 403 naming each order field you may not read. */
  @Optional()
  @IsEnum(CustomerMoney)
  include?: CustomerMoney;

  /** Only customers of this RFM segment; `unscored` for those without one. */
  @ApiPropertyOptional({ type: 'string', pattern: SEGMENT_NAME.source, example: 'champions' })
  @Optional()
  @IsString()
  @Matches(SEGMENT_NAME, { message: '$property must be a segment name (lower-case letters, digits, _) or unscored' })
  segment?: string;

  /** Only customers in this lifecycle stage; `unscored` for those without one. */
  @ApiPropertyOptional({ enum: [...LIFECYCLE_STAGES, UNSCORED] })
  @Optional()
  @IsIn([...LIFECYCLE_STAGES, UNSCORED])
  stage?: string;

  /** Only customers of this behaviour class; `unscored` for those without one. */
  @ApiPropertyOptional({ enum: [...BEHAVIOUR_CLASSES, UNSCORED] })
  @Optional()
  @IsIn([...BEHAVIOUR_CLASSES, UNSCORED])
  class?: string;

  /**
   * `predictedClv`, `historicClv`, `revenue` or `loyalty`, `-` for descending (default `-loyalty`); customers without
   * the figure come last in descending order. Sorting by money needs the same rights as `include` (403 otherwise).
   */
  @ApiPropertyOptional({ enum: SORT_VALUES, default: '-loyalty' })
  @Optional()
  @IsIn(SORT_VALUES)
  sort?: string;
}

export class CustomerExportQueryDto extends OmitType(CustomerListQueryDto, ['limit', 'cursor'] as const) {
  @IsExportFormat()
  format?: ExportFormat;
}

/** The metrics run the figures come from. */
export class CustomerMetricsRunDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;
  /** The day the metrics are as of. */
  @ApiProperty({ type: 'string', format: 'date', nullable: true })
  asOf!: string | null;
  /** When the run finished writing them. */
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true })
  finishedAt!: string | null;
}

export class CustomerBucketDto {
  /** Segment, stage or class; null: not scored. */
  @ApiProperty({ type: 'string', nullable: true })
  key!: string | null;
  @ApiProperty({ type: 'integer' })
  customers!: number;
  /** Σ revenue (decimal string); with `include`. */
  @ApiPropertyOptional({ type: 'string', nullable: true, example: '1234.50' })
  revenue?: string | null;
  /** Σ predicted CLV over the customers that have one; null when none has; with `include`. */
  @ApiPropertyOptional({ type: 'string', nullable: true })
  predictedClv?: string | null;
  /** Σ profit of the costed lines; with `include=profit`. */
  @ApiPropertyOptional({ type: 'string', nullable: true })
  profit?: string | null;
  /** Σ historic CLV over the customers that have one; with `include=profit`. */
  @ApiPropertyOptional({ type: 'string', nullable: true })
  historicClv?: string | null;
}

export class CustomerDistributionDto {
  @ApiProperty({ enum: CustomerDimension, enumName: 'CustomerDimension' })
  by!: CustomerDimension;
  /** The latest successful metrics run (null before the first). */
  @ApiProperty({ type: CustomerMetricsRunDto, nullable: true })
  run!: CustomerMetricsRunDto | null;
  /** Customers you may see that have metrics. */
  @ApiProperty({ type: 'integer' })
  customers!: number;
  /** Biggest first; the unscored bucket (key null) last. */
  @ApiProperty({ type: [CustomerBucketDto] })
  buckets!: CustomerBucketDto[];
  /** The currency of every money figure here: the base currency (`BASE_CURRENCY`), orders in others converted at their day's rate. @example CNY */
  currency!: string;
}

/** One customer (an account you may see) with its metrics. */
export class CustomerInsightDto {
  @ApiProperty({ format: 'uuid' })
  accountId!: string;
  /** The account's name (omitted if a field rule hides it from you, masked if it masks it). */
  @ApiPropertyOptional()
  name?: string;
  @ApiProperty({ type: 'string', format: 'uuid', nullable: true })
  ownerId!: string | null;
  @ApiProperty({ type: 'string', nullable: true })
  ownerName!: string | null;
  @ApiProperty({ type: 'string', format: 'uuid', nullable: true })
  teamId!: string | null;
  @ApiProperty({ type: 'string', nullable: true })
  teamName!: string | null;
  @ApiProperty({ type: 'string', nullable: true })
  rfmSegment!: string | null;
  @ApiProperty({ type: 'string', nullable: true })
  lifecycleStage!: string | null;
  @ApiProperty({ type: 'string', nullable: true })
  behaviourClass!: string | null;
  @ApiProperty({ type: 'integer', nullable: true })
  rfmRecency!: number | null;
  @ApiProperty({ type: 'integer', nullable: true })
  rfmFrequency!: number | null;
  @ApiProperty({ type: 'integer', nullable: true })
  rfmMonetary!: number | null;
  /** Orders not cancelled, and distinct purchase days. */
  @ApiProperty({ type: 'integer' })
  orders!: number;
  @ApiProperty({ type: 'integer' })
  purchaseDays!: number;
  @ApiProperty({ type: 'string', format: 'date', nullable: true })
  firstPurchaseOn!: string | null;
  @ApiProperty({ type: 'string', format: 'date', nullable: true })
  lastPurchaseOn!: string | null;
  /** Expected purchases in the job's horizon (BG/NBD), decimal string. */
  @ApiProperty({ type: 'string', nullable: true })
  predictedTransactions!: string | null;
  /** P(alive) (BG/NBD), decimal string between 0 and 1. */
  @ApiProperty({ type: 'string', nullable: true })
  probabilityAlive!: string | null;
  @ApiProperty({ type: 'string', nullable: true })
  loyaltyIndex!: string | null;
  /** With `include`: Σ order subtotals (net), expected spend per purchase, predicted CLV. */
  @ApiPropertyOptional({ type: 'string' })
  revenue?: string;
  @ApiPropertyOptional({ type: 'string', nullable: true })
  expectedSpend?: string | null;
  @ApiPropertyOptional({ type: 'string', nullable: true })
  predictedClv?: string | null;
  /** With `include=profit`: cost and profit of the costed lines, historic CLV. */
  @ApiPropertyOptional({ type: 'string', nullable: true })
  cost?: string | null;
  @ApiPropertyOptional({ type: 'string', nullable: true })
  profit?: string | null;
  @ApiPropertyOptional({ type: 'string', nullable: true })
  historicClv?: string | null;
}

export class CustomerInsightPageDto {
  @ApiProperty({ type: [CustomerInsightDto] })
  data!: CustomerInsightDto[];
  @ApiProperty({ type: 'string', nullable: true })
  nextCursor!: string | null;
  /** The currency of every money figure here: the base currency (`BASE_CURRENCY`), orders in others converted at their day's rate. @example CNY */
  currency!: string;
}

/** One calendar year of retention over the customers you may see. */
export class RetentionYearDto {
  @ApiProperty({ type: 'integer' })
  year!: number;
  /** Customers with an order in the year. */
  @ApiProperty({ type: 'integer' })
  active!: number;
  /** Of them, those with an order the year before too. */
  @ApiProperty({ type: 'integer' })
  retained!: number;
  /** Active the year before, no order this year. */
  @ApiProperty({ type: 'integer' })
  churned!: number;
  /** Active this year, not the year before (new or returning). */
  @ApiProperty({ type: 'integer' })
  gained!: number;
  /** retained / active the year before, 4 decimals; null for the first year or after a year without customers. */
  @ApiProperty({ type: 'string', nullable: true, example: '0.6250' })
  retentionRate!: string | null;
  /** With `include`: Σ revenue of the year's active customers. */
  @ApiPropertyOptional({ type: 'string' })
  revenue?: string;
  /** With `include=profit`: Σ profit of the year's active customers (costed lines). */
  @ApiPropertyOptional({ type: 'string' })
  profit?: string;
  /** With `include=profit`: the profit the churned customers made in the year before (one year of profit lost). */
  @ApiPropertyOptional({ type: 'string' })
  profitLostToChurn?: string;
}

export class CustomerRetentionDto {
  @ApiProperty({ type: CustomerMetricsRunDto, nullable: true })
  run!: CustomerMetricsRunDto | null;
  /** Every year from the first with a purchase to the last, gaps included; the as-of year is partial. */
  @ApiProperty({ type: [RetentionYearDto] })
  years!: RetentionYearDto[];
  /** The currency of every money figure here: the base currency (`BASE_CURRENCY`), orders in others converted at their day's rate. @example CNY */
  currency!: string;
}
