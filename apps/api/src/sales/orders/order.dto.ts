import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsEnum, IsInt, IsISO8601, IsOptional, IsString, IsUUID, Length, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { BusinessRecordDto, CreateBusinessRecordDto, RecordPageQueryDto, toBusinessRecordDto, UpdateBusinessRecordDto } from '../../access/business-record.dto';
import { RECORD_ATTRIBUTE_FIELDS } from '../../access/record-attributes';
import { Optional } from '../../platform/http/validation';
import { OrderEntity, OrderLineEntity, OrderStatus, OrderStatusChangeEntity, PaymentEntity, PaymentMethod } from './order.entity';

const AMOUNT = /^\d{1,16}(\.\d{1,2})?$/;
const QUANTITY = /^\d{1,11}(\.\d{1,3})?$/;
const PERCENT = /^(100(\.0{1,2})?|\d{1,2}(\.\d{1,2})?)$/;
const CURRENCY = /^[A-Z]{3}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A calendar date `YYYY-MM-DD` that exists. */
function IsCalendarDate(): PropertyDecorator {
  return (target, key) => {
    Matches(DATE, { message: '$property must be a date YYYY-MM-DD' })(target, key);
    IsISO8601({ strict: true }, { message: '$property must be a real calendar date YYYY-MM-DD' })(target, key);
  };
}

/** Business fields of an order under field rules (its lines' prices are `lines.<field>`). */
export const ORDER_FIELDS = ['number', 'accountId', 'quoteId', 'currency', 'status', 'orderDate', 'paymentTermsDays', 'dueDate', 'taxRate', 'subtotal', 'taxAmount', 'total', 'paidAmount', 'outstandingAmount', 'notes'] as const;
/** Line fields under the order's field rules, as `lines.<field>`. */
export const LINE_PRICE_FIELDS = ['listPrice', 'discountPercent', 'netPrice', 'lineTotal'] as const;

/** One line as the caller may see it: prices the caller may not read are omitted. */
export class OrderLineDto {
  id!: string;
  position!: number;
  productId!: string | null;
  description!: string;
  /** Decimal string, up to 3 decimals. @example 2.000 */
  @ApiProperty({ type: 'string', example: '2.000' })
  quantity!: string;
  @ApiPropertyOptional({ type: 'string', example: '1380000.00' })
  listPrice?: string;
  /** Discount in percent, two decimals. @example 15.00 */
  @ApiPropertyOptional({ type: 'string', example: '15.00' })
  discountPercent?: string;
  /** list × (100 − discount) / 100, rounded half up to cents. */
  @ApiPropertyOptional({ type: 'string', example: '1173000.00' })
  netPrice?: string;
  /** net × quantity, rounded half up to cents. */
  @ApiPropertyOptional({ type: 'string', example: '2346000.00' })
  lineTotal?: string;
}

/**
 * An order as the caller may see it. Fields the caller may not read are omitted (every price and amount for the
 * quality inspector); money is a decimal string in the order's currency, computed on the server.
 */
export class OrderDto extends BusinessRecordDto {
  /** @example SO-2026-000123 */
  number?: string;
  accountId?: string;
  /** The quote it was converted from, if any. */
  quoteId?: string | null;
  /** ISO 4217. @example CNY */
  currency?: string;
  @ApiPropertyOptional({ enum: OrderStatus, enumName: 'OrderStatus' })
  status?: OrderStatus;
  @ApiPropertyOptional({ type: 'string', format: 'date' })
  orderDate?: string;
  paymentTermsDays?: number;
  /** order date + payment terms. */
  @ApiPropertyOptional({ type: 'string', format: 'date' })
  dueDate?: string;
  /** Tax in percent. @example 13.00 */
  @ApiPropertyOptional({ type: 'string', example: '13.00' })
  taxRate?: string;
  @ApiPropertyOptional({ type: 'string', example: '2346000.00' })
  subtotal?: string;
  @ApiPropertyOptional({ type: 'string', example: '304980.00' })
  taxAmount?: string;
  @ApiPropertyOptional({ type: 'string', example: '2650980.00' })
  total?: string;
  /** Σ payments. */
  @ApiPropertyOptional({ type: 'string', example: '1000000.00' })
  paidAmount?: string;
  /** total − paid (0 for a cancelled order). */
  @ApiPropertyOptional({ type: 'string', example: '1650980.00' })
  outstandingAmount?: string;
  notes?: string | null;
  /** The lines, in order (when one order is read by id, created or changed). */
  lines?: OrderLineDto[];
}

