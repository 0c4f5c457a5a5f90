/// <reference lib="dom" />
import { existsSync } from 'node:fs';
import { AddressInfo } from 'node:net';
import { Browser, chromium } from 'playwright-core';
import { ADMIN_EMAIL, ADMIN_PASSWORD, createTestApp, TestApp } from './support/test-app';

/**
 * The admin UI over plain HTTP on an intranet host name (not localhost). The Content-Security-Policy
 * may ask browsers to upgrade insecure requests only when APP_URL is https: otherwise the stylesheet
 * and the sign-in form go to https://… where nothing listens.
 *
 * The browser reaches the app under the name "oversight.intranet.example", mapped to this machine's
 * loopback address with chromium's --host-resolver-rules: to the browser it is a non-loopback,
 * non-"potentially trustworthy" origin (the case that failed), while no packet leaves the machine.
 */
const CHROMIUM = '/usr/bin/chromium';
const HOST = 'oversight.intranet.example';
const available = existsSync(CHROMIUM);
if (!available && process.env.CI) throw new Error(`${CHROMIUM} is missing: CI must install chromium (see .ci/run)`);
if (!available) console.warn(`SKIPPED: browser tests need ${CHROMIUM} (apt-get install -y chromium); they are not run here`);
const describeBrowser = available ? describe : describe.skip;

describeBrowser('the admin UI over plain HTTP on an intranet host (chromium)', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  beforeAll(async () => {
    t = await createTestApp();
    await t.app.listen(0, '127.0.0.1');
    const port = (t.app.getHttpServer().address() as AddressInfo).port;
    base = `http://${HOST}:${port}`;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run', '--disable-background-networking', `--host-resolver-rules=MAP ${HOST} 127.0.0.1`],
    });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('loads the stylesheet and signs in over http: nothing is upgraded to https', async () => {
    const page = await browser.newPage();
    const failed: string[] = [];
    const https: string[] = [];
    page.on('requestfailed', (request) => failed.push(`${request.url()} ${request.failure()?.errorText}`));
    page.on('request', (request) => {
      if (request.url().startsWith('https:')) https.push(request.url());
    });
    await page.goto(`${base}/login`);
    // The stylesheet came from the app over http and its rules apply.
    const sheets = await page.evaluate(() =>
      Array.from(document.styleSheets, (sheet) => {
        try {
          return { href: sheet.href, rules: sheet.cssRules.length > 0 };
        } catch {
          return { href: sheet.href, rules: false };
        }
      }),
    );
    expect(sheets).toContainEqual({ href: `${base}/assets/app.css`, rules: true });
    await page.fill('#email', ADMIN_EMAIL);
    await page.fill('#password', ADMIN_PASSWORD);
    await Promise.all([page.waitForURL(`${base}/`, { timeout: 15_000 }), page.click('button[type=submit]')]);
    expect(await page.textContent('h1')).toBeTruthy();
    expect([failed, https]).toEqual([[], []]);
    await page.close();
  }, 60_000);
});

describe('Content-Security-Policy: upgrade-insecure-requests only for an https APP_URL', () => {
  it.each([
    ['http://oversight.intranet.example:3000', false],
    ['https://oversight.example.co.jp', true],
  ])('APP_URL %s → upgrade-insecure-requests: %s', async (appUrl, upgrade) => {
    const t = await createTestApp({ env: { APP_URL: appUrl } });
    try {
      const policy = (await t.http.get('/login').expect(200)).headers['content-security-policy'] as string;
      expect(policy).toContain("default-src 'self'");
      expect(policy.includes('upgrade-insecure-requests')).toBe(upgrade);
    } finally {
      await t.close();
    }
  });
});
