import { bearer, createTestApp, TestApp, USER_PASSWORD } from './support/test-app';
import { activeVendor, newAssessment, newAudit, newCertificate, newContract, newDeletionCertificate, newFinding, newSubcontractor, newVendor, review, today } from './support/factories';
import { pdfOf } from './support/documents';
import { JA_HEADER, registerRows, toCsvText, utf8Bom } from './support/register-files';
import { PageSession, signInAs } from './ui/support';
import { englishOrCodes, visibleText } from './ui/visible-text';
import { Role } from '../src/common/access-policy';
import { addDays } from '../src/rules/calendar';
import { citeReference, describeReference } from '../src/rules/citations';
import { loadRequirementsFile } from '../src/catalogue/requirements-file';

/**
 * The admin UI as a Japanese-speaking user sees it: every page reachable by a link, and the refusals
 * of every form (bad input, a stale version, a move the lifecycle forbids, a rule over several
 * fields), 403 and 404. No English sentence (three or more words in Latin letters; citations of laws,
 * proper nouns and abbreviations aside) and no code as the program spells it (`scope-purpose`,
 * `pending`) may show.
 */
describe('admin UI in Japanese: no English sentence and no raw code on any page or refusal', () => {
  let t: TestApp;
  const sessions = {} as Record<Role, PageSession>;
  let vendorId: string;
  let contractId: string;
  let auditId: string;
  let findingId: string;
  let subcontractorId: string;
  let fileId: string;

  beforeAll(async () => {
    t = await createTestApp();
    const admin = await t.tokenFor('admin');
    const names: Record<Exclude<Role, 'admin'>, string> = { viewer: '閲覧 花子', legal: '法務 太郎', compliance: 'コンプラ 次郎' };
    for (const role of ['viewer', 'legal', 'compliance'] as const) {
      await t.http.post('/api/v1/users').set(...bearer(admin)).send({ email: `${role}.ja@example.test`, name: names[role], role, locale: 'ja', password: USER_PASSWORD }).expect(201);
      sessions[role] = await signInAs(t, `${role}.ja@example.test`, USER_PASSWORD);
    }
    sessions.admin = await signInAs(t, 'admin@example.test', 'correct horse battery staple');

    // A register with something on every page: flags, a checklist under review, an audit with a
    // finding, subcontractors, certificates, an assessment with conditions, a document, reminders.
    const vendor = await activeVendor(t, { name: '株式会社日本データ', services: '顧客データの保管', dataCategories: ['communications', 'customer'], gdprApplies: true, reentrustmentAllowed: true });
    vendorId = vendor.id;
    await newVendor(t, { name: '株式会社候補', services: '保守', riskTierOverride: 'high', riskTierOverrideReason: '海外拠点あり' });
    contractId = (await newContract(t, vendorId, { expiresOn: addDays(today(t), 40), noticeDays: 30 })).id;
    await review(t, contractId, { 'scope-purpose': 'present', 'audit-rights': 'partial', 'communications-secrecy': 'missing' });
    auditId = (await newAudit(t, vendorId, { kind: 'on-site', scheduledFor: addDays(today(t), -10) })).id;
    findingId = (await newFinding(t, auditId, { title: '委託先のアクセス権限の棚卸し', severity: 'high', dueOn: '2020-01-01' })).id;
    const parent = await newSubcontractor(t, vendorId, { name: '再委託先A', approvedOn: '2024-01-10', approvedBy: '法務部' });
    subcontractorId = (await newSubcontractor(t, vendorId, { name: '再々委託先B', parentId: parent.id })).id;
    await newCertificate(t, vendorId, { number: '10823456', validUntil: addDays(today(t), 30) });
    await newDeletionCertificate(t, vendorId, { contractId, note: '消去済み' });
    await newAssessment(t, vendorId, { kind: 'periodic', outcome: 'approved-with-conditions', conditions: '暗号化の導入', conditionsDueOn: '2099-01-31' });
    const uploaded = await t.http.post(`/contracts/${contractId}/documents?_csrf=${encodeURIComponent(sessions.legal.csrf)}`)
      .set('Cookie', sessions.legal.cookie).field('title', '委託契約の写し').attach('file', pdfOf('copy', 200), '契約書.pdf').expect(303);
    expect(uploaded.headers.location).toContain('notice=uploaded');
    fileId = /href="\/files\/([0-9a-f-]{36})\/download"/.exec((await sessions.legal.get(`/contracts/${contractId}/documents`).expect(200)).text)![1];
    await t.http.post('/api/v1/reminders/run').set(...bearer(admin)).send({}).expect(200);
  });
  afterAll(() => t.close());

  /** The page's visible text that is English or a code, with the page named (empty when it reads as Japanese). */
  const leaks = (label: string, html: string) => englishOrCodes(visibleText(html), QUOTED).map((leak) => `${label}: ${leak}`);

  /** Every page reachable by links from the dashboard (downloads, sign-out and other languages aside). */
  async function crawl(session: PageSession): Promise<{ pages: number; leaks: string[] }> {
    const seen = new Set<string>(['/']);
    const queue = ['/'];
    const found: string[] = [];
    while (queue.length > 0 && seen.size < 400) {
      const path = queue.shift()!;
      const response = await session.get(path);
      expect(`${path} ${response.status < 500}`).toBe(`${path} true`);
      if (!String(response.headers['content-type']).startsWith('text/html')) continue;
      found.push(...leaks(`GET ${path} (${response.status})`, response.text));
      for (const [, href] of response.text.matchAll(/href="(\/[^"#]*)/g)) {
        const next = href.replace(/&amp;/g, '&');
        if (seen.has(next) || !isPage(next)) continue;
        seen.add(next);
        queue.push(next);
      }
    }
    return { pages: seen.size, leaks: found };
  }

  it('walks every page an admin and a viewer can reach', async () => {
    const found: string[] = [];
    for (const role of ['admin', 'viewer'] as const) {
      const walked = await crawl(sessions[role]);
      expect(walked.pages).toBeGreaterThan(20);
      found.push(...walked.leaks.map((leak) => `${role} ${leak}`));
    }
    expect(found).toEqual([]);
  });

  it('shows every refusal of a form in Japanese', async () => {
    const { admin, compliance, legal, viewer } = sessions;
    const api = async (path: string) => (await t.http.get(`/api/v1${path}`).set(...bearer(await t.tokenFor('admin'))).expect(200)).body;
    const vendorVersion = String((await api(`/vendors/${vendorId}`)).version);
    const checklistVersion = String((await api(`/contracts/${contractId}/checklist`)).version);
    const findingVersion = String(((await api(`/audits/${auditId}/findings`)).items as { id: string; version: number }[]).find((finding) => finding.id === findingId)!.version);
    const upload = (session: PageSession) => t.http.post(`/imports?_csrf=${encodeURIComponent(session.csrf)}`).set('Cookie', session.cookie);
    const badRows = registerRows(2).map((row, index) => (index === 1 ? row.map((cell, column) => (column === 1 ? '1234567890123' : cell)) : row));
    const cases: [string, () => PromiseLike<{ status: number; text: string }>, number][] = [
      ['vendor: bad input', () => compliance.post('/vendors', { name: '', corporateNumber: '1234567890123', country: 'Japan', ownerEmail: 'nobody', services: '' }), 400],
      ['vendor: override without a reason', () => compliance.post('/vendors', { name: '株式会社理由なし', country: 'JP', services: '保守', riskTierOverride: 'low' }), 400],
      ['vendor: stale version', () => compliance.post(`/vendors/${vendorId}`, { version: String(Number(vendorVersion) + 5), name: '私の変更', country: 'JP', status: 'active', services: '保守' }), 409],
      ['vendor: a move its lifecycle forbids', () => compliance.post(`/vendors/${vendorId}`, { version: vendorVersion, name: '株式会社日本データ', country: 'JP', status: 'candidate', services: '保守' }), 409],
      ['contract: bad dates', () => legal.post(`/vendors/${vendorId}/contracts`, { title: '業務委託契約書', kind: 'entrustment', status: 'signed', effectiveFrom: '2024-13-01', noticeDays: 'abc' }), 400],
      ['contract: back to draft', () => legal.post(`/contracts/${contractId}`, { version: '1', title: '業務委託契約書', kind: 'entrustment', status: 'draft', effectiveFrom: '2020-04-01' }), 409],
      ['checklist: bad row', () => legal.post(`/contracts/${contractId}/checklist`, { version: checklistVersion, 'status__audit-rights': 'maybe' }), 400],
      ['checklist: stale version', () => legal.post(`/contracts/${contractId}/checklist`, { version: '1', 'status__audit-rights': 'present' }), 409],
      ['checklist: approval refused', () => legal.post(`/contracts/${contractId}/checklist/approve`, { version: checklistVersion }), 409],
      ['subcontractor: bad input', () => compliance.post(`/vendors/${vendorId}/subcontractors`, { name: '', country: 'XX', services: '' }), 400],
      ['subcontractor: objection without a reason', () => compliance.post(`/subcontractors/${subcontractorId}`, { version: '1', status: 'objected', objectionReason: '' }), 400],
      ['subcontractor: stale version', () => compliance.post(`/subcontractors/${subcontractorId}`, { version: '9', status: 'approved' }), 409],
      ['certificate: bad date', () => compliance.post(`/vendors/${vendorId}/certificates`, { kind: 'iso27001', issuer: 'JQA', validUntil: '2027-02-30' }), 400],
      ['deletion certificate: no date', () => compliance.post(`/vendors/${vendorId}/deletion-certificates`, { receivedOn: '' }), 400],
      ['audit: bad input', () => compliance.post(`/vendors/${vendorId}/audits`, { kind: 'guess', scheduledFor: '' }), 400],
      ['audit: completed in the future', () => compliance.post(`/audits/${auditId}`, { version: '1', status: 'completed', completedOn: '2999-01-01', result: 'satisfactory' }), 400],
      ['audit: a move its lifecycle forbids', async () => {
        await compliance.post(`/audits/${auditId}`, { version: '1', status: 'in-progress' }).expect(303);
        return compliance.post(`/audits/${auditId}`, { version: '2', status: 'planned' });
      }, 409],
      ['finding: bad input', () => compliance.post(`/audits/${auditId}/findings`, { title: '', severity: 'extreme', dueOn: '' }), 400],
      ['finding: closed without a note', () => compliance.post(`/findings/${findingId}`, { version: findingVersion, status: 'resolved', resolutionNote: '' }), 400],
      ['assessment: conditions missing', () => compliance.post(`/vendors/${vendorId}/assessments`, { kind: 'periodic', completedOn: today(t), outcome: 'approved-with-conditions' }), 400],
      ['user: bad input', () => admin.post('/users', { email: 'not-an-email', name: '', role: 'owner', locale: 'fr', password: 'short' }), 400],
      ['user: e-mail taken', () => admin.post('/users', { email: 'legal.ja@example.test', name: '重複', role: 'legal', locale: 'ja', password: 'a long enough password 9' }), 409],
      ['settings: bad input', () => admin.post('/settings', { version: '1', high: '0', medium: 'x', low: '36', objectionDays: '-1' }), 400],
      ['settings: stale version', () => admin.post('/settings', { version: '99', high: '12', medium: '24', low: '36', objectionDays: '14' }), 409],
      ['account: wrong current password', () => viewer.post('/account/password', { currentPassword: 'not it at all', newPassword: 'another long password 2' }), 400],
      ['account: short new password', () => viewer.post('/account/password', { currentPassword: USER_PASSWORD, newPassword: 'short' }), 400],
      ['account: unknown language', () => viewer.post('/account/locale', { locale: 'fr' }), 400],
      ['api token: bad input', () => viewer.post('/account/tokens', { name: '', expiresInDays: '0' }), 400],
      ['document: supersede at a stale version', () => legal.post(`/files/${fileId}/supersede`, { version: '9' }), 409],
      ['document: delete without a reason', () => admin.post(`/files/${fileId}/delete`, { reason: '' }), 400],
      ['document: upload without a file', () => legal.post(`/contracts/${contractId}/documents`, { title: '空' }), 400],
      ['import: a bad row', () => upload(compliance).attach('file', utf8Bom(toCsvText(JA_HEADER, badRows)), '台帳.csv').field('dryRun', 'true'), 400],
      ['import: not a spreadsheet', () => upload(compliance).attach('file', pdfOf('x', 100), '台帳.csv'), 400],
      ['403: a viewer saves settings', () => viewer.post('/settings', { version: '1', high: '1' }), 403],
      ['403: a viewer opens the users', () => viewer.get('/users'), 403],
      ['403: a form without its CSRF token', () => t.http.post('/settings').set('Cookie', admin.cookie).type('form').send({ version: '1' }), 403],
      ['404: an unknown vendor', () => viewer.get('/vendors/00000000-0000-4000-8000-000000000000'), 404],
      ['404: a page nobody answers', () => viewer.get('/nowhere'), 404],
      ['404: a page nobody answers, signed out', () => t.http.get('/nowhere').set('Accept-Language', 'ja'), 404],
      ['401: a wrong password at sign-in', async () => {
        const page = await t.http.get('/login').expect(200);
        const cookie = (page.headers['set-cookie'] as unknown as string[]).map((value) => value.split(';')[0]);
        return t.http.post('/login').set('Cookie', cookie).type('form').send({ _csrf: /name="_csrf" value="([^"]+)"/.exec(page.text)![1], email: 'admin@example.test', password: 'wrong password!' });
      }, 401],
    ];
    const found: string[] = [];
    const statuses: string[] = [];
    for (const [label, send] of cases) {
      const response = await send();
      statuses.push(`${label}: ${response.status}`);
      found.push(...leaks(label, response.text));
    }
    expect(statuses).toEqual(cases.map(([label, , status]) => `${label}: ${status}`));
    expect(found).toEqual([]);
  });
});

/**
 * Text quoted as it is, in Latin letters, in either language: citations of laws and standards as
 * lawyers write them (the catalogue's references, a clause type's basis), and the names of the users
 * the factories create.
 */
const QUOTED: readonly string[] = [
  // The catalogue's references as flags, checklists and the catalogue page render them (legal-model.md §9).
  ...loadRequirementsFile().flatMap((requirement) =>
    requirement.references.flatMap((reference) => (['ja', 'en'] as const).flatMap((locale) => [citeReference(reference, locale), describeReference(reference, locale)])),
  ),
  'Test compliance', 'Test legal', 'Test viewer',
].sort((a, b) => b.length - a.length);

/** A page to walk: not a download, an export, a calendar feed, the sign-in flows or another language. */
function isPage(path: string): boolean {
  return !/^\/(assets|logout|login|auth|exports|calendar|api)\b|\/(download|view)$|\/imports\/template|\.(csv|xlsx|ics|txt)\b|[?&]lang=/.test(path);
}
