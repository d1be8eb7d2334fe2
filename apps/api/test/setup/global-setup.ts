import { chmodSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { startEmbeddedPostgres } from '../../src/platform/database/embedded-postgres';
import { runMigrations } from '../../src/platform/database/migrate';
import { loadDemoDataIfEmpty } from '../../src/demo/demo-data';
import { TEMPLATE_DATABASE } from '../support/test-database';

/**
 * Once per test run: a real PostgreSQL (embedded, unless DATABASE_URL names one), and a template database with
 * every migration and the demo organisation. Each test file then clones the template (fast, isolated).
 */
export default async function globalSetup(): Promise<void> {
  let adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) {
    // Under /tmp so that the `postgres` OS user (when we are root) can traverse every parent folder.
    const dataDir = mkdtempSync(join(tmpdir(), 'lianxi-test-'));
    chmodSync(dataDir, 0o755);
    const db = await startEmbeddedPostgres({ dataDir, database: 'postgres', persistent: false });
    (globalThis as { __lianxiPostgres?: { stop(): Promise<void> } }).__lianxiPostgres = db;
    adminUrl = db.url;
  }
  process.env.LIANXI_TEST_ADMIN_URL = adminUrl;

  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`drop database if exists ${TEMPLATE_DATABASE} with (force)`);
    await admin.query(`create database ${TEMPLATE_DATABASE}`);
  } finally {
    await admin.end();
  }
  const templateUrl = withDatabase(adminUrl, TEMPLATE_DATABASE);
  await runMigrations(templateUrl);
  await loadDemoDataIfEmpty(templateUrl);
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}
