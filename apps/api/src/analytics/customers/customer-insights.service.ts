import { retentionRates, type RetentionCounts } from '@lianxi/analytics';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { AccessService } from '../../access/access.service';
import { AccessAction, AccessLevel, ObjectType } from '../../access/access.types';
import type { ObjectAccess } from '../../access/object-access';
import { beginExport, ExportFormat, type ExportColumnType } from '../../access/export-file';
import { EXPORT_MAX_ROWS } from '../../access/record-export';
import { AuditCategory } from '../../audit/audit-event.entity';
import { AuditService } from '../../audit/audit.service';
import type { Principal } from '../../identity/auth/principal';
import { APP_CONFIG, type AppConfig } from '../../platform/config/app-config';
import { AppError } from '../../platform/http/app-error';
import { ErrorCode } from '../../platform/http/error-code';
import { continueAfter, cursorOf, decodeCursor, orderByKeyset, type KeysetColumn, type Page } from '../../platform/http/pagination';
import type { AccountEntity } from '../../sales/accounts/account.entity';
import { AccountService } from '../../sales/accounts/account.service';
import { OrderService } from '../../sales/orders/order.service';
import { CustomerSummaries } from './customer-summaries';
import {
  CustomerDimension,
  CustomerMoney,
  UNSCORED,
  type CustomerBucketDto,
  type CustomerDistributionDto,
  type CustomerDistributionQueryDto,
  type CustomerExportQueryDto,
  type CustomerInsightDto,
  type CustomerInsightPageDto,
  type CustomerListQueryDto,
  type CustomerMetricsRunDto,
  type CustomerMoneyQueryDto,
  type CustomerRetentionDto,
  type CustomerSort,
  type RetentionYearDto,
} from './customer-insights.dto';

/** The metric column each dimension counts by. */
const DIMENSION_COLUMN: Record<CustomerDimension, string> = {
  [CustomerDimension.Segment]: 'm.rfm_segment',
  [CustomerDimension.Stage]: 'm.lifecycle_stage',
  [CustomerDimension.Class]: 'm.behaviour_class',
};

/**
 * The order fields each level of money figures is computed from (migration 210): revenue is Σ order subtotal, and
 * expected spend and predicted CLV are fitted on the same amounts; cost, profit and historic CLV (discounted yearly
 * profit) also on the lines' totals and cost of their day.
 */
const MONEY_FIELDS: Record<CustomerMoney, string[]> = {
  [CustomerMoney.Revenue]: ['subtotal'],
  [CustomerMoney.Profit]: ['subtotal', 'lines.lineTotal', 'lines.unitCost'],
};

/**
 * Sort keys: exact integers — money in cents, the loyalty index in ten-thousandths (their columns' scales: nothing is
 * rounded) — with a missing score as a value below any real one, so the keyset comparison stays total and descending
 * lists put the unscored last. Integers, not the numerics themselves, because every metrics run builds each index of
 * these expressions again and comparing numerics was most of that (migration 363). The indexes' expressions exactly.
 */
const NULL_LAST = '-9000000000000000000';
const SORT_SQL: Record<CustomerSort, { sql: string; money?: CustomerMoney }> = {
  predictedClv: { sql: `coalesce((m.predicted_clv * 100)::bigint, ${NULL_LAST})`, money: CustomerMoney.Revenue },
  historicClv: { sql: `coalesce((m.historic_clv * 100)::bigint, ${NULL_LAST})`, money: CustomerMoney.Profit },
  revenue: { sql: '(m.revenue * 100)::bigint', money: CustomerMoney.Revenue },
  loyalty: { sql: `coalesce((m.loyalty_index * 10000)::bigint, ${NULL_LAST})` },
};

/**
 * A bucket column as its list indexes lead with it (migration 363): its hash, an integer. A bucket's filter names both
 * the hash (what the index seeks) and the bucket itself (what decides: a shared hash would only cost skipped rows).
 */
const bucketKey = (column: string) => `hashtext(${column})`;