export class OrderPageDto {
  data!: OrderDto[];
  nextCursor!: string | null;
  total?: number;
}

export enum OrderSort {
  Number = 'number',
  NumberDesc = '-number',
  OrderDate = 'orderDate',
  OrderDateDesc = '-orderDate',
  DueDate = 'dueDate',
  DueDateDesc = '-dueDate',
  Status = 'status',
  StatusDesc = '-status',
  /** Only for who reads `total` in full (400 naming `sort` otherwise). */
  Total = 'total',
  TotalDesc = '-total',
}

export class OrderQueryDto extends RecordPageQueryDto {
  /** Default `number`; `-number` is newest first. */
  @Optional()
  @IsEnum(OrderSort, { message: `sort must be one of ${Object.values(OrderSort).join(', ')}` })
  @ApiPropertyOptional({ enum: OrderSort, enumName: 'OrderSort' })
  sort?: OrderSort;

  /** Substring of the order number. */
  @Optional()
  @IsString()
  @MaxLength(100)
  q?: string;

  @Optional()
  @IsEnum(OrderStatus)
  @ApiPropertyOptional({ enum: OrderStatus, enumName: 'OrderStatus' })
  status?: OrderStatus;

  @Optional()
  @IsUUID()
  accountId?: string;

  @Optional()
  @IsUUID()
  ownerId?: string;

  /** Only the orders of this team (not its sub-teams): what a sales report row by team sums. */
  @Optional()
  @IsUUID()
  teamId?: string;

  /** Only orders with a line of this product: what a sales report row by product sums. */
  @Optional()
  @IsUUID()
  productId?: string;

  /** First order date included (a report period's orders). */
  @ApiPropertyOptional({ type: 'string', format: 'date', example: '2026-01-01' })
  @Optional()
  @IsString()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: '$property must be a date YYYY-MM-DD' })
  @IsISO8601({ strict: true }, { message: '$property must be a real calendar date YYYY-MM-DD' })
  orderDateFrom?: string;

  /** Last order date included. */
  @ApiPropertyOptional({ type: 'string', format: 'date', example: '2026-12-31' })
  @Optional()
  @IsString()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: '$property must be a date YYYY-MM-DD' })
  @IsISO8601({ strict: true }, { message: '$property must be a real calendar date YYYY-MM-DD' })
  orderDateTo?: string;
}

export class CreateOrderLineDto {
  /** A product of the catalogue you may read (400 naming `lines[i].productId` otherwise). */
  @Optional()
  @IsUUID()
  productId?: string;

  @IsString()
  @Length(1, 500)
  description!: string;

  /** Decimal string > 0, up to 3 decimals. */
  @ApiProperty({ type: 'string', pattern: QUANTITY.source, example: '2' })
  @IsString()
  @Matches(QUANTITY, { message: '$property must be a positive decimal string with at most 3 decimals' })
  quantity!: string;

  /** Unit list price in the order's currency, at most 2 decimals. */
  @ApiProperty({ type: 'string', pattern: AMOUNT.source, example: '1380000.00' })
  @IsString()
  @Matches(AMOUNT, { message: '$property must be a non-negative decimal string with at most 2 decimals' })
  listPrice!: string;

  /** 0–100 with at most 2 decimals; default 0. */
  @ApiPropertyOptional({ type: 'string', pattern: PERCENT.source, example: '15' })
  @Optional()
  @IsString()
  @Matches(PERCENT, { message: '$property must be a percentage 0–100 with at most 2 decimals' })
  discountPercent?: string;
}

export class CreateOrderDto extends CreateBusinessRecordDto {
  /** An account you can see (400 naming accountId otherwise). */
  @IsUUID()
  accountId!: string;

  /** ISO 4217; default CNY. */
  @ApiPropertyOptional({ type: 'string', pattern: CURRENCY.source, example: 'CNY' })
  @Optional()
  @IsString()
  @Matches(CURRENCY, { message: '$property must be an ISO 4217 code such as CNY' })
  currency?: string;

  /** Tax in percent, default 13 (China's VAT on machinery). */
  @ApiPropertyOptional({ type: 'string', pattern: PERCENT.source, example: '13' })
  @Optional()
  @IsString()
  @Matches(PERCENT, { message: '$property must be a percentage 0–100 with at most 2 decimals' })
  taxRate?: string;

