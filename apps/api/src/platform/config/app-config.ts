import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';

/** Everything the server reads from its environment, parsed once at start-up. */
export interface AppConfig {
  env: 'development' | 'production' | 'test';
  port: number;
  /** Set: use this PostgreSQL. Unset: start the embedded one under dataDir. */
  databaseUrl: string | undefined;
  dataDir: string;
  jwtSecret: string;
  accessTokenTtlSeconds: number;
  refreshTokenTtlSeconds: number;
  passwordResetTtlSeconds: number;
  /** Where the built SPA lives; served at / when present. */
  webDistDir: string;
  loadDemoData: boolean;
  /**
   * On the first start of a demo instance, add the realistic customer base (src/demo/demo-volume.ts) after the
   * hand-written demo organisation: `full` (default) or `none` (`LIANXI_DEMO_VOLUME`).
   */
  demoVolume: 'full' | 'none';
  logLevel: string;
  /** How many reverse proxies sit in front of us (for the client IP used in audit and login throttling). */
  trustProxy: number;
  mail: {
    /** `smtp://user:password@host:587` or `smtps://…`; unset: mail stays in the outbox (development). */
    smtpUrl: string | undefined;
    from: string;
    /** The CRM's public address, to turn the links in mail into absolute ones. */
    publicUrl: string;
    /** How often each replica looks for mail to send. */
    pollMilliseconds: number;
  };
  /** The public web-to-lead form. */
  webLeads: {
    /** Form key → the email of the user who owns the leads it sends (`WEB_LEAD_FORMS=key=owner@x,key2=…`). */
    forms: Record<string, string>;
    /** Submissions per client address and minute (`WEB_LEAD_RATE_PER_MINUTE`, default 10). */
    perMinute: number;
  };
}

function intFrom(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === '') return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0) throw new Error(`${name} must be a non-negative integer, got "${value}"`);
  return parsed;
}

function demoVolumeFrom(value: string | undefined): 'full' | 'none' {
  if (value === undefined || value === '' || value === 'full') return 'full';
  if (value === 'none') return 'none';
  throw new Error(`LIANXI_DEMO_VOLUME must be "full" or "none", got "${value}"`);
}

function parseForms(value: string): Record<string, string> {
  const forms: Record<string, string> = {};
  for (const entry of value.split(',').map((e) => e.trim()).filter(Boolean)) {
    const [key, email] = entry.split('=').map((part) => part?.trim());
    if (!key || !email) throw new Error(`WEB_LEAD_FORMS must be key=owner-email pairs separated by commas, got "${entry}"`);
    forms[key] = email;
  }
  return forms;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const nodeEnv = env.NODE_ENV === 'production' ? 'production' : env.NODE_ENV === 'test' ? 'test' : 'development';
  const repoRoot = resolve(__dirname, '../../../../..');
  const jwtSecret = env.JWT_SECRET ?? (nodeEnv === 'production' ? undefined : randomBytes(32).toString('hex'));
  if (!jwtSecret || jwtSecret.length < 32) {
    throw new Error('JWT_SECRET must be set to at least 32 characters in production');
  }
  return {
    env: nodeEnv,
    port: intFrom(env.PORT, 3000, 'PORT'),
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: resolve(env.LIANXI_DATA_DIR ?? resolve(repoRoot, '.data')),
    jwtSecret,
    accessTokenTtlSeconds: intFrom(env.ACCESS_TOKEN_TTL_SECONDS, 15 * 60, 'ACCESS_TOKEN_TTL_SECONDS'),
    refreshTokenTtlSeconds: intFrom(env.REFRESH_TOKEN_TTL_SECONDS, 14 * 24 * 3600, 'REFRESH_TOKEN_TTL_SECONDS'),
    passwordResetTtlSeconds: intFrom(env.PASSWORD_RESET_TTL_SECONDS, 24 * 3600, 'PASSWORD_RESET_TTL_SECONDS'),
    webDistDir: resolve(env.WEB_DIST_DIR ?? resolve(repoRoot, 'apps/web/dist')),
    loadDemoData: nodeEnv !== 'production' && env.LOAD_DEMO_DATA !== 'false',
    demoVolume: demoVolumeFrom(env.LIANXI_DEMO_VOLUME),
    logLevel: env.LOG_LEVEL ?? (nodeEnv === 'test' ? 'silent' : 'info'),
    trustProxy: intFrom(env.TRUST_PROXY, 0, 'TRUST_PROXY'),
    mail: {
      smtpUrl: env.SMTP_URL || undefined,
      from: env.MAIL_FROM || 'Lianxi CRM <no-reply@localhost>',
      publicUrl: (env.PUBLIC_URL || `http://localhost:${env.PORT || 3000}`).replace(/\/+$/, ''),
      pollMilliseconds: intFrom(env.MAIL_POLL_MS, 5000, 'MAIL_POLL_MS'),
    },
    webLeads: {
      // Development and tests get a demo form whose leads go to the East region's first rep.
      forms: parseForms(env.WEB_LEAD_FORMS ?? (nodeEnv === 'production' ? '' : 'demo-web-form=rep.e1@lianxi.test')),
      perMinute: intFrom(env.WEB_LEAD_RATE_PER_MINUTE, 10, 'WEB_LEAD_RATE_PER_MINUTE'),
    },
  };
}

export const APP_CONFIG = Symbol('APP_CONFIG');
