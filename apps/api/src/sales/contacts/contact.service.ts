import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { isUUID } from 'class-validator';
import { DataSource, EntityManager } from 'typeorm';
import { AccessService } from '../../access/access.service';
import { AccessAction, AccessLevel, ObjectType } from '../../access/access.types';
import { type ImportRow, RecordImport } from '../../access/record-import';
import type { ImportDuplicateCandidateDto, ImportResultDto, ImportRowErrorDto } from '../../access/record-import.dto';
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
import { AccountService, keyOf, normalisedEmail, normalisedName, normalisedPhone, normaliseKeys } from '../accounts/account.service';
import type { Response } from 'express';
import {
  CONTACT_FIELDS,
  ContactDto,
  ContactExportQueryDto,
  ContactImportRowDto,
  ContactPageDto,
  ContactQueryDto,
  CreateContactDto,
  ImportContactsDto,
  toContactDto,
  UpdateContactDto,
} from './contact.dto';
import { ContactEntity } from './contact.entity';

const PROTECTED = [...CONTACT_FIELDS, ...RECORD_ATTRIBUTE_FIELDS] as Array<keyof ContactDto & string>;
/** CSV header → field of a contact import: the field names, and the Chinese labels. */
const IMPORT_COLUMNS: Record<string, keyof ContactImportRowDto & string> = {
  account: 'account', 客户: 'account', name: 'name', 姓名: 'name', title: 'title', 职务: 'title', department: 'department', 部门: 'department',
  phone: 'phone', 电话: 'phone', mobile: 'mobile', 手机: 'mobile', email: 'email', 邮箱: 'email',
};

/** What a contact looks like to duplicate detection. */
type ContactProbe = { accountId?: string | null; name?: string | null; phone?: string | null; mobile?: string | null; email?: string | null };

/** Contacts of accounts, through the permission engine; a contact's own scope applies, not its account's. */
@Injectable()
export class ContactService {
  readonly records: ScopedRecords<ContactEntity>;
  /** Explicit shares of contacts, through the same engine. */
  readonly shares: RecordShares<ContactEntity>;
  readonly exports: RecordExport<ContactEntity, ContactDto>;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
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
    return this.exports.write(principal, { ...query, filters: { accountId: query.accountId } }, query.format, response);
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

  /**
   * A CSV file of contacts: see `RecordImport.run`. Each row's account (by id or normalised name, else `accountId`)
   * must be one the caller can read: otherwise a row error that reads the same whether it exists or not. Duplicates:
   * the same normalised phone (or mobile) or email, or the same name in the same account.
   */
  async importCsv(principal: Principal, dto: ImportContactsDto): Promise<ImportResultDto> {
    if (dto.accountId) await this.assertAccountVisible(principal, dto.accountId);
    const imports = new RecordImport<ContactEntity, ContactImportRowDto>(this.dataSource, this.records, {
      rowType: ContactImportRowDto,
      columns: IMPORT_COLUMNS,
      required: ['name'],
      writes: { account: 'accountId' },
      label: (values) => values.name,
      resolve: (who, rows, manager) => this.resolveAccounts(who, rows, manager, dto.accountId),
      existing: (who, rows, manager) => this.duplicatesOfMany(who, rows.map((row) => row.values), manager),
      keys: async (rows, manager) =>
        (await this.contactKeys(manager, rows.map((row) => row.values))).map((key, i) => ({
          name: key.name ? [`${rows[i].values.accountId}/${key.name}`] : [],
          phone: key.phones,
          email: keyOf(key.email),
        })),
      toRecord: ({ account: _account, ...values }) => values as Partial<ContactEntity>,
    });
    return imports.run(principal, dto.csv, dto);
  }

