import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AccessService } from '../../access/access.service';
import { ObjectType } from '../../access/access.types';
import { RECORD_ATTRIBUTE_FIELDS } from '../../access/record-attributes';
import { RecordShares } from '../../access/record-shares';
import { RecordExport } from '../../access/record-export';
import { ScopedRecords } from '../../access/scoped-records';
import { AuditService } from '../../audit/audit.service';
import { asRecycleBinEntry } from '../../access/business-record.dto';
import type { PageQueryDto } from '../../platform/http/pagination';
import type { Principal } from '../../identity/auth/principal';
import { AppError } from '../../platform/http/app-error';
import { ErrorCode } from '../../platform/http/error-code';
import { AccountService } from '../accounts/account.service';
import type { Response } from 'express';
import { CONTACT_FIELDS, ContactDto, ContactExportQueryDto, ContactPageDto, ContactQueryDto, CreateContactDto, toContactDto, UpdateContactDto } from './contact.dto';
import { ContactEntity } from './contact.entity';

const PROTECTED = [...CONTACT_FIELDS, ...RECORD_ATTRIBUTE_FIELDS] as Array<keyof ContactDto & string>;

/** Contacts of accounts, through the permission engine; a contact's own scope applies, not its account's. */
@Injectable()
export class ContactService {
  readonly records: ScopedRecords<ContactEntity>;
  /** Explicit shares of contacts, through the same engine. */
  readonly shares: RecordShares<ContactEntity>;
  readonly exports: RecordExport<ContactEntity, ContactDto>;

  constructor(
    @InjectDataSource() dataSource: DataSource,
    access: AccessService,
    audit: AuditService,
    private readonly accounts: AccountService,
  ) {
    this.records = new ScopedRecords(dataSource, access, audit, ContactEntity, {
      objectType: ObjectType.Contact,
      sortable: ['title'],
      searchFields: ['name'],
      alsoSearch: ['phone', 'mobile', 'email'],
      fields: [...CONTACT_FIELDS],
      // Its activities go to the bin with it.
      recycleBin: { parent: { table: 'accounts', field: 'accountId' }, takesAlong: [{ objectType: ObjectType.Activity, table: 'activities', column: 'related_id' }] },
    });
    this.shares = new RecordShares(dataSource, audit, this.records);
    this.exports = new RecordExport(dataSource, audit, this.records, { toDto: toContactDto, protectedFields: PROTECTED, columns: ['id', ...CONTACT_FIELDS, ...RECORD_ATTRIBUTE_FIELDS, 'createdAt', 'updatedAt', 'version'] });
  }

  async list(principal: Principal, query: ContactQueryDto): Promise<ContactPageDto> {
    const { page, access } = await this.records.list(principal, { ...query, filters: { accountId: query.accountId } });
    const data = page.data.map((c) => access.project(toContactDto(c), PROTECTED));
    const names = await this.accounts.namesOf(principal, data.flatMap((c) => (c.accountId ? [c.accountId] : [])));
    return { ...page, data: data.map((c) => (c.accountId && names.has(c.accountId) ? { ...c, accountName: names.get(c.accountId) } : c)) };
  }

  export(principal: Principal, query: ContactExportQueryDto, response: Response): Promise<void> {
    return this.exports.csv(principal, { ...query, filters: { accountId: query.accountId } }, response);
  }

  /** An account's contacts (the related list): 404 when the account is not visible to the caller. */
  async listForAccount(principal: Principal, accountId: string, query: ContactQueryDto): Promise<ContactPageDto> {
    await this.accounts.records.get(principal, accountId);
    const { page, access } = await this.records.list(principal, query, { sql: 'r.account_id = :accountId', params: { accountId } });
    return { ...page, data: page.data.map((c) => access.project(toContactDto(c), PROTECTED)) };
  }

  async get(principal: Principal, id: string): Promise<ContactDto> {
    const { record, access, may } = await this.records.get(principal, id);
    return { ...access.project(toContactDto(record), PROTECTED), myAccess: may };
  }

  async create(principal: Principal, dto: CreateContactDto): Promise<ContactDto> {
    await this.assertAccountVisible(principal, dto.accountId);
    const { record, access } = await this.records.create(principal, dto as Partial<ContactEntity>);
    return access.project(toContactDto(record), PROTECTED);
  }

  async update(principal: Principal, id: string, dto: UpdateContactDto, version: number | undefined): Promise<ContactDto> {
    const { record, access, may } = await this.records.update(principal, id, dto as Partial<ContactEntity>, version);
    return { ...access.project(toContactDto(record), PROTECTED), myAccess: may };
  }

  remove(principal: Principal, id: string, version: number | undefined): Promise<void> {
    return this.records.remove(principal, id, version);
  }

  async recycleBin(principal: Principal, query: PageQueryDto): Promise<ContactPageDto> {
    const { page, access } = await this.records.listRecycleBin(principal, query);
    return { ...page, data: page.data.map((c) => asRecycleBinEntry(access.project(toContactDto(c), PROTECTED), c)) };
  }

  async restore(principal: Principal, id: string): Promise<ContactDto> {
    const { record, access, may } = await this.records.restore(principal, id);
    return { ...access.project(toContactDto(record), PROTECTED), myAccess: may };
  }

  /** An account the caller cannot see is, for them, an account that does not exist. */
  private async assertAccountVisible(principal: Principal, accountId: string): Promise<void> {
    await this.accounts.records.get(principal, accountId).catch((error: unknown) => {
      throw error instanceof AppError && error.code === ErrorCode.NotFound ? AppError.validation('accountId', 'no such account') : error;
    });
  }
}
