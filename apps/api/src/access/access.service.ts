import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Principal } from '../identity/auth/principal';
import { MyPermissionsDto } from './access.dto';
import { AccessAction, AccessLevel, FieldAccess, ObjectType } from './access.types';
import { OBJECT_FIELDS } from './object-fields';
import { ObjectAccess } from './object-access';
import { PolicyService } from './policy.service';

/** The one place access is decided: services ask it for an ObjectAccess and apply it inside their queries. */
@Injectable()
export class AccessService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly policies: PolicyService,
  ) {}

  async forObject(principal: Principal, objectType: ObjectType): Promise<ObjectAccess> {
    const [policy, teamPath] = await Promise.all([this.policies.forObject(principal.roles, objectType), this.teamPathOf(principal.teamId)]);
    return new ObjectAccess(principal, policy, teamPath);
  }

  /** The caller's effective rights on every object type, for the SPA (GET /me/permissions). */
  async describe(principal: Principal): Promise<MyPermissionsDto> {
    const objects = await Promise.all(
      Object.values(ObjectType).map(async (objectType) => {
        const access = await this.forObject(principal, objectType);
        const levels = Object.fromEntries(Object.values(AccessAction).map((action) => [action, access.level(action)])) as Record<AccessAction, AccessLevel>;
        const fields = Object.fromEntries(OBJECT_FIELDS[objectType].map((field) => [field, access.fieldAccess(field)])) as Record<string, FieldAccess>;
        return { objectType, levels, fields };
      }),
    );
    return { objects };
  }

  private async teamPathOf(teamId: string | null): Promise<string | null> {
    if (!teamId) return null;
    const rows: Array<{ path: string }> = await this.dataSource.query('select path from teams where id = $1', [teamId]);
    return rows[0]?.path ?? null;
  }
}
