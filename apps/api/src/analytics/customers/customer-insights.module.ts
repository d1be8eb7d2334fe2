import { Module } from '@nestjs/common';
import { SalesModule } from '../../sales/sales.module';
import { CustomerInsightsController } from './customer-insights.controller';
import { CustomerInsightsService } from './customer-insights.service';

/** Customer dashboards (issue 5): distributions, drill-down list, retention — read from the metric tables. */
@Module({
  imports: [SalesModule],
  controllers: [CustomerInsightsController],
  providers: [CustomerInsightsService],
})
export class CustomerInsightsModule {}
