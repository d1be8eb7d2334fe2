import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsEnum, IsISO8601, IsOptional, IsString, IsUUID, Length, Matches, MaxLength, ValidateNested } from 'class-validator';
import { BusinessRecordDto, CreateBusinessRecordDto, RecordPageQueryDto, toBusinessRecordDto } from '../../access/business-record.dto';
import { Optional } from '../../platform/http/validation';
import { ApprovalAction, Approver, QuoteApprovalEntity, QuoteEntity, QuoteLineEntity, QuoteStatus } from './quote.entity';

const AMOUNT = /^\d{1,16}(\.\d{1,2})?$/;
const QUANTITY = /^\d{1,11}(\.\d{1,3})?$/;
/** 0–100 with at most two decimals. */
const PERCENT = /^(100(\.0{1,2})?|\d{1,2}(\.\d{1,2})?)$/;
const CURRENCY = /^[A-Z]{3}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
export const MAX_LINES = 200;

function IsCalendarDate(): PropertyDecorator {
  return (target, key) => {
    Matches(DATE, { message: '$property must be a date YYYY-MM-DD' })(target, key);
    IsISO8601({ strict: true }, { message: '$property must be a real calendar date YYYY-MM-DD' })(target, key);
  };
}

/** One line of a quote as sent by a client; prices are decimal strings, never JSON numbers. */
export class QuoteLineInputDto {
  /** An active product you can see. */
  @IsUUID()
  productId!: string;

  /** Defaults to the product's name. */
  @Optional()
  @IsString()
  @Length(1, 1000)
  description?: string;

  /** More than 0, at most 3 decimals. */
  @ApiProperty({ type: 'string', pattern: QUANTITY.source, example: '3' })
  @IsString()
  @Matches(QUANTITY, { message: '$property must be a positive decimal string with at most 3 decimals, e.g. 3 or 2.5' })
  quantity!: string;

  /**
   * Unit list price; default: the effective price of the currency's default price list for this quantity on the day
   * (400 naming this field when there is none). Never below that price: a lower price is a discount.
   */
  @ApiPropertyOptional({ type: 'string', pattern: AMOUNT.source, example: '1234567.89' })
  @Optional()
  @IsString()
  @Matches(AMOUNT, { message: '$property must be a non-negative decimal string with at most 2 decimals, e.g. 1234567.89' })
  listPrice?: string;

  /** 0–100, at most 2 decimals; default 0. The largest line discount decides who must approve the quote. */
  @ApiPropertyOptional({ type: 'string', pattern: PERCENT.source, example: '15' })
  @Optional()
  @IsString()
  @Matches(PERCENT, { message: '$property must be a decimal string 0–100 with at most 2 decimals, e.g. 12.5' })
  discountPercent?: string;
}

export class CreateQuoteDto extends CreateBusinessRecordDto {
  /** An account you can see (400 otherwise, as for one that does not exist). */
  @IsUUID()
  accountId!: string;

  /** An opportunity of that account you can see. */
  @Optional()
  @IsUUID()
  opportunityId?: string;

  /** ISO 4217 code; default CNY. List prices come from that currency's default price list. */
  @ApiPropertyOptional({ type: 'string', pattern: CURRENCY.source, example: 'CNY' })
  @Optional()
  @IsString()
  @Matches(CURRENCY, { message: '$property must be an ISO 4217 code such as CNY' })
  currency?: string;

  /** Last day the offer holds; default 30 days from today. */
  @ApiPropertyOptional({ type: 'string', format: 'date', example: '2027-03-31' })
  @Optional()
  @IsString()
  @IsCalendarDate()
  validUntil?: string;

  /** Tax (VAT) rate in percent; default 13. */
  @ApiPropertyOptional({ type: 'string', pattern: PERCENT.source, example: '13' })
  @Optional()
  @IsString()
  @Matches(PERCENT, { message: '$property must be a decimal string 0–100 with at most 2 decimals, e.g. 13' })
  taxRate?: string;

  @Optional()
  @IsString()
  @MaxLength(4000)
  notes?: string;

