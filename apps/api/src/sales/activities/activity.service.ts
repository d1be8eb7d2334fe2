import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AccessService } from '../../access/access.service';
import { ObjectType } from '../../access/access.types';
import { asRecycleBinEntry } from '../../access/business-record.dto';
import { RECORD_ATTRIBUTE_FIELDS } from '../../access/record-attributes';
import { RecordShares } from '../../access/record-shares';
import { type ListOptions, ScopedRecords } from '../../access/scoped-records';
import { AuditService } from '../../audit/audit.service';
import type { Principal } from '../../identity/auth/principal';
import { AppError } from '../../platform/http/app-error';
import { ErrorCode } from '../../platform/http/error-code';
import type { PageQueryDto } from '../../platform/http/pagination';
import type { SqlPredicate } from '../../access/object-access';
import { AccountService } from '../accounts/account.service';
import { ContactService } from '../contacts/contact.service';
import { LeadService } from '../leads/lead.service';
import { OpportunityService } from '../opportunities/opportunity.service';
import { OrderService } from '../orders/order.service';
import { QuoteService } from '../quotes/quote.service';
import { ACTIVITY_FIELDS, ActivityDto, ActivityPageDto, ActivityQueryDto, CreateActivityDto, toActivityDto, UpdateActivityDto } from './activity.dto';
import { ActivityEntity, ActivityKind, ActivityPriority, ActivityRelatedType, ActivityStatus } from './activity.entity';

const PROTECTED = [...ACTIVITY_FIELDS, ...RECORD_ATTRIBUTE_FIELDS] as Array<keyof ActivityDto & string>;
/** The default order of activity lists: a timeline, latest first. */
const DEFAULT_SORT = '-dueAt';

/**
 * Calls, meetings, visits, tasks and notes about one account, contact or opportunity, through the permission engine:
 * the record must be one the caller sees, and the activity carries that record's account so an account's timeline
 * (its own activities and its contacts' and opportunities') is one filter.
 */
@Injectable()
export class ActivityService {
  readonly records: ScopedRecords<ActivityEntity>;
  readonly shares: RecordShares<ActivityEntity>;

  constructor(
    @InjectDataSource() dataSource: DataSource,
    access: AccessService,
    audit: AuditService,
    private readonly accounts: AccountService,
    private readonly contacts: ContactService,
    private readonly opportunities: OpportunityService,
    private readonly leads: LeadService,
    private readonly quotes: QuoteService,
    private readonly orders: OrderService,
  ) {
    this.records = new ScopedRecords(dataSource, access, audit, ActivityEntity, {
      objectType: ObjectType.Activity,
      nameField: 'subject',
      sortable: [],
      searchFields: ['subject'],
      fields: [...ACTIVITY_FIELDS],
      sortKeys: {
        // Millisecond ISO text in UTC sorts like the time in collation "C"; no due time sorts first.
        dueAt: {
          sql: (alias) => `coalesce(to_char(${alias}.due_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS'), '') collate "C"`,
          value: (row) => row.dueAt?.toISOString().slice(0, 23) ?? '',
        },
      },
      recycleBin: { parent: { table: 'accounts', field: 'accountId' } },
      prepare: (manager, principal, values, before) => this.prepare(manager, principal, values, before),
    });
    this.shares = new RecordShares(dataSource, audit, this.records);
  }

  async list(principal: Principal, query: ActivityQueryDto): Promise<ActivityPageDto> {
    const { page, access } = await this.records.list(principal, listOptions(query), dueWindow(query));
    return { ...page, data: page.data.map((a) => access.project(toActivityDto(a), PROTECTED)) };
  }

  async get(principal: Principal, id: string): Promise<ActivityDto> {
    const { record, access, may } = await this.records.get(principal, id);
    return { ...access.project(toActivityDto(record), PROTECTED), myAccess: may };
  }

  async create(principal: Principal, dto: CreateActivityDto): Promise<ActivityDto> {
    const { record, access } = await this.records.create(principal, { ...dto, dueAt: dto.dueAt ? new Date(dto.dueAt) : undefined } as Partial<ActivityEntity>);
    return access.project(toActivityDto(record), PROTECTED);
  }

