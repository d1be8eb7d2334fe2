import { Controller, Get, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal } from '../../identity/auth/current-principal.decorator';
import type { Principal } from '../../identity/auth/principal';
import { Endpoint } from '../../platform/http/endpoint.decorator';
import { UuidParam } from '../../platform/http/validation';
import { AnalyticsRunDto } from './metrics.dto';
import { MetricsRunsService } from './metrics-runs.service';

/** The customer-metrics recompute: started nightly by the job queue, or on demand here. */
@ApiTags('analytics')
@Controller('analytics/metrics')
export class MetricsController {
  constructor(private readonly runs: MetricsRunsService) {}

  /**
   * Queues a recompute of every customer's metrics (needs the `update` right on `analytics`). Answers the run; while
   * one is queued or running, that one (no second run is made). Follow it with `GET …/runs/{id}`.
   */
  @Post('recompute')
  @Endpoint({ summary: 'Recompute the customer metrics', status: 202, errors: [403] })
  async recomputeCustomerMetrics(@CurrentPrincipal() principal: Principal): Promise<AnalyticsRunDto> {
    return (await this.runs.request(principal)).run;
  }

  /** The latest recompute asked for (nightly or on demand); 404 before the first. */
  @Get('runs/latest')
  @Endpoint({ summary: 'The latest customer-metrics run', errors: [403, 404] })
  getLatestMetricsRun(@CurrentPrincipal() principal: Principal): Promise<AnalyticsRunDto> {
    return this.runs.latest(principal);
  }

  /** One recompute: status, timings, customers computed, the error of a failed one. */
  @Get('runs/:id')
  @Endpoint({ summary: 'A customer-metrics run', errors: [403, 404] })
  getMetricsRun(@CurrentPrincipal() principal: Principal, @UuidParam('id') id: string): Promise<AnalyticsRunDto> {
    return this.runs.get(principal, id);
  }
}
