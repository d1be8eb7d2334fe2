import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentPrincipal } from '../../identity/auth/current-principal.decorator';
import type { Principal } from '../../identity/auth/principal';
import { Endpoint, ExportResponse } from '../../platform/http/endpoint.decorator';
import { SatisfactionQueryDto, SatisfactionReportDto } from './satisfaction.dto';
import { SatisfactionService } from './satisfaction.service';
import { SatisfactionCustomerPageDto, SatisfactionCustomersExportQueryDto, SatisfactionCustomersQueryDto } from './satisfaction-customers.dto';
import { SatisfactionCustomers } from './satisfaction-customers';

/** Satisfaction and activity metrics (R-ANA-3) over the orders and leads you may read. */
@ApiTags('reports')
@Controller('reports')
export class SatisfactionController {
  constructor(
    private readonly satisfaction: SatisfactionService,
    private readonly customers: SatisfactionCustomers,
  ) {}

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

  /**
   * The customers behind a figure of the report (same window and scope): those who churned in a period or were
   * attracted in it, or the customers an item attracted over the window — with their first and last order day, a
   * page at a time. 400 naming the parameter (`start` not a period of the window, `churned` without `start`).
   */
  @Get('satisfaction/customers')
  @Endpoint({ summary: 'The customers behind a satisfaction figure', errors: [400, 403] })
  listSatisfactionCustomers(@CurrentPrincipal() principal: Principal, @Query() query: SatisfactionCustomersQueryDto): Promise<SatisfactionCustomerPageDto> {
    return this.customers.list(principal, query);
  }

  /** The same customers, every page, as CSV or an Excel workbook (`format=xlsx`); over 100,000 rows is refused (400). Audited. */
  @Get('satisfaction/customers/export')
  @Endpoint({ summary: 'Export the customers behind a satisfaction figure as CSV or Excel', errors: [400, 403] })
  @ExportResponse('The customers as CSV or an Excel workbook (`format`), one header row')
  exportSatisfactionCustomers(@CurrentPrincipal() principal: Principal, @Query() query: SatisfactionCustomersExportQueryDto, @Res() response: Response): Promise<void> {
    return this.customers.export(principal, query, response);
  }
}
