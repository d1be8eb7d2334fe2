import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal } from '../identity/auth/current-principal.decorator';
import type { Principal } from '../identity/auth/principal';
import { Endpoint } from '../platform/http/endpoint.decorator';
import { RoleKey } from '../identity/roles/role-key';
import { AccessExplanationDto, ExplainQueryDto, MyPermissionsDto } from './access.dto';
import { AccessService } from './access.service';

@ApiTags('access')
@Controller('me/permissions')
export class MyPermissionsController {
  constructor(private readonly access: AccessService) {}

  /** What the SPA uses to hide what you cannot read or do; the API enforces the same rules on every request. */
  @Get()
  @Endpoint({ summary: 'Your effective permissions per object type and field' })
  getMyPermissions(@CurrentPrincipal() principal: Principal): Promise<MyPermissionsDto> {
    return this.access.describe(principal);
  }
}

@ApiTags('access')
@Controller('access')
export class AccessExplainController {
  constructor(private readonly access: AccessService) {}

  /** Which roles, levels, shares and record flags decide a user's access to a record and each of its fields. */
  @Get('explain')
  @Endpoint({ summary: 'Explain why a user can or cannot see and change a record', roles: [RoleKey.SystemAdmin, RoleKey.Auditor], errors: [404] })
  explainAccess(@Query() query: ExplainQueryDto): Promise<AccessExplanationDto> {
    return this.access.explain(query.entity, query.id, query.user);
  }
}
