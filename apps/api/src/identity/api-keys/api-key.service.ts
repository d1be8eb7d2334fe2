import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditCategory } from '../../audit/audit-event.entity';
import { AuditService } from '../../audit/audit.service';
import { AppError } from '../../platform/http/app-error';
import { preparedQuery } from '../../platform/database/prepared-query';
import { ErrorCode } from '../../platform/http/error-code';
import { paginateDescending, type Page, type PageQueryDto } from '../../platform/http/pagination';
import type { ApiKeyPrincipal, Principal, SessionPrincipal } from '../auth/principal';
import { API_KEY_PRINCIPAL_SQL, identityOf, type PrincipalRow } from '../auth/principal-query';
import { apiKeyMatches, apiKeyPrefix, newApiKey } from './api-key-format';
import { ApiKeyEntity, ApiKeyRevocation } from './api-key.entity';
import type { ApiKeyQueryDto, CreateApiKeyDto } from './api-key.dto';

const DAY_MS = 24 * 3600 * 1000;
/** The longest a key may live: every key expires, so forgotten integrations do not hold access for ever. */
export const MAX_API_KEY_LIFETIME_DAYS = 365;
/** Live (unrevoked, unexpired) keys per user: enough for rotation across several integrations. */
export const MAX_LIVE_API_KEYS_PER_USER = 20;
/** `last_used_at` is written at most this often per key, so using a key costs no write per request. */
const LAST_USED_RESOLUTION_MS = 60_000;

/**
 * API keys: created by their own user only (from an interactive session), each acting as that user with the
 * user's current roles, team and partner account; revoked by their user or by a system administrator.
 */
