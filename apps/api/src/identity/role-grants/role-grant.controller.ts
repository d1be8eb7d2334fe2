import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import type { Principal } from '../auth/principal';
import { Endpoint } from '../../platform/http/endpoint.decorator';
import { UuidParam } from '../../platform/http/validation';
import { ADMINISTRATION } from '../roles/role-key';
import { CreateRoleGrantRequestDto, RoleGrantRequestDto, RoleGrantRequestPageDto, RoleGrantRequestQueryDto, toRoleGrantRequestDto } from './role-grant.dto';
import { RoleGrantService } from './role-grant.service';


/** Role changes approved by a second administrator (required for business rights on administrator accounts). */
@ApiTags('users')
@Controller('role-grant-requests')
export class RoleGrantController {
  constructor(private readonly grants: RoleGrantService) {}

  @Get()
  @Endpoint({ summary: 'List role grant requests, newest first', ...ADMINISTRATION })
  async listRoleGrantRequests(@Query() query: RoleGrantRequestQueryDto): Promise<RoleGrantRequestPageDto> {
    const page = await this.grants.list(query);
    return { data: page.data.map(toRoleGrantRequestDto), nextCursor: page.nextCursor };
  }

  /** Not for your own account. 409 when the user already has a pending request or changed since `userVersion`. */
  @Post()
  @Endpoint({ summary: 'Ask a second administrator to approve a role change', ...ADMINISTRATION, errors: [409] })
  async createRoleGrantRequest(@CurrentPrincipal() principal: Principal, @Body() dto: CreateRoleGrantRequestDto): Promise<RoleGrantRequestDto> {
    return toRoleGrantRequestDto(await this.grants.request(principal, dto));
  }

  /** By an administrator other than the requester and the user concerned; the roles change at once. */
  @Post(':id/approve')
  @Endpoint({ summary: 'Approve a role grant request', ...ADMINISTRATION, status: 200, errors: [404, 409] })
  async approveRoleGrantRequest(@CurrentPrincipal() principal: Principal, @UuidParam('id') id: string): Promise<RoleGrantRequestDto> {
    return toRoleGrantRequestDto(await this.grants.approve(principal, id));
  }

  /** Any administrator, including the requester (withdrawing it). */
  @Post(':id/reject')
  @Endpoint({ summary: 'Reject or withdraw a role grant request', ...ADMINISTRATION, status: 200, errors: [404, 409] })
  async rejectRoleGrantRequest(@CurrentPrincipal() principal: Principal, @UuidParam('id') id: string): Promise<RoleGrantRequestDto> {
    return toRoleGrantRequestDto(await this.grants.reject(principal, id));
  }
}
