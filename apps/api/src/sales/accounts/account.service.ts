import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AccessService } from '../../access/access.service';
import { AccessAction, AccessLevel, ObjectType } from '../../access/access.types';
import { AuditCategory } from '../../audit/audit-event.entity';
import { AppError } from '../../platform/http/app-error';
import { ErrorCode } from '../../platform/http/error-code';
import { assertVersion } from '../../platform/http/etag';
import { NORMALISED_NAME } from '../../platform/database/migrations/1764000000050-leads';
import { NORMALISED_EMAIL, NORMALISED_PHONE } from '../../platform/database/migrations/1764000000090-account-details';
import { RECORD_ATTRIBUTE_FIELDS } from '../../access/record-attributes';
import { RecordShares } from '../../access/record-shares';
import { RecordExport } from '../../access/record-export';
import { RecordImport } from '../../access/record-import';
import type { ImportResultDto } from '../../access/record-import.dto';
import { type ListOptions, ScopedRecords } from '../../access/scoped-records';
import { AuditService } from '../../audit/audit.service';
import { BulkReassignDto, BulkReassignResultDto } from '../../access/bulk-reassign.dto';
import { asRecycleBinEntry } from '../../access/business-record.dto';
import type { PageQueryDto } from '../../platform/http/pagination';
import type { Principal } from '../../identity/auth/principal';
import { AccountEntity } from './account.entity';
import type { Response } from 'express';
import {
  ACCOUNT_FIELDS,
  AccountDto,
  AccountDuplicateDto,
  AccountDuplicatesQueryDto,
  AccountExportQueryDto,
  AccountMergeDto,
  AccountPageDto,
  AccountQueryDto,
  CreateAccountDto,
  ImportAccountsDto,
  MergeAccountDto,
  toAccountDto,
  UpdateAccountDto,
} from './account.dto';

/** The normalisations duplicate detection and lead conversion compare by, over any SQL expression. */
export const normalisedName = (sql: string) => NORMALISED_NAME.replace('lower(name)', `lower(${sql})`);
export const normalisedPhone = (sql: string) => NORMALISED_PHONE.replace('(phone,', `(${sql},`);
export const normalisedEmail = (sql: string) => NORMALISED_EMAIL.replace('(email)', `(${sql})`);
/** Fewer digits than this are no phone number to match on. */
export const MIN_PHONE_DIGITS = 5;

/** A name, phone and email as duplicate detection compares them. */
export interface NormalisedKeys {
  name: string | null;
  phone: string | null;
  email: string | null;
}

/**
 * Many values normalised by PostgreSQL with the very expressions of the indexes (one query), so a file's rows compare
 * with each other exactly as with the records; an empty name and a phone of fewer than 5 digits become null.
 */
export async function normaliseKeys(manager: EntityManager, values: Array<{ name?: string | null; phone?: string | null; email?: string | null }>): Promise<NormalisedKeys[]> {
  if (!values.length) return [];
  const rows: NormalisedKeys[] = await manager.query(
    `select ${normalisedName('t.n')} as name, ${normalisedPhone('t.p')} as phone, ${normalisedEmail('t.e')} as email
       from unnest($1::text[], $2::text[], $3::text[]) with ordinality as t(n, p, e, i) order by t.i`,
    [values.map((v) => v.name ?? null), values.map((v) => v.phone ?? null), values.map((v) => v.email ?? null)],
  );
  return rows.map((row) => ({ name: row.name || null, phone: row.phone && row.phone.length >= MIN_PHONE_DIGITS ? row.phone : null, email: row.email || null }));
}

/**
 * Every column that references an account, re-pointed from the source to the target when two accounts merge —
 * the extension point: the quotes and orders modules add theirs here (e.g. `{ table: 'quotes', column:
 * 'account_id', versioned: true }`, `{ table: 'orders', column: 'account_id', versioned: true }`,
 * `{ table: 'payments', column: 'account_id' }`), and the merge moves them in the same transaction.
 * Rows in the recycle bin move too, so restoring them later finds the surviving account.
 * `where` narrows (SQL over the table, no parameters); `versioned` bumps `version` and `updated_at`.
 */
