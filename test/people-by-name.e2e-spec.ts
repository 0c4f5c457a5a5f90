import { parse } from 'csv-parse/sync';
import { addDays } from '../src/rules/calendar';
import { activeVendor, newAudit, newCertificate, newContract, newFinding, newVendor, review, today } from './support/factories';
import { fieldsNamed } from './support/problems';
import { binary, JA_HEADER, toCsvText, utf8 } from './support/register-files';
import { TestSmtpServer } from './support/smtp';
import { bearer, createTestApp, TestApp, USER_PASSWORD } from './support/test-app';
import { PageSession, signIn } from './ui/support';

/**
 * People by name: a vendor owner who is no user (name + address) on the page, in the history, the
 * register files and the reminders; users' departments beside their names on pages, never in e-mails.
 */
describe('people by name: owners who are no users, departments', () => {
  let smtp: TestSmtpServer;
  let t: TestApp;
  let admin: string;
  let compliance: string;
  let page: PageSession;
  beforeAll(async () => {
    smtp = await new TestSmtpServer().start();
    t = await createTestApp({ env: { SMTP_URL: smtp.url } });
    admin = await t.tokenFor('admin');
    compliance = await t.tokenFor('compliance');
    const sato = await t.http.post('/api/v1/users').set(...bearer(admin))
      .send({ email: 'sato@example.test', name: '佐藤 健一', department: ' 法務部 ', role: 'viewer', locale: 'ja', password: USER_PASSWORD }).expect(201);
    expect([sato.body.name, sato.body.department]).toEqual(['佐藤 健一', '法務部']);
    page = await signIn(t, 'admin'); // the first admin speaks Japanese
  });
  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });

  const ownerLine = async (vendorId: string) => /<dt>担当者メール<\/dt><dd>(.*?)<\/dd>/.exec((await page.get(`/vendors/${vendorId}`).expect(200)).text)?.[1];
  const historyOf = async (vendorId: string) => {
    const html = (await page.get(`/vendors/${vendorId}`).expect(200)).text;
    const trail = html.slice(html.indexOf('data-testid="vendor-history"'), html.indexOf('</table>', html.indexOf('data-testid="vendor-history"')));
    return [...trail.matchAll(/<tr>\s*<td>[^<]*<\/td><td>[^<]*<\/td><td>[^<]*<\/td>\s*<td>(.*?)<\/td>\s*<\/tr>/gs)].map((match) => [...match[1].matchAll(/<li>([^<]*)<\/li>/g)].map((item) => item[1]));
  };

  it('records an owner who is no user by name and address: the page, the history and the form show them', async () => {
    const vendor = await newVendor(t, { name: '株式会社社外担当', ownerEmail: 'sato@example.test' });
    expect(await ownerLine(vendor.id)).toBe('佐藤 健一（法務部） <span class="muted">(sato@example.test)</span>');

    const changed = await t.http.patch(`/api/v1/vendors/${vendor.id}`).set(...bearer(compliance))
      .send({ version: vendor.version, ownerEmail: ' ＴＡＮＡＫＡ@Outside.Example ', ownerName: ' 田中 一郎 ' }).expect(200);
    expect([changed.body.ownerEmail, changed.body.ownerName]).toEqual(['tanaka@outside.example', '田中 一郎']);
    expect(await ownerLine(vendor.id)).toBe('田中 一郎 <span class="muted">(tanaka@outside.example)</span>');
    expect((await historyOf(vendor.id))[0]).toEqual(['担当者メール: 佐藤 健一（法務部） → tanaka@outside.example', '担当者氏名: なし → 田中 一郎']);

    // Back to a user: the other owner's name goes with them.
    const back = await t.http.patch(`/api/v1/vendors/${vendor.id}`).set(...bearer(compliance)).send({ version: changed.body.version, ownerEmail: 'sato@example.test' }).expect(200);
    expect([back.body.ownerEmail, back.body.ownerName]).toEqual(['sato@example.test', null]);
    expect((await historyOf(vendor.id))[0]).toEqual(['担当者メール: tanaka@outside.example → 佐藤 健一（法務部）', '担当者氏名: 田中 一郎 → なし']);

    const form = (await page.get(`/vendors/${vendor.id}/edit`).expect(200)).text;
    expect(form).toMatch(/<label for="ownerName">担当者氏名<\/label>\s*<div>\s*<input id="ownerName" name="ownerName" type="text" maxlength="100" value=""/);
  });

  it('the vendor form takes a user OR a name and address, and says which field is wrong in Japanese', async () => {
    const html = (await page.get('/vendors/new').expect(200)).text;
    const csrf = /name="_csrf" value="([^"]+)"/.exec(html)![1];
    const fields = { _csrf: csrf, name: '株式会社フォーム担当', country: '日本', services: '保守', relationship: 'entrustment', subcontractorApproval: 'prior-approval', status: 'candidate' };
    const both = await page.post('/vendors', { ...fields, ownerEmail: 'sato@example.test', ownerName: '佐藤 健一' }).expect(400);
    expect(/id="ownerName-error"[^>]*>([^<]*)</.exec(both.text)?.[1]).toBe('sato@example.test は利用者のアドレスです。利用者を担当者にするときは氏名を入力しないでください(利用者の氏名を表示します)');
    const created = await page.post('/vendors', { ...fields, ownerEmail: 'suzuki@outside.example', ownerName: '鈴木 花子' }).expect(303);
    expect(await ownerLine(created.headers.location.split('/').pop()!)).toBe('鈴木 花子 <span class="muted">(suzuki@outside.example)</span>');
  });

  it.each([
    ['a user and a name', { ownerEmail: 'SATO@example.test', ownerName: '佐藤 健一' }, ['ownerName']],
    ['a name without an address', { ownerName: '田中 一郎' }, ['ownerEmail']],
    ['an address that is none', { ownerEmail: 'tanaka@', ownerName: '田中 一郎' }, ['ownerEmail']],
    ['a name over 100 characters', { ownerEmail: 'tanaka@outside.example', ownerName: '田'.repeat(101) }, ['ownerName']],
  ])('refuses %s with a 400 naming the field, and writes nothing', async (_case, owner, fields) => {
    const before = (await t.http.get('/api/v1/vendors?pageSize=1').set(...bearer(compliance)).expect(200)).body.total;
    const created = await t.http.post('/api/v1/vendors').set(...bearer(compliance)).send({ name: '株式会社拒否', services: '保守', ...owner }).expect(400);
    expect(fieldsNamed(created.body.message)).toEqual(fields);
    expect((await t.http.get('/api/v1/vendors?pageSize=1').set(...bearer(compliance)).expect(200)).body.total).toBe(before);
    const vendor = await newVendor(t);
    const patched = await t.http.patch(`/api/v1/vendors/${vendor.id}`).set(...bearer(compliance)).send({ version: vendor.version, ...owner }).expect(400);
    expect(fieldsNamed(patched.body.message)).toEqual(fields);
  });

  it('reminds an owner who is no user at their address, once, greeting them by name; a user without their department', async () => {
    const outside = await newVendor(t, { name: '株式会社社外リマインド', ownerEmail: 'yamada@outside.example', ownerName: '山田 太郎' });
    const inside = await newVendor(t, { name: '株式会社社内リマインド', ownerEmail: 'sato@example.test' });
    for (const vendor of [outside, inside]) await newCertificate(t, vendor.id, { kind: 'privacy-mark', validUntil: addDays(today(t), 30) });
    await t.http.post('/api/v1/reminders/run').set(...bearer(admin)).send({}).expect(200);

    const yamada = smtp.received.filter((mail) => mail.to === 'yamada@outside.example');
    expect(yamada).toHaveLength(1);
    expect(yamada[0].text.split('\n')[0]).toBe('山田 太郎 様');
    const ledger = (await t.http.get('/api/v1/notifications?recipient=yamada@outside.example').set(...bearer(admin)).expect(200)).body.items;
    expect(ledger.map((row: any) => [row.rule, row.vendorId, row.status])).toEqual([['certificate-expiry', outside.id, 'sent']]);
    const sato = smtp.received.find((mail) => mail.to === 'sato@example.test')!;
    expect(sato.text.split('\n')[0]).toBe('佐藤 健一 様');
  });

  it('imports and exports the owner\'s name under the catalogue\'s Japanese label', async () => {
    const header = [...JA_HEADER, '担当者氏名'];
    const row = ['株式会社台帳担当', '', '日本', '日本', '保守', '顧客の個人情報', '', 'いいえ', 'いいえ', 'Kato@Outside.Example', '候補', '', '', '', '', '', '', '', '', '', '加藤 三郎'];
    const upload = (rows: string[][], query: string) => t.http.post(`/api/v1/imports/vendors${query}`).set(...bearer(compliance)).attach('file', utf8(toCsvText(header, rows)), '台帳.csv');
    const refused = await upload([[...row.slice(0, 9), 'sato@example.test', ...row.slice(10)]], '?lang=ja&dryRun=true').expect(200);
    expect(refused.body.errors.map((error: any) => [error.row, error.header])).toEqual([[2, '担当者氏名']]);
    expect((await upload([row], '?lang=ja').expect(200)).body).toMatchObject({ errors: [], vendors: { created: 1 } });

    const exported = await t.http.get('/api/v1/exports/vendors?lang=ja&q=台帳担当').set(...bearer(compliance)).buffer(true).parse(binary).expect(200);
    const [names, ...rows] = parse((exported.body as Buffer).toString('utf8'), { bom: true }) as string[][];
    const at = names.indexOf('担当者メール');
    expect(names.slice(at, at + 2)).toEqual(['担当者メール', '担当者氏名']);
    expect(rows.map((cells) => cells.slice(at, at + 2))).toEqual([['kato@outside.example', '加藤 三郎']]);
  });

  it('keeps a user\'s department on the admin form and API (≤100), and shows the checklist reviewer with it', async () => {
    await t.tokenFor('legal'); // the legal user exists from here on
    const users = (await t.http.get('/api/v1/users?pageSize=100').set(...bearer(admin)).expect(200)).body.items;
    const legal = users.find((user: any) => user.email === 'legal@example.test');
    const tooLong = await t.http.patch(`/api/v1/users/${legal.id}`).set(...bearer(admin)).send({ version: legal.version, department: '部'.repeat(101) }).expect(400);
    expect(fieldsNamed(tooLong.body.message)).toEqual(['department']);

    const usersPage = (await page.get('/users').expect(200)).text;
    const csrf = /name="_csrf" value="([^"]+)"/.exec(usersPage)![1];
    await page.post(`/users/${legal.id}`, { _csrf: csrf, version: String(legal.version), role: 'legal', locale: 'en', department: '法務部' }).expect(303);
    expect((await t.http.get(`/api/v1/users/${legal.id}`).set(...bearer(admin)).expect(200)).body.department).toBe('法務部');
    expect((await page.get('/users').expect(200)).text).toContain('<td>legal@example.test</td><td>Test legal</td><td data-testid="department">法務部</td>');

    const vendor = await activeVendor(t);
    const contract = await newContract(t, vendor.id);
    await review(t, contract.id, { 'audit-rights': 'present' });
    const checklist = (await page.get(`/contracts/${contract.id}`).expect(200)).text;
    const row = checklist.slice(checklist.indexOf('data-clause="audit-rights"'));
    expect(/<td>([^<]*)<br><span class="muted">/.exec(row)?.[1]).toBe('Test legal（法務部）');

    // A finding's owner on the findings list and the vendor page: name (department), the address beside it.
    const audit = await newAudit(t, vendor.id);
    await newFinding(t, audit.id, { title: '部署表示の指摘', ownerEmail: 'sato@example.test' });
    await newFinding(t, audit.id, { title: '外部担当の指摘', ownerEmail: 'someone@outside.example' });
    const shown = '佐藤 健一（法務部） <span class="muted">(sato@example.test)</span>';
    expect((await page.get('/findings').expect(200)).text).toContain(`<td>${shown}</td>`);
    expect((await page.get(`/vendors/${vendor.id}`).expect(200)).text).toContain(`<td>${shown}</td></tr>`);
    // And on the audit's own page, beside its findings; an owner who is no user stays an address.
    const auditPage = (await page.get(`/audits/${audit.id}/edit`).expect(200)).text;
    expect(auditPage).toContain(`<td>${shown}</td></tr>`);
    expect(auditPage).toContain('<td>someone@outside.example</td></tr>');
  });
});
