import { ApiProperty } from '@nestjs/swagger';

/** The orders of one currency that have no exchange rate on their day. */
export class MissingRateDto {
  /** ISO 4217, never the base currency. @example USD */
  currency!: string;
  /** Orders (cancelled ones excepted) dated before the currency's first rate, or of a currency with none. */
  @ApiProperty({ type: 'integer', example: 12 })
  orders!: number;
  /** The customers (accounts) of those orders. */
  @ApiProperty({ type: 'integer', example: 3 })
  customers!: number;
  /** The day of the earliest of them. */
  @ApiProperty({ type: 'string', format: 'date', example: '2010-05-15' })
  firstOrderDay!: string;
  /** The day of the latest of them: a rate valid from `firstOrderDay` covers them all. */
  @ApiProperty({ type: 'string', format: 'date', example: '2017-12-20' })
  lastOrderDay!: string;
  /** The currency's earliest rate (null when it has none at all). */
  @ApiProperty({ type: 'string', format: 'date', nullable: true, example: '2018-01-01' })
  firstRateFrom!: string | null;
}

/**
 * The orders you may read that the customer metrics count without revenue because no exchange rate covers their day,
 * per currency. Counts and days only: no amount is read.
 */
export class MissingRatesDto {
  /** The currency every rate converts into; its own orders need none. @example CNY */
  baseCurrency!: string;
  /** Orders dated up to this day are counted (the metrics' as-of day: today, UTC). */
  @ApiProperty({ type: 'string', format: 'date', example: '2026-12-03' })
  asOf!: string;
  /** Σ of `orders` over the currencies. */
  @ApiProperty({ type: 'integer', example: 12 })
  orders!: number;
  /** By currency code; empty when every order has its rate. */
  currencies!: MissingRateDto[];
}
