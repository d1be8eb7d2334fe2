import { ApiProperty } from '@nestjs/swagger';
import { AgeingDto } from '../orders/order.dto';

/** The figures of an account's summary, each of which may be left out for a caller who may not read what it sums. */
export enum AccountSummaryFigure {
  OpenOpportunities = 'openOpportunities',
  Pipeline = 'pipeline',
  WonThisYear = 'wonThisYear',
  OpenQuotes = 'openQuotes',
  OpenOrders = 'openOrders',
  Receivables = 'receivables',
}

/** Why a figure is left out: no read right on the records it counts, or fields it sums that the caller may not read. */
export enum OmittedReason {
  NoAccess = 'no_access',
  HiddenFields = 'hidden_fields',
}

export class OmittedFigureDto {
  @ApiProperty({ enum: AccountSummaryFigure, enumName: 'AccountSummaryFigure' })
  figure!: AccountSummaryFigure;
  @ApiProperty({ enum: OmittedReason, enumName: 'OmittedReason' })
  reason!: OmittedReason;
  /** The fields the caller may not read in full (empty for `no_access`). */
  fields!: string[];
}

/** The open pipeline in one currency. */
export class PipelineFigureDto {
  currency!: string;
  /** Number of open opportunities in this currency. */
  count!: number;
  /** Σ amount of the open opportunities. */
  @ApiProperty({ type: 'string', example: '4140000.00' })
  amount!: string;
  /** Σ amount × probability / 100, rounded half away from zero to the cent once (as the forecast). */
  @ApiProperty({ type: 'string', example: '414000.00' })
  weightedAmount!: string;
}

/** Opportunities won this calendar year in one currency, by the date they entered a won stage. */
export class WonFigureDto {
  currency!: string;
  count!: number;
  @ApiProperty({ type: 'string', example: '1250000.00' })
  amount!: string;
}

/**
 * An account's key figures over only the records the caller may read (record scope, owner-only and restricted
 * records, shares). A figure over a field the caller may not read in full is null and listed in `omitted`.
 */
export class AccountSummaryDto {
  @ApiProperty({ format: 'uuid' })
  accountId!: string;
  /** The day the figures are computed for (the database's current date): receivables are aged and "this year" taken from it. */
  @ApiProperty({ type: 'string', format: 'date', example: '2026-12-02' })
  asOf!: string;
  @ApiProperty({ type: 'integer', nullable: true, description: 'Opportunities in an open stage; null when omitted' })
  openOpportunities!: number | null;
  @ApiProperty({ type: [PipelineFigureDto], nullable: true, description: 'Per currency; null when omitted' })
  pipeline!: PipelineFigureDto[] | null;
  @ApiProperty({ type: [WonFigureDto], nullable: true, description: 'Per currency; null when omitted' })
  wonThisYear!: WonFigureDto[] | null;
  @ApiProperty({ type: 'integer', nullable: true, description: 'Quotes still in play: draft, pending approval, approved, rejected or sent, not expired, not converted into an order; null when omitted' })
  openQuotes!: number | null;
  @ApiProperty({ type: 'integer', nullable: true, description: 'Orders neither confirmed by the customer nor cancelled; null when omitted' })
  openOrders!: number | null;
  @ApiProperty({ type: [AgeingDto], nullable: true, description: 'Open receivables per currency, aged as GET /accounts/{id}/receivables; null when omitted' })
  receivables!: AgeingDto[] | null;
  /** The figures left out, and why. */
  omitted!: OmittedFigureDto[];
}
