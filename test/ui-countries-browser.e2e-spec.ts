import { join } from 'node:path';
import { Browser, Page } from 'playwright-core';
import { describeBrowser, SCREENSHOTS, startBrowserApp } from './support/chromium';
import { ADMIN_EMAIL, ADMIN_PASSWORD, bearer, TestApp } from './support/test-app';

/** The vendor form's country picker in Japanese, in Debian's chromium under the app's CSP (no inline script). */
describeBrowser('country picker in a real browser (chromium)', () => {
  let t: TestApp;
  let browser: Browser;
  let page: Page;
  let base: string;
  const consoleErrors: string[] = [];
  const screenshot = (name: string) => page.screenshot({ path: join(SCREENSHOTS, t.config.database.kind, `countries-${name}.png`), fullPage: true });

  beforeAll(async () => {
    ({ t, base, browser, page } = await startBrowserApp({ width: 1366, height: 900 }, consoleErrors));
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('suggests country names as the user types, for one country and for several, and stores the codes', async () => {
    await page.goto(`${base}/login`);
    await page.fill('#email', ADMIN_EMAIL); // the first admin speaks Japanese
    await page.fill('#password', ADMIN_PASSWORD);
    await Promise.all([page.waitForURL(`${base}/`), page.click('button[type=submit]')]);
    await page.goto(`${base}/vendors/new`);
    expect(await page.getAttribute('html', 'lang')).toBe('ja');
    expect(await page.inputValue('#country')).toBe('日本');
    expect(await page.textContent('label[for=country]')).toBe('所在国');
    expect(await page.textContent('#country-hint')).toBe('国名を入力すると候補が表示されます(例: 日本、シンガポール)');

    await page.fill('#name', '株式会社アジアデータ');
    await page.fill('#country', '');
    await page.locator('#country').pressSequentially('シンガ');
    const suggestions = (list: string) => page.$$eval(`#${list} option`, (options) => options.map((option) => (option as HTMLOptionElement).value));
    expect((await suggestions('country-names')).filter((name) => name.startsWith('シンガ'))).toEqual(['シンガポール']);
    await page.fill('#country', 'シンガポール');

    // Several countries: once one is typed, the suggestions continue the list.
    await page.locator('#dataLocations').pressSequentially('シンガポール、');
    const continued = await suggestions('country-list-names');
    expect(continued).toContain('シンガポール、日本');
    expect(continued).toContain('シンガポール、アメリカ合衆国');
    expect(continued).not.toContain('シンガポール、シンガポール');
    expect(continued.every((value) => value.startsWith('シンガポール、'))).toBe(true);
    await page.locator('#dataLocations').pressSequentially('日本');
    await screenshot('vendor-form-ja');

    await page.click('[data-testid=save-vendor]');
    await page.waitForSelector('[data-testid=vendor-name]');
    expect(await page.textContent('[data-testid=vendor-name]')).toBe('株式会社アジアデータ');
    await screenshot('vendor-detail-ja');
    const id = page.url().split('/').pop();
    const vendor = (await t.http.get(`/api/v1/vendors/${id}`).set(...bearer(await t.tokenFor('viewer'))).expect(200)).body;
    expect([vendor.country, vendor.dataLocations]).toEqual(['SG', ['SG', 'JP']]);
    expect(consoleErrors).toEqual([]);
  }, 60_000);
});
