import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { Contract } from '../contracts/contract.entity';
import { BaseRecord } from '../common/entity-columns';
import { SELECTION_ITEM_CODES, SELECTION_ITEM_STATUSES } from '../rules/supervision';
import { Vendor } from '../vendors/vendor.entity';

/**
 * `selection`: 委託先選定評価 (通則GL 3-4-4(1)); `foreign-regime`: 外的環境の把握 (通則GL 10-7), the
 * regime of the countries it lists; `equivalent-measures-review`: 外国の制度等の確認 (PPC Rules Art. 18),
 * the foreign recipient's equivalent measures and the foreign laws that may affect them; `periodic`.
 */
export const ASSESSMENT_KINDS = ['selection', 'foreign-regime', 'periodic', 'equivalent-measures-review'] as const;
export type AssessmentKind = (typeof ASSESSMENT_KINDS)[number];
export const ASSESSMENT_OUTCOMES = ['approved', 'approved-with-conditions', 'rejected'] as const;
export type AssessmentOutcome = (typeof ASSESSMENT_OUTCOMES)[number];
export const ASSESSMENT_ITEM_CODES = SELECTION_ITEM_CODES;
export const ASSESSMENT_ITEM_STATUSES = SELECTION_ITEM_STATUSES;
export const EVIDENCE_KINDS = ['document', 'certificate', 'interview', 'site-visit'] as const;

export interface AssessmentItem {
  code: (typeof ASSESSMENT_ITEM_CODES)[number];
  status: (typeof ASSESSMENT_ITEM_STATUSES)[number];
  /** What was seen: document, certificate, interview, site visit, or a document's name. */
  evidence?: string;
  note?: string;
}

/** 委託先選定評価 (通則GL 3-4-4(1)), periodic evaluation, 外的環境の把握 (通則GL 10-7) or 外国の制度等の確認 (PPC Rules Art. 18). */
@Entity({ name: 'assessments' })
@Index('IDX_assessments_vendor_kind', ['vendorId', 'kind', 'completedOn'])
export class Assessment extends BaseRecord {
  @Column({ type: 'varchar', length: 36 })
  vendorId!: string;

  @ManyToOne(() => Vendor, { onDelete: 'RESTRICT', onUpdate: 'NO ACTION' })
  @JoinColumn({ name: 'vendorId', foreignKeyConstraintName: 'FK_assessments_vendor' })
  vendor?: Vendor;

  @Column({ type: 'simple-enum', enum: ASSESSMENT_KINDS })
  kind!: AssessmentKind;

  @Column({ type: 'date' })
  completedOn!: string;

  @Column({ type: 'simple-enum', enum: ASSESSMENT_OUTCOMES })
  outcome!: AssessmentOutcome;

  @Column({ type: 'varchar', length: 4000, nullable: true })
  notes!: string | null;

  /** For approved-with-conditions: what the vendor must do, and by when. */
  @Column({ type: 'varchar', length: 2000, nullable: true })
  conditions!: string | null;

  @Column({ type: 'date', nullable: true })
  conditionsDueOn!: string | null;

  @Column({ type: 'json' })
  items!: AssessmentItem[];

  /** The countries a foreign-regime review (外的環境の把握) covers (ISO 3166-1 alpha-2); empty for other kinds. */
  @Column({ type: 'json' })
  countries!: string[];

  @Column({ type: 'varchar', length: 36 })
  recordedById!: string;
}

export const AUDIT_KINDS = ['questionnaire', 'document-review', 'remote', 'on-site'] as const;
export type AuditKind = (typeof AUDIT_KINDS)[number];
export const AUDIT_STATUSES = ['planned', 'in-progress', 'completed', 'cancelled'] as const;
export type AuditStatus = (typeof AUDIT_STATUSES)[number];
export const AUDIT_RESULTS = ['satisfactory', 'minor-issues', 'major-issues', 'failed'] as const;
export type AuditResult = (typeof AUDIT_RESULTS)[number];

/** 監査 / 取扱状況の確認 (PPC GL 3-4-4(3); JIS e)). */
@Entity({ name: 'audits' })
@Index('IDX_audits_vendor_status', ['vendorId', 'status', 'completedOn'])
@Index('IDX_audits_status_scheduled', ['status', 'scheduledFor', 'id'])
@Index('IDX_audits_scheduled', ['scheduledFor', 'id'])
export class Audit extends BaseRecord {
  @Column({ type: 'varchar', length: 36 })
  vendorId!: string;

