import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AccessService } from '../../access/access.service';
import { AccessAction, AccessLevel, FieldAccess, ObjectType } from '../../access/access.types';
import type { ObjectAccess } from '../../access/object-access';
import { RECORD_ATTRIBUTE_FIELDS } from '../../access/record-attributes';
import { RecordShares } from '../../access/record-shares';
import { decimalSortKey, type ListOptions, type RecordCapabilities, ScopedRecords } from '../../access/scoped-records';
import { AuditCategory } from '../../audit/audit-event.entity';
import { AuditService, diffFields } from '../../audit/audit.service';
import type { Principal } from '../../identity/auth/principal';
import { RoleKey } from '../../identity/roles/role-key';
import { AppError } from '../../platform/http/app-error';
import { ErrorCode } from '../../platform/http/error-code';
import { assertVersion } from '../../platform/http/etag';
import { AccountService } from '../accounts/account.service';
import { PriceListService } from '../price-lists/price-list.service';
import { ProductService } from '../products/product.service';
import {
  ApprovalRulesDto,
  ApproveQuoteDto,
  CreateQuoteDto,
  LINE_PRICE_FIELDS,
  QUOTE_FIELDS,
  QUOTE_PRICE_FIELDS,
  QuoteApprovalDto,
  QuoteDto,
  QuoteLineDto,
  QuoteLineInputDto,
  type QuoteLineRow,
  QuotePageDto,
  QuoteQueryDto,
  QuoteSort,
  RejectQuoteDto,
  toQuoteApprovalDto,
  toQuoteDto,
  toQuoteLineDto,
  UpdateApprovalRulesDto,
  UpdateQuoteDto,
} from './quote.dto';
import { insertQuoteLines, type QuoteLineToInsert, writeQuoteTotals } from './quote-totals';
import { ApprovalAction, ApprovalRuleEntity, Approver, QuoteApprovalEntity, QuoteEntity, QuoteLineEntity, QuoteStatus } from './quote.entity';

const PROTECTED = [...QUOTE_FIELDS, ...RECORD_ATTRIBUTE_FIELDS] as Array<keyof QuoteDto & string>;
/** What the write audit compares: the header, its totals and its approval state. */
const AUDITED = [...QUOTE_FIELDS, ...QUOTE_PRICE_FIELDS, 'approvalRole'] as Array<keyof QuoteEntity>;
/** Statuses in which the quote itself may still change (anything else needs a new revision). */
const EDITABLE = [QuoteStatus.Draft, QuoteStatus.PendingApproval, QuoteStatus.Approved, QuoteStatus.Rejected];
/** Statuses a new revision can be made from. */
const REVISABLE = [QuoteStatus.Approved, QuoteStatus.Rejected, QuoteStatus.Sent];
const DEFAULT_VALIDITY_DAYS = 30;
/** 10^15 in cents: the largest quote total (with tax it still fits numeric(18, 2)). */
const MAX_TOTAL_CENTS = 100_000_000_000_000_000n;

const today = (): string => new Date().toISOString().slice(0, 10);
const conflict = (field: string, message: string) => new AppError(ErrorCode.Conflict, `${field}: ${message}`, { errors: [{ field, message }] });

/** A quote read for a conversion into an order: approved (or sent or accepted), unexpired, with its lines. */
export interface ConvertibleQuote {
  quote: QuoteEntity;
  lines: QuoteLineEntity[];
}

/**
 * Quotes (R-SAL-4) and their special-price approval (R-SAL-5), through the permission engine like opportunities.
 * Every money figure is computed by PostgreSQL in numeric (never a JavaScript number): lines in the insert, totals in
 * one update over the lines. Each command is one transaction with its audit rows and approval-history rows.
 */
