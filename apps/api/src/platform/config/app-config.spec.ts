import { availableParallelism } from 'node:os';
import { loadConfig } from './app-config';

describe('loadConfig', () => {
  it('defaults to port 3000, embedded database under .data and demo data in development', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ env: 'development', port: 3000, databaseUrl: undefined, loadDemoData: true });
    expect(config.dataDir).toMatch(/\/\.data$/);
    expect(config.jwtSecret.length).toBeGreaterThanOrEqual(32);
  });

  it('never loads demo data in production and requires a real JWT secret there', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/JWT_SECRET/);
    expect(() => loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'short' })).toThrow(/JWT_SECRET/);
    const production = loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(32), LOAD_DEMO_DATA: 'true' });
    expect(production.loadDemoData).toBe(false);
  });

  it('adds the demo volume to a first demo start unless LIANXI_DEMO_VOLUME=none', () => {
    expect(loadConfig({}).demoVolume).toBe('full');
    expect(loadConfig({ LIANXI_DEMO_VOLUME: 'full' }).demoVolume).toBe('full');
    expect(loadConfig({ LIANXI_DEMO_VOLUME: 'none' }).demoVolume).toBe('none');
    expect(() => loadConfig({ LIANXI_DEMO_VOLUME: 'huge' })).toThrow(/LIANXI_DEMO_VOLUME/);
  });

  it('runs background jobs except in tests unless JOBS_ENABLED says otherwise, and checks the schedule settings', () => {
    expect(loadConfig({}).jobs).toEqual({ enabled: true, nightlyMetricsCron: '30 2 * * *', satisfactionSummariesCron: '* * * * *', timeZone: 'Asia/Shanghai' });
    expect(loadConfig({ NODE_ENV: 'test' }).jobs.enabled).toBe(false);
    expect(loadConfig({ NODE_ENV: 'test', JOBS_ENABLED: 'true' }).jobs.enabled).toBe(true);
    expect(loadConfig({ JOBS_ENABLED: 'false' }).jobs.enabled).toBe(false);
    expect(() => loadConfig({ JOBS_ENABLED: 'yes' })).toThrow(/JOBS_ENABLED/);
    expect(loadConfig({ ANALYTICS_NIGHTLY_CRON: '0 3 * * 1-5', JOBS_TIME_ZONE: 'UTC' }).jobs).toMatchObject({ nightlyMetricsCron: '0 3 * * 1-5', timeZone: 'UTC' });
    expect(() => loadConfig({ ANALYTICS_NIGHTLY_CRON: 'nightly' })).toThrow(/ANALYTICS_NIGHTLY_CRON/);
    expect(loadConfig({ SATISFACTION_SUMMARIES_CRON: '0 * * * *' }).jobs.satisfactionSummariesCron).toBe('0 * * * *');
    expect(() => loadConfig({ SATISFACTION_SUMMARIES_CRON: 'often' })).toThrow(/SATISFACTION_SUMMARIES_CRON/);
    expect(() => loadConfig({ JOBS_TIME_ZONE: 'Mars/Olympus' })).toThrow(/JOBS_TIME_ZONE/);
  });

  it('reads the customer-metrics settings, 10 % a year over 52 weeks on every core by default, and refuses values out of range', () => {
    expect(loadConfig({}).analytics).toEqual({ discountRate: 0.1, horizonWeeks: 52, scoringThreads: Math.min(availableParallelism(), 16) });
    expect(loadConfig({ ANALYTICS_DISCOUNT_RATE: '0.08', ANALYTICS_HORIZON_WEEKS: '104', ANALYTICS_SCORING_THREADS: '0' }).analytics).toEqual({ discountRate: 0.08, horizonWeeks: 104, scoringThreads: 0 });
    expect(loadConfig({ ANALYTICS_DISCOUNT_RATE: '0' }).analytics.discountRate).toBe(0);
    for (const rate of ['8%', '-0.1', '1.5', 'ten']) expect(() => loadConfig({ ANALYTICS_DISCOUNT_RATE: rate })).toThrow(/ANALYTICS_DISCOUNT_RATE/);
    for (const weeks of ['0', '521', '52.5', 'year']) expect(() => loadConfig({ ANALYTICS_HORIZON_WEEKS: weeks })).toThrow(/ANALYTICS_HORIZON_WEEKS/);
    for (const threads of ['-1', '17', '1.5', 'all']) expect(() => loadConfig({ ANALYTICS_SCORING_THREADS: threads })).toThrow(/ANALYTICS_SCORING_THREADS/);
  });

  it('uses DATABASE_URL when given and refuses nonsense numbers', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://u:p@db:5432/crm' }).databaseUrl).toBe('postgres://u:p@db:5432/crm');
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
  });
});
