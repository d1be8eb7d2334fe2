import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { Principal } from '../identity/auth/principal';
import { identityOf, PRINCIPAL_COLUMNS, PRINCIPAL_JOINS, type PrincipalRow } from '../identity/auth/principal-query';
import { AppError } from '../platform/http/app-error';
import { AccessExplanationDto, ActionVerdictDto, ExplainReasonCode, ExplainReasonDto, MyPermissionsDto } from './access.dto';
import { AccessAction, AccessLevel, FieldAccess, ObjectType } from './access.types';
import { OBJECT_FIELDS, OBJECT_TABLES } from './object-fields';
import { ObjectAccess, type SharedRecords } from './object-access';
import { PolicyService } from './policy.service';

/** The one place access is decided: services ask it for an ObjectAccess and apply it inside their queries. */
@Injectable()
export class AccessService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly policies: PolicyService,
  ) {}

  async forObject(principal: Principal, objectType: ObjectType): Promise<ObjectAccess> {
    const policy = await this.policies.forObject(principal.roles, objectType, principal.policyVersion);
    const shares: SharedRecords = { read: [], edit: [] };
    for (const share of principal.shares) if (share.objectType === objectType) shares[share.access].push(share.recordId);
    return new ObjectAccess(principal, policy, shares);
  }

  /**
   * Keeps "a record's team is its owner's team" true when a user changes team: their records follow them, in the
   * caller's transaction. Team scopes rely on it.
   */
  async moveOwnedRecords(manager: EntityManager, ownerId: string, teamId: string | null): Promise<void> {
    for (const table of Object.values(OBJECT_TABLES)) {
      await manager.query(`update ${table} set team_id = $2, updated_at = now(), version = version + 1 where owner_id = $1 and team_id is distinct from $2`, [ownerId, teamId]);
    }
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

  /**
   * Why `userId` can or cannot see and change a record, clause by clause, evaluated with the same SQL predicates
   * the API applies. Says nothing about the record's values.
   */
  async explain(objectType: ObjectType, recordId: string, userId: string): Promise<AccessExplanationDto> {
    const principal = await this.principalOf(userId);
    const access = await this.forObject(principal, objectType);
    const table = OBJECT_TABLES[objectType];
    // Configuration types (pipeline) have no records: every id is "no such record".
    const [record]: Array<{ owner_id: string; team_id: string | null; partner_account_id: string | null; restricted: boolean; owner_only_edit: boolean; shares: string[] }> = !table
      ? []
      : await this.dataSource.query(
        `select r.owner_id, r.team_id, r.partner_account_id, r.restricted, r.owner_only_edit,
                coalesce(array_agg(s.access) filter (where s.id is not null), '{}') as shares
           from ${table} r
           left join record_shares s on s.object_type = $2 and s.record_id = r.id and (s.user_id = $3 or s.team_id = $4)
          where r.id = $1 group by r.id`,
        [recordId, objectType, principal.userId, principal.teamId],
      );
    const actions: ActionVerdictDto[] = [];
    for (const action of Object.values(AccessAction)) {
      const level = access.level(action);
      const reasons: ExplainReasonDto[] = [
        { code: ExplainReasonCode.Level, text: `level ${level} from roles ${principal.roles.join(', ') || '(none)'}`, level, roles: principal.roles },
      ];
      const because = (code: ExplainReasonCode, text: string) => reasons.push({ code, text });
      let allowed = false;
      if (!record) because(ExplainReasonCode.NoRecord, 'no such record');
      else if (action === AccessAction.Create) {
        allowed = level !== AccessLevel.None;
        because(ExplainReasonCode.CreateByLevel, 'create is not about an existing record: the level decides');
      } else {
        const { sql, params } = access.scope(action, 'r');
        allowed = await this.dataSource.createQueryBuilder().select('1').from(table as string, 'r').where('r.id = :id', { id: recordId }).andWhere(sql, params).getExists();
        if (record.owner_id === principal.userId) because(ExplainReasonCode.Owner, 'the user owns the record');
        if (principal.teamId && record.team_id === principal.teamId) because(ExplainReasonCode.Team, 'the record belongs to the user\'s team');
        if (record.shares.length) reasons.push({ code: ExplainReasonCode.Shared, text: `shared with the user or their team (${record.shares.join(', ')})`, shares: record.shares });
        if (record.restricted) because(ExplainReasonCode.Restricted, 'restricted: only the owner and explicit shares may see it');
        if (record.owner_only_edit && (action === AccessAction.Update || action === AccessAction.Delete)) because(ExplainReasonCode.OwnerOnly, 'owner-only: only the owner may change or delete it');
        if (principal.partnerAccountId) {
          if (record.partner_account_id === principal.partnerAccountId) because(ExplainReasonCode.PartnerLinked, 'linked to the user\'s partner account');
          else because(ExplainReasonCode.PartnerNotLinked, 'not linked to the user\'s partner account');
        }
      }
      actions.push({ action, allowed, level, reasons });
    }
    const fields = Object.fromEntries(OBJECT_FIELDS[objectType].map((field) => [field, access.fieldAccess(field)])) as Record<string, FieldAccess>;
    return { userId: principal.userId, email: principal.email, roles: principal.roles, entity: objectType, recordId, recordExists: Boolean(record), actions, fields };
  }

  /** A user as the engine sees them, whether or not they are signed in. */
  private async principalOf(userId: string): Promise<Principal> {
    const rows: PrincipalRow[] = await this.dataSource.query(`select ${PRINCIPAL_COLUMNS} from users u ${PRINCIPAL_JOINS} where u.id = $1`, [userId]);
    if (!rows[0]) throw AppError.notFound('User');
    return { ...identityOf(rows[0]), authMethod: 'none', sessionId: null, apiKeyId: null };
  }
}
