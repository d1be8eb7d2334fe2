import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccountController } from './accounts/account.controller';
import { AccountEntity } from './accounts/account.entity';
import { AccountService } from './accounts/account.service';
import { ContactController } from './contacts/contact.controller';
import { ContactEntity } from './contacts/contact.entity';
import { ContactService } from './contacts/contact.service';

@Module({
  imports: [TypeOrmModule.forFeature([AccountEntity, ContactEntity])],
  controllers: [AccountController, ContactController],
  providers: [AccountService, ContactService],
  exports: [AccountService],
})
export class SalesModule {}
