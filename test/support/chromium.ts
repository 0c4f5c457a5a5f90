import { existsSync, mkdirSync } from 'node:fs';
import { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Browser, chromium, Page } from 'playwright-core';
import { createTestApp, TestApp } from './test-app';

/** Debian's chromium (never a downloaded browser build), driven by playwright-core. */
export const CHROMIUM = '/usr/bin/chromium';
/** test-artifacts/screenshots/<database kind>/ (CI keeps them as artefacts). */
export const SCREENSHOTS = join(__dirname, '..', '..', 'test-artifacts', 'screenshots');

const available = existsSync(CHROMIUM);
if (!available && process.env.CI) throw new Error(`${CHROMIUM} is missing: CI must install chromium (see .ci/run)`);
if (!available) console.warn(`SKIPPED: browser tests need ${CHROMIUM} (apt-get install -y chromium); they are not run here`);
/** `describe` where chromium is installed (always in CI), `describe.skip` elsewhere. */
export const describeBrowser = available ? describe : describe.skip;

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-dev-shm-usage'],
  });
}

/** The app listening on a free port of 127.0.0.1, and a page of Debian's chromium for it. */
export interface BrowserApp {
  t: TestApp;
  base: string;
  browser: Browser;
  page: Page;
}

/**
 * Boots the app (a fresh database, as every e2e spec), makes test-artifacts/screenshots/<database kind>/,
 * opens chromium with one page of that viewport, and records the page's console errors in `consoleErrors`
 * (a browser test ends by expecting none). Close with `browser.close()` and `t.close()`.
 */
export async function startBrowserApp(viewport: { width: number; height: number }, consoleErrors: string[]): Promise<BrowserApp> {
  const t = await createTestApp();
  mkdirSync(join(SCREENSHOTS, t.config.database.kind), { recursive: true });
  await t.app.listen(0, '127.0.0.1');
  const base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
  const browser = await launchChromium();
  const page = await browser.newPage({ viewport });
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  return { t, base, browser, page };
}
