import { Body, Controller, Delete, Get, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CreateShareDto, ShareDto } from '../../access/record-share.dto';
import { BulkReassignDto, BulkReassignResultDto } from '../../access/bulk-reassign.dto';
import { CurrentPrincipal } from '../../identity/auth/current-principal.decorator';
import type { Principal } from '../../identity/auth/principal';
import { Endpoint, ExportResponse } from '../../platform/http/endpoint.decorator';
import { IfMatchVersion, setVersionEtag } from '../../platform/http/etag';
import { UuidParam } from '../../platform/http/validation';
import { PageQueryDto } from '../../platform/http/pagination';
import {
  CreateOpportunityDto,
  ForecastDto,
  ForecastQueryDto,
  OpportunityDto,
  OpportunityExportQueryDto,
  OpportunityPageDto,
  OpportunityQueryDto,
  StageChangeDto,
  UpdateOpportunityDto,
} from './opportunity.dto';
import { OpportunityService } from './opportunity.service';

/** Every route here goes through the permission engine: what a caller may not see does not exist for them. */
@ApiTags('opportunities')
@Controller()
export class OpportunityController {
  constructor(private readonly opportunities: OpportunityService) {}

  /** Sorting, filtering or searching by a field you may not read is refused (400). */
  @Get('opportunities')
  @Endpoint({ summary: 'List the opportunities you may see' })
  listOpportunities(@CurrentPrincipal() principal: Principal, @Query() query: OpportunityQueryDto): Promise<OpportunityPageDto> {
    return this.opportunities.list(principal, query);
  }

  /**
   * Weighted forecast over the opportunities you may see (lost ones excluded), per group and currency: count, Σ amount
   * and Σ amount × probability / 100 as decimal strings. 403 naming the field if you may not read `amount` (or the
   * field grouped by).
   */
  @Get('opportunities/forecast')
  @Endpoint({ summary: 'Weighted forecast of the opportunities you may see', errors: [403] })
  forecastOpportunities(@CurrentPrincipal() principal: Principal, @Query() query: ForecastQueryDto): Promise<ForecastDto> {
    return this.opportunities.forecast(principal, query);
  }

  /** Like the accounts' export: the opportunities you may see, as CSV or Excel, unreadable columns left out; audited. */
  @Get('opportunities/export')
  @Endpoint({ summary: 'Export the opportunities you may see as CSV or Excel' })
  @ExportResponse('The opportunities as CSV or an Excel workbook (`format`), one header row')
  exportOpportunities(@CurrentPrincipal() principal: Principal, @Query() query: OpportunityExportQueryDto, @Res() response: Response): Promise<void> {
    return this.opportunities.export(principal, query, response);
  }

  /** Only the opportunities you may see, of an account you may see (404 otherwise). */
  @Get('accounts/:id/opportunities')
  @Endpoint({ summary: 'List an account\'s opportunities', errors: [404] })
  listAccountOpportunities(@CurrentPrincipal() principal: Principal, @UuidParam('id') id: string, @Query() query: OpportunityQueryDto): Promise<OpportunityPageDto> {
    return this.opportunities.listForAccount(principal, id, query);
  }

  /** Opportunities deleted on their own that you may delete, most recently deleted first; those deleted with their account come back with it. */
  @Get('opportunities/recycle-bin')
  @Endpoint({ summary: 'List the opportunities in your recycle bin' })
  listDeletedOpportunities(@CurrentPrincipal() principal: Principal, @Query() query: PageQueryDto): Promise<OpportunityPageDto> {
    return this.opportunities.recycleBin(principal, query);
  }

  @Get('opportunities/:id')
  @Endpoint({ summary: 'Get an opportunity', errors: [404] })
  async getOpportunity(@CurrentPrincipal() principal: Principal, @UuidParam('id') id: string, @Res({ passthrough: true }) response: Response): Promise<OpportunityDto> {
    const opportunity = await this.opportunities.get(principal, id);
    setVersionEtag(response, opportunity.version);
    return opportunity;
  }

