import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { AccessService } from '../../access/access.service';
import { AuditCategory } from '../../audit/audit-event.entity';
import { AuditService, diffFields } from '../../audit/audit.service';
import { requestContext } from '../../platform/context/request-context';
import { AppError } from '../../platform/http/app-error';
import { ErrorCode } from '../../platform/http/error-code';
import { ApiKeyRevocation } from '../api-keys/api-key.entity';
import { ApiKeyService } from '../api-keys/api-key.service';
import { assertVersion } from '../../platform/http/etag';
import { containsPattern } from '../../platform/database/like-pattern';
import { paginate, paginateDescending, Page } from '../../platform/http/pagination';
import type { Principal } from '../auth/principal';
import type { DirectoryQueryDto } from './directory.dto';
import { PasswordService } from '../passwords/password.service';
import { RoleKey } from '../roles/role-key';
import { RoleEntity } from '../roles/role.entity';
import { SessionRevocation, SessionService } from '../sessions/session.service';
import { TeamEntity } from '../teams/team.entity';
import { PartnerAccountEntity } from './partner-account.entity';
import { CreateUserDto, UpdateProfileDto, UpdateUserDto, UserQueryDto } from './user.dto';
import { UserEntity, UserLocale } from './user.entity';

const AUDITED_FIELDS: Array<keyof UserEntity> = ['email', 'name', 'nameEn', 'phone', 'locale', 'active', 'teamId', 'managerId', 'partnerAccountId'];

