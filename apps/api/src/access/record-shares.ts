import { DataSource, EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { AuditCategory } from '../audit/audit-event.entity';
import { AuditService } from '../audit/audit.service';
import type { Principal } from '../identity/auth/principal';
import { AppError } from '../platform/http/app-error';
import { ErrorCode } from '../platform/http/error-code';
import { CreateShareDto, ShareAccess, ShareDto } from './record-share.dto';
import type { BusinessRecord } from './record-attributes';
import type { ScopedRecords } from './scoped-records';

interface ShareRow {
  id: string;
  user_id: string | null;
  team_id: string | null;
  access: ShareAccess;
  granted_by: string | null;
  created_at: Date;
}

const COLUMNS = 'id, user_id, team_id, access, granted_by, created_at';

/** TypeORM answers UPDATE and DELETE … RETURNING with [rows, affected], INSERT … RETURNING with the rows. */
const rowsOf = (result: ShareRow[] | [ShareRow[], number]): ShareRow[] => (Array.isArray(result[0]) ? (result as [ShareRow[], number])[0] : (result as ShareRow[]));

const toShareDto = (row: ShareRow): ShareDto => ({ id: row.id, userId: row.user_id, teamId: row.team_id, access: row.access, grantedBy: row.granted_by, createdAt: row.created_at });

/**
 * Explicit shares of one object type's records (table `record_shares`), for every business object alike.
 * The record must be visible to the caller (404 otherwise); managing its shares needs the update right on it,
 * and a restricted record's shares are its owner's alone (403). Every change is audited in its transaction.
 */
export class RecordShares<E extends BusinessRecord & { id: string }> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly records: ScopedRecords<E>,
  ) {}

  private get objectType(): string {
    return this.records.config.objectType;
  }

  /** The shares of a record the caller can see, oldest first. */
  async list(principal: Principal, recordId: string): Promise<ShareDto[]> {
    await this.records.get(principal, recordId);
    const rows: ShareRow[] = await this.dataSource.query(
      `select ${COLUMNS} from record_shares where object_type = $1 and record_id = $2 order by created_at, id`,
      [this.objectType, recordId],
    );
    return rows.map(toShareDto);
  }

  /** Shares with a user or team; sharing again with the same grantee changes its access (idempotent). */
  async grant(principal: Principal, recordId: string, dto: CreateShareDto): Promise<ShareDto> {
    if ((dto.userId === undefined) === (dto.teamId === undefined)) {
      const message = 'give exactly one of userId and teamId';
      throw new AppError(ErrorCode.ValidationFailed, `Invalid grantee: ${message}`, { errors: [{ field: 'userId', message }, { field: 'teamId', message }] });
    }
    return this.dataSource.transaction(async (manager) => {
      await this.assertManageable(principal, recordId, manager);
      await this.assertGrantee(principal, dto, manager);
      const column = dto.userId !== undefined ? 'user_id' : 'team_id';
      const grantee = dto.userId ?? dto.teamId;
      const [existing]: ShareRow[] = await manager.query(
        `select ${COLUMNS} from record_shares where object_type = $1 and record_id = $2 and ${column} = $3 for update`,
        [this.objectType, recordId, grantee],
      );
      if (existing?.access === dto.access) return toShareDto(existing);
      const [row] = existing
        ? rowsOf(await manager.query(`update record_shares set access = $2, granted_by = $3 where id = $1 returning ${COLUMNS}`, [existing.id, dto.access, principal.userId]))
        : rowsOf(await manager.query(
            `insert into record_shares (id, object_type, record_id, ${column}, access, granted_by) values ($1, $2, $3, $4, $5, $6)
             returning ${COLUMNS}`,
            [uuidv7(), this.objectType, recordId, grantee, dto.access, principal.userId],
          ));
      await this.audit.record(manager, {
        category: AuditCategory.Business,
        action: existing ? `${this.objectType}.share_changed` : `${this.objectType}.shared`,
        entityType: this.objectType,
        entityId: recordId,
        changes: { access: { old: existing?.access ?? null, new: dto.access } },
        details: { shareId: row.id, userId: row.user_id, teamId: row.team_id },
      });
      return toShareDto(row);
    });
  }

  async revoke(principal: Principal, recordId: string, shareId: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await this.assertManageable(principal, recordId, manager);
      const [row] = rowsOf(await manager.query(`delete from record_shares where id = $1 and object_type = $2 and record_id = $3 returning ${COLUMNS}`, [shareId, this.objectType, recordId]));
      if (!row) throw AppError.notFound('Share');
      await this.audit.record(manager, {
        category: AuditCategory.Business,
        action: `${this.objectType}.share_revoked`,
        entityType: this.objectType,
        entityId: recordId,
        changes: { access: { old: row.access, new: null } },
        details: { shareId: row.id, userId: row.user_id, teamId: row.team_id },
      });
    });
  }

  /** 404 unless visible; 403 without the update right, and for anyone but the owner of a restricted record. */
  private async assertManageable(principal: Principal, recordId: string, manager: EntityManager): Promise<void> {
    const { may } = await this.records.get(principal, recordId, manager);
    if (!may.update) throw new AppError(ErrorCode.Forbidden, `You may not share this ${this.objectType}: sharing needs the right to change it`);
    if (!may.share) throw new AppError(ErrorCode.Forbidden, `Only the owner shares a restricted ${this.objectType}`);
  }

  /** The grantee must exist (400 naming it); partners share only within their own partner account (403). */
  private async assertGrantee(principal: Principal, dto: CreateShareDto, manager: EntityManager): Promise<void> {
    if (dto.userId !== undefined) {
      const [user]: Array<{ partner_account_id: string | null }> = await manager.query('select partner_account_id from users where id = $1 and active', [dto.userId]);
      if (!user) throw AppError.validation('userId', 'no such active user');
      if (principal.partnerAccountId && user.partner_account_id !== principal.partnerAccountId) {
        throw new AppError(ErrorCode.Forbidden, 'Partners share only with users of their own partner account', { errors: [{ field: 'userId', message: 'not a user of your partner account' }] });
      }
      return;
    }
    const [team] = await manager.query('select 1 from teams where id = $1', [dto.teamId]);
    if (!team) throw AppError.validation('teamId', 'no such team');
    if (principal.partnerAccountId) {
      throw new AppError(ErrorCode.Forbidden, 'Partners share only with users of their own partner account', { errors: [{ field: 'teamId', message: 'partners cannot share with teams' }] });
    }
  }
}
