import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal } from '../identity/auth/current-principal.decorator';
import type { Principal } from '../identity/auth/principal';
import { RoleKey } from '../identity/roles/role-key';
import { Endpoint } from '../platform/http/endpoint.decorator';
import { AuditEventPageDto, AuditEventQueryDto, toAuditEventDto } from './audit.dto';
import { AuditService } from './audit.service';

@ApiTags('audit')
@Controller('audit-events')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  /**
   * Auditors read every entry; changed values of business records follow the reader's field rules (hidden ones are
   * redacted, masked ones masked). System administrators read security events only (logins, users, roles, policies):
   * asking them for the business category is 403.
   */
  @Endpoint({ summary: 'List audit events, newest first, with filters and keyset pagination', roles: [RoleKey.Auditor, RoleKey.SystemAdmin] })
  async listAuditEvents(@CurrentPrincipal() principal: Principal, @Query() query: AuditEventQueryDto): Promise<AuditEventPageDto> {
    const page = await this.audit.listFor(principal, query);
    return { data: page.data.map(toAuditEventDto), nextCursor: page.nextCursor };
  }
}
