import { mkdirSync } from 'node:fs';
import { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Browser, Page } from 'playwright-core';
import { BoardSnapshotsService } from '../src/reports/board-snapshots.service';
import { describeBrowser, launchChromium, SCREENSHOTS } from './support/chromium';
import { activeVendor, newContract, newSubcontractor, review, today } from './support/factories';
import { pdfText } from './support/pdf-text';
import { ADMIN_EMAIL, ADMIN_PASSWORD, createTestApp, TestApp } from './support/test-app';

/** A4 at 96 CSS pixels per inch, less print.css's @page margins (14 mm each side; 16 mm top, 18 mm bottom). */
const MM = 96 / 25.4;
const A4_CONTENT_WIDTH = Math.floor((210 - 28) * MM);
const A4_CONTENT_HEIGHT = Math.floor((297 - 34) * MM);

describeBrowser('委託先カルテ printed from the browser (chromium)', () => {
  let t: TestApp;
  let browser: Browser;
  let page: Page;
  let base: string;
  let vendorId: string;

  beforeAll(async () => {
    t = await createTestApp();
    mkdirSync(join(SCREENSHOTS, t.config.database.kind), { recursive: true });
    await t.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    const vendor = await activeVendor(t, { name: '株式会社テスト', dataCategories: ['communications'], dataLocations: ['SG'], services: 'コールセンター運用と通話録音データの保管' });
    vendorId = vendor.id;
    const contract = await newContract(t, vendorId, { title: '業務委託契約書(コールセンター)' });
    await review(t, contract.id, { 'scope-purpose': 'present', 'audit-rights': 'partial' });
    await newSubcontractor(t, vendorId, { name: '海外データセンター株式会社', country: 'US' });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: A4_CONTENT_WIDTH, height: A4_CONTENT_HEIGHT } });
    await page.goto(`${base}/login`);
    await page.fill('#email', ADMIN_EMAIL);
    await page.fill('#password', ADMIN_PASSWORD);
    await Promise.all([page.waitForURL(`${base}/`), page.click('button[type=submit]')]);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('fits the width of A4 when printed, repeats the header on every page and numbers the pages', async () => {
    await page.goto(`${base}/vendors/${vendorId}/dossier`);
    await page.emulateMedia({ media: 'print' });
    // Nothing wider than the printable width of A4: no element sticks out to the right.
    const overflow = await page.evaluate(() => {
      const width = document.documentElement.clientWidth;
      return {
        scrollWidth: document.documentElement.scrollWidth,
        width,
        wider: Array.from(document.querySelectorAll('main *')).filter((element) => element.getBoundingClientRect().right > width + 0.5).map((element) => element.tagName + ' ' + (element.textContent ?? '').slice(0, 30)),
        screenOnlyShown: Array.from(document.querySelectorAll('.screen-only')).filter((element) => getComputedStyle(element).display !== 'none').length,
        sections: Array.from(document.querySelectorAll('section.dossier-section')).map((element) => getComputedStyle(element).breakBefore),
      };
    });
    expect(overflow.wider).toEqual([]);
    expect(overflow.scrollWidth).toBeLessThanOrEqual(overflow.width);
    expect(overflow.screenOnlyShown).toBe(0);
    // Each section but the first starts a new page.
    expect(overflow.sections).toEqual(['auto', 'page', 'page', 'page', 'page', 'page']);
    await page.screenshot({ path: join(SCREENSHOTS, t.config.database.kind, 'reports-dossier-print.png'), fullPage: true });

    // Chromium's own print to PDF, at the page size the stylesheet asks for.
    const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
    const mediaBoxes = [...pdf.toString('latin1').matchAll(/\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/g)].map((match) => [Math.round(Number(match[1])), Math.round(Number(match[2]))]);
    const { text, pages } = await pdfText(pdf);
    expect(pages).toBeGreaterThanOrEqual(6);
    expect(mediaBoxes.length).toBeGreaterThanOrEqual(pages);
    // A4 is 595 × 842 points.
    expect([...new Set(mediaBoxes.map((box) => box.join('×')))]).toEqual(['595×842']);
    const header = `株式会社テスト\uff08${today(t)}現在\uff09`;
    expect(text.split(header).length - 1).toBe(pages);
    const numbers = [...text.matchAll(/^(\d+) \/ (\d+)$/gm)].map((match) => `${match[1]}/${match[2]}`);
    expect(numbers).toEqual(Array.from({ length: pages }, (_, index) => `${index + 1}/${pages}`));
    await page.emulateMedia({ media: 'screen' });
  });

  it('shows the PDF link and the way back on screen only', async () => {
    await page.goto(`${base}/vendors/${vendorId}/dossier`);
    await page.emulateMedia({ media: 'screen' });
    expect(await page.getByTestId('dossier-pdf').isVisible()).toBe(true);
    expect(await page.getByTestId('dossier-pdf').getAttribute('href')).toBe(`/vendors/${vendorId}/dossier.pdf`);
    await page.screenshot({ path: join(SCREENSHOTS, t.config.database.kind, 'reports-dossier-screen.png'), fullPage: false });
  });

  it('prints the board report on A4 with its SVG charts, under the CSP (no console error)', async () => {
    await t.app.get(BoardSnapshotsService).takeToday();
    const errors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    await page.goto(`${base}/reports/board`);
    await page.emulateMedia({ media: 'print' });
    const layout = await page.evaluate(() => ({
      width: document.documentElement.clientWidth,
      scrollWidth: document.documentElement.scrollWidth,
      charts: Array.from(document.querySelectorAll('svg.chart')).map((svg) => Math.round(svg.getBoundingClientRect().width)),
      dots: Array.from(document.querySelectorAll('svg.chart circle')).length,
    }));
    // Vendors by compliance status and by tier, flags, audits, findings, incidents.
    expect(layout.charts).toHaveLength(6);
    expect(layout.charts.every((width) => width > 0 && width <= layout.width)).toBe(true);
    expect(layout.scrollWidth).toBeLessThanOrEqual(layout.width);
    expect(layout.dots).toBeGreaterThan(0);
    expect(errors).toEqual([]);
    await page.screenshot({ path: join(SCREENSHOTS, t.config.database.kind, 'reports-board-print.png'), fullPage: true });
    await page.emulateMedia({ media: 'screen' });
  });
});
