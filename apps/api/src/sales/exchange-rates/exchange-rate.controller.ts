import { Body, Controller, Delete, Get, Param, Put, Query } from '@nestjs/common';
import { ApiParam, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal } from '../../identity/auth/current-principal.decorator';
import type { Principal } from '../../identity/auth/principal';
import { Endpoint } from '../../platform/http/endpoint.decorator';
import { ExchangeRateDto, ExchangeRatePageDto, ExchangeRateQueryDto, PutExchangeRateDto } from './exchange-rate.dto';
import { ExchangeRateService } from './exchange-rate.service';

/**
 * Dated exchange rates into the base currency (`BASE_CURRENCY`): read by every internal business role, set and
 * deleted by finance (`update` on `exchange_rate`). Rates are decimal strings, never JSON numbers.
 */
@ApiTags('exchange-rates')
@Controller('exchange-rates')
export class ExchangeRateController {
  constructor(private readonly rates: ExchangeRateService) {}

  @Get()
  @Endpoint({ summary: 'List the exchange rates', errors: [403] })
  listExchangeRates(@CurrentPrincipal() principal: Principal, @Query() query: ExchangeRateQueryDto): Promise<ExchangeRatePageDto> {
    return this.rates.list(principal, query);
  }

  /** Creates or replaces the rate from that day on; sending the same rate again changes nothing (idempotent). */
  @Put(':currency/:validFrom')
  @ApiParam({ name: 'currency', schema: { type: 'string', pattern: '^[A-Z]{3}$', example: 'USD' } })
  @ApiParam({ name: 'validFrom', type: 'string', format: 'date', example: '2026-01-01' })
  @Endpoint({ summary: 'Set an exchange rate', errors: [403] })
  putExchangeRate(@CurrentPrincipal() principal: Principal, @Param('currency') currency: string, @Param('validFrom') validFrom: string, @Body() dto: PutExchangeRateDto): Promise<ExchangeRateDto> {
    return this.rates.put(principal, currency, validFrom, dto);
  }

  @Delete(':currency/:validFrom')
  @ApiParam({ name: 'currency', schema: { type: 'string', pattern: '^[A-Z]{3}$', example: 'USD' } })
  @ApiParam({ name: 'validFrom', type: 'string', format: 'date', example: '2026-01-01' })
  @Endpoint({ summary: 'Delete an exchange rate', status: 204, errors: [403, 404] })
  deleteExchangeRate(@CurrentPrincipal() principal: Principal, @Param('currency') currency: string, @Param('validFrom') validFrom: string): Promise<void> {
    return this.rates.delete(principal, currency, validFrom);
  }
}
