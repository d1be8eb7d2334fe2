import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsEnum, IsInt, IsOptional, IsString, IsUUID, Length, Max, MaxLength, Min } from 'class-validator';
import { BusinessRecordDto, CreateBusinessRecordDto, RecordPageQueryDto, toBusinessRecordDto, UpdateBusinessRecordDto } from '../../access/business-record.dto';
import { IsOptionalDateTime, Optional } from '../../platform/http/validation';
import { ActivityEntity, ActivityKind, ActivityPriority, ActivityRelatedType, ActivityStatus } from './activity.entity';

/** An activity as the caller may see it; fields they may not read are omitted. */
export class ActivityDto extends BusinessRecordDto {
  kind?: ActivityKind;
  /** @example 回访徐州恒达：XE370 试机安排 */
  subject?: string;
  description?: string | null;
  status?: ActivityStatus;
  priority?: ActivityPriority;
  /** When it is due (tasks) or happens (calls, meetings, visits); notes: when written. */
  dueAt?: Date | null;
  durationMinutes?: number | null;
  location?: string | null;
  /** What came of it: the visit report, the call's result. */
  outcome?: string | null;
  /** When the status became `done` (set by the server). */
  completedAt?: Date | null;
  relatedType?: ActivityRelatedType;
  relatedId?: string;
  /** The account of the related record (the account itself, or the contact's, opportunity's, quote's or order's); null for a lead not yet converted. */
  accountId?: string | null;
}

export class ActivityPageDto {
  data!: ActivityDto[];
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor!: string | null;
  /** Every activity you may see that matches, when asked with `withTotal=true`. */
  total?: number;
}

/** Sort orders of activity lists; `-` means descending. Activities without a due time sort first ascending. */
export enum ActivitySort {
  DueAt = 'dueAt',
  DueAtDesc = '-dueAt',
  Subject = 'subject',
  SubjectDesc = '-subject',
}

export class ActivityQueryDto extends RecordPageQueryDto {
  /** Default `-dueAt` (a timeline: latest first). */
  @Optional()
  @IsEnum(ActivitySort)
  sort?: ActivitySort;

  /** Substring of the subject. */
  @Optional()
  @IsString()
  @MaxLength(100)
  q?: string;

  @Optional()
  @IsEnum(ActivityKind)
  kind?: ActivityKind;

  @Optional()
  @IsEnum(ActivityStatus)
  status?: ActivityStatus;

  /** The account's timeline: its own activities and those of its contacts and opportunities. */
  @Optional()
  @IsUUID()
  accountId?: string;

  /** One record's activities (an account, contact or opportunity id). */
  @Optional()
  @IsUUID()
  relatedId?: string;

  @Optional()
  @IsUUID()
  ownerId?: string;

  /** Due at or after (a calendar's first day). */
  @IsOptionalDateTime()
  dueFrom?: string;

  /** Due before (exclusive: a calendar's day after the last). */
  @IsOptionalDateTime()
  dueBefore?: string;
}

export class CreateActivityDto extends CreateBusinessRecordDto {
  @IsEnum(ActivityKind)
  kind!: ActivityKind;

  /** @example 回访徐州恒达：XE370 试机安排 */
  @IsString()
  @Length(1, 200)
  subject!: string;

  @Optional()
  @IsString()
  @MaxLength(4000)
  description?: string;

  /** Default `planned`; notes are always `done`. */
  @Optional()
  @IsEnum(ActivityStatus)
  status?: ActivityStatus;

  /** Default `normal`. */
  @Optional()
  @IsEnum(ActivityPriority)
  priority?: ActivityPriority;

  /** Default for notes: now. */
  @IsOptionalDateTime()
  dueAt?: string;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 1440 })
  @Optional()
  @IsInt()
  @Min(1)
  @Max(1440)
  durationMinutes?: number;

  @Optional()
  @IsString()
  @MaxLength(200)
  location?: string;

  @Optional()
  @IsString()
  @MaxLength(4000)
  outcome?: string;

  @IsEnum(ActivityRelatedType)
  relatedType!: ActivityRelatedType;

  /** A record of `relatedType` you can see (400 naming relatedId otherwise, as for one that does not exist). */
  @IsUUID()
  relatedId!: string;
}

/** What it is about stays as created; everything else may change. */
export class UpdateActivityDto extends UpdateBusinessRecordDto {
  @Optional()
  @IsEnum(ActivityKind)
  kind?: ActivityKind;

  @Optional()
  @IsString()
  @Length(1, 200)
  subject?: string;

  /** null clears it. */
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  description?: string | null;

  /** `done` stamps completedAt; leaving `done` clears it. */
  @Optional()
  @IsEnum(ActivityStatus)
  status?: ActivityStatus;

  @Optional()
  @IsEnum(ActivityPriority)
  priority?: ActivityPriority;

  @IsOptionalDateTime()
  dueAt?: string;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 1440, nullable: true })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1440)
  durationMinutes?: number | null;

  /** null clears it. */
  @IsOptional()
  @IsString()
  @MaxLength(200)
  location?: string | null;

  /** null clears it. */
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  outcome?: string | null;
}

export const ACTIVITY_FIELDS = ['kind', 'subject', 'description', 'status', 'priority', 'dueAt', 'durationMinutes', 'location', 'outcome', 'completedAt', 'relatedType', 'relatedId', 'accountId'] as const;

export function toActivityDto(a: ActivityEntity): ActivityDto {
  return toBusinessRecordDto<ActivityDto>(a, {
    kind: a.kind,
    subject: a.subject,
    description: a.description,
    status: a.status,
    priority: a.priority,
    dueAt: a.dueAt,
    durationMinutes: a.durationMinutes,
    location: a.location,
    outcome: a.outcome,
    completedAt: a.completedAt,
    relatedType: a.relatedType,
    relatedId: a.relatedId,
    accountId: a.accountId,
  });
}
