// Browser smoke test: the real SPA against the real API in headless Chromium.
// Needs a running server that serves both (BASE_URL, default http://localhost:3000) with the demo data loaded.
// Usage: BASE_URL=http://localhost:3000 node e2e/smoke.mjs
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const BASE_URL = (process.env.BASE_URL ?? 'http://localhost:3000').replace(/\/$/, '');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const STEP_TIMEOUT_MS = 15_000;
// A hard ceiling for the whole run, so a wedged browser can never hang CI.
const RUN_TIMEOUT_MS = 180_000;
const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const SHOTS = join(REPO_ROOT, 'artifacts', 'screenshots');
const USER = { email: 'rep.e1@lianxi.test', password: 'Demo#rep.e1#2026' };
const NAV = {
  zh: { sales: '销售', marketing: '市场', service: '服务', analytics: '分析' },
  en: { sales: 'Sales', marketing: 'Marketing', service: 'Service', analytics: 'Analytics' },
};

function fail(message) {
  throw new Error(message);
}

function withTimeout(promise, ms, label) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${label}: no result within ${ms / 1000} s`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function pathOf(page) {
  return new URL(page.url()).pathname;
}

async function expectPath(page, path) {
  await page.waitForURL((url) => url.pathname === path, { timeout: STEP_TIMEOUT_MS }).catch(() => fail(`expected ${path}, still at ${pathOf(page)}`));
}

async function expectNav(page, labels) {
  for (const [key, label] of Object.entries(labels)) {
    const text = (await page.getByTestId(`nav-${key}`).textContent())?.trim();
    if (text !== label) fail(`nav-${key} shows "${text}", expected "${label}"`);
  }
  if ((await page.getByTestId('nav-admin').count()) > 0) fail('nav-admin is shown to a sales rep');
}

/** Clicks a language in the header switch and waits until the profile has saved it. */
async function switchLanguage(page, label, expectedLocale) {
  const saved = page.waitForResponse((response) => response.request().method() === 'PATCH' && new URL(response.url()).pathname === '/api/v1/me');
  await page.getByTestId('language-switch').getByText(label, { exact: true }).click();
  const response = await saved;
  if (response.status() !== 200) fail(`PATCH /api/v1/me answered ${response.status()}`);
  const { locale } = await response.json();
  if (locale !== expectedLocale) fail(`profile locale is "${locale}", expected "${expectedLocale}"`);
}

async function main() {
  mkdirSync(SHOTS, { recursive: true });
  const userDataDir = mkdtempSync(join(tmpdir(), 'lianxi-smoke-'));
  const pageErrors = [];
  let context;
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  // The demo user's profile language is switched to English mid-run; it is put back so the next run starts in Chinese.
  let profileInEnglish = false;

  try {
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
      viewport: { width: 1280, height: 800 },
      timeout: STEP_TIMEOUT_MS,
    });
    const page = context.pages()[0] ?? (await context.newPage());
    page.setDefaultTimeout(STEP_TIMEOUT_MS);
    page.setDefaultNavigationTimeout(STEP_TIMEOUT_MS);
    page.on('pageerror', (error) => pageErrors.push(error.message));

    const steps = [
      [`opening ${BASE_URL} redirects to /login`, async () => {
        await page.goto(BASE_URL);
        await expectPath(page, '/login');
        await page.getByTestId('login-email').waitFor({ state: 'visible' });
        await page.screenshot({ path: join(SHOTS, 'login.png') });
      }],
      [`signing in as ${USER.email} shows the shell`, async () => {
        await page.getByTestId('login-email').fill(USER.email);
        await page.getByTestId('login-password').fill(USER.password);
        await page.getByTestId('login-submit').click();
        await expectPath(page, '/sales');
        await page.getByTestId('nav-sales').waitFor({ state: 'visible' });
        await page.getByTestId('page-title').waitFor({ state: 'visible' });
      }],
      ['the navigation is in Chinese (the demo user\'s language)', async () => {
        await expectNav(page, NAV.zh);
        await page.screenshot({ path: join(SHOTS, 'shell-zh.png') });
      }],
      ['switching to English relabels the navigation and saves the choice', async () => {
        profileInEnglish = true;
        await switchLanguage(page, 'English', 'en');
        await page.getByTestId('nav-sales').getByText(NAV.en.sales, { exact: true }).waitFor();
        await expectNav(page, NAV.en);
        await page.screenshot({ path: join(SHOTS, 'shell-en.png') });
      }],
      ['after a reload the session (refresh cookie) and English persist', async () => {
        await page.reload();
        await page.getByTestId('nav-sales').waitFor({ state: 'visible' });
        if (pathOf(page) !== '/sales') fail(`reload landed on ${pathOf(page)}`);
        await expectNav(page, NAV.en);
      }],
      ['signing out returns to /login', async () => {
        await switchLanguage(page, '中文', 'zh-CN');
        profileInEnglish = false;
        await page.getByTestId('user-menu').click();
        await page.getByTestId('logout').click();
        await expectPath(page, '/login');
        await page.getByTestId('login-email').waitFor({ state: 'visible' });
      }],
      ['after signing out, a protected page sends back to /login', async () => {
        await page.goto(`${BASE_URL}/profile`);
        await expectPath(page, '/login');
        await page.getByTestId('login-email').waitFor({ state: 'visible' });
      }],
    ];

    for (const [name, run] of steps) {
      if (failed > 0) {
        skipped += 1;
        console.log(`- skipped: ${name}`);
        continue;
      }
      try {
        await withTimeout(run(), STEP_TIMEOUT_MS, name);
        passed += 1;
        console.log(`✓ ${name}`);
      } catch (error) {
        failed += 1;
        console.log(`✗ ${name}\n    ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
        await page.screenshot({ path: join(SHOTS, 'failure.png') }).catch(() => undefined);
        console.log(`    page: ${page.url()}; screenshot: artifacts/screenshots/failure.png`);
      }
    }

    if (profileInEnglish) {
      await withTimeout(switchLanguage(page, '中文', 'zh-CN'), STEP_TIMEOUT_MS, 'restoring the profile language').catch((error) =>
        console.log(`! could not restore ${USER.email}'s language to zh-CN: ${error.message}`),
      );
    }
  } catch (error) {
    failed += 1;
    console.log(`✗ browser start: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
  } finally {
    await context?.close().catch(() => undefined);
    rmSync(userDataDir, { recursive: true, force: true });
  }

  for (const message of pageErrors) console.log(`! uncaught error in the page: ${message}`);
  console.log(`browser smoke: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
  // Same counters as the Jest and Vitest JSON reports, for the test command's summary.
  writeFileSync(join(REPO_ROOT, 'artifacts', 'browser-smoke.json'), JSON.stringify({ numPassedTests: passed, numFailedTests: failed }));
  return failed === 0 ? 0 : 1;
}

const deadline = setTimeout(() => {
  console.log(`browser smoke: gave up after ${RUN_TIMEOUT_MS / 1000} s`);
  process.exit(1);
}, RUN_TIMEOUT_MS);
deadline.unref();

process.exitCode = await main();