  /** Default today. */
  @ApiPropertyOptional({ type: 'string', format: 'date', example: '2026-12-02' })
  @Optional()
  @IsString()
  @IsCalendarDate()
  orderDate?: string;

  /** Days after the order date the invoice is due; default 30. */
  @Optional()
  @ApiPropertyOptional({ type: 'integer', minimum: 0, maximum: 365 })
  @IsInt()
  @Min(0)
  @Max(365)
  paymentTermsDays?: number;

  @Optional()
  @IsString()
  @MaxLength(4000)
  notes?: string;

  @ApiProperty({ type: [CreateOrderLineDto], minItems: 1, maxItems: 200 })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => CreateOrderLineDto)
  lines!: CreateOrderLineDto[];
}

/** Lines, currency and amounts do not change after ordering; cancel and order anew instead. */
export class UpdateOrderDto extends UpdateBusinessRecordDto {
  @Optional()
  @ApiPropertyOptional({ type: 'integer', minimum: 0, maximum: 365 })
  @IsInt()
  @Min(0)
  @Max(365)
  paymentTermsDays?: number;

  /** null clears it. */
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  notes?: string | null;
}

/** A step someone takes; `partly_paid` and `paid` follow from payments and cannot be set. */
export enum OrderStep {
  Shipped = 'shipped',
  Delivered = 'delivered',
  Confirmed = 'confirmed',
  Cancelled = 'cancelled',
}

export class ChangeOrderStatusDto {
  /** The next step only: paid → shipped → delivered → confirmed; `cancelled` only from `ordered` without payments. */
  @IsEnum(OrderStep)
  @ApiProperty({ enum: OrderStep, enumName: 'OrderStep' })
  status!: OrderStep;

  @Optional()
  @IsString()
  @MaxLength(1000)
  note?: string;
}

export class OrderStatusChangeDto {
  id!: string;
  /** The status before (an OrderStatus); null for the first entry. */
  @ApiProperty({ type: 'string', nullable: true, example: 'paid' })
  fromStatus!: string | null;
  @ApiProperty({ enum: OrderStatus, enumName: 'OrderStatus' })
  toStatus!: OrderStatus;
  /** Who took the step (for `partly_paid` / `paid`: who recorded the payment). */
  changedBy!: string | null;
  changedAt!: Date;
  note!: string | null;
}

export class CreatePaymentDto {
  /** Decimal string > 0, at most the outstanding amount (409 naming `amount` otherwise). In the order's currency. */
  @ApiProperty({ type: 'string', pattern: AMOUNT.source, example: '500000.00' })
  @IsString()
  @Matches(AMOUNT, { message: '$property must be a positive decimal string with at most 2 decimals' })
  amount!: string;

  /** When the money arrived. */
  @ApiProperty({ type: 'string', format: 'date', example: '2026-12-01' })
  @IsString()
  @IsCalendarDate()
  paidAt!: string;

  @IsEnum(PaymentMethod)
  @ApiProperty({ enum: PaymentMethod, enumName: 'PaymentMethod' })
  method!: PaymentMethod;

  /** Bank reference, bill number… */
  @Optional()
  @IsString()
  @Length(1, 200)
  reference?: string;
}

export class PaymentDto {
  id!: string;
  orderId!: string;
  @ApiProperty({ type: 'string', example: '500000.00' })
  amount!: string;
  currency!: string;
  @ApiProperty({ type: 'string', format: 'date' })
  paidAt!: string;
  @ApiProperty({ enum: PaymentMethod, enumName: 'PaymentMethod' })
  method!: PaymentMethod;
  reference!: string | null;
  recordedBy!: string | null;
  createdAt!: Date;
}

/** A payment in an account's list: with the number of its order, when the caller may read it. */
export class AccountPaymentDto extends PaymentDto {
  /** @example SO-2026-000123 */
  orderNumber?: string;
}

/** Newest first (by the day the money arrived). */
export class AccountPaymentPageDto {
  data!: AccountPaymentDto[];
  nextCursor!: string | null;
}

/** Outstanding amounts by days overdue (by due date), decimal strings. */
export class AgeingDto {
  currency!: string;
  /** Not yet due. */
  @ApiProperty({ type: 'string', example: '0.00' })
  current!: string;
  @ApiProperty({ type: 'string', example: '0.00' })
  days1To30!: string;
  @ApiProperty({ type: 'string', example: '0.00' })
  days31To60!: string;
  @ApiProperty({ type: 'string', example: '0.00' })
  days61To90!: string;
  @ApiProperty({ type: 'string', example: '0.00' })
  daysOver90!: string;
  /** Σ of the buckets. */
  @ApiProperty({ type: 'string', example: '0.00' })
  total!: string;
  /** Σ of the overdue buckets. */
  @ApiProperty({ type: 'string', example: '0.00' })
  overdue!: string;
  /** Open orders counted. */
  orderCount!: number;
}

