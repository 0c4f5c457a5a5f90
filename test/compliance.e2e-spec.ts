import { ScheduledJobs } from '../src/common/scheduled-jobs';
import { ComplianceScheduler } from '../src/compliance/compliance.scheduler';
import { addDays } from '../src/rules/calendar';
import { CHECKED_CLAUSE_TYPES, ChecklistBackfill } from '../src/contracts/checklist-backfill';
import { CLAUSE_TYPES } from '../src/rules/clause-types';
import { activeVendor, ENTRUSTMENT_CLAUSES, newContract, newVendor, review, reviews, today } from './support/factories';
import { bearer, createTestApp, TestApp } from './support/test-app';
import { fieldsNamed } from './support/problems';

const ALWAYS = ENTRUSTMENT_CLAUSES;
const allPresent = (codes: string[]) => reviews(codes, 'present');
/**
 * The requirements of requirements.tsv that apply to every vendor of the default organisation (a
 * telecom carrier without the Privacy Mark or ISMS, legal-model.md §1: no JIS or ISO rows).
 */
const ALWAYS_REQUIREMENTS = [
  'appi.supervision', 'appi.risk-based', 'appi.selection', 'appi.contract', 'appi.security-measures', 'appi.handling-visibility', 'appi.periodic-audit',
  'appi.scope-limit', 'appi.no-commingling', 'appi.reentrust-terms', 'appi.incident-notice', 'appi.retention-erasure', 'appi.end-of-contract',
  'tel.supervision',
];

