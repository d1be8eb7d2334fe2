import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsBoolean, IsEnum, IsInt, IsString, IsUUID, Length, Max, Min, ValidateNested } from 'class-validator';
import { Optional } from '../../platform/http/validation';
import { PipelineEntity, PipelineStageEntity, StageKind } from './pipeline.entity';

export class PipelineStageDto {
  id!: string;
  /** 0-based order within the pipeline. */
  position!: number;
  /** @example 方案报价 */
  name!: string;
  /** @example Proposal */
  nameEn!: string;
  /** Default win probability (0–100) of opportunities entering this stage. */
  probability!: number;
  /** `won` and `lost` stages close an opportunity. */
  kind!: StageKind;
}

export class PipelineDto {
  id!: string;
  /** @example 设备销售 */
  name!: string;
  /** @example Equipment sales */
  nameEn!: string;
  /** New opportunities without a pipeline go to the default one. */
  isDefault!: boolean;
  active!: boolean;
  /** Bumped by any change of the pipeline or its stages; send as If-Match when changing them. */
  version!: number;
  /** In order. */
  stages!: PipelineStageDto[];
}

export class CreateStageDto {
  /** @example 方案报价 */
  @IsString()
  @Length(1, 100)
  name!: string;

  /** @example Proposal */
  @IsString()
  @Length(1, 100)
  nameEn!: string;

  /** @example 40 */
  @ApiProperty({ type: 'integer', minimum: 0, maximum: 100 })
  @IsInt()
  @Min(0)
  @Max(100)
  probability!: number;

  /** Default `open`. */
  @Optional()
  @IsEnum(StageKind)
  kind?: StageKind;
}

export class UpdateStageDto {
  @Optional()
  @IsString()
  @Length(1, 100)
  name?: string;

  @Optional()
  @IsString()
  @Length(1, 100)
  nameEn?: string;

  @Optional()
  @ApiPropertyOptional({ type: 'integer', minimum: 0, maximum: 100 })
  @IsInt()
  @Min(0)
  @Max(100)
  probability?: number;

  @Optional()
  @IsEnum(StageKind)
  kind?: StageKind;
}

export class CreatePipelineDto {
  /** @example 配件销售 */
  @IsString()
  @Length(1, 100)
  name!: string;

  /** @example Spare parts */
  @IsString()
  @Length(1, 100)
  nameEn!: string;

  /** Makes it the default pipeline (the previous default stops being one). */
  @Optional()
  @IsBoolean()
  isDefault?: boolean;

  /** In order; at least one. */
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(30)
  @ValidateNested({ each: true })
  @Type(() => CreateStageDto)
  stages!: CreateStageDto[];
}

export class UpdatePipelineDto {
  @Optional()
  @IsString()
  @Length(1, 100)
  name?: string;

  @Optional()
  @IsString()
  @Length(1, 100)
  nameEn?: string;

  /** true makes it the default pipeline (the previous default stops being one). */
  @Optional()
  @IsBoolean()
  isDefault?: boolean;

  /** An inactive pipeline takes no new opportunities. */
  @Optional()
  @IsBoolean()
  active?: boolean;
}

export class StageOrderDto {
  /** Every stage id of the pipeline, each once, in the new order. */
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(30)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  stageIds!: string[];
}

export function toStageDto(stage: PipelineStageEntity): PipelineStageDto {
  return { id: stage.id, position: stage.position, name: stage.name, nameEn: stage.nameEn, probability: stage.probability, kind: stage.kind };
}

export function toPipelineDto(pipeline: PipelineEntity): PipelineDto {
  return {
    id: pipeline.id,
    name: pipeline.name,
    nameEn: pipeline.nameEn,
    isDefault: pipeline.isDefault,
    active: pipeline.active,
    version: pipeline.version,
    stages: [...(pipeline.stages ?? [])].sort((a, b) => a.position - b.position).map(toStageDto),
  };
}