const EXPORT_PAGE = 1000;
const EXPORT_COLUMNS = [
  'accountId', 'name', 'ownerName', 'teamName', 'rfmSegment', 'lifecycleStage', 'behaviourClass', 'rfmRecency', 'rfmFrequency', 'rfmMonetary',
  'orders', 'purchaseDays', 'firstPurchaseOn', 'lastPurchaseOn', 'predictedTransactions', 'probabilityAlive', 'loyaltyIndex',
] as const;
const REVENUE_COLUMNS = ['revenue', 'expectedSpend', 'predictedClv'] as const;
const PROFIT_COLUMNS = ['cost', 'profit', 'historicClv'] as const;
/** The decimal strings (money, scores of the model) and days among them: typed cells in a workbook. */
const EXPORT_TYPES: Partial<Record<keyof CustomerInsightDto, ExportColumnType>> = {
  firstPurchaseOn: 'date',
  lastPurchaseOn: 'date',
  predictedTransactions: 'decimal',
  probabilityAlive: 'decimal',
  loyaltyIndex: 'decimal',
  revenue: 'decimal',
  expectedSpend: 'decimal',
  predictedClv: 'decimal',
  cost: 'decimal',
  profit: 'decimal',
  historicClv: 'decimal',
};

interface CustomerRow {
  account_id: string;
  name: string;
  owner_id: string | null;
  owner_name: string | null;
  team_id: string | null;
  team_name: string | null;
  rfm_segment: string | null;
  lifecycle_stage: string | null;
  behaviour_class: string | null;
  rfm_recency: number | null;
  rfm_frequency: number | null;
  rfm_monetary: number | null;
  orders: number;
  purchase_days: number;
  first_purchase_on: string | null;
  last_purchase_on: string | null;
  predicted_transactions: string | null;
  probability_alive: string | null;
  loyalty_index: string | null;
  revenue?: string;
  expected_spend?: string | null;
  predicted_clv?: string | null;
  cost?: string | null;
  profit?: string | null;
  historic_clv?: string | null;
  sort_key: string;
}

/** What a caller may see here: their account scope, and the money level they asked for (rights checked). */
interface InsightScope {
  accounts: ObjectAccess;
  money: CustomerMoney | undefined;
}

/**
 * Customer analytics over the per-customer metric tables (migration 210), never over raw orders: every figure is
 * limited to the accounts the caller may read — the engine's account read scope is a predicate in the query, as in
 * the account list (team/subtree/all, restricted records, shares, partners) — and money figures, which come from
 * order amounts, are given only on request and only to callers who read those order fields in full (403 naming them).
 */
@Injectable()
export class CustomerInsightsService {
  /** The distributions and retention from the per-team summaries when they can answer exactly (else live below). */
  private readonly summaries: CustomerSummaries;

  constructor(
    private readonly accounts: AccountService,
    private readonly orders: OrderService,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.summaries = new CustomerSummaries(dataSource);
  }

  /** Customers with metrics counted by segment, stage or class (key null: not scored), biggest first, unscored last. */
  async distribution(principal: Principal, query: CustomerDistributionQueryDto): Promise<CustomerDistributionDto> {
    const scope = await this.scope(principal, query.include);
    const rows = (await this.summaries.distribution(scope.accounts, query.by)) ?? (await this.liveDistribution(scope, query.by));
    const buckets = rows.map((row): CustomerBucketDto => ({
      key: row.key,
      customers: row.customers,
      ...(scope.money ? { revenue: row.revenue, predictedClv: row.predicted_clv ?? null } : {}),
      ...(scope.money === CustomerMoney.Profit ? { profit: row.profit ?? null, historicClv: row.historic_clv ?? null } : {}),
    }));
    return { by: query.by, run: await this.latestRun(), customers: buckets.reduce((sum, bucket) => sum + bucket.customers, 0), buckets, currency: this.config.baseCurrency };
  }

