import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { ExportFormat, IsExportFormat } from '../../access/export-file';
import { IsExportSelection } from '../../access/record-export';
import { ArrayMaxSize, IsArray, IsEnum, IsInt, IsISO8601, IsOptional, IsString, IsUUID, Length, Matches, Max, MaxLength, Min } from 'class-validator';
import { BusinessRecordDto, CreateBusinessRecordDto, RecordPageQueryDto, toBusinessRecordDto, UpdateBusinessRecordDto } from '../../access/business-record.dto';
import { Optional } from '../../platform/http/validation';
import { OpportunityEntity, OpportunityStageChangeEntity } from './opportunity.entity';

const AMOUNT = /^\d{1,16}(\.\d{1,2})?$/;
const CURRENCY = /^[A-Z]{3}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A calendar date `YYYY-MM-DD` that exists. */
function IsCalendarDate(): PropertyDecorator {
  return (target, key) => {
    Matches(DATE, { message: '$property must be a date YYYY-MM-DD' })(target, key);
    IsISO8601({ strict: true }, { message: '$property must be a real calendar date YYYY-MM-DD' })(target, key);
  };
}

/**
 * An opportunity as the caller may see it. Fields the caller may not read are omitted (e.g. `amount` for
 * marketing); so every business field is optional here. Money is a decimal string, never a JSON number.
 */
export class OpportunityDto extends BusinessRecordDto {
  /** @example 徐州恒达 XE370 挖掘机 x3 */
  name?: string;
  accountId?: string;
  pipelineId?: string;
  stageId?: string;
  /** Decimal string with two decimals. */
  @ApiPropertyOptional({ type: 'string', pattern: '^\\d{1,16}\\.\\d{2}$', example: '1234567.89' })
  amount?: string;
  /** ISO 4217 code. @example CNY */
  currency?: string;
  /** Win probability 0–100: the stage's default unless set. */
  probability?: number;
  @ApiPropertyOptional({ type: 'string', format: 'date', nullable: true, example: '2027-03-31' })
  expectedCloseDate?: string | null;
  competitors?: string[];
  description?: string | null;
}

export class OpportunityPageDto {
  data!: OpportunityDto[];
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor!: string | null;
  /** Every record you may see that matches, when asked with `withTotal=true`. */
  total?: number;
}

/** Sort orders of opportunity lists; `-` means descending. Close dates without a value sort first. */
export enum OpportunitySort {
  Name = 'name',
  NameDesc = '-name',
  ExpectedCloseDate = 'expectedCloseDate',
  ExpectedCloseDateDesc = '-expectedCloseDate',
  Amount = 'amount',
  AmountDesc = '-amount',
}

export enum OpportunityStatus {
  Open = 'open',
  Won = 'won',
  Lost = 'lost',
  Closed = 'closed',
}

export class OpportunityQueryDto extends RecordPageQueryDto {
  /** Default `name`. Sorting by amount across currencies compares the figures only. */
  @Optional()
  @IsEnum(OpportunitySort)
  sort?: OpportunitySort;

  /** Substring of the name. */
  @Optional()
  @IsString()
  @MaxLength(100)
  q?: string;

  @Optional()
  @IsUUID()
  pipelineId?: string;

  @Optional()
  @IsUUID()
  stageId?: string;

  /** Only opportunities in an open stage, won, lost, or either of the last two (`closed`). */
  @Optional()
  @IsEnum(OpportunityStatus)
  status?: OpportunityStatus;

  @Optional()
  @IsUUID()
  accountId?: string;

  @Optional()
  @IsUUID()
  ownerId?: string;
}

export class CreateOpportunityDto extends CreateBusinessRecordDto {
  /** @example 徐州恒达 XE370 挖掘机 x3 */
  @IsString()
  @Length(1, 200)
  name!: string;

  /** An account you can see (400 otherwise, as for one that does not exist). */
  @IsUUID()
  accountId!: string;

  /** Default: the default pipeline. */
  @Optional()
  @IsUUID()
  pipelineId?: string;

  /** A stage of the pipeline; default its first open stage. */
  @Optional()
  @IsUUID()
  stageId?: string;

  /** Decimal string, at most two decimals; default `0`. */
  @ApiPropertyOptional({ type: 'string', pattern: AMOUNT.source, example: '1234567.89' })
  @Optional()
  @IsString()
  @Matches(AMOUNT, { message: '$property must be a non-negative decimal string with at most 2 decimals, e.g. 1234567.89' })
  amount?: string;

  /** ISO 4217 code; default CNY. */
  @ApiPropertyOptional({ type: 'string', pattern: CURRENCY.source, example: 'CNY' })
  @Optional()
  @IsString()
  @Matches(CURRENCY, { message: '$property must be an ISO 4217 code such as CNY' })
  currency?: string;

  /** 0–100; default the stage's probability. */
  @Optional()
  @ApiPropertyOptional({ type: 'integer', minimum: 0, maximum: 100 })
  @IsInt()
  @Min(0)
  @Max(100)
  probability?: number;

  @ApiPropertyOptional({ type: 'string', format: 'date', example: '2027-03-31' })
  @Optional()
  @IsString()
  @IsCalendarDate()
  expectedCloseDate?: string;

  @ApiPropertyOptional({ type: [String], maxItems: 20, example: ['三一重工', 'Caterpillar'] })
  @Optional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @Length(1, 100, { each: true })
  competitors?: string[];

  @Optional()
  @IsString()
  @MaxLength(4000)
  description?: string;
}

