import { addDays } from '../src/rules/calendar';
import { newVendor, newCertificate, today } from './support/factories';
import { TestSmtpServer } from './support/smtp';
import { bearer, createTestApp, TestApp, USER_PASSWORD } from './support/test-app';
import { signIn } from './ui/support';

/** People by name and labels, not codes: a vendor's history in the Japanese UI, and the reminder's greeting. */
describe('history and e-mails with labels and names', () => {
  let smtp: TestSmtpServer;
  let t: TestApp;
  let admin: string;
  let compliance: string;
  beforeAll(async () => {
    smtp = await new TestSmtpServer().start();
    t = await createTestApp({ env: { SMTP_URL: smtp.url } });
    admin = await t.tokenFor('admin');
    compliance = await t.tokenFor('compliance');
    await t.http.post('/api/v1/users').set(...bearer(admin)).send({ email: 'sato@example.test', name: '佐藤 健一', role: 'viewer', locale: 'ja', password: USER_PASSWORD }).expect(201);
  });
  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });

  it('the history after changing data categories, the risk-tier override and the owner shows only Japanese labels and names', async () => {
    const vendor = await newVendor(t, { name: '株式会社履歴', dataCategories: ['customer'], country: 'SG', dataLocations: ['SG'] });
    await t.http.patch(`/api/v1/vendors/${vendor.id}`).set(...bearer(compliance)).send({
      version: vendor.version, dataCategories: ['customer', 'communications'], riskTierOverride: 'low', riskTierOverrideReason: '取扱いが限定的なため',
      ownerEmail: 'sato@example.test', reentrustmentAllowed: true,
    }).expect(200);

    const page = await signIn(t, 'admin'); // the first admin speaks Japanese
    const html = (await page.get(`/vendors/${vendor.id}`).expect(200)).text;
    const trail = html.slice(html.indexOf('data-testid="vendor-history"'), html.indexOf('</table>', html.indexOf('data-testid="vendor-history"')));
    const rows = [...trail.matchAll(/<tr>\s*<td>([^<]*)<\/td><td>([^<]*)<\/td><td>([^<]*)<\/td>\s*<td>(.*?)<\/td>\s*<\/tr>/gs)].map((match) => ({
      at: match[1], actor: match[2], action: match[3], changes: [...match[4].matchAll(/<li>([^<]*)<\/li>/g)].map((item) => item[1]),
    }));
    expect(rows.map((row) => [row.actor, row.action])).toEqual([['Test compliance', '更新'], ['Test compliance', '登録']]);
    // Timestamps on the organisation's wall clock (ORG_TIMEZONE), written the Japanese way.
    const [year, month, day] = today(t).split('-').map(Number);
    expect(rows[0].at).toMatch(new RegExp(`^${year}年${month}月${day}日 \\d{2}:\\d{2}$`));
    expect(rows[0].changes).toEqual([
      '取扱データ区分: 顧客の個人情報 → 顧客の個人情報、通信の秘密に係る情報',
      '再委託可否: いいえ → はい',
      '担当者メール: なし → 佐藤 健一',
      'リスク区分: 高 → 低',
      'リスク区分の算定理由: 外国で取り扱う(所在国またはデータ所在地が日本以外) → 通信の秘密に係る情報を取り扱う、外国で取り扱う(所在国またはデータ所在地が日本以外)',
      'リスク区分(手動設定): なし → 低',
      'リスク区分の手動設定理由: なし → 取扱いが限定的なため',
    ]);
    expect(rows[1].changes).toContain('所在国: なし → シンガポール');
    expect(rows[1].changes).toContain('取引状態: なし → 候補');
    // The owner is shown by name, with the address beside it; the form offers users by name.
    expect(/<dt>担当者メール<\/dt><dd>(.*?)<\/dd>/.exec(html)?.[1]).toBe('佐藤 健一 <span class="muted">(sato@example.test)</span>');
    const form = (await page.get(`/vendors/${vendor.id}/edit`).expect(200)).text;
    expect(form).toContain('<option value="sato@example.test" label="佐藤 健一"></option>');
    expect(form).toMatch(/<input id="ownerEmail" name="ownerEmail" type="email" list="people"/);
    // No code, no boolean, no JSON anywhere in the trail.
    const text = rows.flatMap((row) => [row.actor, row.action, ...row.changes]).join('\n');
    for (const raw of ['true', 'false', '{', '[', 'customer', 'communications', 'candidate', 'high', 'medium', 'low', 'SG', 'sato@', 'compliance@']) expect([raw, text.includes(raw)]).toEqual([raw, false]);
  });

  it('the reminder e-mail greets the recipient by name', async () => {
    const vendor = await newVendor(t, { name: '株式会社リマインド', ownerEmail: 'sato@example.test' });
    await newCertificate(t, vendor.id, { kind: 'privacy-mark', validUntil: addDays(today(t), 30) });
    await t.http.post('/api/v1/reminders/run').set(...bearer(admin)).send({}).expect(200);
    const mail = smtp.received.find((received) => received.to === 'sato@example.test')!;
    expect(mail.text.split('\n')[0]).toBe('佐藤 健一 様');
  });
});
