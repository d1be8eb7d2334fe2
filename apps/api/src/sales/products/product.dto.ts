import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsEnum, IsInt, IsOptional, IsString, IsUUID, Length, Matches, Max, MaxLength, Min } from 'class-validator';
import { PageQueryDto } from '../../platform/http/pagination';
import { Optional } from '../../platform/http/validation';
import { IsKnownCurrency, IsMoney } from './catalogue';
import { ProductCategoryEntity, ProductEntity } from './product.entity';

const CODE = /^[A-Z0-9][A-Z0-9._/-]{0,39}$/;
/** What a request may send: any case, surrounding white space allowed (normalised before CODE is checked). */
const CODE_INPUT = '^\\s*[A-Za-z0-9][A-Za-z0-9._/-]{0,39}\\s*$';
const CODE_MESSAGE = '$property must be 1–40 letters, digits, ".", "_", "/" or "-" (trimmed and upper-cased), starting with a letter or digit';
/** Codes are compared trimmed and upper-case: ` xe370-std ` is `XE370-STD`. */
const normaliseCode = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toUpperCase() : value);

/**
 * A product as the caller may see it: fields the caller may not read are omitted — `costPrice` for everyone but the
 * sales director and finance (field rules). Money is a decimal string.
 */
export class ProductDto {
  id!: string;
  /** Unique, trimmed, upper-case. @example XE370-STD */
  code?: string;
  /** @example XE370 履带式挖掘机 */
  name?: string;
  /** @example XE370 crawler excavator */
  nameEn?: string;
  categoryId?: string;
  /** @example 台 */
  unit?: string;
  /** Inactive products are kept for history; partners do not see them. */
  active?: boolean;
  @ApiPropertyOptional({ type: 'string', nullable: true })
  description?: string | null;
  /** Decimal string with two decimals; hidden from most roles. */
  @ApiPropertyOptional({ type: 'string', nullable: true, pattern: '^\\d{1,16}\\.\\d{2}$', example: '965000.00' })
  costPrice?: string | null;
  /** The currency of costPrice (ISO 4217; the base currency unless set); under the same field rules as costPrice. @example CNY */
  costCurrency?: string;
  createdAt!: Date;
  updatedAt!: Date;
  /** Send back as If-Match when updating. */
  version!: number;
}

export class ProductPageDto {
  data!: ProductDto[];
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor!: string | null;
}

/** Sort orders of the product list; `-` means descending. */
export enum ProductSort {
  Code = 'code',
  CodeDesc = '-code',
  Name = 'name',
  NameDesc = '-name',
}

export class ProductQueryDto extends PageQueryDto {
  /** Default `code`. */
  @Optional()
  @IsEnum(ProductSort)
  sort?: ProductSort;

  /** Substring of the code, the Chinese or the English name. */
  @Optional()
  @IsString()
  @MaxLength(100)
  q?: string;

  /** Products of this category and of every category below it. */
  @Optional()
  @IsUUID()
  categoryId?: string;

  /** Only active (true) or inactive (false) products; partners see active ones only. */
  @ApiPropertyOptional({ type: 'boolean' })
  @Optional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  active?: boolean;
}

export class CreateProductDto {
  /** Trimmed and upper-cased; unique (409 naming `code`). @example XE370-STD */
  @ApiProperty({ pattern: CODE_INPUT, example: 'XE370-STD' })
  @Transform(normaliseCode)
  @IsString()
  @Matches(CODE, { message: CODE_MESSAGE })
  code!: string;

  /** @example XE370 履带式挖掘机 */
  @IsString()
  @Length(1, 200)
  name!: string;

  /** @example XE370 crawler excavator */
  @IsString()
  @Length(1, 200)
  nameEn!: string;

  /** An existing category (400 naming it otherwise). */
  @IsUUID()
  categoryId!: string;

  /** @example 台 */
  @IsString()
  @Length(1, 20)
  unit!: string;

  /** Default true. */
  @Optional()
  @IsBoolean()
  active?: boolean;

  @Optional()
  @IsString()
  @MaxLength(4000)
  description?: string;

  /** Only roles that may edit it (sales director, finance): 403 naming it otherwise. */
  @IsMoney(false)
  @Optional()
  costPrice?: string;