export class AccountAgeingDto extends AgeingDto {
  accountId!: string;
  /** The account's name (a label for the group). */
  accountName!: string;
}

export enum AgeingBucket {
  Current = 'current',
  Days1To30 = '1-30',
  Days31To60 = '31-60',
  Days61To90 = '61-90',
  DaysOver90 = '90+',
}

export class ReceivableOrderDto {
  orderId!: string;
  number!: string;
  currency!: string;
  @ApiProperty({ type: 'string', format: 'date' })
  dueDate!: string;
  /** Days past the due date (≤ 0: not yet due). */
  daysOverdue!: number;
  @ApiProperty({ enum: AgeingBucket, enumName: 'AgeingBucket' })
  bucket!: AgeingBucket;
  @ApiProperty({ type: 'string', example: '0.00' })
  total!: string;
  @ApiProperty({ type: 'string', example: '0.00' })
  outstandingAmount!: string;
}

export class ReceivablesQueryDto {
  /** The day to age at; default today (server date). */
  @ApiPropertyOptional({ type: 'string', format: 'date', example: '2026-12-02' })
  @Optional()
  @IsString()
  @IsCalendarDate()
  asOf?: string;
}

/** Every open receivable you may see, per account and currency, with totals per currency. */
export class ReceivablesDto {
  @ApiProperty({ type: 'string', format: 'date' })
  asOf!: string;
  /** Per currency over every account. */
  totals!: AgeingDto[];
  /** Per account and currency, most overdue first. */
  accounts!: AccountAgeingDto[];
}

/** One account's open receivables: ageing per currency and the open orders. */
export class AccountReceivablesDto {
  @ApiProperty({ type: 'string', format: 'date' })
  asOf!: string;
  accountId!: string;
  totals!: AgeingDto[];
  /** Oldest due date first. */
  orders!: ReceivableOrderDto[];
}

/** total − paid, exactly (both numeric(18,2) strings), 0 for a cancelled order. */
export function outstanding(order: OrderEntity): string {
  if (order.status === OrderStatus.Cancelled) return '0.00';
  const cents = BigInt(order.total.replace('.', '')) - BigInt(order.paidAmount.replace('.', ''));
  const digits = cents.toString().padStart(3, '0');
  return `${digits.slice(0, -2)}.${digits.slice(-2)}`;
}

export function toOrderDto(order: OrderEntity): OrderDto {
  return toBusinessRecordDto<OrderDto>(order, {
    number: order.number,
    accountId: order.accountId,
    quoteId: order.quoteId,
    currency: order.currency,
    status: order.status,
    orderDate: order.orderDate,
    paymentTermsDays: order.paymentTermsDays,
    dueDate: order.dueDate,
    taxRate: order.taxRate,
    subtotal: order.subtotal,
    taxAmount: order.taxAmount,
    total: order.total,
    paidAmount: order.paidAmount,
    outstandingAmount: outstanding(order),
    notes: order.notes,
  });
}

export function toOrderLineDto(line: OrderLineEntity): Required<OrderLineDto> {
  return {
    id: line.id,
    position: line.position,
    productId: line.productId,
    description: line.description,
    quantity: line.quantity,
    listPrice: line.listPrice,
    discountPercent: line.discountPercent,
    netPrice: line.netPrice,
    lineTotal: line.lineTotal,
  };
}

export function toStatusChangeDto(change: OrderStatusChangeEntity): OrderStatusChangeDto {
  return { id: change.id, fromStatus: change.fromStatus, toStatus: change.toStatus, changedBy: change.changedBy, changedAt: change.changedAt, note: change.note };
}

export function toPaymentDto(payment: PaymentEntity): PaymentDto {
  return {
    id: payment.id,
    orderId: payment.orderId,
    amount: payment.amount,
    currency: payment.currency,
    paidAt: payment.paidAt,
    method: payment.method,
    reference: payment.reference,
    recordedBy: payment.recordedBy,
    createdAt: payment.createdAt,
  };
}

export const ORDER_PROTECTED = [...ORDER_FIELDS, ...RECORD_ATTRIBUTE_FIELDS] as Array<keyof OrderDto & string>;