export const ACCOUNT_REFERENCES: Array<{ table: string; column: string; where?: string; versioned?: boolean }> = [
  { table: 'contacts', column: 'account_id', versioned: true },
  { table: 'opportunities', column: 'account_id', versioned: true },
  { table: 'activities', column: 'account_id', versioned: true },
  { table: 'activities', column: 'related_id', where: `related_type = 'account'`, versioned: true },
  { table: 'leads', column: 'converted_account_id', versioned: true },
  { table: 'accounts', column: 'parent_account_id', versioned: true },
  // Orders carry their payments and status history with them (those reference the order, not the account).
  { table: 'orders', column: 'account_id', versioned: true },
];

/** CSV header → field of an account import: the field names, and the Chinese labels. */
const IMPORT_COLUMNS: Record<string, keyof CreateAccountDto & string> = {
  name: 'name', 名称: 'name', 客户名称: 'name', kind: 'kind', 类型: 'kind', industry: 'industry', 行业: 'industry', region: 'region', 地区: 'region',
  phone: 'phone', 电话: 'phone', email: 'email', 邮箱: 'email', tier: 'tier', 等级: 'tier', website: 'website', 网站: 'website', taxNumber: 'taxNumber', 税号: 'taxNumber',
};

/** A match kind's key, or none. */
export const keyOf = (value: string | null): string[] => (value ? [value] : []);

/** Fields a merge fills on the target when they are empty there (the name and kind are the target's own). */
const MERGE_FILLS = ['industry', 'region', 'phone', 'email', 'tier', 'parentAccountId', 'billingAddress', 'shippingAddress', 'website', 'taxNumber'] as const;