  /** The distribution straight from the caller's readable accounts and their metrics: when no summary can answer it. */
  private liveDistribution(scope: InsightScope, by: CustomerDimension) {
    const column = DIMENSION_COLUMN[by];
    const q = this.scoped(scope).select(column, 'key').addSelect('count(*)::int', 'customers');
    if (scope.money) {
      q.addSelect('round(coalesce(sum(m.revenue), 0), 2)::text', 'revenue').addSelect('round(sum(m.predicted_clv), 2)::text', 'predicted_clv');
    }
    if (scope.money === CustomerMoney.Profit) {
      q.addSelect('round(sum(m.profit), 2)::text', 'profit').addSelect('round(sum(m.historic_clv), 2)::text', 'historic_clv');
    }
    return q
      .groupBy(column)
      .orderBy(`${column} is null`, 'ASC')
      .addOrderBy('count(*)', 'DESC')
      .addOrderBy(column, 'ASC')
      .getRawMany<{ key: string | null; customers: number; revenue?: string; predicted_clv?: string | null; profit?: string | null; historic_clv?: string | null }>();
  }

  /** A page of the caller's customers with their metrics, filtered and sorted (keyset pagination). */
  async list(principal: Principal, query: CustomerListQueryDto): Promise<CustomerInsightPageDto> {
    const sort = parseSort(query.sort);
    const scope = await this.scope(principal, query.include, SORT_SQL[sort.key].money);
    return { ...(await this.page(scope, query, sort)), currency: this.config.baseCurrency };
  }