/** Users, as administrators manage them and as each user manages their own profile. */
@Injectable()
export class UserService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly sessions: SessionService,
    private readonly passwords: PasswordService,
    private readonly access: AccessService,
    private readonly apiKeys: ApiKeyService,
  ) {}

  /** A user with team, partner account and roles, or 404. */
  async getById(id: string, manager: EntityManager = this.dataSource.manager): Promise<UserEntity> {
    const user = await manager.findOne(UserEntity, { where: { id }, relations: { team: true, partnerAccount: true, roles: true } });
    if (!user) throw AppError.notFound('User');
    return user;
  }

  async list(query: UserQueryDto): Promise<Page<UserEntity>> {
    const qb = this.dataSource
      .getRepository(UserEntity)
      .createQueryBuilder('u')
      .leftJoinAndSelect('u.team', 'team')
      .leftJoinAndSelect('u.partnerAccount', 'partner')
      .leftJoinAndSelect('u.roles', 'role');
    if (query.q) {
      qb.andWhere('(u.email ilike :pattern or u.name ilike :pattern or u.name_en ilike :pattern)', { pattern: containsPattern(query.q) });
    }
    if (query.teamId) qb.andWhere('u.team_id = :teamId', { teamId: query.teamId });
    return paginateDescending(qb, [{ expression: 'u.id', value: (u) => u.id }], query);
  }

  /**
   * Colleagues by name, for pickers (active users only) and for names behind ids (deactivated ones too: owners of old
   * records); partner users see only the users of their own partner account.
   */
  directory(principal: Principal, query: DirectoryQueryDto): Promise<Page<UserEntity>> {
    const qb = this.dataSource.getRepository(UserEntity).createQueryBuilder('u').leftJoinAndSelect('u.team', 'team');
    if (!query.ids) qb.andWhere('u.active');
    if (principal.partnerAccountId) qb.andWhere('u.partner_account_id = :partner', { partner: principal.partnerAccountId });
    if (query.q) qb.andWhere('(u.email ilike :pattern or u.name ilike :pattern or u.name_en ilike :pattern)', { pattern: containsPattern(query.q) });
    if (query.ids) qb.andWhere('u.id = any(:ids)', { ids: query.ids.split(',') });
    return paginate(qb, [{ expression: 'u.name', value: (u) => u.name }, { expression: 'u.id', value: (u) => u.id }], query, 'ASC');
  }

  /** Creates a user without a password and mails them a one-time link to choose one (R-SEC-7). */
  async create(dto: CreateUserDto): Promise<UserEntity> {
    const id = await this.dataSource.transaction(async (manager) => {
      const email = dto.email.trim().toLowerCase();
      if (await manager.exists(UserEntity, { where: { email } })) {
        throw new AppError(ErrorCode.Conflict, 'A user with this email exists', { errors: [{ field: 'email', message: 'is already taken' }] });
      }
      await this.assertPlacement(manager, dto.teamId ?? null, dto.partnerAccountId ?? null, dto.managerId ?? null);
      const adminBusiness = await this.businessRightsForAdministrator(manager, [], dto.roles);
      if (adminBusiness.length) {
        throw new AppError(ErrorCode.Forbidden, `An administrator account with business rights (${adminBusiness.join(', ')}) needs a second administrator: create it without them, then ask with POST /api/v1/role-grant-requests`, {
          errors: [{ field: 'roles', message: 'needs the approval of a second administrator' }],
        });
      }
      const user = manager.create(UserEntity, {
        email,
        name: dto.name,
        nameEn: dto.nameEn,
        phone: dto.phone ?? null,
        locale: dto.locale ?? UserLocale.ZhCn,
        active: true,
        teamId: dto.teamId ?? null,
        partnerAccountId: dto.partnerAccountId ?? null,
        managerId: dto.managerId ?? null,
        passwordHash: null,
        passwordChangedAt: null,
        lastLoginAt: null,
        roles: await this.rolesByKey(manager, dto.roles),
      });
      await manager.save(user);
      await this.audit.record(manager, {
        category: AuditCategory.Security,
        action: 'user.created',
        entityType: 'user',
        entityId: user.id,
        changes: { ...diffFields({}, user, AUDITED_FIELDS), roles: { old: null, new: [...dto.roles].sort() } },
      });
      await this.passwords.issueResetToken(manager, user, 'activation');
      return user.id;
    });
    return this.getById(id);
  }

  async update(id: string, dto: UpdateUserDto, expectedVersion: number | undefined): Promise<UserEntity> {
    await this.dataSource.transaction(async (manager) => {
      const user = await manager.findOne(UserEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!user) throw AppError.notFound('User');
      assertVersion(user.version, expectedVersion, true);
      if (dto.active === false && id === requestContext.current()?.principal?.userId) {
        throw new AppError(ErrorCode.Forbidden, 'You cannot deactivate yourself', { errors: [{ field: 'active', message: 'cannot deactivate your own account' }] });
      }
      if (dto.managerId === id) throw AppError.validation('managerId', 'a user cannot be their own manager');
      const before = { ...user };
      Object.assign(user, dto);
      await this.assertPlacement(manager, user.teamId, user.partnerAccountId, user.managerId);
      const changes = diffFields(before, user, AUDITED_FIELDS);
      if (!changes) return;
      await manager.save(user);
      // Team scopes assume a record's team is its owner's team: the user's records move with them.
      if (before.teamId !== user.teamId) await this.access.moveOwnedRecords(manager, id, user.teamId);
      const deactivated = before.active && !user.active;
      await this.audit.record(manager, { category: AuditCategory.Security, action: deactivated ? 'user.deactivated' : 'user.updated', entityType: 'user', entityId: id, changes });
      if (deactivated) {
        await this.sessions.revokeAllForUser(manager, id, SessionRevocation.UserDeactivated);
        // For good: reactivating the user does not bring old integration keys back to life.
        await this.apiKeys.revokeAllForUser(manager, id, ApiKeyRevocation.UserDeactivated, requestContext.current()?.principal?.userId ?? null);
      }
    });
    return this.getById(id);
  }

  async updateProfile(userId: string, dto: UpdateProfileDto, expectedVersion: number | undefined): Promise<UserEntity> {
    await this.dataSource.transaction(async (manager) => {
      const user = await manager.findOne(UserEntity, { where: { id: userId }, lock: { mode: 'pessimistic_write' } });
      if (!user) throw AppError.notFound('User');
      assertVersion(user.version, expectedVersion, false);
      const before = { ...user };
      Object.assign(user, dto);
      const changes = diffFields(before, user, AUDITED_FIELDS);
      if (!changes) return;
      await manager.save(user);
      await this.audit.record(manager, { category: AuditCategory.Security, action: 'user.profile_updated', entityType: 'user', entityId: userId, changes });
    });
    return this.getById(userId);
  }

  /**
   * Replaces a user's roles. Administrators may not change their own roles (R-SEC-6: no granting oneself rights), and
   * a change giving an administrator account business rights needs a second administrator (a role grant request).
   */
  async setRoles(id: string, roles: RoleKey[], expectedVersion: number | undefined): Promise<UserEntity> {
    assertNotSelf(id);
    await this.dataSource.transaction(async (manager) => {
      const user = await this.lockWithRoles(manager, id);
      assertVersion(user.version, expectedVersion, true);
      const added = await this.businessRightsForAdministrator(manager, user.roles.map((role) => role.key), roles);
      if (added.length) {
        throw new AppError(ErrorCode.Forbidden, `Giving an administrator account business rights (${added.join(', ')}) needs a second administrator: ask with POST /api/v1/role-grant-requests`, {
          errors: [{ field: 'roles', message: 'needs the approval of a second administrator' }],
        });
      }
      await this.applyRoles(manager, user, roles);
    });
    return this.getById(id);
  }

  /** The user, row-locked, with their roles; 404 when missing. */
  async lockWithRoles(manager: EntityManager, id: string): Promise<UserEntity> {
    const user = await manager.findOne(UserEntity, { where: { id }, relations: { roles: true }, lock: { mode: 'pessimistic_write', tables: ['users'] } });
    if (!user) throw AppError.notFound('User');
    return user;
  }

  /**
   * The roles with business rights that `roles` would newly give a user holding `current` while they are (or become) a system
   * administrator; empty when the change needs no second administrator. Roles with business rights are those with any
   * object permission (policies are data, so this is read, not listed).
   */
  async businessRightsForAdministrator(manager: EntityManager, current: RoleKey[], roles: RoleKey[]): Promise<RoleKey[]> {
    if (!roles.includes(RoleKey.SystemAdmin)) return [];
    const before = new Set(current);
    const rows: Array<{ key: RoleKey }> = await manager.query(
      'select distinct r.key from roles r join object_permissions p on p.role_id = r.id where r.key = any($1) order by r.key',
      [roles],
    );
    const business = rows.map((row) => row.key);
    // Becoming an administrator while holding business roles counts as much as an administrator gaining them.
    return before.has(RoleKey.SystemAdmin) ? business.filter((role) => !before.has(role)) : business;
  }

  /** Writes the roles of a locked user (no checks: callers decide) and audits old → new with `details`. */
  async applyRoles(manager: EntityManager, user: UserEntity, roles: RoleKey[], details?: Record<string, unknown>): Promise<void> {
    const before = user.roles.map((r) => r.key).sort();
    const after = [...roles].sort();
    if (JSON.stringify(before) === JSON.stringify(after)) return;
    user.roles = await this.rolesByKey(manager, roles);
    await manager.save(user);
    // Role changes bump the user's version too, so concurrent role edits cannot overwrite each other.
    await manager.query('update users set version = version + 1, updated_at = now() where id = $1', [user.id]);
    await this.audit.record(manager, { category: AuditCategory.Security, action: 'user.roles_changed', entityType: 'user', entityId: user.id, changes: { roles: { old: before, new: after } }, details });
  }

  async rolesByKey(manager: EntityManager, keys: RoleKey[]): Promise<RoleEntity[]> {
    const roles = await manager.find(RoleEntity, { where: { key: In(keys) } });
    if (roles.length !== new Set(keys).size) throw AppError.validation('roles', 'contains an unknown role');
    return roles;
  }

  /** Staff belong to a team, partner users to a partner account; referenced records must exist. */
  private async assertPlacement(manager: EntityManager, teamId: string | null, partnerAccountId: string | null, managerId: string | null): Promise<void> {
    if (!teamId && !partnerAccountId) throw AppError.validation('teamId', 'a user needs a team or a partner account');
    if (teamId && !(await manager.exists(TeamEntity, { where: { id: teamId } }))) throw AppError.validation('teamId', 'no such team');
    if (partnerAccountId && !(await manager.exists(PartnerAccountEntity, { where: { id: partnerAccountId } }))) {
      throw AppError.validation('partnerAccountId', 'no such partner account');
    }
    if (managerId && !(await manager.exists(UserEntity, { where: { id: managerId } }))) throw AppError.validation('managerId', 'no such user');
  }
}

/** R-SEC-6: nobody changes their own roles. */
export function assertNotSelf(userId: string): void {
  if (userId === requestContext.current()?.principal?.userId) {
    throw new AppError(ErrorCode.Forbidden, 'You cannot change your own roles', { errors: [{ field: 'roles', message: 'cannot change your own roles' }] });
  }
}