@Injectable()
export class ApiKeyService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  /** A new key for the caller; the whole key is in the result and nowhere else. */
  async create(principal: SessionPrincipal, dto: CreateApiKeyDto): Promise<{ apiKey: ApiKeyEntity; secret: string }> {
    const expiresAt = this.expiryFrom(dto.expiresAt);
    return this.dataSource.transaction(async (manager) => {
      // Serialises this user's key creations, so the cap holds under concurrent requests.
      await manager.query('select 1 from users where id = $1 for update', [principal.userId]);
      const [{ live }]: Array<{ live: number }> = await manager.query(
        'select count(*)::int as live from api_keys where user_id = $1 and revoked_at is null and expires_at > now()',
        [principal.userId],
      );
      if (live >= MAX_LIVE_API_KEYS_PER_USER) {
        throw new AppError(ErrorCode.Conflict, `You have ${live} live API keys, the most allowed; revoke one first`);
      }
      const { id, key, prefix } = await this.insertUnique(manager, principal.userId, dto.name, expiresAt);
      await this.audit.record(manager, {
        category: AuditCategory.Security,
        action: 'api_key.created',
        entityType: 'api_key',
        entityId: id,
        details: { userId: principal.userId, name: dto.name, prefix, expiresAt: expiresAt.toISOString() },
      });
      return { apiKey: await manager.findOneByOrFail(ApiKeyEntity, { id }), secret: key };
    });
  }

  /** The caller's own keys, newest first, revoked and expired ones included. */
  listOwn(principal: Principal, page: PageQueryDto): Promise<Page<ApiKeyEntity>> {
    return this.list({ ...page, userId: principal.userId });
  }

  /** Every key (or one user's), newest first: for administrators' oversight. */
  list(query: ApiKeyQueryDto): Promise<Page<ApiKeyEntity>> {
    const qb = this.dataSource.getRepository(ApiKeyEntity).createQueryBuilder('k');
    if (query.userId) qb.andWhere('k.user_id = :userId', { userId: query.userId });
    return paginateDescending(qb, [{ expression: 'k.id', value: (k) => k.id }], query);
  }

  /** Revokes one of the caller's keys; another user's key is a 404, as if it did not exist. */
  revokeOwn(principal: Principal, id: string): Promise<void> {
    return this.revoke(principal, id, principal.userId);
  }

  /**
   * Revokes a key (the caller's own, or, for administrators, anyone's). Revoking a revoked key changes nothing
   * and succeeds: the caller wants it dead, and it is.
   */
  async revoke(principal: Principal, id: string, ownerId?: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const key = await manager.findOne(ApiKeyEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!key || (ownerId !== undefined && key.userId !== ownerId)) throw AppError.notFound('API key');
      if (key.revokedAt) return;
      const reason = key.userId === principal.userId ? ApiKeyRevocation.Owner : ApiKeyRevocation.Administrator;
      await manager.update(ApiKeyEntity, { id }, { revokedAt: new Date(), revokedBy: principal.userId, revokedReason: reason });
      await this.recordRevocation(manager, key, reason);
    });
  }

  /** Revokes every live key of a user (on deactivation), in the caller's transaction. */
  async revokeAllForUser(manager: EntityManager, userId: string, reason: ApiKeyRevocation, revokedBy: string | null): Promise<void> {
    const [keys]: [Array<Pick<ApiKeyEntity, 'id' | 'userId' | 'prefix' | 'name'>>, number] = await manager.query(
      `update api_keys set revoked_at = now(), revoked_by = $2, revoked_reason = $3
        where user_id = $1 and revoked_at is null
        returning id, user_id as "userId", prefix, name`,
      [userId, revokedBy, reason],
    );
    for (const key of keys) await this.recordRevocation(manager, key, reason);
  }

  /**
   * The principal an API key acts as, or null when the key is malformed, unknown, revoked or expired, its secret
   * is wrong, or its user is deactivated — the caller answers all of these alike. The same single query per request
   * as for sessions loads the user's current roles, team and partner account, so changes apply at once.
   */
  async authenticate(key: string): Promise<ApiKeyPrincipal | null> {
    const prefix = apiKeyPrefix(key);
    const rows: Array<PrincipalRow & { key_id: string; secret_hash: Buffer; last_used_at: Date | null }> = prefix
      ? await preparedQuery<PrincipalRow & { key_id: string; secret_hash: Buffer; last_used_at: Date | null }>(
          this.dataSource,
          'principal_by_api_key',
          API_KEY_PRINCIPAL_SQL,
          [prefix],
        )
      : [];
    const row = rows[0];
    if (!apiKeyMatches(key, row?.secret_hash ?? null) || !row) return null;
    if (!row.last_used_at || Date.now() - row.last_used_at.getTime() >= LAST_USED_RESOLUTION_MS) {
      // Conditional, so replicas racing on the same key write once.
      await this.dataSource.query(
        `update api_keys set last_used_at = now() where id = $1 and (last_used_at is null or last_used_at <= now() - interval '1 minute')`,
        [row.key_id],
      );
    }
    return { ...identityOf(row), authMethod: 'apiKey', sessionId: null, apiKeyId: row.key_id };
  }

  private expiryFrom(requested: string | undefined): Date {
    const latest = Date.now() + MAX_API_KEY_LIFETIME_DAYS * DAY_MS;
    if (requested === undefined) return new Date(latest);
    const expiresAt = new Date(requested);
    if (expiresAt.getTime() <= Date.now() || expiresAt.getTime() > latest) {
      throw AppError.validation('expiresAt', `must be in the future and at most ${MAX_API_KEY_LIFETIME_DAYS} days ahead`);
    }
    return expiresAt;
  }

  /** Inserts a fresh key; a (vanishingly unlikely) clash of prefix or hash just draws another. */
  private async insertUnique(manager: EntityManager, userId: string, name: string, expiresAt: Date): Promise<{ id: string; key: string; prefix: string }> {
    for (let attempt = 0; attempt < 3; attempt++) {
      const { key, prefix, secretHash } = newApiKey();
      const id = new ApiKeyEntity().id;
      const inserted: unknown[] = await manager.query(
        `insert into api_keys (id, user_id, name, prefix, secret_hash, expires_at) values ($1, $2, $3, $4, $5, $6)
         on conflict do nothing returning id`,
        [id, userId, name, prefix, secretHash, expiresAt],
      );
      if (inserted.length) return { id, key, prefix };
    }
    throw new Error('Could not draw a unique API key');
  }

  private async recordRevocation(manager: EntityManager, key: Pick<ApiKeyEntity, 'id' | 'userId' | 'prefix' | 'name'>, reason: ApiKeyRevocation): Promise<void> {
    await this.audit.record(manager, {
      category: AuditCategory.Security,
      action: 'api_key.revoked',
      entityType: 'api_key',
      entityId: key.id,
      details: { userId: key.userId, name: key.name, prefix: key.prefix, reason },
    });
  }
}
