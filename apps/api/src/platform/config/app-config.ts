import { randomBytes } from 'node:crypto';
import { availableParallelism } from 'node:os';
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
  /** Background jobs (pg-boss in the application's PostgreSQL; src/platform/jobs). */
  jobs: {
    /**
     * Whether this process starts the queue: workers and schedules (`JOBS_ENABLED`, default true; false by default in
     * tests, which enable it where they need it). Without it jobs sent are kept in the queue for a replica that has it.
     */
    enabled: boolean;
    /** When the nightly customer-metrics recompute fires (`ANALYTICS_NIGHTLY_CRON`, 5-field cron, default 02:30). */
    nightlyMetricsCron: string;
    /**
     * When the customers changed since the satisfaction summaries are folded into them (or the summaries written, where
     * a fold cannot work) (`SATISFACTION_SUMMARIES_CRON`, default every minute: a reader corrects at most about a
     * minute's changes; src/sales/reports/satisfaction-summaries.job.ts).
     */
    satisfactionSummariesCron: string;
    /** The time zone of the cron schedules (`JOBS_TIME_ZONE`, IANA name, default Asia/Shanghai). */
    timeZone: string;
  };
  /** Customer metrics (src/analytics/metrics; docs/analytics.md, "Configuration"). */
  analytics: {
    /** Yearly discount rate of the historic and predicted CLV (`ANALYTICS_DISCOUNT_RATE`, 0–1, default 0.1 = 10 %). */
    discountRate: number;
    /** Weeks ahead of predicted transactions and predicted CLV (`ANALYTICS_HORIZON_WEEKS`, 1–520, default 52). */
    horizonWeeks: number;
    /** Threads a large metrics run scores on (`ANALYTICS_SCORING_THREADS`, 0–16, default: the cores Node may use; 0: none). */
    scoringThreads: number;
  };
  /**
   * The corporate currency (`BASE_CURRENCY`, ISO 4217, default CNY): exchange rates are units of it per unit of another
   * currency, and the customer metrics are kept in it (docs/analytics.md, "Currencies"). Chosen once per installation.
   */
  baseCurrency: string;
  /** The public web-to-lead form. */
  webLeads: {
    /** Form key → the email of the user who owns the leads it sends (`WEB_LEAD_FORMS=key=owner@x,key2=…`). */
    forms: Record<string, string>;
    /** Submissions per client address and minute (`WEB_LEAD_RATE_PER_MINUTE`, default 10). */
    perMinute: number;
  };
}

function rateFrom(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === '') return fallback;
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed < 0 || parsed > 1) throw new Error(`${name} must be a number between 0 and 1 (0.1 = 10 %), got "${value}"`);
  return parsed;
}

function rangeFrom(value: number, min: number, max: number, name: string): number {
  if (value < min || value > max) throw new Error(`${name} must be between ${min} and ${max}, got ${value}`);
  return value;
}

function intFrom(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === '') return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0) throw new Error(`${name} must be a non-negative integer, got "${value}"`);
  return parsed;
}

function booleanFrom(value: string, name: string): boolean {
  if (value === 'true') return true;
  if (value === 'false') return false;
  throw new Error(`${name} must be "true" or "false", got "${value}"`);
}

/** Five cron fields (minute hour day month weekday) of digits, `*`, `/`, `,` and `-`: what pg-boss's cron parser takes. */
function cronFrom(value: string | undefined, fallback: string, name: string): string {
  if (value === undefined || value === '') return fallback;
  const fields = value.trim().split(/\s+/);
  if (fields.length !== 5 || !fields.every((field) => /^[\d*/,-]+$/.test(field))) throw new Error(`${name} must be a 5-field cron expression, got "${value}"`);
  return fields.join(' ');
}

function timeZoneFrom(value: string | undefined, fallback: string): string {
  if (value === undefined || value === '') return fallback;
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
  } catch {
    throw new Error(`JOBS_TIME_ZONE must be an IANA time zone such as Asia/Shanghai, got "${value}"`);
  }
  return value;
}

function currencyFrom(value: string | undefined, fallback: string, name: string): string {
  if (value === undefined || value === '') return fallback;
  if (!/^[A-Z]{3}$/.test(value)) throw new Error(`${name} must be an ISO 4217 code such as CNY, got "${value}"`);
  return value;
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
    jobs: {
      enabled: env.JOBS_ENABLED === undefined || env.JOBS_ENABLED === '' ? nodeEnv !== 'test' : booleanFrom(env.JOBS_ENABLED, 'JOBS_ENABLED'),
      nightlyMetricsCron: cronFrom(env.ANALYTICS_NIGHTLY_CRON, '30 2 * * *', 'ANALYTICS_NIGHTLY_CRON'),
      satisfactionSummariesCron: cronFrom(env.SATISFACTION_SUMMARIES_CRON, '* * * * *', 'SATISFACTION_SUMMARIES_CRON'),
      timeZone: timeZoneFrom(env.JOBS_TIME_ZONE, 'Asia/Shanghai'),
    },
    analytics: {
      discountRate: rateFrom(env.ANALYTICS_DISCOUNT_RATE, 0.1, 'ANALYTICS_DISCOUNT_RATE'),
      horizonWeeks: rangeFrom(intFrom(env.ANALYTICS_HORIZON_WEEKS, 52, 'ANALYTICS_HORIZON_WEEKS'), 1, 520, 'ANALYTICS_HORIZON_WEEKS'),
      scoringThreads: rangeFrom(intFrom(env.ANALYTICS_SCORING_THREADS, Math.min(availableParallelism(), 16), 'ANALYTICS_SCORING_THREADS'), 0, 16, 'ANALYTICS_SCORING_THREADS'),
    },
    baseCurrency: currencyFrom(env.BASE_CURRENCY, 'CNY', 'BASE_CURRENCY'),
    webLeads: {
      // Development and tests get a demo form whose leads go to the East region's first rep.
      forms: parseForms(env.WEB_LEAD_FORMS ?? (nodeEnv === 'production' ? '' : 'demo-web-form=rep.e1@lianxi.test')),
      perMinute: intFrom(env.WEB_LEAD_RATE_PER_MINUTE, 10, 'WEB_LEAD_RATE_PER_MINUTE'),
    },
  };
}

export const APP_CONFIG = Symbol('APP_CONFIG');
