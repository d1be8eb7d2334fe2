import { groupByRecord, type GroupSql } from '../grouping';
import { Injectable } from '@nestjs/common';
import { AccessService } from '../../access/access.service';
import { AccessAction, AccessLevel, ObjectType } from '../../access/access.types';
import type { ObjectAccess } from '../../access/object-access';
import type { Principal } from '../../identity/auth/principal';
import { AppError } from '../../platform/http/app-error';
import { ErrorCode } from '../../platform/http/error-code';
import { OrderStatus } from '../orders/order.entity';
import { OrderService } from '../orders/order.service';
import {
  CommissionReportDto,
  CommissionRowDto,
  ReportWindowQueryDto,
  SalesReportDto,
  SalesReportGroupBy,
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
  [SalesReportGroupBy.Product]: 'lines.productId',
  [SalesReportGroupBy.Period]: 'orderDate',
};

/** What every report filters on: the window, the currency and (to leave cancellations out) the status. */
const FILTER_FIELDS = ['orderDate', 'currency', 'status'];
const ORDER_AMOUNTS = ['subtotal', 'total', 'paidAmount', 'outstandingAmount'];
const LINE_AMOUNTS = ['lines.lineTotal'];

interface SalesRow {
  key: string | null;
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
    private readonly access: AccessService,
  ) {}

  /**
   * Orders dated in the window (cancelled ones excluded) in one currency, grouped by owner, team, account region,
   * product (their lines) or period. 403 without the read right on orders, or naming each amount or grouped field
   * the caller may not read (the quality inspector reads orders without any price).
   */
  async sales(principal: Principal, query: SalesReportQueryDto): Promise<SalesReportDto> {
    const groupBy = query.groupBy ?? SalesReportGroupBy.Owner;
    const period = query.period ?? SalesReportPeriod.Month;
    const currency = query.currency ?? 'CNY';
    assertWindow(query);
    const byProduct = groupBy === SalesReportGroupBy.Product;
    const access = await this.orderAccess(principal, [...FILTER_FIELDS, ...(byProduct ? LINE_AMOUNTS : ORDER_AMOUNTS), GROUP_FIELD[groupBy]]);

    const q = this.windowed(access, query, currency).andWhere('r.status <> :cancelled', { cancelled: OrderStatus.Cancelled });
    let group: GroupSql;
    switch (groupBy) {
      case SalesReportGroupBy.Owner:
      case SalesReportGroupBy.Team:
      case SalesReportGroupBy.Region:
        group = groupByRecord(q, groupBy);
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
    const biggestFirst = byProduct ? 'sum(line.line_total)' : 'sum(r.total)';
    const rows = await q
      .groupBy(`grouping sets ((${key}), ())`)
      .orderBy(`grouping(${key})`, 'ASC')
      .addOrderBy(groupBy === SalesReportGroupBy.Period ? key : biggestFirst, groupBy === SalesReportGroupBy.Period ? 'ASC' : 'DESC')
      .addOrderBy(key, 'ASC', 'NULLS LAST')
      .getRawMany<SalesRow>();
    const total = rows.find((row) => Number(row.is_total) === 1);
    return {
      groupBy,
      period,
      currency,
      from: query.from ?? null,
      to: query.to ?? null,
      rows: rows.filter((row) => row !== total).map(toSalesRow),
      totals: total ? toSalesRow(total) : emptySalesTotals(byProduct),
    };
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
    if (access.level(AccessAction.Read) === AccessLevel.None) throw new AppError(ErrorCode.Forbidden, 'You may not read orders');
    access.assertReadsInFull(fields);
    return access;
  }

  private async paymentAccess(principal: Principal): Promise<void> {
    const access = await this.access.forObject(principal, ObjectType.Payment);
    if (access.level(AccessAction.Read) === AccessLevel.None) throw new AppError(ErrorCode.Forbidden, 'You may not read payments');
    access.assertReadsInFull(['amount', 'paidAt']);
  }
}

function assertWindow(query: ReportWindowQueryDto): void {
  // ISO dates compare as strings.
  if (query.from && query.to && query.from > query.to) throw AppError.validation('to', 'must not be before from');
}

function toSalesRow(row: SalesRow): SalesReportRowDto {
  const isTotal = Number(row.is_total) === 1;
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
  };
}

function emptySalesTotals(byProduct: boolean): SalesReportRowDto {
  const zero = byProduct ? null : '0.00';
  return { key: null, label: null, labelEn: null, orderCount: 0, quantity: byProduct ? '0.000' : null, bookedNet: '0.00', bookedGross: zero, paid: zero, outstanding: zero };
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
