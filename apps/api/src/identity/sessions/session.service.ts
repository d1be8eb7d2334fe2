import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash, randomBytes } from 'node:crypto';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { AuditCategory } from '../../audit/audit-event.entity';
import { AuditService } from '../../audit/audit.service';
import { APP_CONFIG, type AppConfig } from '../../platform/config/app-config';
import { AppError } from '../../platform/http/app-error';
import { ErrorCode } from '../../platform/http/error-code';
import { RefreshTokenEntity, SessionEntity } from './session.entity';

export function sha256(token: string): Buffer {
  return createHash('sha256').update(token).digest();
}

/** 256 random bits, URL-safe. */
export function newOpaqueToken(): string {
  return randomBytes(32).toString('base64url');
}

export enum SessionRevocation {
  Logout = 'logout',
  RefreshTokenReuse = 'refresh_token_reuse',
  UserDeactivated = 'user_deactivated',
  PasswordChanged = 'password_changed',
  PasswordReset = 'password_reset',
}

/** Sessions and their rotating refresh tokens. */
@Injectable()
export class SessionService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly audit: AuditService,
  ) {}

  async open(manager: EntityManager, userId: string, client: { ip: string | null; userAgent: string | null }): Promise<{ sessionId: string; refreshToken: string }> {
    const session = manager.create(SessionEntity, {
      userId,
      expiresAt: new Date(Date.now() + this.config.refreshTokenTtlSeconds * 1000),
      revokedAt: null,
      revokedReason: null,
      ip: client.ip,
      userAgent: client.userAgent?.slice(0, 500) ?? null,
    });
    await manager.insert(SessionEntity, session);
    const refreshToken = await this.issueRefreshToken(manager, session.id);
    return { sessionId: session.id, refreshToken };
  }

  /**
   * Exchanges a refresh token for a new one in the same session. A token presented a second time means it was
   * copied: the whole session (every token of the family) is revoked and the call fails.
   */
  async rotate(refreshToken: string): Promise<{ sessionId: string; userId: string; refreshToken: string }> {
    const outcome = await this.dataSource.transaction(async (manager) => {
      const token = await manager.findOne(RefreshTokenEntity, { where: { tokenHash: sha256(refreshToken) } });
      if (!token) return { error: 'unknown' as const };
      const session = await manager.findOne(SessionEntity, { where: { id: token.sessionId }, lock: { mode: 'pessimistic_write' } });
      if (!session || session.revokedAt || session.expiresAt.getTime() <= Date.now()) return { error: 'ended' as const };
      const claimed = await manager.update(RefreshTokenEntity, { id: token.id, usedAt: IsNull() }, { usedAt: new Date() });
      if (!claimed.affected) {
        await this.revokeWith(manager, session, SessionRevocation.RefreshTokenReuse);
        return { error: 'reused' as const };
      }
      const active: Array<{ active: boolean }> = await manager.query('select active from users where id = $1', [session.userId]);
      if (!active[0]?.active) return { error: 'ended' as const };
      return { sessionId: session.id, userId: session.userId, refreshToken: await this.issueRefreshToken(manager, session.id) };
    });
    if ('error' in outcome) throw new AppError(ErrorCode.Unauthenticated, 'The refresh token is not valid; sign in again');
    return outcome;
  }

  async revoke(manager: EntityManager, sessionId: string, reason: SessionRevocation): Promise<void> {
    const session = await manager.findOne(SessionEntity, { where: { id: sessionId } });
    if (session && !session.revokedAt) await this.revokeWith(manager, session, reason);
  }

  /** Ends every session of a user, except `keepSessionId` (the caller's own, after a password change). */
  async revokeAllForUser(manager: EntityManager, userId: string, reason: SessionRevocation, keepSessionId?: string): Promise<number> {
    const result: [unknown[], number] = await manager.query(
      `update auth_sessions set revoked_at = now(), revoked_reason = $2
        where user_id = $1 and revoked_at is null and ($3::uuid is null or id <> $3::uuid)`,
      [userId, reason, keepSessionId ?? null],
    );
    return result[1];
  }

  /** Whether an access token's session is still live (checked on every request, so revocation is immediate). */
  async isActive(sessionId: string): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      'select 1 from auth_sessions where id = $1 and revoked_at is null and expires_at > now()',
      [sessionId],
    );
    return rows.length > 0;
  }

  private async revokeWith(manager: EntityManager, session: SessionEntity, reason: SessionRevocation): Promise<void> {
    await manager.update(SessionEntity, { id: session.id }, { revokedAt: new Date(), revokedReason: reason });
    if (reason === SessionRevocation.RefreshTokenReuse) {
      await this.audit.record(manager, {
        category: AuditCategory.Security,
        action: 'auth.refresh_token_reused',
        entityType: 'user',
        entityId: session.userId,
        details: { sessionId: session.id },
        actor: { id: session.userId, email: null },
      });
    }
  }

  private async issueRefreshToken(manager: EntityManager, sessionId: string): Promise<string> {
    const token = newOpaqueToken();
    await manager.insert(RefreshTokenEntity, { id: new RefreshTokenEntity().id, sessionId, tokenHash: sha256(token), usedAt: null });
    return token;
  }
}
