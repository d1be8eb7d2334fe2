import { Body, Controller, Delete, Get, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentPrincipal } from '../../identity/auth/current-principal.decorator';
import type { Principal } from '../../identity/auth/principal';
import { Endpoint } from '../../platform/http/endpoint.decorator';
import { IfMatchVersion, setVersionEtag } from '../../platform/http/etag';
import { UuidParam } from '../../platform/http/validation';
import { AhpModelDto, AhpModelInputDto, AhpModelPageDto, AhpModelQueryDto, AhpResultDto, CreateAhpModelDto, UpdateAhpModelDto } from './ahp.dto';
import { AhpService, evaluateOrRefuse } from './ahp.service';

@ApiTags('analytics')
@Controller('analytics')
export class AhpController {
  constructor(private readonly ahp: AhpService) {}

  /**
   * Weights (principal eigenvector), λmax, CI and CR of every comparison matrix, the composite index and ranking of
   * the alternatives; nothing is saved. 400 naming the field for an invalid model (e.g. `comparisons[2][0]` not the
   * reciprocal of `comparisons[0][2]`); inconsistent judgements (CR ≥ 0.1) are answered with `consistent: false`.
   */
  @Post('ahp/evaluate')
  @Endpoint({ summary: 'Evaluate an AHP model without saving it', status: 200 })
  evaluateAhp(@Body() dto: AhpModelInputDto): AhpResultDto {
    return evaluateOrRefuse(dto);
  }

  @Get('ahp-models')
  @Endpoint({ summary: 'List the AHP models you may see, each evaluated' })
  listAhpModels(@CurrentPrincipal() principal: Principal, @Query() query: AhpModelQueryDto): Promise<AhpModelPageDto> {
    return this.ahp.list(principal, query);
  }

  @Get('ahp-models/:id')
  @Endpoint({ summary: 'Get an AHP model with its result', errors: [404] })
  async getAhpModel(@CurrentPrincipal() principal: Principal, @UuidParam('id') id: string, @Res({ passthrough: true }) response: Response): Promise<AhpModelDto> {
    const model = await this.ahp.get(principal, id);
    setVersionEtag(response, model.version);
    return model;
  }

  /** An inconsistent model (CR ≥ 0.1) may be saved as work in progress: its result says `consistent: false`. */
  @Post('ahp-models')
  @Endpoint({ summary: 'Create an AHP model', errors: [403] })
  async createAhpModel(@CurrentPrincipal() principal: Principal, @Body() dto: CreateAhpModelDto, @Res({ passthrough: true }) response: Response): Promise<AhpModelDto> {
    const model = await this.ahp.create(principal, dto);
    setVersionEtag(response, model.version);
    return model;
  }

  /** Needs If-Match. The model with the fields sent must stay valid (400 naming the field). */
  @Patch('ahp-models/:id')
  @Endpoint({ summary: 'Update or reassign an AHP model', errors: [403, 404, 412, 428] })
  async updateAhpModel(
    @CurrentPrincipal() principal: Principal,
    @UuidParam('id') id: string,
    @Body() dto: UpdateAhpModelDto,
    @IfMatchVersion() version: number | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<AhpModelDto> {
    const model = await this.ahp.update(principal, id, dto, version);
    setVersionEtag(response, model.version);
    return model;
  }

  /** Needs If-Match. Deletes the model for good. */
  @Delete('ahp-models/:id')
  @Endpoint({ summary: 'Delete an AHP model', status: 204, errors: [403, 404, 412, 428] })
  deleteAhpModel(@CurrentPrincipal() principal: Principal, @UuidParam('id') id: string, @IfMatchVersion() version: number | undefined): Promise<void> {
    return this.ahp.remove(principal, id, version);
  }
}
