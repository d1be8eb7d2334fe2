import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentPrincipal } from '../../identity/auth/current-principal.decorator';
import type { Principal } from '../../identity/auth/principal';
import { Endpoint, ExportResponse } from '../../platform/http/endpoint.decorator';
import {
  CustomerDistributionDto,
  CustomerDistributionQueryDto,
  CustomerExportQueryDto,
  CustomerInsightPageDto,
  CustomerListQueryDto,
  CustomerMoneyQueryDto,
  CustomerRetentionDto,
} from './customer-insights.dto';
import { CustomerInsightsService } from './customer-insights.service';

/**
 * Customer analytics from the per-customer metrics (analytics `read`): only the accounts you may read count, and
 * money figures (`include`, money sorts) need the order amounts they come from (403 naming each field otherwise).
 */
@ApiTags('analytics')
@Controller('analytics/customers')
export class CustomerInsightsController {
  constructor(private readonly insights: CustomerInsightsService) {}

  /**
   * Your customers with metrics counted by RFM segment, lifecycle stage or behaviour class (`key` null: not scored),
   * with the metrics run they come from; `include=revenue` adds Σ revenue and predicted CLV per bucket,
   * `include=profit` also Σ profit and historic CLV.
   */
  @Get('distribution')
  @Endpoint({ summary: 'Customers by segment, lifecycle stage or behaviour class', errors: [403] })
  getCustomerDistribution(@CurrentPrincipal() principal: Principal, @Query() query: CustomerDistributionQueryDto): Promise<CustomerDistributionDto> {
    return this.insights.distribution(principal, query);
  }

  /**
   * Per calendar year: customers active, retained from the year before, churned, gained, and the retention rate;
   * with `include=profit` the profit lost to churn (the churned customers' profit of the year before).
   */
  @Get('retention')
  @Endpoint({ summary: 'Customer retention and churn per year', errors: [403] })
  getCustomerRetention(@CurrentPrincipal() principal: Principal, @Query() query: CustomerMoneyQueryDto): Promise<CustomerRetentionDto> {
    return this.insights.retention(principal, query);
  }

  /** The customers behind a chart: filter by segment, stage or class (`unscored` for none), sort by CLV, revenue or loyalty. */
  @Get()
  @Endpoint({ summary: 'List your customers with their metrics', errors: [403] })
  listCustomerInsights(@CurrentPrincipal() principal: Principal, @Query() query: CustomerListQueryDto): Promise<CustomerInsightPageDto> {
    return this.insights.list(principal, query);
  }

  /** The same list, every page, as CSV (UTF-8 with BOM) or an Excel workbook (`format=xlsx`); over 100,000 rows is refused (400). Audited. */
  @Get('export')
  @Endpoint({ summary: 'Export your customers with their metrics as CSV or Excel', errors: [403] })
  @ExportResponse('The customers as CSV or an Excel workbook (`format`), one header row')
  exportCustomerInsights(@CurrentPrincipal() principal: Principal, @Query() query: CustomerExportQueryDto, @Res() response: Response): Promise<void> {
    return this.insights.export(principal, query, response);
  }
}