  /**
   * Live contacts the caller can read that look like each of `values` (index-aligned), oldest first: the same
   * normalised phone or mobile (either against either) or email, or the same normalised name in the same account —
   * each compared only over fields the caller reads unmasked, so a match reveals nothing they cannot see.
   */
  async duplicatesOfMany(principal: Principal, values: ContactProbe[], manager: EntityManager = this.dataSource.manager): Promise<Array<Array<Omit<ImportDuplicateCandidateDto, 'row'>>>> {
    const none = values.map((): Array<Omit<ImportDuplicateCandidateDto, 'row'>> => []);
    const access = await this.records.accessFor(principal);
    if (!values.length || access.level(AccessAction.Read) === AccessLevel.None || !this.records.readsInFull(access, 'name')) return none;
    const byName = this.records.readsInFull(access, 'accountId');
    const byPhone = this.records.readsInFull(access, 'phone');
    const byMobile = this.records.readsInFull(access, 'mobile');
    const byEmail = this.records.readsInFull(access, 'email');
    const keys = await this.contactKeys(manager, values);
    const names = [...new Set(keys.map((k) => k.name).filter((k): k is string => !!k))];
    const accountIds = [...new Set(values.map((v) => v.accountId).filter((id): id is string => !!id))];
    const phones = [...new Set(keys.flatMap((k) => k.phones))];
    const emails = [...new Set(keys.map((k) => k.email).filter((k): k is string => !!k))];
    const tests: string[] = [];
    if (byName && names.length && accountIds.length) tests.push(`(r.account_id = any(:dupAccounts) and ${normalisedName('r.name')} = any(:dupNames))`);
    if (byPhone && phones.length) tests.push(`(r.phone is not null and ${normalisedPhone('r.phone')} = any(:dupPhones))`);
    if (byMobile && phones.length) tests.push(`(r.mobile is not null and ${normalisedPhone('r.mobile')} = any(:dupPhones))`);
    if (byEmail && emails.length) tests.push(`(r.email is not null and ${normalisedEmail('r.email')} = any(:dupEmails))`);
    if (!tests.length) return none;
    const { entities, raw } = await this.records
      .readable(access, manager)
      .addSelect(normalisedName('r.name'), 'dup_name')
      .addSelect(normalisedPhone('r.phone'), 'dup_phone')
      .addSelect(normalisedPhone('r.mobile'), 'dup_mobile')
      .addSelect(normalisedEmail('r.email'), 'dup_email')
      .andWhere(`(${tests.join(' or ')})`, { dupAccounts: accountIds, dupNames: names, dupPhones: phones, dupEmails: emails })
      .orderBy('r.created_at', 'ASC')
      .addOrderBy('r.id', 'ASC')
      .getRawAndEntities<{ r_id: string; dup_name: string | null; dup_phone: string | null; dup_mobile: string | null; dup_email: string | null }>();
    const found = new Map(raw.map((row) => [row.r_id, row]));
    return keys.map((key, i) =>
      entities.flatMap((contact) => {
        const their = found.get(contact.id);
        const theirPhones = [byPhone ? their?.dup_phone : null, byMobile ? their?.dup_mobile : null].filter((p): p is string => !!p);
        const matchedOn = [
          ...(byName && key.name && their?.dup_name === key.name && contact.accountId === values[i].accountId ? ['name'] : []),
          ...(key.phones.some((p) => theirPhones.includes(p)) ? ['phone'] : []),
          ...(byEmail && key.email && their?.dup_email === key.email ? ['email'] : []),
        ];
        return matchedOn.length ? [{ objectType: ObjectType.Contact, id: contact.id, name: contact.name, matchedOn }] : [];
      }),
    );
  }

  /** Normalised name, phone numbers (phone and mobile) and email of each probe. */
  private async contactKeys(manager: EntityManager, values: ContactProbe[]): Promise<Array<{ name: string | null; phones: string[]; email: string | null }>> {
    // Mobiles go through the phone normalisation in the same statement, after the probes.
    const normalised = await normaliseKeys(manager, [...values, ...values.map((v) => ({ phone: v.mobile }))]);
    const main = normalised.slice(0, values.length);
    const mobiles = normalised.slice(values.length);
    return main.map((key, i) => ({ name: key.name, phones: [...new Set([key.phone, mobiles[i].phone].filter((p): p is string => !!p))], email: key.email }));
  }

  /**
   * Each row's account among the live accounts the caller can read: by id, or by normalised name when the caller
   * reads account names unmasked (one match only). Anything else is the same row error, so a row never tells an
   * account the caller cannot read from one that does not exist.
   */
  private async resolveAccounts(principal: Principal, rows: Array<ImportRow<ContactImportRowDto>>, manager: EntityManager, defaultAccountId: string | undefined): Promise<ImportRowErrorDto[]> {
    const access = await this.accounts.records.accessFor(principal);
    const refs = rows.map((row) => row.values.account ?? null);
    const byName = this.accounts.records.readsInFull(access, 'name');
    const nameKeys = await normaliseKeys(manager, refs.map((ref) => ({ name: ref && !isUUID(ref) && byName ? ref : null })));
    const ids = [...new Set(refs.filter((ref): ref is string => !!ref && isUUID(ref)))];
    const names = [...new Set(nameKeys.map((k) => k.name).filter((k): k is string => !!k))];
    const accounts =
      access.level(AccessAction.Read) === AccessLevel.None || (!ids.length && !names.length)
        ? []
        : await this.accounts.records
            .readable(access, manager)
            .select('r.id', 'id')
            .addSelect(normalisedName('r.name'), 'dup_name')
            .andWhere(`(r.id = any(:ids) or ${normalisedName('r.name')} = any(:names))`, { ids, names })
            .getRawMany<{ id: string; dup_name: string }>();
    const errors: ImportRowErrorDto[] = [];
    rows.forEach((row, i) => {
      const ref = refs[i];
      if (!ref) {
        if (defaultAccountId) row.values.accountId = defaultAccountId;
        else errors.push({ row: row.row, field: 'account', message: 'is required (or give accountId for the whole file)' });
        return;
      }
      const matches = isUUID(ref) ? accounts.filter((a) => a.id === ref) : nameKeys[i].name ? accounts.filter((a) => a.dup_name === nameKeys[i].name) : [];
      if (matches.length === 1) row.values.accountId = matches[0].id;
      else if (matches.length > 1) errors.push({ row: row.row, field: 'account', message: `names ${matches.length} accounts; give the account's id` });
      else errors.push({ row: row.row, field: 'account', message: 'no such account' });
    });
    return errors;
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
