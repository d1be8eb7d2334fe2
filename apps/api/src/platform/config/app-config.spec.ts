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

  it('uses DATABASE_URL when given and refuses nonsense numbers', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://u:p@db:5432/crm' }).databaseUrl).toBe('postgres://u:p@db:5432/crm');
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
  });
});