  /** The currency of costPrice; default the base currency (`BASE_CURRENCY`). Same rights as costPrice. */
  @IsKnownCurrency(false)
  @Optional()
  costCurrency?: string;
}

export class UpdateProductDto {
  @ApiPropertyOptional({ pattern: CODE_INPUT, example: 'XE370-STD' })
  @Optional()
  @Transform(normaliseCode)
  @IsString()
  @Matches(CODE, { message: CODE_MESSAGE })
  code?: string;

  @Optional()
  @IsString()
  @Length(1, 200)
  name?: string;

  @Optional()
  @IsString()
  @Length(1, 200)
  nameEn?: string;

  @Optional()
  @IsUUID()
  categoryId?: string;

  @Optional()
  @IsString()
  @Length(1, 20)
  unit?: string;

  @Optional()
  @IsBoolean()
  active?: boolean;

  /** null clears it. */
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  description?: string | null;

  /** null clears it. */
  @ApiPropertyOptional({ type: 'string', nullable: true, pattern: '^\\d{1,16}(\\.\\d{1,2})?$', example: '965000.00' })
  @IsOptional()
  @IsString()
  @Matches(/^\d{1,16}(\.\d{1,2})?$/, { message: '$property must be a non-negative decimal string with at most 2 decimals, e.g. 1380000.00' })
  costPrice?: string | null;

  /** The currency of costPrice. Same rights as costPrice. */
  @IsKnownCurrency(false)
  @Optional()
  costCurrency?: string;
}

export const PRODUCT_FIELDS = ['code', 'name', 'nameEn', 'categoryId', 'unit', 'active', 'description', 'costPrice', 'costCurrency'] as const;

export function toProductDto(p: ProductEntity): ProductDto {
  return {
    id: p.id,
    code: p.code,
    name: p.name,
    nameEn: p.nameEn,
    categoryId: p.categoryId,
    unit: p.unit,
    active: p.active,
    description: p.description,
    costPrice: p.costPrice,
    costCurrency: p.costCurrency,
    createdAt: p.createdAt,
    updatedAt: p.updatedAt,
    version: p.version,
  };
}

/** A node of the category tree; the list is in tree order (parents before children, siblings by position). */
export class ProductCategoryDto {
  id!: string;
  @ApiProperty({ type: 'string', format: 'uuid', nullable: true })
  parentId!: string | null;
  /** 0 for a root, 1 for its children, … */
  depth!: number;
  /** @example 挖掘机 */
  name!: string;
  /** @example Excavators */
  nameEn!: string;
  /** Order among its siblings. */
  position!: number;
  version!: number;
}

export class CreateProductCategoryDto {
  /** @example 小型挖掘机 */
  @IsString()
  @Length(1, 100)
  name!: string;

  /** @example Mini excavators */
  @IsString()
  @Length(1, 100)
  nameEn!: string;

  /** Default: a root category. */
  @Optional()
  @IsUUID()
  parentId?: string;

  /** Order among its siblings, default 0. */
  @ApiPropertyOptional({ type: 'integer', minimum: 0, maximum: 10000 })
  @Optional()
  @IsInt()
  @Min(0)
  @Max(10000)
  position?: number;
}

export class UpdateProductCategoryDto {
  @Optional()
  @IsString()
  @Length(1, 100)
  name?: string;

  @Optional()
  @IsString()
  @Length(1, 100)
  nameEn?: string;

  /** Moves the category (with its subtree); null makes it a root. Not below itself (400). */
  @ApiPropertyOptional({ type: 'string', format: 'uuid', nullable: true })
  @IsOptional()
  @IsUUID()
  parentId?: string | null;

  @ApiPropertyOptional({ type: 'integer', minimum: 0, maximum: 10000 })
  @Optional()
  @IsInt()
  @Min(0)
  @Max(10000)
  position?: number;
}

export function toProductCategoryDto(c: ProductCategoryEntity): ProductCategoryDto {
  return { id: c.id, parentId: c.parentId, depth: c.path.split('/').length - 3, name: c.name, nameEn: c.nameEn, position: c.position, version: c.version };
}
