import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AccessService } from '../../access/access.service';
import { AccessAction, AccessLevel, FieldAccess, ObjectType } from '../../access/access.types';
import { BulkReassignDto, BulkReassignResultDto } from '../../access/bulk-reassign.dto';
import { asRecycleBinEntry } from '../../access/business-record.dto';
import { RECORD_ATTRIBUTE_FIELDS } from '../../access/record-attributes';
import { type ImportRow, RecordImport } from '../../access/record-import';
import type { ImportDuplicateCandidateDto, ImportResultDto } from '../../access/record-import.dto';
import { RecordShares } from '../../access/record-shares';
import { type ListOptions, ScopedRecords } from '../../access/scoped-records';
import { AuditCategory } from '../../audit/audit-event.entity';
import { AuditService, diffFields } from '../../audit/audit.service';
import type { Principal } from '../../identity/auth/principal';
import { APP_CONFIG, type AppConfig } from '../../platform/config/app-config';
import { AppError } from '../../platform/http/app-error';
import { NORMALISED_NAME } from '../../platform/database/migrations/1764000000050-leads';
import { ErrorCode } from '../../platform/http/error-code';
import type { PageQueryDto } from '../../platform/http/pagination';
import { ACCOUNT_FIELDS, toAccountDto } from '../accounts/account.dto';
import { AccountEntity, AccountKind } from '../accounts/account.entity';
import { AccountService, normaliseKeys } from '../accounts/account.service';
import { ContactService } from '../contacts/contact.service';
import { OpportunityService } from '../opportunities/opportunity.service';
import {
  ConversionMatchesDto,
  ConvertLeadDto,
  CreateLeadDto,
  ImportLeadsDto,
  LEAD_FIELDS,
  LeadConversionDto,
  LeadDto,
  LeadPageDto,
  LeadQueryDto,
  toLeadDto,
  UpdateLeadDto,
  WebLeadDto,
  WebLeadReceiptDto,
} from './lead.dto';
import { LeadEntity, LeadSource, LeadStatus } from './lead.entity';

const PROTECTED = [...LEAD_FIELDS, ...RECORD_ATTRIBUTE_FIELDS] as Array<keyof LeadDto & string>;
const ACCOUNT_PROTECTED = [...ACCOUNT_FIELDS, ...RECORD_ATTRIBUTE_FIELDS] as Array<keyof ReturnType<typeof toAccountDto> & string>;
/**
 * Company names compare without case, spaces and punctuation (ASCII and full-width): "ACME Co., Ltd." = "acme co ltd".
 * The same expression as the index of migration 1764000000050, so a match over all accounts is an index lookup.
 */
const NORMALISE = (sql: string) => NORMALISED_NAME.replace('lower(name)', `lower(${sql})`);
/** CSV header → field: the field names, and the Chinese labels a spreadsheet made in China would carry. */
const IMPORT_COLUMNS: Record<string, keyof CreateLeadDto> = {
  name: 'name', 姓名: 'name', company: 'company', 公司: 'company', title: 'title', 职务: 'title', phone: 'phone', 电话: 'phone',
  email: 'email', 邮箱: 'email', source: 'source', 来源: 'source', rating: 'rating', 评级: 'rating', region: 'region', 地区: 'region',
  industry: 'industry', 行业: 'industry', notes: 'notes', 备注: 'notes',
};

/**
 * Leads (R-SAL-2), through the permission engine like accounts: captured by hand, by CSV import and from the public
 * web form; qualified by status; converted into an account (or an existing one), a contact and optionally an
 * opportunity in one transaction.
 */