@Injectable()
export class QuoteService {
  readonly records: ScopedRecords<QuoteEntity>;
  readonly shares: RecordShares<QuoteEntity>;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly accounts: AccountService,
    private readonly products: ProductService,
    private readonly prices: PriceListService,
  ) {
    this.records = new ScopedRecords(dataSource, access, audit, QuoteEntity, {
      objectType: ObjectType.Quote,
      nameField: 'number',
      sortable: ['status'],
      searchFields: ['number'],
      fields: ['accountId', 'opportunityId', 'currency', 'validUntil', 'taxRate', 'notes', 'lines'],
      sortKeys: {
        validUntil: { sql: (alias) => `to_char(${alias}.valid_until, 'YYYY-MM-DD') collate "C"`, value: (row) => row.validUntil },
        grandTotal: { ...decimalSortKey<QuoteEntity>('grand_total', (row) => row.grandTotal), guardedBy: 'prices' },
      },
      prepare: (manager, principal, values, before) => this.prepare(manager, principal, values, before),
    });
    this.shares = new RecordShares(dataSource, audit, this.records);
  }

  async list(principal: Principal, query: QuoteQueryDto): Promise<QuotePageDto> {
    const { page, access } = await this.records.list(principal, listOptions(query));
    return { ...page, data: await this.summaries(access, page.data) };
  }

  /** An account's quotes (the related list): 404 when the account is not visible to the caller. */
  async listForAccount(principal: Principal, accountId: string, query: QuoteQueryDto): Promise<QuotePageDto> {
    await this.accounts.records.get(principal, accountId);
    const { page, access } = await this.records.list(principal, listOptions(query), { sql: 'r.account_id = :accountId', params: { accountId } });
    return { ...page, data: await this.summaries(access, page.data) };
  }

  /**
   * The caller's approval inbox: pending quotes they may decide (and may see), oldest submission first by number.
   * A sales manager decides the quotes routed to managers whose owner's team is theirs or below it; a sales director
   * those routed to directors; nobody their own.
   */
  async pendingApprovals(principal: Principal, query: QuoteQueryDto): Promise<QuotePageDto> {
    const decidable = this.decidablePredicate(principal, 'r');
    if (!decidable) return { data: [], nextCursor: null };
    const { page, access } = await this.records.list(principal, { ...listOptions(query), sort: query.sort ?? QuoteSort.Number }, decidable);
    return { ...page, data: await this.summaries(access, page.data) };
  }

  async get(principal: Principal, id: string): Promise<QuoteDto> {
    const { record, access, may } = await this.records.get(principal, id);
    return this.full(this.dataSource.manager, principal, access, record, may);
  }

  /**
   * For the order conversion: the quote, row-locked in the caller's transaction, with its lines in order — when the
   * caller may see it (404 otherwise) and it may become an order: approved, sent or accepted (409 naming `status`),
   * not expired (409 naming `validUntil`). No price projection: the caller's own field rules apply to what it answers.
   */
  async loadConvertible(manager: EntityManager, principal: Principal, id: string): Promise<ConvertibleQuote> {
    const { record } = await this.records.get(principal, id, manager, true);
    if (![QuoteStatus.Approved, QuoteStatus.Sent, QuoteStatus.Accepted].includes(record.status)) throw conflict('status', `a ${record.status} quote cannot be converted: it must be approved first`);
    if (record.validUntil < today()) throw conflict('validUntil', 'the quote has expired');
    const lines = await manager.find(QuoteLineEntity, { where: { quoteId: id }, order: { position: 'ASC' } });
    return { quote: record, lines };
  }

  async create(principal: Principal, dto: CreateQuoteDto): Promise<QuoteDto> {
    return this.dataSource.transaction(async (manager) => {
      const { lines, ...header } = dto;
      const access = await this.records.accessFor(principal);
      if (lines?.length || header.taxRate !== undefined) access.assertWritable({ prices: true });
      const [{ number }]: Array<{ number: string }> = await manager.query(`select 'Q-' || to_char(now(), 'YYYY') || '-' || lpad(nextval('quote_number_seq')::text, 6, '0') as number`);
      const { record } = await this.records.create(
        principal,
        {
          ...header,
          number,
          revision: 1,
          status: QuoteStatus.Draft,
          currency: header.currency ?? 'CNY',
          validUntil: header.validUntil ?? addDays(today(), DEFAULT_VALIDITY_DAYS),
          taxRate: header.taxRate ?? '13',
        } as Partial<QuoteEntity>,
        manager,
      );
      await this.replaceLines(manager, principal, record, lines ?? [], true);
      const after = await this.recompute(manager, record.id);
      await this.audited(manager, 'quote.priced', record, after, { lines: lines?.length ?? 0 });
      const { record: read, access: readAccess, may } = await this.records.get(principal, record.id, manager);
      return this.full(manager, principal, readAccess, read, may);
    });
  }

  /**
   * Needs If-Match. Lines, when sent, replace every line. Changing lines, currency or tax rate of a pending, approved
   * or rejected quote sends it back to draft (history: reopened): it must be submitted, and approved, again. Sent,
   * accepted and superseded quotes do not change (409 naming status): revise them instead.
   */
  async update(principal: Principal, id: string, dto: UpdateQuoteDto, version: number | undefined): Promise<QuoteDto> {
    return this.dataSource.transaction(async (manager) => {
      const { record, access, may } = await this.records.get(principal, id, manager, true);
      if (!may.update) throw new AppError(ErrorCode.Forbidden, 'You may not change this quote');
      const { lines, ...header } = dto;
      const repricing = lines !== undefined || (header.taxRate !== undefined && header.taxRate !== record.taxRate);
      access.assertWritable({ ...header, ...(lines !== undefined ? { lines } : {}), ...(repricing ? { prices: true } : {}) }, true);
      assertVersion(record.version, version, true);
      if (!EDITABLE.includes(record.status)) throw conflict('status', `a ${record.status} quote cannot be changed: revise it (POST /quotes/{id}/revise)`);
      if (header.currency !== undefined && header.currency !== record.currency && lines === undefined) throw AppError.validation('lines', 'send the lines again when changing the currency');
      const before = { ...record };
      await this.prepare(manager, principal, header as Partial<QuoteEntity>, record);
      const changed = header.currency !== undefined && header.currency !== record.currency;
      const reopens = (repricing || changed) && record.status !== QuoteStatus.Draft;
      Object.assign(record, Object.fromEntries(Object.entries(header).filter(([, value]) => value !== undefined)));
      if (reopens) {
        Object.assign(record, { status: QuoteStatus.Draft, approvalRole: null, approvalTeamPath: null, decidedAt: null });
        await this.history(manager, principal, id, ApprovalAction.Reopened, null, record.maxDiscountPercent, 'lines or prices changed');
      }
      await manager.update(QuoteEntity, id, {
        opportunityId: record.opportunityId, currency: record.currency, validUntil: record.validUntil, taxRate: record.taxRate, notes: record.notes,
        status: record.status, approvalRole: record.approvalRole, approvalTeamPath: record.approvalTeamPath, decidedAt: record.decidedAt,
        version: () => 'version + 1', updatedAt: () => 'now()',
      } as never);
      if (lines !== undefined) await this.replaceLines(manager, principal, record, lines);
      const after = await this.recompute(manager, id);
      await this.audited(manager, reopens ? 'quote.reopened' : 'quote.updated', before, after, lines !== undefined ? { lines: lines.length } : undefined);
      return this.readBack(manager, principal, id);
    });
  }

  /** Only drafts and rejected quotes are deleted (409 naming status otherwise); needs If-Match. */
  async remove(principal: Principal, id: string, version: number | undefined): Promise<void> {
    const { record } = await this.records.get(principal, id);
    if (![QuoteStatus.Draft, QuoteStatus.Rejected].includes(record.status)) throw conflict('status', `a ${record.status} quote is kept: only drafts and rejected quotes are deleted`);
    await this.dataSource.transaction(async (manager) => {
      await this.records.remove(principal, id, version, manager);
      // What was said about a discarded quote is still history with the customer: it moves to the account's timeline.
      await manager.query(`update activities set related_type = 'account', related_id = account_id where related_type = 'quote' and related_id = $1`, [id]);
    });
  }

  /**
   * Submits a draft or rejected quote for approval: the rules decide on its largest line discount who must approve.
   * Within the limits it is approved at once (history: auto_approved); routed to a sales manager when one is over the
   * owner's team (other than the owner), else to the sales director.
   */
  async submit(principal: Principal, id: string, version: number | undefined): Promise<QuoteDto> {
    return this.command(principal, id, version, async (manager, record) => {
      if (![QuoteStatus.Draft, QuoteStatus.Rejected].includes(record.status)) throw conflict('status', `a ${record.status} quote cannot be submitted`);
      const [{ count }]: Array<{ count: number }> = await manager.query('select count(*)::int as count from quote_lines where quote_id = $1', [id]);
      if (!count) throw conflict('lines', 'a quote without lines cannot be submitted');
      if (record.validUntil < today()) throw conflict('validUntil', 'the quote has expired: change its validity first');
      let approver = await this.requiredApprover(manager, record.maxDiscountPercent);
      const [team]: Array<{ path: string }> = record.teamId ? await manager.query('select path from teams where id = $1', [record.teamId]) : [];
      if (approver === Approver.SalesManager && !(team && (await this.hasRegionalManager(manager, team.path, record.ownerId)))) approver = Approver.SalesDirector;
      const now = new Date();
      if (approver === Approver.None) {
        await this.history(manager, principal, id, ApprovalAction.AutoApproved, null, record.maxDiscountPercent, null);
        return { status: QuoteStatus.Approved, approvalRole: null, approvalTeamPath: null, submittedAt: now, decidedAt: now };
      }
      await this.history(manager, principal, id, ApprovalAction.Submitted, approver, record.maxDiscountPercent, null);
      return { status: QuoteStatus.PendingApproval, approvalRole: approver, approvalTeamPath: team?.path ?? null, submittedAt: now, decidedAt: null };
    }, 'quote.submitted');
  }

  /** 409 unless pending; 403 for anyone who may not decide it (the owner included). */
  approve(principal: Principal, id: string, dto: ApproveQuoteDto, version: number | undefined): Promise<QuoteDto> {
    return this.decide(principal, id, version, ApprovalAction.Approved, dto.comment ?? null);
  }

  reject(principal: Principal, id: string, dto: RejectQuoteDto, version: number | undefined): Promise<QuoteDto> {
    return this.decide(principal, id, version, ApprovalAction.Rejected, dto.comment);
  }

  /** Only approved quotes are sent (409 naming status), and not once expired (409 naming validUntil). */
  send(principal: Principal, id: string, version: number | undefined): Promise<QuoteDto> {
    return this.command(principal, id, version, async (_manager, record) => {
      if (record.status !== QuoteStatus.Approved) throw conflict('status', `a ${record.status} quote cannot be sent: it must be approved first`);
      if (record.validUntil < today()) throw conflict('validUntil', 'the quote has expired');
      return { status: QuoteStatus.Sent, sentAt: new Date() };
    }, 'quote.sent');
  }

  /** The customer accepted a sent quote. */
  accept(principal: Principal, id: string, version: number | undefined): Promise<QuoteDto> {
    return this.command(principal, id, version, async (_manager, record) => {
      if (record.status !== QuoteStatus.Sent) throw conflict('status', `a ${record.status} quote cannot be accepted: send it first`);
      if (record.validUntil < today()) throw conflict('validUntil', 'the quote has expired');
      return { status: QuoteStatus.Accepted, acceptedAt: new Date() };
    }, 'quote.accepted');
  }

  /**
   * A new revision of an approved, rejected or sent quote: a draft copy (same number, revision + 1, same lines and
   * owner); the old one becomes superseded and stays as it was. Answers the new revision.
   */
  async revise(principal: Principal, id: string, version: number | undefined): Promise<QuoteDto> {
    return this.dataSource.transaction(async (manager) => {
      const { record, may } = await this.records.get(principal, id, manager, true);
      if (!may.update) throw new AppError(ErrorCode.Forbidden, 'You may not change this quote');
      assertVersion(record.version, version, false);
      if (!REVISABLE.includes(record.status)) throw conflict('status', `a ${record.status} quote is not revised${record.status === QuoteStatus.Superseded ? ': revise its latest revision' : ': change it instead'}`);
      const newId = new QuoteEntity().id;
      await manager.query(
        `insert into quotes (id, number, revision, account_id, opportunity_id, currency, valid_until, status, tax_rate, notes,
                             owner_id, team_id, partner_account_id, owner_only_edit, restricted)
         select $2, number, (select max(revision) + 1 from quotes o where o.number = q.number), account_id, opportunity_id, currency,
                greatest(valid_until, current_date), 'draft', tax_rate, notes, owner_id, team_id, partner_account_id, owner_only_edit, restricted
           from quotes q where id = $1`,
        [id, newId],
      );
      await manager.query(
        `insert into quote_lines (id, quote_id, position, product_id, description, quantity, list_price, discount_percent, net_price, line_total)
         select gen_random_uuid(), $2, position, product_id, description, quantity, list_price, discount_percent, net_price, line_total from quote_lines where quote_id = $1`,
        [id, newId],
      );
      const after = await this.recompute(manager, newId);
      await manager.update(QuoteEntity, id, { status: QuoteStatus.Superseded, version: () => 'version + 1', updatedAt: () => 'now()' } as never);
      await this.audited(manager, 'quote.superseded', record, { ...record, status: QuoteStatus.Superseded }, { by: newId });
      await this.audited(manager, 'quote.created', {} as QuoteEntity, after, { revisionOf: id });
      return this.readBack(manager, principal, newId);
    });
  }

  /** Oldest first. 404 if the caller cannot see the quote; discounts omitted for who may not read prices. */
  async approvals(principal: Principal, id: string): Promise<QuoteApprovalDto[]> {
    const { access } = await this.records.get(principal, id);
    const rows: Array<QuoteApprovalEntity & { actorName: string | null; actorNameEn: string | null }> = await this.dataSource
      .getRepository(QuoteApprovalEntity)
      .createQueryBuilder('a')
      .leftJoin('users', 'u', 'u.id = a.actor_id')
      .select(['a.id as id', 'a.action as action', 'a.approver_role as "approverRole"', 'a.max_discount_percent::text as "maxDiscountPercent"', 'a.comment as comment', 'a.actor_id as "actorId"', 'a.occurred_at as "occurredAt"', 'u.name as "actorName"', 'u.name_en as "actorNameEn"'])
      .where('a.quote_id = :id', { id })
      .orderBy('a.occurred_at', 'ASC')
      .addOrderBy('a.id', 'ASC')
      .getRawMany();
    const showPrices = mayReadPrices(access);
    return rows.map((row) => {
      const dto = toQuoteApprovalDto(row);
      if (!showPrices) delete dto.maxDiscountPercent;
      return dto;
    });
  }

  // Approval rules

  /** Needs the read right on approval rules (403 otherwise). */
  async approvalRules(principal: Principal): Promise<ApprovalRulesDto> {
    await this.ruleAccess(principal, AccessAction.Read);
    return toRulesView(await this.loadRules(this.dataSource.manager));
  }

  /**
   * Replaces the rules (the sales director's: update at level all). Thresholds strictly increase and only the last
   * rule has none (400 naming the rule's field otherwise). Needs the version read (If-Match: 428 without, 412 when
   * stale). Quotes already pending keep their approver. Audited.
   */
  async updateApprovalRules(principal: Principal, dto: UpdateApprovalRulesDto, version: number | undefined): Promise<ApprovalRulesDto> {
    const access = await this.ruleAccess(principal, AccessAction.Update);
    if (access.level(AccessAction.Update) !== AccessLevel.All) throw new AppError(ErrorCode.Forbidden, 'Only who may change all approval rules changes them');
    dto.rules.forEach((rule, index) => {
      const last = index === dto.rules.length - 1;
      const field = `rules[${index}].maxDiscountPercent`;
      if (last && rule.maxDiscountPercent !== null && rule.maxDiscountPercent !== undefined) throw AppError.validation(field, 'the last rule has no threshold (null): it covers every larger discount');
      if (!last && (rule.maxDiscountPercent === null || rule.maxDiscountPercent === undefined)) throw AppError.validation(field, 'only the last rule goes without a threshold');
      if (!last && cents(rule.maxDiscountPercent as string) > 10_000n) throw AppError.validation(field, 'must be at most 100');
      if (index > 0 && !last && cents(rule.maxDiscountPercent as string) <= cents(dto.rules[index - 1].maxDiscountPercent as string)) throw AppError.validation(field, 'must be larger than the previous rule\'s');
    });
    return this.dataSource.transaction(async (manager) => {
      // Two directors saving at once: the second waits here, then finds the version moved on (412).
      await manager.query('lock table approval_rules in share row exclusive mode');
      const before = await this.loadRules(manager);
      const current = rulesVersion(before);
      assertVersion(current, version, true);
      await manager.query('delete from approval_rules');
      for (const [position, rule] of dto.rules.entries()) {
        await manager.insert(ApprovalRuleEntity, { id: new ApprovalRuleEntity().id, position, maxDiscountPercent: rule.maxDiscountPercent ?? null, approver: rule.approver, version: current + 1, updatedAt: new Date() });
      }
      const after = toRulesView(await this.loadRules(manager));
      await this.audit.record(manager, {
        category: AuditCategory.Business,
        action: 'approval_rules.updated',
        entityType: ObjectType.ApprovalRule,
        changes: { rules: { old: toRulesView(before).rules, new: after.rules }, version: { old: current, new: after.version } },
      });
      return after;
    });
  }

  // Internals

  private async ruleAccess(principal: Principal, action: AccessAction.Read | AccessAction.Update): Promise<ObjectAccess> {
    const access = await this.access.forObject(principal, ObjectType.ApprovalRule);
    if (access.level(action) === AccessLevel.None) throw new AppError(ErrorCode.Forbidden, `You may not ${action === AccessAction.Read ? 'read' : 'change'} the approval rules`);
    return access;
  }

  private loadRules(manager: EntityManager): Promise<ApprovalRuleEntity[]> {
    return manager.find(ApprovalRuleEntity, { order: { position: 'ASC' } });
  }

  /** The first rule whose threshold the discount does not exceed (compared in numeric). */
  private async requiredApprover(manager: EntityManager, maxDiscount: string): Promise<Approver> {
    const [rule]: Array<{ approver: Approver }> = await manager.query(
      `select approver from approval_rules where max_discount_percent is null or $1::numeric <= max_discount_percent order by position limit 1`,
      [maxDiscount],
    );
    return rule?.approver ?? Approver.SalesDirector;
  }

  /** Is there an active sales manager, other than the owner, whose team is the owner's team or an ancestor of it? */
  private async hasRegionalManager(manager: EntityManager, teamPath: string, ownerId: string): Promise<boolean> {
    const rows = await manager.query(
      `select 1 from users u join teams t on t.id = u.team_id join user_roles ur on ur.user_id = u.id join roles r on r.id = ur.role_id
        where u.active and u.id <> $2 and r.key = 'sales_manager' and $1 like t.path || '%' limit 1`,
      [teamPath, ownerId],
    );
    return rows.length > 0;
  }

  /** The quotes (alias) the caller may decide, as SQL; null when they may decide none. */
  private decidablePredicate(principal: Principal, alias: string): { sql: string; params: Record<string, unknown> } | null {
    const options: string[] = [];
    if (principal.roles.includes(RoleKey.SalesDirector)) options.push(`${alias}.approval_role = 'sales_director'`);
    if (principal.roles.includes(RoleKey.SalesManager) && principal.teamPath) options.push(`(${alias}.approval_role = 'sales_manager' and ${alias}.approval_team_path like :decider_path)`);
    if (!options.length) return null;
    return {
      sql: `${alias}.status = 'pending_approval' and ${alias}.owner_id <> :decider and (${options.join(' or ')})`,
      params: { decider: principal.userId, decider_path: `${principal.teamPath ?? ''}%` },
    };
  }

  private mayDecide(principal: Principal, record: QuoteEntity): boolean {
    if (record.status !== QuoteStatus.PendingApproval || record.ownerId === principal.userId) return false;
    if (record.approvalRole === Approver.SalesDirector) return principal.roles.includes(RoleKey.SalesDirector);
    return principal.roles.includes(RoleKey.SalesManager) && !!principal.teamPath && !!record.approvalTeamPath?.startsWith(principal.teamPath);
  }

  private async decide(principal: Principal, id: string, version: number | undefined, action: ApprovalAction.Approved | ApprovalAction.Rejected, comment: string | null): Promise<QuoteDto> {
    return this.dataSource.transaction(async (manager) => {
      const { record } = await this.records.get(principal, id, manager, true);
      if (record.status !== QuoteStatus.PendingApproval) throw conflict('status', `a ${record.status} quote is not awaiting approval`);
      if (!this.mayDecide(principal, record)) {
        const why = record.ownerId === principal.userId ? 'nobody approves their own quote' : `it awaits a decision of ${record.approvalRole === Approver.SalesDirector ? 'the sales director' : 'a sales manager of the owner\'s region'}`;
        throw new AppError(ErrorCode.Forbidden, `You may not decide this quote: ${why}`);
      }
      assertVersion(record.version, version, false);
      const before = { ...record };
      await this.history(manager, principal, id, action, record.approvalRole, record.maxDiscountPercent, comment);
      const changes = { status: action === ApprovalAction.Approved ? QuoteStatus.Approved : QuoteStatus.Rejected, approvalRole: null, approvalTeamPath: null, decidedAt: new Date() };
      await manager.update(QuoteEntity, id, { ...changes, version: () => 'version + 1', updatedAt: () => 'now()' } as never);
      await this.audited(manager, action === ApprovalAction.Approved ? 'quote.approved' : 'quote.rejected', before, { ...before, ...changes }, comment ? { comment } : undefined);
      return this.readBack(manager, principal, id);
    });
  }

  /** A status change by someone who may update the quote (403 otherwise): locked, version-checked when If-Match is sent, audited. */
  private command(principal: Principal, id: string, version: number | undefined, change: (manager: EntityManager, record: QuoteEntity) => Promise<Partial<QuoteEntity>>, action: string): Promise<QuoteDto> {
    return this.dataSource.transaction(async (manager) => {
      const { record, may } = await this.records.get(principal, id, manager, true);
      if (!may.update) throw new AppError(ErrorCode.Forbidden, 'You may not change this quote');
      assertVersion(record.version, version, false);
      const before = { ...record };
      const changes = await change(manager, record);
      await manager.update(QuoteEntity, id, { ...changes, version: () => 'version + 1', updatedAt: () => 'now()' } as never);
      await this.audited(manager, action, before, { ...before, ...changes });
      return this.readBack(manager, principal, id);
    });
  }

  private async readBack(manager: EntityManager, principal: Principal, id: string): Promise<QuoteDto> {
    const { record, access, may } = await this.records.get(principal, id, manager);
    return this.full(manager, principal, access, record, may);
  }

  /**
   * Validates and prices the lines, and writes them in place of the old ones. The products and their prices are
   * read in one query each, whatever the number of lines.
   */
  /** `fresh`: the quote was created in this transaction, so it has no lines to delete. */
  private async replaceLines(manager: EntityManager, principal: Principal, quote: QuoteEntity, lines: QuoteLineInputDto[], fresh = false): Promise<void> {
    if (!fresh) await manager.delete(QuoteLineEntity, { quoteId: quote.id });
    const products = await this.products.loadMany(manager, principal, lines.map((line) => line.productId));
    const effective = await this.prices.effectivePrices(lines, quote.currency, today(), manager);
    let netBound = 0n;
    const priced: QuoteLineToInsert[] = lines.map((line, index) => {
      const field = (name: string) => `lines[${index}].${name}`;
      const product = products.get(line.productId);
      if (!product) throw AppError.validation(field('productId'), 'no such product');
      if (!product.active) throw AppError.validation(field('productId'), 'the product is no longer sold');
      if (!/[1-9]/.test(line.quantity)) throw AppError.validation(field('quantity'), 'must be more than 0');
      const discount = line.discountPercent ?? '0';
      if (cents(discount) > 10_000n) throw AppError.validation(field('discountPercent'), 'must be at most 100');
      const price = effective[index];
      if (line.listPrice === undefined && price === null) throw AppError.validation(field('listPrice'), `no ${quote.currency} price for this product: give a list price`);
      if (line.listPrice !== undefined && price !== null && cents(line.listPrice) < cents(price)) {
        throw AppError.validation(field('listPrice'), `must not be below the list price ${price}: give a discount instead`);
      }
      const listPrice = line.listPrice ?? (price as string);
      // numeric(18, 2) holds every figure: a line, and the quote with its tax, stay below 10^15 (checked exactly).
      const lineBound = (cents(listPrice) * thousandths(line.quantity)) / 1000n;
      if (lineBound >= MAX_TOTAL_CENTS) throw AppError.validation(field('quantity'), 'the line total would exceed 999999999999999.99');
      netBound += lineBound;
      if (netBound >= MAX_TOTAL_CENTS) throw AppError.validation('lines', 'the quote total would exceed 999999999999999.99');
      return { id: new QuoteLineEntity().id, productId: line.productId, description: line.description ?? product.name, quantity: line.quantity, listPrice, discountPercent: discount };
    });
    await insertQuoteLines(manager, quote.id, priced);
  }

  /** Totals from the lines (quote-totals.ts). */
  private async recompute(manager: EntityManager, id: string): Promise<QuoteEntity> {
    await writeQuoteTotals(manager, id);
    return manager.findOneByOrFail(QuoteEntity, { id });
  }

  private async history(manager: EntityManager, principal: Principal, quoteId: string, action: ApprovalAction, approverRole: Approver | null, maxDiscount: string | null, comment: string | null): Promise<void> {
    await manager.insert(QuoteApprovalEntity, { id: new QuoteApprovalEntity().id, quoteId, action, approverRole, maxDiscountPercent: maxDiscount, comment, actorId: principal.userId, occurredAt: new Date() });
  }

  private async audited(manager: EntityManager, action: string, before: Partial<QuoteEntity>, after: Partial<QuoteEntity>, details?: Record<string, unknown>): Promise<void> {
    await this.audit.record(manager, {
      category: AuditCategory.Business,
      action,
      entityType: ObjectType.Quote,
      entityId: after.id ?? before.id,
      changes: diffFields(before, after, AUDITED),
      ...(details ? { details } : {}),
    });
  }

  /** In the create's transaction: the account must be visible, the opportunity one of that account the caller sees. */
  private async prepare(manager: EntityManager, principal: Principal, values: Partial<QuoteEntity>, before: QuoteEntity | undefined): Promise<void> {
    if (values.taxRate !== undefined && cents(values.taxRate) > 10_000n) throw AppError.validation('taxRate', 'must be at most 100');
    if (values.accountId !== undefined && values.accountId !== before?.accountId) {
      await this.accounts.records.get(principal, values.accountId, manager).catch((error: unknown) => {
        throw error instanceof AppError && error.code === ErrorCode.NotFound ? AppError.validation('accountId', 'no such account') : error;
      });
    }
    if (values.opportunityId) {
      const accountId = values.accountId ?? before?.accountId;
      const visible = await this.access.forObject(principal, ObjectType.Opportunity);
      const found = await visible
        .applyReadScope(manager.createQueryBuilder().select('o.id').from('opportunities', 'o'), 'o')
        .andWhere('o.id = :id and o.account_id = :accountId and o.deleted_at is null', { id: values.opportunityId, accountId })
        .getRawOne();
      if (!found) throw AppError.validation('opportunityId', 'no such opportunity of this account');
    }
  }

  /** One quote with its lines, as the caller may see it. */
  private async full(manager: EntityManager, principal: Principal, access: ObjectAccess, record: QuoteEntity, may: RecordCapabilities): Promise<QuoteDto> {
    const [dto] = await this.summaries(access, [record], manager);
    const rows: QuoteLineRow[] = await manager
      .getRepository(QuoteLineEntity)
      .createQueryBuilder('l')
      .innerJoin('products', 'p', 'p.id = l.product_id')
      .select(['l.id as id', 'l.position as position', 'l.product_id as "productId"', 'l.description as description', 'l.quantity::text as quantity', 'l.list_price::text as "listPrice"',
        'l.discount_percent::text as "discountPercent"', 'l.net_price::text as "netPrice"', 'l.line_total::text as "lineTotal"', 'p.code as "productCode"', 'p.name as "productName"',
        'p.name_en as "productNameEn"', 'p.unit as unit'])
      .where('l.quote_id = :id', { id: record.id })
      .orderBy('l.position')
      .getRawMany();
    const showPrices = mayReadPrices(access);
    const lines = access.fieldAccess('lines') === FieldAccess.Hidden ? undefined : rows.map((row) => stripLine(toQuoteLineDto(row), showPrices));
    return { ...dto, ...(lines ? { lines } : {}), myAccess: may, mayDecide: this.mayDecide(principal, record) };
  }

  /** List rows as the caller may see them, with the account's name. */
  private async summaries(access: ObjectAccess, records: QuoteEntity[], manager: EntityManager = this.dataSource.manager): Promise<QuoteDto[]> {
    const accountIds = [...new Set(records.map((r) => r.accountId))];
    const names: Array<{ id: string; name: string }> = accountIds.length ? await manager.query('select id, name from accounts where id = any($1)', [accountIds]) : [];
    const nameOf = new Map(names.map((n) => [n.id, n.name]));
    const showPrices = mayReadPrices(access);
    const date = today();
    return records.map((record) => {
      const dto = access.project(toQuoteDto(record, date), PROTECTED);
      if (dto.accountId) dto.accountName = nameOf.get(record.accountId);
      if (!showPrices) for (const field of QUOTE_PRICE_FIELDS) delete dto[field];
      return dto;
    });
  }
}