  @ApiPropertyOptional({ type: [QuoteLineInputDto], maxItems: MAX_LINES })
  @Optional()
  @IsArray()
  @ArrayMaxSize(MAX_LINES)
  @ValidateNested({ each: true })
  @Type(() => QuoteLineInputDto)
  lines?: QuoteLineInputDto[];
}

/** Changing lines, currency or tax rate of a submitted, approved or rejected quote sends it back to draft. */
export class UpdateQuoteDto {
  /** null detaches it from its opportunity. */
  @IsOptional()
  @IsUUID()
  opportunityId?: string | null;

  /** Changing the currency needs the lines sent again (their prices are re-resolved in it). */
  @ApiPropertyOptional({ type: 'string', pattern: CURRENCY.source, example: 'CNY' })
  @Optional()
  @IsString()
  @Matches(CURRENCY, { message: '$property must be an ISO 4217 code such as CNY' })
  currency?: string;

  @ApiPropertyOptional({ type: 'string', format: 'date', example: '2027-03-31' })
  @Optional()
  @IsString()
  @IsCalendarDate()
  validUntil?: string;

  @ApiPropertyOptional({ type: 'string', pattern: PERCENT.source, example: '13' })
  @Optional()
  @IsString()
  @Matches(PERCENT, { message: '$property must be a decimal string 0–100 with at most 2 decimals, e.g. 13' })
  taxRate?: string;

  /** null clears them. */
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  notes?: string | null;

  /** Replaces every line. */
  @ApiPropertyOptional({ type: [QuoteLineInputDto], maxItems: MAX_LINES })
  @Optional()
  @IsArray()
  @ArrayMaxSize(MAX_LINES)
  @ValidateNested({ each: true })
  @Type(() => QuoteLineInputDto)
  lines?: QuoteLineInputDto[];
}

/** A line as the caller may see it: the price fields are omitted for who may not read prices. */
export class QuoteLineDto {
  id!: string;
  position!: number;
  productId!: string;
  /** @example XE370 */
  productCode!: string;
  productName!: string;
  productNameEn!: string;
  unit!: string;
  @ApiProperty({ type: 'string', nullable: true })
  description!: string | null;
  @ApiProperty({ type: 'string', example: '3.000' })
  quantity!: string;
  @ApiPropertyOptional({ type: 'string', example: '1234567.89' })
  listPrice?: string;
  @ApiPropertyOptional({ type: 'string', example: '15.00' })
  discountPercent?: string;
  /** round(listPrice × (100 − discountPercent) / 100, 2). */
  @ApiPropertyOptional({ type: 'string', example: '1049382.71' })
  netPrice?: string;
  /** round(netPrice × quantity, 2). */
  @ApiPropertyOptional({ type: 'string', example: '3148148.13' })
  lineTotal?: string;
}

