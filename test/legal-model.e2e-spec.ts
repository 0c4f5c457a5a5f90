import { ComplianceScheduler } from '../src/compliance/compliance.scheduler';
import { addDays } from '../src/rules/calendar';
import { CLAUSE_TYPES } from '../src/rules/clause-types';
import { FLAG_CODES } from '../src/rules/flags';
import {
  activeVendor, ENTRUSTMENT_CLAUSES, newAssessment, newAudit, newCertificate, newContract, newFinding, newIncident, newSubcontractor, newVendor, review, reviews, today,
} from './support/factories';
import { newContact, sendQuestionnaire } from './support/questionnaires';
import { fieldsNamed } from './support/problems';
import { TestSmtpServer } from './support/smtp';
import { bearer, createTestApp, TestApp } from './support/test-app';
import { signIn } from './ui/support';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

type Flag = { code: string; severity: string; basis: string; message: string; dueDate?: string; refId?: string; requirementIds: string[]; references: string[] };

/**
 * What legal-model.md (second edition) changes, through the API: re-entrustment approval modes and
 * deemed authorisation, My Number vendors, the relationship, the policy promises, and text a lawyer
 * can read (no URL, no verification label, no code).
 */
describe('legal model, second edition', () => {
  let smtp: TestSmtpServer;
  let t: TestApp;
  let viewer: string;
  let admin: string;
  let compliance: string;
  beforeAll(async () => {
    smtp = await new TestSmtpServer().start();
    t = await createTestApp({ env: { SMTP_URL: smtp.url, MAIL_FROM: 'Vendor Oversight <oversight@example.test>' } });
    viewer = await t.tokenFor('viewer');
    admin = await t.tokenFor('admin'); // speaks Japanese
    compliance = await t.tokenFor('compliance');
  });
  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });

  const report = async (vendorId: string, asOf?: string, token = viewer) =>
    (await t.http.get(`/api/v1/vendors/${vendorId}/compliance${asOf ? `?asOf=${asOf}` : ''}`).set(...bearer(token)).expect(200)).body as { status: string; flags: Flag[] };
  const flagsOn = async (vendorId: string, asOf?: string, token = viewer) => (await report(vendorId, asOf, token)).flags;
  const stored = async (vendorId: string) => (await t.http.get(`/api/v1/vendors/${vendorId}`).set(...bearer(viewer)).expect(200)).body;
  const patch = (path: string, body: object, token = compliance) => t.http.patch(path).set(...bearer(token)).send(body);

  describe('re-entrustment (再委託, legal-model.md §5)', () => {
    it('objection period: a warning with the deadline, then deemed authorised by the daily job, audited, no flag', async () => {
      const vendor = await activeVendor(t, { reentrustmentAllowed: true, subcontractorApproval: 'objection-period' });
      // Announced 15 days ago with the default 14 days to object: the deadline was yesterday.
      const announcedOn = addDays(today(t), -15);
      const deadline = addDays(announcedOn, 14);
      const sub = await newSubcontractor(t, vendor.id, { name: '通知済み再委託先', country: 'JP', services: '運用', announcedOn });
      expect(sub).toMatchObject({ status: 'pending', objectionDeadline: deadline });

      const open = (await flagsOn(vendor.id, deadline)).filter((flag) => flag.code.startsWith('subcontractor-'));
      expect(open).toEqual([expect.objectContaining({ code: 'subcontractor-objection-open', severity: 'warning', basis: 'policy', dueDate: deadline, refId: sub.id })]);
      expect(open[0].message).toContain(deadline);
      const ja = (await flagsOn(vendor.id, deadline, admin)).find((flag) => flag.code === 'subcontractor-objection-open')!;
      expect(ja.message).toContain(`異議申出期限は${deadline}です`);

      await t.app.get(ComplianceScheduler).run();
      const [recorded] = (await t.http.get(`/api/v1/vendors/${vendor.id}/subcontractors`).set(...bearer(viewer)).expect(200)).body.items;
      expect(recorded).toMatchObject({ id: sub.id, status: 'approved', approvedOn: addDays(deadline, 1), approvedBy: `no objection by ${deadline}`, deemedApproval: true });
      expect((await flagsOn(vendor.id)).filter((flag) => flag.code.startsWith('subcontractor-'))).toEqual([]);
      const trail = (await t.http.get(`/api/v1/audit-log?entityType=subcontractor&entityId=${sub.id}`).set(...bearer(admin)).expect(200)).body.items;
      expect(trail[0]).toMatchObject({ action: 'update', entityType: 'subcontractor', entityId: sub.id, changes: expect.objectContaining({ status: { before: 'pending', after: 'approved' } }) });
      // Visible as deemed on the vendor page.
      const page = await (await signIn(t, 'admin')).get(`/vendors/${vendor.id}`).expect(200);
      expect(page.text).toContain(`期限${deadline}までに異議申出がなく、承認したものとみなしました`);
      // A second run changes nothing.
      await t.app.get(ComplianceScheduler).run();
      expect((await t.http.get(`/api/v1/audit-log?entityType=subcontractor&entityId=${sub.id}`).set(...bearer(admin)).expect(200)).body.items).toHaveLength(trail.length);
    });

    it('My Number: objection period refused; a pending subcontractor stays critical, never deemed authorised', async () => {
      const refused = await t.http.post('/api/v1/vendors').set(...bearer(compliance))
        .send({ name: '番号委託先', services: '給与計算', dataCategories: ['employee', 'my-number'], reentrustmentAllowed: true, subcontractorApproval: 'objection-period' }).expect(400);
      expect(fieldsNamed(refused.body.message)).toEqual(['subcontractorApproval']);
      const vendor = await activeVendor(t, { dataCategories: ['employee', 'my-number'], reentrustmentAllowed: true });
      const sub = await newSubcontractor(t, vendor.id, { name: '番号再委託先', country: 'JP', services: '入力', announcedOn: addDays(today(t), -30) });
      const changed = await patch(`/api/v1/vendors/${vendor.id}`, { version: (await stored(vendor.id)).version, subcontractorApproval: 'objection-period' }).expect(400);
      expect(fieldsNamed(changed.body.message)).toEqual(['subcontractorApproval']);
      await t.app.get(ComplianceScheduler).run();
      const flags = (await flagsOn(vendor.id)).filter((flag) => flag.code.startsWith('subcontractor-'));
      expect(flags).toEqual([expect.objectContaining({ code: 'subcontractor-unapproved', severity: 'critical', basis: 'statute', refId: sub.id })]);
      expect(flags[0].requirementIds).toContain('mn.reentrust-permission');
      // PATCH with approvedOn/approvedBy is the entruster's permission (api.md).
      const approved = await patch(`/api/v1/subcontractors/${sub.id}`, { version: 1, approvedOn: today(t), approvedBy: '人事部 佐藤' }).expect(200);
      expect(approved.body).toMatchObject({ status: 'approved', approvedOn: today(t), approvedBy: '人事部 佐藤', deemedApproval: false });
      expect((await flagsOn(vendor.id)).filter((flag) => flag.code.startsWith('subcontractor-'))).toEqual([]);
    });
  });

  describe('My Number vendors (legal-model.md §6) and the relationship (§4)', () => {
    it('needs exactly the entrustment clauses plus the 番号法 set, no-removal and staff-training included', async () => {
      const vendor = await activeVendor(t, { dataCategories: ['employee', 'my-number'] });
      const contract = await newContract(t, vendor.id);
      const checklist = (await t.http.get(`/api/v1/contracts/${contract.id}/checklist`).set(...bearer(viewer)).expect(200)).body;
      const required = checklist.items.filter((item: { required: boolean }) => item.required).map((item: { clauseType: string }) => item.clauseType);
      expect(required).toEqual([...ENTRUSTMENT_CLAUSES.slice(0, 8), 'breach-remedies', ...ENTRUSTMENT_CLAUSES.slice(8), 'no-removal', 'staff-training']);
      expect(checklist.items.find((item: { clauseType: string }) => item.clauseType === 'no-removal')).toMatchObject({ requiredBy: ['mn.contract-items'], basis: 'guideline', severity: 'critical' });
      expect((await stored(vendor.id)).riskTier).toBe('high');
    });

    it('cloud-no-handling: only its own no-handling item; joint use: one info flag and 適合', async () => {
      const cloud = await activeVendor(t, { relationship: 'cloud-no-handling' });
      const contract = await newContract(t, cloud.id);
      const checklist = (await t.http.get(`/api/v1/contracts/${contract.id}/checklist`).set(...bearer(viewer)).expect(200)).body;
      expect(checklist.items.filter((item: { required: boolean }) => item.required).map((item: { clauseType: string }) => item.clauseType)).toEqual(['no-handling']);
      expect((await flagsOn(cloud.id)).map((flag) => `${flag.code}:${flag.severity}`)).toEqual(['missing-clause:critical']);
      await review(t, contract.id, { 'no-handling': 'present' });
      expect(await report(cloud.id)).toMatchObject({ status: 'compliant', flags: [] });

      const joint = await activeVendor(t, { relationship: 'joint-use' });
      const flags = await flagsOn(joint.id);
      expect(flags.map((flag) => `${flag.code}:${flag.severity}:${flag.basis}`)).toEqual(['oversight-not-applicable:info:recommended']);
      expect((await stored(joint.id)).complianceStatus).toBe('compliant');
      const ja = await flagsOn(joint.id, undefined, admin);
      expect(ja[0].message).toContain('共同利用');
      expect(ja[0].message).not.toMatch(/必要/);
    });
  });

  describe('text a lawyer signs (legal-model.md §9, §10)', () => {
    /** URLs, verification labels, catalogue and clause codes, raw source codes: none may reach a reader. */
    const CLAUSE_CODES = CLAUSE_TYPES.map((clauseType) => clauseType.code);
    const offences = (text: string): string[] => [
      ...(text.match(/https?:\/\/\S+/g) ?? []),
      ...(text.match(/\[(secondary|unverified|V|S|U)\b[^\]]*\]?/g) ?? []),
      ...(text.match(/\b(appi|tel|jis|gdpr|iso|mn)\.[a-z0-9][a-z0-9.-]*/g) ?? []),
      ...(text.match(/\b(PPC-GL|PPC-QA|TELECOM-GL|APPI-RULES|MYNUMBER-GL|art=|sec=)/g) ?? []),
      ...CLAUSE_CODES.filter((code) => text.includes(code)),
    ];

    it('every flag message in ja and en, every checklist reason and every reminder e-mail is free of them', async () => {
      // Vendors that raise every kind of flag the rules know.
      const us = await activeVendor(t, { name: '米国委託先', country: 'US', dataCategories: ['communications', 'sensitive'], reentrustmentAllowed: true, activeSince: '2020-04-01', ownerEmail: 'owner@example.test' });
      const contract = await newContract(t, us.id, { expiresOn: addDays(today(t), 40) });
      await review(t, contract.id, { ...reviews(ENTRUSTMENT_CLAUSES.slice(0, 4), 'present'), 'audit-rights': 'partial', 'communications-secrecy': 'missing' });
      await newSubcontractor(t, us.id, { name: '越境再委託先', country: 'IN', services: 'x' });
      const audit = await newAudit(t, us.id, { kind: 'remote', scheduledFor: today(t) });
      await newFinding(t, audit.id, { title: '是正', severity: 'high', dueOn: '2020-01-01' });
      await newAssessment(t, us.id, { kind: 'selection', completedOn: '2020-03-01', outcome: 'approved', items: [{ code: 'technical', status: 'confirmed', evidence: 'document' }] });
      const equivalent = await activeVendor(t, { name: '基準適合体制の委託先', country: 'SG', transferBasis: 'equivalent-system' });
      const closed = await activeVendor(t, { name: '再委託禁止の委託先', reentrustmentAllowed: false, relationship: 'entrustment' });
      await newSubcontractor(t, closed.id, { name: '無断', country: 'JP', services: 'x', approvedOn: today(t), approvedBy: 'x' });
      await activeVendor(t, { name: '第三者提供先', relationship: 'provision' });
      const unselected = await newVendor(t, { name: '選定評価なし', status: 'active' });
      await newCertificate(t, unselected.id, { kind: 'privacy-mark', validUntil: '2020-03-31' });
      const incomplete = await newVendor(t, { name: '選定評価が未完了', status: 'active', activeSince: addDays(today(t), 20 - 365), dataCategories: ['payment'] });
      await newAssessment(t, incomplete.id, { kind: 'selection', completedOn: today(t), outcome: 'approved', items: [{ code: 'technical', status: 'confirmed', evidence: 'document' }] });
      const announcing = await activeVendor(t, { name: '異議申出期間中', reentrustmentAllowed: true, subcontractorApproval: 'objection-period' });
      await newSubcontractor(t, announcing.id, { name: '通知中', country: 'JP', services: 'x' });
      const ended = await activeVendor(t, { name: '終了した委託先' });
      await patch(`/api/v1/vendors/${ended.id}`, { version: (await stored(ended.id)).version, status: 'offboarding' }).expect(200);
      await patch(`/api/v1/vendors/${ended.id}`, { version: (await stored(ended.id)).version, status: 'terminated' }).expect(200);
      // A questionnaire sent three days ago, due that day and not answered (questionnaire-overdue): the clock moves back to send it.
      const asked = await activeVendor(t, { name: '質問票未回答の委託先' });
      t.clock.advance(-3 * DAY);
      try {
        await sendQuestionnaire(t, asked.id, (await newContact(t, asked.id)).id, { dueOn: today(t) });
      } finally {
        t.clock.advance(3 * DAY);
      }
      // Incidents (漏えい等) with EU/UK data subjects: the GDPR notice due in 2 hours (incident-report-due) and one 28 hours late
      // (incident-report-overdue); each calls for an audit within 30 days (incident-audit-due). The incident write recomputes
      // the vendor, the questionnaire above included.
      const ago = (hours: number) => new Date(t.clock.now().getTime() - hours * HOUR).toISOString();
      await newIncident(t, asked.id, { title: '誤送信', euUkDataSubjects: true, notifiedAt: ago(70), awareAt: ago(70) });
      await newIncident(t, asked.id, { title: '誤廃棄', euUkDataSubjects: true, notifiedAt: ago(100), awareAt: ago(100) });
      // An incident 40 days ago with no audit since (incident-audit-overdue).
      const audited = await activeVendor(t, { name: '事案後の監査未実施の委託先' });
      await newIncident(t, audited.id, { title: '紛失', notifiedAt: ago(40 * 24), awareAt: ago(40 * 24) });

      const listed = async (token: string) => {
        const body = (await t.http.get('/api/v1/flags?pageSize=200').set(...bearer(token)).expect(200)).body;
        expect(body.total).toBe(body.items.length);
        return body.items as Flag[];
      };
      for (const token of [viewer, admin]) {
        const items = await listed(token);
        expect([...new Set(items.map((flag) => flag.code))].sort()).toEqual([...FLAG_CODES].sort());
        expect(items.flatMap((flag) => offences(flag.message).map((offence) => `${flag.code}: ${offence}`))).toEqual([]);
        expect(items.flatMap((flag) => flag.references.flatMap(offences))).toEqual([]);
      }
      // Japanese references read like statutes are cited (legal-model.md §9).
      const ja = await flagsOn(us.id, undefined, admin);
      expect(ja.find((flag) => flag.code === 'transfer-basis-missing')!.message).toContain('個人情報保護法第28条');
      expect(ja.find((flag) => flag.code === 'transfer-basis-missing')!.message).toContain('(法令上の義務');
      expect((await flagsOn(equivalent.id, undefined, admin)).find((flag) => flag.code === 'foreign-review-overdue')!.message).toContain('施行規則第18条');

      // Legal's checklist: the "why" column in both languages.
      for (const role of ['legal', 'admin'] as const) {
        const page = await (await signIn(t, role)).get(`/contracts/${contract.id}`).expect(200);
        const reasons = [...page.text.matchAll(/<td class="why"[^>]*>([\s\S]*?)<\/td>/g)].map((match) => match[1].replace(/<[^>]+>/g, ' '));
        expect(reasons.length).toBe(CLAUSE_TYPES.length);
        expect(reasons.flatMap(offences)).toEqual([]);
      }

      // The catalogue page: each source with its verification label; 「条番号確認中」 only there.
      const catalogue = (await (await signIn(t, 'admin')).get('/catalogue').expect(200)).text;
      const tel = /<tr data-requirement="tel\.supervision">([\s\S]*?)<\/tr>/.exec(catalogue)![1];
      expect(tel).toContain('(条番号確認中)');
      expect(tel).toContain('data-verification="unverified"');
      expect(tel).toContain('data-basis="guideline"');
      expect(catalogue).toContain('data-verification="verified"');
      expect(catalogue).not.toMatch(/\[(secondary|unverified)|\[[VSU]\]/);

      // The reminder e-mails (the app's own links aside).
      await t.http.post('/api/v1/reminders/run').set(...bearer(admin)).send({}).expect(200);
      expect(smtp.received.length).toBeGreaterThan(0);
      const base = new RegExp(`${t.config.appUrl.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\S*`, 'g');
      expect(smtp.received.flatMap((mail) => offences(`${mail.subject}\n${mail.text}`.replace(base, '')))).toEqual([]);
    });
  });

  describe('the policy promises (legal-model.md §1, §2)', () => {
    it('without them the 3-4-4(2)(3) items are advisory (info, 望ましい) and the vendor can be 適合', async () => {
      const vendor = await activeVendor(t, { activeSince: '2020-04-01' });
      const contract = await newContract(t, vendor.id);
      await review(t, contract.id, { ...reviews(ENTRUSTMENT_CLAUSES, 'present'), 'security-measures': 'missing', 'staff-confidentiality': 'missing' });
      await newAudit(t, vendor.id, { kind: 'remote', scheduledFor: today(t) });
      const withPromises = await report(vendor.id);
      expect(withPromises.status).toBe('non-compliant');
      expect(withPromises.flags.filter((flag) => flag.code === 'missing-clause').map((flag) => `${flag.severity}:${flag.basis}`)).toEqual(['critical:policy', 'critical:policy']);

      const settings = (await t.http.get('/api/v1/settings').set(...bearer(admin)).expect(200)).body;
      const off = await t.http.patch('/api/v1/settings').set(...bearer(admin)).send({ version: settings.version, organisationProfile: { policyPromises: false } }).expect(200);
      try {
        const without = await report(vendor.id);
        expect(without.flags.length).toBeGreaterThan(0);
        expect(without.flags.map((flag) => `${flag.severity}:${flag.basis}`).filter((binding) => binding !== 'info:recommended')).toEqual([]);
        expect(without.status).toBe('compliant');
        const ja = await flagsOn(vendor.id, undefined, admin);
        for (const flag of ja) {
          expect(flag.message).toContain('望ましいとされています');
          expect(flag.message).not.toMatch(/必要があります|必要です/);
        }
        const en = without.flags.find((flag) => flag.code === 'missing-clause')!;
        expect(en.message).toContain('It is recommended by the guidelines, not required (PPC General Guidelines 3-4-4(2)).');
      } finally {
        await t.http.patch('/api/v1/settings').set(...bearer(admin)).send({ version: off.body.version, organisationProfile: { policyPromises: true } }).expect(200);
      }
    });
  });
});
