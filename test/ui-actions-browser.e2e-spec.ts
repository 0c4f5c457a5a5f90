import { join } from 'node:path';
import { Browser, Page } from 'playwright-core';
import { addDays, addMonths } from '../src/rules/calendar';
import { activeVendor, newContract, review, reviews, today } from './support/factories';
import { ADMIN_EMAIL, ADMIN_PASSWORD, bearer, TestApp } from './support/test-app';
import { describeBrowser, SCREENSHOTS, startBrowserApp } from './support/chromium';

/**
 * The action list in Japanese in a real browser (Debian's chromium): from the dashboard's count to
 * the list, a filter, and the link that opens the page that fixes the item. Screenshots go to
 * test-artifacts/screenshots/<database kind>/actions-*.png (CI keeps them as artefacts).
 */
describeBrowser('action list and annual audit plan in a real browser (chromium, Japanese)', () => {
  let t: TestApp;
  let browser: Browser;
  let page: Page;
  let base: string;
  const consoleErrors: string[] = [];
  const screenshot = (name: string) => page.screenshot({ path: join(SCREENSHOTS, t.config.database.kind, `actions-${name}.png`), fullPage: true });
  const rows = () => page.$$eval('[data-testid=actions] tbody tr', (trs) => trs.map((tr) => Array.from(tr.querySelectorAll('td')).map((td) => td.textContent?.trim() ?? '')));

  beforeAll(async () => {
    ({ t, base, browser, page } = await startBrowserApp({ width: 1366, height: 768 }, consoleErrors));
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('goes from the dashboard count to the list, filters it, and opens the page that fixes an item', async () => {
    const asOf = today(t);
    const contractVendor = await activeVendor(t, { name: 'あおば通信株式会社', dataCategories: ['communications'] });
    const contract = await newContract(t, contractVendor.id);
    const auditVendor = await activeVendor(t, { name: 'いずみ運用株式会社', dataCategories: ['customer'], activeSince: addDays(addMonths(asOf, -24), -43) });
    const reviewed = await newContract(t, auditVendor.id);
    const required = ((await t.http.get(`/api/v1/vendors/${auditVendor.id}/compliance`).set(...bearer(await t.tokenFor('viewer'))).expect(200)).body.requiredClauseTypes as Array<{ code: string }>).map((clause) => clause.code);
    await review(t, reviewed.id, reviews(required, 'present'));

    await page.goto(`${base}/login`);
    await page.fill('#email', ADMIN_EMAIL);
    await page.fill('#password', ADMIN_PASSWORD);
    await Promise.all([page.waitForURL(`${base}/`), page.click('button[type=submit]')]);
    expect(await page.getAttribute('html', 'lang')).toBe('ja');
    expect(await page.$$eval('[data-testid=dashboard-actions] tbody tr', (trs) => trs.map((tr) => tr.textContent?.replace(/\s+/g, ' ').trim()))).toEqual(['契約の条項確認1', '監査の実施1', 'すべて2']);
    await screenshot('dashboard');

    await Promise.all([page.waitForURL(`${base}/actions`), page.click('[data-testid=dashboard-actions] a[href="/actions"]')]);
    expect(await page.textContent('h1')).toBe('やることリスト');
    expect(await page.textContent('[data-testid=actions-total]')).toBe('2 件');
    const requiredCount = (await t.http.get(`/api/v1/contracts/${contract.id}/checklist`).set(...bearer(await t.tokenFor('viewer'))).expect(200)).body.items.filter((item: { required: boolean }) => item.required).length;
    expect(await rows()).toEqual([
      ['重大', '定期監査を実施し、結果を記録してください', 'いずみ運用株式会社', '中', addDays(asOf, -43), '43', 'コンプライアンス'],
      // Its contract records no retention period either (communications data, legal-model.md §7): legal records it on the same page, so the same line says so.
      ['重大', `契約「業務委託契約書」の条項を確認してください（未確認の条項類型 ${requiredCount} 件、保存期間の記録なし）`, 'あおば通信株式会社', '高', '', '', '法務'],
    ]);
    await screenshot('list');

    // Legal's work only.
    await page.selectOption('#role', 'legal');
    await Promise.all([page.waitForURL(`${base}/actions?role=legal&kind=&riskTier=`), page.click('[data-testid=actions-filter]')]);
    expect((await rows()).map((row) => row[2])).toEqual(['あおば通信株式会社']);
    await screenshot('legal');

    // The link opens the contract's checklist, where legal reviews the clauses.
    await Promise.all([page.waitForURL(`${base}/contracts/${contract.id}`), page.click('[data-testid=action-link]')]);
    expect(await page.textContent('h1')).toContain('業務委託契約書');
    expect(consoleErrors).toEqual([]);
  }, 60_000);

  it('plans two audits from the annual plan page in one post', async () => {
    const asOf = today(t);
    const names = ['計画画面 あ', '計画画面 い'];
    for (const [n, name] of names.entries()) await activeVendor(t, { name, dataCategories: ['customer'], activeSince: addMonths(addDays(asOf, 100 + n), -24) });
    await page.goto(`${base}/audit-plan?from=${addDays(asOf, 100)}&to=${addDays(asOf, 101)}`);
    expect(await page.textContent('h1')).toBe('年間監査計画');
    expect(await page.textContent('[data-testid=plan-total]')).toBe('期限が来る委託先 2 件');
    expect(await page.$$eval('[data-testid=plan] tbody tr', (trs) => trs.map((tr) => Array.from(tr.querySelectorAll('td')).slice(1, 5).map((td) => td.textContent?.trim())))).toEqual([
      [names[0], '中', '監査実績なし', addDays(asOf, 100)],
      [names[1], '中', '監査実績なし', addDays(asOf, 101)],
    ]);
    for (const box of await page.$$('[data-testid=plan] input[type=checkbox]')) await box.check();
    await page.selectOption('#kind', 'remote');
    await page.fill('#auditorEmail', 'auditor@example.test');
    await screenshot('plan');
    await Promise.all([page.waitForURL(/\/audit-plan\?.*notice=planned&count=2/), page.click('[data-testid=create-plan]')]);
    expect(await page.textContent('[data-testid=plan-created]')).toBe('監査予定を 2 件作成しました。');
    expect(await page.$$eval('[data-testid=plan] tbody tr td:first-child', (tds) => tds.map((td) => td.textContent?.trim()))).toEqual([`${addDays(asOf, 100)} に予定済み`, `${addDays(asOf, 101)} に予定済み`]);
    await screenshot('plan-created');
    expect(consoleErrors).toEqual([]);
  }, 60_000);
});
