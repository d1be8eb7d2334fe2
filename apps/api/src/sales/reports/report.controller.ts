import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal } from '../../identity/auth/current-principal.decorator';
import type { Principal } from '../../identity/auth/principal';
import { Endpoint } from '../../platform/http/endpoint.decorator';
import { CommissionReportDto, FunnelDto, FunnelQueryDto, ReportWindowQueryDto, SalesReportDto, SalesReportQueryDto } from './report.dto';
import { ReportService } from './report.service';

/** Sales reports (R-SAL-9) over the orders you may read: what you may not see adds nothing to a sum or a count. */
@ApiTags('reports')
@Controller('reports')
export class ReportController {
  constructor(private readonly reports: ReportService) {}

  /**
   * Orders dated in the window (cancelled excluded), in one currency, per owner, team, account region, account
   * (customer), product or period, with a totals row: order count, booked net and gross, paid to date, outstanding
   * (decimal strings); by period the growth against the previous period and the same period a year earlier. With
   * `include=profit` also cost, profit and margin, and the revenue whose cost is unknown. 403 if you may not read
   * orders, or naming each amount, cost or grouped field you may not read.
   */
  @Get('sales')
  @Endpoint({ summary: 'Sales report over the orders you may see', errors: [403] })
  getSalesReport(@CurrentPrincipal() principal: Principal, @Query() query: SalesReportQueryDto): Promise<SalesReportDto> {
    return this.reports.sales(principal, query);
  }

  /**
   * Per rep, the commission basis: payments dated in the window on the orders they own (cash basis), with their
   * bookings in the window for reference. 403 without the read right on orders and payments, or naming the amounts.
   */
  @Get('commission')
  @Endpoint({ summary: 'Commission basis per rep over the orders you may see', errors: [403] })
  getCommissionReport(@CurrentPrincipal() principal: Principal, @Query() query: ReportWindowQueryDto): Promise<CommissionReportDto> {
    return this.reports.commission(principal, query);
  }

  /**
   * The pipeline funnel over the opportunities you may see, created in the window: per stage in pipeline order how
   * many reached it and their amounts, the conversion from the stage before and the share won. 403 if you may not
   * read opportunities, or naming `amount` (or a field filtered by) when you may not read it.
   */
  @Get('funnel')
  @Endpoint({ summary: 'Pipeline funnel over the opportunities you may see', errors: [400, 403] })
  getFunnelReport(@CurrentPrincipal() principal: Principal, @Query() query: FunnelQueryDto): Promise<FunnelDto> {
    return this.reports.funnel(principal, query);
  }
}
