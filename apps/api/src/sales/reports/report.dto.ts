import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEnum, IsIn, IsISO8601, IsString, IsUUID, Matches } from 'class-validator';
import { Optional } from '../../platform/http/validation';
// A well-formed but made-up code (`XYZ`) is refused rather than answering zeros.
import { KNOWN_CURRENCIES } from '../products/catalogue';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const CURRENCY = /^[A-Z]{3}$/;

/** What a sales report groups its orders by. */
export enum SalesReportGroupBy {
  /** The order's owner (the rep). */
  Owner = 'owner',
  /** The order's team. */
  Team = 'team',
  /** The region of the order's account. */
  Region = 'region',
  /** The order's account (the customer). */
  Account = 'account',
  /** The product of each order line: quantities and net line amounts. */
  Product = 'product',
  /** The order date's month, quarter or year (`period`). */
  Period = 'period',
}

export enum SalesReportPeriod {
  Month = 'month',
  Quarter = 'quarter',
  Year = 'year',
}

/** The date window and currency both reports share. */
export class ReportWindowQueryDto {
  /** First order date (sales) or payment date (commission) included; default: no lower bound. */
  @ApiPropertyOptional({ type: 'string', format: 'date', example: '2026-01-01' })
  @Optional()
  @IsString()
  @Matches(DATE, { message: '$property must be a date YYYY-MM-DD' })
  @IsISO8601({ strict: true }, { message: '$property must be a real calendar date YYYY-MM-DD' })
  from?: string;

  /** Last date included; default: no upper bound. Must not be before `from`. */
  @ApiPropertyOptional({ type: 'string', format: 'date', example: '2026-12-31' })
  @Optional()
  @IsString()
  @Matches(DATE, { message: '$property must be a date YYYY-MM-DD' })
  @IsISO8601({ strict: true }, { message: '$property must be a real calendar date YYYY-MM-DD' })
  to?: string;

  /** Only orders in this currency (amounts are never added across currencies); default CNY. A code that is not ISO 4217 (`XYZ`) is 400. */
  @ApiPropertyOptional({ type: 'string', pattern: CURRENCY.source, example: 'CNY' })
  @Optional()
  @IsString()
  @Matches(CURRENCY, { message: '$property must be an ISO 4217 code such as CNY' })
  @IsIn(KNOWN_CURRENCIES, { message: '$property must be a known ISO 4217 currency code' })
  currency?: string;
}

/** What a sales report adds on request to its revenue figures. */
export enum SalesReportInclude {
  /** Cost, profit and margin from the lines' cost of their day (`lines.unitCost`, which most roles may not read). */
  Profit = 'profit',
}

export class SalesReportQueryDto extends ReportWindowQueryDto {
  /** Default `owner`. */
  @Optional()
  @IsEnum(SalesReportGroupBy)
  groupBy?: SalesReportGroupBy;

  /** For `groupBy=period`: default `month`. */
  @Optional()
  @IsEnum(SalesReportPeriod)
  period?: SalesReportPeriod;

  /** `profit`: add cost, profit and margin to every row (403 naming `lines.unitCost` if you may not read it). */
  @Optional()
  @IsEnum(SalesReportInclude)
  include?: SalesReportInclude;
}

