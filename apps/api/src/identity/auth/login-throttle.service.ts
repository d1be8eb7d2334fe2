import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AppError } from '../../platform/http/app-error';
import { ErrorCode } from '../../platform/http/error-code';

interface ThrottleRule {
  /** Failures before the first lock. */
  threshold: number;
  /** First lock length; doubles with every further failure. */
  baseLockSeconds: number;
  maxLockSeconds: number;
}

/** Failures older than this are forgotten. */
const FAILURE_WINDOW = '1 hour';
const ACCOUNT_RULE: ThrottleRule = { threshold: 5, baseLockSeconds: 30, maxLockSeconds: 15 * 60 };
const IP_RULE: ThrottleRule = { threshold: 30, baseLockSeconds: 30, maxLockSeconds: 60 * 60 };

export interface ThrottleKeys {
  account: string;
  ip: string | null;
}

/**
 * Exponential back-off against password guessing, per account (by email, whether or not it exists, so locks do
 * not reveal accounts) and per client IP. Counters live in PostgreSQL so every API replica sees the same state.
 */
@Injectable()
export class LoginThrottleService {
  keysFor(email: string, ip: string | null): ThrottleKeys {
    return { account: `account:${email.trim().toLowerCase()}`, ip: ip ? `ip:${ip}` : null };
  }

  /** Throws 429 with Retry-After while either key is locked. */
  async assertNotLocked(manager: EntityManager, keys: ThrottleKeys): Promise<void> {
    const rows: Array<{ seconds: string }> = await manager.query(
      `select ceil(extract(epoch from max(locked_until) - now()))::text as seconds
         from login_throttle where key = any($1) and locked_until > now()`,
      [[keys.account, keys.ip].filter(Boolean)],
    );
    const seconds = Number(rows[0]?.seconds ?? 0);
    if (seconds > 0) {
      throw new AppError(ErrorCode.TooManyRequests, `Too many failed attempts. Try again in ${seconds} seconds.`, { retryAfterSeconds: seconds });
    }
  }

  /** Counts a failure on both keys; returns the lock set on the account (seconds), if this failure set one. */
  async recordFailure(manager: EntityManager, keys: ThrottleKeys): Promise<{ accountLockSeconds: number; ipLockSeconds: number }> {
    const accountLockSeconds = await this.countFailure(manager, keys.account, ACCOUNT_RULE);
    const ipLockSeconds = keys.ip ? await this.countFailure(manager, keys.ip, IP_RULE) : 0;
    return { accountLockSeconds, ipLockSeconds };
  }

  async recordSuccess(manager: EntityManager, keys: ThrottleKeys): Promise<void> {
    await manager.query('delete from login_throttle where key = $1', [keys.account]);
  }

  private async countFailure(manager: EntityManager, key: string, rule: ThrottleRule): Promise<number> {
    const [row]: Array<{ failures: number }> = await manager.query(
      `insert into login_throttle as t (key, failures, last_failure_at) values ($1, 1, now())
       on conflict (key) do update set
         failures = case when t.last_failure_at < now() - interval '${FAILURE_WINDOW}' then 1 else t.failures + 1 end,
         last_failure_at = now()
       returning failures`,
      [key],
    );
    if (row.failures < rule.threshold) return 0;
    const seconds = Math.min(rule.maxLockSeconds, rule.baseLockSeconds * 2 ** (row.failures - rule.threshold));
    await manager.query(`update login_throttle set locked_until = now() + make_interval(secs => $2) where key = $1`, [key, seconds]);
    return seconds;
  }
}
