import type { ChecklistView, ContractView } from '../../src/contracts/contract.view';
import type { CreateContractDto } from '../../src/contracts/dto/contract.dto';
import type { ReviewStatus } from '../../src/rules/contracts';
import type {
  CreateAssessmentDto, CreateAuditDto, CreateCertificateDto, CreateDeletionCertificateDto, CreateFindingDto, CreateSubcontractorDto,
} from '../../src/supervision/dto/supervision.dto';
import type { Assessment, Audit, Certificate, DeletionCertificate, Finding, Subcontractor } from '../../src/supervision/supervision.entities';
import type { Role } from '../../src/common/access-policy';
import { SELECTION_ITEM_CODES } from '../../src/rules/supervision';
import type { CreateVendorDto } from '../../src/vendors/dto/vendor.dto';
import type { VendorView } from '../../src/vendors/vendor.view';
import type { CreateIncidentDto } from '../../src/incidents/dto/incident.dto';
import type { IncidentView } from '../../src/incidents/incidents.service';
import { bearer, TestApp } from './test-app';

/**
 * Test data through the front door: every factory creates its record with a POST to the JSON API,
 * as the role that may write it, and returns the API's answer. Defaults make a valid record;
 * a test names only the facts it is about.
 */

/** Valid 法人番号 for tests (check digits verified in corporate-number.spec.ts). */
export const CORPORATE_NUMBERS = ['7000012050002', '1180301018771', '4000012090001', '2000012010019'];

/** What a test may send: any field of the API's input, optional, and null where the API clears a field. */
export type Fields<Dto> = { [K in keyof Dto]?: Dto[K] | null };

/** A supervision record as the API returns it: its columns, timestamps as ISO 8601 strings, no relations. */
export type ApiRecord<T> = Omit<T, 'createdAt' | 'updatedAt' | 'vendor' | 'audit' | 'parent' | 'contract'> & { createdAt: string; updatedAt: string };
export type AssessmentRecord = ApiRecord<Assessment>;
export type AuditRecord = ApiRecord<Audit>;
export type FindingRecord = ApiRecord<Finding>;
export type SubcontractorRecord = ApiRecord<Subcontractor> & { depth: number };
export type CertificateRecord = ApiRecord<Certificate>;
export type DeletionCertificateRecord = ApiRecord<DeletionCertificate>;

let sequence = 0;

