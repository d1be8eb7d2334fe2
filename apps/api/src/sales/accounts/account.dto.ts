import { ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsEmail, IsInt, Min, IsEnum, IsOptional, IsString, IsUUID, Length, MaxLength, ValidateNested } from 'class-validator';
import { BusinessRecordDto, CreateBusinessRecordDto, RecordPageQueryDto, toBusinessRecordDto, UpdateBusinessRecordDto } from '../../access/business-record.dto';
import { ExportFormat, IsExportFormat } from '../../access/export-file';
import { IsExportSelection } from '../../access/record-export';
import { IsPhone, Optional } from '../../platform/http/validation';
import { CsvImportOptionsDto } from '../../access/record-import.dto';
import { AccountEntity, AccountKind, AccountTier } from './account.entity';
import { IsTaxNumber, IsWebsite } from './tax-number';

/** A postal address; every part optional. */
export class AddressDto {
  /** @example 中国 */
  @Optional()
  @IsString()
  @Length(1, 100)
  country?: string;

  /** @example 江苏省 */
  @Optional()
  @IsString()
  @Length(1, 100)
  province?: string;

  /** @example 徐州市 */
  @Optional()
  @IsString()
  @Length(1, 100)
  city?: string;

  /** @example 鼓楼区 */
  @Optional()
  @IsString()
  @Length(1, 100)
  district?: string;

  /** @example 工业园路 88 号 */
  @Optional()
  @IsString()
  @Length(1, 300)
  street?: string;

  /** @example "221000" */
  @Optional()
  @IsString()
  @Length(1, 20)
  postalCode?: string;
}

/** A live account you can read with the same normalised name, phone or email (a possible duplicate). */
export class AccountDuplicateDto {
  id!: string;
  name!: string;
  /** Which of the given values matched: `name`, `phone`, `email`. */
  matchedOn!: string[];
}

/**
 * An account as the caller may see it. Fields the caller may not read are omitted; masked ones carry the mask
 * (e.g. `138****5678`): so every business field is optional here.
 */
export class AccountDto extends BusinessRecordDto {
  /** @example 徐州重工机械有限公司 */
  name?: string;
  kind?: AccountKind;
  /** @example construction */
  industry?: string | null;
  /** @example East */
  region?: string | null;
  phone?: string | null;
  email?: string | null;
  // A plain string to the Swagger plugin: a named enum's $ref cannot be nullable in OpenAPI 3.0.
  @ApiPropertyOptional({ type: 'string', enum: Object.values(AccountTier), nullable: true, description: 'strategic, key, standard or small (an AccountTier).' })
  tier?: `${AccountTier}` | null;
  /** The parent company in a group (an account). */
  parentAccountId?: string | null;
  billingAddress?: AddressDto | null;
  shippingAddress?: AddressDto | null;
  /** @example https://www.xzhd.example.cn */
  website?: string | null;
  /** Unified social credit code (统一社会信用代码). @example 91320300MA1MABCD1G */
  taxNumber?: string | null;
  /**
   * On create only: live accounts you can read with the same normalised name, phone or email. The account is
   * created anyway; a client shows them as a warning (check first with GET /accounts/duplicates).
   */
  possibleDuplicates?: AccountDuplicateDto[];
}

export class AccountPageDto {
  data!: AccountDto[];
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor!: string | null;
  /** Every record you may see that matches, when asked with `withTotal=true`. */
  total?: number;
}

/** Sort orders of account lists; `-` means descending. */
export enum AccountSort {
  Name = 'name',
  NameDesc = '-name',
  Region = 'region',
  RegionDesc = '-region',
  Industry = 'industry',
  IndustryDesc = '-industry',
}

export class AccountQueryDto extends RecordPageQueryDto {
  /** Default `name`. */
  @Optional()
  @IsEnum(AccountSort)
  sort?: AccountSort;

  /**
   * Substring of the name, or of the phone or email when you read them unmasked (trigram-indexed from 3
   * characters; shorter searches scan your scope).
   */
  @Optional()
  @IsString()
  @MaxLength(100)
  q?: string;

  @Optional()
  @IsString()
  @MaxLength(100)
  region?: string;

  @Optional()
  @IsString()
  @MaxLength(100)
  industry?: string;

  @Optional()
  @IsUUID()
  ownerId?: string;

  @Optional()
  @IsEnum(AccountTier)
  tier?: AccountTier;

  /** The children of this account. */
  @Optional()
  @IsUUID()
  parentAccountId?: string;
}

/** What to look for duplicates of: at least one of name, phone, email. */
export class AccountDuplicatesQueryDto {
  /** Compared normalised (case, spaces and punctuation ignored). @example 徐州恒达工程机械有限公司 */
  @Optional()
  @IsString()
  @Length(1, 200)
  name?: string;

  /** Compared by its digits. */
  @Optional()
  @IsString()
  @Length(1, 30)
  phone?: string;

  /** Compared without case. */
  @Optional()
  @IsString()
  @Length(1, 254)
  email?: string;

  /** Leave this account out (the one being edited). */
  @Optional()
  @IsUUID()
  excludeId?: string;
}

