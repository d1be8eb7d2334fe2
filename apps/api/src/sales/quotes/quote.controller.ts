import { Body, Controller, Delete, Get, Patch, Post, Put, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CreateShareDto, ShareDto } from '../../access/record-share.dto';
import { CurrentPrincipal } from '../../identity/auth/current-principal.decorator';
import type { Principal } from '../../identity/auth/principal';
import { Endpoint } from '../../platform/http/endpoint.decorator';
import { IfMatchVersion, setVersionEtag } from '../../platform/http/etag';
import { UuidParam } from '../../platform/http/validation';
import {
  ApprovalRulesDto,
  ApproveQuoteDto,
  CreateQuoteDto,
  QuoteApprovalDto,
  QuoteDto,
  QuotePageDto,
  QuoteQueryDto,
  RejectQuoteDto,
  UpdateApprovalRulesDto,
  UpdateQuoteDto,
} from './quote.dto';
import { OrderDto } from '../orders/order.dto';
import { QuoteConversionService } from './quote-conversion.service';
import { QuotePdfService } from './quote-pdf.service';
import { QuoteService } from './quote.service';

/** Quotes and their special-price approval, through the permission engine: what a caller may not see does not exist for them. */
@ApiTags('quotes')
@Controller()
export class QuoteController {
  constructor(
    private readonly quotes: QuoteService,
    private readonly pdfs: QuotePdfService,
    private readonly conversion: QuoteConversionService,
  ) {}

  /**
   * An approved (or sent, accepted) quote that has not expired becomes an order with its lines, atomically: 409 naming
   * `status` or `validUntil` otherwise, 409 naming `quoteId` when it already has one; 403 without the create right on
   * orders. Send an Idempotency-Key: a retried click answers the same order.
   */
  @Post('quotes/:id/convert')
  @Endpoint({ summary: 'Convert a quote into an order', errors: [403, 404, 409] })
  async convertQuote(@CurrentPrincipal() principal: Principal, @UuidParam('id') id: string, @Res({ passthrough: true }) response: Response): Promise<OrderDto> {
    const order = await this.conversion.convert(principal, id);
    setVersionEtag(response, order.version);
    return order;
  }

  /** Newest first by default; prices omitted for who may not read them. */
  @Get('quotes')
  @Endpoint({ summary: 'List the quotes you may see' })
  listQuotes(@CurrentPrincipal() principal: Principal, @Query() query: QuoteQueryDto): Promise<QuotePageDto> {
    return this.quotes.list(principal, query);
  }

  /** Your approval inbox: the pending quotes you may approve or reject (never your own). */
  @Get('approvals')
  @Endpoint({ summary: 'List the quotes awaiting your approval' })
  listPendingApprovals(@CurrentPrincipal() principal: Principal, @Query() query: QuoteQueryDto): Promise<QuotePageDto> {
    return this.quotes.pendingApprovals(principal, query);
  }

  /** Only the quotes you may see, of an account you may see (404 otherwise). */
  @Get('accounts/:id/quotes')
  @Endpoint({ summary: 'List an account\'s quotes', errors: [404] })
  listAccountQuotes(@CurrentPrincipal() principal: Principal, @UuidParam('id') id: string, @Query() query: QuoteQueryDto): Promise<QuotePageDto> {
    return this.quotes.listForAccount(principal, id, query);
  }

  /** The rules that decide who approves a quote from its largest line discount. */
  @Get('approval-rules')
  @Endpoint({ summary: 'Get the special-price approval rules', errors: [403] })
  async getApprovalRules(@CurrentPrincipal() principal: Principal, @Res({ passthrough: true }) response: Response): Promise<ApprovalRulesDto> {
    const rules = await this.quotes.approvalRules(principal);
    setVersionEtag(response, rules.version);
    return rules;
  }

