import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ActivityController } from './activities/activity.controller';
import { ActivityEntity } from './activities/activity.entity';
import { ActivityService } from './activities/activity.service';
import { AccountController } from './accounts/account.controller';
import { AccountEntity } from './accounts/account.entity';
import { AccountSummaryController } from './accounts/account-summary.controller';
import { AccountSummaryService } from './accounts/account-summary.service';
import { AccountService } from './accounts/account.service';
import { ContactController } from './contacts/contact.controller';
import { ContactEntity } from './contacts/contact.entity';
import { ContactService } from './contacts/contact.service';
import { ExchangeRateController } from './exchange-rates/exchange-rate.controller';
import { ExchangeRateEntity } from './exchange-rates/exchange-rate.entity';
import { ExchangeRateService } from './exchange-rates/exchange-rate.service';
import { MissingRates } from './exchange-rates/missing-rates';
import { SatisfactionCustomers } from './reports/satisfaction-customers';
import { LeadController } from './leads/lead.controller';
import { LeadEntity } from './leads/lead.entity';
import { LeadService } from './leads/lead.service';
import { OpportunityController } from './opportunities/opportunity.controller';
import { OpportunityEntity, OpportunityStageChangeEntity } from './opportunities/opportunity.entity';
import { OpportunityService } from './opportunities/opportunity.service';
import { OrderController } from './orders/order.controller';
import { OrderEntity, OrderLineEntity, OrderStatusChangeEntity, PaymentEntity } from './orders/order.entity';
import { OrderService } from './orders/order.service';
import { PriceListController } from './price-lists/price-list.controller';
import { PriceListEntity, PriceListEntryEntity, PriceListTierEntity } from './price-lists/price-list.entity';
import { PriceListService } from './price-lists/price-list.service';
import { ProductCategoryController } from './products/product-category.controller';
import { ProductController } from './products/product.controller';
import { ProductCategoryEntity, ProductEntity } from './products/product.entity';
import { ProductService } from './products/product.service';
import { PipelineController } from './pipelines/pipeline.controller';
import { PipelineEntity, PipelineStageEntity } from './pipelines/pipeline.entity';
import { PipelineService } from './pipelines/pipeline.service';
import { ReportController } from './reports/report.controller';
import { ReportService } from './reports/report.service';
import { SatisfactionController } from './reports/satisfaction.controller';
import { SatisfactionService } from './reports/satisfaction.service';
import { SatisfactionSummariesJob } from './reports/satisfaction-summaries.job';
import { SavedViewController } from './saved-views/saved-view.controller';
import { SavedViewEntity } from './saved-views/saved-view.entity';
import { SavedViewService } from './saved-views/saved-view.service';
import { SearchController } from './search/search.controller';
import { SearchService } from './search/search.service';
import { QuoteConversionService } from './quotes/quote-conversion.service';
import { QuotePdfService } from './quotes/quote-pdf.service';
import { QuoteController } from './quotes/quote.controller';
import { ApprovalRuleEntity, QuoteApprovalEntity, QuoteEntity, QuoteLineEntity } from './quotes/quote.entity';
import { QuoteService } from './quotes/quote.service';

@Module({
  imports: [
    TypeOrmModule.forFeature([
      AccountEntity, ContactEntity, PipelineEntity, PipelineStageEntity, OpportunityEntity, OpportunityStageChangeEntity, ActivityEntity, LeadEntity,
      ProductCategoryEntity, ProductEntity, PriceListEntity, PriceListEntryEntity, PriceListTierEntity,
      OrderEntity, OrderLineEntity, OrderStatusChangeEntity, PaymentEntity,
      QuoteEntity, QuoteLineEntity, ApprovalRuleEntity, QuoteApprovalEntity, SavedViewEntity, ExchangeRateEntity,
    ]),
  ],
  controllers: [
    AccountController, ContactController, PipelineController, OpportunityController, ActivityController, LeadController,
    ProductCategoryController, ProductController, PriceListController, QuoteController, OrderController, SearchController, ReportController, SatisfactionController,
    SavedViewController, AccountSummaryController, ExchangeRateController,
  ],
  providers: [
    AccountService, ContactService, PipelineService, OpportunityService, ActivityService, LeadService, ProductService, PriceListService,
    QuoteService, QuotePdfService, QuoteConversionService, OrderService, SearchService, ReportService, SatisfactionService, SatisfactionSummariesJob, SavedViewService,
    AccountSummaryService, ExchangeRateService, MissingRates, SatisfactionCustomers,
  ],
  exports: [AccountService, ProductService, PriceListService, QuoteService, OrderService],
})
export class SalesModule {}
