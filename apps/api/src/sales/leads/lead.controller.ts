import { Body, Controller, Delete, Get, Patch, Post, Query, Req, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { BulkReassignDto, BulkReassignResultDto } from '../../access/bulk-reassign.dto';
import { CreateShareDto, ShareDto } from '../../access/record-share.dto';
import { CurrentPrincipal } from '../../identity/auth/current-principal.decorator';
import type { Principal } from '../../identity/auth/principal';
import { Endpoint } from '../../platform/http/endpoint.decorator';
import { IfMatchVersion, setVersionEtag } from '../../platform/http/etag';
import { PageQueryDto } from '../../platform/http/pagination';
import { UuidParam } from '../../platform/http/validation';
import {
  ConversionMatchesDto,
  ConvertLeadDto,
  CreateLeadDto,
  ImportLeadsDto,
  LeadConversionDto,
  LeadDto,
  LeadPageDto,
  LeadQueryDto,
  UpdateLeadDto,
  WebLeadDto,
  WebLeadReceiptDto,
} from './lead.dto';
import { ImportResultDto } from '../../access/record-import.dto';
import { LeadService } from './lead.service';

/** Every route here but the public web form goes through the permission engine: what a caller may not see does not exist for them. */
@ApiTags('leads')
@Controller()
export class LeadController {
  constructor(private readonly leads: LeadService) {}

  /** Sorting, filtering or searching by a field you may not read is refused (400). */
  @Get('leads')
  @Endpoint({ summary: 'List the leads you may see' })
  listLeads(@CurrentPrincipal() principal: Principal, @Query() query: LeadQueryDto): Promise<LeadPageDto> {
    return this.leads.list(principal, query);
  }

  /** Leads you may delete that are in the bin, most recently deleted first. */
  @Get('leads/recycle-bin')
  @Endpoint({ summary: 'List the leads in your recycle bin' })
  listDeletedLeads(@CurrentPrincipal() principal: Principal, @Query() query: PageQueryDto): Promise<LeadPageDto> {
    return this.leads.recycleBin(principal, query);
  }

  @Get('leads/:id')
  @Endpoint({ summary: 'Get a lead', errors: [404] })
  async getLead(@CurrentPrincipal() principal: Principal, @UuidParam('id') id: string, @Res({ passthrough: true }) response: Response): Promise<LeadDto> {
    const lead = await this.leads.get(principal, id);
    setVersionEtag(response, lead.version);
    return lead;
  }

  /** Starts as `new`. Fields you may not edit are refused with 403 naming them. */
  @Post('leads')
  @Endpoint({ summary: 'Create a lead', errors: [403] })
  async createLead(@CurrentPrincipal() principal: Principal, @Body() dto: CreateLeadDto, @Res({ passthrough: true }) response: Response): Promise<LeadDto> {
    const lead = await this.leads.create(principal, dto);
    setVersionEtag(response, lead.version);
    return lead;
  }

  /**
   * Needs If-Match. Statuses move freely among new, contacted and qualified; `disqualified` needs `disqualifiedReason`
   * (400 naming it). A converted lead only changes owner (409 otherwise).
   */
  @Patch('leads/:id')
  @Endpoint({ summary: 'Update, qualify or reassign a lead', errors: [403, 404, 409, 412, 428] })
  async updateLead(
    @CurrentPrincipal() principal: Principal,
    @UuidParam('id') id: string,
    @Body() dto: UpdateLeadDto,
    @IfMatchVersion() version: number | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<LeadDto> {
    const lead = await this.leads.update(principal, id, dto, version);
    setVersionEtag(response, lead.version);
    return lead;
  }

  /** Needs If-Match. Moves the lead to the recycle bin (restorable). */
  @Delete('leads/:id')
  @Endpoint({ summary: 'Delete a lead (to the recycle bin)', status: 204, errors: [403, 404, 412, 428] })
  deleteLead(@CurrentPrincipal() principal: Principal, @UuidParam('id') id: string, @IfMatchVersion() version: number | undefined): Promise<void> {
    return this.leads.remove(principal, id, version);
  }

  /** 404 unless it is in your recycle bin. */
  @Post('leads/:id/restore')
  @Endpoint({ summary: 'Restore a lead from the recycle bin', status: 200, errors: [404] })
  async restoreLead(@CurrentPrincipal() principal: Principal, @UuidParam('id') id: string, @Res({ passthrough: true }) response: Response): Promise<LeadDto> {
    const lead = await this.leads.restore(principal, id);
    setVersionEtag(response, lead.version);
    return lead;
  }

  /**
   * A CSV file (in JSON, as `csv`) with a header row: valid rows become leads in one transaction, each invalid row
   * is reported with its line and field. A row whose company (or name, without one) has the normalised name of an
   * account or a live lead you can read, or of an earlier row, is reported in `duplicates` and skipped or created as
   * `onDuplicate` says (default create); `dryRun` writes nothing. Send an Idempotency-Key: a retried import creates
   * nothing twice.
   */
  @Post('leads/import')
  @Endpoint({ summary: 'Import leads from CSV', status: 200, errors: [403] })
  importLeads(@CurrentPrincipal() principal: Principal, @Body() dto: ImportLeadsDto): Promise<ImportResultDto> {
    return this.leads.importCsv(principal, dto);
  }

  /** All or nothing: one lead you may not reassign (or an owner outside your reach) and none change. */
  @Post('leads/reassign')
  @Endpoint({ summary: 'Reassign several leads to one owner', status: 200, errors: [403, 404] })
  reassignLeads(@CurrentPrincipal() principal: Principal, @Body() dto: BulkReassignDto): Promise<BulkReassignResultDto> {
    return this.leads.reassign(principal, dto);
  }

  /** The accounts a conversion without `accountId` would use (the first), for the caller to confirm or choose. */
  @Get('leads/:id/conversion-matches')
  @Endpoint({ summary: 'List the existing accounts a lead would convert into', errors: [404] })
  listLeadConversionMatches(@CurrentPrincipal() principal: Principal, @UuidParam('id') id: string): Promise<ConversionMatchesDto> {
    return this.leads.conversionMatches(principal, id);
  }

  /**
   * One transaction: the account (given, matched by normalised company name, or new), a contact and optionally an
   * opportunity; the lead becomes `converted` with their ids. Needs update on the lead and create on each record made
   * (403). 409 when the lead is already converted or disqualified. Send an Idempotency-Key: a retry converts once.
   */
  @Post('leads/:id/convert')
  @Endpoint({ summary: 'Convert a lead into an account, a contact and an opportunity', errors: [403, 404, 409] })
  convertLead(@CurrentPrincipal() principal: Principal, @UuidParam('id') id: string, @Body() dto: ConvertLeadDto): Promise<LeadConversionDto> {
    return this.leads.convert(principal, id, dto);
  }

  /** Who the lead is explicitly shared with. 404 if you cannot see it. */
  @Get('leads/:id/shares')
  @Endpoint({ summary: 'List the shares of a lead', errors: [404] })
  listLeadShares(@CurrentPrincipal() principal: Principal, @UuidParam('id') id: string): Promise<ShareDto[]> {
    return this.leads.shares.list(principal, id);
  }

  /** As for accounts: exactly one of userId and teamId; needs the right to change the lead (403). */
  @Post('leads/:id/shares')
  @Endpoint({ summary: 'Share a lead with a user or a team', errors: [403, 404] })
  createLeadShare(@CurrentPrincipal() principal: Principal, @UuidParam('id') id: string, @Body() dto: CreateShareDto): Promise<ShareDto> {
    return this.leads.shares.grant(principal, id, dto);
  }

  /** Needs the right to change the lead, as for sharing. */
  @Delete('leads/:id/shares/:shareId')
  @Endpoint({ summary: 'Stop sharing a lead with a user or a team', status: 204, errors: [403, 404] })
  deleteLeadShare(@CurrentPrincipal() principal: Principal, @UuidParam('id') id: string, @UuidParam('shareId') shareId: string): Promise<void> {
    return this.leads.shares.revoke(principal, id, shareId);
  }

  /**
   * Public (no sign-in): the website's contact form. `formKey` names a form configured on the server, which decides
   * the owner. At most `WEB_LEAD_RATE_PER_MINUTE` submissions per client address and minute (429 with Retry-After).
   */
  @Post('web-leads')
  @Endpoint({ summary: 'Send a lead from the public web form', isPublic: true, status: 202, errors: [429] })
  submitWebLead(@Body() dto: WebLeadDto, @Req() request: Request): Promise<WebLeadReceiptDto> {
    return this.leads.captureFromWeb(dto, request.ip ?? 'unknown');
  }
}
