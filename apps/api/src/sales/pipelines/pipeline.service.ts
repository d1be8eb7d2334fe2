import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AccessService } from '../../access/access.service';
import { AccessAction, AccessLevel, ObjectType } from '../../access/access.types';
import { AuditCategory } from '../../audit/audit-event.entity';
import { AuditService } from '../../audit/audit.service';
import type { Principal } from '../../identity/auth/principal';
import { AppError } from '../../platform/http/app-error';
import { ErrorCode } from '../../platform/http/error-code';
import { assertVersion } from '../../platform/http/etag';
import { CreatePipelineDto, CreateStageDto, PipelineDto, StageOrderDto, toPipelineDto, UpdatePipelineDto, UpdateStageDto } from './pipeline.dto';
import { PipelineEntity, PipelineStageEntity, StageKind } from './pipeline.entity';

/**
 * Sales pipelines and their stages (R-PLT-3): configuration, read by every business user (object type `pipeline`,
 * read right) and changed only by roles with `update` at level `all` on `pipeline` (the sales director by default).
 * System administrators have no business rights (R-SEC-6), so they neither read nor change it.
 */
@Injectable()
export class PipelineService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: AccessService,
    private readonly audit: AuditService,
  ) {}

  async list(principal: Principal): Promise<PipelineDto[]> {
    await this.assertMay(principal, AccessAction.Read);
    const pipelines = await this.dataSource.getRepository(PipelineEntity).find({ relations: { stages: true }, order: { isDefault: 'DESC', name: 'ASC' } });
    return pipelines.map(toPipelineDto);
  }

  async get(principal: Principal, id: string): Promise<PipelineDto> {
    await this.assertMay(principal, AccessAction.Read);
    return toPipelineDto(await this.load(this.dataSource.manager, id));
  }

  async create(principal: Principal, dto: CreatePipelineDto): Promise<PipelineDto> {
    await this.assertMay(principal, AccessAction.Update);
    return this.dataSource.transaction(async (manager) => {
      if (dto.isDefault) await manager.query(`update pipelines set is_default = false, version = version + 1, updated_at = now() where is_default`);
      const pipeline = manager.create(PipelineEntity, { name: dto.name, nameEn: dto.nameEn, isDefault: dto.isDefault ?? false, active: true });
      await manager.insert(PipelineEntity, pipeline);
      for (const [position, stage] of dto.stages.entries()) {
        await manager.insert(PipelineStageEntity, manager.create(PipelineStageEntity, { ...stage, kind: stage.kind ?? StageKind.Open, pipelineId: pipeline.id, position }));
      }
      await this.audited(manager, 'pipeline.created', pipeline.id, { name: { old: null, new: dto.name }, stages: { old: null, new: dto.stages.map((s) => s.nameEn) } });
      return toPipelineDto(await this.load(manager, pipeline.id));
    });
  }

  async update(principal: Principal, id: string, dto: UpdatePipelineDto, version: number | undefined): Promise<PipelineDto> {
    return this.change(principal, id, version, 'pipeline.updated', async (manager, pipeline) => {
      if (dto.isDefault === false && pipeline.isDefault) throw AppError.validation('isDefault', 'make another pipeline the default instead');
      if (dto.active === false && (dto.isDefault ?? pipeline.isDefault)) throw AppError.validation('active', 'the default pipeline stays active');
      if (dto.isDefault && !pipeline.isDefault) await manager.query(`update pipelines set is_default = false, version = version + 1, updated_at = now() where is_default`);
      const changes = Object.fromEntries(Object.entries(dto).filter(([, v]) => v !== undefined).map(([k, v]) => [k, { old: (pipeline as unknown as Record<string, unknown>)[k], new: v }]));
      await manager.update(PipelineEntity, { id }, dto);
      return changes;
    });
  }

  async addStage(principal: Principal, id: string, dto: CreateStageDto, version: number | undefined): Promise<PipelineDto> {
    return this.change(principal, id, version, 'pipeline.stage_added', async (manager, pipeline) => {
      const position = pipeline.stages?.length ?? 0;
      await manager.insert(PipelineStageEntity, manager.create(PipelineStageEntity, { ...dto, kind: dto.kind ?? StageKind.Open, pipelineId: id, position }));
      return { stages: { old: null, new: dto.nameEn } };
    });
  }

  async updateStage(principal: Principal, id: string, stageId: string, dto: UpdateStageDto, version: number | undefined): Promise<PipelineDto> {
    return this.change(principal, id, version, 'pipeline.stage_updated', async (manager, pipeline) => {
      const stage = pipeline.stages?.find((s) => s.id === stageId);
      if (!stage) throw AppError.notFound('Stage');
      const changes = Object.fromEntries(Object.entries(dto).filter(([, v]) => v !== undefined).map(([k, v]) => [`stage.${k}`, { old: (stage as unknown as Record<string, unknown>)[k], new: v }]));
      await manager.update(PipelineStageEntity, { id: stageId }, dto);
      return changes;
    });
  }

  async reorderStages(principal: Principal, id: string, dto: StageOrderDto, version: number | undefined): Promise<PipelineDto> {
    return this.change(principal, id, version, 'pipeline.stages_reordered', async (manager, pipeline) => {
      const current = (pipeline.stages ?? []).map((s) => s.id);
      if (dto.stageIds.length !== current.length || dto.stageIds.some((stageId) => !current.includes(stageId))) {
        throw AppError.validation('stageIds', 'must list every stage of the pipeline exactly once');
      }
      // The (pipeline, position) key is checked at commit: the positions may pass through duplicates here.
      for (const [position, stageId] of dto.stageIds.entries()) await manager.update(PipelineStageEntity, { id: stageId }, { position });
      return { stageOrder: { old: current, new: dto.stageIds } };
    });
  }

  /** The pipeline and stage a new or moved opportunity lands in; 400 naming the field for unknown or mismatched ids. */
  async resolveStage(manager: EntityManager, pipelineId: string | undefined, stageId: string | undefined): Promise<PipelineStageEntity> {
    const stages = manager.getRepository(PipelineStageEntity);
    if (stageId) {
      const stage = await stages.findOne({ where: { id: stageId }, relations: { pipeline: true } });
      if (!stage) throw AppError.validation('stageId', 'no such stage');
      if (pipelineId && stage.pipelineId !== pipelineId) throw AppError.validation('stageId', 'is not a stage of the pipeline');
      return stage;
    }
    const pipeline = pipelineId
      ? await manager.getRepository(PipelineEntity).findOne({ where: { id: pipelineId }, relations: { stages: true } })
      : await manager.getRepository(PipelineEntity).findOne({ where: { isDefault: true }, relations: { stages: true } });
    if (!pipeline) throw AppError.validation('pipelineId', pipelineId ? 'no such pipeline' : 'there is no default pipeline: name one');
    const first = [...(pipeline.stages ?? [])].sort((a, b) => a.position - b.position).find((s) => s.kind === StageKind.Open) ?? pipeline.stages?.[0];
    if (!first) throw AppError.validation('pipelineId', 'the pipeline has no stages');
    return first;
  }

  private async change(
    principal: Principal,
    id: string,
    version: number | undefined,
    action: string,
    apply: (manager: EntityManager, pipeline: PipelineEntity) => Promise<Record<string, { old: unknown; new: unknown }>>,
  ): Promise<PipelineDto> {
    await this.assertMay(principal, AccessAction.Update);
    return this.dataSource.transaction(async (manager) => {
      await manager.query(`select 1 from pipelines where id = $1 for update`, [id]);
      const pipeline = await this.load(manager, id);
      assertVersion(pipeline.version, version, false);
      const changes = await apply(manager, pipeline);
      await manager.query(`update pipelines set version = version + 1, updated_at = now() where id = $1`, [id]);
      await this.audited(manager, action, id, changes);
      return toPipelineDto(await this.load(manager, id));
    });
  }

  private async load(manager: EntityManager, id: string): Promise<PipelineEntity> {
    const pipeline = await manager.getRepository(PipelineEntity).findOne({ where: { id }, relations: { stages: true } });
    if (!pipeline) throw AppError.notFound('Pipeline');
    return pipeline;
  }

  private async audited(manager: EntityManager, action: string, id: string, changes: Record<string, { old: unknown; new: unknown }>): Promise<void> {
    await this.audit.record(manager, { category: AuditCategory.Business, action, entityType: ObjectType.Pipeline, entityId: id, changes });
  }

  /** Reading needs any read right on `pipeline`; changing needs `update` at level `all` (configuration is global). */
  private async assertMay(principal: Principal, action: AccessAction.Read | AccessAction.Update): Promise<void> {
    const access = await this.access.forObject(principal, ObjectType.Pipeline);
    const allowed = action === AccessAction.Read ? access.level(AccessAction.Read) !== AccessLevel.None : access.level(AccessAction.Update) === AccessLevel.All;
    if (!allowed) throw new AppError(ErrorCode.Forbidden, action === AccessAction.Read ? 'You may not read the sales pipelines' : 'You may not change the sales pipelines');
  }
}
