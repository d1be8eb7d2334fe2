import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { AccessService } from '../access/access.service';
import { FieldAccess, ObjectType } from '../access/access.types';
import { maskValue } from '../access/masking';
import type { ObjectAccess } from '../access/object-access';
import type { Principal } from '../identity/auth/principal';
import { RoleKey } from '../identity/roles/role-key';
import { AppError } from '../platform/http/app-error';
import { ErrorCode } from '../platform/http/error-code';
import { paginateDescending, type Page } from '../platform/http/pagination';
import { requestContext } from '../platform/context/request-context';
import { AuditCategory, AuditChanges, AuditEventEntity } from './audit-event.entity';
import type { AuditEventQueryDto } from './audit.dto';

export interface AuditEntry {
  category: AuditCategory;
  action: string;
  entityType?: string;
  entityId?: string;
  changes?: AuditChanges;
  details?: Record<string, unknown>;
  /** Defaults to the request's principal. Given explicitly where there is none yet (a failed login). */
  actor?: { id: string | null; email: string | null };
}

/** The one audit writer. It writes through the caller's EntityManager so the entry commits with the change. */
@Injectable()
export class AuditService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: AccessService,
  ) {}

  async record(manager: EntityManager, entry: AuditEntry): Promise<void> {
    const context = requestContext.current();
    const actor = entry.actor ?? (context?.principal ? { id: context.principal.userId, email: context.principal.email } : { id: null, email: null });
    const event: Omit<AuditEventEntity, 'occurredAt'> = {
      id: new AuditEventEntity().id,
      category: entry.category,
      action: entry.action,
      actorId: actor.id,
      actorEmail: actor.email,
      apiKeyId: entry.actor ? null : (context?.principal?.apiKeyId ?? null),
      entityType: entry.entityType ?? null,
      entityId: entry.entityId ?? null,
      changes: entry.changes ?? null,
      details: entry.details ?? null,
      ip: context?.ip ?? null,
      requestId: context?.requestId ?? null,
    };
    // TypeORM's insert typing cannot express arbitrary JSON in jsonb columns; the shape is checked above.
    await manager.insert(AuditEventEntity, event as QueryDeepPartialEntity<AuditEventEntity>);
  }

  /**
   * Audit entries for a reader: every entry matching the filters, newest first, with the changed values of
   * business records passed through the reader's field rules for that object type (hidden → redacted, masked →
   * masked), so the audit log reveals no business value the reader could not read on the record itself.
   */
  async listFor(principal: Principal, query: AuditEventQueryDto): Promise<Page<AuditEventEntity>> {
    // Separation of duties (R-SEC-6): administrators see what happens to accounts and rights, not to the business.
    if (!principal.roles.includes(RoleKey.Auditor)) {
      if (query.category === AuditCategory.Business) {
        throw new AppError(ErrorCode.Forbidden, 'System administrators read security events only', { errors: [{ field: 'category', message: 'only security events' }] });
      }
      query = { ...query, category: AuditCategory.Security };
    }
    const page = await this.list(query);
    const accessByType = new Map<ObjectType, Promise<ObjectAccess>>();
    const accessFor = (type: ObjectType) => {
      if (!accessByType.has(type)) accessByType.set(type, this.access.forObject(principal, type));
      return accessByType.get(type)!;
    };
    const objectTypes = new Set<string>(Object.values(ObjectType));
    for (const entry of page.data) {
      if (entry.category !== AuditCategory.Business || !entry.entityType || !objectTypes.has(entry.entityType) || !entry.changes) continue;
      const access = await accessFor(entry.entityType as ObjectType);
      entry.changes = Object.fromEntries(
        Object.entries(entry.changes).map(([field, change]) => {
          const fieldAccess = access.fieldAccess(field);
          if (fieldAccess === FieldAccess.Hidden) return [field, { redacted: true }];
          if (fieldAccess === FieldAccess.Masked) return [field, { old: maskValue(field, change.old), new: maskValue(field, change.new) }];
          return [field, change];
        }),
      ) as AuditChanges;
    }
    return page;
  }

  /** Audit entries matching the filters, newest first (unfiltered values: for listFor and internal use). */
  async list(query: AuditEventQueryDto): Promise<Page<AuditEventEntity>> {
    const qb = this.dataSource.getRepository(AuditEventEntity).createQueryBuilder('e');
    if (query.category) qb.andWhere('e.category = :category', { category: query.category });
    if (query.action) qb.andWhere('e.action = :action', { action: query.action });
    if (query.actorId) qb.andWhere('e.actor_id = :actorId', { actorId: query.actorId });
    if (query.entityType) qb.andWhere('e.entity_type = :entityType', { entityType: query.entityType });
    if (query.entityId) qb.andWhere('e.entity_id = :entityId', { entityId: query.entityId });
    if (query.from) qb.andWhere('e.occurred_at >= :from', { from: query.from });
    if (query.to) qb.andWhere('e.occurred_at < :to', { to: query.to });
    return paginateDescending(qb, [{ expression: 'e.id', value: (e) => e.id }], query);
  }
}

/** Field-by-field differences between two snapshots, for `changes`. */
export function diffFields<T extends object>(before: Partial<T>, after: Partial<T>, fields: Array<keyof T>): AuditChanges | undefined {
  const changes: AuditChanges = {};
  for (const field of fields) {
    const oldValue = before[field] ?? null;
    const newValue = after[field] ?? null;
    if (JSON.stringify(oldValue) !== JSON.stringify(newValue)) changes[String(field)] = { old: oldValue, new: newValue };
  }
  return Object.keys(changes).length ? changes : undefined;
}
