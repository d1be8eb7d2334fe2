// `pnpm seed:volume`: adds the benchmark volume (bench/volume.ts) to the product's own database — the embedded one
// under .data (stop `pnpm start` first) or DATABASE_URL — so the SPA and the API can be tried at scale. Never in
// production: it creates users with a published password. ACCOUNTS (default 1,000,000), CONTACTS (3),
// OPPORTUNITIES (1), ACTIVITIES (2) and ORDERS (4, with LINES 2.5 each: 10 million lines over five years) per
// account.
import 'reflect-metadata';
import { Client } from 'pg';
import { loadDemoDataIfEmpty } from '../src/demo/demo-data';
import { loadConfig } from '../src/platform/config/app-config';
import { startEmbeddedPostgres } from '../src/platform/database/embedded-postgres';
import { runMigrations } from '../src/platform/database/migrate';
import { seedVolume } from './volume';

async function main(): Promise<void> {
  const config = loadConfig();
  if (config.env === 'production') throw new Error('seed:volume is refused when NODE_ENV=production');
  const embedded = config.databaseUrl ? undefined : await startEmbeddedPostgres({ dataDir: config.dataDir, database: 'lianxi' });
  const url = config.databaseUrl ?? embedded!.url;
  const db = new Client({ connectionString: url });
  try {
    await runMigrations(url);
    await loadDemoDataIfEmpty(url, config.baseCurrency);
    await db.connect();
    const [{ count }] = (await db.query(`select count(*)::int as count from teams where code = 'BR1'`)).rows as Array<{ count: number }>;
    if (count > 0) throw new Error('the volume is already there (team BR1 exists): start from an empty database to seed again');
    await seedVolume(db, {
      accounts: Number(process.env.ACCOUNTS ?? 1_000_000),
      contactsPerAccount: Number(process.env.CONTACTS ?? 3),
      opportunitiesPerAccount: Number(process.env.OPPORTUNITIES ?? 1),
      activitiesPerAccount: Number(process.env.ACTIVITIES ?? 2),
      ordersPerAccount: Number(process.env.ORDERS ?? 4),
      linesPerOrder: Number(process.env.LINES ?? 2.5),
    });
  } finally {
    await db.end().catch(() => undefined);
    await embedded?.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
