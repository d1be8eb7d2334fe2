import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { RoleKey } from '../identity/roles/role-key';
import { AccessAction, AccessLevel, FieldAccess, maxFieldAccess, maxLevel, ObjectType } from './access.types';

interface PolicySnapshot {
  version: string;
  /** role → object → action → level */
  levels: Map<string, Map<string, Map<string, AccessLevel>>>;
  /** role → object → field → access */
  fields: Map<string, Map<string, Map<string, FieldAccess>>>;
}

/** A caller's rights on one object type: the union of their roles' policies. */
export interface ObjectPolicy {
  objectType: ObjectType;
  level(action: AccessAction): AccessLevel;
  /** Explicit field rules only; fields without one follow the object permission. */
  fieldRule(field: string): FieldAccess | undefined;
}

/**
 * Policies are data: loaded from PostgreSQL and cached per policy version. Every request reads the version with its
 * principal (`Principal.policyVersion`) and the cache reloads when it moved, so a change made through any replica
 * applies on the next request everywhere.
 */
@Injectable()
export class PolicyService {
  private snapshot: PolicySnapshot | undefined;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async forObject(roles: RoleKey[], objectType: ObjectType, version: string): Promise<ObjectPolicy> {
    const snapshot = await this.current(version);
    return {
      objectType,
      level: (action) => roles.reduce<AccessLevel>((level, role) => maxLevel(level, snapshot.levels.get(role)?.get(objectType)?.get(action) ?? AccessLevel.None), AccessLevel.None),
      fieldRule: (field) =>
        roles.reduce<FieldAccess | undefined>((access, role) => {
          const rule = snapshot.fields.get(role)?.get(objectType)?.get(field);
          if (rule === undefined) return access;
          return access === undefined ? rule : maxFieldAccess(access, rule);
        }, undefined),
    };
  }

  /** The policies as of `version`; a concurrent change may load a newer one, which only applies it sooner. */
  private async current(version: string): Promise<PolicySnapshot> {
    if (this.snapshot?.version === version) return this.snapshot;
    const [levels, fields]: [Array<{ role: string; object_type: string; action: string; level: AccessLevel }>, Array<{ role: string; object_type: string; field: string; access: FieldAccess }>] =
      await Promise.all([
        this.dataSource.query('select r.key as role, p.object_type, p.action, p.level from object_permissions p join roles r on r.id = p.role_id'),
        this.dataSource.query('select r.key as role, f.object_type, f.field, f.access from field_permissions f join roles r on r.id = f.role_id'),
      ]);
    const snapshot: PolicySnapshot = { version, levels: new Map(), fields: new Map() };
    for (const row of levels) nested(snapshot.levels, row.role, row.object_type).set(row.action, row.level);
    for (const row of fields) nested(snapshot.fields, row.role, row.object_type).set(row.field, row.access);
    this.snapshot = snapshot;
    return snapshot;
  }
}

function nested<V>(map: Map<string, Map<string, Map<string, V>>>, a: string, b: string): Map<string, V> {
  let inner = map.get(a);
  if (!inner) map.set(a, (inner = new Map()));
  let leaf = inner.get(b);
  if (!leaf) inner.set(b, (leaf = new Map()));
  return leaf;
}
