import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { AuditCategory } from '../../audit/audit-event.entity';
import { AuditService } from '../../audit/audit.service';
import { APP_CONFIG, type AppConfig } from '../../platform/config/app-config';
import { requestContext } from '../../platform/context/request-context';
import { AppError } from '../../platform/http/app-error';
import { ErrorCode } from '../../platform/http/error-code';
import { MailService } from '../../platform/mail/mail.service';
import { LoginThrottleService } from '../auth/login-throttle.service';
import { newOpaqueToken, SessionRevocation, SessionService, sha256 } from '../sessions/session.service';
import { UserEntity } from '../users/user.entity';
import { hashPassword, verifyPassword } from './password-hasher';
import { checkPasswordPolicy } from './password-policy';
import { PasswordResetTokenEntity } from './password-reset-token.entity';

/**
 * Passwords are only ever chosen by their user (R-SEC-7, ASVS 6.4.6): by changing them with the old one, or
 * through a one-time, expiring token mailed to them. Administrators can force a reset but never see a token.
 */
@Injectable()
export class PasswordService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly audit: AuditService,
    private readonly sessions: SessionService,
    private readonly mail: MailService,
    private readonly throttle: LoginThrottleService,
  ) {}

  /** Changes the caller's password; ends their other sessions. A wrong current password counts as a failed login. */
  async change(userId: string, sessionId: string, currentPassword: string, newPassword: string): Promise<void> {
    const user = await this.dataSource.getRepository(UserEntity).createQueryBuilder('u').addSelect('u.passwordHash').where('u.id = :userId', { userId }).getOneOrFail();
    const keys = this.throttle.keysFor(user.email, requestContext.current()?.ip ?? null);
    await this.throttle.assertNotLocked(this.dataSource.manager, keys);
    if (!(await verifyPassword(user.passwordHash, currentPassword))) {
      await this.dataSource.transaction(async (manager) => {
        await this.throttle.recordFailure(manager, keys);
        await this.audit.record(manager, { category: AuditCategory.Security, action: 'user.password_change_failed', entityType: 'user', entityId: userId });
      });
      throw new AppError(ErrorCode.PasswordRejected, 'The current password is wrong', { errors: [{ field: 'currentPassword', message: 'is wrong' }] });
    }
    this.assertAcceptable(newPassword, user.email);
    if (await verifyPassword(user.passwordHash, newPassword)) {
      throw new AppError(ErrorCode.PasswordRejected, 'The new password must differ from the current one', { errors: [{ field: 'newPassword', message: 'must differ from the current password' }] });
    }
    const passwordHash = await hashPassword(newPassword);
    await this.dataSource.transaction(async (manager) => {
      await manager.update(UserEntity, { id: userId }, { passwordHash, passwordChangedAt: new Date() });
      await this.sessions.revokeAllForUser(manager, userId, SessionRevocation.PasswordChanged, sessionId);
      await this.audit.record(manager, { category: AuditCategory.Security, action: 'user.password_changed', entityType: 'user', entityId: userId });
    });
  }

  /** Sets a new password with a one-time token; ends every session of the user. */
  async resetWithToken(token: string, newPassword: string): Promise<void> {
    const tokenHash = sha256(token);
    const found = await this.dataSource.manager.findOne(PasswordResetTokenEntity, { where: { tokenHash } });
    const invalid = () => new AppError(ErrorCode.ValidationFailed, 'The reset link is invalid, used or expired', { errors: [{ field: 'token', message: 'is invalid, used or expired' }] });
    if (!found || found.usedAt || found.expiresAt.getTime() <= Date.now()) throw invalid();
    const user = await this.dataSource.manager.findOne(UserEntity, { where: { id: found.userId } });
    if (!user || !user.active) throw invalid();
    this.assertAcceptable(newPassword, user.email);
    const passwordHash = await hashPassword(newPassword);
    await this.dataSource.transaction(async (manager) => {
      const claimed = await manager.update(PasswordResetTokenEntity, { id: found.id, usedAt: IsNull() }, { usedAt: new Date() });
      if (!claimed.affected) throw invalid();
      await manager.update(UserEntity, { id: user.id }, { passwordHash, passwordChangedAt: new Date() });
      await this.sessions.revokeAllForUser(manager, user.id, SessionRevocation.PasswordReset);
      await manager.query('delete from login_throttle where key = $1', [this.throttle.keysFor(user.email, null).account]);
      await this.audit.record(manager, { category: AuditCategory.Security, action: 'user.password_reset', entityType: 'user', entityId: user.id, actor: { id: user.id, email: user.email } });
    });
  }

  /**
   * Administrator's forced reset: the current password stops working at once, every session ends, and the user
   * is mailed a one-time link. The administrator learns only when the link expires.
   */
  async forceReset(userId: string): Promise<{ expiresAt: Date }> {
    return this.dataSource.transaction(async (manager) => {
      const user = await manager.findOne(UserEntity, { where: { id: userId }, lock: { mode: 'pessimistic_write' } });
      if (!user) throw AppError.notFound('User');
      if (!user.active) throw new AppError(ErrorCode.Conflict, 'The user is deactivated; activate them first', { errors: [{ field: 'active', message: 'is false' }] });
      await manager.update(UserEntity, { id: userId }, { passwordHash: null });
      await this.sessions.revokeAllForUser(manager, userId, SessionRevocation.PasswordReset);
      await this.audit.record(manager, { category: AuditCategory.Security, action: 'user.password_reset_forced', entityType: 'user', entityId: userId });
      const { expiresAt } = await this.issueResetToken(manager, user, 'reset');
      return { expiresAt };
    });
  }

  /**
   * Creates a one-time token (voiding earlier ones) and mails the link. The token goes back only to server-side
   * callers (the first-administrator command prints it); no API response ever carries it.
   */
  async issueResetToken(manager: EntityManager, user: UserEntity, purpose: 'activation' | 'reset'): Promise<{ token: string; link: string; expiresAt: Date }> {
    await manager.update(PasswordResetTokenEntity, { userId: user.id, usedAt: IsNull() }, { usedAt: new Date() });
    const token = newOpaqueToken();
    const expiresAt = new Date(Date.now() + this.config.passwordResetTtlSeconds * 1000);
    await manager.insert(PasswordResetTokenEntity, {
      id: new PasswordResetTokenEntity().id,
      userId: user.id,
      tokenHash: sha256(token),
      expiresAt,
      usedAt: null,
      requestedBy: requestContext.current()?.principal?.userId ?? null,
    });
    // Absolute, so it works from a mail client (PUBLIC_URL; http://localhost:<PORT> by default).
    const link = `${this.config.mail.publicUrl}/reset-password#token=${token}`;
    await this.mail.enqueue(manager, {
      recipient: user.email,
      template: `password_${purpose}`,
      subject: purpose === 'activation' ? '欢迎使用联系 CRM / Welcome to Lianxi CRM' : '重设密码 / Reset your password',
      body: `${user.nameEn}, choose your password here (valid until ${expiresAt.toISOString()}): ${link}\n请在有效期内通过此链接设置密码：${link}`,
    });
    return { token, link, expiresAt };
  }

  private assertAcceptable(password: string, email: string): void {
    const problem = checkPasswordPolicy(password, email);
    if (problem) throw new AppError(ErrorCode.PasswordRejected, `The new password ${problem}`, { errors: [{ field: 'newPassword', message: problem }] });
  }
}
