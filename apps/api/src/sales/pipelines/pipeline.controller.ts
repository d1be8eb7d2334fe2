import { Body, Controller, Get, Patch, Post, Put, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentPrincipal } from '../../identity/auth/current-principal.decorator';
import type { Principal } from '../../identity/auth/principal';
import { Endpoint } from '../../platform/http/endpoint.decorator';
import { IfMatchVersion, setVersionEtag } from '../../platform/http/etag';
import { UuidParam } from '../../platform/http/validation';
import { CreatePipelineDto, CreateStageDto, PipelineDto, StageOrderDto, UpdatePipelineDto, UpdateStageDto } from './pipeline.dto';
import { PipelineService } from './pipeline.service';

/**
 * Sales pipelines and their stages: configuration every business user reads; changes need `update` at level `all`
 * on `pipeline` (the sales director by default). Changes take the pipeline's ETag as If-Match (optional; 412 when
 * stale).
 */
@ApiTags('pipelines')
@Controller('pipelines')
export class PipelineController {
  constructor(private readonly pipelines: PipelineService) {}

  @Get()
  @Endpoint({ summary: 'List the sales pipelines with their stages', errors: [403] })
  listPipelines(@CurrentPrincipal() principal: Principal): Promise<PipelineDto[]> {
    return this.pipelines.list(principal);
  }

  @Get(':id')
  @Endpoint({ summary: 'Get a sales pipeline with its stages', errors: [403, 404] })
  async getPipeline(@CurrentPrincipal() principal: Principal, @UuidParam('id') id: string, @Res({ passthrough: true }) response: Response): Promise<PipelineDto> {
    return withEtag(response, await this.pipelines.get(principal, id));
  }

  @Post()
  @Endpoint({ summary: 'Create a sales pipeline with its stages', errors: [403] })
  async createPipeline(@CurrentPrincipal() principal: Principal, @Body() dto: CreatePipelineDto, @Res({ passthrough: true }) response: Response): Promise<PipelineDto> {
    return withEtag(response, await this.pipelines.create(principal, dto));
  }

  @Patch(':id')
  @Endpoint({ summary: 'Rename a sales pipeline, make it the default or deactivate it', errors: [403, 404, 412] })
  async updatePipeline(
    @CurrentPrincipal() principal: Principal,
    @UuidParam('id') id: string,
    @Body() dto: UpdatePipelineDto,
    @IfMatchVersion() version: number | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<PipelineDto> {
    return withEtag(response, await this.pipelines.update(principal, id, dto, version));
  }

  /** Appended after the last stage; reorder with PUT …/stage-order. */
  @Post(':id/stages')
  @Endpoint({ summary: 'Add a stage to a sales pipeline', errors: [403, 404, 412] })
  async addPipelineStage(
    @CurrentPrincipal() principal: Principal,
    @UuidParam('id') id: string,
    @Body() dto: CreateStageDto,
    @IfMatchVersion() version: number | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<PipelineDto> {
    return withEtag(response, await this.pipelines.addStage(principal, id, dto, version));
  }

  /** Rename a stage or change its default probability or kind; opportunities already in it keep their probability. */
  @Patch(':id/stages/:stageId')
  @Endpoint({ summary: 'Change a stage of a sales pipeline', errors: [403, 404, 412] })
  async updatePipelineStage(
    @CurrentPrincipal() principal: Principal,
    @UuidParam('id') id: string,
    @UuidParam('stageId') stageId: string,
    @Body() dto: UpdateStageDto,
    @IfMatchVersion() version: number | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<PipelineDto> {
    return withEtag(response, await this.pipelines.updateStage(principal, id, stageId, dto, version));
  }

  @Put(':id/stage-order')
  @Endpoint({ summary: 'Reorder the stages of a sales pipeline', errors: [403, 404, 412] })
  async reorderPipelineStages(
    @CurrentPrincipal() principal: Principal,
    @UuidParam('id') id: string,
    @Body() dto: StageOrderDto,
    @IfMatchVersion() version: number | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<PipelineDto> {
    return withEtag(response, await this.pipelines.reorderStages(principal, id, dto, version));
  }
}

function withEtag(response: Response, pipeline: PipelineDto): PipelineDto {
  setVersionEtag(response, pipeline.version);
  return pipeline;
}
