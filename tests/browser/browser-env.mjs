// What every browser test file shares: the environment run.sh sets (KEFU_URL, the demo
// shop's logins), Debian's chromium via playwright-core, and pages that record their errors.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
// playwright-core is a dev dependency of web/ (npm ci there): load it from web/node_modules.
const webDir = process.env.KEFU_WEB_DIR ?? join(here, '..', '..', 'web');
const { chromium } = createRequire(join(webDir, 'package.json'))('playwright-core');

export const baseUrl = process.env.KEFU_URL;
const loginsFile = process.env.KEFU_LOGINS_FILE;
assert.ok(baseUrl, 'KEFU_URL is not set (run tests/browser/run.sh)');
assert.ok(loginsFile, 'KEFU_LOGINS_FILE is not set (run tests/browser/run.sh)');

export const screenshots = join(here, 'screenshots');
export const soon = 5_000; // "within a few seconds"

export function passwordOf(login) {
  for (const line of readFileSync(loginsFile, 'utf8').split('\n')) {
    const [name, password] = line.trim().split(/\s+/);
    if (name === login) return password;
  }
  throw new Error(`no login ${login} in ${loginsFile}`);
}

/** A fresh chromium profile at 1366×768 in Chinese; close() removes it. */
export async function launchBrowser() {
  mkdirSync(screenshots, { recursive: true });
  const userDataDir = mkdtempSync(join(tmpdir(), 'kefu-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.KEFU_CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      // A small or missing /dev/shm (containers) crashes renderers; /tmp works everywhere.
      '--disable-dev-shm-usage',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync',
    ],
    viewport: { width: 1366, height: 768 },
    locale: 'zh-CN',
    acceptDownloads: true,
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/** Opens path on the server; page errors, failed requests and console errors go to errors. */
export async function openPage(context, path, errors) {
  const page = await context.newPage();
  page.on('pageerror', (error) => errors.push(`${path}: ${error.message}`));
  page.on('response', (response) => {
    if (response.status() >= 400) errors.push(`${path}: ${response.status()} for ${response.url()}`);
  });
  page.on('console', (msg) => {
    // Failed loads are reported with their URL by the response handler above.
    if (msg.type() === 'error' && !msg.text().startsWith('Failed to load resource')) errors.push(`${path} console: ${msg.text()}`);
  });
  await page.goto(new URL(path, baseUrl).href);
  return page;
}

export async function waitConnected(page) {
  await page.locator('[data-testid=connection][data-state=open]').waitFor({ timeout: soon });
}
