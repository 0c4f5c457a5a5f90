import { CONTRACT_KINDS, CONTRACT_STATUSES } from '../rules/contracts';
import { FLAG_CODES } from '../rules/flags';
import { COMPLIANCE_STATUSES, DATA_CATEGORIES, RELATIONSHIPS, RISK_TIERS, SUBCONTRACTOR_APPROVAL_MODES, TRANSFER_BASES, VENDOR_STATUSES } from '../rules/vendor-facts';

/**
 * The columns of the vendor register (委託先管理台帳) as a spreadsheet: what the import reads, the
 * template offers and the vendor export writes. One row is one vendor, or one contract of a vendor
 * (a vendor with several contracts has several rows that repeat, or leave blank, its vendor cells).
 * Column ids are stable (they are the API's field names; contract fields are prefixed `contract`);
 * headers come from the message catalogue in ja and en (`importColumn.<id>`), and the import
 * accepts either language or the id itself.
 */
export type ColumnKind = 'text' | 'reading' | 'enum' | 'enum-list' | 'country' | 'country-list' | 'date' | 'boolean' | 'integer' | 'email' | 'corporate-number';

export interface RegisterColumn {
  id: string;
  /** vendor and contract columns are imported; computed ones are written by the export and ignored on import. */
  entity: 'vendor' | 'contract' | 'computed';
  /** The DTO property (CreateVendorDto / CreateContractDto) the cell fills. */
  field: string;
  kind: ColumnKind;
  allowed?: readonly string[];
  /** Enumerated columns: the catalogue prefix of their labels (`ui.enum.vendorStatus` → 取引中 / Active). */
  labels?: string;
  maxLength?: number;
  /** Integer columns: the largest value the API accepts (the smallest is 0). */
  max?: number;
  /** Required on every row (name), or on every row that has a contract (title, kind, start). */
  required?: boolean;
  /** The template's example row, per language where the text differs. */
  example: { ja: string; en: string };
  /** Headers earlier versions wrote for the column: a file exported then still imports. */
  formerHeaders?: readonly string[];
}

const same = (value: string) => ({ ja: value, en: value });

