import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Browser, Page } from 'playwright-core';
import { addDays } from '../src/rules/calendar';
import { activeVendor, newContract, newIncident, today } from './support/factories';
import { ADMIN_EMAIL, ADMIN_PASSWORD, bearer, TestApp } from './support/test-app';
import { describeBrowser, SCREENSHOTS, startBrowserApp } from './support/chromium';

/**
 * The admin UI's acceptance scenario in a real browser: Debian's chromium driven by playwright-core,
 * against the app listening on a real port (on SQLite or on the database DATABASE_URL names).
 * Screenshots go to test-artifacts/screenshots/<database kind>/ (CI keeps them as artefacts).
 */

describeBrowser('admin UI in a real browser (chromium)', () => {
  let t: TestApp;
  let browser: Browser;
  let page: Page;
  let base: string;
  let shot = 0;
  const screenshot = async (name: string) => {
    shot += 1;
    await page.screenshot({ path: join(SCREENSHOTS, t.config.database.kind, `${String(shot).padStart(2, '0')}-${name}.png`), fullPage: true });
  };

  beforeAll(async () => {
    ({ t, base, browser, page } = await startBrowserApp({ width: 1366, height: 768 }, consoleErrors));
    // Nothing may be fetched from outside the app (no CDN): record any request elsewhere.
    page.on('request', (request) => {
      if (!request.url().startsWith(base) && !request.url().startsWith('data:')) outside.push(request.url());
    });
  }, 60_000);
  const outside: string[] = [];
  const consoleErrors: string[] = [];

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('signs in, creates a vendor, records a contract, fills its checklist, sees the flag go, switches language, signs out', async () => {
    // Sign in (Japanese by default).
    await page.goto(`${base}/vendors`);
    expect(page.url()).toContain('/login?next=%2Fvendors');
    expect(await page.getAttribute('html', 'lang')).toBe('ja');
    await screenshot('sign-in');
    await page.fill('#email', ADMIN_EMAIL);
    await page.fill('#password', ADMIN_PASSWORD);
    await Promise.all([page.waitForURL(`${base}/vendors`), page.click('button[type=submit]')]);
    await screenshot('vendors-empty');

    // Create a vendor that handles communications data (通信の秘密): the name is shown as text.
    await page.click('[data-testid=new-vendor]');
    await page.fill('#name', '<script>alert(1)</script>');
    await page.click('[data-testid=save-vendor]'); // services etc. optional; status candidate
    await page.waitForSelector('[data-testid=vendor-name]');
    const vendorUrl = page.url();
    await page.click('[data-testid=edit-vendor]');
    await page.fill('#name', '株式会社サンプル通信 <script>alert(1)</script>');
    await page.selectOption('#status', 'active');
    await page.check('input[name=dataCategories][value=communications]');
    await page.fill('#services', 'コールセンター運用');
    await page.click('[data-testid=save-vendor]');
    await page.waitForURL(`${vendorUrl}?notice=saved`);
    expect(await page.textContent('[data-testid=vendor-name]')).toBe('株式会社サンプル通信 <script>alert(1)</script>');
    expect(await page.isVisible('[data-flag="no-contract"]')).toBe(true);
    await screenshot('vendor-no-contract');

    // Record the signed contract.
    await page.click('[data-testid=new-contract]');
    await page.fill('#title', '業務委託契約書');
    await page.selectOption('#status', 'signed');
    await page.fill('#signedOn', '2024-03-15');
    await page.fill('#effectiveFrom', '2024-04-01');
    await page.click('[data-testid=save-contract]');
    await page.waitForSelector('[data-testid=save-checklist]');
    const checklistUrl = page.url();
    await screenshot('checklist-empty');

    await page.goto(vendorUrl);
    expect(await page.isVisible('[data-flag="missing-clause:communications-secrecy"]')).toBe(true);
    await screenshot('vendor-missing-clauses');

    // Fill the checklist: every clause present, 通信の秘密 in 第12条; save, then approve.
    await page.goto(checklistUrl);
    for (const select of await page.$$('select[data-testid^="status-"]')) await select.selectOption('present');
    await page.fill('input[name="section__communications-secrecy"]', '第12条');
    await page.click('[data-testid=save-checklist]');
    await page.waitForURL(`${checklistUrl}?notice=saved`);
    await page.click('[data-testid=approve-checklist]');
    await page.waitForURL(`${checklistUrl}?notice=approved`);
    expect(await page.textContent('[data-testid=approval]')).toContain('Administrator'); // the first admin, by name
    await screenshot('checklist-approved');

    // The missing-clause flags are gone from the vendor page.
    await page.goto(vendorUrl);
    expect(await page.$$('[data-flag^="missing-clause"]')).toHaveLength(0);
    await screenshot('vendor-clauses-complete');

    // Switch language to English.
    await page.goto(`${base}/account`);
    await page.selectOption('[data-testid=locale]', 'en');
    await page.click('[data-testid=save-locale]');
    await page.waitForURL(`${base}/account?notice=saved`);
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await page.goto(`${base}/`);
    expect(await page.textContent('h1')).toBe('Dashboard');
    expect(await page.isVisible('svg.chart')).toBe(true);
    await screenshot('dashboard-en');

    // Sign out: back to the sign-in page, and pages are closed again.
    await page.click('[data-testid=sign-out]');
    await page.waitForURL(/\/login\?notice=signedOut/);
    await screenshot('signed-out');
    await page.goto(`${base}/vendors`);
    expect(page.url()).toContain('/login');

    expect(outside).toEqual([]);
    expect(consoleErrors).toEqual([]);
  }, 120_000);

  it('has no serious or critical accessibility violations (axe-core: labels, contrast, ARIA) on the main pages', async () => {
    // axe is injected through the DevTools protocol (a context that bypasses the page's CSP); the
    // app itself still serves no script.
    const context = await browser.newContext({ bypassCSP: true, viewport: { width: 1366, height: 768 } });
    const axePage = await context.newPage();
    const source = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
    const problems: string[] = [];
    const checked: string[] = [];
    const check = async (path: string) => {
      await axePage.goto(`${base}${path}`);
      await axePage.addScriptTag({ content: source });
      const result = (await axePage.evaluate("axe.run(document, { resultTypes: ['violations'] })")) as { passes: unknown[]; violations: Array<{ id: string; impact: string; nodes: Array<{ target: string[] }> }> };
      checked.push(`${path}: ${result.passes.length} rules passed`);
      for (const violation of result.violations.filter((item) => item.impact === 'serious' || item.impact === 'critical')) {
        problems.push(`${path}: ${violation.id} (${violation.impact}) at ${violation.nodes.slice(0, 3).map((node) => node.target.join(' ')).join(', ')}`);
      }
    };
    await check('/login');
    await axePage.fill('#email', ADMIN_EMAIL);
    await axePage.fill('#password', ADMIN_PASSWORD);
    await Promise.all([axePage.waitForURL(`${base}/`), axePage.click('button[type=submit]')]);
    const vendor = await activeVendor(t, { name: 'アクセシビリティ確認', dataCategories: ['communications'] });
    const contract = await newContract(t, vendor.id, { expiresOn: addDays(today(t), 40), noticeDays: 30 });
    // An incident with obligations of every kind of deadline, and a 確報 with its Art. 8(1) items recorded.
    const incident = await newIncident(t, vendor.id, { title: 'アクセシビリティ確認の事案', sensitiveData: true, communicationsSecrecy: true, euUkDataSubjects: true });
    const items = Object.fromEntries(['overview', 'data-items', 'persons', 'cause', 'secondary-damage', 'response-to-persons', 'publication', 'prevention', 'other'].map((item) => [item, 'known']));
    await t.http.post(`/api/v1/incidents/${incident.id}/reports`).set(...bearer(await t.tokenFor('compliance'))).send({ obligation: 'appi-final', submittedAt: t.clock.now().toISOString(), submittedBy: '法務部', items }).expect(201);
    for (const path of [
      '/', '/vendors', '/vendors/new', `/vendors/${vendor.id}`, `/vendors/${vendor.id}/edit`, `/contracts/${contract.id}`, `/vendors/${vendor.id}/contracts/new`,
      '/flags', '/audits', '/audits?view=calendar', '/findings', '/notifications', '/catalogue', '/users', '/settings', '/account',
      '/incidents', `/incidents/${incident.id}`, `/vendors/${vendor.id}/incidents/new`,
    ]) await check(path);
    await context.close();
    expect(checked).toHaveLength(20);
    expect(checked.filter((line) => / 0 rules passed/.test(line))).toEqual([]);
    expect(problems).toEqual([]);
  }, 120_000);

  it('works with the keyboard: the skip link comes first and moves focus to the content', async () => {
    await page.goto(`${base}/login`);
    await page.keyboard.press('Tab');
    expect(await page.evaluate("document.activeElement && document.activeElement.getAttribute('href')")).toBe('#main');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement && document.activeElement.id')).toBe('email');
  });
});
