import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AccessAction, AccessLevel } from '../../access/access.types';
import type { ObjectAccess } from '../../access/object-access';
import type { Principal } from '../../identity/auth/principal';
import { OpportunityService } from '../opportunities/opportunity.service';
import { OrderStatus } from '../orders/order.entity';
import { OrderService } from '../orders/order.service';
import { QuoteStatus } from '../quotes/quote.entity';
import { QuoteService } from '../quotes/quote.service';
import { AccountService } from './account.service';
import { AccountSummaryDto, AccountSummaryFigure, OmittedFigureDto, OmittedReason, PipelineFigureDto, WonFigureDto } from './account-summary.dto';

/** Quotes still in play (a rejected one may be changed and submitted again). */
const OPEN_QUOTE = [QuoteStatus.Draft, QuoteStatus.PendingApproval, QuoteStatus.Approved, QuoteStatus.Rejected, QuoteStatus.Sent];
/** Orders the customer has not yet confirmed and nobody cancelled. */
const CLOSED_ORDER = [OrderStatus.Confirmed, OrderStatus.Cancelled];
/** What the receivables sum (as OrderService's receivables). */
const RECEIVABLE_FIELDS = ['total', 'paidAmount', 'outstandingAmount', 'dueDate'];

/**
 * The account 360° page's key figures, computed in PostgreSQL over the records the caller may read: each query
 * starts from the object's `ScopedRecords.readable`, so owner-only, restricted and other teams' records never count.
 * A figure needing a field the caller may not read in full is left out with the reason (friendlier on a summary than
 * the 403 the forecast, receivables and reports answer, which would hide the figures the caller may see).
 */