  async update(principal: Principal, id: string, dto: UpdateActivityDto, version: number | undefined): Promise<ActivityDto> {
    const values = { ...dto, dueAt: dto.dueAt ? new Date(dto.dueAt) : undefined } as Partial<ActivityEntity>;
    const { record, access, may } = await this.records.update(principal, id, values, version);
    return { ...access.project(toActivityDto(record), PROTECTED), myAccess: may };
  }

  remove(principal: Principal, id: string, version: number | undefined): Promise<void> {
    return this.records.remove(principal, id, version);
  }

  async recycleBin(principal: Principal, query: PageQueryDto): Promise<ActivityPageDto> {
    const { page, access } = await this.records.listRecycleBin(principal, query);
    return { ...page, data: page.data.map((a) => asRecycleBinEntry(access.project(toActivityDto(a), PROTECTED), a)) };
  }

  async restore(principal: Principal, id: string): Promise<ActivityDto> {
    const { record, access, may } = await this.records.restore(principal, id);
    return { ...access.project(toActivityDto(record), PROTECTED), myAccess: may };
  }

  /** In the write's transaction, after the rights checks: the related record must be visible; status stamps. */
  private async prepare(manager: EntityManager, principal: Principal, values: Partial<ActivityEntity>, before: ActivityEntity | undefined): Promise<void> {
    if (!before) {
      values.accountId = await this.accountOf(manager, principal, values.relatedType as ActivityRelatedType, values.relatedId as string);
      values.priority ??= ActivityPriority.Normal;
      // A note records what was said or seen: it is done when written.
      if (values.kind === ActivityKind.Note) {
        values.status = ActivityStatus.Done;
        values.dueAt ??= new Date();
      }
      values.status ??= ActivityStatus.Planned;
    }
    const status = values.status ?? before?.status;
    if (status === ActivityStatus.Done && before?.status !== ActivityStatus.Done) values.completedAt = new Date();
    if (status !== ActivityStatus.Done && before?.status === ActivityStatus.Done) values.completedAt = null;
  }

  /**
   * The account behind the related record (a lead's once converted, else none); a record the caller cannot see is,
   * for them, one that does not exist.
   */
  private async accountOf(manager: EntityManager, principal: Principal, type: ActivityRelatedType, id: string): Promise<string | null> {
    try {
      switch (type) {
        case ActivityRelatedType.Account:
          return (await this.accounts.records.get(principal, id, manager)).record.id;
        case ActivityRelatedType.Contact:
          return (await this.contacts.records.get(principal, id, manager)).record.accountId;
        case ActivityRelatedType.Opportunity:
          return (await this.opportunities.records.get(principal, id, manager)).record.accountId;
        case ActivityRelatedType.Lead:
          return (await this.leads.records.get(principal, id, manager)).record.convertedAccountId;
        case ActivityRelatedType.Quote:
          return (await this.quotes.records.get(principal, id, manager)).record.accountId;
        case ActivityRelatedType.Order:
          return (await this.orders.records.get(principal, id, manager)).record.accountId;
      }
    } catch (error) {
      throw error instanceof AppError && error.code === ErrorCode.NotFound ? AppError.validation('relatedId', `no such ${type}`) : error;
    }
  }
}

const listOptions = (query: ActivityQueryDto): ListOptions => ({
  ...query,
  sort: query.sort ?? DEFAULT_SORT,
  filters: { kind: query.kind, status: query.status, accountId: query.accountId, relatedId: query.relatedId, ownerId: query.ownerId },
});

/** The calendar window, on top of the engine's scope. */
function dueWindow(query: ActivityQueryDto): SqlPredicate | undefined {
  const conditions: string[] = [];
  if (query.dueFrom) conditions.push('r.due_at >= :dueFrom');
  if (query.dueBefore) conditions.push('r.due_at < :dueBefore');
  if (query.dueFrom && query.dueBefore && new Date(query.dueFrom) >= new Date(query.dueBefore)) throw AppError.validation('dueBefore', 'must be after dueFrom');
  return conditions.length ? { sql: conditions.join(' and '), params: { dueFrom: query.dueFrom, dueBefore: query.dueBefore } } : undefined;
}
