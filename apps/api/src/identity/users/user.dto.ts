import { ArrayMaxSize, ArrayUnique, IsArray, IsBoolean, IsEmail, IsEnum, IsOptional, IsString, IsUUID, Length, MaxLength } from 'class-validator';
import { PickType } from '@nestjs/swagger';
import { PageQueryDto } from '../../platform/http/pagination';
import { IsPhone, Optional } from '../../platform/http/validation';
import { RoleKey } from '../roles/role-key';
import { RoleDto, toRoleDto } from '../roles/role.dto';
import { TeamSummaryDto } from '../teams/team.dto';
import { UserEntity, UserLocale } from './user.entity';

export class PartnerAccountSummaryDto {
  id!: string;
  name!: string;
  nameEn!: string;
}

export class UserDto {
  id!: string;
  /** @example rep.e1@lianxi.test */
  email!: string;
  /** Chinese display name. @example 王磊 */
  name!: string;
  /** @example Wang Lei */
  nameEn!: string;
  phone!: string | null;
  locale!: UserLocale;
  active!: boolean;
  team!: TeamSummaryDto | null;
  partnerAccount!: PartnerAccountSummaryDto | null;
  managerId!: string | null;
  roles!: RoleDto[];
  lastLoginAt!: Date | null;
  createdAt!: Date;
  updatedAt!: Date;
  /** Send back as If-Match (or read the ETag header) when updating. */
  version!: number;
}

export class UserPageDto {
  data!: UserDto[];
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor!: string | null;
}

export class UserQueryDto extends PageQueryDto {
  /** Substring of email or either name. */
  @Optional()
  @IsString()
  @MaxLength(100)
  q?: string;

  @Optional()
  @IsUUID()
  teamId?: string;
}

export class CreateUserDto {
  /** @example li.na@lianxi.test */
  @IsEmail()
  @MaxLength(254)
  email!: string;

  /** @example 李娜 */
  @IsString()
  @Length(1, 200)
  name!: string;

  /** @example Li Na */
  @IsString()
  @Length(1, 200)
  nameEn!: string;

  @Optional()
  @IsPhone()
  phone?: string;

  @Optional()
  @IsEnum(UserLocale)
  locale?: UserLocale;

  /** Staff users belong to a team. */
  @Optional()
  @IsUUID()
  teamId?: string;

  /** Partner users belong to a partner account instead of a team. */
  @Optional()
  @IsUUID()
  partnerAccountId?: string;

  @Optional()
  @IsUUID()
  managerId?: string;

  @IsArray()
  @ArrayUnique()
  @ArrayMaxSize(12)
  @IsEnum(RoleKey, { each: true })
  roles!: RoleKey[];
}

export class UpdateUserDto {
  @Optional()
  @IsString()
  @Length(1, 200)
  name?: string;

  @Optional()
  @IsString()
  @Length(1, 200)
  nameEn?: string;

  /** null clears it. */
  @IsOptional()
  @IsPhone()
  phone?: string | null;

  @Optional()
  @IsEnum(UserLocale)
  locale?: UserLocale;

  @Optional()
  @IsUUID()
  teamId?: string;

  /** null clears it. */
  @IsOptional()
  @IsUUID()
  managerId?: string | null;

  /** false deactivates the user and ends all their sessions at once. */
  @Optional()
  @IsBoolean()
  active?: boolean;
}

/** What users change on their own profile: a subset of what administrators may change. */
export class UpdateProfileDto extends PickType(UpdateUserDto, ['name', 'nameEn', 'phone', 'locale'] as const) {}

export class SetUserRolesDto {
  @IsArray()
  @ArrayUnique()
  @ArrayMaxSize(12)
  @IsEnum(RoleKey, { each: true })
  roles!: RoleKey[];
}

export class PasswordResetIssuedDto {
  /** When the emailed one-time link stops working. */
  expiresAt!: Date;
}

export function toUserDto(user: UserEntity): UserDto {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    nameEn: user.nameEn,
    phone: user.phone,
    locale: user.locale,
    active: user.active,
    team: user.team ? { id: user.team.id, name: user.team.name, nameEn: user.team.nameEn } : null,
    partnerAccount: user.partnerAccount ? { id: user.partnerAccount.id, name: user.partnerAccount.name, nameEn: user.partnerAccount.nameEn } : null,
    managerId: user.managerId,
    roles: (user.roles ?? []).map(toRoleDto).sort((a, b) => a.key.localeCompare(b.key)),
    lastLoginAt: user.lastLoginAt,
    createdAt: user.createdAt,
    updatedAt: user.updatedAt,
    version: user.version,
  };
}
