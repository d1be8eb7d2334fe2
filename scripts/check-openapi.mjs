#!/usr/bin/env node
// Fails when the committed OpenAPI document or the client generated from it is stale, or the document does not
// lint clean. Fix a stale one with `pnpm openapi` and commit the result.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const temp = mkdtempSync(join(tmpdir(), 'lianxi-openapi-check-'));
const committedSpec = join(root, 'libs/api-client/openapi.json');
const committedSchema = join(root, 'libs/api-client/src/schema.d.ts');
const run = (cmd, args, cwd = root) => execFileSync(cmd, args, { cwd, stdio: ['ignore', 'inherit', 'inherit'] });

run('pnpm', ['--filter', '@lianxi/api', 'openapi:write', join(temp, 'openapi.json')]);
run('pnpm', ['exec', 'openapi-typescript', join(temp, 'openapi.json'), '-o', join(temp, 'schema.d.ts')], join(root, 'libs/api-client'));
run('node', [join(root, 'scripts/mark-generated.mjs'), join(temp, 'schema.d.ts')]);

let stale = false;
for (const [fresh, committed] of [[join(temp, 'openapi.json'), committedSpec], [join(temp, 'schema.d.ts'), committedSchema]]) {
  if (readFileSync(fresh, 'utf8') !== readFileSync(committed, 'utf8')) {
    console.error(`✖ ${committed.slice(root.length + 1)} is stale: run \`pnpm openapi\` and commit the result`);
    stale = true;
  }
}
if (stale) process.exit(1);
console.log('✔ openapi.json and the generated client match the code');
run('pnpm', ['exec', 'redocly', 'lint', '--config', 'redocly.yaml']);
