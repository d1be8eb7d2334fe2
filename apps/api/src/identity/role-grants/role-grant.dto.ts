import { ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayUnique, IsArray, IsEnum, IsInt, IsString, IsUUID, Length, Min } from 'class-validator';
import { PageQueryDto } from '../../platform/http/pagination';
import { Optional } from '../../platform/http/validation';
import { RoleKey } from '../roles/role-key';
import { RoleGrantRequestEntity, RoleGrantStatus } from './role-grant-request.entity';

export class CreateRoleGrantRequestDto {
  @IsUUID()
  userId!: string;

  /** The user's complete roles once approved (as for PUT /users/{id}/roles). */
  @IsArray()
  @ArrayUnique()
  @ArrayMaxSize(12)
  @IsEnum(RoleKey, { each: true })
  roles!: RoleKey[];

  /**
   * The user's version (ETag) the request is based on, by default the current one; approval is refused (409) if the
   * user changed since, so nobody approves a situation the requester did not see.
   */
  @ApiPropertyOptional({ type: 'integer', minimum: 1 })
  @Optional()
  @IsInt()
  @Min(1)
  userVersion?: number;

  /** Why: shown to the approving administrator and kept in the audit trail. */
  @Optional()
  @IsString()
  @Length(1, 500)
  reason?: string;
}

export class RoleGrantRequestQueryDto extends PageQueryDto {
  @Optional()
  @IsEnum(RoleGrantStatus)
  status?: RoleGrantStatus;
}

export class RoleGrantRequestDto {
  id!: string;
  userId!: string;
  roles!: RoleKey[];
  userVersion!: number;
  reason!: string | null;
  status!: RoleGrantStatus;
  requestedBy!: string;
  requestedAt!: Date;
  /** A pending request nobody decided on by then can no longer be approved. */
  expiresAt!: Date;
  decidedBy!: string | null;
  decidedAt!: Date | null;
}

export class RoleGrantRequestPageDto {
  data!: RoleGrantRequestDto[];
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor!: string | null;
}

export function toRoleGrantRequestDto(request: RoleGrantRequestEntity): RoleGrantRequestDto {
  return {
    id: request.id,
    userId: request.userId,
    roles: [...request.roles].sort(),
    userVersion: request.userVersion,
    reason: request.reason,
    status: request.status,
    requestedBy: request.requestedBy,
    requestedAt: request.requestedAt,
    expiresAt: request.expiresAt,
    decidedBy: request.decidedBy,
    decidedAt: request.decidedAt,
  };
}
