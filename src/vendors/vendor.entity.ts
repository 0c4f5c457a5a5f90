import { Column, Entity, Index } from 'typeorm';
import { BaseRecord } from '../common/entity-columns';
import { SEARCH_KEY_LENGTH, SORT_KEY_LENGTH } from '../rules/japanese-names';
import { RiskReason } from '../rules/risk-tier';
import {
  COMPLIANCE_STATUSES,
  ComplianceStatus,
  DataCategory,
  Relationship,
  RELATIONSHIPS,
  RISK_TIERS,
  RiskTier,
  SUBCONTRACTOR_APPROVAL_MODES,
  SubcontractorApprovalMode,
  TRANSFER_BASES,
  TransferBasis,
  VENDOR_STATUSES,
  VendorStatus,
} from '../rules/vendor-facts';

/** 委託先: an outside party to whom handling of personal data is entrusted. */
@Entity({ name: 'vendors' })
@Index('UQ_vendors_corporate_number', ['corporateNumber'], { unique: true })
@Index('IDX_vendors_name', ['name', 'id'])
@Index('IDX_vendors_status', ['status', 'name', 'id'])
@Index('IDX_vendors_risk_tier', ['riskTier', 'name', 'id'])
@Index('IDX_vendors_compliance_status', ['complianceStatus', 'name', 'id'])
@Index('IDX_vendors_updated_at', ['updatedAt', 'id'])
@Index('IDX_vendors_sort_key', ['sortKey'])
@Index('IDX_vendors_last_audit_on', ['lastAuditOn'])
@Index('IDX_vendors_next_audit_due', ['nextAuditDue', 'name', 'id'])
export class Vendor extends BaseRecord {
  @Column({ type: 'varchar', length: 200 })
  name!: string;

  /** フリガナ: full-width katakana (rules/japanese-names.ts normalises what was typed). */
  @Column({ type: 'varchar', length: 200, nullable: true })
  reading!: string | null;

  /** Derived from name and reading (vendorKeys): what lists sort by and what search compares. Not facts. */
  @Column({ type: 'varchar', length: SORT_KEY_LENGTH, default: '' })
  sortKey!: string;

  @Column({ type: 'varchar', length: SEARCH_KEY_LENGTH, default: '' })
  searchKey!: string;

  @Column({ type: 'varchar', length: 13, nullable: true })
  corporateNumber!: string | null;

  @Column({ type: 'varchar', length: 2 })
  country!: string;

  @Column({ type: 'json' })
  dataLocations!: string[];

  @Column({ type: 'varchar', length: 2000 })
  services!: string;

  @Column({ type: 'json' })
  dataCategories!: DataCategory[];

  @Column({ type: 'integer', nullable: true })
  dataSubjectCount!: number | null;

  @Column({ type: 'boolean', width: 1 })
  reentrustmentAllowed!: boolean;

  @Column({ type: 'boolean', width: 1 })
  gdprApplies!: boolean;

  /** Entrustment, a cloud service that does not handle the data, joint use or provision (legal-model.md §4). */
  @Column({ type: 'simple-enum', enum: RELATIONSHIPS })
  relationship!: Relationship;

  /** The recorded basis for a foreign recipient (APPI Art. 28; legal-model.md §3.1); null when none is recorded. */
  @Column({ type: 'simple-enum', enum: TRANSFER_BASES, nullable: true })
  transferBasis!: TransferBasis | null;

  /** How its 再委託先 are authorised: each in advance, or an objection period (legal-model.md §5). */
  @Column({ type: 'simple-enum', enum: SUBCONTRACTOR_APPROVAL_MODES })
  subcontractorApproval!: SubcontractorApprovalMode;

  @Column({ type: 'varchar', length: 254, nullable: true })
  ownerEmail!: string | null;

  /** The owner's name when the owner is no user (a user's name is their account's); null otherwise. */
  @Column({ type: 'varchar', length: 100, nullable: true })
  ownerName!: string | null;

  @Column({ type: 'simple-enum', enum: VENDOR_STATUSES })
  status!: VendorStatus;

  @Column({ type: 'date', nullable: true })
  activeSince!: string | null;

  /** The tier in effect: the override when there is one, else the computed tier. */
  @Column({ type: 'simple-enum', enum: RISK_TIERS })
  riskTier!: RiskTier;

  @Column({ type: 'simple-enum', enum: RISK_TIERS })
  riskTierComputed!: RiskTier;

  @Column({ type: 'json' })
  riskTierReasons!: RiskReason[];

  @Column({ type: 'simple-enum', enum: RISK_TIERS, nullable: true })
  riskTierOverride!: RiskTier | null;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  riskTierOverrideReason!: string | null;

  /** Stored so lists can filter and sort through an index; the compliance engine keeps it current. */
  @Column({ type: 'simple-enum', enum: COMPLIANCE_STATUSES })
  complianceStatus!: ComplianceStatus;

  /** The last completed audit (derived, like complianceStatus: the compliance engine keeps it current). */
  @Column({ type: 'date', nullable: true })
  lastAuditOn!: string | null;

  /** When the next audit is due (rules/supervision.ts auditDates; null when the vendor is not supervised), kept by the engine. */
  @Column({ type: 'date', nullable: true })
  nextAuditDue!: string | null;
}
