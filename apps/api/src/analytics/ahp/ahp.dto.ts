import { ApiProperty, ApiPropertyOptional, type ApiPropertyOptions } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsEnum, IsOptional, IsString, Length, MaxLength } from 'class-validator';
import { BusinessRecordDto, CreateBusinessRecordDto, RecordPageQueryDto, toBusinessRecordDto, UpdateBusinessRecordDto } from '../../access/business-record.dto';
import { Optional } from '../../platform/http/validation';
import type { AhpModelEntity } from './ahp-model.entity';

/** An n × n matrix of positive numbers (0 is a 400: the schema says minimum 0 as OpenAPI 3.0's boolean exclusiveMinimum trips JSON Schema tools), a_ji = 1/a_ij, diagonal 1; n ≤ 10. */
const MATRIX: ApiPropertyOptions = { type: 'array', items: { type: 'array', items: { type: 'number', minimum: 0 } }, example: [[1, 3], [0.3333, 1]] };

/**
 * One criterion. `comparisons` compares its children pairwise: its `subCriteria` when it has some, otherwise the
 * alternatives. A criterion without sub-criteria may rate the alternatives by `scores` instead (one number ≥ 0 per
 * alternative, higher is better, normalised to sum 1).
 */
export class AhpCriterionDto {
  @ApiProperty({ minLength: 1, maxLength: 200, example: '利润率' })
  name!: string;
  @ApiPropertyOptional({ type: () => [AhpCriterionDto] })
  subCriteria?: AhpCriterionDto[];
  @ApiPropertyOptional(MATRIX)
  comparisons?: number[][];
  @ApiPropertyOptional({ type: 'array', items: { type: 'number', minimum: 0 }, example: [12.5, 30, 18] })
  scores?: number[];
}

/**
 * The hierarchy and judgements of a model. Validated as a whole (400 naming the field, e.g.
 * `criteria[1].comparisons[2][0]`); inconsistent judgements (CR ≥ 0.1) are not errors.
 */
export class AhpModelInputDto {
  /** The top-level criteria (1 to 10). */
  @ApiProperty({ type: () => [AhpCriterionDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(10)
  criteria!: AhpCriterionDto[];

  /** Pairwise comparisons of the top-level criteria (criteria × criteria). */
  @ApiProperty(MATRIX)
  @IsArray()
  comparisons!: number[][];

  /** The alternatives ranked, e.g. service items (1 to 10 when compared pairwise). @example ["安装服务", "维保服务", "培训服务"] */
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @IsString({ each: true })
  @Length(1, 200, { each: true })
  alternatives!: string[];
}

export class AhpMatrixResultDto {
  /** The principal eigenvector, normalised to sum 1, in the order of the items compared. */
  weights!: number[];
  lambdaMax!: number;
  /** (λmax − n) / (n − 1). */
  ci!: number;
  /** CI divided by Saaty's random index for n; 0 for n ≤ 2. */
  cr!: number;
  /** CR < 0.1. */
  consistent!: boolean;
}

export class AhpCriterionResultDto {
  name!: string;
  /** Weight among its siblings. */
  localWeight!: number;
  /** Weight in the whole model (the leaves' sum to 1). */
  globalWeight!: number;
  /** The consistency of its comparisons; null when it rates the alternatives by scores. */
  consistency!: AhpMatrixResultDto | null;
  /** Without sub-criteria: each alternative's priority under this criterion. */
  alternativePriorities?: number[];
  @ApiPropertyOptional({ type: () => [AhpCriterionResultDto] })
  subCriteria?: AhpCriterionResultDto[];
}

export class AhpInconsistencyDto {
  /** @example criteria[1].comparisons */
  path!: string;
  cr!: number;
}

export class AhpRankedAlternativeDto {
  alternative!: string;
  /** Its position in `alternatives`. */
  index!: number;
  /** The composite index; the alternatives' sum to 1. */
  score!: number;
  /** 1 for the best; equal scores share a rank. */
  rank!: number;
}

/** A model evaluated: the top-level weights and consistency, every criterion's weights, and the ranking. */
export class AhpResultDto extends AhpMatrixResultDto {
  /** Every comparison matrix of the model has CR < 0.1. */
  declare consistent: boolean;
  /** The matrices with CR ≥ 0.1: revise those judgements. */
  inconsistencies!: AhpInconsistencyDto[];
  /** Null when consistent; otherwise which judgements to revise. */
  message!: string | null;
  criteria!: AhpCriterionResultDto[];
  /** The alternatives, best first. */
  ranking!: AhpRankedAlternativeDto[];
}

export class AhpModelDto extends BusinessRecordDto {
  /** @example 2026 服务项目盈利评价 */
  name?: string;
  description?: string | null;
  criteria?: AhpCriterionDto[];
  @ApiPropertyOptional(MATRIX)
  comparisons?: number[][];
  alternatives?: string[];
  /** The model evaluated (omitted when field rules hide part of the model from you). */
  result?: AhpResultDto;
}

export class AhpModelPageDto {
  data!: AhpModelDto[];
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor!: string | null;
  /** Every model you may see that matches, when asked with `withTotal=true`. */
  total?: number;
}

/** Sort orders of AHP model lists; `-` means descending. */
export enum AhpModelSort {
  Name = 'name',
  NameDesc = '-name',
}

export class AhpModelQueryDto extends RecordPageQueryDto {
  /** Default `name`. */
  @Optional()
  @IsEnum(AhpModelSort)
  sort?: AhpModelSort;

  /** Substring of the name. */
  @Optional()
  @IsString()
  @MaxLength(100)
  q?: string;
}

export class CreateAhpModelDto extends CreateBusinessRecordDto {
  /** @example 2026 服务项目盈利评价 */
  @IsString()
  @Length(1, 200)
  name!: string;

  @Optional()
  @IsString()
  @MaxLength(2000)
  description?: string;

  @ApiProperty({ type: () => [AhpCriterionDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(10)
  criteria!: AhpCriterionDto[];

  @ApiProperty(MATRIX)
  @IsArray()
  comparisons!: number[][];

  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @IsString({ each: true })
  @Length(1, 200, { each: true })
  alternatives!: string[];
}

/** Any subset; the model as a whole (with the fields not sent) must stay valid. */
export class UpdateAhpModelDto extends UpdateBusinessRecordDto {
  @Optional()
  @IsString()
  @Length(1, 200)
  name?: string;

  /** null clears it. */
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  description?: string | null;

  @ApiPropertyOptional({ type: () => [AhpCriterionDto] })
  @Optional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(10)
  criteria?: AhpCriterionDto[];

  @ApiPropertyOptional(MATRIX)
  @Optional()
  @IsArray()
  comparisons?: number[][];

  @Optional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @IsString({ each: true })
  @Length(1, 200, { each: true })
  alternatives?: string[];
}

export const AHP_MODEL_FIELDS = ['name', 'description', 'criteria', 'comparisons', 'alternatives'] as const;

export function toAhpModelDto(model: AhpModelEntity): AhpModelDto {
  return toBusinessRecordDto<AhpModelDto>(model, {
    name: model.name,
    description: model.description,
    criteria: model.criteria,
    comparisons: model.comparisons,
    alternatives: model.alternatives,
  });
}
