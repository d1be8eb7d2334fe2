import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditCategory } from '../../audit/audit-event.entity';
import { AuditService } from '../../audit/audit.service';
import { preparedQuery } from '../../platform/database/prepared-query';
import { APP_CONFIG, type AppConfig } from '../../platform/config/app-config';
import { requestContext } from '../../platform/context/request-context';
import { AppError } from '../../platform/http/app-error';
import { ErrorCode } from '../../platform/http/error-code';
import { verifyPassword } from '../passwords/password-hasher';
import { SessionRevocation, SessionService } from '../sessions/session.service';
import { UserEntity } from '../users/user.entity';
import { LoginThrottleService } from './login-throttle.service';
import type { SessionPrincipal } from './principal';
import { identityOf, type PrincipalRow, SESSION_PRINCIPAL_SQL } from './principal-query';

export interface AccessTokenClaims {
  sub: string;
  sid: string;
}

export interface IssuedTokens {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
  userId: string;
}

@Injectable()
export class AuthService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly jwt: JwtService,
    private readonly sessions: SessionService,
    private readonly throttle: LoginThrottleService,
    private readonly audit: AuditService,
  ) {}

  /**
   * Checks an email and password. Unknown email, wrong password, no password yet and deactivated account all
   * give the same 401 in the same time; repeated failures lock the account and the client IP for a while (429).
   */
  async verifyCredentials(email: string, password: string): Promise<UserEntity> {
    const normalised = email.trim().toLowerCase();
    const keys = this.throttle.keysFor(normalised, requestContext.current()?.ip ?? null);
    await this.throttle.assertNotLocked(this.dataSource.manager, keys);
    const user = await this.dataSource
      .getRepository(UserEntity)
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('u.email = :email', { email: normalised })
      .getOne();
    const passwordMatches = await verifyPassword(user?.passwordHash, password);
    if (user && user.active && passwordMatches) return user;

    await this.dataSource.transaction(async (manager) => {
      const { accountLockSeconds, ipLockSeconds } = await this.throttle.recordFailure(manager, keys);
      const actor = { id: user?.id ?? null, email: normalised };
      const reason = !user ? 'unknown_email' : !user.active ? 'inactive' : user.passwordHash ? 'wrong_password' : 'no_password';
      await this.audit.record(manager, { category: AuditCategory.Security, action: 'auth.login_failed', entityType: 'user', entityId: user?.id, actor, details: { reason } });
      if (accountLockSeconds || ipLockSeconds) {
        await this.audit.record(manager, {
          category: AuditCategory.Security,
          action: 'auth.locked',
          entityType: 'user',
          entityId: user?.id,
          actor,
          details: { accountLockSeconds, ipLockSeconds },
        });
      }
    });
    throw new AppError(ErrorCode.InvalidCredentials, 'Wrong email or password');
  }

  /** Opens a session for a verified user. */
  async login(user: UserEntity): Promise<IssuedTokens> {
    const context = requestContext.current();
    const opened = await this.dataSource.transaction(async (manager) => {
      const session = await this.sessions.open(manager, user.id, { ip: context?.ip ?? null, userAgent: context?.userAgent ?? null });
      await manager.update(UserEntity, { id: user.id }, { lastLoginAt: new Date() });
      await this.throttle.recordSuccess(manager, this.throttle.keysFor(user.email, null));
      await this.audit.record(manager, {
        category: AuditCategory.Security,
        action: 'auth.login',
        entityType: 'user',
        entityId: user.id,
        actor: { id: user.id, email: user.email },
        details: { sessionId: session.sessionId },
      });
      return session;
    });
    return this.tokensFor(user.id, opened.sessionId, opened.refreshToken);
  }

  async refresh(refreshToken: string): Promise<IssuedTokens> {
    const rotated = await this.sessions.rotate(refreshToken);
    return this.tokensFor(rotated.userId, rotated.sessionId, rotated.refreshToken);
  }

  async logout(principal: SessionPrincipal): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await this.sessions.revoke(manager, principal.sessionId, SessionRevocation.Logout);
      await this.audit.record(manager, { category: AuditCategory.Security, action: 'auth.logout', entityType: 'user', entityId: principal.userId, details: { sessionId: principal.sessionId } });
    });
  }

  /**
   * The principal behind an access token, or null when the user is gone or deactivated or the session was
   * revoked. One indexed query per request: this is what makes logout and deactivation immediate.
   */
  async principalFor(claims: AccessTokenClaims): Promise<SessionPrincipal | null> {
    const rows = await preparedQuery<PrincipalRow>(this.dataSource, 'principal_by_session', SESSION_PRINCIPAL_SQL, [claims.sub, claims.sid]);
    const row = rows[0];
    if (!row) return null;
    return { ...identityOf(row), authMethod: 'session', sessionId: claims.sid, apiKeyId: null };
  }

  private async tokensFor(userId: string, sessionId: string, refreshToken: string): Promise<IssuedTokens> {
    const claims: AccessTokenClaims = { sub: userId, sid: sessionId };
    const accessToken = await this.jwt.signAsync(claims, { expiresIn: this.config.accessTokenTtlSeconds });
    return { accessToken, refreshToken, expiresIn: this.config.accessTokenTtlSeconds, userId };
  }
}
