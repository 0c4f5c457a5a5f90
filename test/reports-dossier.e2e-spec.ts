import { activeVendor, newAudit, newCertificate, newContract, newFinding, newIncident, newSubcontractor, review, today } from './support/factories';
import { pdfText } from './support/pdf-text';
import { binary as binaryParser } from './support/register-files';
import { bearer, createTestApp, TestApp, USER_PASSWORD } from './support/test-app';
import { signInAs } from './ui/support';

/** Text as extracted from a PDF or a page, without the line breaks and spaces that layout adds. */
const squeeze = (text: string) => text.replace(/\s+/g, '');
const binary = (response: { body: unknown }) => response.body as Buffer;

describe('委託先カルテ (vendor dossier): the print page and the PDF of the same content', () => {
  let t: TestApp;
  let vendorId: string;
  let jaToken: string;
  let enToken: string;

  beforeAll(async () => {
    t = await createTestApp();
    const admin = await t.tokenFor('admin');
    for (const [email, locale] of [['kaori@example.test', 'ja'], ['emma@example.test', 'en']]) {
      await t.http.post('/api/v1/users').set(...bearer(admin)).send({ email, name: email, role: 'viewer', locale, password: USER_PASSWORD }).expect(201);
    }
    jaToken = (await t.http.post('/api/v1/auth/login').send({ email: 'kaori@example.test', password: USER_PASSWORD }).expect(200)).body.token;
    enToken = (await t.http.post('/api/v1/auth/login').send({ email: 'emma@example.test', password: USER_PASSWORD }).expect(200)).body.token;

    // Communications data and storage abroad: many clause types are required; the contract covers one.
    const vendor = await activeVendor(t, { name: '株式会社テスト', corporateNumber: '7000012050002', dataCategories: ['communications', 'customer'], dataLocations: ['SG'], ownerEmail: 'owner@example.test' });
    vendorId = vendor.id;
    const contract = await newContract(t, vendorId, { title: '業務委託契約書(テスト)' });
    await review(t, contract.id, { 'scope-purpose': 'present', 'audit-rights': 'missing' });
    await newSubcontractor(t, vendorId, { name: '米国クラウド社', country: 'US' });
    await newCertificate(t, vendorId, { kind: 'privacy-mark', validUntil: '2021-03-31', number: '第12345678号' });
    const audit = await newAudit(t, vendorId, { scheduledFor: '2024-05-10' });
    await newFinding(t, audit.id, { title: 'アクセスログの保存期間が短い', severity: 'high', dueOn: '2024-06-30' });
  });
  afterAll(() => t.close());

  const flagsOf = async (token: string) =>
    (await t.http.get(`/api/v1/vendors/${vendorId}/compliance`).set(...bearer(token)).expect(200)).body.flags as Array<{ code: string; message: string }>;

  it('the PDF holds the vendor name and every flag\'s Japanese message as text, with the Japanese font embedded', async () => {
    const flags = await flagsOf(jaToken);
    // legal-model.md §3: a Japanese vendor storing data in SG with a US subcontractor is foreign handling, not a foreign recipient:
    // no 規則18 follow-up (foreign-review-overdue), but SG and US need an external-environment review on record. §7: communications
    // data needs a retention period recorded on the contract.
    expect([...new Set(flags.map((flag) => flag.code))].sort()).toEqual(['certificate-expired', 'external-environment-missing', 'finding-overdue', 'missing-clause', 'retention-period-missing', 'subcontractor-unapproved']);
    const response = await t.http.get(`/api/v1/vendors/${vendorId}/dossier.pdf`).set(...bearer(jaToken)).buffer(true).parse(binaryParser).expect(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    expect(response.headers['content-disposition']).toMatch(/^attachment; filename="vendor-dossier-\d{4}-\d{2}-\d{2}\.pdf"$/);
    const body = binary(response);
    expect(body.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    // The font is embedded as a subset (pdfkit's six-letter prefix), so the file stays small.
    expect(body.toString('latin1')).toMatch(/\/BaseFont \/[A-Z]{6}\+BIZUDPGothic/);
    expect(body.length).toBeLessThan(400_000);
    const { text, pages } = await pdfText(body);
    const extracted = squeeze(text);
    expect(extracted).toContain('株式会社テスト');
    expect(extracted).toContain('委託先カルテ');
    const missing = flags.filter((flag) => !extracted.includes(squeeze(flag.message))).map((flag) => flag.message);
    expect(missing).toEqual([]);
    // The sections, each from a new page, and the supervision record in Japanese.
    for (const heading of ['基本情報', 'リスク区分とその理由', 'コンプライアンス状況', '契約とチェックリスト', '監督の記録', '承認の記録', 'シンガポール', 'アメリカ合衆国', 'アクセスログの保存期間が短い']) expect(extracted).toContain(heading);
    expect(pages).toBeGreaterThanOrEqual(6);
    expect(extracted).toContain(`1/${pages}`);
  });

  it('the same PDF from the page (session) and in English for an English-speaking user', async () => {
    const session = await signInAs(t, 'emma@example.test', USER_PASSWORD);
    const response = await session.get(`/vendors/${vendorId}/dossier.pdf`).buffer(true).parse(binaryParser).expect(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    const extracted = squeeze((await pdfText(binary(response))).text);
    expect(extracted).toContain(squeeze('Vendor dossier'));
    expect(extracted).toContain('株式会社テスト');
    const missing = (await flagsOf(enToken)).filter((flag) => !extracted.includes(squeeze(flag.message))).map((flag) => flag.message);
    expect(missing).toEqual([]);
  });

  it('the print page shows the header, every flag message and each section, without the navigation', async () => {
    const session = await signInAs(t, 'kaori@example.test', USER_PASSWORD);
    const page = await session.get(`/vendors/${vendorId}/dossier`).expect(200);
    const html = page.text;
    expect(html).toContain('/assets/print.css');
    expect(html).not.toContain('aria-label="メインメニュー"');
    expect(html).not.toContain('<nav');
    expect(/data-testid="running-header">([^<]*)</.exec(html)?.[1]).toBe(`株式会社テスト\uff08${today(t)}現在\uff09`);
    expect([...html.matchAll(/data-testid="section-([a-z]+)"/g)].map((match) => match[1])).toEqual(['overview', 'risk', 'compliance', 'contracts', 'supervision', 'approvals']);
    const text = squeeze(html.replace(/<[^>]+>/g, ' ').replace(/&quot;/g, '"').replace(/&#x27;/g, "'").replace(/&amp;/g, '&').replace(/&#x3D;/g, '='));
    const missing = (await flagsOf(jaToken)).filter((flag) => !text.includes(squeeze(flag.message))).map((flag) => flag.message);
    expect(missing).toEqual([]);
    expect(text).toContain('必須');
    // The vendor page links to it.
    expect((await session.get(`/vendors/${vendorId}`).expect(200)).text).toContain(`href="/vendors/${vendorId}/dossier"`);
  });

  it('lists the vendor\'s incidents with each report: made, open or overdue, on the page and in the PDF', async () => {
    const vendor = await activeVendor(t, { name: '株式会社インシデント', dataCategories: ['customer', 'sensitive'] });
    const hoursAgo = (hours: number) => new Date(t.clock.now().getTime() - hours * 3_600_000).toISOString();
    // 要配慮個人情報 (PPC rules Art. 7(1)): 速報 and 確報 to the authority, notice to the persons; learned of 10 days ago.
    const incident = await newIncident(t, vendor.id, { title: '健康診断データの誤送信', kind: 'leak', notifiedAt: hoursAgo(240), sensitiveData: true, dataCategories: ['sensitive'] });
    await newIncident(t, vendor.id, { title: '書類の紛失', kind: 'loss', notifiedAt: hoursAgo(2) });
    const compliance = await t.tokenFor('compliance');
    await t.http.post(`/api/v1/incidents/${incident.id}/reports`).set(...bearer(compliance)).send({ obligation: 'appi-notice', submittedAt: hoursAgo(200), submittedBy: '佐藤' }).expect(201);
    const obligations = (await t.http.get(`/api/v1/incidents/${incident.id}`).set(...bearer(jaToken)).expect(200)).body.obligations as Array<{ code: string; dueAt: string; outerDueAt: string | null }>;
    // As a Japanese reader writes it: 2026年11月21日 03:36 on the organisation's wall clock.
    const wallClock = (iso: string) => new Intl.DateTimeFormat('sv-SE', { timeZone: t.config.orgTimezone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' }).format(new Date(iso))
      .replace(/^(\d{4})-(\d{2})-(\d{2}) /, (_all, year: string, month: string, day: string) => `${year}年${Number(month)}月${Number(day)}日 `);
    const lastDue = (code: string) => { const found = obligations.find((obligation) => obligation.code === code)!; return wallClock(found.outerDueAt ?? found.dueAt); };

    const session = await signInAs(t, 'kaori@example.test', USER_PASSWORD);
    const html = (await session.get(`/vendors/${vendor.id}/dossier`).expect(200)).text;
    const incidents = /<caption>漏えい等の事案<\/caption>([\s\S]*?)<\/table>/.exec(html)?.[1] ?? '';
    const rows = [...incidents.matchAll(/<tr>((?:<td>[^<]*<\/td>)+)<\/tr>/g)].map((row) => [...row[1].matchAll(/<td>([^<]*)<\/td>/g)].map((cell) => cell[1].replace(/&#x27;/g, "'")));
    expect(/<thead><tr>(.*?)<\/tr><\/thead>/.exec(incidents)?.[1].replace(/<[^>]+>/g, '|')).toBe('|把握日時||事案||種類||状況||報告・通知|');
    expect(rows).toEqual([
      [wallClock(hoursAgo(240)), '健康診断データの誤送信', '漏えい', '対応中', [
        `速報（個人情報保護法第26条第1項）：期限超過（期限 ${lastDue('appi-preliminary')}）`,
        `確報（個人情報保護法第26条第1項）：未了（期限 ${lastDue('appi-final')}）`,
        `本人への通知（個人情報保護法第26条第2項）：実施済（${wallClock(hoursAgo(200))}）`,
      ].join('\n')],
      [wallClock(hoursAgo(2)), '書類の紛失', '滅失', '対応中', '—'],
    ]);

    const pdf = await t.http.get(`/api/v1/vendors/${vendor.id}/dossier.pdf`).set(...bearer(enToken)).buffer(true).parse(binaryParser).expect(200);
    const extracted = squeeze((await pdfText(binary(pdf))).text);
    for (const text of ['Incidents(漏えい等)', '健康診断データの誤送信', 'leak(漏えい)', 'Reportsandnotices', 'overdue(wasdue', 'made']) expect(extracted).toContain(text);
  });

  it('an unknown vendor is a 404, a malformed id a 400 naming the parameter', async () => {
    const notFound = await t.http.get('/api/v1/vendors/00000000-0000-4000-8000-000000000000/dossier.pdf').set(...bearer(jaToken)).expect(404);
    expect(notFound.body.statusCode).toBe(404);
    const bad = await t.http.get('/api/v1/vendors/nope/dossier.pdf').set(...bearer(jaToken)).expect(400);
    expect(bad.body.message).toEqual(['id: 正しいIDではありません']);
  });
});