  /**
   * The same list as CSV (UTF-8 with BOM, for Excel) or an Excel workbook, every page: refused (400) beyond EXPORT_MAX_ROWS, audited before
   * any data leaves, like the record exports.
   */
  async export(principal: Principal, query: CustomerExportQueryDto, response: Response): Promise<void> {
    const sort = parseSort(query.sort);
    const scope = await this.scope(principal, query.include, SORT_SQL[sort.key].money);
    const total = await this.filtered(scope, query).getCount();
    if (total > EXPORT_MAX_ROWS) {
      throw new AppError(ErrorCode.ValidationFailed, `The export would have ${total} rows; narrow it to at most ${EXPORT_MAX_ROWS} with filters`, {
        // Named after the filter to narrow: the one given (a bucket too large), else the segment, the finest grouping.
        errors: [{ field: query.stage !== undefined ? 'stage' : query.class !== undefined ? 'class' : 'segment', message: `matches ${total} customers, more than ${EXPORT_MAX_ROWS}` }],
      });
    }
    const columns: string[] = [
      ...EXPORT_COLUMNS,
      ...(scope.money ? REVENUE_COLUMNS : []),
      ...(scope.money === CustomerMoney.Profit ? PROFIT_COLUMNS : []),
    ];
    await this.audit.record(this.dataSource.manager, {
      category: AuditCategory.Business,
      action: 'analytics.customers_exported',
      entityType: ObjectType.Analytics,
      details: { rows: total, columns, format: query.format ?? ExportFormat.Csv, filters: { segment: query.segment, stage: query.stage, class: query.class, sort: query.sort, include: query.include } },
    });
    const file = beginExport(response, {
      name: 'customers', columns, format: query.format ?? ExportFormat.Csv, types: EXPORT_TYPES,
      currency: { code: this.config.baseCurrency, columns: [...REVENUE_COLUMNS, ...PROFIT_COLUMNS] },
    });
    let cursor: string | undefined;
    do {
      const page = await this.page(scope, { ...query, limit: EXPORT_PAGE, cursor }, sort);
      await file.write(page.data as unknown as Array<Record<string, unknown>>);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    await file.end();
  }

  /**
   * Per calendar year (customer_metric_years): customers active, retained from the year before, churned, gained and
   * the retention rate (`retentionRates` of @lianxi/analytics on the counts); with money, the year's revenue and
   * profit and the profit lost to churn — what the customers who churned in the year had made the year before.
   */
  async retention(principal: Principal, query: CustomerMoneyQueryDto): Promise<CustomerRetentionDto> {
    const scope = await this.scope(principal, query.include);
    const rows = (await this.summaries.retention(scope.accounts)) ?? (await this.liveRetention(scope));
    return { run: await this.latestRun(), years: retentionYears(rows, scope.money), currency: this.config.baseCurrency };
  }

  /** Retention straight from the caller's readable accounts and their years: when no summary can answer it. */
  private liveRetention(scope: InsightScope) {
    // Each year says whether the customer bought the year before (retained) and the year after (not leaving): stored by
    // the metrics run (migration 381), where joins to the neighbouring years or lag/lead windows were needed before.
    const q = this.accounts.records
      .readable(scope.accounts)
      .innerJoin('customer_metric_years', 'y', 'y.account_id = r.id')
      .select('y.year', 'year')
      .addSelect('count(*)::int', 'active')
      .addSelect('(count(*) filter (where y.retained))::int', 'retained')
      .addSelect('(count(*) filter (where y.leaving))::int', 'leaving');
    if (scope.money) q.addSelect('round(coalesce(sum(y.revenue), 0), 2)::text', 'revenue');
    if (scope.money === CustomerMoney.Profit) {
      q.addSelect('round(coalesce(sum(y.profit), 0), 2)::text', 'profit').addSelect(
        'round(coalesce(sum(y.profit) filter (where y.leaving), 0), 2)::text',
        'leaving_profit',
      );
    }
    return q
      .groupBy('y.year')
      .orderBy('y.year', 'ASC')
      .getRawMany<{ year: number; active: number; retained: number; leaving: number; revenue?: string; profit?: string; leaving_profit?: string }>();
  }

  /**
   * Analytics `read` (403 without it), the caller's account access, and — for money figures — the read right on orders
   * with every field the money comes from read in full (403 naming each that is not, as for the sales reports).
   */
  private async scope(principal: Principal, include: CustomerMoney | undefined, sortMoney?: CustomerMoney): Promise<InsightScope> {
    const analytics = await this.access.forObject(principal, ObjectType.Analytics);
    if (analytics.level(AccessAction.Read) === AccessLevel.None) throw new AppError(ErrorCode.Forbidden, 'You may not read customer analytics');
    const money = include === CustomerMoney.Profit || sortMoney === CustomerMoney.Profit ? CustomerMoney.Profit : (include ?? sortMoney);
    if (money) (await this.orders.records.accessFor(principal)).assertMayAggregate(MONEY_FIELDS[money], { nameFieldsWithoutRead: true });
    return { accounts: await this.accounts.records.accessFor(principal), money };
  }

  /** The caller's live, readable accounts joined to their metrics (alias `m`). */
  private scoped(scope: InsightScope) {
    return this.accounts.records.readable(scope.accounts).innerJoin('customer_metrics', 'm', 'm.account_id = r.id');
  }

  private filtered(scope: InsightScope, query: CustomerExportQueryDto) {
    const q = this.scoped(scope);
    bucketFilters(query).forEach(([value, column], i) => {
      if (value === undefined) return;
      if (value === UNSCORED) q.andWhere(`${bucketKey(column)} is null`);
      else q.andWhere(`${bucketKey(column)} = hashtext(:insightFilter${i}) and ${column} = :insightFilter${i}`, { [`insightFilter${i}`]: value });
    });
    return q;
  }

  private async page(scope: InsightScope, query: CustomerListQueryDto, sort: { key: CustomerSort; descending: boolean }): Promise<Page<CustomerInsightDto>> {
    const limit = query.limit ?? 50;
    const direction = sort.descending ? 'DESC' : 'ASC';
    // One team's or one owner's customers are few: found by the accounts' team or owner index and sorted, they take
    // milliseconds, where walking a sort index of every customer until `limit` of theirs turn up reads thousands of
    // rows (1 s for a team of 5,000 among 1,000,000). `+ 0` keeps the value and takes the expression off the index.
    const level = scope.accounts.level(AccessAction.Read);
    const narrow = level === AccessLevel.Own || level === AccessLevel.Team || scope.accounts.principal.partnerAccountId !== null;
    const sortSql = narrow ? `(${SORT_SQL[sort.key].sql}) + 0` : SORT_SQL[sort.key].sql;
    const keyset: KeysetColumn<CustomerRow>[] = [
      { expression: sortSql, value: (row) => row.sort_key },
      { expression: 'm.account_id', value: (row) => row.account_id },
    ];
    const q = this.filtered(scope, query)
      .leftJoin('users', 'owner', 'owner.id = r.owner_id')
      .leftJoin('teams', 'team', 'team.id = r.team_id')
      .select('r.id::text', 'account_id')
      .addSelect('r.name', 'name')
      .addSelect('r.owner_id::text', 'owner_id')
      .addSelect('owner.name', 'owner_name')
      .addSelect('r.team_id::text', 'team_id')
      .addSelect('team.name', 'team_name')
      .addSelect('m.rfm_segment', 'rfm_segment')
      .addSelect('m.lifecycle_stage', 'lifecycle_stage')
      .addSelect('m.behaviour_class', 'behaviour_class')
      .addSelect('m.rfm_recency', 'rfm_recency')
      .addSelect('m.rfm_frequency', 'rfm_frequency')
      .addSelect('m.rfm_monetary', 'rfm_monetary')
      .addSelect('m.orders', 'orders')
      .addSelect('m.purchase_days', 'purchase_days')
      .addSelect(`to_char(m.first_purchase_on, 'YYYY-MM-DD')`, 'first_purchase_on')
      .addSelect(`to_char(m.last_purchase_on, 'YYYY-MM-DD')`, 'last_purchase_on')
      .addSelect('m.predicted_transactions::text', 'predicted_transactions')
      .addSelect('m.probability_alive::text', 'probability_alive')
      .addSelect('m.loyalty_index::text', 'loyalty_index')
      .addSelect(`(${sortSql})::text`, 'sort_key');
    if (scope.money) q.addSelect('m.revenue::text', 'revenue').addSelect('m.expected_spend::text', 'expected_spend').addSelect('m.predicted_clv::text', 'predicted_clv');
    if (scope.money === CustomerMoney.Profit) q.addSelect('m.cost::text', 'cost').addSelect('m.profit::text', 'profit').addSelect('m.historic_clv::text', 'historic_clv');
    // The query is over accounts, the rows are raw: the SQL side of the keyset reads only the expressions.
    const sqlKeyset: KeysetColumn<AccountEntity>[] = keyset.map(({ expression }) => ({ expression, value: (account) => account.id }));
    const after = query.cursor ? decodeCursor(query.cursor, keyset.length) : undefined;
    if (after && sort.descending && SORT_SQL[sort.key].sql.includes(NULL_LAST) && Number(after[0]) === Number(NULL_LAST)) {
      // Past the last customer with the score, descending: only those without it are left (no score is below the
      // stand-in), in id order. Said as an equality: the row comparison with the lowest value is estimated at one row,
      // so the planner sorted a bucket's 116,000 unscored customers off the wrong index (2.8 s) instead of reading on.
      q.andWhere(`${sortSql} = ${NULL_LAST} and m.account_id < :afterAccount`, { afterAccount: String(after[1]) });
    } else {
      continueAfter(q, sqlKeyset, query, direction);
    }
    // A bucket's customers are one range of a (bucket hash, sort key, id) index of migrations 310 and 363, already in
    // order. For a value the planner knows the hash is constant; for `unscored` (is null) it does not, and would walk
    // the sort index past every scored customer (5 s at 1,000,000): ordering first by the hash — null throughout, so
    // the order is the same — lets it read the index range instead.
    const unscored = narrow ? [] : bucketFilters(query).filter(([value]) => value === UNSCORED).map(([, column]) => bucketKey(column));
    orderByKeyset(q, [...unscored.map((column) => ({ expression: column, value: (account: AccountEntity) => account.id })), ...sqlKeyset], direction);
    const rows = await q.limit(limit + 1).getRawMany<CustomerRow>();
    const hasMore = rows.length > limit;
    const data = hasMore ? rows.slice(0, limit) : rows;
    const last = data[data.length - 1];
    return { data: data.map((row) => this.toDto(scope, row)), nextCursor: hasMore && last ? cursorOf(keyset, last) : null };
  }

  private toDto(scope: InsightScope, row: CustomerRow): CustomerInsightDto {
    const dto: CustomerInsightDto = {
      accountId: row.account_id,
      name: row.name,
      ownerId: row.owner_id,
      ownerName: row.owner_name,
      teamId: row.team_id,
      teamName: row.team_name,
      rfmSegment: row.rfm_segment,
      lifecycleStage: row.lifecycle_stage,
      behaviourClass: row.behaviour_class,
      rfmRecency: row.rfm_recency,
      rfmFrequency: row.rfm_frequency,
      rfmMonetary: row.rfm_monetary,
      orders: row.orders,
      purchaseDays: row.purchase_days,
      firstPurchaseOn: row.first_purchase_on,
      lastPurchaseOn: row.last_purchase_on,
      predictedTransactions: row.predicted_transactions,
      probabilityAlive: row.probability_alive,
      loyaltyIndex: row.loyalty_index,
      ...(scope.money ? { revenue: row.revenue, expectedSpend: row.expected_spend ?? null, predictedClv: row.predicted_clv ?? null } : {}),
      ...(scope.money === CustomerMoney.Profit ? { cost: row.cost ?? null, profit: row.profit ?? null, historicClv: row.historic_clv ?? null } : {}),
    };
    // The account's name follows its field rules (hidden: omitted, masked: masked), as in the account list.
    return scope.accounts.project(dto, ['name']);
  }

  /** The latest successful recompute: the run every figure here comes from. */
  private async latestRun(): Promise<CustomerMetricsRunDto | null> {
    const [run]: Array<{ id: string; as_of: string | null; finished_at: Date | null }> = await this.dataSource.query(
      `select id, to_char(as_of, 'YYYY-MM-DD') as as_of, finished_at from analytics_runs
        where kind = 'customer_metrics' and status = 'succeeded' order by queued_at desc, id desc limit 1`,
    );
    return run ? { id: run.id, asOf: run.as_of, finishedAt: run.finished_at?.toISOString() ?? null } : null;
  }
}

/** The bucket filters of a list or export, each with its metric column (`unscored`: the column is null). */
function bucketFilters(query: CustomerExportQueryDto): Array<[string | undefined, string]> {
  return [
    [query.segment, 'm.rfm_segment'],
    [query.stage, 'm.lifecycle_stage'],
    [query.class, 'm.behaviour_class'],
  ];
}

function parseSort(sort: string | undefined): { key: CustomerSort; descending: boolean } {
  const value = sort ?? '-loyalty';
  return { key: value.replace(/^-/, '') as CustomerSort, descending: value.startsWith('-') };
}

/**
 * Every year from the first to the last with purchases (a year without any is a row of zeros): the counts of a year
 * come from its own row (active, retained) and the year before's (who did not come back: churned, their profit).
 */
export function retentionYears(
  rows: Array<{ year: number; active: number; retained: number; leaving: number; revenue?: string; profit?: string; leaving_profit?: string }>,
  money: CustomerMoney | undefined,
): RetentionYearDto[] {
  if (!rows.length) return [];
  const byYear = new Map(rows.map((row) => [Number(row.year), row]));
  const first = Number(rows[0].year);
  const years = Array.from({ length: Number(rows[rows.length - 1].year) - first + 1 }, (_, i) => first + i);
  const counts: RetentionCounts = { active: [], retained: [], churned: [], gained: [] };
  years.forEach((year, i) => {
    const row = byYear.get(year);
    const active = row?.active ?? 0;
    const retained = row?.retained ?? 0;
    counts.active.push(active);
    counts.retained.push(retained);
    counts.churned.push(i === 0 ? 0 : (byYear.get(year - 1)?.leaving ?? 0));
    counts.gained.push(active - retained);
  });
  const rates = retentionRates(counts);
  return years.map((year, i) => {
    const row = byYear.get(year);
    const before = byYear.get(year - 1);
    const out: RetentionYearDto = {
      year,
      active: counts.active[i],
      retained: counts.retained[i],
      churned: counts.churned[i],
      gained: counts.gained[i],
      retentionRate: rates[i] === null ? null : rates[i]!.toFixed(4),
    };
    if (money) out.revenue = row?.revenue ?? '0.00';
    if (money === CustomerMoney.Profit) {
      out.profit = row?.profit ?? '0.00';
      out.profitLostToChurn = i === 0 ? '0.00' : (before?.leaving_profit ?? '0.00');
    }
    return out;
  });
}