describe('compliance: contracts, legal\'s checklist and explained flags', () => {
  let t: TestApp;
  let viewer: string;
  beforeAll(async () => {
    t = await createTestApp();
    viewer = await t.tokenFor('viewer');
  });
  afterAll(() => t.close());

  const compliance = async (vendorId: string, query = '', token = viewer) =>
    (await t.http.get(`/api/v1/vendors/${vendorId}/compliance${query}`).set(...bearer(token)).expect(200)).body;
  /** The contract and clause flags (this suite's subject); supervision flags have their own suite. */
  const CONTRACT_FLAGS = ['no-contract', 'missing-clause', 'partial-clause', 'contract-expiring'];
  const flagCodes = (body: { flags: Array<{ code: string; clauseType?: string }> }) =>
    body.flags.filter((flag) => CONTRACT_FLAGS.includes(flag.code)).map((flag) => (flag.clauseType ? `${flag.code}:${flag.clauseType}` : flag.code));
  const storedStatus = async (vendorId: string) =>
    (await t.http.get(`/api/v1/vendors/${vendorId}`).set(...bearer(viewer)).expect(200)).body.complianceStatus;

  it('takes a vendor from non-compliant to compliant, clause by clause', async () => {
    const vendor = await activeVendor(t, { dataCategories: ['customer'] });
    expect(flagCodes(await compliance(vendor.id))).toEqual(['no-contract']);
    expect(await storedStatus(vendor.id)).toBe('non-compliant');

    const contract = await newContract(t, vendor.id);
    expect(contract).toMatchObject({ status: 'signed', inForce: true, version: 1 });
    const afterContract = await compliance(vendor.id);
    expect(flagCodes(afterContract)).toEqual(ALWAYS.map((code) => `missing-clause:${code}`));
    expect(afterContract.status).toBe('non-compliant');

    const remaining = [...ALWAYS];
    while (remaining.length > 1) {
      await review(t, contract.id, { [remaining.shift()!]: 'present' });
      expect((await compliance(vendor.id)).flags).toHaveLength(remaining.length);
    }
    await review(t, contract.id, { [remaining[0]]: 'partial' });
    const partial = await compliance(vendor.id);
    expect(flagCodes(partial)).toEqual([`partial-clause:${remaining[0]}`]);
    expect(partial.status).toBe('at-risk');
    expect(await storedStatus(vendor.id)).toBe('at-risk');

    await review(t, contract.id, { [remaining[0]]: 'present' });
    expect(await compliance(vendor.id)).toMatchObject({ status: 'compliant', flags: [] });
    expect(await storedStatus(vendor.id)).toBe('compliant');
    const other = await activeVendor(t, { name: '契約のない委託先' }); // non-compliant: no contract
    const listed = await t.http.get('/api/v1/vendors?complianceStatus=compliant').set(...bearer(viewer)).expect(200);
    expect(listed.body.items.map((item: { id: string }) => item.id)).toContain(vendor.id);
    expect(listed.body.items.map((item: { id: string }) => item.id)).not.toContain(other.id);
    expect(listed.body.items.filter((item: { complianceStatus: string }) => item.complianceStatus !== 'compliant')).toEqual([]);
  });

  describe('applicability: exact required sets and requirement ids', () => {
    /** Exactly these requirement ids, in the catalogue's order: one more is as wrong as one less. */
    const exactly = async (ids: string[]) => {
      const catalogue = (await t.http.get('/api/v1/requirements').set(...bearer(viewer)).expect(200)).body as Array<{ id: string }>;
      expect(ids.filter((id) => !catalogue.some((requirement) => requirement.id === id))).toEqual([]);
      return catalogue.map((requirement) => requirement.id).filter((id) => ids.includes(id));
    };
    const requiredOf = async (facts: Record<string, unknown>) => {
      const vendor = await activeVendor(t, { ...facts });
      const contract = await newContract(t, vendor.id);
      const checklist = (await t.http.get(`/api/v1/contracts/${contract.id}/checklist`).set(...bearer(viewer)).expect(200)).body;
      const report = await compliance(vendor.id);
      const required = checklist.items.filter((item: { required: boolean }) => item.required).map((item: { clauseType: string }) => item.clauseType);
      expect(report.requiredClauseTypes.map((item: { code: string }) => item.code)).toEqual(required);
      expect(checklist.items).toHaveLength(CLAUSE_TYPES.length);
      return { vendor, contract, checklist, report, required };
    };

    it('communications vendor: 通信の秘密 clause and the telecom requirements', async () => {
      const { checklist, report, required } = await requiredOf({ dataCategories: ['communications'] });
      expect(required).toEqual([...ALWAYS.slice(0, 4), 'communications-secrecy', ...ALWAYS.slice(4)]);
      const secrecy = checklist.items.find((item: { clauseType: string }) => item.clauseType === 'communications-secrecy');
      expect(secrecy).toMatchObject({ required: true, requiredBy: ['tel.secrecy'], titleJa: '通信の秘密の保護' });
      expect(report.applicableRequirements).toEqual(await exactly([...ALWAYS_REQUIREMENTS, 'tel.secrecy', 'tel.secrecy-leak', 'tel.log-retention', 'tel.purpose-consent']));
      expect(report.riskTier).toBe('high');
    });

    it('vendor abroad: the data-location clause, APPI Art. 28 (a foreign recipient) and the external environment', async () => {
      const { required, report, checklist } = await requiredOf({ country: 'US' });
      expect(required).toEqual([...ALWAYS, 'data-location']);
      expect(checklist.items.find((item: { clauseType: string }) => item.clauseType === 'data-location').requiredBy).toEqual(['appi.foreign-basis', 'appi.external-environment']);
      // The annual follow-up of PPC Rules Art. 18 only with a 基準適合体制 as the transfer basis (legal-model.md §3).
      expect(report.applicableRequirements).toEqual(await exactly([...ALWAYS_REQUIREMENTS, 'appi.foreign-basis', 'appi.external-environment']));
      expect(report.applicableRequirements).not.toContain('gdpr.transfers');
      const equivalent = await requiredOf({ country: 'US', transferBasis: 'equivalent-system' });
      expect(equivalent.report.applicableRequirements).toEqual(await exactly([...ALWAYS_REQUIREMENTS, 'appi.foreign-basis', 'appi.foreign-followup', 'appi.external-environment']));
    });

    it('GDPR vendor: Art. 28(3)(e) and (f) clauses; GDPR abroad adds Chapter V', async () => {
      const { required, checklist, report } = await requiredOf({ gdprApplies: true });
      // GDPR Art. 28(3) chapeau asks for the responsibilities of each party (gdpr.particulars).
      expect(required).toEqual([...ALWAYS, 'responsibilities', 'data-subject-requests', 'compliance-assistance']);
      const GDPR = ['gdpr.guarantees', 'gdpr.particulars', 'gdpr.instructions', 'gdpr.confidentiality', 'gdpr.security', 'gdpr.subprocessor-auth', 'gdpr.dsr-assist',
        'gdpr.obligations-assist', 'gdpr.return-delete', 'gdpr.audit', 'gdpr.written'];
      // Not gdpr.subprocessor-flowdown (needs re-entrustment too) nor gdpr.transfers (needs abroad too).
      expect(report.applicableRequirements).toEqual(await exactly([...ALWAYS_REQUIREMENTS, ...GDPR]));
      const assistance = checklist.items.find((item: { clauseType: string }) => item.clauseType === 'compliance-assistance');
      expect(assistance.requiredBy).toEqual(['gdpr.obligations-assist']);
      const abroad = await requiredOf({ gdprApplies: true, dataLocations: ['IE'] });
      // Data in Ireland: foreign handling (外的環境の把握), but no foreign recipient (the vendor is in Japan; the EEA is designated anyway).
      expect(abroad.checklist.items.find((item: { clauseType: string }) => item.clauseType === 'data-location').requiredBy).toEqual(['appi.external-environment', 'gdpr.transfers']);
      expect(abroad.report.applicableRequirements).toEqual(await exactly([...ALWAYS_REQUIREMENTS, ...GDPR, 'appi.external-environment', 'gdpr.transfers']));
    });

    it('re-entrustment vendor: the same clauses, with the re-entrustment requirements cited', async () => {
      const { required, checklist, report } = await requiredOf({ reentrustmentAllowed: true });
      expect(required).toEqual(ALWAYS);
      expect(checklist.items.find((item: { clauseType: string }) => item.clauseType === 'reentrustment').requiredBy).toEqual(['appi.reentrust-terms']);
      // Not gdpr.subprocessor-flowdown: GDPR does not apply to this vendor.
      expect(report.applicableRequirements).toEqual(await exactly([...ALWAYS_REQUIREMENTS, 'appi.reentrust-approval', 'appi.reentrust-oversight']));
    });
  });

  describe('legal sign-off', () => {
    it('refuses approval while a required item is not reviewed, then approves; a later change clears it, recorded', async () => {
      const legal = await t.tokenFor('legal');
      const vendor = await activeVendor(t);
      const contract = await newContract(t, vendor.id);
      const refused = await t.http.post(`/api/v1/contracts/${contract.id}/checklist/approve`).set(...bearer(legal)).send({ version: 1 }).expect(409);
      expect(refused.body.code).toBe('checklist-incomplete');
      expect(refused.body.message[0]).toMatch(/^items: required clause types not reviewed yet: scope-purpose, use-limitation/);

      // Optional clause types (not required for this vendor) may stay not-reviewed; a required one reviewed as
      // missing is signed off only as an exception with a note (test/sign-offs.e2e-spec.ts).
      const missing = ALWAYS[ALWAYS.length - 1];
      const reviewed = await review(t, contract.id, { ...allPresent(ALWAYS.slice(0, -1)), [missing]: 'missing' as const });
      const approved = await t.http.post(`/api/v1/contracts/${contract.id}/checklist/approve`).set(...bearer(legal))
        .send({ version: reviewed.version, exceptions: [{ clauseType: missing, note: '次回更新時に追加' }] }).expect(200);
      expect(approved.body).toMatchObject({
        approvedBy: 'legal@example.test', approvedAt: expect.any(String), version: reviewed.version + 1, approvalExceptions: [{ clauseType: missing, status: 'missing', note: '次回更新時に追加' }],
      });

      const changed = await t.http
        .put(`/api/v1/contracts/${contract.id}/checklist/audit-rights`)
        .set(...bearer(legal))
        .send({ status: 'partial', section: '第15条', note: '立入検査は年1回に限定', version: approved.body.version })
        .expect(200);
      expect(changed.body).toMatchObject({ approvedBy: null, approvedAt: null });
      expect(changed.body.items.find((item: { clauseType: string }) => item.clauseType === 'audit-rights')).toMatchObject({
        status: 'partial', section: '第15条', note: '立入検査は年1回に限定', reviewedBy: 'legal@example.test',
      });
      const history = (await t.http.get(`/api/v1/contracts/${contract.id}/checklist/history`).set(...bearer(viewer)).expect(200)).body;
      // Every review, the sign-off and its clearing, each once (events of one transaction share a time: compared as a set).
      expect(history.map((event: { kind: string; clauseType: string | null }) => `${event.kind}:${event.clauseType}`).sort()).toEqual(
        [...ALWAYS.map((code) => `item-reviewed:${code}`), 'item-reviewed:audit-rights', 'approval-cleared:audit-rights', 'approved:null'].sort(),
      );
      expect(history.find((event: { kind: string }) => event.kind === 'approval-cleared')).toMatchObject({ clauseType: 'audit-rights', actor: 'legal@example.test' });
    });

    it('refuses a stale checklist version with 409 and keeps the stored review', async () => {
      const vendor = await activeVendor(t);
      const contract = await newContract(t, vendor.id);
      const legal = await t.tokenFor('legal');
      await t.http.put(`/api/v1/contracts/${contract.id}/checklist/scope-purpose`).set(...bearer(legal)).send({ status: 'present', version: 1 }).expect(200);
      const stale = await t.http.put(`/api/v1/contracts/${contract.id}/checklist/scope-purpose`).set(...bearer(legal)).send({ status: 'missing', version: 1 }).expect(409);
      expect(stale.body.code).toBe('version-conflict');
      const checklist = (await t.http.get(`/api/v1/contracts/${contract.id}/checklist`).set(...bearer(legal)).expect(200)).body;
      expect(checklist.items[0]).toMatchObject({ clauseType: 'scope-purpose', status: 'present' });
      expect(checklist.version).toBe(2);
      await t.http.post(`/api/v1/contracts/${contract.id}/checklist/approve`).set(...bearer(legal)).send({ version: 1 }).expect(409);
    });

    it('lets only legal and admin review and approve; compliance may record contracts', async () => {
      const vendor = await activeVendor(t);
      const contract = await newContract(t, vendor.id);
      for (const role of ['viewer', 'compliance'] as const) {
        const token = await t.tokenFor(role);
        await t.http.put(`/api/v1/contracts/${contract.id}/checklist/scope-purpose`).set(...bearer(token)).send({ status: 'present', version: 1 }).expect(403);
        await t.http.post(`/api/v1/contracts/${contract.id}/checklist/approve`).set(...bearer(token)).send({ version: 1 }).expect(403);
      }
      const compliance = await t.tokenFor('compliance');
      await t.http.post(`/api/v1/vendors/${vendor.id}/contracts`).set(...bearer(compliance)).send({ title: 'DPA', kind: 'dpa', effectiveFrom: '2024-01-01' }).expect(201);
      await t.http.post(`/api/v1/vendors/${vendor.id}/contracts`).set(...bearer(viewer)).send({ title: 'DPA', kind: 'dpa', effectiveFrom: '2024-01-01' }).expect(403);
      await t.http.put(`/api/v1/contracts/${contract.id}/checklist/scope-purpose`).set(...bearer(await t.tokenFor('admin'))).send({ status: 'present', version: 1 }).expect(200);
    });

    it.each([
      [{ status: 'fine', version: 1 }, 'status'],
      [{ status: 'present' }, 'version'],
      [{ status: 'present', version: 1, section: 'x'.repeat(101) }, 'section'],
      [{ status: 'present', version: 1, reviewer: 'me' }, 'reviewer'],
    ])('refuses checklist input %j with 400 naming %s', async (body, field) => {
      const vendor = await newVendor(t);
      const contract = await newContract(t, vendor.id);
      const response = await t.http.put(`/api/v1/contracts/${contract.id}/checklist/scope-purpose`).set(...bearer(await t.tokenFor('legal'))).send(body).expect(400);
      expect(fieldsNamed(response.body.message)).toEqual([field]);
    });

    it('answers 404 for an unknown clause type or contract', async () => {
      const vendor = await newVendor(t);
      const contract = await newContract(t, vendor.id);
      const legal = await t.tokenFor('legal');
      await t.http.put(`/api/v1/contracts/${contract.id}/checklist/free-lunch`).set(...bearer(legal)).send({ status: 'present', version: 1 }).expect(404);
      await t.http.get('/api/v1/contracts/00000000-0000-4000-8000-000000000000/checklist').set(...bearer(legal)).expect(404);
    });
  });

  describe('contracts', () => {
    it.each([
      [{ kind: 'entrustment', effectiveFrom: '2024-01-01' }, 'title'],
      [{ title: 'A', kind: 'lease', effectiveFrom: '2024-01-01' }, 'kind'],
      [{ title: 'A', kind: 'dpa' }, 'effectiveFrom'],
      [{ title: 'A', kind: 'dpa', effectiveFrom: '2024-02-30' }, 'effectiveFrom'],
      [{ title: 'A', kind: 'dpa', effectiveFrom: '2024-01-01', expiresOn: '2023-12-31' }, 'expiresOn'],
      [{ title: 'A', kind: 'dpa', effectiveFrom: '2024-01-01', status: 'void' }, 'status'],
      [{ title: 'A', kind: 'dpa', effectiveFrom: '2024-01-01', noticeDays: -1 }, 'noticeDays'],
      [{ title: 'A', kind: 'dpa', effectiveFrom: '2024-01-01', autoRenew: 'yes' }, 'autoRenew'],
    ])('refuses %j with 400 naming %s, writing nothing', async (body, field) => {
      const vendor = await newVendor(t);
      const response = await t.http.post(`/api/v1/vendors/${vendor.id}/contracts`).set(...bearer(await t.tokenFor('legal'))).send(body).expect(400);
      expect(fieldsNamed(response.body.message)).toEqual([field]);
      expect((await t.http.get(`/api/v1/vendors/${vendor.id}/contracts`).set(...bearer(viewer)).expect(200)).body).toEqual({ items: [], total: 0, page: 1, pageSize: 50 });
    });

    it('updates with version (409 when stale), refuses illegal moves, and is never deleted', async () => {
      const vendor = await activeVendor(t);
      const contract = await newContract(t, vendor.id, { status: 'draft' });
      expect(contract.inForce).toBe(false);
      const legal = await t.tokenFor('legal');
      const signed = await t.http.patch(`/api/v1/contracts/${contract.id}`).set(...bearer(legal)).send({ version: 1, status: 'signed', expiresOn: '2099-03-31', noticeDays: 90 }).expect(200);
      expect(signed.body).toMatchObject({ status: 'signed', inForce: true, version: 2, noticeDeadline: '2098-12-31' });
      await t.http.patch(`/api/v1/contracts/${contract.id}`).set(...bearer(legal)).send({ version: 1, title: 'stale' }).expect(409);
      const back = await t.http.patch(`/api/v1/contracts/${contract.id}`).set(...bearer(legal)).send({ version: 2, status: 'draft' }).expect(409);
      expect(back.body.message[0]).toMatch(/^status: a contract cannot move from signed to draft/);
      await t.http.delete(`/api/v1/contracts/${contract.id}`).set(...bearer(await t.tokenFor('admin'))).expect(404);
      const keep = await t.http.delete(`/api/v1/vendors/${vendor.id}`).set(...bearer(await t.tokenFor('admin'))).expect(409);
      expect(keep.body.message[0]).toMatch(/^(status|contracts): /);
    });

    it('keeps a candidate that has a contract (contracts are kept, so is the vendor)', async () => {
      const vendor = await newVendor(t);
      await newContract(t, vendor.id, { status: 'draft' });
      const keep = await t.http.delete(`/api/v1/vendors/${vendor.id}`).set(...bearer(await t.tokenFor('compliance'))).expect(409);
      expect(keep.body.message[0]).toMatch(/^contracts: /);
    });
  });

  describe('messages, dates and the flag list', () => {
    it('explains a missing 通信の秘密 clause in English and Japanese, citing the law', async () => {
      const vendor = await activeVendor(t, { dataCategories: ['communications'] });
      // The retention period recorded (legal-model.md §7), so that the missing clause is the only flag.
      const contract = await newContract(t, vendor.id, { title: 'コールセンター業務委託契約', retentionPeriod: '契約終了後30日' });
      await review(t, contract.id, { ...allPresent(ALWAYS), 'communications-secrecy': 'missing' });
      const en = await compliance(vendor.id);
      expect(en.flags).toEqual([
        {
          code: 'missing-clause',
          severity: 'critical',
          basis: 'statute',
          vendorId: vendor.id,
          clauseType: 'communications-secrecy',
          requirementIds: ['tel.secrecy'],
          references: ['TBA Art. 4(1)', 'TBA Art. 4(2)', 'Telecom Guidelines'],
          message:
            'No contract in force (“コールセンター業務委託契約”) contains the clause “Secrecy of communications (通信の秘密の保護)”, ' +
            'which applies because the vendor handles communications data (通信の秘密). It is required by law (TBA Art. 4(1); TBA Art. 4(2); Telecom Guidelines). ' +
            'Add it, e.g. by an amendment (覚書).',
        },
      ]);
      const ja = await compliance(vendor.id, '', await t.tokenFor('admin'));
      expect(ja.flags[0].message).toBe(
        '契約期間中の契約(「コールセンター業務委託契約」)のいずれにも「通信の秘密の保護」の条項がありません。通信の秘密に係る情報を取り扱うため、この条項が必要です' +
          '(法令上の義務: 電気通信事業法第4条第1項、電気通信事業法第4条第2項、電気通信事業ガイドライン)。覚書等で追加してください。',
      );
    });

    it('evaluates asOf a past and a future date', async () => {
      const vendor = await activeVendor(t);
      const contract = await newContract(t, vendor.id, { effectiveFrom: '2030-04-01', expiresOn: '2031-03-31' });
      await review(t, contract.id, allPresent(ALWAYS));
      expect(flagCodes(await compliance(vendor.id))).toEqual(['no-contract']);
      expect(flagCodes(await compliance(vendor.id, '?asOf=2030-04-01'))).toEqual([]);
      const expiring = await compliance(vendor.id, '?asOf=2031-01-01');
      expect(expiring.asOf).toBe('2031-01-01');
      const expiringFlag = expiring.flags.find((flag: { code: string }) => flag.code === 'contract-expiring');
      expect(expiringFlag).toMatchObject({ code: 'contract-expiring', dueDate: '2031-03-31', refType: 'contract', refId: contract.id });
      expect(expiringFlag.message).toBe(
        'The contract “業務委託契約書” ends on 2031-03-31 (in 89 days) and does not renew automatically. ' +
          'A contract in force that secures the entrusted data is required by law (APPI Art. 25; PPC General Guidelines 3-4-4(2)). Renew it in time.',
      );
      expect(flagCodes(await compliance(vendor.id, '?asOf=2031-04-01'))).toEqual(['no-contract']);
      expect(flagCodes(await compliance(vendor.id, '?asOf=2019-01-01'))).toEqual(['no-contract']);
      await t.http.get(`/api/v1/vendors/${vendor.id}/compliance?asOf=2031-02-30`).set(...bearer(viewer)).expect(400);
      await t.http.get('/api/v1/vendors/00000000-0000-4000-8000-000000000000/compliance').set(...bearer(viewer)).expect(404);
    });

    it('lists every flag of every vendor with vendorName, filtered and paged', async () => {
      // At least one warning (a partial clause) beside the critical flags of the vendors above.
      const partial = await activeVendor(t, { name: '一部条項の委託先' });
      await review(t, (await newContract(t, partial.id)).id, { ...allPresent(ALWAYS), 'audit-rights': 'partial' });
      // …and an advisory one: joint use is no entrustment (legal-model.md §4).
      const joint = await activeVendor(t, { name: '共同利用先', relationship: 'joint-use' });
      const all = (await t.http.get('/api/v1/flags?pageSize=200').set(...bearer(viewer)).expect(200)).body;
      expect(all.items).toContainEqual(expect.objectContaining({ code: 'oversight-not-applicable', severity: 'info', vendorId: joint.id }));
      expect(all.total).toBeGreaterThan(0);
      expect(all.items).toHaveLength(all.total); // one page holds them all: the filters below are compared with it
      expect(all.items[0]).toEqual(expect.objectContaining({ code: expect.any(String), vendorName: expect.any(String), message: expect.any(String) }));
      // Most serious first: critical, warning, then advisory (info).
      const rank = (flag: { severity: string }) => ['critical', 'warning', 'info'].indexOf(flag.severity);
      expect(all.items.map(rank)).toEqual([...all.items.map(rank)].sort((a: number, b: number) => a - b));
      expect(all.items.map(rank)).not.toContain(-1);
      type Listed = { code: string; severity: string; vendorId: string; vendorName: string };
      const noContract = (await t.http.get('/api/v1/flags?code=no-contract&pageSize=200').set(...bearer(viewer)).expect(200)).body;
      expect(noContract.items.length).toBeGreaterThan(0);
      expect(noContract).toMatchObject({ total: noContract.items.length, items: all.items.filter((flag: Listed) => flag.code === 'no-contract') });
      const warnings = (await t.http.get('/api/v1/flags?severity=warning&pageSize=200').set(...bearer(viewer)).expect(200)).body;
      expect(warnings.items).toContainEqual(expect.objectContaining({ code: 'partial-clause', vendorId: partial.id, vendorName: '一部条項の委託先' }));
      expect(warnings).toMatchObject({ total: warnings.items.length, items: all.items.filter((flag: Listed) => flag.severity === 'warning') });
      expect(warnings.items.length).toBeLessThan(all.items.length);
      const paged = (await t.http.get('/api/v1/flags?pageSize=1&page=2').set(...bearer(viewer)).expect(200)).body;
      expect(paged).toMatchObject({ page: 2, pageSize: 1, total: all.total });
      expect(paged.items[0]).toEqual(all.items[1]);
      const vendorId = noContract.items[0].vendorId;
      const one = (await t.http.get(`/api/v1/flags?vendorId=${vendorId}`).set(...bearer(viewer)).expect(200)).body;
      expect(one.items.length).toBeGreaterThan(0);
      expect(one).toMatchObject({ total: one.items.length, items: all.items.filter((flag: Listed) => flag.vendorId === vendorId) });
      expect(one.items.length).toBeLessThan(all.items.length);
      await t.http.get('/api/v1/flags?code=nope').set(...bearer(viewer)).expect(400);
      await t.http.get('/api/v1/flags').expect(401);
    });

    it('uses today in Asia/Tokyo by default', async () => {
      const vendor = await activeVendor(t);
      expect((await compliance(vendor.id)).asOf).toBe(today(t));
    });
  });
});

