import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEnum, IsIn, IsISO8601, IsString, Matches } from 'class-validator';
import { Optional } from '../../platform/http/validation';
import { SalesReportPeriod } from './report.dto';

export const DATE = /^\d{4}-\d{2}-\d{2}$/;
const CURRENCY = /^[A-Z]{3}$/;
const KNOWN_CURRENCIES: readonly string[] = Intl.supportedValuesOf('currency');

/** What a "service item" is in a manufacturer's catalogue (R-ANA-3's 服务项目). */
export enum SatisfactionItemBy {
  /** The category the product is filed under. */
  Category = 'category',
  /** The product itself. */
  Product = 'product',
}

/** What the satisfaction report adds on request to its counts. */
export enum SatisfactionInclude {
  /** Revenue per service item (`lines.lineTotal`, `lines.quantity`: the quality inspector may not read them → 403). */
  Revenue = 'revenue',
}

/** The report's window, shared by the report and the customers behind its figures. */
export class SatisfactionWindowDto {
  /** A day in the first period; the period it falls in is reported whole. */
  @ApiProperty({ type: 'string', format: 'date', example: '2026-01-01' })
  @IsString()
  @Matches(DATE, { message: '$property must be a date YYYY-MM-DD' })
  @IsISO8601({ strict: true }, { message: '$property must be a real calendar date YYYY-MM-DD' })
  from!: string;

  /** A day in the last period (reported whole); not before `from`. At most 120 periods. */
  @ApiProperty({ type: 'string', format: 'date', example: '2026-12-31' })
  @IsString()
  @Matches(DATE, { message: '$property must be a date YYYY-MM-DD' })
  @IsISO8601({ strict: true }, { message: '$property must be a real calendar date YYYY-MM-DD' })
  to!: string;

  /** Calendar month, quarter or year; default `month`. */
  @Optional()
  @IsEnum(SalesReportPeriod)
  period?: SalesReportPeriod;
}

export class SatisfactionQueryDto extends SatisfactionWindowDto {
  /** A service item is a product category (default) or a product. */
  @Optional()
  @IsEnum(SatisfactionItemBy)
  itemBy?: SatisfactionItemBy;

  /** `revenue`: add the revenue figures (403 naming `lines.lineTotal` / `lines.quantity` if you may not read them). */
  @Optional()
  @IsEnum(SatisfactionInclude)
  include?: SatisfactionInclude;

  /** The revenue figures' currency (amounts are never added across currencies); default CNY. Counts ignore it. */
  @ApiPropertyOptional({ type: 'string', pattern: CURRENCY.source, example: 'CNY' })
  @Optional()
  @IsString()
  @Matches(CURRENCY, { message: '$property must be an ISO 4217 code such as CNY' })
  @IsIn(KNOWN_CURRENCIES, { message: '$property must be a known ISO 4217 currency code' })
  currency?: string;
}

/**
 * One period's satisfaction and activity figures. Ratios are decimal strings with 4 decimals, money with 2; every
 * `…Growth` is (this period − the previous) / |previous| as a 4-decimal ratio (`0.2500` = +25 %), null when the
 * previous figure is 0 or unknown.
 */