/** One group of a sales report (or the totals). Money: decimal strings in the report's currency, summed in PostgreSQL numeric. */
export class SalesReportRowDto {
  /**
   * The group: a user id (owner), a team id (team), the account's region, a product id, or `2026-03` / `2026-Q1` /
   * `2026` (period); null for orders without one (no team, no region, a line without a product) and for the totals.
   */
  @ApiProperty({ type: 'string', nullable: true })
  key!: string | null;
  /** The owner's or team's name, `code name` of the product, the region or the period (Chinese names). */
  @ApiProperty({ type: 'string', nullable: true })
  label!: string | null;
  /** As `label`, English names. */
  @ApiProperty({ type: 'string', nullable: true })
  labelEn!: string | null;
  /** Orders in the group (by product: orders with a line of it; the totals count each order once). */
  orderCount!: number;
  /** By product only: Σ line quantities (3 decimals); null otherwise. */
  @ApiProperty({ type: 'string', nullable: true, example: '12.000' })
  quantity!: string | null;
  /** Σ order subtotals (net of tax); by product Σ net line totals. */
  @ApiProperty({ type: 'string', example: '2346000.00' })
  bookedNet!: string;
  /** Σ order totals (with tax); null by product (tax is per order, not per line). */
  @ApiProperty({ type: 'string', nullable: true, example: '2650980.00' })
  bookedGross!: string | null;
  /** Σ paid to date on these orders, whenever received; null by product (payments are per order). */
  @ApiProperty({ type: 'string', nullable: true, example: '1000000.00' })
  paid!: string | null;
  /** bookedGross − paid; null by product. */
  @ApiProperty({ type: 'string', nullable: true, example: '1650980.00' })
  outstanding!: string | null;
  /**
   * With `include=profit`: Σ quantity × the line's cost of its day, over the lines whose cost is known; null
   * otherwise.
   */
  @ApiProperty({ type: 'string', nullable: true, example: '1500000.00' })
  cost!: string | null;
  /** With `include=profit`: Σ net line totals of the lines whose cost is known (what `profit` is measured on). */
  @ApiProperty({ type: 'string', nullable: true, example: '2300000.00' })
  costedRevenue!: string | null;
  /** With `include=profit`: costedRevenue − cost. Lines without a known cost add nothing to it, never a cost of 0. */
  @ApiProperty({ type: 'string', nullable: true, example: '800000.00' })
  profit!: string | null;
  /** With `include=profit`: profit / costedRevenue × 100, 2 decimals; null without costed revenue. */
  @ApiProperty({ type: 'string', nullable: true, example: '34.78' })
  marginPercent!: string | null;
  /** With `include=profit`: Σ net line totals whose cost is unknown (free-text lines, products without a cost price). */
  @ApiProperty({ type: 'string', nullable: true, example: '46000.00' })
  uncostedRevenue!: string | null;
  /** With `include=profit`: how many lines have no known cost. */
  @ApiProperty({ type: 'integer', nullable: true, example: 1 })
  uncostedLineCount!: number | null;
  /**
   * By period only: (bookedNet − the previous period's) / the previous period's, as a ratio with 4 decimals
   * (`0.2500` = +25 %); null when the previous period booked nothing (or for other groupings and the totals). The
   * previous period is looked up before `from` too.
   */
  @ApiProperty({ type: 'string', nullable: true, example: '0.2500' })
  growthRate!: string | null;
  /** By month or quarter: as `growthRate`, against the same period a year earlier; null otherwise. */
  @ApiProperty({ type: 'string', nullable: true, example: '-0.1000' })
  yearOverYearGrowthRate!: string | null;
}

export class SalesReportDto {
  @ApiProperty({ enum: SalesReportGroupBy, enumName: 'SalesReportGroupBy' })
  groupBy!: SalesReportGroupBy;
  @ApiProperty({ enum: SalesReportPeriod, enumName: 'SalesReportPeriod' })
  period!: SalesReportPeriod;
  /** Whether the rows carry cost, profit and margin (`include=profit`). */
  withProfit!: boolean;
  /** @example CNY */
  currency!: string;
  @ApiProperty({ type: 'string', format: 'date', nullable: true })
  from!: string | null;
  @ApiProperty({ type: 'string', format: 'date', nullable: true })
  to!: string | null;
  rows!: SalesReportRowDto[];
  /** Over every order of the report, each counted once. */
  totals!: SalesReportRowDto;
}

/** One rep's commission basis (or the totals): cash received in the window on the orders they own. */
export class CommissionRowDto {
  /** The order owner; null for the totals. */
  @ApiProperty({ type: 'string', format: 'uuid', nullable: true })
  ownerId!: string | null;
  @ApiProperty({ type: 'string', nullable: true })
  name!: string | null;
  @ApiProperty({ type: 'string', nullable: true })
  nameEn!: string | null;
  /** Payments received in the window on their orders. */
  paymentCount!: number;
  /** The commission basis: Σ payments (with tax, as paid) dated in the window on orders they own, whenever ordered. */
  @ApiProperty({ type: 'string', example: '1000000.00' })
  commissionBasis!: string;
  /** For reference: their orders dated in the window (cancelled excluded). */
  bookedOrderCount!: number;
  /** Σ subtotals (net of tax) of those orders. */
  @ApiProperty({ type: 'string', example: '2346000.00' })
  bookedNet!: string;
  /** Σ totals (with tax) of those orders. */
  @ApiProperty({ type: 'string', example: '2650980.00' })
  bookedGross!: string;
}

