import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsInt, IsOptional, IsString, Length, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { PageQueryDto } from '../../platform/http/pagination';
import { Optional } from '../../platform/http/validation';
import { IsCalendarDate, IsCurrency, IsMoney } from '../products/catalogue';
import { PriceListEntity } from './price-list.entity';

export class PriceListDto {
  id!: string;
  /** @example 2027 国内标准价目表 */
  name!: string;
  /** ISO 4217. @example CNY */
  currency!: string;
  /** First day it applies. */
  @ApiProperty({ type: 'string', format: 'date', example: '2027-01-01' })
  validFrom!: string;
  /** Last day it applies; null: open-ended. */
  @ApiProperty({ type: 'string', format: 'date', nullable: true, example: '2027-12-31' })
  validTo!: string | null;
  /** The list quotes in this currency price from (one per currency). */
  isDefault!: boolean;
  active!: boolean;
  @ApiProperty({ type: 'string', nullable: true })
  description!: string | null;
  /** How many products it prices. */
  entryCount!: number;
  createdAt!: Date;
  updatedAt!: Date;
  /** Bumped by any change of the list or its entries; send as If-Match. */
  version!: number;
}

export class PriceListQueryDto {
  /** Only lists in this currency. */
  @IsCurrency(false)
  @Optional()
  currency?: string;
}

export class CreatePriceListDto {
  /** @example 2027 国内标准价目表 */
  @IsString()
  @Length(1, 100)
  name!: string;

  @IsCurrency()
  currency!: string;

  @IsCalendarDate()
  validFrom!: string;

  /** On or after validFrom (400 naming validTo otherwise); absent: open-ended. */
  @IsCalendarDate(false)
  @Optional()
  validTo?: string;

  /** Makes it the default list of its currency (the previous default stops being one). */
  @Optional()
  @IsBoolean()
  isDefault?: boolean;

  /** Default true. */
  @Optional()
  @IsBoolean()
  active?: boolean;

  @Optional()
  @IsString()
  @MaxLength(4000)
  description?: string;
}

export class UpdatePriceListDto {
  @Optional()
  @IsString()
  @Length(1, 100)
  name?: string;

  @IsCurrency(false)
  @Optional()
  currency?: string;

  @IsCalendarDate(false)
  @Optional()
  validFrom?: string;

  /** null: open-ended. */
  @IsCalendarDate(false, true)
  @IsOptional()
  validTo?: string | null;

  /** true makes it the default of its currency; a default cannot be unset directly (make another one the default). */
  @Optional()
  @IsBoolean()
  isDefault?: boolean;

  /** An inactive list prices nothing. */
  @Optional()
  @IsBoolean()
  active?: boolean;

  @IsOptional()
  @IsString()
  @MaxLength(4000)
  description?: string | null;
}

/** From `minQuantity` units on, the unit price is `price`. */
export class PriceTierDto {
  /** At least 2 (one unit is the list price). @example 5 */
  @ApiProperty({ type: 'integer', minimum: 2, maximum: 1000000 })
  @IsInt()
  @Min(2)
  @Max(1000000)
  minQuantity!: number;

  /** Decimal string. @example 1311000.00 */
  @IsMoney()
  price!: string;
}

export class PriceListEntryDto {
  productId!: string;
  /** @example XE370-STD */
  productCode!: string;
  productName!: string;
  productNameEn!: string;
  /** @example 台 */
  unit!: string;
  productActive!: boolean;
  /** Decimal string with two decimals. */
  @ApiProperty({ type: 'string', example: '1380000.00' })
  listPrice!: string;
  /** By minQuantity ascending. */
  tiers!: PriceTierDto[];
}

export class PriceListEntryPageDto {
  data!: PriceListEntryDto[];
  nextCursor!: string | null;
}

export class PriceListEntryQueryDto extends PageQueryDto {
  /** Substring of the product's code or names. */
  @Optional()
  @IsString()
  @MaxLength(100)
  q?: string;
}

export class PutPriceListEntryDto {
  @IsMoney()
  listPrice!: string;

  /** Quantity tiers, each minQuantity once (400 naming tiers otherwise); replaces the entry's tiers. Default none. */
  @ApiPropertyOptional({ type: [PriceTierDto], maxItems: 20 })
  @Optional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => PriceTierDto)
  tiers?: PriceTierDto[];
}

/** One price of a product: its entry in a price list, with the list's terms. */
export class ProductPriceDto {
  priceListId!: string;
  priceListName!: string;
  currency!: string;
  @ApiProperty({ type: 'string', format: 'date' })
  validFrom!: string;
  @ApiProperty({ type: 'string', format: 'date', nullable: true })
  validTo!: string | null;
  isDefault!: boolean;
  active!: boolean;
  @ApiProperty({ type: 'string', example: '1380000.00' })
  listPrice!: string;
  tiers!: PriceTierDto[];
}

export class EffectivePriceQueryDto {
  @IsCurrency()
  currency!: string;

  /** Units; default 1. */
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 1000000000, default: 1 })
  @Optional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000000000)
  quantity?: number;

  /** Default today (UTC). */
  @IsCalendarDate(false)
  @Optional()
  date?: string;
}

export class EffectivePriceDto {
  productId!: string;
  currency!: string;
  quantity!: number;
  @ApiProperty({ type: 'string', format: 'date' })
  date!: string;
  /** The unit price, a decimal string; null when no default list of the currency prices the product on that date. */
  @ApiProperty({ type: 'string', nullable: true, example: '1311000.00' })
  price!: string | null;
  /** The list it comes from. */
  @ApiProperty({ type: 'string', format: 'uuid', nullable: true })
  priceListId!: string | null;
}

export const PRICE_LIST_FIELDS = ['name', 'currency', 'validFrom', 'validTo', 'isDefault', 'active', 'description'] as const;

export function toPriceListDto(list: PriceListEntity, entryCount: number): PriceListDto {
  return {
    id: list.id,
    name: list.name,
    currency: list.currency,
    validFrom: list.validFrom,
    validTo: list.validTo,
    isDefault: list.isDefault,
    active: list.active,
    description: list.description,
    entryCount,
    createdAt: list.createdAt,
    updatedAt: list.updatedAt,
    version: list.version,
  };
}