export class SatisfactionPeriodDto {
  /** `2026-03`, `2026-Q1` or `2026`. */
  key!: string;
  @ApiProperty({ type: 'string', format: 'date' })
  start!: string;
  @ApiProperty({ type: 'string', format: 'date' })
  end!: string;
  /** Customers (accounts) with an order before the period's first day. */
  existingCustomers!: number;
  /** Leads with source `referral` created in the period (UTC days); null if you may not read leads or their source. */
  @ApiProperty({ type: 'integer', nullable: true })
  referralLeads!: number | null;
  /** referralLeads / existingCustomers; null without existing customers or without the lead figures. */
  @ApiProperty({ type: 'string', nullable: true, example: '0.0250' })
  referralsPerCustomer!: string | null;
  @ApiProperty({ type: 'string', nullable: true })
  referralsPerCustomerGrowth!: string | null;
  /** Customers with an order in the period. */
  activeCustomers!: number;
  /** Purchase occasions: distinct (customer, order day) pairs in the period. */
  purchaseOccasions!: number;
  /** Service frequency: purchaseOccasions / activeCustomers; null without active customers. */
  @ApiProperty({ type: 'string', nullable: true, example: '1.5000' })
  serviceFrequency!: string | null;
  @ApiProperty({ type: 'string', nullable: true })
  serviceFrequencyGrowth!: string | null;
  /** Customers with an order in the previous period and none in this one. */
  churnedCustomers!: number;
  @ApiProperty({ type: 'string', nullable: true })
  churnedCustomersGrowth!: string | null;
  /** churnedCustomers / the previous period's activeCustomers; null when it had none. */
  @ApiProperty({ type: 'string', nullable: true, example: '0.1000' })
  churnRate!: string | null;
  /** New customers: their first order ever (that you may see) is in the period. */
  attractedCustomers!: number;
  @ApiProperty({ type: 'string', nullable: true })
  attractedCustomersGrowth!: string | null;
  /** With `include=revenue`: Σ net line totals of lines with a product, in `currency`; null otherwise. */
  @ApiProperty({ type: 'string', nullable: true, example: '12500.00' })
  itemRevenue!: string | null;
  /** With `include=revenue`: service items (categories or products) with a sale in the period; null otherwise. */
  @ApiProperty({ type: 'integer', nullable: true })
  itemsSold!: number | null;
  /** With `include=revenue`: itemRevenue / itemsSold (2 decimals); null otherwise or when nothing was sold. */
  @ApiProperty({ type: 'string', nullable: true, example: '4166.67' })
  averageRevenuePerItem!: string | null;
  @ApiProperty({ type: 'string', nullable: true })
  averageRevenuePerItemGrowth!: string | null;
}

/** One service item over the whole window (its periods taken whole). */
export class SatisfactionItemDto {
  /** The category or product id. */
  @ApiProperty({ type: 'string', format: 'uuid' })
  key!: string;
  /** The category name, or `code name` of the product (Chinese). */
  label!: string;
  labelEn!: string;
  /** Customers whose first purchase day ever fell in the window and included the item. */
  attractedCustomers!: number;
  /** With `include=revenue`: Σ net line totals of the item in `currency`; null otherwise. */
  @ApiProperty({ type: 'string', nullable: true, example: '12500.00' })
  revenue!: string | null;
  /** With `include=revenue`: Σ quantities (3 decimals); null otherwise. */
  @ApiProperty({ type: 'string', nullable: true, example: '25.000' })
  quantity!: string | null;
  /** With `include=revenue`: customers who bought it in the window; null otherwise. */
  @ApiProperty({ type: 'integer', nullable: true })
  customers!: number | null;
  /** With `include=revenue`: revenue / quantity (2 decimals); null otherwise or for a quantity of 0. */
  @ApiProperty({ type: 'string', nullable: true, example: '500.00' })
  averageRevenuePerUnit!: string | null;
  /** With `include=revenue`: revenue / customers (2 decimals); null otherwise. */
  @ApiProperty({ type: 'string', nullable: true, example: '6250.00' })
  averageRevenuePerCustomer!: string | null;
}

export class SatisfactionReportDto {
  @ApiProperty({ enum: SalesReportPeriod, enumName: 'SalesReportPeriod' })
  period!: SalesReportPeriod;
  @ApiProperty({ enum: SatisfactionItemBy, enumName: 'SatisfactionItemBy' })
  itemBy!: SatisfactionItemBy;
  /** Whether the revenue figures are filled (`include=revenue`). */
  withRevenue!: boolean;
  /** Whether the referral figures are filled (you may read leads and their source). */
  withReferrals!: boolean;
  /** @example CNY */
  currency!: string;
  /** The first day of the first period. */
  @ApiProperty({ type: 'string', format: 'date' })
  from!: string;
  /** The last day of the last period. */
  @ApiProperty({ type: 'string', format: 'date' })
  to!: string;
  periods!: SatisfactionPeriodDto[];
  /** Items attracting a customer or (with revenue) sold in the window, by attracted customers then revenue. */
  items!: SatisfactionItemDto[];
}
