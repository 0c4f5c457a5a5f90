import { OrganisationProfile } from './organisation-profile';

/**
 * How binding a requirement is (legal-model.md §2), strongest first: a statute (法令上の義務), a
 * guideline's "must" (ガイドライン上の義務), a company commitment (自社方針: the privacy policy's
 * promises), a certification's criteria (認証基準: only with that certification), or what a guideline
 * only calls desirable (望ましい).
 */
export const BASES = ['statute', 'guideline', 'policy', 'certification', 'recommended'] as const;
export type Basis = (typeof BASES)[number];

/** How serious an unmet requirement is: critical makes a vendor 要是正, a warning 要注意, info changes nothing. */
export const SEVERITIES = ['critical', 'warning', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];

export interface Binding {
  basis: Basis;
  severity: Severity;
}

/** A requirement as binding as it is for this organisation. */
export interface BindingRequirement extends Binding {
  id: string;
}

/**
 * The binding of a requirement for an organisation: what the guideline only recommends binds as
 * company policy when the privacy policy promises it (`policyPromises`); without that promise a
 * policy row is a recommendation again, and its flags are advisory (info).
 */
export function effectiveBinding(requirement: Binding, profile: Pick<OrganisationProfile, 'policyPromises'>): Binding {
  if (requirement.basis === 'policy' && !profile.policyPromises) return { basis: 'recommended', severity: 'info' };
  return { basis: requirement.basis, severity: requirement.severity };
}

/** The strongest basis and the most serious severity among some bindings; null for none. */
export function strongest(bindings: readonly Binding[]): Binding | null {
  if (bindings.length === 0) return null;
  let basis = bindings[0].basis;
  let severity = bindings[0].severity;
  for (const binding of bindings) {
    // Stryker disable next-line EqualityOperator: equivalent, an equal index is the same basis
    if (BASES.indexOf(binding.basis) < BASES.indexOf(basis)) basis = binding.basis;
    // Stryker disable next-line EqualityOperator: equivalent, an equal index is the same severity
    if (SEVERITIES.indexOf(binding.severity) < SEVERITIES.indexOf(severity)) severity = binding.severity;
  }
  return { basis, severity };
}

/** The less serious of two severities (e.g. a partly covered clause is at most a warning). */
export function atMost(severity: Severity, cap: Severity): Severity {
  // Stryker disable next-line EqualityOperator: equivalent, when both are equal either is the answer
  return SEVERITIES.indexOf(severity) < SEVERITIES.indexOf(cap) ? cap : severity;
}
