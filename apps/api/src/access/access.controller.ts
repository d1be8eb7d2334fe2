import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal } from '../identity/auth/current-principal.decorator';
import type { Principal } from '../identity/auth/principal';
import { Endpoint } from '../platform/http/endpoint.decorator';
import { MyPermissionsDto } from './access.dto';
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
