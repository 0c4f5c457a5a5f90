import { addDays, addMonths } from '../src/rules/calendar';
import {
  activeVendor, CONFIRMED_ITEMS, newAssessment, newAudit, newCertificate, newContract, newDeletionCertificate, newSubcontractor, newVendor, today,
} from './support/factories';
import { bearer, createTestApp, TestApp } from './support/test-app';
import { fieldsNamed } from './support/problems';

/** Duties that are not clauses (PPC GL 3-4-4): each record, its validation and lifecycle, and its flag at the right asOf. */
describe('supervision records and their flags', () => {
  let t: TestApp;
  let compliance: string;
  let viewer: string;
  beforeAll(async () => {
    t = await createTestApp();
    compliance = await t.tokenFor('compliance');
    viewer = await t.tokenFor('viewer');
  });
  afterAll(() => t.close());

  const post = (path: string, body: object, token = compliance) => t.http.post(path).set(...bearer(token)).send(body);
  const patch = (path: string, body: object, token = compliance) => t.http.patch(path).set(...bearer(token)).send(body);
  const flagsOn = async (vendorId: string, asOf?: string) => {
    const body = (await t.http.get(`/api/v1/vendors/${vendorId}/compliance${asOf ? `?asOf=${asOf}` : ''}`).set(...bearer(viewer)).expect(200)).body;
    // These vendors have no contract: no-contract is the compliance suite's subject, not this one's.
    return (body.flags as Array<{ code: string; severity: string; dueDate?: string; message: string; refId?: string; requirementIds: string[] }>).filter(
      (flag) => flag.code !== 'no-contract',
    );
  };
  const codesOn = async (vendorId: string, asOf?: string) => (await flagsOn(vendorId, asOf)).map((flag) => flag.code);
  /** A 400 naming exactly the field (or fields) given, and no other. */
  const expect400 = async (response: { status: number; body: { message: string[] } }, field: string | string[]) => {
    expect(response.status).toBe(400);
    expect(fieldsNamed(response.body.message)).toEqual(typeof field === 'string' ? [field] : field);
  };

  describe('selection assessment (PPC GL 3-4-4(1))', () => {
    it('flags an active vendor without one, until an approved assessment is recorded', async () => {
      const vendor = await newVendor(t, { status: 'active' });
      const [flag] = await flagsOn(vendor.id);
      expect(flag).toMatchObject({ code: 'selection-missing', severity: 'critical', basis: 'guideline', requirementIds: ['appi.selection', 'tel.supervision'] });
      expect(flag.message).toMatch(/no approved selection assessment \(委託先選定評価\)/);
      const created = await post(`/api/v1/vendors/${vendor.id}/assessments`, {
        kind: 'selection', completedOn: today(t), outcome: 'approved',
        items: [{ code: 'technical', status: 'confirmed', evidence: 'site-visit', note: 'アクセス制御を確認' }, { code: 'certifications', status: 'confirmed', evidence: 'ISMS認証書の写し' }, { code: 'external-environment', status: 'not-applicable' }],
      }).expect(201);
      expect(created.body).toMatchObject({ kind: 'selection', outcome: 'approved', items: [expect.objectContaining({ code: 'technical', evidence: 'site-visit' }), expect.objectContaining({ evidence: 'ISMS認証書の写し' }), expect.anything()] });
      // Approved, but with items left unconfirmed (legal-model.md §7): it does not count, and the flag lists them.
      const incomplete = (await flagsOn(vendor.id)).filter((flag) => flag.code.startsWith('selection-'));
      expect(incomplete).toEqual([expect.objectContaining({ code: 'selection-incomplete', severity: 'critical', basis: 'guideline' })]);
      expect(incomplete[0].message).toContain('basic policy');
      expect(incomplete[0].message).not.toContain('technical measures');
      // asOf before the assessment: it did not exist yet.
      expect(await codesOn(vendor.id, addDays(today(t), -1))).toContain('selection-missing');
      await newAssessment(t, vendor.id, { kind: 'selection', completedOn: today(t), outcome: 'approved', items: CONFIRMED_ITEMS });
      expect((await codesOn(vendor.id)).filter((code) => code.startsWith('selection-'))).toEqual([]);
      const list = await t.http.get(`/api/v1/vendors/${vendor.id}/assessments`).set(...bearer(viewer)).expect(200);
      expect(list.body).toMatchObject({ total: 2, items: [expect.objectContaining({ outcome: "approved" }), expect.objectContaining({ outcome: "approved" })] });
    });

    it.each([
      [{ kind: 'selection', completedOn: '2026-01-01', outcome: 'approved', items: [{ code: 'human', status: 'not-confirmed' }] }, 'outcome'],
      [{ kind: 'selection', completedOn: '2026-01-01', outcome: 'approved-with-conditions' }, ['conditions', 'conditionsDueOn']],
      [{ kind: 'selection', completedOn: '2026-01-01', outcome: 'approved-with-conditions', conditions: 'ログ保管を1年に' }, 'conditionsDueOn'],
      [{ kind: 'selection', completedOn: '2026-01-01', outcome: 'approved', conditions: 'x' }, 'conditions'],
      [{ kind: 'audit', completedOn: '2026-01-01', outcome: 'approved' }, 'kind'],
      [{ kind: 'selection', completedOn: '2026-13-01', outcome: 'approved' }, 'completedOn'],
      [{ kind: 'selection', completedOn: '2026-01-01', outcome: 'maybe' }, 'outcome'],
      [{ kind: 'selection', completedOn: '2026-01-01', outcome: 'approved', items: [{ code: 'vibes', status: 'confirmed' }] }, 'items.0.code'],
      [{ kind: 'selection', completedOn: '2026-01-01', outcome: 'approved', items: [{ code: 'human', status: 'confirmed' }, { code: 'human', status: 'confirmed' }] }, 'items'],
    ])('refuses %j with 400 naming %s, storing nothing', async (body, field) => {
      const vendor = await newVendor(t);
      await expect400(await post(`/api/v1/vendors/${vendor.id}/assessments`, body), field);
      expect((await t.http.get(`/api/v1/vendors/${vendor.id}/assessments`).set(...bearer(viewer)).expect(200)).body).toMatchObject({ items: [], total: 0 });
    });

    it('keeps a rejected candidate a candidate until a newer assessment approves it', async () => {
      const vendor = await newVendor(t);
      await newAssessment(t, vendor.id, { kind: 'selection', completedOn: '2026-01-10', outcome: 'rejected', notes: '安全管理措置が不十分' });
      const refused = await patch(`/api/v1/vendors/${vendor.id}`, { version: 1, status: 'active' }).expect(409);
      expect(refused.body.message[0]).toMatch(/^status: the latest selection assessment \(2026-01-10\) rejected this vendor/);
      await newAssessment(t, vendor.id, { kind: 'selection', completedOn: '2026-02-10', outcome: 'approved-with-conditions', conditions: '暗号化の導入', conditionsDueOn: '2026-06-30' });
      await patch(`/api/v1/vendors/${vendor.id}`, { version: 1, status: 'active' }).expect(200);
    });
  });

  describe('audits and findings', () => {
    it('moves planned → in-progress → completed and refuses illegal moves with 409', async () => {
      const vendor = await activeVendor(t);
      const audit = (await post(`/api/v1/vendors/${vendor.id}/audits`, { kind: 'on-site', scheduledFor: today(t), auditorEmail: 'Auditor@Example.test' }).expect(201)).body;
      expect(audit).toMatchObject({ status: 'planned', auditorEmail: 'auditor@example.test', version: 1 });
      await patch(`/api/v1/audits/${audit.id}`, { version: 1, status: 'in-progress' }).expect(200);
      await expect400(await patch(`/api/v1/audits/${audit.id}`, { version: 2, status: 'completed', result: 'excellent' }), 'result');
      await expect400(await patch(`/api/v1/audits/${audit.id}`, { version: 2, status: 'completed', result: 'satisfactory', completedOn: addDays(today(t), 1) }), 'completedOn');
      const done = await patch(`/api/v1/audits/${audit.id}`, { version: 2, status: 'completed', result: 'minor-issues', summary: '軽微な指摘2件' }).expect(200);
      expect(done.body).toMatchObject({ status: 'completed', completedOn: today(t), result: 'minor-issues', version: 3 });
      const back = await patch(`/api/v1/audits/${audit.id}`, { version: 3, status: 'planned' }).expect(409);
      expect(back.body.message[0]).toMatch(/^status: an audit cannot move from completed to planned \(it is final\)/);
      await patch(`/api/v1/audits/${audit.id}`, { version: 2, summary: 'stale' }).expect(409);
      const cancelled = await newAudit(t, vendor.id, { kind: 'remote', scheduledFor: addDays(today(t), 30) });
      await patch(`/api/v1/audits/${cancelled.id}`, { version: 1, status: 'cancelled' }).expect(200);
      await patch(`/api/v1/audits/${cancelled.id}`, { version: 2, status: 'in-progress' }).expect(409);
      await post(`/api/v1/audits/${cancelled.id}/findings`, { title: 'x', severity: 'low', dueOn: today(t) }).expect(409);
    });

    it('flags the audit due soon, then overdue, by risk tier; a completed audit clears it; settings move it', async () => {
      const vendor = await activeVendor(t, { activeSince: '2024-02-29', dataCategories: ['communications'] }); // high: every 12 months
      const due = '2025-02-28';
      expect((await t.http.get(`/api/v1/vendors/${vendor.id}/compliance?asOf=2024-06-01`).set(...bearer(viewer)).expect(200)).body.nextAuditDue).toBe(due);
      expect(await codesOn(vendor.id, addDays(due, -31))).toEqual([]);
      expect(await codesOn(vendor.id, addDays(due, -30))).toEqual(['audit-due-soon']);
      expect(await codesOn(vendor.id, due)).toEqual(['audit-due-soon']);
      const [overdue] = await flagsOn(vendor.id, addDays(due, 1));
      expect(overdue).toMatchObject({ code: 'audit-overdue', severity: 'critical', dueDate: due });
      expect(overdue.message).toBe(
        'The periodic audit is overdue: it was due on 2025-02-28. Risk tier “high” needs one every 12 months, counted from 2024-02-29. ' +
          'A periodic audit is required by company policy, as the privacy policy promises (PPC General Guidelines 3-4-4(3)). Plan and carry out an audit.',
      );
      const audit = await newAudit(t, vendor.id, { kind: 'document-review', scheduledFor: '2025-03-10' });
      await patch(`/api/v1/audits/${audit.id}`, { version: 1, status: 'completed', completedOn: '2025-03-10', result: 'satisfactory' }).expect(200);
      expect(await codesOn(vendor.id, '2025-03-10')).toEqual([]);
      expect(await codesOn(vendor.id, '2026-03-11')).toEqual(['audit-overdue']);

      // An admin shortens the high-tier interval to 6 months: the due date moves to 2025-09-10.
      const admin = await t.tokenFor('admin');
      const settings = (await t.http.get('/api/v1/settings').set(...bearer(viewer)).expect(200)).body;
      expect(settings).toMatchObject({ auditIntervalMonths: { high: 12, medium: 24, low: 36 }, objectionDays: 14, version: 0 });
      await patch('/api/v1/settings', { version: 0, auditIntervalMonths: { high: 6 } }, compliance).expect(403);
      const changed = await patch('/api/v1/settings', { version: 0, auditIntervalMonths: { high: 6 } }, admin).expect(200);
      expect(changed.body).toMatchObject({ auditIntervalMonths: { high: 6, medium: 24, low: 36 }, version: 1 });
      expect(await codesOn(vendor.id, '2025-09-11')).toEqual(['audit-overdue']);
      await patch('/api/v1/settings', { version: 0, objectionDays: 7 }, admin).expect(409);
      await expect400(await patch('/api/v1/settings', { version: 1, auditIntervalMonths: { high: 0 } }, admin), 'auditIntervalMonths.high');
      await patch('/api/v1/settings', { version: 1, auditIntervalMonths: { high: 12 } }, admin).expect(200);
    });

    it('lists audits by vendor, status and date range', async () => {
      const vendor = await activeVendor(t);
      for (const scheduledFor of ['2027-01-10', '2027-02-10', '2027-03-10']) await newAudit(t, vendor.id, { kind: 'questionnaire', scheduledFor });
      const ranged = (await t.http.get(`/api/v1/audits?vendorId=${vendor.id}&from=2027-02-01&to=2027-03-10&status=planned`).set(...bearer(viewer)).expect(200)).body;
      expect(ranged).toMatchObject({ total: 2, page: 1 });
      expect(ranged.items.map((audit: { scheduledFor: string }) => audit.scheduledFor)).toEqual(['2027-02-10', '2027-03-10']);
      const mine = (await t.http.get(`/api/v1/vendors/${vendor.id}/audits`).set(...bearer(viewer)).expect(200)).body;
      expect(mine.total).toBe(3);
      await expect400(await t.http.get('/api/v1/audits?from=yesterday').set(...bearer(viewer)), 'from');
    });

    it('flags an open finding past its due date (critical when high) until it is resolved with a note', async () => {
      const vendor = await activeVendor(t);
      const audit = await newAudit(t, vendor.id, { kind: 'on-site', scheduledFor: '2026-10-01' });
      await expect400(await post(`/api/v1/audits/${audit.id}/findings`, { title: 'ログ', severity: 'urgent', dueOn: '2026-12-01' }), 'severity');
      await expect400(await post(`/api/v1/audits/${audit.id}/findings`, { title: 'ログ', severity: 'high', dueOn: '2026-12-01', clauseType: 'nope' }), 'clauseType');
      const high = (await post(`/api/v1/audits/${audit.id}/findings`, { title: 'アクセスログ未取得', severity: 'high', dueOn: '2026-12-01', clauseType: 'security-measures', ownerEmail: 'owner@example.test' }).expect(201)).body;
      const medium = (await post(`/api/v1/audits/${audit.id}/findings`, { title: '教育記録なし', severity: 'medium', dueOn: '2026-12-15' }).expect(201)).body;
      expect(await codesOn(vendor.id, '2026-12-01')).toEqual([]);
      const late = await flagsOn(vendor.id, '2026-12-16');
      expect(late.map((flag) => [flag.code, flag.severity, flag.refId])).toEqual([['finding-overdue', 'critical', high.id], ['finding-overdue', 'warning', medium.id]]);
      expect(late[0].message).toMatch(/“アクセスログ未取得” \(severity high\) was due on 2026-12-01/);
      await expect400(await patch(`/api/v1/findings/${high.id}`, { version: 1, status: 'resolved' }), 'resolutionNote');
      const resolved = await patch(`/api/v1/findings/${high.id}`, { version: 1, status: 'resolved', resolutionNote: 'ログ取得を設定済み' }).expect(200);
      expect(resolved.body).toMatchObject({ status: 'resolved', closedOn: today(t), version: 2 });
      expect((await flagsOn(vendor.id, addDays(today(t), 30))).map((flag) => flag.refId)).toEqual([medium.id]);
      await patch(`/api/v1/findings/${medium.id}`, { version: 1, status: 'risk-accepted', resolutionNote: '代替統制あり' }).expect(200);
      expect(await codesOn(vendor.id, addDays(today(t), 30))).toEqual([]);
      const listed = (await t.http.get(`/api/v1/findings?vendorId=${vendor.id}&status=resolved`).set(...bearer(viewer)).expect(200)).body;
      expect(listed.items.map((finding: { id: string }) => finding.id)).toEqual([high.id]);
      expect((await t.http.get(`/api/v1/audits/${audit.id}/findings`).set(...bearer(viewer)).expect(200)).body.items).toHaveLength(2);
    });
  });

  describe('subcontractors (再委託先)', () => {
    it('announces a subcontractor with an objection deadline, shows the chain depth, and flags the top vendor for depth 2', async () => {
      const vendor = await activeVendor(t, { reentrustmentAllowed: true });
      const first = (await post(`/api/v1/vendors/${vendor.id}/subcontractors`, { name: '一次委託先', country: 'jp', services: '運用', approvedOn: '2025-01-10', approvedBy: '法務部 山田' }).expect(201)).body;
      expect(first).toMatchObject({ status: 'approved', depth: 1, country: 'JP', objectionDeadline: null });
      const second = (await post(`/api/v1/vendors/${vendor.id}/subcontractors`, { name: '二次委託先', country: 'VN', services: '開発', parentId: first.id }).expect(201)).body;
      expect(second).toMatchObject({ status: 'pending', depth: 2, announcedOn: today(t), objectionDeadline: addDays(today(t), 14) });
      const [flag] = await flagsOn(vendor.id);
      // Prior approval is company policy (legal-model.md §5): a pending subcontractor is a warning, not a breach of law.
      expect(flag).toMatchObject({ code: 'subcontractor-unapproved', severity: 'warning', basis: 'policy', refId: second.id, requirementIds: ['appi.reentrust-approval', 'appi.reentrust-oversight'] });
      expect(flag.message).toBe(
        'The subcontractor (再委託先) “二次委託先” (tier 2 of the chain) has not been approved. ' +
          'Approval of each subcontractor in advance is required by company policy, as the privacy policy promises (PPC General Guidelines 3-4-4(3)). Approve it or record an objection.',
      );
      const third = (await post(`/api/v1/vendors/${vendor.id}/subcontractors`, { name: '三次委託先', country: 'VN', services: '保守', parentId: second.id, approvedOn: today(t), approvedBy: 'x' }).expect(201)).body;
      expect(third.depth).toBe(3);

      const approved = await patch(`/api/v1/subcontractors/${second.id}`, { version: 1, status: 'approved' }).expect(200);
      expect(approved.body).toMatchObject({ status: 'approved', approvedOn: today(t), approvedBy: 'compliance@example.test' });
      // Approved, but handling in Viet Nam still needs its 外的環境の把握 (legal-model.md §3.2).
      expect(await codesOn(vendor.id)).toEqual(['external-environment-missing']);
      // The day before, neither had been announced.
      expect(await codesOn(vendor.id, addDays(today(t), -1))).toEqual([]);

      const cycle = await patch(`/api/v1/subcontractors/${first.id}`, { version: 1, parentId: third.id }).expect(409);
      expect(cycle.body.message[0]).toMatch(/^parentId: .* a chain cannot loop/);
      await patch(`/api/v1/subcontractors/${first.id}`, { version: 1, parentId: first.id }).expect(409);
      const other = await activeVendor(t);
      const foreign = await newSubcontractor(t, other.id, { name: '他社', country: 'JP', services: 'x' });
      await expect400(await post(`/api/v1/vendors/${vendor.id}/subcontractors`, { name: 'x', country: 'JP', services: 'x', parentId: foreign.id }), 'parentId');
      const approvedOnly = (await post(`/api/v1/vendors/${vendor.id}/subcontractors`, { name: '承認済み', country: 'JP', services: 'x', approvedOn: '2025-05-01' }).expect(201)).body;
      expect(approvedOnly).toMatchObject({ status: 'approved', approvedOn: '2025-05-01', approvedBy: null, objectionDeadline: null });
      await expect400(await post(`/api/v1/vendors/${vendor.id}/subcontractors`, { name: 'x', country: 'JP', services: 'x', approvedOn: '2025-02-30' }), 'approvedOn');
      await expect400(await post(`/api/v1/vendors/${vendor.id}/subcontractors`, { name: 'x', country: 'XX', services: 'x' }), 'country');
    });

    it('records an objection (with its reason) and a withdrawal; flags any subcontractor when re-entrustment is not allowed', async () => {
      const vendor = await activeVendor(t, { reentrustmentAllowed: true });
      const sub = await newSubcontractor(t, vendor.id, { name: '候補', country: 'CN', services: 'コールセンター' });
      await expect400(await patch(`/api/v1/subcontractors/${sub.id}`, { version: 1, status: 'objected' }), 'objectionReason');
      const objected = await patch(`/api/v1/subcontractors/${sub.id}`, { version: 1, status: 'objected', objectionReason: '安全管理体制が不明' }).expect(200);
      expect(objected.body).toMatchObject({ status: 'objected', objectedOn: today(t), objectionReason: '安全管理体制が不明' });
      expect((await flagsOn(vendor.id))[0].message).toMatch(/We objected to the subcontractor/);
      await patch(`/api/v1/subcontractors/${sub.id}`, { version: 2, status: 'withdrawn' }).expect(200);
      expect(await codesOn(vendor.id)).toEqual([]);
      await patch(`/api/v1/subcontractors/${sub.id}`, { version: 3, status: 'pending' }).expect(409);

      const closed = await activeVendor(t, { reentrustmentAllowed: false });
      await newSubcontractor(t, closed.id, { name: '無断再委託', country: 'JP', services: 'x', approvedOn: today(t), approvedBy: 'x' });
      const [flag] = await flagsOn(closed.id);
      expect(flag).toMatchObject({ code: 'subcontractor-unapproved', severity: 'critical', requirementIds: ['appi.reentrust-terms'] });
      expect(flag.message).toMatch(/^Re-entrustment is not allowed, yet the subcontractor/);
    });

    it('follows one state machine: pending → approved | objected → withdrawn; withdrawn is final (409, nothing written)', async () => {
      const vendor = await activeVendor(t, { reentrustmentAllowed: true });
      const sub = (await post(`/api/v1/vendors/${vendor.id}/subcontractors`, { name: '終了する先', country: 'JP', services: 'x' }).expect(201)).body;
      const early = await patch(`/api/v1/subcontractors/${sub.id}`, { version: 1, status: 'withdrawn' }).expect(409);
      expect(early.body.message).toEqual(['status: a subcontractor cannot move from pending to re-entrustment ended (allowed: approved, objected)']);
      await patch(`/api/v1/subcontractors/${sub.id}`, { version: 1, status: 'approved' }).expect(200);
      const objected = await patch(`/api/v1/subcontractors/${sub.id}`, { version: 2, status: 'objected', objectionReason: '後から異議' }).expect(409);
      expect(objected.body.message).toEqual(['status: a subcontractor cannot move from approved to objected (allowed: re-entrustment ended)']);
      const withdrawn = await patch(`/api/v1/subcontractors/${sub.id}`, { version: 2, status: 'withdrawn' }).expect(200);
      expect(withdrawn.body).toMatchObject({ status: 'withdrawn', version: 3 });

      const back = await patch(`/api/v1/subcontractors/${sub.id}`, { version: 3, status: 'approved', approvedOn: today(t), approvedBy: '法務部' }).expect(409);
      expect(back.body).toMatchObject({ statusCode: 409, message: ['status: a subcontractor cannot move from re-entrustment ended to approved (it is final)'] });
      const [stored] = (await t.http.get(`/api/v1/vendors/${vendor.id}/subcontractors`).set(...bearer(viewer)).expect(200)).body.items;
      expect(stored).toMatchObject({ status: 'withdrawn', version: 3 });
    });
  });

  describe('certificates, foreign review, deletion certificates', () => {
    it('flags an expired certificate from the day after validUntil', async () => {
      const vendor = await activeVendor(t);
      await expect400(await post(`/api/v1/vendors/${vendor.id}/certificates`, { kind: 'iso9001', validUntil: '2027-01-01' }), 'kind');
      await expect400(await post(`/api/v1/vendors/${vendor.id}/certificates`, { kind: 'privacy-mark' }), 'validUntil');
      const certificate = (await post(`/api/v1/vendors/${vendor.id}/certificates`, { kind: 'privacy-mark', issuer: 'JIPDEC', number: '10820123(05)', validUntil: '2027-03-31' }).expect(201)).body;
      expect(await codesOn(vendor.id, '2027-03-31')).toEqual([]);
      const [flag] = await flagsOn(vendor.id, '2027-04-01');
      expect(flag).toMatchObject({ code: 'certificate-expired', severity: 'warning', refId: certificate.id, dueDate: '2027-03-31' });
      expect(flag.message).toBe(
        'The Privacy Mark (プライバシーマーク) certificate expired on 2027-03-31. Keeping the evidence of supervision current is required by company policy, as the privacy policy promises. ' +
          'Obtain the renewed certificate, or record that the vendor no longer holds it.',
      );
      const ja = await t.http.get(`/api/v1/vendors/${vendor.id}/compliance?asOf=2027-04-01`).set(...bearer(await t.tokenFor('admin'))).expect(200);
      expect(ja.body.flags.find((flag: { code: string }) => flag.code === 'certificate-expired').message).toBe(
        'プライバシーマークの有効期限(2027-03-31)が切れています。監督の根拠となる記録を最新に保つことが必要です(自社方針(プライバシーポリシー等での約束))。更新後の証明書を入手するか、認証を失ったことを記録してください。',
      );
      expect((await t.http.get(`/api/v1/vendors/${vendor.id}/certificates`).set(...bearer(viewer)).expect(200)).body).toMatchObject({ total: 1, page: 1, pageSize: 50 });
      // The renewed certificate, recorded as a new one, replaces the expired one.
      await newCertificate(t, vendor.id, { kind: 'privacy-mark', validUntil: '2029-03-31' });
      expect(await codesOn(vendor.id, '2027-04-01')).toEqual([]);
    });

    it('JP vendor with data in SG: foreign handling, no foreign recipient; a foreign-regime review covering SG clears it', async () => {
      const vendor = await activeVendor(t, { country: 'JP', dataLocations: ['JP', 'SG'] });
      const flags = await flagsOn(vendor.id);
      expect(flags.map((flag) => flag.code)).not.toContain('transfer-basis-missing');
      const missing = flags.filter((flag) => flag.code === 'external-environment-missing');
      expect(missing).toEqual([expect.objectContaining({ severity: 'critical', basis: 'guideline', requirementIds: ['appi.external-environment'] })]);
      expect(missing[0].message).toContain('SG');
      await expect400(await post(`/api/v1/vendors/${vendor.id}/assessments`, { kind: 'foreign-regime', completedOn: '2026-06-30', outcome: 'approved' }), 'countries');
      await newAssessment(t, vendor.id, { kind: 'foreign-regime', completedOn: '2026-06-30', outcome: 'approved', countries: ['SG'], notes: 'PDPA を確認' });
      expect((await codesOn(vendor.id)).filter((code) => code.startsWith('external-') || code.startsWith('transfer-') || code.startsWith('foreign-'))).toEqual([]);
    });

    it('US vendor: a transfer basis is needed; 基準適合体制 needs the annual review, consent no follow-up', async () => {
      const vendor = await activeVendor(t, { country: 'US' });
      await newAssessment(t, vendor.id, { kind: 'foreign-regime', completedOn: today(t), outcome: 'approved', countries: ['US'] });
      const [basis] = (await flagsOn(vendor.id)).filter((flag) => flag.code === 'transfer-basis-missing');
      expect(basis).toMatchObject({ severity: 'critical', basis: 'statute', requirementIds: ['appi.foreign-basis'] });
      expect((await codesOn(vendor.id)).filter((code) => code === 'foreign-review-overdue')).toEqual([]);
      await patch(`/api/v1/vendors/${vendor.id}`, { version: (await t.http.get(`/api/v1/vendors/${vendor.id}`).set(...bearer(viewer))).body.version, transferBasis: 'equivalent-system' }).expect(200);
      const [overdue] = (await flagsOn(vendor.id)).filter((flag) => flag.code === 'foreign-review-overdue');
      expect(overdue).toMatchObject({ severity: 'critical', basis: 'statute', requirementIds: ['appi.foreign-followup'] });
      await newAssessment(t, vendor.id, { kind: 'equivalent-measures-review', completedOn: '2026-06-30', outcome: 'approved' });
      expect(await codesOn(vendor.id, '2027-06-30')).not.toContain('foreign-review-overdue');
      const [late] = (await flagsOn(vendor.id, '2027-07-01')).filter((flag) => flag.code === 'foreign-review-overdue');
      expect(late).toMatchObject({ dueDate: addMonths('2026-06-30', 12), requirementIds: ['appi.foreign-followup'] });
      await patch(`/api/v1/vendors/${vendor.id}`, { version: (await t.http.get(`/api/v1/vendors/${vendor.id}`).set(...bearer(viewer))).body.version, transferBasis: 'consent' }).expect(200);
      expect((await codesOn(vendor.id, '2027-07-01')).filter((code) => code.startsWith('transfer-') || code.startsWith('foreign-'))).toEqual([]);
    });

    it.each(['FR', 'GB'])('%s vendor: no APPI Art. 28 flag (a designated country), but the foreign-handling review is required', async (country) => {
      const vendor = await activeVendor(t, { country });
      const codes = await codesOn(vendor.id);
      expect(codes.filter((code) => code === 'transfer-basis-missing' || code === 'foreign-review-overdue')).toEqual([]);
      expect(codes).toContain('external-environment-missing');
    });

    it('JP vendor with a subcontractor in the US: external-environment-missing naming US', async () => {
      const vendor = await activeVendor(t, { reentrustmentAllowed: true });
      expect(await codesOn(vendor.id)).not.toContain('external-environment-missing');
      await newSubcontractor(t, vendor.id, { name: '米国の再委託先', country: 'US', services: 'ホスティング', approvedOn: today(t), approvedBy: '法務部' });
      const missing = (await flagsOn(vendor.id)).filter((flag) => flag.code === 'external-environment-missing');
      expect(missing).toHaveLength(1);
      expect(missing[0].message).toContain('US');
      expect(await codesOn(vendor.id)).not.toContain('transfer-basis-missing');
    });

    it('flags a terminated vendor until its deletion certificate (廃棄証明書) is received', async () => {
      const vendor = await activeVendor(t);
      const contract = await newContract(t, vendor.id);
      await patch(`/api/v1/vendors/${vendor.id}`, { version: 1, status: 'offboarding' }).expect(200);
      await patch(`/api/v1/vendors/${vendor.id}`, { version: 2, status: 'terminated' }).expect(200);
      expect(await codesOn(vendor.id)).toEqual(['deletion-certificate-missing']);
      const other = await activeVendor(t);
      const otherContract = await newContract(t, other.id);
      await expect400(await post(`/api/v1/vendors/${vendor.id}/deletion-certificates`, { receivedOn: today(t), contractId: otherContract.id }), 'contractId');
      await expect400(await post(`/api/v1/vendors/${vendor.id}/deletion-certificates`, {}), 'receivedOn');
      await newDeletionCertificate(t, vendor.id, { receivedOn: today(t), contractId: contract.id, note: '全データ消去' });
      expect(await codesOn(vendor.id)).toEqual([]);
      expect(await codesOn(vendor.id, addDays(today(t), -1))).toEqual(['deletion-certificate-missing']);
      expect((await t.http.get(`/api/v1/vendors/${vendor.id}`).set(...bearer(viewer)).expect(200)).body.complianceStatus).toBe('compliant');
    });
  });

  it('refuses null for fields that cannot be empty, on every PATCH', async () => {
    const vendor = await activeVendor(t);
    const contract = await newContract(t, vendor.id);
    const audit = await newAudit(t, vendor.id, { kind: 'remote', scheduledFor: today(t) });
    const sub = await newSubcontractor(t, vendor.id, { name: 'x', country: 'JP', services: 'x' });
    await expect400(await patch(`/api/v1/contracts/${contract.id}`, { version: 1, status: null }, await t.tokenFor('legal')), 'status');
    await expect400(await patch(`/api/v1/contracts/${contract.id}`, { version: 1, autoRenew: null }, await t.tokenFor('legal')), 'autoRenew');
    await expect400(await patch(`/api/v1/audits/${audit.id}`, { version: 1, status: null }), 'status');
    await expect400(await patch(`/api/v1/audits/${audit.id}`, { version: 1, scheduledFor: null }), 'scheduledFor');
    for (const field of ['name', 'country', 'services', 'status']) await expect400(await patch(`/api/v1/subcontractors/${sub.id}`, { version: 1, [field]: null }), field);
  });

  it('keeps a candidate that has supervision records: 409, not a database error', async () => {
    const vendor = await newVendor(t);
    await newAssessment(t, vendor.id, { kind: 'selection', completedOn: today(t), outcome: 'rejected' });
    const refused = await t.http.delete(`/api/v1/vendors/${vendor.id}`).set(...bearer(compliance)).expect(409);
    expect(refused.body.message[0]).toMatch(/^records: this vendor has assessments \(1\)/);
  });

  it('lets every role read supervision records and only compliance and admin write them', async () => {
    const vendor = await activeVendor(t);
    const [audit, subcontractor] = [await newAudit(t, vendor.id), await newSubcontractor(t, vendor.id)];
    const ids = (body: { items: Array<{ id: string }> }) => body.items.map((item) => item.id);
    for (const role of ['viewer', 'legal'] as const) {
      const token = await t.tokenFor(role);
      await post(`/api/v1/vendors/${vendor.id}/audits`, { kind: 'remote', scheduledFor: today(t) }, token).expect(403);
      await post(`/api/v1/vendors/${vendor.id}/certificates`, { kind: 'soc2', validUntil: today(t) }, token).expect(403);
      await post(`/api/v1/vendors/${vendor.id}/subcontractors`, { name: 'x', country: 'JP', services: 'x' }, token).expect(403);
      expect(ids((await t.http.get(`/api/v1/vendors/${vendor.id}/subcontractors`).set(...bearer(token)).expect(200)).body)).toEqual([subcontractor.id]);
      expect(ids((await t.http.get(`/api/v1/audits?vendorId=${vendor.id}`).set(...bearer(token)).expect(200)).body)).toEqual([audit.id]);
      expect((await t.http.get(`/api/v1/vendors/${vendor.id}/certificates`).set(...bearer(token)).expect(200)).body.items).toEqual([]);
    }
    await post(`/api/v1/vendors/${vendor.id}/audits`, { kind: 'remote', scheduledFor: today(t) }, await t.tokenFor('admin')).expect(201);
    await t.http.get('/api/v1/findings').expect(401);
  });
});
