import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Browser, chromium, Page } from 'playwright-core';
import { pdfOf } from './support/documents';
import { activeVendor, newContract } from './support/factories';
import { createTestApp, TestApp, USER_PASSWORD } from './support/test-app';

/**
 * Documents in a real browser (Debian's chromium via playwright-core): the plain file input, drag and
 * drop through the app's own script under its Content-Security-Policy (a blocked script would be a
 * console error), the contract's document beside the clauses, and axe on the documents pages.
 */
const CHROMIUM = '/usr/bin/chromium';
const SCREENSHOTS = join(__dirname, '..', 'test-artifacts', 'screenshots');
const available = existsSync(CHROMIUM);
if (!available && process.env.CI) throw new Error(`${CHROMIUM} is missing: CI must install chromium (see .ci/run)`);
const describeBrowser = available ? describe : describe.skip;

describeBrowser('documents in a real browser (chromium)', () => {
  let t: TestApp;
  let browser: Browser;
  let page: Page;
  let base: string;
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    t = await createTestApp();
    mkdirSync(join(SCREENSHOTS, t.config.database.kind), { recursive: true });
    await t.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-dev-shm-usage'],
    });
    page = await browser.newPage({ viewport: { width: 1600, height: 900 } });
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    await t.tokenFor('legal');
    await page.goto(`${base}/login`);
    await page.fill('#email', 'legal@example.test');
    await page.fill('#password', USER_PASSWORD);
    await Promise.all([page.waitForURL(`${base}/`), page.click('button[type=submit]')]);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  /**
   * Submits the upload form and waits for what the user sees next: the server's answer to the POST must
   * be the redirect back to the checklist (a refusal renders the form again, whose text then shows in
   * the failure), and the checklist must have loaded with its notice.
   */
  async function upload(contractId: string): Promise<void> {
    const [answer] = await Promise.all([
      page.waitForResponse((response) => response.request().method() === 'POST' && response.url().includes(`/contracts/${contractId}/documents`), { timeout: 60_000 }),
      page.click('[data-testid="upload"]'),
    ]);
    const location = answer.status() === 303 ? answer.headers().location : await answer.text();
    expect([answer.status(), location]).toEqual([303, `/contracts/${contractId}?notice=documentUploaded`]);
    await page.waitForURL(`${base}/contracts/${contractId}?notice=documentUploaded`, { timeout: 60_000 });
  }

  it('uploads with the plain file input and by drag and drop, and shows the current document beside the clauses', async () => {
    const vendor = await activeVendor(t, { name: 'ブラウザ書類株式会社' });
    const contract = await newContract(t, vendor.id);
    await page.goto(`${base}/contracts/${contract.id}`);
    expect(await page.textContent('[data-testid="no-contract-document"]')).toBe('No document is attached to this contract yet.');

    // The plain file input, as without scripts.
    const signed = pdfOf('業務委託契約書', 30_000);
    await page.setInputFiles('#document-file', { name: '業務委託契約書（署名済）.pdf', mimeType: 'application/pdf', buffer: signed });
    await upload(contract.id);
    expect(await page.textContent('[data-testid="current-document"]')).toBe('業務委託契約書（署名済）.pdf');
    expect(await page.textContent('[data-testid="current-sha256"]')).toBe(createHash('sha256').update(signed).digest('hex'));
    expect(await page.getAttribute('iframe.document-preview', 'src')).toMatch(/^\/files\/[0-9a-f-]{36}\/view$/);
    await page.screenshot({ path: join(SCREENSHOTS, t.config.database.kind, 'documents-checklist.png'), fullPage: true });

    // Drag and drop: a file dropped on the form is put into the file input by the app's script.
    const amendment = pdfOf('覚書', 5_000);
    await page.goto(`${base}/contracts/${contract.id}`);
    const transfer = await page.evaluateHandle((bytes: number[]) => {
      const web = globalThis as unknown as { DataTransfer: new () => { items: { add(file: unknown): void } }; File: new (parts: unknown[], name: string, options: object) => unknown };
      const data = new web.DataTransfer();
      data.items.add(new web.File([new Uint8Array(bytes)], '覚書（第1回）.pdf', { type: 'application/pdf' }));
      return data;
    }, [...amendment]);
    await page.dispatchEvent('[data-dropzone]', 'dragover', { dataTransfer: transfer });
    expect(await page.getAttribute('[data-dropzone]', 'class')).toContain('dragging');
    await page.dispatchEvent('[data-dropzone]', 'drop', { dataTransfer: transfer });
    expect(await page.textContent('[data-chosen]')).toBe('Chosen: 覚書（第1回）.pdf');
    await page.selectOption('#document-target', { label: 'the next version of “業務委託契約書（署名済）.pdf”' });
    await upload(contract.id);
    expect(await page.textContent('[data-testid="current-document"]')).toBe('覚書（第1回）.pdf');

    await page.click('[data-testid="all-documents"]');
    expect(await page.locator('[data-testid="file-name"]').allTextContents()).toEqual(['覚書（第1回）.pdf', '業務委託契約書（署名済）.pdf']);
    await page.screenshot({ path: join(SCREENSHOTS, t.config.database.kind, 'documents-versions.png'), fullPage: true });
    expect(consoleErrors).toEqual([]);
  });

  it('has no serious or critical accessibility violations on the documents pages', async () => {
    const context = await browser.newContext({ bypassCSP: true, viewport: { width: 1366, height: 768 } });
    const axePage = await context.newPage();
    await axePage.context().addCookies(await page.context().cookies());
    const source = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
    const vendor = await activeVendor(t);
    const contract = await newContract(t, vendor.id);
    await t.http.post(`/api/v1/contracts/${contract.id}/files`).set('Authorization', `Bearer ${await t.tokenFor('legal')}`).attach('file', pdfOf('axe', 1000), '契約書.pdf').expect(201);
    const problems: string[] = [];
    for (const path of [`/contracts/${contract.id}`, `/contracts/${contract.id}/documents`]) {
      await axePage.goto(`${base}${path}`);
      expect(axePage.url()).toBe(`${base}${path}`);
      expect(await axePage.locator('[data-testid="download"], [data-testid="current-document"]').count()).toBeGreaterThan(0);
      await axePage.addScriptTag({ content: source });
      const result = (await axePage.evaluate("axe.run(document, { resultTypes: ['violations'] })")) as { violations: Array<{ id: string; impact: string; nodes: Array<{ target: string[] }> }> };
      for (const violation of result.violations.filter((item) => item.impact === 'serious' || item.impact === 'critical')) {
        problems.push(`${path}: ${violation.id} (${violation.impact}) at ${violation.nodes.slice(0, 3).map((node) => node.target.join(' ')).join(', ')}`);
      }
    }
    await context.close();
    expect(problems).toEqual([]);
  }, 60_000);
});