export const REGISTER_COLUMNS: readonly RegisterColumn[] = [
  { id: 'name', entity: 'vendor', field: 'name', kind: 'text', maxLength: 200, required: true, example: { ja: '株式会社サンプルデータセンター', en: 'Sample Data Center K.K.' } },
  { id: 'corporateNumber', entity: 'vendor', field: 'corporateNumber', kind: 'corporate-number', example: same('7000012050002') },
  { id: 'country', entity: 'vendor', field: 'country', kind: 'country', example: same('JP') },
  { id: 'dataLocations', entity: 'vendor', field: 'dataLocations', kind: 'country-list', example: same('JP;SG') },
  { id: 'services', entity: 'vendor', field: 'services', kind: 'text', maxLength: 2000, example: { ja: 'ホスティング基盤の運用保守', en: 'Operation of the hosting platform' } },
  { id: 'dataCategories', entity: 'vendor', field: 'dataCategories', kind: 'enum-list', allowed: DATA_CATEGORIES, labels: 'dataCategory', example: same('customer;communications') },
  { id: 'dataSubjectCount', entity: 'vendor', field: 'dataSubjectCount', kind: 'integer', max: 2_000_000_000, example: same('250000') },
  { id: 'reentrustmentAllowed', entity: 'vendor', field: 'reentrustmentAllowed', kind: 'boolean', example: same('FALSE') },
  { id: 'gdprApplies', entity: 'vendor', field: 'gdprApplies', kind: 'boolean', example: same('FALSE') },
  { id: 'relationship', entity: 'vendor', field: 'relationship', kind: 'enum', allowed: RELATIONSHIPS, labels: 'ui.enum.relationship', example: same('entrustment') },
  { id: 'transferBasis', entity: 'vendor', field: 'transferBasis', kind: 'enum', allowed: TRANSFER_BASES, labels: 'ui.enum.transferBasis', example: same('') },
  { id: 'subcontractorApproval', entity: 'vendor', field: 'subcontractorApproval', kind: 'enum', allowed: SUBCONTRACTOR_APPROVAL_MODES, labels: 'ui.enum.subcontractorApproval', example: same('prior-approval') },
  { id: 'ownerEmail', entity: 'vendor', field: 'ownerEmail', kind: 'email', maxLength: 254, example: same('owner@example.com') },
  { id: 'ownerName', entity: 'vendor', field: 'ownerName', kind: 'text', maxLength: 100, example: same('') },
  { id: 'status', entity: 'vendor', field: 'status', kind: 'enum', allowed: VENDOR_STATUSES, labels: 'ui.enum.vendorStatus', example: same('active') },
  { id: 'activeSince', entity: 'vendor', field: 'activeSince', kind: 'date', example: same('2019-04-01') },
  { id: 'riskTierOverride', entity: 'vendor', field: 'riskTierOverride', kind: 'enum', allowed: RISK_TIERS, labels: 'ui.enum.riskTier', example: same('') },
  { id: 'riskTierOverrideReason', entity: 'vendor', field: 'riskTierOverrideReason', kind: 'text', maxLength: 1000, example: same('') },
  { id: 'reading', entity: 'vendor', field: 'reading', kind: 'reading', maxLength: 200, example: { ja: 'サンプルデータセンター', en: '' } },
  { id: 'contractTitle', entity: 'contract', field: 'title', kind: 'text', maxLength: 200, required: true, example: { ja: '個人情報の取扱いに関する業務委託契約書', en: 'Entrustment agreement on personal data' } },
  { id: 'contractKind', entity: 'contract', field: 'kind', kind: 'enum', allowed: CONTRACT_KINDS, labels: 'ui.enum.contractKind', required: true, example: same('entrustment') },
  { id: 'contractStatus', entity: 'contract', field: 'status', kind: 'enum', allowed: CONTRACT_STATUSES, labels: 'ui.enum.contractStatus', example: same('signed') },
  { id: 'contractSignedOn', entity: 'contract', field: 'signedOn', kind: 'date', example: same('2019-03-15') },
  { id: 'contractEffectiveFrom', entity: 'contract', field: 'effectiveFrom', kind: 'date', required: true, example: same('2019-04-01') },
  { id: 'contractExpiresOn', entity: 'contract', field: 'expiresOn', kind: 'date', example: same('2027-03-31') },
  { id: 'contractAutoRenew', entity: 'contract', field: 'autoRenew', kind: 'boolean', example: same('TRUE') },
  { id: 'contractNoticeDays', entity: 'contract', field: 'noticeDays', kind: 'integer', max: 3650, example: same('90') },
  { id: 'contractGoverningLaw', entity: 'contract', field: 'governingLaw', kind: 'text', maxLength: 100, example: { ja: '日本法', en: 'Japanese law' } },
  { id: 'contractDocumentRef', entity: 'contract', field: 'documentRef', kind: 'text', maxLength: 500, example: same('DMS-2019-0412') },
  { id: 'contractRetentionPeriod', entity: 'contract', field: 'retentionPeriod', kind: 'text', maxLength: 200, example: { ja: '契約終了後30日', en: '30 days after the contract ends' } },
  { id: 'lastAuditOn', entity: 'computed', field: 'lastAuditOn', kind: 'date', example: same('2025-06-01') },
  { id: 'nextAuditDue', entity: 'computed', field: 'nextAuditDue', kind: 'date', example: same('2026-06-01') },
  { id: 'riskTier', entity: 'computed', field: 'riskTier', kind: 'enum', allowed: RISK_TIERS, labels: 'ui.enum.riskTier', example: same('high') },
  { id: 'complianceStatus', entity: 'computed', field: 'complianceStatus', kind: 'enum', allowed: COMPLIANCE_STATUSES, labels: 'ui.enum.complianceStatus', example: same('non-compliant') },
  { id: 'flags', entity: 'computed', field: 'flags', kind: 'enum-list', allowed: FLAG_CODES, labels: 'ui.enum.flagCode', example: same('selection-missing'), formerHeaders: ['警告コード', 'Flag codes'] },
];

/** What the template and the import cover: the computed columns are the export's alone. */
export const IMPORT_COLUMNS = REGISTER_COLUMNS.filter((column) => column.entity !== 'computed');

/** Separator of list cells (dataLocations, dataCategories, flags); "、", "," and line breaks are accepted too. */
export const LIST_SEPARATOR = ';';
export const LIST_SPLIT = /[;,、，；\n]/;
