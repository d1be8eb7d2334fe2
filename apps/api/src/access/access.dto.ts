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

export class ActionVerdictDto {
  action!: AccessAction;
  allowed!: boolean;
  /** The user's level for this action (the union of their roles). */
  level!: AccessLevel;
  /** Why, in order: what grants access and what takes it away. */
  reasons!: string[];
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
