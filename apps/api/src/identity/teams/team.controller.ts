import { Body, Controller, Get, Patch, Post, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Endpoint } from '../../platform/http/endpoint.decorator';
import { IfMatchVersion, setVersionEtag } from '../../platform/http/etag';
import { UuidParam } from '../../platform/http/validation';
import { ADMINISTRATION } from '../roles/role-key';
import { CreateTeamDto, TeamDto, toTeamDto, UpdateTeamDto } from './team.dto';
import { TeamService } from './team.service';

@ApiTags('teams')
@Controller('teams')
export class TeamController {
  constructor(private readonly teams: TeamService) {}

  /** Flat, parents before children; build the tree from `parentId`. */
  @Get()
  @Endpoint({ summary: 'List the organisation\'s teams' })
  async listTeams(): Promise<TeamDto[]> {
    return (await this.teams.list()).map(toTeamDto);
  }

  @Get(':id')
  @Endpoint({ summary: 'Get a team', errors: [404] })
  async getTeam(@UuidParam('id') id: string, @Res({ passthrough: true }) response: Response): Promise<TeamDto> {
    const team = await this.teams.getById(id);
    setVersionEtag(response, team.version);
    return toTeamDto(team);
  }

  @Post()
  @Endpoint({ summary: 'Create a team', ...ADMINISTRATION, errors: [409] })
  async createTeam(@Body() dto: CreateTeamDto, @Res({ passthrough: true }) response: Response): Promise<TeamDto> {
    const team = await this.teams.create(dto);
    setVersionEtag(response, team.version);
    return toTeamDto(team);
  }

  /** Needs If-Match. */
  @Patch(':id')
  @Endpoint({ summary: 'Rename a team', ...ADMINISTRATION, errors: [404, 412, 428] })
  async updateTeam(
    @UuidParam('id') id: string,
    @Body() dto: UpdateTeamDto,
    @IfMatchVersion() version: number | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<TeamDto> {
    const team = await this.teams.update(id, dto, version);
    setVersionEtag(response, team.version);
    return toTeamDto(team);
  }
}