function mayReadPrices(access: ObjectAccess): boolean {
  return ![FieldAccess.Hidden, FieldAccess.Masked].includes(access.fieldAccess('prices'));
}

function stripLine(line: QuoteLineDto, showPrices: boolean): QuoteLineDto {
  if (!showPrices) for (const field of LINE_PRICE_FIELDS) delete line[field];
  return line;
}

const listOptions = (query: QuoteQueryDto): ListOptions => ({
  ...query,
  sort: query.sort ?? QuoteSort.NumberDesc,
  filters: { status: query.status, accountId: query.accountId, opportunityId: query.opportunityId, ownerId: query.ownerId },
});

/** A validated non-negative decimal string with at most 2 decimals, in hundredths, exactly (BigInt). */
export function cents(value: string): bigint {
  const [whole, fraction = ''] = value.split('.');
  return BigInt(whole) * 100n + BigInt(fraction.padEnd(2, '0').slice(0, 2));
}

/** A validated positive decimal string with at most 3 decimals, in thousandths. */
function thousandths(value: string): bigint {
  const [whole, fraction = ''] = value.split('.');
  return BigInt(whole) * 1000n + BigInt(fraction.padEnd(3, '0').slice(0, 3));
}

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The rule set's version: every row carries it (1 for an empty table, which the API never leaves). */
function rulesVersion(rules: ApprovalRuleEntity[]): number {
  return rules.reduce((max, rule) => Math.max(max, rule.version), 1);
}

function toRulesView(rules: ApprovalRuleEntity[]): ApprovalRulesDto {
  return { rules: rules.map((r) => ({ maxDiscountPercent: r.maxDiscountPercent, approver: r.approver })), version: rulesVersion(rules) };
}