  /** Replaces every rule (the sales director's right); needs If-Match. Quotes already pending keep their approver. */
  @Put('approval-rules')
  @Endpoint({ summary: 'Replace the special-price approval rules', errors: [403, 412, 428] })
  async updateApprovalRules(
    @CurrentPrincipal() principal: Principal,
    @Body() dto: UpdateApprovalRulesDto,
    @IfMatchVersion() version: number | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ApprovalRulesDto> {
    const rules = await this.quotes.updateApprovalRules(principal, dto, version);
    setVersionEtag(response, rules.version);
    return rules;
  }

  @Get('quotes/:id')
  @Endpoint({ summary: 'Get a quote with its lines', errors: [404] })
  async getQuote(@CurrentPrincipal() principal: Principal, @UuidParam('id') id: string, @Res({ passthrough: true }) response: Response): Promise<QuoteDto> {
    return this.withEtag(response, this.quotes.get(principal, id));
  }

  /**
   * A draft, numbered Q-<year>-<sequence>. The account must be one you see (400 naming accountId); each line's
   * product an active one you see, its list price the price list's unless given (400 naming `lines[i].listPrice`
   * when there is none). Every figure is computed by the server.
   */
  @Post('quotes')
  @Endpoint({ summary: 'Create a quote', errors: [403] })
  async createQuote(@CurrentPrincipal() principal: Principal, @Body() dto: CreateQuoteDto, @Res({ passthrough: true }) response: Response): Promise<QuoteDto> {
    return this.withEtag(response, this.quotes.create(principal, dto));
  }

  /** Needs If-Match. Changing lines, currency or tax rate of a submitted or approved quote sends it back to draft. */
  @Patch('quotes/:id')
  @Endpoint({ summary: 'Update a quote and its lines', errors: [403, 404, 409, 412, 428] })
  async updateQuote(
    @CurrentPrincipal() principal: Principal,
    @UuidParam('id') id: string,
    @Body() dto: UpdateQuoteDto,
    @IfMatchVersion() version: number | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<QuoteDto> {
    return this.withEtag(response, this.quotes.update(principal, id, dto, version));
  }

  /** Needs If-Match. Only drafts and rejected quotes (409 otherwise). */
  @Delete('quotes/:id')
  @Endpoint({ summary: 'Delete a draft or rejected quote', status: 204, errors: [403, 404, 409, 412, 428] })
  deleteQuote(@CurrentPrincipal() principal: Principal, @UuidParam('id') id: string, @IfMatchVersion() version: number | undefined): Promise<void> {
    return this.quotes.remove(principal, id, version);
  }

  /** Approved at once within the limits of the rules; otherwise pending the approver the rules name. 409 naming status, lines or validUntil. */
  @Post('quotes/:id/submit')
  @Endpoint({ summary: 'Submit a quote for approval', status: 200, errors: [403, 404, 409, 412] })
  async submitQuote(@CurrentPrincipal() principal: Principal, @UuidParam('id') id: string, @IfMatchVersion() version: number | undefined, @Res({ passthrough: true }) response: Response): Promise<QuoteDto> {
    return this.withEtag(response, this.quotes.submit(principal, id, version));
  }

  /** 403 unless you are the approver the rules name (never the owner); 409 unless pending. */
  @Post('quotes/:id/approve')
  @Endpoint({ summary: 'Approve a quote awaiting your approval', status: 200, errors: [403, 404, 409, 412] })
  async approveQuote(
    @CurrentPrincipal() principal: Principal,
    @UuidParam('id') id: string,
    @Body() dto: ApproveQuoteDto,
    @IfMatchVersion() version: number | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<QuoteDto> {
    return this.withEtag(response, this.quotes.approve(principal, id, dto, version));
  }

  /** As approving; the comment is required. */
  @Post('quotes/:id/reject')
  @Endpoint({ summary: 'Reject a quote awaiting your approval', status: 200, errors: [403, 404, 409, 412] })
  async rejectQuote(
    @CurrentPrincipal() principal: Principal,
    @UuidParam('id') id: string,
    @Body() dto: RejectQuoteDto,
    @IfMatchVersion() version: number | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<QuoteDto> {
    return this.withEtag(response, this.quotes.reject(principal, id, dto, version));
  }

  /** Only an approved, unexpired quote is sent (409 naming status or validUntil). */
  @Post('quotes/:id/send')
  @Endpoint({ summary: 'Mark a quote as sent to the customer', status: 200, errors: [403, 404, 409, 412] })
  async sendQuote(@CurrentPrincipal() principal: Principal, @UuidParam('id') id: string, @IfMatchVersion() version: number | undefined, @Res({ passthrough: true }) response: Response): Promise<QuoteDto> {
    return this.withEtag(response, this.quotes.send(principal, id, version));
  }

  @Post('quotes/:id/accept')
  @Endpoint({ summary: 'Record that the customer accepted a sent quote', status: 200, errors: [403, 404, 409, 412] })
  async acceptQuote(@CurrentPrincipal() principal: Principal, @UuidParam('id') id: string, @IfMatchVersion() version: number | undefined, @Res({ passthrough: true }) response: Response): Promise<QuoteDto> {
    return this.withEtag(response, this.quotes.accept(principal, id, version));
  }

  /** A draft copy with revision + 1 of an approved, rejected or sent quote, which becomes superseded. Answers the new revision. */
  @Post('quotes/:id/revise')
  @Endpoint({ summary: 'Start a new revision of a quote', errors: [403, 404, 409, 412] })
  async reviseQuote(@CurrentPrincipal() principal: Principal, @UuidParam('id') id: string, @IfMatchVersion() version: number | undefined, @Res({ passthrough: true }) response: Response): Promise<QuoteDto> {
    return this.withEtag(response, this.quotes.revise(principal, id, version));
  }

  /** Who submitted, approved, rejected or reopened it, when, with their comments; oldest first. */
  @Get('quotes/:id/approvals')
  @Endpoint({ summary: 'List the approval history of a quote', errors: [404] })
  listQuoteApprovals(@CurrentPrincipal() principal: Principal, @UuidParam('id') id: string): Promise<QuoteApprovalDto[]> {
    return this.quotes.approvals(principal, id);
  }

  /** The quote as you may see it, as a PDF (prices left out if you may not read them). */
  @Get('quotes/:id/pdf')
  @Endpoint({ summary: 'Download a quote as PDF', errors: [404] })
  @ApiOkResponse({ description: 'The quote as a PDF document', content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } } })
  async getQuotePdf(@CurrentPrincipal() principal: Principal, @UuidParam('id') id: string, @Res() response: Response): Promise<void> {
    const { fileName, pdf } = await this.pdfs.render(principal, id);
    response.setHeader('Content-Type', 'application/pdf');
    response.setHeader('Content-Disposition', `attachment; filename="${fileName}"`);
    response.setHeader('Content-Length', pdf.length);
    response.end(pdf);
  }

  private async withEtag(response: Response, quote: Promise<QuoteDto>): Promise<QuoteDto> {
    const dto = await quote;
    setVersionEtag(response, dto.version);
    return dto;
  }

  /** Who the quote is explicitly shared with. 404 if you cannot see it. */
  @Get('quotes/:id/shares')
  @Endpoint({ summary: 'List the shares of a quote', errors: [404] })
  listQuoteShares(@CurrentPrincipal() principal: Principal, @UuidParam('id') id: string): Promise<ShareDto[]> {
    return this.quotes.shares.list(principal, id);
  }

  /** As for accounts: exactly one of userId and teamId; needs the right to change the quote (403). */
  @Post('quotes/:id/shares')
  @Endpoint({ summary: 'Share a quote with a user or a team', errors: [403, 404] })
  createQuoteShare(@CurrentPrincipal() principal: Principal, @UuidParam('id') id: string, @Body() dto: CreateShareDto): Promise<ShareDto> {
    return this.quotes.shares.grant(principal, id, dto);
  }

  /** Needs the right to change the quote, as for sharing. */
  @Delete('quotes/:id/shares/:shareId')
  @Endpoint({ summary: 'Stop sharing a quote with a user or a team', status: 204, errors: [403, 404] })
  deleteQuoteShare(@CurrentPrincipal() principal: Principal, @UuidParam('id') id: string, @UuidParam('shareId') shareId: string): Promise<void> {
    return this.quotes.shares.revoke(principal, id, shareId);
  }
}
