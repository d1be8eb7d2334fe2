import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditCategory, AuditChanges } from '../audit/audit-event.entity';
import { AuditService } from '../audit/audit.service';
import type { Principal } from '../identity/auth/principal';
import { RoleKey } from '../identity/roles/role-key';
import { AppError } from '../platform/http/app-error';
import { ErrorCode } from '../platform/http/error-code';
import { AccessAction, AccessLevel, FieldAccess, LEVEL_ORDER, ObjectType } from './access.types';
import { OBJECT_FIELDS } from './object-fields';
import { PolicyLevelsDto, PolicyLevelsInputDto, RolePolicyDto } from './policy-admin.dto';

/**
 * Editing the policies (object levels and field rules per role) through the API. Each change is one transaction,
 * audited with old → new; the statement triggers bump policy_state.version, so it applies on the next request on
 * every replica. Separation of duties (R-SEC-6): no business rights for `system_admin`, and no administrator
 * changes the policy of a role they hold.
 */
@Injectable()
export class PolicyAdminService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async get(role: RoleKey): Promise<RolePolicyDto> {
    const objects = [];
    for (const objectType of Object.values(ObjectType)) objects.push(await this.objectPolicy(this.dataSource.manager, role, objectType));
    return { role, objects };
  }

  /** Sets the given actions' levels (`none` removes the row); the others keep theirs. */
  async setLevels(principal: Principal, role: RoleKey, objectType: ObjectType, levels: PolicyLevelsInputDto): Promise<RolePolicyDto> {
    this.assertMayEdit(principal, role);
    const wanted = Object.entries(levels).filter(([, level]) => level !== undefined) as Array<[AccessAction, AccessLevel]>;
    if (role === RoleKey.SystemAdmin && wanted.some(([, level]) => level !== AccessLevel.None)) {
      throw separation('levels', 'the system administrator gets no business rights (R-SEC-6)');
    }
    await this.dataSource.transaction(async (manager) => {
      await this.lock(manager);
      const roleId = await this.roleId(manager, role);
      const before = (await this.objectPolicy(manager, role, objectType)).levels;
      if (wanted.some(([action, level]) => LEVEL_ORDER.indexOf(level) > LEVEL_ORDER.indexOf(before[action]))) await this.assertNoAdministratorHolds(manager, role);
      const changes = await this.applyRules(manager, OBJECT_RULES, roleId, objectType, { ...before }, wanted.map(([action, level]) => [action, level === AccessLevel.None ? null : level]));
      if (Object.keys(changes).length) {
        await this.audit.record(manager, { category: AuditCategory.Security, action: 'access.object_policy_changed', entityType: 'role', entityId: role, changes, details: { objectType } });
      }
    });
    return this.get(role);
  }

  /** Sets or (with null) removes field rules; fields left out keep theirs. Unknown fields: 400 naming each. */
  async setFields(principal: Principal, role: RoleKey, objectType: ObjectType, fields: Record<string, FieldAccess | null>): Promise<RolePolicyDto> {
    const known = OBJECT_FIELDS[objectType];
    const accesses: Array<FieldAccess | null> = [...Object.values(FieldAccess), null];
    const errors = Object.entries(fields).flatMap(([field, access]) => [
      ...(known.includes(field) ? [] : [{ field: `fields.${field}`, message: `not a field of ${objectType}; one of ${known.join(', ')}` }]),
      ...(accesses.includes(access) ? [] : [{ field: `fields.${field}`, message: `must be one of ${Object.values(FieldAccess).join(', ')} or null` }]),
    ]);
    if (errors.length) throw new AppError(ErrorCode.ValidationFailed, `Invalid fields: ${[...new Set(errors.map((e) => e.field))].join(', ')}`, { errors });
    this.assertMayEdit(principal, role);
    if (role === RoleKey.SystemAdmin && Object.values(fields).some((access) => access !== null)) {
      throw separation('fields', 'the system administrator gets no field rules on business objects (R-SEC-6)');
    }
    await this.dataSource.transaction(async (manager) => {
      await this.lock(manager);
      const roleId = await this.roleId(manager, role);
      const before = (await this.objectPolicy(manager, role, objectType)).fields;
      const changes = await this.applyRules(manager, FIELD_RULES, roleId, objectType, before, Object.entries(fields));
      if (Object.keys(changes).length) {
        await this.audit.record(manager, { category: AuditCategory.Security, action: 'access.field_policy_changed', entityType: 'role', entityId: role, changes, details: { objectType } });
      }
    });
    return this.get(role);
  }

  /**
   * Writes rule changes of one role and object type (null removes a rule: `none` levels and cleared field rules are
   * stored as absent rows) and returns them as audit changes, old → new. Unchanged rules write nothing.
   */
  private async applyRules(
    manager: EntityManager,
    table: RuleTable,
    roleId: string,
    objectType: ObjectType,
    before: Record<string, string | undefined>,
    wanted: Array<[string, string | null]>,
  ): Promise<AuditChanges> {
    const changes: AuditChanges = {};
    for (const [key, value] of wanted) {
      const old = before[key] ?? null;
      const stored = value ?? table.absent;
      if ((old ?? table.absent) === stored) continue;
      changes[key] = { old: old ?? table.absent, new: stored };
      if (value === null) {
        await manager.query(`delete from ${table.name} where role_id = $1 and object_type = $2 and ${table.key} = $3`, [roleId, objectType, key]);
      } else {
        await manager.query(
          `insert into ${table.name} (role_id, object_type, ${table.key}, ${table.value}) values ($1, $2, $3, $4)
           on conflict (role_id, object_type, ${table.key}) do update set ${table.value} = excluded.${table.value}`,
          [roleId, objectType, key, value],
        );
      }
    }
    return changes;
  }

  /** R-SEC-6: nobody edits the policy of a role they hold (no granting oneself rights). */
  private assertMayEdit(principal: Principal, role: RoleKey): void {
    if (principal.roles.includes(role)) throw new AppError(ErrorCode.Forbidden, `You cannot change the policy of a role you hold (${role})`);
  }

  /**
   * Granting a role new business rights would grant them to every administrator account holding it, which needs a
   * second administrator (R-SEC-6): refused here; take the role off those accounts first (their role changes go
   * through role grant requests).
   */
  private async assertNoAdministratorHolds(manager: EntityManager, role: RoleKey): Promise<void> {
    const rows: Array<{ email: string }> = await manager.query(
      `select u.email from users u join user_roles ur on ur.user_id = u.id join roles r on r.id = ur.role_id
        where r.key = $1 and u.active and exists (select 1 from user_roles a join roles ar on ar.id = a.role_id where a.user_id = u.id and ar.key = $2)
        order by u.email limit 5`,
      [role, RoleKey.SystemAdmin],
    );
    if (rows.length) throw separation('levels', `${role} is held by administrator accounts (${rows.map((r) => r.email).join(', ')}); new business rights for them need a second administrator`);
  }

  /** Policy changes are serialised, so two administrators' old → new never interleave. */
  private async lock(manager: EntityManager): Promise<void> {
    await manager.query('select version from policy_state where id = 1 for update');
  }

  private async roleId(manager: EntityManager, role: RoleKey): Promise<string> {
    const [row]: Array<{ id: string }> = await manager.query('select id from roles where key = $1', [role]);
    if (!row) throw AppError.notFound('Role');
    return row.id;
  }

  private async objectPolicy(manager: EntityManager, role: RoleKey, objectType: ObjectType): Promise<{ objectType: ObjectType; levels: PolicyLevelsDto; fields: Record<string, FieldAccess> }> {
    const levels: Array<{ action: AccessAction; level: AccessLevel }> = await manager.query(
      'select p.action, p.level from object_permissions p join roles r on r.id = p.role_id where r.key = $1 and p.object_type = $2',
      [role, objectType],
    );
    const fields: Array<{ field: string; access: FieldAccess }> = await manager.query(
      'select f.field, f.access from field_permissions f join roles r on r.id = f.role_id where r.key = $1 and f.object_type = $2 order by f.field',
      [role, objectType],
    );
    const byAction = new Map(levels.map((row) => [row.action, row.level]));
    const all = Object.fromEntries(Object.values(AccessAction).map((action) => [action, byAction.get(action) ?? AccessLevel.None])) as unknown as PolicyLevelsDto;
    return { objectType, levels: all, fields: Object.fromEntries(fields.map((row) => [row.field, row.access])) };
  }
}

function separation(field: string, message: string): AppError {
  return new AppError(ErrorCode.Forbidden, `Separation of duties: ${message}`, { errors: [{ field, message }] });
}

interface RuleTable {
  name: 'object_permissions' | 'field_permissions';
  key: 'action' | 'field';
  value: 'level' | 'access';
  /** How a missing row reads in the audit trail. */
  absent: string | null;
}

const OBJECT_RULES: RuleTable = { name: 'object_permissions', key: 'action', value: 'level', absent: AccessLevel.None };
const FIELD_RULES: RuleTable = { name: 'field_permissions', key: 'field', value: 'access', absent: null };