export class UpdateOpportunityDto extends UpdateBusinessRecordDto {
  @Optional()
  @IsString()
  @Length(1, 200)
  name?: string;

  /** Another account you can see. */
  @Optional()
  @IsUUID()
  accountId?: string;

  /** Moving to another pipeline without a stageId puts it on that pipeline's first open stage. */
  @Optional()
  @IsUUID()
  pipelineId?: string;

  /** A stage change is recorded in the stage history; the probability follows the stage unless given. */
  @Optional()
  @IsUUID()
  stageId?: string;

  @ApiPropertyOptional({ type: 'string', pattern: AMOUNT.source, example: '1234567.89' })
  @Optional()
  @IsString()
  @Matches(AMOUNT, { message: '$property must be a non-negative decimal string with at most 2 decimals, e.g. 1234567.89' })
  amount?: string;

  @ApiPropertyOptional({ type: 'string', pattern: CURRENCY.source, example: 'CNY' })
  @Optional()
  @IsString()
  @Matches(CURRENCY, { message: '$property must be an ISO 4217 code such as CNY' })
  currency?: string;

  @Optional()
  @ApiPropertyOptional({ type: 'integer', minimum: 0, maximum: 100 })
  @IsInt()
  @Min(0)
  @Max(100)
  probability?: number;

  /** null clears it. */
  @ApiPropertyOptional({ type: 'string', format: 'date', nullable: true, example: '2027-03-31' })
  @IsOptional()
  @IsString()
  @IsCalendarDate()
  expectedCloseDate?: string | null;

  @ApiPropertyOptional({ type: [String], maxItems: 20 })
  @Optional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @Length(1, 100, { each: true })
  competitors?: string[];

  /** null clears it. */
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  description?: string | null;
}

export class StageChangeDto {
  id!: string;
  /** null for the stage the opportunity was created in. */
  fromStageId!: string | null;
  toStageId!: string;
  /** Who moved it (null if that user no longer exists). */
  changedBy!: string | null;
  changedAt!: Date;
}

export enum ForecastGroupBy {
  Period = 'period',
  Owner = 'owner',
  Team = 'team',
  Region = 'region',
  /** Pipeline stage, in the pipelines' stage order: the pipeline at a glance. */
  Stage = 'stage',
}

export enum ForecastPeriod {
  Month = 'month',
  Quarter = 'quarter',
}

export class ForecastQueryDto {
  /** Default `period`. `region` is the region of the opportunity's account. */
  @Optional()
  @IsEnum(ForecastGroupBy)
  groupBy?: ForecastGroupBy;

  /** Only this owner's opportunities (e.g. the caller's own, on their work desktop). */
  @Optional()
  @IsUUID()
  ownerId?: string;

  /** For `groupBy=period`: default `month`. */
  @Optional()
  @IsEnum(ForecastPeriod)
  period?: ForecastPeriod;

  /** First expected close date included. */
  @ApiPropertyOptional({ type: 'string', format: 'date', example: '2027-01-01' })
  @Optional()
  @IsString()
  @IsCalendarDate()
  from?: string;

  /** Last expected close date included. */
  @ApiPropertyOptional({ type: 'string', format: 'date', example: '2027-12-31' })
  @Optional()
  @IsString()
  @IsCalendarDate()
  to?: string;
}

export class ForecastGroupDto {
  /**
   * The group: `2027-03` or `2027-Q1` by period, a user id by owner, a team id by team, the account's region by
   * region, a stage id by stage; null for opportunities without one (no close date, no team, no region).
   */
  @ApiProperty({ type: 'string', nullable: true })
  key!: string | null;
  /** The owner's, team's or stage's name (Chinese), else null. */
  @ApiProperty({ type: 'string', nullable: true })
  label!: string | null;
  @ApiProperty({ type: 'string', nullable: true })
  labelEn!: string | null;
  /** Amounts are summed per currency: one group per key and currency. */
  currency!: string;
  count!: number;
  /** Σ amount, decimal string. */
  @ApiProperty({ type: 'string', example: '2469135.78' })
  amount!: string;
  /** Σ amount × probability / 100, rounded to 2 decimals once, at the end; decimal string. */
  @ApiProperty({ type: 'string', example: '864197.52' })
  weightedAmount!: string;
}

export class ForecastDto {
  groupBy!: ForecastGroupBy;
  period!: ForecastPeriod;
  groups!: ForecastGroupDto[];
}

export const OPPORTUNITY_FIELDS = ['name', 'accountId', 'pipelineId', 'stageId', 'amount', 'currency', 'probability', 'expectedCloseDate', 'competitors', 'description'] as const;

export function toOpportunityDto(o: OpportunityEntity): OpportunityDto {
  return toBusinessRecordDto<OpportunityDto>(o, {
    name: o.name,
    accountId: o.accountId,
    pipelineId: o.pipelineId,
    stageId: o.stageId,
    amount: o.amount,
    currency: o.currency,
    probability: o.probability,
    expectedCloseDate: o.expectedCloseDate,
    competitors: o.competitors,
    description: o.description,
  });
}

export function toStageChangeDto(c: OpportunityStageChangeEntity): StageChangeDto {
  return { id: c.id, fromStageId: c.fromStageId, toStageId: c.toStageId, changedBy: c.changedBy, changedAt: c.changedAt };
}

/** The list's filters, search and sort, for the whole result instead of a page. */
export class OpportunityExportQueryDto extends OmitType(OpportunityQueryDto, ['limit', 'cursor', 'withTotal'] as const) {
  @IsExportSelection()
  ids?: string[];

  @IsExportFormat()
  format?: ExportFormat;
}
