/** Plain vendor facts the rules work on (domain.md, "Vendor facts that drive applicability"; legal-model.md §3–§5). */

export const DATA_CATEGORIES = ['customer', 'employee', 'sensitive', 'communications', 'payment', 'my-number'] as const;
export type DataCategory = (typeof DATA_CATEGORIES)[number];

export const VENDOR_STATUSES = ['candidate', 'active', 'offboarding', 'terminated'] as const;
export type VendorStatus = (typeof VENDOR_STATUSES)[number];

export const RISK_TIERS = ['low', 'medium', 'high'] as const;
export type RiskTier = (typeof RISK_TIERS)[number];

export const COMPLIANCE_STATUSES = ['compliant', 'at-risk', 'non-compliant', 'not-evaluated'] as const;
export type ComplianceStatus = (typeof COMPLIANCE_STATUSES)[number];

/**
 * Is it entrustment at all (legal-model.md §4)? Only `entrustment` (委託) carries the duties of
 * 委託先の監督 (APPI Art. 25). `cloud-no-handling`: a cloud service whose contract makes clear that
 * the provider does not handle the personal data, with access controlled (PPC Q&A 7-53).
 * `joint-use` (共同利用) and `provision` (第三者提供) are no entrustment.
 */
export const RELATIONSHIPS = ['entrustment', 'cloud-no-handling', 'joint-use', 'provision'] as const;
export type Relationship = (typeof RELATIONSHIPS)[number];

/**
 * The recorded basis for providing personal data to a foreign recipient (APPI Art. 28, legal-model.md
 * §3.1): the data subjects' consent (本人の同意), the recipient's 基準適合体制 (PPC Rules Art. 16), or
 * no provision at all because the vendor does not handle the data (the cloud exception, Q&A 7-53).
 */
export const TRANSFER_BASES = ['consent', 'equivalent-system', 'not-provision'] as const;
export type TransferBasis = (typeof TRANSFER_BASES)[number];

/**
 * How the vendor's 再委託先 are authorised (legal-model.md §5): each one approved in advance
 * (事前承認), or a general written authorisation with a period to object (GDPR Art. 28(2)), after
 * which an announced subcontractor nobody objected to is deemed authorised.
 */
export const SUBCONTRACTOR_APPROVAL_MODES = ['prior-approval', 'objection-period'] as const;
export type SubcontractorApprovalMode = (typeof SUBCONTRACTOR_APPROVAL_MODES)[number];

export interface VendorFacts {
  country: string;
  dataLocations: string[];
  dataCategories: DataCategory[];
  dataSubjectCount: number | null;
  reentrustmentAllowed: boolean;
  gdprApplies: boolean;
  relationship: Relationship;
  transferBasis: TransferBasis | null;
  subcontractorApproval: SubcontractorApprovalMode;
  /** Countries of the vendor's subcontractors that handle the data (any tier, not withdrawn). */
  subcontractorCountries: readonly string[];
}

export const HOME_COUNTRY = 'JP';

/**
 * The countries designated under PPC Rules Art. 15 as having a personal-information regime of a
 * level equivalent to Japan's: the member states of the European Economic Area and the United
 * Kingdom (legal-model.md §3; PPC Q&A 12-7). A vendor located there is no foreign recipient under
 * APPI Art. 28, though handling there is still foreign handling (通則GL 10-7).
 */
export const DESIGNATED_COUNTRIES: ReadonlySet<string> = new Set([
  // The EU member states (ISO 3166-1 alpha-2; Greece is GR).
  'AT', 'BE', 'BG', 'HR', 'CY', 'CZ', 'DK', 'EE', 'FI', 'FR', 'DE', 'GR', 'HU', 'IE', 'IT', 'LV', 'LT', 'LU', 'MT', 'NL', 'PL', 'PT', 'RO', 'SK', 'SI', 'ES', 'SE',
  // The other EEA states, and the United Kingdom.
  'IS', 'LI', 'NO', 'GB',
]);

/**
 * 外国にある第三者 (APPI Art. 28): the vendor entity is located outside Japan — where the recipient
 * is, not where its servers are (Q&A 12-11, 12-4) — and not in a designated country (Q&A 12-7).
 */
export function isForeignRecipient(facts: Pick<VendorFacts, 'country'>): boolean {
  return facts.country !== HOME_COUNTRY && !DESIGNATED_COUNTRIES.has(facts.country);
}

/**
 * The countries other than Japan where the data is handled (外的環境の把握, 通則GL 10-7): the
 * vendor's country, its data locations and its subcontractors' countries, each once, in that order.
 */
export function foreignHandlingCountries(facts: Pick<VendorFacts, 'country' | 'dataLocations' | 'subcontractorCountries'>): string[] {
  return [...new Set([facts.country, ...facts.dataLocations, ...facts.subcontractorCountries])].filter((country) => country !== HOME_COUNTRY);
}

/** Foreign handling: the data is handled in a country other than Japan (legal-model.md §3.2). */
export function isAbroad(facts: Pick<VendorFacts, 'country' | 'dataLocations' | 'subcontractorCountries'>): boolean {
  return foreignHandlingCountries(facts).length > 0;
}
