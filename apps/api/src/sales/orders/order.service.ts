import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AccessService } from '../../access/access.service';
import { AccessAction, AccessLevel, FieldAccess, ObjectType } from '../../access/access.types';
import type { ObjectAccess, SqlPredicate } from '../../access/object-access';
import { RecordShares } from '../../access/record-shares';
import { decimalSortKey, ScopedRecords } from '../../access/scoped-records';
import { AuditCategory } from '../../audit/audit-event.entity';
import { AuditService } from '../../audit/audit.service';
import type { Principal } from '../../identity/auth/principal';
import { APP_CONFIG, type AppConfig } from '../../platform/config/app-config';
import { AppError } from '../../platform/http/app-error';
import { ErrorCode } from '../../platform/http/error-code';
import { AccountService } from '../accounts/account.service';
import { convertedMoneySql } from '../exchange-rates/currency-conversion';
import { paginateDescending, type PageQueryDto } from '../../platform/http/pagination';
import {
  AccountPaymentPageDto,
  AccountReceivablesDto,
  AgeingBucket,
  AgeingDto,
  ChangeOrderStatusDto,
  CreateOrderDto,
  CreatePaymentDto,
  LINE_PRICE_FIELDS,
  ORDER_FIELDS,
  ORDER_PROTECTED,
  OrderDto,
  OrderLineDto,
  OrderPageDto,
  OrderQueryDto,
  OrderStatusChangeDto,
  PaymentDto,
  ReceivablesDto,
  ReceivablesQueryDto,
  toOrderDto,
  toOrderLineDto,
  toPaymentDto,
  toStatusChangeDto,
  UpdateOrderDto,
} from './order.dto';
import { OrderEntity, OrderLineEntity, OrderStatus, OrderStatusChangeEntity, PaymentEntity } from './order.entity';
import { fromScaled, normalise, orderTotals, priceLine, toScaled } from '../pricing/money';

/** What a quote conversion hands over: the quote's account, currency, tax rate and lines (list price + discount). */
export interface OrderFromQuoteInput {
  accountId: string;
  quoteId: string;
  currency: string;
  /** Percent, decimal string (`13`, `13.00`). */
  taxRate: string;
  /** Default 30. */
  paymentTermsDays?: number;
  lines: Array<{ productId: string | null; description: string; quantity: string; listPrice: string; discountPercent: string }>;
}

interface NewOrder {
  accountId: string;
  quoteId: string | null;
  currency: string;
  taxRate: string;
  orderDate?: string;
  paymentTermsDays: number;
  notes: string | null;
  ownerId?: string;
  partnerAccountId?: string;
  ownerOnlyEdit?: boolean;
  restricted?: boolean;
  lines: Array<{ productId: string | null; description: string; quantity: string; listPrice: string; discountPercent: string }>;
}

/** The steps someone takes by hand, and where each may be taken from. */
const STEP_FROM: Partial<Record<OrderStatus, OrderStatus>> = {
  [OrderStatus.Shipped]: OrderStatus.Paid,
  [OrderStatus.Delivered]: OrderStatus.Shipped,
  [OrderStatus.Confirmed]: OrderStatus.Delivered,
};

const OPEN = [OrderStatus.Ordered, OrderStatus.PartlyPaid];
const RECEIVABLE_FIELDS = ['total', 'paidAmount', 'outstandingAmount', 'dueDate'];
const PAYMENT_FIELDS = ['amount', 'paidAt', 'method', 'reference'] as const;

/**
 * Orders (R-SAL-6) through the permission engine: lines priced exactly on the server, a forward-only status chain
 * with a timestamped, audited history, payments that move an order to partly / fully paid, and receivables aged by
 * due date — all sums in PostgreSQL numeric or BigInt cents.
 */
