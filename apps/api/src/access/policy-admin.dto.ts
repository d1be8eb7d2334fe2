import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsEnum, IsObject, ValidateNested } from 'class-validator';
import { RoleKey } from '../identity/roles/role-key';
import { Optional } from '../platform/http/validation';
import { AccessLevel, FieldAccess, ObjectType } from './access.types';

/** A role's level per action on one object type (`none` where it has no row). */
export class PolicyLevelsDto {
  read!: AccessLevel;
  create!: AccessLevel;
  update!: AccessLevel;
  delete!: AccessLevel;
  reassign!: AccessLevel;
}

export class ObjectPolicyDto {
  objectType!: ObjectType;
  levels!: PolicyLevelsDto;
  /** Explicit field rules only; other fields follow the object permission. */
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string', enum: Object.values(FieldAccess) } })
  fields!: Record<string, FieldAccess>;
}

/** One role's business policy, as stored (not combined with other roles). */
export class RolePolicyDto {
  role!: RoleKey;
  objects!: ObjectPolicyDto[];
}

/** The actions to change; actions left out keep their level. */
export class PolicyLevelsInputDto {
  @Optional()
  @IsEnum(AccessLevel)
  read?: AccessLevel;

  @Optional()
  @IsEnum(AccessLevel)
  create?: AccessLevel;

  @Optional()
  @IsEnum(AccessLevel)
  update?: AccessLevel;

  @Optional()
  @IsEnum(AccessLevel)
  delete?: AccessLevel;

  @Optional()
  @IsEnum(AccessLevel)
  reassign?: AccessLevel;
}

export class SetObjectPolicyDto {
  @IsObject()
  @ValidateNested()
  @Type(() => PolicyLevelsInputDto)
  levels!: PolicyLevelsInputDto;
}

export class SetFieldPolicyDto {
  /** Field → access; `null` removes the field's rule. Fields left out keep their rule. Unknown fields are refused (400). */
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string', enum: Object.values(FieldAccess), nullable: true }, example: { phone: 'masked' } })
  @IsObject()
  fields!: Record<string, FieldAccess | null>;
}
