import { mkdirSync, readFileSync } from 'node:fs';
import { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Browser, BrowserContext, Page } from 'playwright-core';
import { describeBrowser, launchChromium, SCREENSHOTS } from './support/chromium';
import { newVendor } from './support/factories';
import { Link, linkIn, newContact, outbox, sendQuestionnaire } from './support/questionnaires';
import { createTestApp, TestApp } from './support/test-app';

/**
 * The vendor's answer page in a real browser (Debian's chromium via playwright-core), as a vendor's
 * contact uses it: no account, only the e-mail's link; in Japanese and in English; keyboard only;
 * no console error under the Content-Security-Policy; axe-core finds no serious or critical violation.
 */
describeBrowser('the questionnaire answer page in a real browser (chromium)', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  let link: Link;
  let context: BrowserContext;
  let page: Page;
  const consoleErrors: string[] = [];
  let shots: string;

  beforeAll(async () => {
    t = await createTestApp();
    shots = join(SCREENSHOTS, t.config.database.kind);
    mkdirSync(shots, { recursive: true });
    await t.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    browser = await launchChromium();
    const vendor = await newVendor(t, { name: 'ブラウザ回答株式会社', status: 'active' });
    const contact = await newContact(t, vendor.id, { name: '山本 三郎', email: 'saburo@browser.example', locale: 'ja' });
    await sendQuestionnaire(t, vendor.id, contact.id, { message: 'ご協力をお願いいたします。' });
    link = linkIn((await outbox(t, contact.email)).at(-1)!.text);
    // A browser that never signed in: the link is all it has.
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    page.on('pageerror', (error) => consoleErrors.push(error.message));
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  /** Tab (forwards only) until the element matching `selector` has the focus; fails after `limit` presses. */
  async function tabTo(selector: string, limit = 150): Promise<void> {
    for (let presses = 0; presses < limit; presses += 1) {
      if (await page.evaluate((wanted) => document.activeElement?.matches(wanted) ?? false, selector)) return;
      await page.keyboard.press('Tab');
    }
    throw new Error(`${selector} never got the focus by Tab`);
  }

  it('is answered with the keyboard only, in Japanese, then in English after switching', async () => {
    await page.goto(`${base}${link.path}`);
    expect(await page.textContent('h1')).toBe('委託先評価チェックシート');
    expect(await page.textContent('[data-testid="vendor-name"]')).toBe('ブラウザ回答株式会社');
    expect(await page.textContent('[data-testid="message"]')).toBe('ご協力をお願いいたします。');
    expect(await page.getAttribute('html', 'lang')).toBe('ja');
    await page.screenshot({ path: join(shots, 'questionnaire-answer-ja.png'), fullPage: true });

    // The skip link comes first and moves the focus to the content.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('href'))).toBe('#main');

    // A yes/no question: Tab into the group, Space chooses; a text question is typed into.
    await tabTo('input[name="basic-policy"][value="yes"]');
    await page.keyboard.press('Space');
    await tabTo('#i-responsible-person');
    await page.keyboard.type('総務部 部長 山本三郎');
    await tabTo('[data-testid="save-draft"]');
    await Promise.all([page.waitForURL(/notice=saved$/), page.keyboard.press('Enter')]);
    expect(await page.textContent('[data-testid="notice"]')).toBe('一時保存しました。');
    expect(await page.isChecked('input[name="basic-policy"][value="yes"]')).toBe(true);
    expect(await page.inputValue('#i-responsible-person')).toBe('総務部 部長 山本三郎');

    // The language switch is the first control of the content.
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('switch-language');
    await Promise.all([page.waitForURL(/lang=en$/), page.keyboard.press('Enter')]);
    expect(await page.textContent('h1')).toBe('Vendor selection checklist');
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    expect(await page.textContent('[data-testid="save-draft"]')).toBe('Save draft');
    // The choice is remembered on the next visit of the bare link.
    await page.goto(`${base}${link.path}`);
    expect(await page.textContent('h1')).toBe('Vendor selection checklist');
    expect(await page.inputValue('#i-responsible-person')).toBe('総務部 部長 山本三郎');
    await page.screenshot({ path: join(shots, 'questionnaire-answer-en.png'), fullPage: true });
    expect(consoleErrors).toEqual([]);
  }, 60_000);

  it('has no serious or critical accessibility violations, in either language', async () => {
    // axe is injected as a script: a context of its own that bypasses the Content-Security-Policy.
    const axeContext = await browser.newContext({ bypassCSP: true, viewport: { width: 1366, height: 768 } });
    const axePage = await axeContext.newPage();
    const source = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
    const problems: string[] = [];
    for (const path of [`${link.path}?lang=ja`, `${link.path}?lang=en`]) {
      await axePage.goto(`${base}${path}`);
      expect(await axePage.locator('[data-testid="answer-form"]').count()).toBe(1);
      await axePage.addScriptTag({ content: source });
      const result = (await axePage.evaluate("axe.run(document, { resultTypes: ['violations'] })")) as { violations: Array<{ id: string; impact: string; nodes: Array<{ target: string[] }> }> };
      for (const violation of result.violations.filter((item) => item.impact === 'serious' || item.impact === 'critical')) {
        problems.push(`${path}: ${violation.id} (${violation.impact}) at ${violation.nodes.slice(0, 3).map((node) => node.target.join(' ')).join(', ')}`);
      }
    }
    await axeContext.close();
    expect(problems).toEqual([]);
  }, 60_000);
});