@Injectable()
export class OrderService {
  readonly records: ScopedRecords<OrderEntity>;
  readonly shares: RecordShares<OrderEntity>;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly accounts: AccountService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.records = new ScopedRecords(dataSource, access, audit, OrderEntity, {
      objectType: ObjectType.Order,
      nameField: 'number',
      sortable: ['status'],
      searchFields: ['number'],
      fields: [...ORDER_FIELDS].filter((field) => field !== 'outstandingAmount'),
      sortKeys: {
        orderDate: {
          sql: (alias) => `to_char(${alias}.order_date, 'YYYY-MM-DD') collate "C"`,
          value: (row) => row.orderDate,
        },
        dueDate: { sql: (alias) => `to_char(${alias}.due_date, 'YYYY-MM-DD') collate "C"`, value: (row) => row.dueDate },
        total: decimalSortKey<OrderEntity>('total', (row) => row.total),
      },
      prepare: (_manager, _principal, values, before) => this.prepare(values, before),
      written: async (manager, principal, record, before) => {
        if (!before) await this.recordStatusChange(manager, principal, record.id, null, record.status, null);
      },
    });
    this.shares = new RecordShares(dataSource, audit, this.records);
  }

  async list(principal: Principal, query: OrderQueryDto, accountId?: string): Promise<OrderPageDto> {
    if (accountId) await this.accounts.records.get(principal, accountId);
    const { page, access } = await this.records.list(
      principal,
      { ...query, filters: { status: query.status, accountId: query.accountId, ownerId: query.ownerId, teamId: query.teamId }, conditions: orderConditions(query) },
      accountId ? { sql: 'r.account_id = :accountId', params: { accountId } } : undefined,
    );
    return { ...page, data: page.data.map((o) => access.project(toOrderDto(o), ORDER_PROTECTED)) };
  }

  async get(principal: Principal, id: string, manager: EntityManager = this.dataSource.manager): Promise<OrderDto> {
    const { record, access, may } = await this.records.get(principal, id, manager);
    return { ...(await this.withLines(manager, record, access)), myAccess: may };
  }

  /** A manual order with lines (POST /orders). */
  create(principal: Principal, dto: CreateOrderDto): Promise<OrderDto> {
    return this.dataSource.transaction((manager) =>
      this.createOrder(manager, principal, {
        accountId: dto.accountId,
        quoteId: null,
        currency: dto.currency ?? 'CNY',
        taxRate: dto.taxRate ?? '13',
        orderDate: dto.orderDate,
        paymentTermsDays: dto.paymentTermsDays ?? 30,
        notes: dto.notes ?? null,
        ownerId: dto.ownerId,
        partnerAccountId: dto.partnerAccountId,
        ownerOnlyEdit: dto.ownerOnlyEdit,
        restricted: dto.restricted,
        lines: dto.lines.map((line) => ({ productId: line.productId ?? null, description: line.description, quantity: line.quantity, listPrice: line.listPrice, discountPercent: line.discountPercent ?? '0' })),
      }),
    );
  }

  /**
   * The order of an approved quote, inside the caller's transaction (the quote conversion), through the permission
   * engine: the caller needs the create right on orders and must see the account; one order per quote (409 naming
   * `quoteId` for a second). Validation errors name `accountId`, `lines[i].productId` etc. as for POST /orders.
   */
  createFromQuote(manager: EntityManager, principal: Principal, input: OrderFromQuoteInput): Promise<OrderDto> {
    return this.createOrder(manager, principal, {
      accountId: input.accountId,
      quoteId: input.quoteId,
      currency: input.currency,
      taxRate: input.taxRate,
      paymentTermsDays: input.paymentTermsDays ?? 30,
      notes: null,
      lines: input.lines,
    });
  }

  async update(principal: Principal, id: string, dto: UpdateOrderDto, version: number | undefined): Promise<OrderDto> {
    return this.dataSource.transaction(async (manager) => {
      await this.records.update(principal, id, { ...dto } as Partial<OrderEntity>, version, manager);
      return this.get(principal, id, manager);
    });
  }

  /**
   * The next step by hand (If-Match): paid → shipped → delivered → confirmed, or cancelled from `ordered` without
   * payments. Anything else is 409 naming `status`. Timestamped and audited in the same transaction.
   */
  async changeStatus(principal: Principal, id: string, dto: ChangeOrderStatusDto, version: number | undefined): Promise<OrderDto> {
    return this.dataSource.transaction(async (manager) => {
      const status = dto.status as unknown as OrderStatus;
      // The status it moves from, under the row lock the update takes next (the update checks visibility and rights).
      const [locked]: Array<{ status: OrderStatus }> = await manager.query('select status from orders where id = $1 for update', [id]);
      await this.records.update(principal, id, { status } as Partial<OrderEntity>, version, manager);
      await this.recordStatusChange(manager, principal, id, locked.status, status, dto.note ?? null);
      return this.get(principal, id, manager);
    });
  }

  /** The status changes of an order the caller sees (404 otherwise), oldest first. */
  async statusHistory(principal: Principal, id: string): Promise<OrderStatusChangeDto[]> {
    const { access } = await this.records.get(principal, id);
    if (access.fieldAccess('status') === FieldAccess.Hidden) return [];
    const rows = await this.dataSource.getRepository(OrderStatusChangeEntity).find({ where: { orderId: id }, order: { changedAt: 'ASC', id: 'ASC' } });
    return rows.map(toStatusChangeDto);
  }

  /** Payments of an order the caller sees: 403 without a read right on payments, 404 when the order is not visible. */
  async payments(principal: Principal, id: string): Promise<PaymentDto[]> {
    const paymentAccess = await this.paymentAccess(principal, AccessAction.Read);
    await this.records.get(principal, id);
    const rows = await this.dataSource.getRepository(PaymentEntity).find({ where: { orderId: id }, order: { paidAt: 'ASC', createdAt: 'ASC' } });
    return rows.map((p) => paymentAccess.project(toPaymentDto(p), [...PAYMENT_FIELDS]));
  }

  /**
   * An account's payments, newest first by the day the money arrived, keyset-paged: as GET /orders/{id}/payments
   * (403 without a read right on payments, then 404 when the account is not visible), and only payments of orders
   * the caller can see — a payment is visible with its order, so the order read scope decides, in the SQL.
   */
  async accountPayments(principal: Principal, accountId: string, query: PageQueryDto): Promise<AccountPaymentPageDto> {
    const paymentAccess = await this.paymentAccess(principal, AccessAction.Read);
    await this.accounts.records.get(principal, accountId);
    const orderAccess = await this.records.accessFor(principal);
    if (orderAccess.level(AccessAction.Read) === AccessLevel.None) return { data: [], nextCursor: null };
    const visibleOrders = this.records.readable(orderAccess).select('r.id').andWhere('r.account_id = :accountId', { accountId });
    const payments = this.dataSource
      .getRepository(PaymentEntity)
      .createQueryBuilder('p')
      .where(`p.order_id in (${visibleOrders.getQuery()})`)
      .setParameters(visibleOrders.getParameters());
    const page = await paginateDescending(
      payments,
      [
        { expression: 'p.paid_at', value: (row) => row.paidAt },
        { expression: 'p.id', value: (row) => row.id },
      ],
      query,
    );
    // The order numbers for the page, through the order's field rules like any other read of `number`.
    const orderIds = [...new Set(page.data.map((p) => p.orderId))];
    const numbers: Array<{ id: string; number: string }> = orderIds.length ? await this.dataSource.query('select id, number from orders where id = any($1)', [orderIds]) : [];
    const numberOf = new Map(numbers.map((o) => [o.id, orderAccess.project({ number: o.number }, ['number']).number]));
    return {
      nextCursor: page.nextCursor,
      data: page.data.map((p) => {
        const orderNumber = numberOf.get(p.orderId);
        return { ...paymentAccess.project(toPaymentDto(p), [...PAYMENT_FIELDS]), ...(orderNumber === undefined ? {} : { orderNumber }) };
      }),
    };
  }

  /**
   * Records a payment (the create right on `payment`: finance): in the order's currency, at most the outstanding
   * amount (409 naming `amount`), never on a cancelled order (409 naming `status`). The order's paid amount and
   * its status (`partly_paid`, `paid`) follow in the same transaction, with a status-history row and audit entries.
   */
  async recordPayment(principal: Principal, id: string, dto: CreatePaymentDto): Promise<PaymentDto> {
    const paymentAccess = await this.paymentAccess(principal, AccessAction.Create);
    paymentAccess.assertWritable(Object.fromEntries(Object.entries(dto).filter(([, value]) => value !== undefined)));
    const amount = toScaled(normalise(dto.amount, 2), 2);
    if (amount <= 0n) throw AppError.validation('amount', 'must be greater than 0');
    return this.dataSource.transaction(async (manager) => {
      const { record } = await this.records.get(principal, id, manager, true);
      if (record.status === OrderStatus.Cancelled) throw new AppError(ErrorCode.Conflict, 'The order is cancelled', { errors: [{ field: 'status', message: 'is cancelled' }] });
      const total = toScaled(record.total, 2);
      const paidBefore = toScaled(record.paidAmount, 2);
      const open = total - paidBefore;
      if (amount > open) {
        throw new AppError(ErrorCode.Conflict, `The payment exceeds the outstanding ${fromScaled(open, 2)} ${record.currency}`, { errors: [{ field: 'amount', message: `exceeds the outstanding ${fromScaled(open, 2)}` }] });
      }
      const payment = manager.create(PaymentEntity, {
        orderId: id, amount: fromScaled(amount, 2), currency: record.currency, paidAt: dto.paidAt, method: dto.method, reference: dto.reference ?? null, recordedBy: principal.userId, createdAt: new Date(),
      });
      await manager.insert(PaymentEntity, payment);
      const paid = fromScaled(paidBefore + amount, 2);
      const status = OPEN.includes(record.status) ? (paidBefore + amount === total ? OrderStatus.Paid : OrderStatus.PartlyPaid) : record.status;
      await manager.query(`update orders set paid_amount = $2, status = $3, version = version + 1, updated_at = now() where id = $1`, [id, paid, status]);
      await this.audit.record(manager, {
        category: AuditCategory.Business, action: 'payment.recorded', entityType: ObjectType.Payment, entityId: payment.id,
        changes: { amount: { old: null, new: payment.amount }, paidAt: { old: null, new: payment.paidAt }, method: { old: null, new: payment.method }, reference: { old: null, new: payment.reference } },
        details: { orderId: id },
      });
      await this.audit.record(manager, {
        category: AuditCategory.Business, action: 'order.updated', entityType: ObjectType.Order, entityId: id,
        changes: { paidAmount: { old: record.paidAmount, new: paid }, ...(status !== record.status ? { status: { old: record.status, new: status } } : {}) },
        details: { paymentId: payment.id },
      });
      if (status !== record.status) await this.recordStatusChange(manager, principal, id, record.status, status, null);
      const stored = await manager.findOneByOrFail(PaymentEntity, { id: payment.id });
      return paymentAccess.project(toPaymentDto(stored), [...PAYMENT_FIELDS]);
    });
  }

  /** Every open receivable the caller may see, per account and currency (most overdue first) and per currency. */
  async receivables(principal: Principal, query: ReceivablesQueryDto): Promise<ReceivablesDto> {
    const access = await this.receivableAccess(principal);
    const asOf = await this.asOf(query.asOf);
    const byAccount = await this.openReceivables(access, asOf)
      .innerJoin('accounts', 'a', 'a.id = r.account_id')
      .addSelect('r.account_id', 'account_id')
      .addSelect('min(a.name)', 'account_name')
      .groupBy('r.account_id')
      .addGroupBy('r.currency')
      .orderBy('overdue', 'DESC')
      .addOrderBy('r.account_id', 'ASC')
      .getRawMany<AgeingRow & { account_id: string; account_name: string }>();
    const totals = await this.openReceivables(access, asOf).groupBy('r.currency').orderBy('r.currency', 'ASC').getRawMany<AgeingRow>();
    return { asOf, totals: totals.map(toAgeing), accounts: byAccount.map((row) => ({ accountId: row.account_id, accountName: row.account_name, ...toAgeing(row) })) };
  }

  /** One account's open receivables (404 when the account is not visible): ageing per currency and the open orders. */
  async accountReceivables(principal: Principal, accountId: string, query: ReceivablesQueryDto): Promise<AccountReceivablesDto> {
    await this.accounts.records.get(principal, accountId);
    const access = await this.receivableAccess(principal);
    const asOf = await this.asOf(query.asOf);
    const within = (q: ReturnType<OrderService['openReceivables']>) => q.andWhere('r.account_id = :accountId', { accountId });
    const totals = await within(this.openReceivables(access, asOf)).groupBy('r.currency').orderBy('r.currency', 'ASC').getRawMany<AgeingRow>();
    const age = `(cast(:asOf as date) - r.due_date)`;
    const orders = await within(this.openOrders(access, asOf))
      .select('r.id', 'id')
      .addSelect('r.number', 'number')
      .addSelect('r.currency', 'currency')
      .addSelect(`to_char(r.due_date, 'YYYY-MM-DD')`, 'due_date')
      .addSelect(`${age}`, 'days')
      .addSelect('r.total::text', 'total')
      .addSelect('(r.total - r.paid_amount)::text', 'outstanding')
      .orderBy('r.due_date', 'ASC')
      .addOrderBy('r.number', 'ASC')
      .getRawMany<{ id: string; number: string; currency: string; due_date: string; days: number; total: string; outstanding: string }>();
    return {
      asOf,
      accountId,
      totals: totals.map(toAgeing),
      orders: orders.map((o) => ({ orderId: o.id, number: o.number, currency: o.currency, dueDate: o.due_date, daysOverdue: Number(o.days), bucket: bucketOf(Number(o.days)), total: o.total, outstandingAmount: o.outstanding })),
    };
  }

  // ——— internals ———

  private async createOrder(manager: EntityManager, principal: Principal, input: NewOrder): Promise<OrderDto> {
    const access = await this.records.accessFor(principal);
    access.assertMay(AccessAction.Create);
    // An account the caller cannot see is, for them, an account that does not exist.
    await this.accounts.records.get(principal, input.accountId, manager).catch((error: unknown) => {
      throw error instanceof AppError && error.code === ErrorCode.NotFound ? AppError.validation('accountId', 'no such account') : error;
    });
    if (!input.lines.length) throw AppError.validation('lines', 'must contain at least one line');
    const productIds = [...new Set(input.lines.map((line) => line.productId).filter((id): id is string => Boolean(id)))];
    // The cost is read with the existence check: each line keeps the cost of its day, for profit analytics, in the
    // order's currency at the order day's rates (null — an uncosted line — when a rate is missing).
    const cost = convertedMoneySql('cost_price', 'cost_currency', '$2::text', 'coalesce($3::date, current_date)', '$4::text');
    const known: Array<{ id: string; cost: string | null }> = productIds.length
      ? await manager.query(`select id, ${cost}::text as cost from products where id = any($1)`, [productIds, input.currency, input.orderDate ?? null, this.config.baseCurrency])
      : [];
    const costOf = new Map(known.map((p) => [p.id, p.cost]));
    const lines = input.lines.map((line, index) => {
      if (line.productId && !costOf.has(line.productId)) throw AppError.validation(`lines[${index}].productId`, 'no such product');
      const normalised = { quantity: normalise(line.quantity, 3), listPrice: normalise(line.listPrice, 2), discountPercent: normalise(line.discountPercent, 2) };
      if (toScaled(normalised.quantity, 3) <= 0n) throw AppError.validation(`lines[${index}].quantity`, 'must be greater than 0');
      if (toScaled(normalised.discountPercent, 2) > 10000n) throw AppError.validation(`lines[${index}].discountPercent`, 'must be at most 100');
      return { ...line, ...normalised, ...priceLine(normalised) };
    });
    const taxRate = normalise(input.taxRate, 2);
    if (toScaled(taxRate, 2) > 10000n) throw AppError.validation('taxRate', 'must be at most 100');
    if (input.quoteId) {
      const [taken]: Array<{ id: string }> = await manager.query('select id from orders where quote_id = $1', [input.quoteId]);
      if (taken) throw new AppError(ErrorCode.Conflict, 'The quote is already an order', { errors: [{ field: 'quoteId', message: 'already converted' }] });
    }
    const [{ number }]: Array<{ number: string }> = await manager.query(`select 'SO-' || to_char(current_date, 'YYYY') || '-' || lpad(nextval('order_number_seq')::text, 6, '0') as number`);
    const totals = orderTotals(lines.map((line) => line.lineTotal), taxRate);
    const values: Partial<OrderEntity> = {
      number, accountId: input.accountId, quoteId: input.quoteId, currency: input.currency, status: OrderStatus.Ordered, paymentTermsDays: input.paymentTermsDays,
      taxRate, ...totals, paidAmount: '0.00', notes: input.notes,
      ...(input.orderDate ? { orderDate: input.orderDate } : {}),
      ownerId: input.ownerId, partnerAccountId: input.partnerAccountId, ownerOnlyEdit: input.ownerOnlyEdit, restricted: input.restricted,
    };
    for (const key of Object.keys(values) as Array<keyof OrderEntity>) if (values[key] === undefined) delete values[key];
    const { record } = await this.records.create(principal, values, manager);
    await manager.insert(OrderLineEntity, lines.map((line, position) => ({
      id: new OrderLineEntity().id, orderId: record.id, position, productId: line.productId, description: line.description,
      quantity: line.quantity, listPrice: line.listPrice, discountPercent: line.discountPercent, netPrice: line.netPrice, lineTotal: line.lineTotal,
      unitCost: line.productId ? (costOf.get(line.productId) ?? null) : null,
    })));
    await this.audit.record(manager, { category: AuditCategory.Business, action: 'order.lines_added', entityType: ObjectType.Order, entityId: record.id, details: { lines: lines.length } });
    return this.get(principal, record.id, manager);
  }

  /** In an update's transaction: a status change must be the next step by hand (409 naming `status` otherwise). */
  private async prepare(values: Partial<OrderEntity>, before: OrderEntity | undefined): Promise<void> {
    if (!before || values.status === undefined) return;
    const to = values.status;
    const from = before.status;
    const allowed =
      to === OrderStatus.Cancelled
        ? from === OrderStatus.Ordered && toScaled(before.paidAmount, 2) === 0n
        : STEP_FROM[to] === from || (to === OrderStatus.Shipped && from === OrderStatus.Ordered && toScaled(before.total, 2) === 0n);
    if (!allowed) {
      const why = to === OrderStatus.Cancelled ? 'only an order without payments that is not yet paid, shipped or further can be cancelled' : `the next step after ${from} is ${nextStep(from) ?? 'none'}`;
      throw new AppError(ErrorCode.Conflict, `The order is ${from}: it cannot become ${to}`, { errors: [{ field: 'status', message: `cannot go from ${from} to ${to}: ${why}` }] });
    }
  }

  private async recordStatusChange(manager: EntityManager, principal: Principal, orderId: string, from: OrderStatus | null, to: OrderStatus, note: string | null): Promise<void> {
    await manager.insert(OrderStatusChangeEntity, { id: new OrderStatusChangeEntity().id, orderId, fromStatus: from, toStatus: to, changedBy: principal.userId, changedAt: new Date(), note });
  }

  private async withLines(manager: EntityManager, record: OrderEntity, access: ObjectAccess): Promise<OrderDto> {
    const lines = await manager.getRepository(OrderLineEntity).find({ where: { orderId: record.id }, order: { position: 'ASC' } });
    return { ...access.project(toOrderDto(record), ORDER_PROTECTED), lines: lines.map((line) => projectLine(access, line)) };
  }

  private async paymentAccess(principal: Principal, action: AccessAction.Read | AccessAction.Create): Promise<ObjectAccess> {
    const access = await this.access.forObject(principal, ObjectType.Payment);
    if (access.level(action) === AccessLevel.None) throw new AppError(ErrorCode.Forbidden, action === AccessAction.Read ? 'You may not read payments' : 'You may not record payments');
    return access;
  }

  /** The order read access, once the caller may read the amounts that receivables sum (403 naming them otherwise). */
  private async receivableAccess(principal: Principal): Promise<ObjectAccess> {
    const access = await this.records.accessFor(principal);
    access.assertMayAggregate(RECEIVABLE_FIELDS);
    return access;
  }

  private async asOf(asOf: string | undefined): Promise<string> {
    const [row]: Array<{ day: string }> = await this.dataSource.query(`select to_char(coalesce($1::date, current_date), 'YYYY-MM-DD') as day`, [asOf ?? null]);
    return row.day;
  }

  /** Open orders (ordered or partly paid, something outstanding) in the caller's read scope. */
  private openOrders(access: ObjectAccess, asOf: string) {
    return this.records
      .readable(access)
      .andWhere('r.status in (:...open)', { open: OPEN })
      .andWhere('r.total > r.paid_amount')
      .setParameter('asOf', asOf);
  }

  /** Σ outstanding per bucket of days overdue, in PostgreSQL numeric; group it by currency (and more). */
  private openReceivables(access: ObjectAccess, asOf: string) {
    const age = `(cast(:asOf as date) - r.due_date)`;
    const open = '(r.total - r.paid_amount)';
    const sum = (condition: string) => `coalesce(sum(${open}) filter (where ${condition}), 0)::numeric(18, 2)::text`;
    return this.openOrders(access, asOf)
      .select('r.currency', 'currency')
      .addSelect(sum(`${age} <= 0`), 'current')
      .addSelect(sum(`${age} between 1 and 30`), 'd30')
      .addSelect(sum(`${age} between 31 and 60`), 'd60')
      .addSelect(sum(`${age} between 61 and 90`), 'd90')
      .addSelect(sum(`${age} > 90`), 'd90plus')
      .addSelect(`sum(${open})::numeric(18, 2)::text`, 'total')
      .addSelect(sum(`${age} > 0`), 'overdue')
      .addSelect('count(*)::int', 'order_count');
  }
}

