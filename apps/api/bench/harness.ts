// What every benchmark needs: a throw-away embedded PostgreSQL (or BENCH_DATABASE_URL), migrated, with the demo
// organisation and the volume, the API listening on a free port, a login helper, and a place for the figures.
import 'reflect-metadata';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import { loadDemoDataIfEmpty } from '../src/demo/demo-data';
import { loadConfig } from '../src/platform/config/app-config';
import { createApp } from '../src/platform/bootstrap';
import { findFreePort, startEmbeddedPostgres } from '../src/platform/database/embedded-postgres';
import { runMigrations } from '../src/platform/database/migrate';
import { seedVolume, type VolumeOptions } from './volume';

export interface Bench {
  /** A direct connection, for picking samples and for plain-SQL baselines. */
  db: Client;
  databaseUrl: string;
  /** The API's origin, e.g. http://127.0.0.1:41234. */
  base: string;
  login(email: string, password: string): Promise<string>;
  /** Writes artifacts/bench-<name>.json. */
  writeFigures(name: string, figures: unknown): void;
}

/** Runs `body` against a fresh seeded database and a listening API, then tears both down; exits 1 on failure. */
export function runBench(volume: VolumeOptions, body: (bench: Bench) => Promise<void>): void {
  void (async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'lianxi-bench-'));
    chmodSync(dataDir, 0o755);
    const database = process.env.BENCH_DATABASE_URL
      ? { url: process.env.BENCH_DATABASE_URL, stop: async () => undefined }
      : await startEmbeddedPostgres({ dataDir, database: 'lianxi_bench', persistent: false });
    const db = new Client({ connectionString: database.url });
    try {
      await runMigrations(database.url);
      await loadDemoDataIfEmpty(database.url);
      await db.connect();
      // A database given by BENCH_DATABASE_URL that already holds the volume (seeded by an earlier run or by
      // `pnpm seed:volume`) is measured as it is: seeding a million accounts takes many minutes.
      const seeded = (await db.query(`select 1 from teams where code = 'BR1'`)).rowCount;
      if (seeded) console.log('the volume is already there (team BR1): measuring the database as it is');
      else await seedVolume(db, volume);
      const app = await createApp(loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', WEB_DIST_DIR: '/nonexistent' }), database.url);
      const port = await findFreePort();
      await app.listen(port, '127.0.0.1');
      const base = `http://127.0.0.1:${port}`;
      try {
        await body({
          db,
          databaseUrl: database.url,
          base,
          login: async (email, password) => {
            const response = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
            if (!response.ok) throw new Error(`login ${email} → ${response.status}`);
            return ((await response.json()) as { accessToken: string }).accessToken;
          },
          writeFigures: (name, figures) => {
            const out = resolve(__dirname, '../../../artifacts');
            mkdirSync(out, { recursive: true });
            writeFileSync(join(out, `bench-${name}.json`), JSON.stringify(figures, null, 2));
          },
        });
      } finally {
        await app.close();
      }
    } finally {
      await db.end().catch(() => undefined);
      await database.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  })().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
