import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccountController } from './accounts/account.controller';
import { AccountEntity } from './accounts/account.entity';
import { AccountService } from './accounts/account.service';
import { ContactEntity } from './contacts/contact.entity';

@Module({
  imports: [TypeOrmModule.forFeature([AccountEntity, ContactEntity])],
  controllers: [AccountController],
  providers: [AccountService],
  exports: [AccountService],
})
export class SalesModule {}