export class CommissionReportDto {
  /** @example CNY */
  currency!: string;
  @ApiProperty({ type: 'string', format: 'date', nullable: true })
  from!: string | null;
  @ApiProperty({ type: 'string', format: 'date', nullable: true })
  to!: string | null;
  rows!: CommissionRowDto[];
  totals!: CommissionRowDto;
}

/** The pipeline funnel's filters: a cohort of opportunities by the day they were created. */
export class FunnelQueryDto {
  /** First creation day included (UTC); default: no lower bound. */
  @ApiPropertyOptional({ type: 'string', format: 'date', example: '2026-01-01' })
  @Optional()
  @IsString()
  @Matches(DATE, { message: '$property must be a date YYYY-MM-DD' })
  @IsISO8601({ strict: true }, { message: '$property must be a real calendar date YYYY-MM-DD' })
  from?: string;

  /** Last creation day included (UTC); default: no upper bound. Must not be before `from`. */
  @ApiPropertyOptional({ type: 'string', format: 'date', example: '2026-12-31' })
  @Optional()
  @IsString()
  @Matches(DATE, { message: '$property must be a date YYYY-MM-DD' })
  @IsISO8601({ strict: true }, { message: '$property must be a real calendar date YYYY-MM-DD' })
  to?: string;

  /** The pipeline whose stages make the funnel; default: the default pipeline. An unknown id is 400. */
  @Optional()
  @IsUUID()
  pipelineId?: string;

  /** Only this owner's opportunities. */
  @Optional()
  @IsUUID()
  ownerId?: string;

  /** Only opportunities of this team (not its sub-teams). */
  @Optional()
  @IsUUID()
  teamId?: string;

  /** Only opportunities in this currency (amounts are never added across currencies); default CNY. */
  @ApiPropertyOptional({ type: 'string', pattern: CURRENCY.source, example: 'CNY' })
  @Optional()
  @IsString()
  @Matches(CURRENCY, { message: '$property must be an ISO 4217 code such as CNY' })
  @IsIn(KNOWN_CURRENCIES, { message: '$property must be a known ISO 4217 currency code' })
  currency?: string;
}

/** One stage of the funnel, in pipeline order. */
export class FunnelStageDto {
  @ApiProperty({ type: 'string', format: 'uuid' })
  stageId!: string;
  name!: string;
  nameEn!: string;
  /** `open`, `won` or `lost`. */
  kind!: string;
  position!: number;
  /**
   * Opportunities that reached the stage: an open stage when their history went as far (a won opportunity passed
   * every open stage, a skipped stage counts as passed), `won` when won, `lost` when lost.
   */
  reached!: number;
  /** Σ their current amounts, decimal string. */
  @ApiProperty({ type: 'string', example: '2469135.78' })
  amount!: string;
  /**
   * Open and won stages: reached / the previous open stage's reached, ratio with 4 decimals (`0.5000`); null for the
   * first stage, the lost stage and when the previous reached none.
   */
  @ApiProperty({ type: 'string', nullable: true, example: '0.5000' })
  conversionRate!: string | null;
  /** Open stages: won / reached, ratio with 4 decimals; null for won and lost stages and when none reached it. */
  @ApiProperty({ type: 'string', nullable: true, example: '0.2000' })
  winRate!: string | null;
}

export class FunnelDto {
  @ApiProperty({ type: 'string', format: 'uuid' })
  pipelineId!: string;
  /** @example CNY */
  currency!: string;
  @ApiProperty({ type: 'string', format: 'date', nullable: true })
  from!: string | null;
  @ApiProperty({ type: 'string', format: 'date', nullable: true })
  to!: string | null;
  /** The opportunities in the cohort (those you may see). */
  total!: number;
  stages!: FunnelStageDto[];
}