  @ManyToOne(() => Vendor, { onDelete: 'RESTRICT', onUpdate: 'NO ACTION' })
  @JoinColumn({ name: 'vendorId', foreignKeyConstraintName: 'FK_audits_vendor' })
  vendor?: Vendor;

  @Column({ type: 'simple-enum', enum: AUDIT_KINDS })
  kind!: AuditKind;

  @Column({ type: 'date' })
  scheduledFor!: string;

  @Column({ type: 'varchar', length: 254, nullable: true })
  auditorEmail!: string | null;

  @Column({ type: 'simple-enum', enum: AUDIT_STATUSES })
  status!: AuditStatus;

  @Column({ type: 'date', nullable: true })
  completedOn!: string | null;

  @Column({ type: 'simple-enum', enum: AUDIT_RESULTS, nullable: true })
  result!: AuditResult | null;

  @Column({ type: 'varchar', length: 4000, nullable: true })
  summary!: string | null;
}

export const FINDING_SEVERITIES = ['low', 'medium', 'high'] as const;
export type FindingSeverity = (typeof FINDING_SEVERITIES)[number];
export const FINDING_STATUSES = ['open', 'resolved', 'risk-accepted'] as const;
export type FindingStatus = (typeof FINDING_STATUSES)[number];

/** 指摘事項: a problem found in an audit, with an owner, a due date and a closure (JIS f)). */
@Entity({ name: 'findings' })
@Index('IDX_findings_vendor_status', ['vendorId', 'status', 'dueOn'])
@Index('IDX_findings_audit', ['auditId'])
@Index('IDX_findings_status_due', ['status', 'dueOn', 'id'])
@Index('IDX_findings_due', ['dueOn', 'id'])
// The dashboard's open findings by severity, counted from the index alone.
@Index('IDX_findings_status_severity', ['status', 'severity'])
export class Finding extends BaseRecord {
  @Column({ type: 'varchar', length: 36 })
  auditId!: string;

  @ManyToOne(() => Audit, { onDelete: 'RESTRICT', onUpdate: 'NO ACTION' })
  @JoinColumn({ name: 'auditId', foreignKeyConstraintName: 'FK_findings_audit' })
  audit?: Audit;

  @Column({ type: 'varchar', length: 36 })
  vendorId!: string;

  @ManyToOne(() => Vendor, { onDelete: 'RESTRICT', onUpdate: 'NO ACTION' })
  @JoinColumn({ name: 'vendorId', foreignKeyConstraintName: 'FK_findings_vendor' })
  vendor?: Vendor;

  @Column({ type: 'varchar', length: 300 })
  title!: string;

  @Column({ type: 'simple-enum', enum: FINDING_SEVERITIES })
  severity!: FindingSeverity;

  @Column({ type: 'varchar', length: 40, nullable: true })
  clauseType!: string | null;

  @Column({ type: 'date' })
  dueOn!: string;

  @Column({ type: 'varchar', length: 254, nullable: true })
  ownerEmail!: string | null;

  @Column({ type: 'simple-enum', enum: FINDING_STATUSES })
  status!: FindingStatus;

  @Column({ type: 'varchar', length: 2000, nullable: true })
  resolutionNote!: string | null;

  @Column({ type: 'date', nullable: true })
  closedOn!: string | null;

  /** What was found, in full (the title is its one line). */
  @Column({ type: 'varchar', length: 4000, nullable: true })
  description!: string | null;

  /** What the vendor will do about it, by when (JIS Q 15001 f): corrective action). */
  @Column({ type: 'varchar', length: 4000, nullable: true })
  correctiveActionPlan!: string | null;

  /** Who closed it (resolved or risk accepted): their e-mail; and when. */
  @Column({ type: 'varchar', length: 254, nullable: true })
  closedBy!: string | null;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  closedAt!: Date | null;
}

export const SUBCONTRACTOR_STATUSES = ['pending', 'approved', 'objected', 'withdrawn'] as const;
export type SubcontractorStatus = (typeof SUBCONTRACTOR_STATUSES)[number];

