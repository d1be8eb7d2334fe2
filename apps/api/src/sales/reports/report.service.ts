import { groupByRecord, type GroupSql } from '../grouping';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AccessService } from '../../access/access.service';
import { ObjectType } from '../../access/access.types';
import type { ObjectAccess } from '../../access/object-access';
import type { Principal } from '../../identity/auth/principal';
import { AppError } from '../../platform/http/app-error';
import { OrderStatus } from '../orders/order.entity';
import { OpportunityService } from '../opportunities/opportunity.service';
import { OrderService } from '../orders/order.service';
import {
  CommissionReportDto,
  CommissionRowDto,
  FunnelDto,
  FunnelQueryDto,
  ReportWindowQueryDto,
  SalesReportDto,
  SalesReportGroupBy,
  SalesReportInclude,
  SalesReportPeriod,
  SalesReportQueryDto,
  SalesReportRowDto,
} from './report.dto';

const PERIOD_FORMAT: Record<SalesReportPeriod, string> = {
  [SalesReportPeriod.Month]: 'YYYY-MM',
  [SalesReportPeriod.Quarter]: 'YYYY-"Q"Q',
  [SalesReportPeriod.Year]: 'YYYY',
};

/** The order field each grouping reads besides the amounts (grouping by a hidden field would reveal it). */
const GROUP_FIELD: Record<SalesReportGroupBy, string> = {
  [SalesReportGroupBy.Owner]: 'ownerId',
  [SalesReportGroupBy.Team]: 'teamId',
  [SalesReportGroupBy.Region]: 'accountId',
  [SalesReportGroupBy.Account]: 'accountId',
  [SalesReportGroupBy.Product]: 'lines.productId',
  [SalesReportGroupBy.Period]: 'orderDate',
};

/** What every report filters on: the window, the currency and (to leave cancellations out) the status. */
const FILTER_FIELDS = ['orderDate', 'currency', 'status'];
const ORDER_AMOUNTS = ['subtotal', 'total', 'paidAmount', 'outstandingAmount'];
const LINE_AMOUNTS = ['lines.lineTotal'];
/** Profit is line totals less the lines' cost of their day. */
const PROFIT_FIELDS = ['lines.lineTotal', 'lines.unitCost'];

interface SalesRow {
  key: string | null;
  cost?: string;
  costed_revenue?: string;
  profit?: string;
  margin_percent?: string | null;
  uncosted_revenue?: string;
  uncosted_lines?: number;
  label: string | null;
  label_en: string | null;
  is_total: number;
  order_count: number;
  quantity: string | null;
  booked_net: string;
  booked_gross: string | null;
  paid: string | null;
  outstanding: string | null;
}

interface CommissionRow {
  owner_id: string | null;
  name: string | null;
  name_en: string | null;
  is_total: number;
  payment_count: number;
  commission_basis: string;
  booked_order_count: number;
  booked_net: string;
  booked_gross: string;
}

/** Σ in PostgreSQL numeric, rounded to a fixed scale so that an empty sum reads `0.00`, never null or a float. */
const sum = (expression: string, scale = 2) => `round(coalesce(sum(${expression}), 0), ${scale})::text`;

/**
 * Sales reports and the commission basis (R-SAL-9) over the orders the caller may read: the engine's read scope is
 * a predicate inside the aggregate query (as for receivables and the forecast), the sums are PostgreSQL numeric,
 * and the totals come from the same statement (grouping sets), so they always match the rows.
 */
