import { Body, Controller, Delete, Get, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CreateShareDto, ShareDto } from '../../access/record-share.dto';
import { CurrentPrincipal } from '../../identity/auth/current-principal.decorator';
import type { Principal } from '../../identity/auth/principal';
import { Endpoint } from '../../platform/http/endpoint.decorator';
import { IfMatchVersion, setVersionEtag } from '../../platform/http/etag';
import { PageQueryDto } from '../../platform/http/pagination';
import { UuidParam } from '../../platform/http/validation';
import { ActivityDto, ActivityPageDto, ActivityQueryDto, CreateActivityDto, UpdateActivityDto } from './activity.dto';
import { ActivityService } from './activity.service';

/** Every route here goes through the permission engine: what a caller may not see does not exist for them. */
@ApiTags('activities')
@Controller('activities')
export class ActivityController {
  constructor(private readonly activities: ActivityService) {}

  /**
   * A timeline (`accountId` or `relatedId`, latest first by default), a diary (`ownerId`, `dueFrom`, `dueBefore`,
   * `sort=dueAt`) or a to-do list (`status=planned`). Filtering or searching by a field you may not read is refused (400).
   */
  @Get()
  @Endpoint({ summary: 'List the activities you may see' })
  listActivities(@CurrentPrincipal() principal: Principal, @Query() query: ActivityQueryDto): Promise<ActivityPageDto> {
    return this.activities.list(principal, query);
  }

  /** Activities deleted on their own that you may delete, most recently deleted first; those deleted with their record come back with it. */
  @Get('recycle-bin')
  @Endpoint({ summary: 'List the activities in your recycle bin' })
  listDeletedActivities(@CurrentPrincipal() principal: Principal, @Query() query: PageQueryDto): Promise<ActivityPageDto> {
    return this.activities.recycleBin(principal, query);
  }

  @Get(':id')
  @Endpoint({ summary: 'Get an activity', errors: [404] })
  async getActivity(@CurrentPrincipal() principal: Principal, @UuidParam('id') id: string, @Res({ passthrough: true }) response: Response): Promise<ActivityDto> {
    const activity = await this.activities.get(principal, id);
    setVersionEtag(response, activity.version);
    return activity;
  }

  /** The related record must be one you can see (400 naming relatedId otherwise). A note is done when written. */
  @Post()
  @Endpoint({ summary: 'Log or plan an activity', errors: [403] })
  async createActivity(@CurrentPrincipal() principal: Principal, @Body() dto: CreateActivityDto, @Res({ passthrough: true }) response: Response): Promise<ActivityDto> {
    const activity = await this.activities.create(principal, dto);
    setVersionEtag(response, activity.version);
    return activity;
  }

  /** Needs If-Match. Setting `status=done` stamps completedAt. */
  @Patch(':id')
  @Endpoint({ summary: 'Update, complete or reassign an activity', errors: [403, 404, 412, 428] })
  async updateActivity(
    @CurrentPrincipal() principal: Principal,
    @UuidParam('id') id: string,
    @Body() dto: UpdateActivityDto,
    @IfMatchVersion() version: number | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ActivityDto> {
    const activity = await this.activities.update(principal, id, dto, version);
    setVersionEtag(response, activity.version);
    return activity;
  }

  /** Needs If-Match. Moves the activity to the recycle bin (restorable). */
  @Delete(':id')
  @Endpoint({ summary: 'Delete an activity (to the recycle bin)', status: 204, errors: [403, 404, 412, 428] })
  deleteActivity(@CurrentPrincipal() principal: Principal, @UuidParam('id') id: string, @IfMatchVersion() version: number | undefined): Promise<void> {
    return this.activities.remove(principal, id, version);
  }

  /** 404 unless it is in your recycle bin; 409 naming accountId while its account is in the bin (restore that first). */
  @Post(':id/restore')
  @Endpoint({ summary: 'Restore an activity from the recycle bin', status: 200, errors: [404, 409] })
  async restoreActivity(@CurrentPrincipal() principal: Principal, @UuidParam('id') id: string, @Res({ passthrough: true }) response: Response): Promise<ActivityDto> {
    const activity = await this.activities.restore(principal, id);
    setVersionEtag(response, activity.version);
    return activity;
  }

  /** Who the activity is explicitly shared with. 404 if you cannot see it. */
  @Get(':id/shares')
  @Endpoint({ summary: 'List the shares of an activity', errors: [404] })
  listActivityShares(@CurrentPrincipal() principal: Principal, @UuidParam('id') id: string): Promise<ShareDto[]> {
    return this.activities.shares.list(principal, id);
  }

  /** As for accounts: exactly one of userId and teamId; needs the right to change the activity (403). */
  @Post(':id/shares')
  @Endpoint({ summary: 'Share an activity with a user or a team', errors: [403, 404] })
  createActivityShare(@CurrentPrincipal() principal: Principal, @UuidParam('id') id: string, @Body() dto: CreateShareDto): Promise<ShareDto> {
    return this.activities.shares.grant(principal, id, dto);
  }

  /** Needs the right to change the activity, as for sharing. */
  @Delete(':id/shares/:shareId')
  @Endpoint({ summary: 'Stop sharing an activity with a user or a team', status: 204, errors: [403, 404] })
  deleteActivityShare(@CurrentPrincipal() principal: Principal, @UuidParam('id') id: string, @UuidParam('shareId') shareId: string): Promise<void> {
    return this.activities.shares.revoke(principal, id, shareId);
  }
}