/** A quote as the caller may see it. Money is a decimal string computed by the server; prices are omitted for who may not read them. */
export class QuoteDto extends BusinessRecordDto {
  /** Shared by all revisions. @example Q-2026-000001 */
  number?: string;
  /** The quote's version number: 1, then +1 for each revision (not the concurrency `version`). */
  revision?: number;
  accountId?: string;
  /** The account's name, for lists. */
  accountName?: string;
  @ApiPropertyOptional({ type: 'string', format: 'uuid', nullable: true })
  opportunityId?: string | null;
  /** @example CNY */
  currency?: string;
  @ApiPropertyOptional({ type: 'string', format: 'date', example: '2027-03-31' })
  validUntil?: string;
  /** validUntil is before today: it can no longer be sent, accepted or converted. */
  expired!: boolean;
  @ApiPropertyOptional({ enum: QuoteStatus, enumName: 'QuoteStatus' })
  status?: QuoteStatus;
  @ApiPropertyOptional({ type: 'string', example: '13.00' })
  taxRate?: string;
  @ApiPropertyOptional({ type: 'string', nullable: true })
  notes?: string | null;
  /** Σ round(quantity × listPrice, 2). */
  @ApiPropertyOptional({ type: 'string', example: '3703703.67' })
  subtotal?: string;
  /** subtotal − netTotal. */
  @ApiPropertyOptional({ type: 'string', example: '555555.54' })
  discountTotal?: string;
  /** Σ lineTotal. */
  @ApiPropertyOptional({ type: 'string', example: '3148148.13' })
  netTotal?: string;
  /** round(netTotal × taxRate / 100, 2). */
  @ApiPropertyOptional({ type: 'string', example: '409259.26' })
  taxTotal?: string;
  /** netTotal + taxTotal. */
  @ApiPropertyOptional({ type: 'string', example: '3557407.39' })
  grandTotal?: string;
  /** The largest line discount: what the approval rules look at. */
  @ApiPropertyOptional({ type: 'string', example: '15.00' })
  maxDiscountPercent?: string;
  /** Who must decide while the quote is pending approval (sales_manager or sales_director, an Approver); null otherwise. */
  @ApiPropertyOptional({ type: 'string', enum: ['sales_manager', 'sales_director'], nullable: true })
  approvalRole?: string | null;
  @ApiPropertyOptional({ type: 'string', format: 'date-time', nullable: true })
  submittedAt?: Date | null;
  @ApiPropertyOptional({ type: 'string', format: 'date-time', nullable: true })
  decidedAt?: Date | null;
  @ApiPropertyOptional({ type: 'string', format: 'date-time', nullable: true })
  sentAt?: Date | null;
  @ApiPropertyOptional({ type: 'string', format: 'date-time', nullable: true })
  acceptedAt?: Date | null;
  /** Present when one quote is read, created or changed. */
  lines?: QuoteLineDto[];
  /** You may approve or reject it now (present when one quote is read). */
  mayDecide?: boolean;
}

export class QuotePageDto {
  data!: QuoteDto[];
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor!: string | null;
  total?: number;
}

/** Sort orders of quote lists; `-` means descending. Numbers grow over time, so `-number` is newest first. */
export enum QuoteSort {
  Number = 'number',
  NumberDesc = '-number',
  ValidUntil = 'validUntil',
  ValidUntilDesc = '-validUntil',
  Status = 'status',
  StatusDesc = '-status',
  /** The grand total: only for who reads `prices` in full (400 naming `sort` otherwise). */
  GrandTotal = 'grandTotal',
  GrandTotalDesc = '-grandTotal',
}

export class QuoteQueryDto extends RecordPageQueryDto {
  /** Default `-number` (newest first). */
  @Optional()
  @IsEnum(QuoteSort)
  sort?: QuoteSort;

  /** Substring of the quote number. */
  @Optional()
  @IsString()
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({ enum: QuoteStatus, enumName: 'QuoteStatus' })
  @Optional()
  @IsEnum(QuoteStatus)
  status?: QuoteStatus;

  @Optional()
  @IsUUID()
  accountId?: string;

  @Optional()
  @IsUUID()
  opportunityId?: string;

  @Optional()
  @IsUUID()
  ownerId?: string;
}

export class ApproveQuoteDto {
  /** Optional when approving. */
  @Optional()
  @IsString()
  @Length(1, 2000)
  comment?: string;
}

export class RejectQuoteDto {
  /** Why: required when rejecting. */
  @IsString()
  @Length(1, 2000)
  comment!: string;
}

/** One step of a quote's approval history. */
export class QuoteApprovalDto {
  id!: string;
  @ApiProperty({ enum: ApprovalAction, enumName: 'ApprovalAction' })
  action!: ApprovalAction;
  /** Who had to decide (submitted) or decided in which capacity (approved, rejected): an Approver, or null. */
  @ApiProperty({ type: 'string', enum: ['sales_manager', 'sales_director'], nullable: true })
  approverRole!: string | null;
  /** The largest line discount at that moment (omitted for who may not read prices). */
  @ApiPropertyOptional({ type: 'string', nullable: true, example: '15.00' })
  maxDiscountPercent?: string | null;
  @ApiProperty({ type: 'string', nullable: true })
  comment!: string | null;
  @ApiProperty({ type: 'string', format: 'uuid', nullable: true })
  actorId!: string | null;
  @ApiProperty({ type: 'string', nullable: true })
  actorName!: string | null;
  @ApiProperty({ type: 'string', nullable: true })
  actorNameEn!: string | null;
  occurredAt!: Date;
}

