import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches } from 'class-validator';
import { PageQueryDto } from '../../platform/http/pagination';
import { Optional } from '../../platform/http/validation';
import { IsKnownCurrency } from '../products/catalogue';
import type { ExchangeRateEntity } from './exchange-rate.entity';

/** A positive decimal string with at most 12 integer digits and 10 decimals (checked > 0 by the service). */
export const RATE = /^\d{1,12}(\.\d{1,10})?$/;

export class ExchangeRateDto {
  /** ISO 4217, never the base currency. @example USD */
  currency!: string;
  /** From this day on (until the currency's next rate). @example 2026-01-01 */
  @ApiProperty({ type: 'string', format: 'date', example: '2026-01-01' })
  validFrom!: string;
  /** Units of the base currency per one unit of `currency`, a decimal string. @example 7.1234 */
  @ApiProperty({ type: 'string', pattern: RATE.source, example: '7.1234' })
  rate!: string;
  /** The base currency the rate converts into (`BASE_CURRENCY`). @example CNY */
  baseCurrency!: string;
  updatedAt!: Date;
  @ApiProperty({ type: 'string', format: 'uuid', nullable: true })
  updatedBy!: string | null;
}

export class ExchangeRatePageDto {
  data!: ExchangeRateDto[];
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor!: string | null;
  /** The base currency every rate converts into. @example CNY */
  baseCurrency!: string;
}

/** Newest first (by validFrom, then currency). */
export class ExchangeRateQueryDto extends PageQueryDto {
  /** Only this currency's rates. */
  @IsKnownCurrency(false)
  @Optional()
  currency?: string;
}

export class PutExchangeRateDto {
  /** Units of the base currency per one unit of the path's currency: a positive decimal string, at most 10 decimals. */
  @ApiProperty({ type: 'string', pattern: RATE.source, example: '7.1234' })
  @IsString()
  @Matches(RATE, { message: '$property must be a positive decimal string with at most 10 decimals, e.g. 7.1234' })
  rate!: string;
}

export function toExchangeRateDto(row: ExchangeRateEntity, baseCurrency: string): ExchangeRateDto {
  return { currency: row.currency, validFrom: row.validFrom, rate: row.rate, baseCurrency, updatedAt: row.updatedAt, updatedBy: row.updatedBy };
}
