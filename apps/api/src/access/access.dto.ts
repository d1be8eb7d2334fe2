import { IsEnum, IsUUID } from 'class-validator';
import { AccessAction, AccessLevel, FieldAccess, ObjectType } from './access.types';

export class ObjectPermissionsDto {
  objectType!: ObjectType;
  /** Level per action: read, create, update, delete, reassign. */
  levels!: Record<AccessAction, AccessLevel>;
  /** Effective access per field of the object. */
  fields!: Record<string, FieldAccess>;
}

export class MyPermissionsDto {
  objects!: ObjectPermissionsDto[];
}

export class ExplainQueryDto {
  @IsEnum(ObjectType)
  entity!: ObjectType;

  @IsUUID()
  id!: string;

  /** The user whose access is explained. */
  @IsUUID()
  user!: string;
}

/** Why an action is or is not allowed, as a code a client can translate. */
export enum ExplainReasonCode {
  /** The user's level for the action, from their roles (`level`, `roles`). */
  Level = 'level',
  NoRecord = 'no_record',
  /** Create is decided by the level alone. */
  CreateByLevel = 'create_by_level',
  Owner = 'owner',
  Team = 'team',
  /** Shared with the user or their team (`shares`: the accesses). */
  Shared = 'shared',
  Restricted = 'restricted',
  OwnerOnly = 'owner_only',
  PartnerLinked = 'partner_linked',
  PartnerNotLinked = 'partner_not_linked',
}

export class ExplainReasonDto {
  code!: ExplainReasonCode;
  /** The same in English, for people reading the raw answer. */
  text!: string;
  /** For `level`. */
  level?: AccessLevel;
  /** For `level`: the user's role keys. */
  roles?: string[];
  /** For `shared`: the access of each share that reaches the user (`read`, `edit`). */
  shares?: string[];
}

export class ActionVerdictDto {
  action!: AccessAction;
  allowed!: boolean;
  /** The user's level for this action (the union of their roles). */
  level!: AccessLevel;
  /** Why, in order: what grants access and what takes it away. */
  reasons!: ExplainReasonDto[];
}

export class AccessExplanationDto {
  userId!: string;
  email!: string;
  roles!: string[];
  entity!: ObjectType;
  recordId!: string;
  /** false when no record has this id: every action is then refused. */
  recordExists!: boolean;
  actions!: ActionVerdictDto[];
  /** Effective access per field (applies where `read` is allowed). */
  fields!: Record<string, FieldAccess>;
}