/** 再委託先: a party the vendor passes the work on to; `parentId` makes a chain of any depth. */
@Entity({ name: 'subcontractors' })
@Index('IDX_subcontractors_vendor', ['vendorId', 'status'])
@Index('IDX_subcontractors_country', ['country', 'status', 'vendorId'])
export class Subcontractor extends BaseRecord {
  @Column({ type: 'varchar', length: 36 })
  vendorId!: string;

  @ManyToOne(() => Vendor, { onDelete: 'RESTRICT', onUpdate: 'NO ACTION' })
  @JoinColumn({ name: 'vendorId', foreignKeyConstraintName: 'FK_subcontractors_vendor' })
  vendor?: Vendor;

  @Column({ type: 'varchar', length: 36, nullable: true })
  parentId!: string | null;

  @ManyToOne(() => Subcontractor, { onDelete: 'RESTRICT', onUpdate: 'NO ACTION' })
  @JoinColumn({ name: 'parentId', foreignKeyConstraintName: 'FK_subcontractors_parent' })
  parent?: Subcontractor;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Column({ type: 'varchar', length: 2 })
  country!: string;

  @Column({ type: 'varchar', length: 2000 })
  services!: string;

  @Column({ type: 'simple-enum', enum: SUBCONTRACTOR_STATUSES })
  status!: SubcontractorStatus;

  @Column({ type: 'date' })
  announcedOn!: string;

  /** The last day to object to an announced subcontractor (GDPR 28(2) general authorisation). */
  @Column({ type: 'date', nullable: true })
  objectionDeadline!: string | null;

  @Column({ type: 'date', nullable: true })
  approvedOn!: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  approvedBy!: string | null;

  /** Approved because its objection deadline passed with no objection (the daily job; legal-model.md §5), not by a person. */
  @Column({ type: 'boolean', width: 1 })
  deemedApproval!: boolean;

  @Column({ type: 'date', nullable: true })
  objectedOn!: string | null;

  @Column({ type: 'varchar', length: 2000, nullable: true })
  objectionReason!: string | null;
}

export const CERTIFICATE_KINDS = ['privacy-mark', 'iso27001', 'iso27701', 'soc2', 'ismap', 'other'] as const;
export type CertificateKind = (typeof CERTIFICATE_KINDS)[number];

/** Privacy Mark, ISO 27001/27701, SOC 2, ISMAP… held by the vendor for the service. */
@Entity({ name: 'certificates' })
@Index('IDX_certificates_vendor', ['vendorId', 'validUntil'])
@Index('IDX_certificates_valid_until', ['validUntil', 'id'])
export class Certificate extends BaseRecord {
  @Column({ type: 'varchar', length: 36 })
  vendorId!: string;

  @ManyToOne(() => Vendor, { onDelete: 'RESTRICT', onUpdate: 'NO ACTION' })
  @JoinColumn({ name: 'vendorId', foreignKeyConstraintName: 'FK_certificates_vendor' })
  vendor?: Vendor;

  @Column({ type: 'simple-enum', enum: CERTIFICATE_KINDS })
  kind!: CertificateKind;

  @Column({ type: 'varchar', length: 200, nullable: true })
  issuer!: string | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  number!: string | null;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  scope!: string | null;

  @Column({ type: 'date' })
  validUntil!: string;
}

/** 廃棄証明書: the vendor's certificate that it returned or erased the data at the end. */
@Entity({ name: 'deletion_certificates' })
@Index('IDX_deletion_certificates_vendor', ['vendorId'])
export class DeletionCertificate extends BaseRecord {
  @Column({ type: 'varchar', length: 36 })
  vendorId!: string;

  @ManyToOne(() => Vendor, { onDelete: 'RESTRICT', onUpdate: 'NO ACTION' })
  @JoinColumn({ name: 'vendorId', foreignKeyConstraintName: 'FK_deletion_certificates_vendor' })
  vendor?: Vendor;

  @Column({ type: 'varchar', length: 36, nullable: true })
  contractId!: string | null;

  @ManyToOne(() => Contract, { onDelete: 'RESTRICT', onUpdate: 'NO ACTION' })
  @JoinColumn({ name: 'contractId', foreignKeyConstraintName: 'FK_deletion_certificates_contract' })
  contract?: Contract;

  @Column({ type: 'date' })
  receivedOn!: string;

  @Column({ type: 'varchar', length: 2000, nullable: true })
  note!: string | null;
}
