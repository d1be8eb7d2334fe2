#!/usr/bin/env node
// The one test command (`pnpm test`, also what .ci/run runs): every check, in order, with a summary.
// Steps: lint → typecheck → OpenAPI (fresh, committed, linted) → analytics library tests → API unit + end-to-end tests (real PostgreSQL)
// → web unit tests → production build → browser smoke test (real Chromium against the built product).
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const artifacts = join(root, 'artifacts');
mkdirSync(artifacts, { recursive: true });

function run(command, args, options = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, stdio: 'inherit', ...options });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

const pnpm = (...args) => run('pnpm', args);

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function waitForReady(url, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url)).ok) return true;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return false;
}

/** Starts the built product on a fresh embedded database, runs the browser smoke test against it, stops it. */
async function browserSmoke() {
  const dataDir = mkdtempSync(join(tmpdir(), 'lianxi-smoke-'));
  chmodSync(dataDir, 0o755);
  const port = await freePort();
  const started = Date.now();
  const server = spawn('node', ['apps/api/dist/main.js'], {
    cwd: root,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, PORT: String(port), LIANXI_DATA_DIR: dataDir, NODE_ENV: 'development', LOG_LEVEL: 'error' },
  });
  try {
    if (!(await waitForReady(`http://127.0.0.1:${port}/api/health/ready`, 90_000))) {
      console.error('the product did not become ready within 90 s');
      return 1;
    }
    console.log(`product ready on a fresh database in ${Date.now() - started} ms`);
    return await run('node', ['apps/web/e2e/smoke.mjs'], { env: { ...process.env, BASE_URL: `http://127.0.0.1:${port}` } });
  } finally {
    server.kill('SIGTERM');
    await new Promise((resolve) => (server.exitCode !== null ? resolve() : server.on('exit', resolve)));
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const steps = [
  ['lint', () => pnpm('lint')],
  ['typecheck', () => pnpm('typecheck')],
  ['openapi', () => pnpm('openapi:check')],
  ['analytics tests', () => pnpm('--filter', '@lianxi/analytics', 'test', '--reporter=default', '--reporter=json', `--outputFile.json=${join(artifacts, 'vitest-analytics.json')}`)],
  ['api tests', () => pnpm('--filter', '@lianxi/api', 'test', '--json', `--outputFile=${join(artifacts, 'jest.json')}`)],
  ['web tests', () => pnpm('--filter', '@lianxi/web', 'test', '--reporter=default', '--reporter=json', `--outputFile.json=${join(artifacts, 'vitest.json')}`)],
  ['build', () => pnpm('build')],
  ['browser smoke', browserSmoke],
];

/** Test counts from the runners' JSON reports; the smoke test writes the same shape. */
function counts(file) {
  const path = join(artifacts, file);
  if (!existsSync(path)) return { passed: 0, failed: 0 };
  const report = JSON.parse(readFileSync(path, 'utf8'));
  return { passed: report.numPassedTests ?? 0, failed: report.numFailedTests ?? 0 };
}

for (const file of ['vitest-analytics.json', 'jest.json', 'vitest.json', 'browser-smoke.json']) rmSync(join(artifacts, file), { force: true });
const results = [];
for (const [name, step] of steps) {
  const started = Date.now();
  console.log(`\n▶ ${name}`);
  const code = await step();
  results.push({ name, ok: code === 0, seconds: (Date.now() - started) / 1000 });
  if (code !== 0) {
    console.error(`✖ ${name} failed (exit ${code})`);
    break;
  }
}

console.log('\nSummary');
for (const r of results) console.log(`  ${r.ok ? '✔' : '✖'} ${r.name.padEnd(14)} ${r.seconds.toFixed(1)} s`);
const totals = ['vitest-analytics.json', 'jest.json', 'vitest.json', 'browser-smoke.json'].map(counts).reduce((a, b) => ({ passed: a.passed + b.passed, failed: a.failed + b.failed }));
const stepFailures = results.filter((r) => !r.ok).length + (steps.length - results.length);
console.log(`${totals.passed} passed, ${totals.failed + stepFailures} failed`);
process.exit(stepFailures || totals.failed ? 1 : 0);
