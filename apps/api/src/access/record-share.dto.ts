import { IsEnum, IsUUID } from 'class-validator';
import { Optional } from '../platform/http/validation';

export enum ShareAccess {
  Read = 'read',
  Edit = 'edit',
}

/** An explicit grant of one record to a user or a team (R-SEC-5: the only way into a restricted record). */
export class ShareDto {
  id!: string;
  /** The user it is shared with; null when shared with a team. */
  userId!: string | null;
  /** The team it is shared with (its members, not its sub-teams); null when shared with a user. */
  teamId!: string | null;
  access!: ShareAccess;
  /** Who granted (or last changed) it. */
  grantedBy!: string | null;
  createdAt!: Date;
}

/** Exactly one of `userId` and `teamId`. Sharing again with the same grantee changes its access. */
export class CreateShareDto {
  /** An active user (partners: only users of their own partner account). */
  @Optional()
  @IsUUID()
  userId?: string;

  /** An existing team. */
  @Optional()
  @IsUUID()
  teamId?: string;

  /** `read` lets the grantee see the record; `edit` also lets them change it. */
  @IsEnum(ShareAccess)
  access!: ShareAccess;
}
