import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Endpoint } from '../../platform/http/endpoint.decorator';
import { RoleDto, toRoleDto } from './role.dto';
import { RoleService } from './role.service';

@ApiTags('roles')
@Controller('roles')
export class RoleController {
  constructor(private readonly roles: RoleService) {}

  @Get()
  @Endpoint({ summary: 'List the roles' })
  async listRoles(): Promise<RoleDto[]> {
    return (await this.roles.list()).map(toRoleDto);
  }
}
