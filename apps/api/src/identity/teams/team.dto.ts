import { IsEnum, IsString, IsUUID, Length, Matches } from 'class-validator';
import { Optional } from '../../platform/http/validation';
import { TeamEntity, TeamKind } from './team.entity';

export class TeamDto {
  id!: string;
  parentId!: string | null;
  /** Ids from the root down to this team: `/rootId/…/id/`. */
  path!: string;
  /** @example E1 */
  code!: string;
  /** Chinese name. @example 华东一组 */
  name!: string;
  /** @example Group E1 */
  nameEn!: string;
  kind!: TeamKind;
  version!: number;
}

export class TeamSummaryDto {
  id!: string;
  name!: string;
  nameEn!: string;
}

export class CreateTeamDto {
  /** The parent team; omit only for a new root company. */
  @Optional()
  @IsUUID()
  parentId?: string;

  /** Short unique code. @example W1 */
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{1,40}$/)
  code!: string;

  /** @example 华西一组 */
  @IsString()
  @Length(1, 200)
  name!: string;

  /** @example Group W1 */
  @IsString()
  @Length(1, 200)
  nameEn!: string;

  @IsEnum(TeamKind)
  kind!: TeamKind;
}

export class UpdateTeamDto {
  @Optional()
  @IsString()
  @Length(1, 200)
  name?: string;

  @Optional()
  @IsString()
  @Length(1, 200)
  nameEn?: string;
}

export function toTeamDto(team: TeamEntity): TeamDto {
  return { id: team.id, parentId: team.parentId, path: team.path, code: team.code, name: team.name, nameEn: team.nameEn, kind: team.kind, version: team.version };
}