  /** The account must be one you can see (400 naming accountId otherwise). Fields you may not edit: 403 naming them. */
  @Post('opportunities')
  @Endpoint({ summary: 'Create an opportunity', errors: [403] })
  async createOpportunity(@CurrentPrincipal() principal: Principal, @Body() dto: CreateOpportunityDto, @Res({ passthrough: true }) response: Response): Promise<OpportunityDto> {
    const opportunity = await this.opportunities.create(principal, dto);
    setVersionEtag(response, opportunity.version);
    return opportunity;
  }

  /** Needs If-Match. A stage change is recorded in the stage history in the same transaction. */
  @Patch('opportunities/:id')
  @Endpoint({ summary: 'Update, move or reassign an opportunity', errors: [403, 404, 412, 428] })
  async updateOpportunity(
    @CurrentPrincipal() principal: Principal,
    @UuidParam('id') id: string,
    @Body() dto: UpdateOpportunityDto,
    @IfMatchVersion() version: number | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<OpportunityDto> {
    const opportunity = await this.opportunities.update(principal, id, dto, version);
    setVersionEtag(response, opportunity.version);
    return opportunity;
  }

  /** Needs If-Match. Moves the opportunity to the recycle bin (restorable). */
  @Delete('opportunities/:id')
  @Endpoint({ summary: 'Delete an opportunity (to the recycle bin)', status: 204, errors: [403, 404, 412, 428] })
  deleteOpportunity(@CurrentPrincipal() principal: Principal, @UuidParam('id') id: string, @IfMatchVersion() version: number | undefined): Promise<void> {
    return this.opportunities.remove(principal, id, version);
  }

  /** All or nothing: one opportunity you may not reassign (or an owner outside your reach) and none change. */
  @Post('opportunities/reassign')
  @Endpoint({ summary: 'Reassign several opportunities to one owner', status: 200, errors: [403, 404] })
  reassignOpportunities(@CurrentPrincipal() principal: Principal, @Body() dto: BulkReassignDto): Promise<BulkReassignResultDto> {
    return this.opportunities.reassign(principal, dto);
  }

  /** 404 unless it is in your recycle bin; 409 naming accountId while its account is in the bin (restore that first). */
  @Post('opportunities/:id/restore')
  @Endpoint({ summary: 'Restore an opportunity from the recycle bin', status: 200, errors: [404, 409] })
  async restoreOpportunity(@CurrentPrincipal() principal: Principal, @UuidParam('id') id: string, @Res({ passthrough: true }) response: Response): Promise<OpportunityDto> {
    const opportunity = await this.opportunities.restore(principal, id);
    setVersionEtag(response, opportunity.version);
    return opportunity;
  }

  /** Oldest first; the first entry (fromStageId null) is the stage it was created in. 404 if you cannot see it. */
  @Get('opportunities/:id/stage-history')
  @Endpoint({ summary: 'List the stage changes of an opportunity', errors: [404] })
  listOpportunityStageHistory(@CurrentPrincipal() principal: Principal, @UuidParam('id') id: string): Promise<StageChangeDto[]> {
    return this.opportunities.stageHistory(principal, id);
  }

  /** Who the opportunity is explicitly shared with. 404 if you cannot see it. */
  @Get('opportunities/:id/shares')
  @Endpoint({ summary: 'List the shares of an opportunity', errors: [404] })
  listOpportunityShares(@CurrentPrincipal() principal: Principal, @UuidParam('id') id: string): Promise<ShareDto[]> {
    return this.opportunities.shares.list(principal, id);
  }

  /** As for accounts: exactly one of userId and teamId; needs the right to change the opportunity (403). */
  @Post('opportunities/:id/shares')
  @Endpoint({ summary: 'Share an opportunity with a user or a team', errors: [403, 404] })
  createOpportunityShare(@CurrentPrincipal() principal: Principal, @UuidParam('id') id: string, @Body() dto: CreateShareDto): Promise<ShareDto> {
    return this.opportunities.shares.grant(principal, id, dto);
  }

  /** Needs the right to change the opportunity, as for sharing. */
  @Delete('opportunities/:id/shares/:shareId')
  @Endpoint({ summary: 'Stop sharing an opportunity with a user or a team', status: 204, errors: [403, 404] })
  deleteOpportunityShare(@CurrentPrincipal() principal: Principal, @UuidParam('id') id: string, @UuidParam('shareId') shareId: string): Promise<void> {
    return this.opportunities.shares.revoke(principal, id, shareId);
  }
}
