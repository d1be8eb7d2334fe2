import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEnum, IsIn, IsISO8601, IsString, Matches } from 'class-validator';
import { Optional } from '../../platform/http/validation';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const CURRENCY = /^[A-Z]{3}$/;
/** Every ISO 4217 code this runtime knows: a well-formed but made-up code (`XYZ`) is refused rather than answering zeros. */
const KNOWN_CURRENCIES: readonly string[] = Intl.supportedValuesOf('currency');

/** What a sales report groups its orders by. */
export enum SalesReportGroupBy {
  /** The order's owner (the rep). */
  Owner = 'owner',
  /** The order's team. */
  Team = 'team',
  /** The region of the order's account. */
  Region = 'region',
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

export class SalesReportQueryDto extends ReportWindowQueryDto {
  /** Default `owner`. */
  @Optional()
  @IsEnum(SalesReportGroupBy)
  groupBy?: SalesReportGroupBy;

  /** For `groupBy=period`: default `month`. */
  @Optional()
  @IsEnum(SalesReportPeriod)
  period?: SalesReportPeriod;
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
}

export class SalesReportDto {
  @ApiProperty({ enum: SalesReportGroupBy, enumName: 'SalesReportGroupBy' })
  groupBy!: SalesReportGroupBy;
  @ApiProperty({ enum: SalesReportPeriod, enumName: 'SalesReportPeriod' })
  period!: SalesReportPeriod;
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
