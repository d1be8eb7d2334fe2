import { Body, Controller, Delete, Get, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentPrincipal } from '../../identity/auth/current-principal.decorator';
import type { Principal } from '../../identity/auth/principal';
import { Endpoint } from '../../platform/http/endpoint.decorator';
import { IfMatchVersion, setVersionEtag } from '../../platform/http/etag';
import { UuidParam } from '../../platform/http/validation';
import { CreateSavedViewDto, SavedViewDto, SavedViewPageDto, SavedViewQueryDto, toSavedViewDto, UpdateSavedViewDto } from './saved-view.dto';
import { SavedViewService } from './saved-view.service';

/** Personal: each caller sees and changes only their own views; anybody else's answer 404. */
@ApiTags('saved-views')
@Controller('saved-views')
export class SavedViewController {
  constructor(private readonly views: SavedViewService) {}

  /** By name. */
  @Get()
  @Endpoint({ summary: 'List your saved list views' })
  async listSavedViews(@CurrentPrincipal() principal: Principal, @Query() query: SavedViewQueryDto): Promise<SavedViewPageDto> {
    const page = await this.views.list(principal, query);
    return { data: page.data.map(toSavedViewDto), nextCursor: page.nextCursor };
  }

  @Get(':id')
  @Endpoint({ summary: 'Get one of your saved views', errors: [404] })
  async getSavedView(@CurrentPrincipal() principal: Principal, @UuidParam('id') id: string, @Res({ passthrough: true }) response: Response): Promise<SavedViewDto> {
    const view = await this.views.get(principal, id);
    setVersionEtag(response, view.version);
    return toSavedViewDto(view);
  }

  /** The definition is checked against the list's filters and the object's fields (400 naming the part at fault). */
  @Post()
  @Endpoint({ summary: 'Save a list view', errors: [409] })
  async createSavedView(@CurrentPrincipal() principal: Principal, @Body() dto: CreateSavedViewDto, @Res({ passthrough: true }) response: Response): Promise<SavedViewDto> {
    const view = await this.views.create(principal, dto);
    setVersionEtag(response, view.version);
    return toSavedViewDto(view);
  }

  /** Needs If-Match. */
  @Patch(':id')
  @Endpoint({ summary: 'Rename or redefine one of your saved views', errors: [404, 409, 412, 428] })
  async updateSavedView(
    @CurrentPrincipal() principal: Principal,
    @UuidParam('id') id: string,
    @Body() dto: UpdateSavedViewDto,
    @IfMatchVersion() version: number | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<SavedViewDto> {
    const view = await this.views.update(principal, id, dto, version);
    setVersionEtag(response, view.version);
    return toSavedViewDto(view);
  }

  /** If-Match optional; a stale one answers 412. */
  @Delete(':id')
  @Endpoint({ summary: 'Delete one of your saved views', status: 204, errors: [404, 412] })
  deleteSavedView(@CurrentPrincipal() principal: Principal, @UuidParam('id') id: string, @IfMatchVersion() version: number | undefined): Promise<void> {
    return this.views.remove(principal, id, version);
  }
}
