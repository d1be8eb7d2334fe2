import { Module } from '@nestjs/common';
import { CustomerInsightsModule } from './customers/customer-insights.module';
import { MetricsController } from './metrics/metrics.controller';
import { MetricsRecompute } from './metrics/metrics-recompute';
import { MetricsRunsService } from './metrics/metrics-runs.service';

/** Customer intelligence (issue 5): the per-customer metrics job and its endpoints; the maths is @lianxi/analytics. */
@Module({
  imports: [CustomerInsightsModule],
  controllers: [MetricsController],
  providers: [MetricsRecompute, MetricsRunsService],
  exports: [MetricsRecompute],
})
export class AnalyticsModule {}
