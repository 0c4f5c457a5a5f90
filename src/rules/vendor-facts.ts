/** Plain vendor facts the rules work on (domain.md, "Vendor facts that drive applicability"). */

export const DATA_CATEGORIES = ['customer', 'employee', 'sensitive', 'communications', 'payment', 'my-number'] as const;
export type DataCategory = (typeof DATA_CATEGORIES)[number];

export const VENDOR_STATUSES = ['candidate', 'active', 'offboarding', 'terminated'] as const;
export type VendorStatus = (typeof VENDOR_STATUSES)[number];

export const RISK_TIERS = ['low', 'medium', 'high'] as const;
export type RiskTier = (typeof RISK_TIERS)[number];

export const COMPLIANCE_STATUSES = ['compliant', 'at-risk', 'non-compliant', 'not-evaluated'] as const;
export type ComplianceStatus = (typeof COMPLIANCE_STATUSES)[number];

export interface VendorFacts {
  country: string;
  dataLocations: string[];
  dataCategories: DataCategory[];
  dataSubjectCount: number | null;
  reentrustmentAllowed: boolean;
  gdprApplies: boolean;
}

export const HOME_COUNTRY = 'JP';

/** A vendor is abroad when its country or any data location is not Japan (APPI Art. 28). */
export function isAbroad(facts: Pick<VendorFacts, 'country' | 'dataLocations'>): boolean {
  return facts.country !== HOME_COUNTRY || facts.dataLocations.some((location) => location !== HOME_COUNTRY);
}
