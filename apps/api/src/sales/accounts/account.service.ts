import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AccessService } from '../../access/access.service';
import { ObjectType } from '../../access/access.types';
import { RECORD_ATTRIBUTE_FIELDS } from '../../access/record-attributes';
import { RecordShares } from '../../access/record-shares';
import { RecordExport } from '../../access/record-export';
import { type ListOptions, ScopedRecords } from '../../access/scoped-records';
import { AuditService } from '../../audit/audit.service';
import { asRecycleBinEntry } from '../../access/business-record.dto';
import type { PageQueryDto } from '../../platform/http/pagination';
import type { Principal } from '../../identity/auth/principal';
import { AccountEntity } from './account.entity';
import type { Response } from 'express';
import { ACCOUNT_FIELDS, AccountDto, AccountExportQueryDto, AccountPageDto, AccountQueryDto, CreateAccountDto, toAccountDto, UpdateAccountDto } from './account.dto';

/** Accounts (customers: companies and persons), always through the permission engine. */
@Injectable()
export class AccountService {
  readonly records: ScopedRecords<AccountEntity>;
  /** Explicit shares of accounts, through the same engine. */
  readonly shares: RecordShares<AccountEntity>;
  readonly exports: RecordExport<AccountEntity, AccountDto>;

  constructor(@InjectDataSource() dataSource: DataSource, access: AccessService, audit: AuditService) {
    this.records = new ScopedRecords(dataSource, access, audit, AccountEntity, {
      objectType: ObjectType.Account,
      sortable: ['region', 'industry'],
      searchFields: ['name'],
      fields: [...ACCOUNT_FIELDS],
      // Deleting an account takes its contacts, opportunities and activities to the bin with it; restoring it brings
      // exactly those back.
      recycleBin: {
        takesAlong: [
          { objectType: ObjectType.Contact, table: 'contacts', column: 'account_id' },
          { objectType: ObjectType.Opportunity, table: 'opportunities', column: 'account_id' },
          { objectType: ObjectType.Activity, table: 'activities', column: 'account_id' },
        ],
      },
    });
    this.shares = new RecordShares(dataSource, audit, this.records);
    this.exports = new RecordExport(dataSource, audit, this.records, { toDto: toAccountDto, protectedFields: PROTECTED, columns: ['id', ...ACCOUNT_FIELDS, ...RECORD_ATTRIBUTE_FIELDS, 'createdAt', 'updatedAt', 'version'] });
  }

  async list(principal: Principal, query: AccountQueryDto): Promise<AccountPageDto> {
    const { page, access } = await this.records.list(principal, listOptions(query));
    return { ...page, data: page.data.map((a) => access.project(toAccountDto(a), PROTECTED)) };
  }

  export(principal: Principal, query: AccountExportQueryDto, response: Response): Promise<void> {
    return this.exports.csv(principal, listOptions(query), response);
  }

  async get(principal: Principal, id: string): Promise<AccountDto> {
    const { record, access, may } = await this.records.get(principal, id);
    return { ...access.project(toAccountDto(record), PROTECTED), myAccess: may };
  }

  async create(principal: Principal, dto: CreateAccountDto): Promise<AccountDto> {
    const { record, access } = await this.records.create(principal, dto as Partial<AccountEntity>);
    return access.project(toAccountDto(record), PROTECTED);
  }

  async update(principal: Principal, id: string, dto: UpdateAccountDto, version: number | undefined): Promise<AccountDto> {
    const { record, access, may } = await this.records.update(principal, id, dto as Partial<AccountEntity>, version);
    return { ...access.project(toAccountDto(record), PROTECTED), myAccess: may };
  }

  remove(principal: Principal, id: string, version: number | undefined): Promise<void> {
    return this.records.remove(principal, id, version);
  }

  async recycleBin(principal: Principal, query: PageQueryDto): Promise<AccountPageDto> {
    const { page, access } = await this.records.listRecycleBin(principal, query);
    return { ...page, data: page.data.map((a) => asRecycleBinEntry(access.project(toAccountDto(a), PROTECTED), a)) };
  }

  async restore(principal: Principal, id: string): Promise<AccountDto> {
    const { record, access, may } = await this.records.restore(principal, id);
    return { ...access.project(toAccountDto(record), PROTECTED), myAccess: may };
  }
}

const PROTECTED = [...ACCOUNT_FIELDS, ...RECORD_ATTRIBUTE_FIELDS] as Array<keyof AccountDto & string>;

const listOptions = (query: AccountExportQueryDto): ListOptions => ({ ...query, filters: { region: query.region, industry: query.industry, ownerId: query.ownerId } });
