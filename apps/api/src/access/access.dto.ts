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
