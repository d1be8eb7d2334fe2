import { IsBoolean, IsEmail, IsEnum, IsOptional, IsString, IsUUID, Length, MaxLength } from 'class-validator';
import { PageQueryDto } from '../../platform/http/pagination';
import { IsPhone, Optional } from '../../platform/http/validation';
import { AccountEntity, AccountKind } from './account.entity';

/**
 * An account as the caller may see it. Fields the caller may not read are omitted; masked ones carry the mask
 * (e.g. `138****5678`): so every business field is optional here.
 */
export class AccountDto {
  id!: string;
  /** @example 徐州重工机械有限公司 */
  name?: string;
  kind?: AccountKind;
  /** @example construction */
  industry?: string | null;
  /** @example East */
  region?: string | null;
  phone?: string | null;
  email?: string | null;
  ownerId?: string;
  teamId?: string | null;
  partnerAccountId?: string | null;
  /** Only the owner may change or delete it; others who can see it read it (R-SEC-4). */
  ownerOnlyEdit?: boolean;
  /** Only the owner and explicit shares can see it (R-SEC-5). */
  restricted?: boolean;
  createdAt!: Date;
  updatedAt!: Date;
  version!: number;
}

export class AccountPageDto {
  data!: AccountDto[];
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor!: string | null;
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

export class AccountQueryDto extends PageQueryDto {
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

export class CreateAccountDto {
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

  /** Defaults to the caller; someone else needs the reassign right. */
  @Optional()
  @IsUUID()
  ownerId?: string;

  /** The distributor this customer belongs to (set automatically for partner users). */
  @Optional()
  @IsUUID()
  partnerAccountId?: string;

  @Optional()
  @IsBoolean()
  ownerOnlyEdit?: boolean;

  @Optional()
  @IsBoolean()
  restricted?: boolean;
}

export class UpdateAccountDto {
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

  /** Reassigns the account (needs the reassign right over it); the team follows the new owner. */
  @Optional()
  @IsUUID()
  ownerId?: string;

  /** null unlinks it from a distributor. */
  @IsOptional()
  @IsUUID()
  partnerAccountId?: string | null;

  /** Only the owner may change it. */
  @Optional()
  @IsBoolean()
  ownerOnlyEdit?: boolean;

  /** Only the owner may change it. */
  @Optional()
  @IsBoolean()
  restricted?: boolean;
}

export const ACCOUNT_FIELDS = ['name', 'kind', 'industry', 'region', 'phone', 'email'] as const;

export function toAccountDto(account: AccountEntity): AccountDto {
  return {
    id: account.id,
    name: account.name,
    kind: account.kind,
    industry: account.industry,
    region: account.region,
    phone: account.phone,
    email: account.email,
    ownerId: account.ownerId,
    teamId: account.teamId,
    partnerAccountId: account.partnerAccountId,
    ownerOnlyEdit: account.ownerOnlyEdit,
    restricted: account.restricted,
    createdAt: account.createdAt,
    updatedAt: account.updatedAt,
    version: account.version,
  };
}
