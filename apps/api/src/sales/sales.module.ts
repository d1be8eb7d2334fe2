import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccountController } from './accounts/account.controller';
import { AccountEntity } from './accounts/account.entity';
import { AccountService } from './accounts/account.service';
import { ContactController } from './contacts/contact.controller';
import { ContactEntity } from './contacts/contact.entity';
import { ContactService } from './contacts/contact.service';
import { LeadController } from './leads/lead.controller';
import { LeadEntity } from './leads/lead.entity';
import { LeadService } from './leads/lead.service';
import { OpportunityController } from './opportunities/opportunity.controller';
import { OpportunityEntity, OpportunityStageChangeEntity } from './opportunities/opportunity.entity';
import { OpportunityService } from './opportunities/opportunity.service';
import { PipelineController } from './pipelines/pipeline.controller';
import { PipelineEntity, PipelineStageEntity } from './pipelines/pipeline.entity';
import { PipelineService } from './pipelines/pipeline.service';

@Module({
  imports: [TypeOrmModule.forFeature([AccountEntity, ContactEntity, PipelineEntity, PipelineStageEntity, OpportunityEntity, OpportunityStageChangeEntity, LeadEntity])],
  controllers: [AccountController, ContactController, PipelineController, OpportunityController, LeadController],
  providers: [AccountService, ContactService, PipelineService, OpportunityService, LeadService],
  exports: [AccountService],
})
export class SalesModule {}