describe('checklists after a catalogue upgrade', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('gives every existing contract an item for a clause type it lacks, so nothing counts as present unreviewed', async () => {
    const vendor = await activeVendor(t);
    const contract = await newContract(t, vendor.id);
    await review(t, contract.id, allPresent(ALWAYS));
    const viewer = await t.tokenFor('viewer');
    expect((await t.http.get(`/api/v1/vendors/${vendor.id}/compliance`).set(...bearer(viewer)).expect(200)).body.status).toBe('compliant');
    // As if the contract predated the clause type "return-deletion": the last start's catalogue lacked it.
    await t.dataSource.query("DELETE FROM checklist_items WHERE clauseType = 'return-deletion'");
    await t.dataSource.query('DELETE FROM derived_fingerprints WHERE name = ?', [CHECKED_CLAUSE_TYPES]);
    await t.app.get(ChecklistBackfill).onApplicationBootstrap();
    const report = (await t.http.get(`/api/v1/vendors/${vendor.id}/compliance`).set(...bearer(viewer)).expect(200)).body;
    expect(report.flags.map((flag: { code: string; clauseType: string }) => `${flag.code}:${flag.clauseType}`)).toEqual(['missing-clause:return-deletion']);
    expect((await t.http.get(`/api/v1/vendors/${vendor.id}`).set(...bearer(viewer)).expect(200)).body.complianceStatus).toBe('non-compliant');
  });

  it('counts the items only when the clause types differ from those of the last check, not at every start', async () => {
    const vendor = await activeVendor(t);
    const contract = await newContract(t, vendor.id);
    const items = async () => Number((await t.dataSource.query('SELECT COUNT(*) AS n FROM checklist_items WHERE contractId = ?', [contract.id]))[0].n);
    const complete = await items();
    await t.dataSource.query("DELETE FROM checklist_items WHERE contractId = ? AND clauseType = 'return-deletion'", [contract.id]);
    // The same catalogue as at the last check: the start does not read the checklists.
    await t.app.get(ChecklistBackfill).onApplicationBootstrap();
    expect(await items()).toBe(complete - 1);
    // Another catalogue (a fingerprint of other clause types): it does, and records this one.
    await t.dataSource.query('UPDATE derived_fingerprints SET fingerprint = ? WHERE name = ?', ['older', CHECKED_CLAUSE_TYPES]);
    await t.app.get(ChecklistBackfill).onApplicationBootstrap();
    expect(await items()).toBe(complete);
    expect((await t.dataSource.query('SELECT fingerprint FROM derived_fingerprints WHERE name = ?', [CHECKED_CLAUSE_TYPES]))[0].fingerprint).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('kept current as the calendar moves', () => {
  let t: TestApp;
  beforeAll(async () => {
    // Tokens must outlive the days the clock moves forward.
    t = await createTestApp({ env: { SCHEDULER_ENABLED: 'true', TOKEN_TTL_HOURS: '2160' } });
  });
  afterAll(() => t.close());

  it('registers the daily recompute at 00:05 in ORG_TIMEZONE', () => {
    expect(t.app.get(ScheduledJobs).timerOf('compliance-daily-recompute')).toEqual({ cron: '5 0 * * *', timeZone: 'Asia/Tokyo' });
  });

  it('moves the stored status and flags when the daily job runs, with no write in between', async () => {
    const viewer = await t.tokenFor('viewer');
    const vendor = await activeVendor(t);
    const expiresOn = addDays(today(t), 95);
    const contract = await newContract(t, vendor.id, { expiresOn });
    await review(t, contract.id, allPresent(ALWAYS));
    const stored = async () => (await t.http.get(`/api/v1/vendors/${vendor.id}`).set(...bearer(viewer)).expect(200)).body.complianceStatus;
    const flagged = async () => (await t.http.get('/api/v1/vendors?flag=contract-expiring').set(...bearer(viewer)).expect(200)).body.total;
    expect(await stored()).toBe('compliant');

    t.clock.advance(10 * 86_400_000);
    try {
      expect(await stored()).toBe('compliant');
      await t.app.get(ComplianceScheduler).run();
      expect(await stored()).toBe('at-risk');
      expect(await flagged()).toBe(1);
    } finally {
      t.clock.advance(-10 * 86_400_000);
    }
  });
});

describe('concurrent reviews of one vendor', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('leaves the stored status equal to a fresh evaluation when two contracts are reviewed at once', async () => {
    const viewer = await t.tokenFor('viewer');
    const legal = await t.tokenFor('legal');
    const vendor = await activeVendor(t);
    const first = await newContract(t, vendor.id, { title: 'A' });
    const second = await newContract(t, vendor.id, { title: 'B' });
    // Every clause is present in one contract or the other: done at once, the two halves race.
    const half = Math.ceil(ALWAYS.length / 2);
    const put = (contractId: string, codes: string[]) =>
      codes.reduce<Promise<number>>(
        async (version, code) =>
          (await t.http.put(`/api/v1/contracts/${contractId}/checklist/${code}`).set(...bearer(legal)).send({ status: 'present', version: await version }).expect(200)).body.version,
        Promise.resolve(1),
      );
    await Promise.all([put(first.id, ALWAYS.slice(0, half)), put(second.id, ALWAYS.slice(half))]);
    const fresh = (await t.http.get(`/api/v1/vendors/${vendor.id}/compliance`).set(...bearer(viewer)).expect(200)).body;
    expect(fresh).toMatchObject({ status: 'compliant', flags: [] });
    expect((await t.http.get(`/api/v1/vendors/${vendor.id}`).set(...bearer(viewer)).expect(200)).body.complianceStatus).toBe('compliant');
  });

  it('cites every missing clause\'s legal basis: each required clause type is asked for by an applicable requirement', async () => {
    const vendor = await activeVendor(t, { dataCategories: ['customer'] });
    await newContract(t, vendor.id);
    const body = (await t.http.get(`/api/v1/vendors/${vendor.id}/compliance`).set(...bearer(await t.tokenFor('viewer'))).expect(200)).body;
    const missing = body.flags.filter((flag: { code: string }) => flag.code === 'missing-clause');
    expect(missing.map((flag: { clauseType: string }) => flag.clauseType)).toEqual(ALWAYS);
    for (const flag of missing) {
      expect([flag.clauseType, flag.message]).not.toEqual([flag.clauseType, expect.stringContaining('()')]);
      expect([flag.clauseType, flag.requirementIds.length > 0, flag.references.length > 0]).toEqual([flag.clauseType, true, true]);
    }
    const staff = missing.find((flag: { clauseType: string }) => flag.clauseType === 'staff-confidentiality');
    expect(staff).toMatchObject({ requirementIds: ['appi.security-measures'], basis: 'policy', references: ['PPC General Guidelines 3-4-4(2)'] });
  });
});
