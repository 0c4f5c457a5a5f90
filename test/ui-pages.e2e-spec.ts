import { bearer, createTestApp, TestApp } from './support/test-app';
import { activeVendor, ENTRUSTMENT_CLAUSES, newAudit, newContract, newFinding, newVendor, today } from './support/factories';
import { PageSession, signIn } from './ui/support';
import { Role } from '../src/common/access-policy';
import { addDays } from '../src/rules/calendar';

const XSS = '<script>alert(1)</script>';
const ALWAYS = ENTRUSTMENT_CLAUSES;

describe('admin UI: dashboard, lists, catalogue, users, settings; every page for every role', () => {
  let t: TestApp;
  const sessions = {} as Record<Role, PageSession>;
  let vendorId: string;
  let contractId: string;
  beforeAll(async () => {
    t = await createTestApp();
    for (const role of ['viewer', 'legal', 'compliance', 'admin'] as Role[]) sessions[role] = await signIn(t, role);
    const vendor = await activeVendor(t, { name: XSS, dataCategories: ['communications'] });
    vendorId = vendor.id;
    contractId = (await newContract(t, vendor.id, { expiresOn: addDays(today(t), 60), noticeDays: 30 })).id;
    const audit = await newAudit(t, vendorId, { kind: 'remote', scheduledFor: today(t) });
    await newFinding(t, audit.id, { title: XSS, severity: 'high', dueOn: '2020-01-01' });
  });
  afterAll(() => t.close());

  const pages = () => ['/', '/vendors', `/vendors/${vendorId}`, `/contracts/${contractId}`, '/flags', '/audits', '/audits?view=calendar', '/findings', '/catalogue', '/settings', '/account'];

  it('renders every page for every role, with a vendor named <script> shown as text everywhere', async () => {
    for (const role of ['viewer', 'legal', 'compliance', 'admin'] as Role[]) {
      for (const path of pages()) {
        const response = await sessions[role].get(path);
        expect(`${role} ${path} ${response.status}`).toBe(`${role} ${path} 200`);
        expect(response.text).not.toContain(XSS);
        if (!['/catalogue', '/settings', '/account'].includes(path)) expect(`${path}: ${response.text.includes('&lt;script&gt;alert(1)&lt;/script&gt;')}`).toBe(`${path}: true`);
      }
    }
  });

  it('shows the ledger to compliance and admin, users to admin only (403 otherwise)', async () => {
    await sessions.viewer.get('/notifications').expect(403);
    await sessions.legal.get('/notifications').expect(403);
    // The reminder run puts the overdue finding and the contract ending in the ledger the page shows.
    await t.http.post('/api/v1/reminders/run').set(...bearer(await t.tokenFor('admin'))).send({}).expect(200);
    const ledger = (await sessions.compliance.get('/notifications').expect(200)).text;
    expect(ledger).toMatch(/<td>finding-overdue <span class="muted">\([^)]+\)<\/span><\/td><td>compliance@example\.test<\/td>/);
    expect(ledger).toMatch(/<td>contract-expiry <span class="muted">\([^)]+\)<\/span><\/td><td>legal@example\.test<\/td>/);
    await sessions.compliance.get('/users').expect(403);
    const users = (await sessions.admin.get('/users').expect(200)).text;
    expect(['admin', 'viewer', 'legal', 'compliance'].map((role) => users.includes(`<tr><td>${role}@example.test</td>`))).toEqual([true, true, true, true]);
  });

  it('draws the dashboard chart as server-rendered SVG with the counts', async () => {
    const page = await sessions.viewer.get('/').expect(200);
    expect(page.text).toMatch(/<svg class="chart" role="img"/);
    expect(page.text).toMatch(/<rect class="bar-non-compliant"/);
    expect(page.text).toContain('missing clause');
    expect(page.text).toContain(`href="/contracts/${contractId}"`);
  });

  it('lets an admin add a user (inline errors first) and change settings; a viewer sees settings read-only', async () => {
    const admin = sessions.admin;
    const bad = await admin.post('/users', { email: 'not-an-email', name: '', role: 'viewer', locale: 'ja', password: 'short' }).expect(400);
    expect(bad.text).toMatch(/id="email"[^>]*aria-invalid="true"/);
    await admin.post('/users', { email: 'new.user@example.test', name: '新しい人', role: 'legal', locale: 'ja', password: 'a long enough password 9' }).expect(303);
    expect((await admin.get('/users').expect(200)).text).toContain('new.user@example.test');
    const settings = await admin.get('/settings').expect(200);
    const version = /name="version" value="(\d+)"/.exec(settings.text)![1];
    // The profile as the form shows it by default (legal-model.md §1): the ticked boxes are sent, as a browser would.
    await admin.post('/settings', { version, high: '6', medium: '24', low: '36', objectionDays: '14', telecomCarrier: 'on', telecomBureau: 'kanto', policyPromises: 'on', auditDueDays: '30, 7', contractExpiryDays: '90, 30', noticeDeadlineDays: '30, 7', findingDueDays: '7', certificateExpiryDays: '60', objectionDeadlineDays: '3' }).expect(303);
    const api = await t.http.get('/api/v1/settings').set(...bearer(await t.tokenFor('viewer'))).expect(200);
    expect(api.body.auditIntervalMonths.high).toBe(6);
    const stale = await admin.post('/settings', { version, high: '12', medium: '24', low: '36', objectionDays: '14' }).expect(409);
    expect(stale.text).toContain('class="conflict"');
    const viewer = await sessions.viewer.get('/settings').expect(200);
    expect(viewer.text).not.toContain('data-testid="save-settings"');
    expect((await admin.get('/settings').expect(200)).text).toContain('data-testid="save-settings"');
    await sessions.viewer.post('/settings', { version: '1', high: '1' }).expect(403);
  });

  it('filters the flags page and shows explained messages', async () => {
    const shown = (html: string) => [...html.matchAll(/data-flag="([^"]+)"/g)].map((match) => match[1]).sort();
    // Unfiltered, the vendor has more than missing clauses: a contract ending, an overdue finding…
    const all = shown((await sessions.legal.get('/flags').expect(200)).text);
    expect(all.filter((flag) => !flag.startsWith('missing-clause:'))).toEqual(expect.arrayContaining(['contract-expiring', 'finding-overdue']));
    const page = await sessions.legal.get('/flags?code=missing-clause').expect(200);
    // …filtered, exactly its missing clauses: the 10 every entrusted vendor needs and 通信の秘密 (communications data).
    expect(shown(page.text)).toEqual([...ALWAYS, 'communications-secrecy'].map((code) => `missing-clause:${code}`).sort());
    expect(page.text).toContain('Secrecy of communications');
    await sessions.legal.get('/flags?code=nonsense').expect(400);
  });

  it('lists a new vendor on the vendors page of a fresh candidate as well', async () => {
    const vendor = await newVendor(t, { name: 'カタログ確認' });
    expect((await sessions.viewer.get('/vendors?q=カタログ').expect(200)).text).toContain(`/vendors/${vendor.id}`);
  });
});