@Injectable()
export class LeadService {
  readonly records: ScopedRecords<LeadEntity>;
  readonly shares: RecordShares<LeadEntity>;
  readonly imports: RecordImport<LeadEntity, CreateLeadDto>;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    access: AccessService,
    private readonly audit: AuditService,
    private readonly accounts: AccountService,
    private readonly contacts: ContactService,
    private readonly opportunities: OpportunityService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.records = new ScopedRecords(dataSource, access, audit, LeadEntity, {
      objectType: ObjectType.Lead,
      sortable: ['company'],
      searchFields: ['name', 'company'],
      fields: [...LEAD_FIELDS],
      sortKeys: {
        createdAt: {
          sql: (alias) => `to_char(${alias}.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS') collate "C"`,
          value: (row) => row.createdAt.toISOString().slice(0, 23),
        },
      },
      recycleBin: { takesAlong: [{ objectType: ObjectType.Activity, table: 'activities', column: 'related_id' }] },
      prepare: async (_manager, _principal, values, before) => prepareStatus(values, before),
    });
    this.shares = new RecordShares(dataSource, audit, this.records);
    this.imports = new RecordImport(dataSource, this.records, {
      rowType: CreateLeadDto,
      columns: IMPORT_COLUMNS,
      required: ['name'],
      label: (values) => leadLabel(values),
      existing: (principal, rows, manager) => this.importDuplicates(principal, rows, manager),
      keys: async (rows, manager) => (await normaliseKeys(manager, rows.map((row) => ({ name: row.values.company ?? row.values.name })))).map((key) => ({ name: key.name ? [key.name] : [] })),
      toRecord: (values) => ({ ...values, source: values.source ?? LeadSource.Import, status: LeadStatus.New }) as Partial<LeadEntity>,
    });
  }

  async list(principal: Principal, query: LeadQueryDto): Promise<LeadPageDto> {
    const options: ListOptions = { ...query, filters: { status: query.status, source: query.source, ownerId: query.ownerId } };
    const { page, access } = await this.records.list(principal, options);
    return { ...page, data: page.data.map((l) => access.project(toLeadDto(l), PROTECTED)) };
  }

  async get(principal: Principal, id: string): Promise<LeadDto> {
    const { record, access, may } = await this.records.get(principal, id);
    return { ...access.project(toLeadDto(record), PROTECTED), myAccess: may };
  }

  async create(principal: Principal, dto: CreateLeadDto): Promise<LeadDto> {
    const { record, access } = await this.records.create(principal, { ...dto, source: dto.source ?? LeadSource.Manual, status: LeadStatus.New } as Partial<LeadEntity>);
    return access.project(toLeadDto(record), PROTECTED);
  }

  async update(principal: Principal, id: string, dto: UpdateLeadDto, version: number | undefined): Promise<LeadDto> {
    const { record, access, may } = await this.records.update(principal, id, { ...dto } as Partial<LeadEntity>, version);
    return { ...access.project(toLeadDto(record), PROTECTED), myAccess: may };
  }

  remove(principal: Principal, id: string, version: number | undefined): Promise<void> {
    return this.records.remove(principal, id, version);
  }

  async recycleBin(principal: Principal, query: PageQueryDto): Promise<LeadPageDto> {
    const { page, access } = await this.records.listRecycleBin(principal, query);
    return { ...page, data: page.data.map((l) => asRecycleBinEntry(access.project(toLeadDto(l), PROTECTED), l)) };
  }

  async restore(principal: Principal, id: string): Promise<LeadDto> {
    const { record, access, may } = await this.records.restore(principal, id);
    return { ...access.project(toLeadDto(record), PROTECTED), myAccess: may };
  }

  /** Reassigns several leads in one transaction: all of them, or none (the first refusal is the answer). */
  reassign(principal: Principal, dto: BulkReassignDto): Promise<BulkReassignResultDto> {
    return this.records.reassignMany(principal, dto.ids, dto.ownerId);
  }

  /**
   * A CSV file of leads: see `RecordImport.run`. A row is a possible duplicate when the account it would convert to
   * (its company, or its name) has the normalised name of an account or of a live lead (by company, or name) the
   * caller can read in full — or of an earlier row.
   */
  importCsv(principal: Principal, dto: ImportLeadsDto): Promise<ImportResultDto> {
    return this.imports.run(principal, dto.csv, dto);
  }

  /** Per row: the readable accounts and live leads it would convert like (`matchedOn: ['name']`), accounts first. */
  private async importDuplicates(principal: Principal, rows: Array<ImportRow<CreateLeadDto>>, manager: EntityManager): Promise<Array<Array<Omit<ImportDuplicateCandidateDto, 'row'>>>> {
    const names = rows.map((row) => ({ name: row.values.company ?? row.values.name }));
    const accounts = await this.accounts.duplicatesOfMany(principal, names, manager);
    const keys = await normaliseKeys(manager, names);
    const access = await this.records.accessFor(principal);
    const wanted = [...new Set(keys.map((k) => k.name).filter((k): k is string => !!k))];
    const byLead = access.level(AccessAction.Read) !== AccessLevel.None && this.records.readsInFull(access, 'name') && this.records.readsInFull(access, 'company');
    const leadName = NORMALISE('coalesce(r.company, r.name)');
    const { entities, raw } =
      byLead && wanted.length
        ? await this.records
            .readable(access, manager)
            .addSelect(leadName, 'dup_name')
            .andWhere(`${leadName} = any(:names)`, { names: wanted })
            .orderBy('r.created_at', 'ASC')
            .addOrderBy('r.id', 'ASC')
            .getRawAndEntities<{ r_id: string; dup_name: string }>()
        : { entities: [] as LeadEntity[], raw: [] };
    const found = new Map(raw.map((row) => [row.r_id, row.dup_name]));
    return keys.map((key, i) => [
      ...accounts[i].map((account) => ({ objectType: ObjectType.Account, id: account.id, name: account.name, matchedOn: ['name'] })),
      ...(key.name ? entities.filter((lead) => found.get(lead.id) === key.name).map((lead) => ({ objectType: ObjectType.Lead, id: lead.id, name: leadLabel(lead), matchedOn: ['name'] })) : []),
    ]);
  }

  /** Live accounts the caller can read whose normalised name equals the lead's company (or name), oldest first. */
  async conversionMatches(principal: Principal, id: string): Promise<ConversionMatchesDto> {
    const { record } = await this.records.get(principal, id);
    const access = await this.accounts.records.accessFor(principal);
    const matches = await this.matchingAccounts(principal, matchName(record), this.dataSource.manager, 5);
    return { accounts: matches.map((a) => access.project(toAccountDto(a), ACCOUNT_PROTECTED)) };
  }

  /**
   * Converts a lead in one transaction: the account (named, matched by normalised company name, or created), a
   * contact and optionally an opportunity, each created through the engine with the caller's create rights; the lead
   * becomes `converted` with their ids. 409 for a lead already converted or disqualified.
   */
  async convert(principal: Principal, id: string, dto: ConvertLeadDto): Promise<LeadConversionDto> {
    return this.dataSource.transaction(async (manager) => {
      const { record: lead, access, may } = await this.records.get(principal, id, manager, true);
      if (!may.update) throw new AppError(ErrorCode.Forbidden, 'You may not convert this lead');
      if (lead.status === LeadStatus.Converted) {
        throw new AppError(ErrorCode.Conflict, 'The lead is already converted', { errors: [{ field: 'status', message: 'is converted' }] });
      }
      if (lead.status === LeadStatus.Disqualified) {
        throw new AppError(ErrorCode.Conflict, 'The lead is disqualified: reopen it before converting', { errors: [{ field: 'status', message: 'is disqualified' }] });
      }
      // Only what the caller may read of the lead is carried over (a masked phone stays behind).
      const readable = (field: keyof LeadEntity) => {
        const value = lead[field];
        return value !== null && value !== undefined && [FieldAccess.Read, FieldAccess.Edit].includes(access.fieldAccess(field)) ? value : undefined;
      };

      let accountId = dto.accountId;
      let accountExisted = true;
      if (accountId) {
        await this.accounts.records.get(principal, accountId, manager).catch((error: unknown) => {
          throw error instanceof AppError && error.code === ErrorCode.NotFound ? AppError.validation('accountId', 'no such account') : error;
        });
      } else {
        const [match] = await this.matchingAccounts(principal, matchName(lead), manager, 1);
        if (match) {
          accountId = match.id;
        } else {
          accountExisted = false;
          const account = await this.accounts.records.create(
            principal,
            omitUndefined({
              name: matchName(lead),
              kind: lead.company ? AccountKind.Company : AccountKind.Person,
              industry: readable('industry'),
              region: readable('region'),
              phone: lead.company ? undefined : readable('phone'),
              email: lead.company ? undefined : readable('email'),
            }) as Partial<AccountEntity>,
            manager,
          );
          accountId = account.record.id;
        }
      }
      const contact = await this.contacts.records.create(
        principal,
        omitUndefined({ accountId, name: lead.name, title: readable('title'), phone: readable('phone'), email: readable('email') }) as never,
        manager,
      );
      let opportunityId: string | null = null;
      if (dto.opportunity) {
        const { name, ...rest } = dto.opportunity;
        const opportunity = await this.opportunities.records.create(principal, omitUndefined({ ...rest, name: name ?? matchName(lead), accountId }) as never, manager);
        opportunityId = opportunity.record.id;
      }
      const before = { ...lead };
      Object.assign(lead, { status: LeadStatus.Converted, convertedAt: new Date(), convertedAccountId: accountId, convertedContactId: contact.record.id, convertedOpportunityId: opportunityId });
      await manager.save(LeadEntity, lead);
      // The lead's calls and visits so far now show on the account's timeline too (they stay about the lead).
      await manager.query(`update activities set account_id = $2 where related_type = 'lead' and related_id = $1`, [id, accountId]);
      await this.audit.record(manager, {
        category: AuditCategory.Business,
        action: 'lead.converted',
        entityType: ObjectType.Lead,
        entityId: id,
        changes: diffFields(before as unknown as Record<string, unknown>, lead as unknown as Record<string, unknown>, [...LEAD_FIELDS]),
        details: { accountId, accountExisted, contactId: contact.record.id, opportunityId },
      });
      const after = await this.records.get(principal, id, manager);
      return {
        lead: { ...after.access.project(toLeadDto(after.record), PROTECTED), myAccess: after.may },
        accountId: accountId as string,
        accountExisted,
        contactId: contact.record.id,
        opportunityId,
      };
    });
  }

  /**
   * The public web form: no caller, so no engine scope; the lead is written for the owner the form key names
   * (`WEB_LEAD_FORMS`) — the one place leads are created without a principal (grep: `web-to-lead`). Rate limited per
   * client address in PostgreSQL (shared by every replica): 429 with Retry-After beyond the limit.
   */
  async captureFromWeb(dto: WebLeadDto, clientIp: string): Promise<WebLeadReceiptDto> {
    await this.throttleWebLeads(clientIp);
    const ownerEmail = this.config.webLeads.forms[dto.formKey];
    if (!ownerEmail) throw AppError.validation('formKey', 'no such form');
    // A filled honeypot is a bot: answered like a person, written nowhere.
    if (dto.website) return { received: true };
    await this.dataSource.transaction(async (manager) => {
      const [owner]: Array<{ id: string; team_id: string | null; partner_account_id: string | null }> = await manager.query(
        'select id, team_id, partner_account_id from users where lower(email) = lower($1) and active',
        [ownerEmail],
      );
      if (!owner) throw new AppError(ErrorCode.ServiceUnavailable, 'The web form is not configured with an active owner');
      const lead = manager.create(LeadEntity, {
        ...omitUndefined({ name: dto.name, company: dto.company, title: dto.title, phone: dto.phone, email: dto.email, region: dto.region, industry: dto.industry, notes: dto.notes }),
        source: LeadSource.Web,
        status: LeadStatus.New,
        ownerId: owner.id,
        teamId: owner.team_id,
        partnerAccountId: owner.partner_account_id,
        ownerOnlyEdit: false,
        restricted: false,
      });
      await manager.insert(LeadEntity, lead);
      await this.audit.record(manager, {
        category: AuditCategory.Business,
        action: 'lead.created',
        entityType: ObjectType.Lead,
        entityId: lead.id,
        changes: diffFields({}, lead as unknown as Record<string, unknown>, [...LEAD_FIELDS, 'ownerId', 'teamId']),
        details: { via: 'web-to-lead', formKey: dto.formKey, clientIp },
        actor: { id: null, email: null },
      });
    });
    return { received: true };
  }

  /** A fixed one-minute window per client address: one upsert, so concurrent requests and replicas count right. */
  private async throttleWebLeads(clientIp: string): Promise<void> {
    const [row]: Array<{ hits: number; retry: string }> = await this.dataSource.query(
      `insert into web_lead_hits as h (client, window_start, hits) values ($1, date_trunc('minute', now()), 1)
       on conflict (client, window_start) do update set hits = h.hits + 1
       returning h.hits, ceil(extract(epoch from date_trunc('minute', now()) + interval '1 minute' - now()))::text as retry`,
      [clientIp],
    );
    if (row.hits === 1) await this.dataSource.query(`delete from web_lead_hits where window_start < now() - interval '10 minutes'`);
    if (row.hits > this.config.webLeads.perMinute) {
      throw new AppError(ErrorCode.TooManyRequests, 'Too many submissions from your address; try again in a minute', { retryAfterSeconds: Number(row.retry) });
    }
  }

  private async matchingAccounts(principal: Principal, name: string, manager: EntityManager, limit: number): Promise<AccountEntity[]> {
    const access = await this.accounts.records.accessFor(principal);
    if (access.level(AccessAction.Read) === AccessLevel.None) return [];
    // Matching by a name the caller may not read would reveal it.
    if ([FieldAccess.Hidden, FieldAccess.Masked].includes(access.fieldAccess('name'))) return [];
    return this.accounts.records
      .readable(access, manager)
      .andWhere(`${NORMALISE('r.name')} = ${NORMALISE(':name')}`, { name })
      .orderBy('r.created_at', 'ASC')
      .addOrderBy('r.id', 'ASC')
      .limit(limit)
      .getMany();
  }
}

