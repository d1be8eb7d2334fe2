import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsEnum, IsObject, IsString, Length, MaxLength, ValidateNested } from 'class-validator';
import { PageQueryDto } from '../../platform/http/pagination';
import { Optional } from '../../platform/http/validation';
import { SavedViewObjectType } from './saved-view-lists';
import type { SavedViewEntity } from './saved-view.entity';

export class SavedViewDefinitionDto {
  /**
   * Query parameters of the object's list endpoint (e.g. `{"region": "华东", "status": "new"}`), as strings; only
   * that list's filter parameters, with values its rules accept (`limit`, `cursor`, `withTotal` and `sort` are not filters).
   */
  @ApiPropertyOptional({ type: 'object', additionalProperties: { type: 'string' }, example: { region: '华东' } })
  @Optional()
  @IsObject()
  filters?: Record<string, string>;

  /** One of the list's `sort` values. @example -name */
  @Optional()
  @IsString()
  @MaxLength(100)
  sort?: string;

  /** Visible columns, in order: the object's field names. @example ["name", "region", "ownerId"] */
  @Optional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  columns?: string[];
}

export class SavedViewDto {
  id!: string;
  objectType!: SavedViewObjectType;
  /** @example 华东 VIP 客户 */
  name!: string;
  definition!: SavedViewDefinitionDto;
  createdAt!: Date;
  updatedAt!: Date;
  version!: number;
}

export class SavedViewPageDto {
  data!: SavedViewDto[];
  nextCursor!: string | null;
}

export class SavedViewQueryDto extends PageQueryDto {
  /** Only the views of this list. */
  @Optional()
  @ApiPropertyOptional({ enum: SavedViewObjectType, enumName: 'SavedViewObjectType' })
  @IsEnum(SavedViewObjectType)
  objectType?: SavedViewObjectType;
}

export class CreateSavedViewDto {
  @ApiProperty({ enum: SavedViewObjectType, enumName: 'SavedViewObjectType' })
  @IsEnum(SavedViewObjectType)
  objectType!: SavedViewObjectType;

  /** Unique among your views of the same list. @example 华东 VIP 客户 */
  @IsString()
  @Length(1, 100)
  name!: string;

  @IsObject()
  @ValidateNested()
  @Type(() => SavedViewDefinitionDto)
  definition!: SavedViewDefinitionDto;
}

export class UpdateSavedViewDto {
  @Optional()
  @IsString()
  @Length(1, 100)
  name?: string;

  /** Replaces the whole definition. */
  @Optional()
  @IsObject()
  @ValidateNested()
  @Type(() => SavedViewDefinitionDto)
  definition?: SavedViewDefinitionDto;
}

export function toSavedViewDto(view: SavedViewEntity): SavedViewDto {
  return {
    id: view.id,
    objectType: view.objectType,
    name: view.name,
    definition: view.definition,
    createdAt: view.createdAt,
    updatedAt: view.updatedAt,
    version: view.version,
  };
}
