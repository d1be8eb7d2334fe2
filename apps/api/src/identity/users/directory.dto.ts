import { IsString, MaxLength } from 'class-validator';
import { PageQueryDto } from '../../platform/http/pagination';
import { Optional } from '../../platform/http/validation';
import { TeamSummaryDto } from '../teams/team.dto';
import type { UserEntity } from './user.entity';

/** A colleague as everyone may see them: enough to pick a grantee or an owner, nothing about their rights. */
export class DirectoryUserDto {
  id!: string;
  /** @example 王磊 */
  name!: string;
  /** @example Wang Lei */
  nameEn!: string;
  /** @example rep.e1@lianxi.test */
  email!: string;
  team!: TeamSummaryDto | null;
}

export class DirectoryUserPageDto {
  data!: DirectoryUserDto[];
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor!: string | null;
}

export class DirectoryQueryDto extends PageQueryDto {
  /** Substring of email or either name. */
  @Optional()
  @IsString()
  @MaxLength(100)
  q?: string;
}

export function toDirectoryUserDto(user: UserEntity): DirectoryUserDto {
  return { id: user.id, name: user.name, nameEn: user.nameEn, email: user.email, team: user.team ? { id: user.team.id, name: user.team.name, nameEn: user.team.nameEn } : null };
}
