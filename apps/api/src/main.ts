import 'reflect-metadata';
import { loadConfig } from './platform/config/app-config';
import { productSharedBuffers, startEmbeddedPostgres, type EmbeddedDatabase } from './platform/database/embedded-postgres';
import { runMigrations } from './platform/database/migrate';
import { createApp } from './platform/bootstrap';
import { loadDemoDataIfEmpty } from './demo/demo-data';
import { loadDemoVolume } from './demo/demo-volume';

/** Start-up: database (embedded unless DATABASE_URL), migrations, demo data on first start, then HTTP. */
async function main(): Promise<void> {
  const config = loadConfig();
  const started = Date.now();
  let embedded: EmbeddedDatabase | undefined;
  let databaseUrl = config.databaseUrl;
  if (!databaseUrl) {
    const sharedBuffers = productSharedBuffers();
    embedded = await startEmbeddedPostgres({ dataDir: config.dataDir, database: 'lianxi', sharedBuffers });
    databaseUrl = embedded.url;
    console.log(`embedded PostgreSQL running (shared_buffers ${sharedBuffers}), data in ${config.dataDir}`);
  }
  const applied = await runMigrations(databaseUrl);
  if (applied.length) console.log(`migrations applied: ${applied.join(', ')}`);
  if (process.env.LOAD_DEMO_DATA === 'true' && config.env === 'production') {
    throw new Error('Demo data is refused when NODE_ENV=production');
  }
  if (config.loadDemoData) {
    const loaded = await loadDemoDataIfEmpty(databaseUrl, config.baseCurrency);
    if (loaded) console.log('demo organisation loaded (demo users are listed in README.md)');
    // Only right after the hand-written demo: an instance that already has users never gets thousands of new records.
    if (loaded && config.demoVolume === 'full') {
      const volumeStarted = Date.now();
      const volume = await loadDemoVolume(databaseUrl, config.baseCurrency);
      if (volume) console.log(`demo volume loaded in ${Date.now() - volumeStarted} ms: ${JSON.stringify(volume)} (LIANXI_DEMO_VOLUME=none turns it off)`);
    }
  }
  const app = await createApp(config, databaseUrl);
  await app.listen(config.port, '0.0.0.0');
  console.log(`Lianxi CRM listening on http://localhost:${config.port} (API docs: /api/docs) after ${Date.now() - started} ms`);

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal} received: finishing open requests, then stopping`);
    const force = setTimeout(() => process.exit(1), 20_000);
    force.unref();
    await app.close();
    await embedded?.stop();
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
