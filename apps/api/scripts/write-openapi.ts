// Writes the OpenAPI document, generated from the code, to libs/api-client/openapi.json (keys sorted, so diffs
// are stable). The SPA's typed client is generated from that file; CI fails when it is stale.
import 'reflect-metadata';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadConfig } from '../src/platform/config/app-config';
import { createApp } from '../src/platform/bootstrap';
import { startEmbeddedPostgres } from '../src/platform/database/embedded-postgres';
import { buildOpenApiDocument } from '../src/platform/openapi/openapi';

async function main(): Promise<void> {
  const output = resolve(process.argv[2] ?? join(__dirname, '../../../libs/api-client/openapi.json'));
  const dataDir = mkdtempSync(join(tmpdir(), 'lianxi-openapi-'));
  chmodSync(dataDir, 0o755);
  const db = await startEmbeddedPostgres({ dataDir, database: 'lianxi', persistent: false });
  try {
    const app = await createApp(loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', WEB_DIST_DIR: '/nonexistent' }), db.url);
    const document = await buildOpenApiDocument(app);
    writeFileSync(output, `${JSON.stringify(document, null, 2)}\n`);
    await app.close();
    console.log(`wrote ${output} (${Object.keys(document.paths).length} paths)`);
  } finally {
    await db.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
