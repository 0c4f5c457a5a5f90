import { DataCategory, isAbroad, RiskTier, VendorFacts } from './vendor-facts';

/**
 * Why a tier was chosen; each code has a message in the catalogue (`riskReason.<code>`).
 * The reasons list every fact that puts the vendor in its tier, not only the first one.
 */
export type RiskReason =
  | { code: 'data-category'; category: DataCategory }
  | { code: 'abroad' }
  | { code: 'subjects-over'; threshold: number }
  | { code: 'no-risk-factor' };

export interface RiskAssessment {
  tier: RiskTier;
  reasons: RiskReason[];
}

/**
 * Payment data is high risk: a leak that may cause property damage (財産的被害) is reportable from a
 * single record (PPC Rules Art. 7(ii)), as are 要配慮個人情報 (Art. 7(i)).
 */
const HIGH_RISK_CATEGORIES: readonly DataCategory[] = ['communications', 'sensitive', 'payment', 'my-number'];
const MEDIUM_RISK_CATEGORIES: readonly DataCategory[] = ['customer', 'employee'];
const HIGH_SUBJECT_THRESHOLD = 100_000;
const MEDIUM_SUBJECT_THRESHOLD = 1_000;

/**
 * Default risk tier (domain.md, "Risk tier", as corrected by legal-model.md §7; 通則GL 3-4-4:
 * supervision in proportion to the harm a leak would cause, the nature of the work and the volume of
 * data). "Abroad" is foreign handling by the vendor itself: its country or a data location other than
 * Japan (its subcontractors' countries are not known when the vendor is written).
 */
export function assessRiskTier(facts: Pick<VendorFacts, 'country' | 'dataLocations' | 'dataCategories' | 'dataSubjectCount'>): RiskAssessment {
  const subjects = facts.dataSubjectCount ?? 0;
  const high: RiskReason[] = [
    ...HIGH_RISK_CATEGORIES.filter((category) => facts.dataCategories.includes(category)).map(
      (category): RiskReason => ({ code: 'data-category', category }),
    ),
    ...(isAbroad({ ...facts, subcontractorCountries: [] }) ? [{ code: 'abroad' } as const] : []),
    ...(subjects > HIGH_SUBJECT_THRESHOLD ? [{ code: 'subjects-over', threshold: HIGH_SUBJECT_THRESHOLD } as const] : []),
  ];
  if (high.length > 0) return { tier: 'high', reasons: high };
  const medium: RiskReason[] = [
    ...MEDIUM_RISK_CATEGORIES.filter((category) => facts.dataCategories.includes(category)).map(
      (category): RiskReason => ({ code: 'data-category', category }),
    ),
    ...(subjects > MEDIUM_SUBJECT_THRESHOLD ? [{ code: 'subjects-over', threshold: MEDIUM_SUBJECT_THRESHOLD } as const] : []),
  ];
  if (medium.length > 0) return { tier: 'medium', reasons: medium };
  return { tier: 'low', reasons: [{ code: 'no-risk-factor' }] };
}

export interface RiskOverride {
  tier: RiskTier | null;
  reason: string | null;
}

/** An override replaces the computed tier only when it carries a written reason. */
export function effectiveRiskTier(computed: RiskTier, override: RiskOverride): RiskTier {
  return override.tier && override.reason?.trim() ? override.tier : computed;
}

/** Returns the problem with an override, or null when it is acceptable. */
export function overrideProblem(override: RiskOverride): 'reason-required' | 'reason-without-override' | null {
  if (override.tier && !override.reason?.trim()) return 'reason-required';
  if (!override.tier && override.reason?.trim()) return 'reason-without-override';
  return null;
}