@Injectable()
export class ReportService {
  constructor(
    private readonly orders: OrderService,
    private readonly opportunities: OpportunityService,
    private readonly access: AccessService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  /**
   * The pipeline funnel (R-ANA-8) over a cohort of the opportunities the caller may read (created in the window, in
   * the pipeline and currency): per stage in pipeline order how many reached it — from each one's stage history and
   * its current stage — and their amounts, with the conversion from the open stage before and the share won. 403
   * without the read right on opportunities, or naming `amount` (or a field filtered by) when it is not read in full.
   */
  async funnel(principal: Principal, query: FunnelQueryDto): Promise<FunnelDto> {
    const currency = query.currency ?? 'CNY';
    assertWindow(query);
    const access = await this.opportunities.records.accessFor(principal);
    access.assertMayAggregate(['amount', 'currency', 'pipelineId', 'stageId', ...(query.ownerId ? ['ownerId'] : []), ...(query.teamId ? ['teamId'] : [])]);
    const [pipeline]: Array<{ id: string }> = query.pipelineId
      ? await this.dataSource.query('select id from pipelines where id = $1', [query.pipelineId])
      : await this.dataSource.query('select id from pipelines where is_default');
    if (!pipeline) throw AppError.validation('pipelineId', query.pipelineId ? 'no such pipeline' : 'there is no default pipeline');

    // Per opportunity: the furthest open stage it reached, whether it was ever won or lost (history ∪ current stage).
    const cohort = this.opportunities.records
      .readable(access)
      .innerJoin('pipeline_stages', 'current_stage', 'current_stage.id = r.stage_id')
      .leftJoin('opportunity_stage_history', 'history', 'history.opportunity_id = r.id')
      .leftJoin('pipeline_stages', 'history_stage', 'history_stage.id = history.to_stage_id and history_stage.pipeline_id = r.pipeline_id')
      .select('r.id', 'id')
      .addSelect('min(r.amount)', 'amount')
      .addSelect(`greatest(max(history_stage.position) filter (where history_stage.kind = 'open'), min(current_stage.position) filter (where current_stage.kind = 'open'))`, 'furthest')
      .addSelect(`(coalesce(bool_or(history_stage.kind = 'won'), false) or min(current_stage.kind) = 'won')`, 'won')
      .addSelect(`(coalesce(bool_or(history_stage.kind = 'lost'), false) or min(current_stage.kind) = 'lost')`, 'lost')
      .andWhere('r.pipeline_id = :funnelPipeline', { funnelPipeline: pipeline.id })
      .andWhere('r.currency = :funnelCurrency', { funnelCurrency: currency })
      .groupBy('r.id');
    // Creation days in UTC: the window's last day is included whole.
    if (query.from) cohort.andWhere('r.created_at >= :funnelFrom::date', { funnelFrom: query.from });
    if (query.to) cohort.andWhere(`r.created_at < :funnelTo::date + 1`, { funnelTo: query.to });
    if (query.ownerId) cohort.andWhere('r.owner_id = :funnelOwner', { funnelOwner: query.ownerId });
    if (query.teamId) cohort.andWhere('r.team_id = :funnelTeam', { funnelTeam: query.teamId });

    const reached = `case st.kind when 'lost' then o.lost when 'won' then o.won else (o.won or o.furthest >= st.position) end`;
    const rows = await this.dataSource
      .createQueryBuilder()
      .from('pipeline_stages', 'st')
      .leftJoin(`(${cohort.getQuery()})`, 'o', 'true')
      .setParameters(cohort.getParameters())
      .select('st.id::text', 'stage_id')
      .addSelect('st.name', 'name')
      .addSelect('st.name_en', 'name_en')
      .addSelect('st.kind', 'kind')
      .addSelect('st.position', 'position')
      .addSelect(`(count(o.id) filter (where ${reached}))::int`, 'reached')
      .addSelect(`round(coalesce(sum(o.amount) filter (where ${reached}), 0), 2)::text`, 'amount')
      .addSelect('count(o.id)::int', 'total')
      .where('st.pipeline_id = :funnelPipeline')
      .groupBy('st.id')
      .orderBy('st.position', 'ASC')
      .getRawMany<{ stage_id: string; name: string; name_en: string; kind: string; position: number; reached: number; amount: string; total: number }>();
    const won = rows.filter((row) => row.kind === 'won').reduce((sum, row) => sum + row.reached, 0);
    let previousOpen: number | undefined;
    const stages = rows.map((row) => {
      const conversionRate = row.kind === 'lost' || previousOpen === undefined || previousOpen === 0 ? null : ratio(BigInt(row.reached), BigInt(previousOpen), 4);
      const winRate = row.kind === 'open' && row.reached > 0 ? ratio(BigInt(won), BigInt(row.reached), 4) : null;
      if (row.kind === 'open') previousOpen = row.reached;
      return { stageId: row.stage_id, name: row.name, nameEn: row.name_en, kind: row.kind, position: row.position, reached: row.reached, amount: row.amount, conversionRate, winRate };
    });
    return { pipelineId: pipeline.id, currency, from: query.from ?? null, to: query.to ?? null, total: rows[0]?.total ?? 0, stages };
  }

  /**
   * Orders dated in the window (cancelled ones excluded) in one currency, grouped by owner, team, account region,
   * account, product (their lines) or period; by period with each period's growth against the one before and the same
   * period a year earlier. With `include=profit`, cost, profit and margin from the lines' cost of their day. 403
   * without the read right on orders, or naming each amount, cost or grouped field the caller may not read (the
   * quality inspector reads orders without any price; reps and managers without costs).
   */
  async sales(principal: Principal, query: SalesReportQueryDto): Promise<SalesReportDto> {
    const groupBy = query.groupBy ?? SalesReportGroupBy.Owner;
    const period = query.period ?? SalesReportPeriod.Month;
    const currency = query.currency ?? 'CNY';
    const withProfit = query.include === SalesReportInclude.Profit;
    assertWindow(query);
    const byProduct = groupBy === SalesReportGroupBy.Product;
    const access = await this.orderAccess(principal, [
      ...FILTER_FIELDS,
      ...(byProduct ? LINE_AMOUNTS : ORDER_AMOUNTS),
      ...(withProfit ? PROFIT_FIELDS : []),
      GROUP_FIELD[groupBy],
    ]);

    const rows = await this.salesRows(access, { ...query, groupBy, period, currency, withProfit });
    const total = rows.find((row) => Number(row.is_total) === 1);
    const groups = rows.filter((row) => row !== total);
    let growth: Map<string, { growthRate: string | null; yearOverYearGrowthRate: string | null }> | undefined;
    if (groupBy === SalesReportGroupBy.Period) {
      // The periods before the window (one year back is enough for both comparisons) come from the same query.
      const earlier = query.from ? await this.salesRows(access, { groupBy, period, currency, withProfit: false, from: yearBefore(query.from), to: dayBefore(query.from) }) : [];
      const booked = new Map([...earlier, ...groups].filter((row) => Number(row.is_total) !== 1 && row.key !== null).map((row) => [row.key!, row.booked_net]));
      growth = new Map(
        groups.map((row) => [
          row.key!,
          {
            growthRate: growthRate(row.booked_net, booked.get(previousPeriod(row.key!, period))),
            yearOverYearGrowthRate: period === SalesReportPeriod.Year ? null : growthRate(row.booked_net, booked.get(samePeriodLastYear(row.key!))),
          },
        ]),
      );
    }
    return {
      groupBy,
      period,
      withProfit,
      currency,
      from: query.from ?? null,
      to: query.to ?? null,
      rows: groups.map((row) => toSalesRow(row, growth?.get(row.key!))),
      totals: total ? toSalesRow(total) : emptySalesTotals(byProduct, withProfit),
    };
  }

  /** The grouped rows and (grouping sets) the totals row of one sales report over the caller's orders. */
  private async salesRows(
    access: ObjectAccess,
    query: ReportWindowQueryDto & { groupBy: SalesReportGroupBy; period: SalesReportPeriod; currency: string; withProfit: boolean },
  ): Promise<SalesRow[]> {
    const { groupBy, period, currency, withProfit } = query;
    const byProduct = groupBy === SalesReportGroupBy.Product;
    const q = this.windowed(access, query, currency).andWhere('r.status <> :cancelled', { cancelled: OrderStatus.Cancelled });
    let group: GroupSql;
    switch (groupBy) {
      case SalesReportGroupBy.Owner:
      case SalesReportGroupBy.Team:
      case SalesReportGroupBy.Region:
        group = groupByRecord(q, groupBy);
        break;
      case SalesReportGroupBy.Account:
        q.leftJoin('accounts', 'customer', 'customer.id = r.account_id');
        group = { key: 'r.account_id::text', label: 'min(customer.name)', labelEn: 'min(customer.name)' };
        break;
      case SalesReportGroupBy.Product:
        q.innerJoin('order_lines', 'line', 'line.order_id = r.id').leftJoin('products', 'product', 'product.id = line.product_id');
        group = { key: 'line.product_id::text', label: `min(product.code || ' ' || product.name)`, labelEn: `min(product.code || ' ' || product.name_en)` };
        break;
      case SalesReportGroupBy.Period: {
        const key = `to_char(r.order_date, '${PERIOD_FORMAT[period]}')`;
        group = { key, label: key, labelEn: key };
        break;
      }
    }
    const { key, label, labelEn } = group;
    q.select(key, 'key')
      // The totals row of the grouping sets has no key or label; grouping() tells it from a group whose key is null.
      .addSelect(`case when grouping(${key}) = 1 then null else ${label} end`, 'label')
      .addSelect(`case when grouping(${key}) = 1 then null else ${labelEn} end`, 'label_en')
      .addSelect(`grouping(${key})`, 'is_total');
    if (byProduct) {
      // An order with two lines of the product counts once, and once in the totals.
      q.addSelect('count(distinct r.id)::int', 'order_count')
        .addSelect(sum('line.quantity', 3), 'quantity')
        .addSelect(sum('line.line_total'), 'booked_net')
        .addSelect('null', 'booked_gross')
        .addSelect('null', 'paid')
        .addSelect('null', 'outstanding');
    } else {
      q.addSelect('count(*)::int', 'order_count')
        .addSelect('null', 'quantity')
        .addSelect(sum('r.subtotal'), 'booked_net')
        .addSelect(sum('r.total'), 'booked_gross')
        .addSelect(sum('r.paid_amount'), 'paid')
        .addSelect(sum('r.total - r.paid_amount'), 'outstanding');
    }
    if (withProfit) {
      // By product the lines are at hand; otherwise each order's lines are summed first, so an order counts once.
      const c = byProduct ? 'line' : 'lc';
      if (!byProduct) {
        q.leftJoin(
          (sub) =>
            sub
              .from('order_lines', 'l')
              .select('l.order_id', 'order_id')
              .addSelect('sum(l.quantity * l.unit_cost)', 'cost')
              .addSelect('sum(l.line_total) filter (where l.unit_cost is not null)', 'costed')
              .addSelect('sum(l.line_total) filter (where l.unit_cost is null)', 'uncosted')
              .addSelect('count(*) filter (where l.unit_cost is null)', 'uncosted_lines')
              .groupBy('l.order_id'),
          'lc',
          'lc.order_id = r.id',
        );
      }
      const cost = byProduct ? 'line.quantity * line.unit_cost' : 'lc.cost';
      const costed = byProduct ? 'line.line_total * (line.unit_cost is not null)::int' : 'lc.costed';
      const uncosted = byProduct ? 'line.line_total * (line.unit_cost is null)::int' : 'lc.uncosted';
      const uncostedLines = byProduct ? '(line.unit_cost is null)::int' : `${c}.uncosted_lines`;
      q.addSelect(sum(cost), 'cost')
        .addSelect(sum(costed), 'costed_revenue')
        .addSelect(`round(coalesce(sum(${costed}), 0) - coalesce(sum(${cost}), 0), 2)::text`, 'profit')
        .addSelect(`round(100 * (coalesce(sum(${costed}), 0) - coalesce(sum(${cost}), 0)) / nullif(sum(${costed}), 0), 2)::text`, 'margin_percent')
        .addSelect(sum(uncosted), 'uncosted_revenue')
        .addSelect(`coalesce(sum(${uncostedLines}), 0)::int`, 'uncosted_lines');
    }
    const biggestFirst = byProduct ? 'sum(line.line_total)' : 'sum(r.total)';
    return q
      .groupBy(`grouping sets ((${key}), ())`)
      .orderBy(`grouping(${key})`, 'ASC')
      .addOrderBy(groupBy === SalesReportGroupBy.Period ? key : biggestFirst, groupBy === SalesReportGroupBy.Period ? 'ASC' : 'DESC')
      .addOrderBy(key, 'ASC', 'NULLS LAST')
      .getRawMany<SalesRow>();
  }

  /**
   * Per rep (the orders' current owner): the commission basis — payments dated in the window on the orders they own
   * that the caller may read (cash basis, whenever the order was booked) — and, for reference, their orders booked in
   * the window. 403 without the read right on orders or payments, or naming the amounts the caller may not read.
   */
  async commission(principal: Principal, query: ReportWindowQueryDto): Promise<CommissionReportDto> {
    const currency = query.currency ?? 'CNY';
    assertWindow(query);
    const access = await this.orderAccess(principal, [...FILTER_FIELDS, 'ownerId', 'subtotal', 'total']);
    await this.paymentAccess(principal);

    const booked = [`r.status <> :cancelled`, ...(query.from ? ['r.order_date >= :from'] : []), ...(query.to ? ['r.order_date <= :to'] : [])].join(' and ');
    const paidInWindow = ['true', ...(query.from ? ['p.paid_at >= :from'] : []), ...(query.to ? ['p.paid_at <= :to'] : [])].join(' and ');
    const q = this.orders.records
      .readable(access)
      .andWhere('r.currency = :currency', { currency })
      .leftJoin(
        (sub) => sub.select('p.order_id', 'order_id').addSelect('sum(p.amount)', 'received').addSelect('count(*)', 'payments').from('payments', 'p').where(paidInWindow).groupBy('p.order_id'),
        'pay',
        'pay.order_id = r.id',
      )
      .leftJoin('users', 'owner', 'owner.id = r.owner_id')
      .andWhere(`((${booked}) or pay.order_id is not null)`)
      .setParameters({ cancelled: OrderStatus.Cancelled, ...(query.from ? { from: query.from } : {}), ...(query.to ? { to: query.to } : {}) });
    const rows = await q
      .select('r.owner_id::text', 'owner_id')
      .addSelect('case when grouping(r.owner_id) = 1 then null else min(owner.name) end', 'name')
      .addSelect('case when grouping(r.owner_id) = 1 then null else min(owner.name_en) end', 'name_en')
      .addSelect('grouping(r.owner_id)', 'is_total')
      .addSelect('coalesce(sum(pay.payments), 0)::int', 'payment_count')
      .addSelect(sum('pay.received'), 'commission_basis')
      .addSelect(`(count(*) filter (where ${booked}))::int`, 'booked_order_count')
      .addSelect(`round(coalesce(sum(r.subtotal) filter (where ${booked}), 0), 2)::text`, 'booked_net')
      .addSelect(`round(coalesce(sum(r.total) filter (where ${booked}), 0), 2)::text`, 'booked_gross')
      .groupBy('grouping sets ((r.owner_id), ())')
      .orderBy('grouping(r.owner_id)', 'ASC')
      .addOrderBy('coalesce(sum(pay.received), 0)', 'DESC')
      .addOrderBy('r.owner_id', 'ASC')
      .getRawMany<CommissionRow>();
    const total = rows.find((row) => Number(row.is_total) === 1);
    return {
      currency,
      from: query.from ?? null,
      to: query.to ?? null,
      rows: rows.filter((row) => row !== total).map(toCommissionRow),
      totals: total ? toCommissionRow(total) : { ownerId: null, name: null, nameEn: null, paymentCount: 0, commissionBasis: '0.00', bookedOrderCount: 0, bookedNet: '0.00', bookedGross: '0.00' },
    };
  }

  /** The caller's orders in the window and currency (the engine's read scope in the SQL). */
  private windowed(access: ObjectAccess, query: ReportWindowQueryDto, currency: string) {
    const q = this.orders.records.readable(access).andWhere('r.currency = :currency', { currency });
    if (query.from) q.andWhere('r.order_date >= :from', { from: query.from });
    if (query.to) q.andWhere('r.order_date <= :to', { to: query.to });
    return q;
  }

  /**
   * The order read access once the caller may read every field the report sums, groups or filters by: aggregating a
   * hidden field would reveal it, so it is refused with 403 naming each such field — as the forecast does for `amount`.
   */
  private async orderAccess(principal: Principal, fields: string[]): Promise<ObjectAccess> {
    const access = await this.orders.records.accessFor(principal);
    access.assertMayAggregate(fields);
    return access;
  }

  private async paymentAccess(principal: Principal): Promise<void> {
    (await this.access.forObject(principal, ObjectType.Payment)).assertMayAggregate(['amount', 'paidAt']);
  }
}

function assertWindow(query: ReportWindowQueryDto): void {
  // ISO dates compare as strings.
  if (query.from && query.to && query.from > query.to) throw AppError.validation('to', 'must not be before from');
}

function toSalesRow(row: SalesRow, growth?: { growthRate: string | null; yearOverYearGrowthRate: string | null }): SalesReportRowDto {
  const isTotal = Number(row.is_total) === 1;
  const withProfit = row.cost !== undefined;
  return {
    key: isTotal ? null : row.key,
    label: row.label,
    labelEn: row.label_en,
    orderCount: row.order_count,
    quantity: row.quantity,
    bookedNet: row.booked_net,
    bookedGross: row.booked_gross,
    paid: row.paid,
    outstanding: row.outstanding,
    cost: withProfit ? row.cost! : null,
    costedRevenue: withProfit ? row.costed_revenue! : null,
    profit: withProfit ? row.profit! : null,
    marginPercent: withProfit ? (row.margin_percent ?? null) : null,
    uncostedRevenue: withProfit ? row.uncosted_revenue! : null,
    uncostedLineCount: withProfit ? row.uncosted_lines! : null,
    growthRate: growth?.growthRate ?? null,
    yearOverYearGrowthRate: growth?.yearOverYearGrowthRate ?? null,
  };
}

function emptySalesTotals(byProduct: boolean, withProfit: boolean): SalesReportRowDto {
  const zero = byProduct ? null : '0.00';
  const profitZero = withProfit ? '0.00' : null;
  return {
    key: null, label: null, labelEn: null, orderCount: 0, quantity: byProduct ? '0.000' : null, bookedNet: '0.00', bookedGross: zero, paid: zero, outstanding: zero,
    cost: profitZero, costedRevenue: profitZero, profit: profitZero, marginPercent: null, uncostedRevenue: profitZero, uncostedLineCount: withProfit ? 0 : null,
    growthRate: null, yearOverYearGrowthRate: null,
  };
}

/** (current − previous) / previous as a ratio with 4 decimals, half away from zero, in exact integers; null without a previous figure. */
export function growthRate(current: string, previous: string | undefined): string | null {
  if (previous === undefined) return null;
  const before = cents(previous);
  if (before === 0n) return null;
  return ratio(cents(current) - before, before, 4);
}

/** numerator / denominator rounded half away from zero to `scale` decimals, as a decimal string. */
export function ratio(numerator: bigint, denominator: bigint, scale: number): string {
  const negative = numerator < 0n !== denominator < 0n && numerator !== 0n;
  const n = numerator < 0n ? -numerator : numerator;
  const d = denominator < 0n ? -denominator : denominator;
  const factor = 10n ** BigInt(scale);
  const scaled = (n * factor * 2n + d) / (2n * d);
  const digits = scaled.toString().padStart(scale + 1, '0');
  const text = `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
  return negative && scaled !== 0n ? `-${text}` : text;
}

const cents = (decimal: string): bigint => {
  const [whole, fraction = ''] = decimal.split('.');
  const sign = whole.startsWith('-') ? -1n : 1n;
  return sign * (BigInt(whole.replace('-', '')) * 100n + BigInt(fraction.padEnd(2, '0').slice(0, 2)));
};

/** The period key before `key` (`2031-01` → `2030-12`, `2031-Q1` → `2030-Q4`, `2031` → `2030`). */
export function previousPeriod(key: string, period: SalesReportPeriod): string {
  const year = Number(key.slice(0, 4));
  switch (period) {
    case SalesReportPeriod.Year:
      return String(year - 1);
    case SalesReportPeriod.Quarter: {
      const quarter = Number(key.slice(6));
      return quarter === 1 ? `${year - 1}-Q4` : `${year}-Q${quarter - 1}`;
    }
    case SalesReportPeriod.Month: {
      const month = Number(key.slice(5));
      return month === 1 ? `${year - 1}-12` : `${year}-${String(month - 1).padStart(2, '0')}`;
    }
  }
}

const samePeriodLastYear = (key: string): string => `${Number(key.slice(0, 4)) - 1}${key.slice(4)}`;

/** ISO dates: the day before, and the same day a year before (29 February → 28 February, by PostgreSQL's rule too). */
function dayBefore(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

function yearBefore(date: string): string {
  const [year, month, day] = date.split('-').map(Number);
  const last = new Date(Date.UTC(year - 1, month, 0)).getUTCDate();
  return `${year - 1}-${String(month).padStart(2, '0')}-${String(Math.min(day, last)).padStart(2, '0')}`;
}

function toCommissionRow(row: CommissionRow): CommissionRowDto {
  return {
    ownerId: Number(row.is_total) === 1 ? null : row.owner_id,
    name: row.name,
    nameEn: row.name_en,
    paymentCount: row.payment_count,
    commissionBasis: row.commission_basis,
    bookedOrderCount: row.booked_order_count,
    bookedNet: row.booked_net,
    bookedGross: row.booked_gross,
  };
}