/** Accounts (customers: companies and persons), always through the permission engine. */
@Injectable()
export class AccountService {
  readonly records: ScopedRecords<AccountEntity>;
  /** Explicit shares of accounts, through the same engine. */
  readonly shares: RecordShares<AccountEntity>;
  readonly exports: RecordExport<AccountEntity, AccountDto>;
  readonly imports: RecordImport<AccountEntity, CreateAccountDto>;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    access: AccessService,
    private readonly audit: AuditService,
  ) {
    this.records = new ScopedRecords(dataSource, access, audit, AccountEntity, {
      objectType: ObjectType.Account,
      sortable: ['region', 'industry'],
      searchFields: ['name'],
      // Phone and email match only for callers who read them unmasked.
      alsoSearch: ['phone', 'email'],
      fields: [...ACCOUNT_FIELDS],
      prepare: (manager, principal, values, before) => this.checkParent(manager, principal, values, before),
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
    this.imports = new RecordImport(dataSource, this.records, {
      rowType: CreateAccountDto,
      columns: IMPORT_COLUMNS,
      required: ['name'],
      label: (values) => values.name,
      existing: async (principal, rows, manager) =>
        (await this.duplicatesOfMany(principal, rows.map((row) => row.values), manager)).map((found) => found.map((account) => ({ objectType: ObjectType.Account, ...account }))),
      keys: async (rows, manager) => (await normaliseKeys(manager, rows.map((row) => row.values))).map((key) => ({ name: keyOf(key.name), phone: keyOf(key.phone), email: keyOf(key.email) })),
      toRecord: (values) => ({ ...values }) as Partial<AccountEntity>,
    });
  }

  /** A CSV file of accounts: see `RecordImport.run`; duplicates as `duplicates` finds them, and between the rows. */
  importCsv(principal: Principal, dto: ImportAccountsDto): Promise<ImportResultDto> {
    return this.imports.run(principal, dto.csv, dto);
  }

  async list(principal: Principal, query: AccountQueryDto): Promise<AccountPageDto> {
    const { page, access } = await this.records.list(principal, listOptions(query));
    return { ...page, data: page.data.map((a) => access.project(toAccountDto(a), PROTECTED)) };
  }

  /**
   * The names of those of `ids` the caller may see, as their field rules show them (for a list of related records):
   * an account out of scope, or a hidden name, is simply absent from the map.
   */
  async namesOf(principal: Principal, ids: string[]): Promise<Map<string, string>> {
    const unique = [...new Set(ids)];
    if (!unique.length) return new Map();
    const { page, access } = await this.records.list(principal, { ids: unique, limit: unique.length });
    const names = page.data.map((account) => access.project(toAccountDto(account), PROTECTED)).filter((dto) => typeof dto.name === 'string');
    return new Map(names.map((dto) => [dto.id as string, dto.name as string]));
  }

  export(principal: Principal, query: AccountExportQueryDto, response: Response): Promise<void> {
    return this.exports.write(principal, listOptions(query), query.format, response);
  }

  async get(principal: Principal, id: string): Promise<AccountDto> {
    const { record, access, may } = await this.records.get(principal, id);
    return { ...access.project(toAccountDto(record), PROTECTED), myAccess: may };
  }

  /** Creates the account; `possibleDuplicates` lists live accounts the caller can read that look the same. */
  async create(principal: Principal, dto: CreateAccountDto): Promise<AccountDto> {
    const { record, access } = await this.records.create(principal, dto as Partial<AccountEntity>);
    const possibleDuplicates = await this.duplicates(principal, { name: record.name, phone: record.phone ?? undefined, email: record.email ?? undefined, excludeId: record.id });
    return { ...access.project(toAccountDto(record), PROTECTED), possibleDuplicates };
  }

  /**
   * Live accounts the caller can read with the same normalised name, phone (digits) or email (case): each compared
   * only when the caller reads that field unmasked, so a match never reveals what they cannot see. At most 10,
   * oldest first.
   */
  async duplicates(principal: Principal, query: AccountDuplicatesQueryDto, manager: EntityManager = this.dataSource.manager): Promise<AccountDuplicateDto[]> {
    const access = await this.records.accessFor(principal);
    if (access.level(AccessAction.Read) === AccessLevel.None || !this.records.readsInFull(access, 'name')) return [];
    const tests: Array<{ field: string; sql: string; params: Record<string, string> }> = [];
    if (query.name?.trim()) tests.push({ field: 'name', sql: `${normalisedName('r.name')} = ${normalisedName(':dupName')}`, params: { dupName: query.name } });
    const digits = query.phone?.replace(/[^0-9]/g, '');
    if (digits && digits.length >= 5 && this.records.readsInFull(access, 'phone')) tests.push({ field: 'phone', sql: `(r.phone is not null and ${normalisedPhone('r.phone')} = :dupPhone)`, params: { dupPhone: digits } });
    if (query.email?.trim() && this.records.readsInFull(access, 'email')) tests.push({ field: 'email', sql: `(r.email is not null and ${normalisedEmail('r.email')} = :dupEmail)`, params: { dupEmail: query.email.trim().toLowerCase() } });
    if (!tests.length) return [];
    const found = this.records.readable(access, manager).andWhere(`(${tests.map((t) => t.sql).join(' or ')})`, Object.assign({}, ...tests.map((t) => t.params)));
    if (query.excludeId) found.andWhere('r.id <> :excludeId', { excludeId: query.excludeId });
    const rows = await found.orderBy('r.created_at', 'ASC').addOrderBy('r.id', 'ASC').limit(10).getMany();
    const normalise = (text: string) => text.toLowerCase().replace(/[\s\p{P}\p{S}（）【】《》，。、·：；“”‘’！？]/gu, '');
    return rows.map((row) => ({
      id: row.id,
      name: row.name,
      matchedOn: [
        ...(query.name && normalise(row.name) === normalise(query.name) ? ['name'] : []),
        ...(digits && tests.some((t) => t.field === 'phone') && row.phone?.replace(/[^0-9]/g, '') === digits ? ['phone'] : []),
        ...(query.email && tests.some((t) => t.field === 'email') && row.email?.toLowerCase() === query.email.trim().toLowerCase() ? ['email'] : []),
      ],
    }));
  }

  /**
   * `duplicates` for many at once (an import's rows), index-aligned: each the live accounts the caller can read with
   * the same normalised name, phone or email — phone and email compared only when read unmasked — oldest first.
   */
  async duplicatesOfMany(principal: Principal, values: Array<{ name?: string | null; phone?: string | null; email?: string | null }>, manager: EntityManager = this.dataSource.manager): Promise<AccountDuplicateDto[][]> {
    const none = values.map((): AccountDuplicateDto[] => []);
    const access = await this.records.accessFor(principal);
    if (!values.length || access.level(AccessAction.Read) === AccessLevel.None || !this.records.readsInFull(access, 'name')) return none;
    const keys = await normaliseKeys(manager, values);
    const byPhone = this.records.readsInFull(access, 'phone');
    const byEmail = this.records.readsInFull(access, 'email');
    const distinct = (field: keyof NormalisedKeys) => [...new Set(keys.map((k) => k[field]).filter((k): k is string => !!k))];
    const names = distinct('name');
    const phones = byPhone ? distinct('phone') : [];
    const emails = byEmail ? distinct('email') : [];
    const tests = [`${normalisedName('r.name')} = any(:dupNames)`];
    if (phones.length) tests.push(`(r.phone is not null and ${normalisedPhone('r.phone')} = any(:dupPhones))`);
    if (emails.length) tests.push(`(r.email is not null and ${normalisedEmail('r.email')} = any(:dupEmails))`);
    const { entities, raw } = await this.records
      .readable(access, manager)
      .addSelect(normalisedName('r.name'), 'dup_name')
      .addSelect(normalisedPhone('r.phone'), 'dup_phone')
      .addSelect(normalisedEmail('r.email'), 'dup_email')
      .andWhere(`(${tests.join(' or ')})`, { dupNames: names, dupPhones: phones, dupEmails: emails })
      .orderBy('r.created_at', 'ASC')
      .addOrderBy('r.id', 'ASC')
      .getRawAndEntities<{ r_id: string; dup_name: string | null; dup_phone: string | null; dup_email: string | null }>();
    const found = new Map(raw.map((row) => [row.r_id, row]));
    return keys.map((key) =>
      entities.flatMap((account) => {
        const their = found.get(account.id);
        const matchedOn = [
          ...(key.name && their?.dup_name === key.name ? ['name'] : []),
          ...(byPhone && key.phone && their?.dup_phone === key.phone ? ['phone'] : []),
          ...(byEmail && key.email && their?.dup_email === key.email ? ['email'] : []),
        ];
        return matchedOn.length ? [{ id: account.id, name: account.name, matchedOn }] : [];
      }),
    );
  }

  /**
   * Merges `sourceAccountId` into `targetId` in one transaction: every reference to the source (ACCOUNT_REFERENCES)
   * and its shares move to the target, the target's empty fields are filled from the source (those the caller may
   * read there and change here), and the source goes to the recycle bin. Needs update on the target and delete on
   * the source (403), both visible (404); If-Match is the target's version.
   */
  async merge(principal: Principal, targetId: string, dto: MergeAccountDto, version: number | undefined): Promise<AccountMergeDto> {
    const sourceId = dto.sourceAccountId;
    if (sourceId === targetId) throw AppError.validation('sourceAccountId', 'must be another account than the target');
    return this.dataSource.transaction(async (manager) => {
      // Lock both in id order, so two merges of the same pair cannot deadlock.
      const locked = new Map<string, Awaited<ReturnType<typeof this.records.get>>>();
      for (const id of [targetId, sourceId].sort()) locked.set(id, await this.records.get(principal, id, manager, true));
      const target = locked.get(targetId) as Awaited<ReturnType<typeof this.records.get>>;
      const source = locked.get(sourceId) as Awaited<ReturnType<typeof this.records.get>>;
      if (!target.may.update) throw new AppError(ErrorCode.Forbidden, 'You may not change the target account', { errors: [{ field: 'id', message: 'needs the update right' }] });
      if (!source.may.delete) throw new AppError(ErrorCode.Forbidden, 'You may not delete the source account', { errors: [{ field: 'sourceAccountId', message: 'needs the delete right' }] });
      assertVersion(target.record.version, version, true);
      if (dto.sourceVersion !== undefined) assertVersion(source.record.version, dto.sourceVersion, true);

      // The target's empty fields, from the source: what the caller reads there in full and may change here.
      const fills: Partial<AccountEntity> = {};
      for (const field of MERGE_FILLS) {
        const mine = target.record[field];
        const theirs = source.record[field];
        if ((mine !== null && mine !== undefined) || theirs === null || theirs === undefined) continue;
        if (!this.records.readsInFull(source.access, field) || !target.may.editableFields.includes(field)) continue;
        if (field === 'parentAccountId' && (theirs === targetId || (await this.wouldCycle(manager, targetId, theirs as string)))) continue;
        Object.assign(fills, { [field]: theirs });
      }

      const moved: Record<string, number> = {};
      // The target must not end up its own parent.
      await manager.query(`update accounts set parent_account_id = null where id = $1 and parent_account_id = $2`, [targetId, sourceId]);
      for (const ref of ACCOUNT_REFERENCES) {
        const set = ref.versioned ? `${ref.column} = $1, version = version + 1, updated_at = now()` : `${ref.column} = $1`;
        const [, count] = (await manager.query(`update ${ref.table} set ${set} where ${ref.column} = $2${ref.where ? ` and ${ref.where}` : ''}`, [targetId, sourceId])) as [unknown, number];
        moved[`${ref.table}.${ref.column}`] = count;
      }
      moved['record_shares'] = await this.moveShares(manager, sourceId, targetId);

      if (Object.keys(fills).length) await this.records.update(principal, targetId, fills, target.record.version, manager);
      const [{ version: sourceVersion }] = (await manager.query(`select version from accounts where id = $1`, [sourceId])) as Array<{ version: number }>;
      await this.records.remove(principal, sourceId, sourceVersion, manager);
      const details = { sourceAccountId: sourceId, targetAccountId: targetId, moved, filledFields: Object.keys(fills) };
      await this.audit.record(manager, { category: AuditCategory.Business, action: 'account.merged', entityType: ObjectType.Account, entityId: targetId, details });
      await this.audit.record(manager, { category: AuditCategory.Business, action: 'account.merged_away', entityType: ObjectType.Account, entityId: sourceId, details });
      const after = await this.records.get(principal, targetId, manager);
      return { target: { ...after.access.project(toAccountDto(after.record), PROTECTED), myAccess: after.may }, sourceAccountId: sourceId, moved, filledFields: Object.keys(fills) };
    });
  }

  /** The source's shares to the target: a grantee of both keeps the stronger access. Answers how many moved or merged. */
  private async moveShares(manager: EntityManager, sourceId: string, targetId: string): Promise<number> {
    const sameGrantee = `t.object_type = 'account' and t.record_id = $2 and s.object_type = 'account' and s.record_id = $1 and t.user_id is not distinct from s.user_id and t.team_id is not distinct from s.team_id`;
    await manager.query(`update record_shares t set access = 'edit' from record_shares s where ${sameGrantee} and s.access = 'edit'`, [sourceId, targetId]);
    const [, merged] = (await manager.query(`delete from record_shares s using record_shares t where ${sameGrantee}`, [sourceId, targetId])) as [unknown, number];
    const [, moved] = (await manager.query(`update record_shares set record_id = $2 where object_type = 'account' and record_id = $1`, [sourceId, targetId])) as [unknown, number];
    return merged + moved;
  }

  /** A parent must be an account the caller can see, and not the account itself or one of its descendants (400). */
  private async checkParent(manager: EntityManager, principal: Principal, values: Partial<AccountEntity>, before: AccountEntity | undefined): Promise<void> {
    const parentId = values.parentAccountId;
    if (!parentId) return;
    await this.records.get(principal, parentId, manager).catch((error: unknown) => {
      throw error instanceof AppError && error.code === ErrorCode.NotFound ? AppError.validation('parentAccountId', 'no such account') : error;
    });
    if (before && (parentId === before.id || (await this.wouldCycle(manager, before.id, parentId)))) {
      throw AppError.validation('parentAccountId', 'would make a cycle: the parent is this account or one of its descendants');
    }
  }

  /** Whether `parentId` is `accountId` or lies below it (walking up from the parent, bounded). */
  private async wouldCycle(manager: EntityManager, accountId: string, parentId: string): Promise<boolean> {
    const rows: Array<{ hit: boolean }> = await manager.query(
      `with recursive up (id, depth) as (select $2::uuid, 0 union all select a.parent_account_id, up.depth + 1 from accounts a join up on a.id = up.id where a.parent_account_id is not null and up.depth < 100)
       select exists (select 1 from up where id = $1) as hit`,
      [accountId, parentId],
    );
    return rows[0]?.hit === true;
  }

  /** Reassigns several accounts in one transaction: all of them, or none (the first refusal is the answer). */
  reassign(principal: Principal, dto: BulkReassignDto): Promise<BulkReassignResultDto> {
    return this.records.reassignMany(principal, dto.ids, dto.ownerId);
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

const listOptions = (query: AccountExportQueryDto): ListOptions => ({
  ...query,
  filters: { region: query.region, industry: query.industry, ownerId: query.ownerId, tier: query.tier, parentAccountId: query.parentAccountId },
});
