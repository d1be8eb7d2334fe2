import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ActivityController } from './activities/activity.controller';
import { ActivityEntity } from './activities/activity.entity';
import { ActivityService } from './activities/activity.service';
import { AccountController } from './accounts/account.controller';
import { AccountEntity } from './accounts/account.entity';
import { AccountService } from './accounts/account.service';
import { ContactController } from './contacts/contact.controller';
import { ContactEntity } from './contacts/contact.entity';
import { ContactService } from './contacts/contact.service';
import { OpportunityController } from './opportunities/opportunity.controller';
import { OpportunityEntity, OpportunityStageChangeEntity } from './opportunities/opportunity.entity';
import { OpportunityService } from './opportunities/opportunity.service';
import { PipelineController } from './pipelines/pipeline.controller';
import { PipelineEntity, PipelineStageEntity } from './pipelines/pipeline.entity';
import { PipelineService } from './pipelines/pipeline.service';

@Module({
  imports: [TypeOrmModule.forFeature([AccountEntity, ContactEntity, PipelineEntity, PipelineStageEntity, OpportunityEntity, OpportunityStageChangeEntity, ActivityEntity])],
  controllers: [AccountController, ContactController, PipelineController, OpportunityController, ActivityController],
  providers: [AccountService, ContactService, PipelineService, OpportunityService, ActivityService],
  exports: [AccountService],
})
export class SalesModule {}
