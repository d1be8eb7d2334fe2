import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditCategory } from '../../audit/audit-event.entity';
import { AuditService } from '../../audit/audit.service';
import { AppError } from '../../platform/http/app-error';
import { ErrorCode } from '../../platform/http/error-code';
import { paginateDescending, type Page } from '../../platform/http/pagination';
import type { Principal } from '../auth/principal';
import { assertNotSelf, UserService } from '../users/user.service';
import { RoleGrantRequestEntity, RoleGrantStatus } from './role-grant-request.entity';
import type { CreateRoleGrantRequestDto, RoleGrantRequestQueryDto } from './role-grant.dto';

/** How long a request waits for the second administrator. */
const REQUEST_LIFETIME_MS = 7 * 24 * 3600 * 1000;

/**
 * The two-person rule for role changes (R-SEC-6): one administrator asks, a different one approves, and only then
 * do the roles change. Used for what `PUT /users/{id}/roles` refuses — business rights for an administrator account —
 * and open to any role change an organisation wants checked by two people. Every step is a security audit event.
 */
@Injectable()
export class RoleGrantService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly users: UserService,
    private readonly audit: AuditService,
  ) {}

  list(query: RoleGrantRequestQueryDto): Promise<Page<RoleGrantRequestEntity>> {
    const qb = this.dataSource.getRepository(RoleGrantRequestEntity).createQueryBuilder('g');
    if (query.status) qb.andWhere('g.status = :status', { status: query.status });
    return paginateDescending(qb, [{ expression: 'g.id', value: (g) => g.id }], query);
  }

  async get(id: string): Promise<RoleGrantRequestEntity> {
    const request = await this.dataSource.manager.findOneBy(RoleGrantRequestEntity, { id });
    if (!request) throw AppError.notFound('Role grant request');
    return request;
  }

  async request(principal: Principal, dto: CreateRoleGrantRequestDto): Promise<RoleGrantRequestEntity> {
    assertNotSelf(dto.userId);
    const id = await this.dataSource.transaction(async (manager) => {
      const user = await this.users.lockWithRoles(manager, dto.userId).catch((error: unknown) => {
        throw error instanceof AppError && error.code === ErrorCode.NotFound ? AppError.validation('userId', 'no such user') : error;
      });
      await this.users.rolesByKey(manager, dto.roles);
      if (dto.userVersion !== undefined && dto.userVersion !== user.version) {
        throw new AppError(ErrorCode.Conflict, 'The user has changed since you looked; reload and ask again', { errors: [{ field: 'userVersion', message: `is ${user.version} now` }] });
      }
      const open = await manager.existsBy(RoleGrantRequestEntity, { userId: dto.userId, status: RoleGrantStatus.Pending });
      if (open) throw new AppError(ErrorCode.Conflict, 'This user already has a pending role grant request; decide on it first', { errors: [{ field: 'userId', message: 'has a pending request' }] });
      const request = manager.create(RoleGrantRequestEntity, {
        userId: dto.userId,
        roles: [...dto.roles].sort(),
        userVersion: user.version,
        reason: dto.reason ?? null,
        status: RoleGrantStatus.Pending,
        requestedBy: principal.userId,
        expiresAt: new Date(Date.now() + REQUEST_LIFETIME_MS),
        decidedBy: null,
        decidedAt: null,
      });
      await manager.insert(RoleGrantRequestEntity, request);
      await this.record(manager, 'role_grant.requested', request, { roles: { old: null, new: request.roles } });
      return request.id;
    });
    return this.get(id);
  }

  /**
   * A second administrator approves: not the requester, not the user concerned; only while pending and unexpired,
   * and only if the user has not changed since the request (409) — then the roles change in the same transaction.
   */
  async approve(principal: Principal, id: string): Promise<RoleGrantRequestEntity> {
    await this.dataSource.transaction(async (manager) => {
      const request = await this.lockPending(manager, id);
      if (request.requestedBy === principal.userId) {
        throw new AppError(ErrorCode.Forbidden, 'A second administrator must approve: you asked for this change', { errors: [{ field: 'requestedBy', message: 'is you' }] });
      }
      assertNotSelf(request.userId);
      const user = await this.users.lockWithRoles(manager, request.userId);
      if (user.version !== request.userVersion) {
        throw new AppError(ErrorCode.Conflict, 'The user has changed since the request; reject it and ask again', { errors: [{ field: 'userVersion', message: `is ${user.version} now` }] });
      }
      await this.decide(manager, request, principal, RoleGrantStatus.Approved);
      await this.users.applyRoles(manager, user, request.roles, { roleGrantRequestId: request.id, requestedBy: request.requestedBy, approvedBy: principal.userId });
    });
    return this.get(id);
  }

  /** Any administrator rejects a pending request; the requester withdrawing theirs is a rejection too. */
  async reject(principal: Principal, id: string): Promise<RoleGrantRequestEntity> {
    await this.dataSource.transaction(async (manager) => {
      const request = await this.lockPending(manager, id);
      await this.decide(manager, request, principal, RoleGrantStatus.Rejected);
    });
    return this.get(id);
  }

  private async lockPending(manager: EntityManager, id: string): Promise<RoleGrantRequestEntity> {
    const request = await manager.findOne(RoleGrantRequestEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!request) throw AppError.notFound('Role grant request');
    if (request.status !== RoleGrantStatus.Pending) {
      throw new AppError(ErrorCode.Conflict, `This request was already ${request.status}`, { errors: [{ field: 'status', message: `is ${request.status}` }] });
    }
    if (request.expiresAt.getTime() <= Date.now()) throw new AppError(ErrorCode.Conflict, 'This request has expired; ask again', { errors: [{ field: 'expiresAt', message: 'has passed' }] });
    return request;
  }

  private async decide(manager: EntityManager, request: RoleGrantRequestEntity, principal: Principal, status: RoleGrantStatus): Promise<void> {
    request.status = status;
    request.decidedBy = principal.userId;
    request.decidedAt = new Date();
    await manager.save(request);
    await this.record(manager, `role_grant.${status}`, request, { status: { old: RoleGrantStatus.Pending, new: status } });
  }

  private record(manager: EntityManager, action: string, request: RoleGrantRequestEntity, changes: Record<string, { old: unknown; new: unknown }>): Promise<void> {
    return this.audit.record(manager, {
      category: AuditCategory.Security,
      action,
      entityType: 'user',
      entityId: request.userId,
      changes,
      details: { roleGrantRequestId: request.id, roles: request.roles, reason: request.reason, requestedBy: request.requestedBy },
    });
  }
}
