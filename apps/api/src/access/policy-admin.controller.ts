import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal } from '../identity/auth/current-principal.decorator';
import type { Principal } from '../identity/auth/principal';
import { ADMINISTRATION, RoleKey } from '../identity/roles/role-key';
import { Endpoint } from '../platform/http/endpoint.decorator';
import { ObjectType } from './access.types';
import { EnumParam } from './enum-param';
import { RolePolicyDto, SetFieldPolicyDto, SetObjectPolicyDto } from './policy-admin.dto';
import { PolicyAdminService } from './policy-admin.service';

// The parameters are typed string, not the enums: the global validation pipe would treat an enum type as a class.
// EnumParam has checked them against the enums by the time the method runs.
const RoleParam = () => EnumParam('roleKey', RoleKey, RoleKey.SalesManager);
const ObjectTypeParam = () => EnumParam('objectType', ObjectType, ObjectType.Account);

/** Policies are data: system administrators edit them here; a change applies on the next request everywhere. */
@ApiTags('access')
@Controller('access/policies')
export class PolicyAdminController {
  constructor(private readonly policies: PolicyAdminService) {}

  /** The role's own levels per object type and action, and its explicit field rules. */
  @Get(':roleKey')
  @Endpoint({ summary: 'Get a role\'s business policy', ...ADMINISTRATION })
  getRolePolicy(@RoleParam() roleKey: string): Promise<RolePolicyDto> {
    return this.policies.get(roleKey as RoleKey);
  }

  /**
   * Actions left out keep their level; `none` removes the right. Refused (403) for a role you hold, and for any
   * level but `none` on `system_admin` (separation of duties).
   */
  @Put(':roleKey/objects/:objectType')
  @Endpoint({ summary: 'Set a role\'s levels on an object type', ...ADMINISTRATION })
  setRoleObjectPolicy(
    @CurrentPrincipal() principal: Principal,
    @RoleParam() roleKey: string,
    @ObjectTypeParam() objectType: string,
    @Body() dto: SetObjectPolicyDto,
  ): Promise<RolePolicyDto> {
    return this.policies.setLevels(principal, roleKey as RoleKey, objectType as ObjectType, dto.levels);
  }

  /**
   * `null` removes a field's rule; fields left out keep theirs; unknown fields are refused (400 naming them).
   * Refused (403) for a role you hold, and for any rule on `system_admin`.
   */
  @Put(':roleKey/fields/:objectType')
  @Endpoint({ summary: 'Set a role\'s field rules on an object type', ...ADMINISTRATION })
  setRoleFieldPolicy(
    @CurrentPrincipal() principal: Principal,
    @RoleParam() roleKey: string,
    @ObjectTypeParam() objectType: string,
    @Body() dto: SetFieldPolicyDto,
  ): Promise<RolePolicyDto> {
    return this.policies.setFields(principal, roleKey as RoleKey, objectType as ObjectType, dto.fields);
  }
}