export class ApprovalRuleDto {
  /** The rule applies to quotes whose largest line discount is at most this (and above the previous rule's); null: above every other rule. */
  @ApiProperty({ type: 'string', nullable: true, example: '10.00' })
  maxDiscountPercent!: string | null;
  @ApiProperty({ enum: Approver, enumName: 'Approver' })
  approver!: Approver;
}

export class ApprovalRulesDto {
  /** In order of their thresholds; the last has none. */
  rules!: ApprovalRuleDto[];
  /** The rule set's version, also sent as the ETag: send it back as If-Match to replace the rules. */
  @ApiProperty({ type: 'integer', minimum: 1, example: 1 })
  version!: number;
}

export class ApprovalRuleInputDto {
  /** Strictly increasing from rule to rule; null only (and always) on the last rule. */
  @ApiProperty({ type: 'string', nullable: true, pattern: PERCENT.source, example: '10' })
  @IsOptional()
  @IsString()
  @Matches(PERCENT, { message: '$property must be a decimal string 0–100 with at most 2 decimals, e.g. 10' })
  maxDiscountPercent!: string | null;

  @ApiProperty({ enum: Approver, enumName: 'Approver' })
  @IsEnum(Approver)
  approver!: Approver;
}

export class UpdateApprovalRulesDto {
  @ApiProperty({ type: [ApprovalRuleInputDto], minItems: 1, maxItems: 10 })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => ApprovalRuleInputDto)
  rules!: ApprovalRuleInputDto[];
}

/** The quote's fields under field rules besides the record attributes; `prices` guards every money figure. */
export const QUOTE_FIELDS = ['number', 'revision', 'accountId', 'opportunityId', 'currency', 'validUntil', 'status', 'taxRate', 'notes'] as const;
/** Money figures of a quote, shown only to who may read the pseudo-field `prices`. */
export const QUOTE_PRICE_FIELDS = ['subtotal', 'discountTotal', 'netTotal', 'taxTotal', 'grandTotal', 'maxDiscountPercent'] as const;
export const LINE_PRICE_FIELDS = ['listPrice', 'discountPercent', 'netPrice', 'lineTotal'] as const;

export function toQuoteDto(q: QuoteEntity, today: string): QuoteDto {
  return toBusinessRecordDto<QuoteDto>(q, {
    number: q.number,
    revision: q.revision,
    accountId: q.accountId,
    opportunityId: q.opportunityId,
    currency: q.currency,
    validUntil: q.validUntil,
    expired: q.validUntil < today,
    status: q.status,
    taxRate: q.taxRate,
    notes: q.notes,
    subtotal: q.subtotal,
    discountTotal: q.discountTotal,
    netTotal: q.netTotal,
    taxTotal: q.taxTotal,
    grandTotal: q.grandTotal,
    maxDiscountPercent: q.maxDiscountPercent,
    approvalRole: q.approvalRole,
    submittedAt: q.submittedAt,
    decidedAt: q.decidedAt,
    sentAt: q.sentAt,
    acceptedAt: q.acceptedAt,
  });
}

export type QuoteLineRow = QuoteLineEntity & { productCode: string; productName: string; productNameEn: string; unit: string };

export function toQuoteLineDto(l: QuoteLineRow): QuoteLineDto {
  return {
    id: l.id,
    position: l.position,
    productId: l.productId,
    productCode: l.productCode,
    productName: l.productName,
    productNameEn: l.productNameEn,
    unit: l.unit,
    description: l.description,
    quantity: l.quantity,
    listPrice: l.listPrice,
    discountPercent: l.discountPercent,
    netPrice: l.netPrice,
    lineTotal: l.lineTotal,
  };
}

export function toQuoteApprovalDto(a: QuoteApprovalEntity & { actorName: string | null; actorNameEn: string | null }): QuoteApprovalDto {
  return {
    id: a.id,
    action: a.action,
    approverRole: a.approverRole,
    maxDiscountPercent: a.maxDiscountPercent,
    comment: a.comment,
    actorId: a.actorId,
    actorName: a.actorName,
    actorNameEn: a.actorNameEn,
    occurredAt: a.occurredAt,
  };
}
