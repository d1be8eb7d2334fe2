import { IsEnum, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { PageQueryDto } from '../platform/http/pagination';
import { IsOptionalDateTime, Optional } from '../platform/http/validation';
import { AuditCategory, AuditEventEntity } from './audit-event.entity';

export class AuditEventQueryDto extends PageQueryDto {
  @Optional()
  @IsEnum(AuditCategory)
  category?: AuditCategory;

  /** Exact action name, e.g. `auth.login_failed`. */
  @Optional()
  @IsString()
  @Matches(/^[a-z_]+\.[a-z_]+$/)
  @MaxLength(100)
  action?: string;

  @Optional()
  @IsUUID()
  actorId?: string;

  /** e.g. `user`, `team`. */
  @Optional()
  @IsString()
  @Matches(/^[a-z_]+$/)
  @MaxLength(60)
  entityType?: string;

  @Optional()
  @IsString()
  @MaxLength(100)
  entityId?: string;

  /** Inclusive lower bound. @example 2026-11-01T00:00:00Z */
  @IsOptionalDateTime()
  from?: string;

  /** Exclusive upper bound. @example 2026-12-01T00:00:00+08:00 */
  @IsOptionalDateTime()
  to?: string;
}

/** One changed field. For business records, values the reader may not read are left out (`redacted`) or masked. */
export class AuditChangeDto {
  old?: unknown;
  new?: unknown;
  /** True when the reader may not read this field of this kind of record: only the fact of the change is shown. */
  redacted?: boolean;
}

export class AuditEventDto {
  /** @example 01964a1e-8d60-7cc2-9b1c-6c1f0c4b7f11 */
  id!: string;
  occurredAt!: Date;
  category!: AuditCategory;
  /** @example auth.login */
  action!: string;
  actorId!: string | null;
  actorEmail!: string | null;
  /** The API key the actor acted through; null for signed-in sessions and the system. */
  apiKeyId!: string | null;
  entityType!: string | null;
  entityId!: string | null;
  /** Changed fields with old and new values. */
  changes!: Record<string, AuditChangeDto> | null;
  details!: Record<string, unknown> | null;
  ip!: string | null;
  requestId!: string | null;
}

export class AuditEventPageDto {
  data!: AuditEventDto[];
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor!: string | null;
}

export function toAuditEventDto(e: AuditEventEntity): AuditEventDto {
  return {
    id: e.id,
    occurredAt: e.occurredAt,
    category: e.category,
    action: e.action,
    actorId: e.actorId,
    actorEmail: e.actorEmail,
    apiKeyId: e.apiKeyId,
    entityType: e.entityType,
    entityId: e.entityId,
    changes: e.changes,
    details: e.details,
    ip: e.ip,
    requestId: e.requestId,
  };
}