/** A lead as a duplicate report names it: the person, and the company when there is one. */
const leadLabel = (lead: { name: string; company?: string | null }): string => (lead.company ? `${lead.name} (${lead.company})` : lead.name);

/** The account name a lead converts to: its company, or the person for a private customer. */
const matchName = (lead: LeadEntity): string => lead.company ?? lead.name;

const omitUndefined = <T extends Record<string, unknown>>(values: T): Partial<T> =>
  Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined)) as Partial<T>;

/** Status rules of a write (in its transaction, after the rights checks). */
function prepareStatus(values: Partial<LeadEntity>, before: LeadEntity | undefined): void {
  if (!before) return;
  const changesFields = Object.keys(values).some((key) => key !== 'ownerId' && (values as Record<string, unknown>)[key] !== undefined);
  if (before.status === LeadStatus.Converted && changesFields) {
    throw new AppError(ErrorCode.Conflict, 'A converted lead is kept as it was converted; change its account, contact or opportunity instead', { errors: [{ field: 'status', message: 'is converted' }] });
  }
  const status = values.status ?? before.status;
  if (status === LeadStatus.Disqualified) {
    if (!(values.disqualifiedReason ?? before.disqualifiedReason)) throw AppError.validation('disqualifiedReason', 'is required to disqualify a lead');
  } else if (values.disqualifiedReason !== undefined) {
    throw AppError.validation('disqualifiedReason', 'only for a disqualified lead');
  } else if (before.disqualifiedReason) {
    values.disqualifiedReason = null;
  }
}