export class ImportAccountsDto extends CsvImportOptionsDto {
  /**
   * UTF-8 CSV text (a leading byte order mark is ignored) with a header row. Columns by field name or Chinese label:
   * name/名称/客户名称 (required), kind/类型 (company, person), industry/行业, region/地区, phone/电话, email/邮箱,
   * tier/等级, website/网站, taxNumber/税号. At most 5,000 rows.
   */
  @IsString()
  @Length(1, 900_000)
  csv!: string;
}

export class MergeAccountDto {
  /** The account merged into this one; it goes to the recycle bin. */
  @IsUUID()
  sourceAccountId!: string;

  /** The source's version, checked like If-Match when given (412 if stale). */
  @ApiPropertyOptional({ type: 'integer', minimum: 1 })
  @Optional()
  @IsInt()
  @Min(1)
  sourceVersion?: number;
}

/** What a merge moved from the source to the target, per related object. */
export class AccountMergeDto {
  target!: AccountDto;
  sourceAccountId!: string;
  /** Rows re-pointed per table and column, e.g. `{ "contacts.account_id": 3 }`. */
  moved!: Record<string, number>;
  /** Fields of the target that were empty and were filled from the source. */
  filledFields!: string[];
}

export class CreateAccountDto extends CreateBusinessRecordDto {
  /** @example 徐州重工机械有限公司 */
  @IsString()
  @Length(1, 200)
  name!: string;

  @Optional()
  @IsEnum(AccountKind)
  kind?: AccountKind;

  @Optional()
  @IsString()
  @Length(1, 100)
  industry?: string;

  @Optional()
  @IsString()
  @Length(1, 100)
  region?: string;

  @Optional()
  @IsPhone()
  phone?: string;

  @Optional()
  @IsEmail()
  @MaxLength(254)
  email?: string;

  @Optional()
  @IsEnum(AccountTier)
  tier?: AccountTier;

  /** An account you can see; no cycles. */
  @Optional()
  @IsUUID()
  parentAccountId?: string;

  @Optional()
  @ValidateNested()
  @Type(() => AddressDto)
  billingAddress?: AddressDto;

  @Optional()
  @ValidateNested()
  @Type(() => AddressDto)
  shippingAddress?: AddressDto;

  /** @example https://www.xzhd.example.cn */
  @Optional()
  @IsWebsite()
  website?: string;

  @Optional()
  @IsTaxNumber()
  taxNumber?: string;
}

export class UpdateAccountDto extends UpdateBusinessRecordDto {
  @Optional()
  @IsString()
  @Length(1, 200)
  name?: string;

  @Optional()
  @IsEnum(AccountKind)
  kind?: AccountKind;

  /** null clears it. */
  @IsOptional()
  @IsString()
  @Length(1, 100)
  industry?: string | null;

  /** null clears it. */
  @IsOptional()
  @IsString()
  @Length(1, 100)
  region?: string | null;

  /** null clears it. */
  @IsOptional()
  @IsPhone()
  phone?: string | null;

  /** null clears it. */
  @IsOptional()
  @IsEmail()
  @MaxLength(254)
  email?: string | null;

  /** null clears it. */
  @IsOptional()
  @IsEnum(AccountTier)
  @ApiPropertyOptional({ type: 'string', enum: Object.values(AccountTier), nullable: true, description: 'strategic, key, standard or small; null clears it.' })
  tier?: `${AccountTier}` | null;

  /** An account you can see; no cycles (400). null clears it. */
  @IsOptional()
  @IsUUID()
  parentAccountId?: string | null;

  /** Replaces the whole address; null clears it. */
  @IsOptional()
  @ValidateNested()
  @Type(() => AddressDto)
  billingAddress?: AddressDto | null;

  /** Replaces the whole address; null clears it. */
  @IsOptional()
  @ValidateNested()
  @Type(() => AddressDto)
  shippingAddress?: AddressDto | null;

  /** null clears it. */
  @IsOptional()
  @IsWebsite()
  website?: string | null;

  /** null clears it. */
  @IsOptional()
  @IsTaxNumber()
  taxNumber?: string | null;
}

export const ACCOUNT_FIELDS = ['name', 'kind', 'industry', 'region', 'phone', 'email', 'tier', 'parentAccountId', 'billingAddress', 'shippingAddress', 'website', 'taxNumber'] as const;

export function toAccountDto(account: AccountEntity): AccountDto {
  return toBusinessRecordDto<AccountDto>(account, {
    name: account.name,
    kind: account.kind,
    industry: account.industry,
    region: account.region,
    phone: account.phone,
    email: account.email,
    tier: account.tier,
    parentAccountId: account.parentAccountId,
    billingAddress: account.billingAddress,
    shippingAddress: account.shippingAddress,
    website: account.website,
    taxNumber: account.taxNumber,
  });
}

/** The list's filters, search and sort, for the whole result instead of a page. */
export class AccountExportQueryDto extends OmitType(AccountQueryDto, ['limit', 'cursor', 'withTotal'] as const) {
  @IsExportSelection()
  ids?: string[];

  @IsExportFormat()
  format?: ExportFormat;
}