/** POSTs `body` to `path` as `role` and returns the created record; anything but 201 with the record (its id) fails the test with the answer. */
async function create<T extends { id: string }>(t: TestApp, role: Role, path: string, body: object): Promise<T> {
  const response = await t.http.post(path).set(...bearer(await t.tokenFor(role))).send(body);
  if (response.status !== 201 || typeof response.body?.id !== 'string') throw new Error(`POST ${path} did not create: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body as T;
}

/** Today as the app sees it: the calendar date of the app's clock in its ORG_TIMEZONE (not the machine's zone). */
export function today(t: Pick<TestApp, 'config' | 'clock'>): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: t.config.orgTimezone }).format(t.clock.now());
}

/** A vendor (a candidate unless `status` says otherwise), created by compliance. */
export function newVendor(t: TestApp, input: Fields<CreateVendorDto> = {}): Promise<VendorView> {
  sequence += 1;
  return create<VendorView>(t, 'compliance', '/api/v1/vendors', { name: `委託先 ${sequence}`, services: 'hosting operations', ...input });
}

/** Every selection item confirmed (通則GL 3-4-4(1)): an approved selection counts only with them (legal-model.md §7). */
/**
 * The clause types every entrusted vendor of the default organisation needs: those an applicable
 * requirement asks for (legal-model.md §2, §4). breach-remedies and responsibilities are asked for only by
 * JIS Q 15001 (with the Privacy Mark), GDPR and the 番号法 rows.
 */
export const ENTRUSTMENT_CLAUSES = [
  'scope-purpose', 'use-limitation', 'security-measures', 'staff-confidentiality', 'reentrustment', 'handling-reports', 'audit-rights',
  'incident-notification', 'retention-erasure', 'return-deletion',
];

export const CONFIRMED_ITEMS = SELECTION_ITEM_CODES.map((code) => ({ code, status: 'confirmed' as const, evidence: 'document' }));

/** An active vendor that passed selection (通則GL 3-4-4(1), every item confirmed), so only what a test adds can flag it. */
export async function activeVendor(t: TestApp, input: Fields<CreateVendorDto> = {}): Promise<VendorView> {
  const vendor = await newVendor(t, { status: 'active', ...input });
  await newAssessment(t, vendor.id, { kind: 'selection', completedOn: '2020-03-01', outcome: 'approved', items: CONFIRMED_ITEMS });
  return vendor;
}

/** A signed entrustment contract in force since 2020-04-01, recorded by legal. */
export function newContract(t: TestApp, vendorId: string, input: Fields<CreateContractDto> = {}): Promise<ContractView> {
  return create<ContractView>(t, 'legal', `/api/v1/vendors/${vendorId}/contracts`, {
    title: '業務委託契約書', kind: 'entrustment', status: 'signed', signedOn: '2020-03-15', effectiveFrom: '2020-04-01', ...input,
  });
}

/** Marks clause types on a contract's checklist as legal, one PUT each at the current version, and returns the final checklist. */
export async function review(t: TestApp, contractId: string, statuses: Readonly<Record<string, ReviewStatus>>): Promise<ChecklistView> {
  const legal = await t.tokenFor('legal');
  let checklist = (await t.http.get(`/api/v1/contracts/${contractId}/checklist`).set(...bearer(legal)).expect(200)).body as ChecklistView;
  for (const [clauseType, status] of Object.entries(statuses)) {
    const response = await t.http
      .put(`/api/v1/contracts/${contractId}/checklist/${clauseType}`)
      .set(...bearer(legal))
      .send({ status, section: '第1条', version: checklist.version });
    if (response.status !== 200) throw new Error(`review failed: ${response.status} ${JSON.stringify(response.body)}`);
    checklist = response.body as ChecklistView;
  }
  return checklist;
}

/** The same review for each clause type named, e.g. every clause type a vendor needs `present`. */
export function reviews(clauseTypes: readonly string[], status: ReviewStatus): Record<string, ReviewStatus> {
  return Object.fromEntries(clauseTypes.map((clauseType) => [clauseType, status]));
}

/** A selection assessment (approved, today) unless the input says otherwise. */
export function newAssessment(t: TestApp, vendorId: string, input: Fields<CreateAssessmentDto> = {}): Promise<AssessmentRecord> {
  return create<AssessmentRecord>(t, 'compliance', `/api/v1/vendors/${vendorId}/assessments`, {
    kind: 'selection', completedOn: today(t), outcome: 'approved', ...input,
  });
}

/** A planned remote audit, scheduled for today unless the input says otherwise. */
export function newAudit(t: TestApp, vendorId: string, input: Fields<CreateAuditDto> = {}): Promise<AuditRecord> {
  return create<AuditRecord>(t, 'compliance', `/api/v1/vendors/${vendorId}/audits`, { kind: 'remote', scheduledFor: today(t), ...input });
}

/** An open finding of the audit (low severity, due in 2099 unless the input says otherwise). */
export function newFinding(t: TestApp, auditId: string, input: Fields<CreateFindingDto> = {}): Promise<FindingRecord> {
  sequence += 1;
  return create<FindingRecord>(t, 'compliance', `/api/v1/audits/${auditId}/findings`, {
    title: `指摘事項 ${sequence}`, severity: 'low', dueOn: '2099-12-31', ...input,
  });
}

/** A subcontractor (再委託先) in Japan, pending unless the input gives an approval. */
export function newSubcontractor(t: TestApp, vendorId: string, input: Fields<CreateSubcontractorDto> = {}): Promise<SubcontractorRecord> {
  sequence += 1;
  return create<SubcontractorRecord>(t, 'compliance', `/api/v1/vendors/${vendorId}/subcontractors`, {
    name: `再委託先 ${sequence}`, country: 'JP', services: 'データセンター運用', ...input,
  });
}

/** A Privacy Mark certificate valid until 2099 unless the input says otherwise. */
export function newCertificate(t: TestApp, vendorId: string, input: Fields<CreateCertificateDto> = {}): Promise<CertificateRecord> {
  return create<CertificateRecord>(t, 'compliance', `/api/v1/vendors/${vendorId}/certificates`, { kind: 'privacy-mark', validUntil: '2099-03-31', ...input });
}

/** A deletion certificate (廃棄・消去証明書) received today unless the input says otherwise. */
export function newDeletionCertificate(t: TestApp, vendorId: string, input: Fields<CreateDeletionCertificateDto> = {}): Promise<DeletionCertificateRecord> {
  return create<DeletionCertificateRecord>(t, 'compliance', `/api/v1/vendors/${vendorId}/deletion-certificates`, { receivedOn: today(t), ...input });
}

/**
 * An incident (漏えい等) of a vendor, recorded by compliance: by default 3 ordinary customer records
 * that the vendor told us of an hour ago (no report required); a test names the facts it is about.
 */
export function newIncident(t: TestApp, vendorId: string, input: Fields<CreateIncidentDto> = {}): Promise<IncidentView> {
  sequence += 1;
  const hourAgo = new Date(t.clock.now().getTime() - 3_600_000).toISOString();
  return create<IncidentView>(t, 'compliance', `/api/v1/vendors/${vendorId}/incidents`, {
    title: `事案 ${sequence}`, kind: 'leak', notifiedAt: hourAgo, dataCategories: ['customer'], personsAffected: 3, ...input,
  });
}
