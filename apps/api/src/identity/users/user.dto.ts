import { ArrayMaxSize, ArrayUnique, IsArray, IsBoolean, IsEmail, IsEnum, IsOptional, IsString, IsUUID, Length, Matches, MaxLength } from 'class-validator';
import { PageQueryDto } from '../../platform/http/pagination';
import { RoleKey } from '../roles/role-key';
import { RoleDto, toRoleDto } from '../roles/role.dto';
import { TeamSummaryDto } from '../teams/team.dto';
import { UserEntity, UserLocale } from './user.entity';

/** Phones as people write them: digits, spaces, +, -, parentheses; 5–30 characters. */
const PHONE = /^\+?[0-9 ()-]{5,30}$/;

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
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;

  @IsOptional()
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

  /** @example +86 138 0013 8000 */
  @IsOptional()
  @Matches(PHONE, { message: 'phone must be 5–30 digits, spaces, +, -, ( or )' })
  phone?: string;

  @IsOptional()
  @IsEnum(UserLocale)
  locale?: UserLocale;

  /** Staff users belong to a team. */
  @IsOptional()
  @IsUUID()
  teamId?: string;

  /** Partner users belong to a partner account instead of a team. */
  @IsOptional()
  @IsUUID()
  partnerAccountId?: string;

  @IsOptional()
  @IsUUID()
  managerId?: string;

  @IsArray()
  @ArrayUnique()
  @ArrayMaxSize(12)
  @IsEnum(RoleKey, { each: true })
  roles!: RoleKey[];
}

export class UpdateUserDto {
  @IsOptional()
  @IsString()
  @Length(1, 200)
  name?: string;

  @IsOptional()
  @IsString()
  @Length(1, 200)
  nameEn?: string;

  @IsOptional()
  @Matches(PHONE, { message: 'phone must be 5–30 digits, spaces, +, -, ( or )' })
  phone?: string;

  @IsOptional()
  @IsEnum(UserLocale)
  locale?: UserLocale;

  @IsOptional()
  @IsUUID()
  teamId?: string;

  @IsOptional()
  @IsUUID()
  managerId?: string;

  /** false deactivates the user and ends all their sessions at once. */
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}

export class UpdateProfileDto {
  @IsOptional()
  @IsString()
  @Length(1, 200)
  name?: string;

  @IsOptional()
  @IsString()
  @Length(1, 200)
  nameEn?: string;

  @IsOptional()
  @Matches(PHONE, { message: 'phone must be 5–30 digits, spaces, +, -, ( or )' })
  phone?: string;

  @IsOptional()
  @IsEnum(UserLocale)
  locale?: UserLocale;
}

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