@Injectable()
export class AccountSummaryService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly accounts: AccountService,
    private readonly opportunities: OpportunityService,
    private readonly quotes: QuoteService,
    private readonly orders: OrderService,
  ) {}

  /** 404 when the account is not visible to the caller. */
  async summary(principal: Principal, accountId: string): Promise<AccountSummaryDto> {
    await this.accounts.records.get(principal, accountId);
    const omitted: OmittedFigureDto[] = [];
    const opportunityAccess = await this.opportunities.records.accessFor(principal);
    const quoteAccess = await this.quotes.records.accessFor(principal);
    const orderAccess = await this.orders.records.accessFor(principal);
    /** May `figure` be computed from `fields` of records under `access`? Records it as omitted otherwise. */
    const may = (figure: AccountSummaryFigure, access: ObjectAccess, fields: string[]): boolean => {
      if (access.level(AccessAction.Read) === AccessLevel.None) {
        omitted.push({ figure, reason: OmittedReason.NoAccess, fields: [] });
        return false;
      }
      const unreadable = access.notReadInFull(fields);
      if (unreadable.length) omitted.push({ figure, reason: OmittedReason.HiddenFields, fields: unreadable });
      return unreadable.length === 0;
    };

    // One after another (each is an indexed read of one account's records): a fixed order keeps the committed SQL
    // (apps/api/queries/accounts.summary.rep.sql) stable.
    const asOf = await this.today();
    const openOpportunities = may(AccountSummaryFigure.OpenOpportunities, opportunityAccess, ['stageId']) ? await this.openOpportunities(opportunityAccess, accountId) : null;
    const pipeline = may(AccountSummaryFigure.Pipeline, opportunityAccess, ['stageId', 'amount', 'probability']) ? await this.pipeline(opportunityAccess, accountId) : null;
    const wonThisYear = may(AccountSummaryFigure.WonThisYear, opportunityAccess, ['stageId', 'amount']) ? await this.wonThisYear(opportunityAccess, accountId) : null;
    const openQuotes = may(AccountSummaryFigure.OpenQuotes, quoteAccess, ['status', 'validUntil']) ? await this.openQuotes(quoteAccess, accountId) : null;
    const openOrders = may(AccountSummaryFigure.OpenOrders, orderAccess, ['status']) ? await this.openOrders(orderAccess, accountId) : null;
    // The receivables' own computation (ageing by due date), for this account.
    const receivables = may(AccountSummaryFigure.Receivables, orderAccess, RECEIVABLE_FIELDS) ? (await this.orders.accountReceivables(principal, accountId, {})).totals : null;
    return { accountId, asOf, openOpportunities, pipeline, wonThisYear, openQuotes, openOrders, receivables, omitted };
  }

  private async today(): Promise<string> {
    const [row]: Array<{ day: string }> = await this.dataSource.query(`select to_char(current_date, 'YYYY-MM-DD') as day`);
    return row.day;
  }

  private openStage(access: ObjectAccess, accountId: string) {
    return this.opportunities.records
      .readable(access)
      .innerJoin('pipeline_stages', 's', `s.id = r.stage_id and s.kind = 'open'`)
      .andWhere('r.account_id = :accountId', { accountId });
  }

  private async openOpportunities(access: ObjectAccess, accountId: string): Promise<number> {
    const row = await this.openStage(access, accountId).select('count(*)::int', 'count').getRawOne<{ count: number }>();
    return row?.count ?? 0;
  }

  private async pipeline(access: ObjectAccess, accountId: string): Promise<PipelineFigureDto[]> {
    const rows = await this.openStage(access, accountId)
      .select('r.currency', 'currency')
      .addSelect('count(*)::int', 'count')
      .addSelect('sum(r.amount)::text', 'amount')
      .addSelect('round(sum(r.amount * r.probability) / 100, 2)::text', 'weighted')
      .groupBy('r.currency')
      .orderBy('r.currency', 'ASC')
      .getRawMany<{ currency: string; count: number; amount: string; weighted: string }>();
    return rows.map((row) => ({ currency: row.currency, count: row.count, amount: row.amount, weightedAmount: row.weighted }));
  }

  /**
   * Opportunities now in a won stage whose last move into a won stage (the stage history) falls in the current
   * calendar year: when it was won, not when it was expected to close.
   */
  private async wonThisYear(access: ObjectAccess, accountId: string): Promise<WonFigureDto[]> {
    // Correlated per won opportunity of this account (the history's (opportunity_id, changed_at) index), never an
    // aggregate over the whole history table.
    const wonAt = `(select max(h.changed_at) from opportunity_stage_history h join pipeline_stages ws on ws.id = h.to_stage_id and ws.kind = 'won' where h.opportunity_id = r.id)`;
    const rows = await this.opportunities.records
      .readable(access)
      .innerJoin('pipeline_stages', 's', `s.id = r.stage_id and s.kind = 'won'`)
      .andWhere('r.account_id = :accountId', { accountId })
      .andWhere(`date_trunc('year', ${wonAt}) = date_trunc('year', current_date::timestamptz)`)
      .select('r.currency', 'currency')
      .addSelect('count(*)::int', 'count')
      .addSelect('sum(r.amount)::text', 'amount')
      .groupBy('r.currency')
      .orderBy('r.currency', 'ASC')
      .getRawMany<{ currency: string; count: number; amount: string }>();
    return rows.map((row) => ({ currency: row.currency, count: row.count, amount: row.amount }));
  }

  private async openQuotes(access: ObjectAccess, accountId: string): Promise<number> {
    const row = await this.quotes.records
      .readable(access)
      .andWhere('r.account_id = :accountId', { accountId })
      .andWhere('r.status in (:...openQuote)', { openQuote: OPEN_QUOTE })
      .andWhere('r.valid_until >= current_date')
      .andWhere('not exists (select 1 from orders o where o.quote_id = r.id)')
      .select('count(*)::int', 'count')
      .getRawOne<{ count: number }>();
    return row?.count ?? 0;
  }

  private async openOrders(access: ObjectAccess, accountId: string): Promise<number> {
    const row = await this.orders.records
      .readable(access)
      .andWhere('r.account_id = :accountId', { accountId })
      .andWhere('r.status not in (:...closedOrder)', { closedOrder: CLOSED_ORDER })
      .select('count(*)::int', 'count')
      .getRawOne<{ count: number }>();
    return row?.count ?? 0;
  }
}
