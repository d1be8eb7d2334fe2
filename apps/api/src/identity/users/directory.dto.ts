import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, Matches, MaxLength } from 'class-validator';
import { PageQueryDto } from '../../platform/http/pagination';
import { Optional } from '../../platform/http/validation';
import { TeamSummaryDto } from '../teams/team.dto';
import type { UserEntity } from './user.entity';

const UUID = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';
const IDS_PATTERN = new RegExp(`^${UUID}(,${UUID}){0,99}$`);

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
  /** false only for deactivated users looked up by id. */
  active!: boolean;
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

  /** Exactly these users (comma-separated ids, at most 100; deactivated ones included), e.g. the names behind owner ids. */
  @ApiPropertyOptional({ pattern: IDS_PATTERN.source, example: '01a20909-1c08-705a-93fb-5d11d4e08468,01a20909-1c08-705a-93fb-5d11d4e08469' })
  @Optional()
  @Matches(IDS_PATTERN, { message: 'must be up to 100 comma-separated UUIDs' })
  ids?: string;
}

export function toDirectoryUserDto(user: UserEntity): DirectoryUserDto {
  return { id: user.id, name: user.name, nameEn: user.nameEn, email: user.email, team: user.team ? { id: user.team.id, name: user.team.name, nameEn: user.team.nameEn } : null, active: user.active };
}
