import { OmitType } from '@nestjs/swagger';
import { IsEmail, IsEnum, IsOptional, IsString, IsUUID, Length, MaxLength } from 'class-validator';
import { BusinessRecordDto, CreateBusinessRecordDto, RecordPageQueryDto, toBusinessRecordDto, UpdateBusinessRecordDto } from '../../access/business-record.dto';
import { IsPhone, Optional } from '../../platform/http/validation';
import { AccountEntity, AccountKind } from './account.entity';

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

  /** Substring of the name. */
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

}

export const ACCOUNT_FIELDS = ['name', 'kind', 'industry', 'region', 'phone', 'email'] as const;

export function toAccountDto(account: AccountEntity): AccountDto {
  return {
    ...toBusinessRecordDto(account),
    name: account.name,
    kind: account.kind,
    industry: account.industry,
    region: account.region,
    phone: account.phone,
    email: account.email,
  };
}

/** The list's filters, search and sort, for the whole result instead of a page. */
export class AccountExportQueryDto extends OmitType(AccountQueryDto, ['limit', 'cursor', 'withTotal'] as const) {}
