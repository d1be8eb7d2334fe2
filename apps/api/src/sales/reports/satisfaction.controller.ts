import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal } from '../../identity/auth/current-principal.decorator';
import type { Principal } from '../../identity/auth/principal';
import { Endpoint } from '../../platform/http/endpoint.decorator';
import { SatisfactionQueryDto, SatisfactionReportDto } from './satisfaction.dto';
import { SatisfactionService } from './satisfaction.service';

/** Satisfaction and activity metrics (R-ANA-3) over the orders and leads you may read. */
@ApiTags('reports')
@Controller('reports')
export class SatisfactionController {
  constructor(private readonly satisfaction: SatisfactionService) {}

  /**
   * Per calendar period of the window (taken whole): existing customers and referral leads per existing customer,
   * service frequency (purchase days per active customer), churned customers, customers attracted and (with
   * `include=revenue`) average revenue per service item, each with its growth over the previous period; and per
   * service item (product category or product) the customers it attracted and its revenue. 403 if you may not read
   * orders, or naming each order field the figures read that you may not (revenue: `lines.lineTotal`).
   */
  @Get('satisfaction')
  @Endpoint({ summary: 'Satisfaction and activity metrics over the orders you may see', errors: [400, 403] })
  getSatisfactionReport(@CurrentPrincipal() principal: Principal, @Query() query: SatisfactionQueryDto): Promise<SatisfactionReportDto> {
    return this.satisfaction.report(principal, query);
  }
}