interface AgeingRow {
  currency: string;
  current: string;
  d30: string;
  d60: string;
  d90: string;
  d90plus: string;
  total: string;
  overdue: string;
  order_count: number;
}

const toAgeing = (row: AgeingRow): AgeingDto => ({
  currency: row.currency, current: row.current, days1To30: row.d30, days31To60: row.d60, days61To90: row.d90, daysOver90: row.d90plus, total: row.total, overdue: row.overdue, orderCount: row.order_count,
});

export function bucketOf(daysOverdue: number): AgeingBucket {
  if (daysOverdue <= 0) return AgeingBucket.Current;
  if (daysOverdue <= 30) return AgeingBucket.Days1To30;
  if (daysOverdue <= 60) return AgeingBucket.Days31To60;
  if (daysOverdue <= 90) return AgeingBucket.Days61To90;
  return AgeingBucket.DaysOver90;
}

function nextStep(status: OrderStatus): string | undefined {
  if (status === OrderStatus.Ordered || status === OrderStatus.PartlyPaid) return 'paid (by payments)';
  return Object.entries(STEP_FROM).find(([, from]) => from === status)?.[0];
}

/** The list's filters that are not one column's equality: a product among the lines, a window of order dates. */
function orderConditions(query: OrderQueryDto): Array<SqlPredicate & { field: string }> {
  if (query.orderDateFrom && query.orderDateTo && query.orderDateFrom > query.orderDateTo) throw AppError.validation('orderDateTo', 'must not be before orderDateFrom');
  return [
    ...(query.productId ? [{ field: 'lines.productId', sql: 'exists (select 1 from order_lines pl where pl.order_id = r.id and pl.product_id = :productFilter)', params: { productFilter: query.productId } }] : []),
    ...(query.orderDateFrom ? [{ field: 'orderDate', sql: 'r.order_date >= :orderDateFrom', params: { orderDateFrom: query.orderDateFrom } }] : []),
    ...(query.orderDateTo ? [{ field: 'orderDate', sql: 'r.order_date <= :orderDateTo', params: { orderDateTo: query.orderDateTo } }] : []),
  ];
}

/** A line through the order's field rules (`lines.<field>`): prices the caller may not read are omitted or masked. */
function projectLine(access: ObjectAccess, line: OrderLineEntity): OrderLineDto {
  const out: OrderLineDto = toOrderLineDto(line);
  for (const field of LINE_PRICE_FIELDS) {
    const fieldAccess = access.fieldAccess(`lines.${field}`);
    if (fieldAccess === FieldAccess.Hidden) delete out[field];
    else if (fieldAccess === FieldAccess.Masked) out[field] = '****';
  }
  return out;
}
