import { mkdirSync } from 'node:fs';
import { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Browser, Page } from 'playwright-core';
import { addDays, addMonths } from '../src/rules/calendar';
import { activeVendor, newContract, newVendor, review, today } from './support/factories';
import { ADMIN_EMAIL, ADMIN_PASSWORD, createTestApp, TestApp } from './support/test-app';
import { describeBrowser, launchChromium, SCREENSHOTS } from './support/chromium';

/**
 * The dashboard's work queues in Japanese in a real browser (Debian's chromium): each role's queues
 * with their counts, a count followed to its list (as many lines as it said), and a line followed to
 * the page that fixes it. Screenshots: test-artifacts/screenshots/<database kind>/work-queues-*.png.
 */
describeBrowser('work queues on the dashboard in a real browser (chromium, Japanese)', () => {
  let t: TestApp;
  let browser: Browser;
  let page: Page;
  let base: string;
  const consoleErrors: string[] = [];
  const screenshot = (name: string) => page.screenshot({ path: join(SCREENSHOTS, t.config.database.kind, `work-queues-${name}.png`), fullPage: true });
  const queueRows = (role: string) =>
    page.$$eval(`[data-testid=work-queues] [data-role=${role}] tbody tr`, (trs) => trs.map((tr) => Array.from(tr.querySelectorAll('td')).map((td) => td.textContent?.trim() ?? '')));

  beforeAll(async () => {
    t = await createTestApp();
    mkdirSync(join(SCREENSHOTS, t.config.database.kind), { recursive: true });
    await t.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('shows each role\'s queues with counts equal to their lists, and opens the page that fixes a line', async () => {
    const asOf = today(t);
    // Two renewals within 90 days (one by its notice deadline), one contract nobody reviewed, a candidate, an audit due.
    const umi = await activeVendor(t, { name: 'うみ物流株式会社' });
    const ending = await newContract(t, umi.id, { title: '期間満了の契約', expiresOn: addDays(asOf, 45) });
    const renewing = await newContract(t, umi.id, { title: '自動更新の契約', expiresOn: addDays(asOf, 150), autoRenew: true, noticeDays: 90 });
    for (const contract of [ending, renewing]) await review(t, contract.id, { 'scope-purpose': 'present' });
    await newContract(t, (await activeVendor(t, { name: 'あおば通信株式会社' })).id, { title: '未確認の契約' });
    await newVendor(t, { name: 'えがお候補株式会社', status: 'candidate' });
    await activeVendor(t, { name: 'かえで会計株式会社', dataCategories: ['customer'], activeSince: addDays(addMonths(asOf, -24), 30) });

    await page.goto(`${base}/login`);
    await page.fill('#email', ADMIN_EMAIL);
    await page.fill('#password', ADMIN_PASSWORD);
    await Promise.all([page.waitForURL(`${base}/`), page.click('button[type=submit]')]);
    expect(await page.getAttribute('html', 'lang')).toBe('ja');
    expect(await page.textContent('#work-queues')).toBe('担当別の作業キュー');
    expect(await page.$$eval('[data-testid=work-queues] h3', (headings) => headings.map((heading) => heading.textContent))).toEqual(['法務', 'コンプライアンス', '担当の委託先']);
    expect(await queueRows('legal')).toEqual([['未確認の契約', '1 件'], ['変更後に再確認が必要な契約', '0 件'], ['90日以内の更新・解約通知期限', '2 件']]);
    expect(await queueRows('compliance')).toEqual([
      ['選定評価待ちの候補', '1 社'], ['90日以内に監査期限が来る未計画の委託先', '1 社'], ['期限超過の指摘事項', '0 件'],
      ['異議申立期間中の再委託先', '0 件'], ['対応中の漏えい等事案', '0 件'], ['確認待ちの質問票', '0 件'],
    ]);
    expect(await queueRows('owner')).toEqual([['担当委託先のやること', '0 件']]);
    await page.locator('[data-testid=work-queues]').screenshot({ path: join(SCREENSHOTS, t.config.database.kind, 'work-queues-dashboard.png') });

    // The renewals' count opens a list of as many lines, the decision dates first.
    await Promise.all([page.waitForURL(`${base}/work-queues/contracts-renewal`), page.click('[data-queue=contracts-renewal] a')]);
    expect(await page.textContent('h1')).toBe('90日以内の更新・解約通知期限');
    expect(await page.textContent('[data-testid=work-queue-total]')).toBe('2 件');
    expect(await page.$$eval('[data-testid=work-queue] tbody tr', (trs) => trs.map((tr) => Array.from(tr.querySelectorAll('td')).map((td) => td.textContent?.trim() ?? '')))).toEqual([
      [addDays(asOf, 45), 'うみ物流株式会社', '期間満了の契約'],
      [addDays(asOf, 60), 'うみ物流株式会社', '自動更新の契約'],
    ]);
    await screenshot('renewals');

    // A line opens the contract, where legal decides.
    await Promise.all([page.waitForURL(`${base}/contracts/${renewing.id}`), page.click('[data-testid=work-item-link] >> text=自動更新の契約')]);
    expect(await page.textContent('h1')).toContain('自動更新の契約');
    expect(consoleErrors).toEqual([]);
  }, 60_000);
});
