import { ClauseTypeDefinition, Condition } from './clause-types';
import { OrganisationProfile } from './organisation-profile';
import { isAbroad, VendorFacts } from './vendor-facts';

/** The catalogue as the rules need it: plain data, no database. */
export interface RequirementRule {
  id: string;
  framework: string;
  reference: string;
  /** One condition or several joined with "+" (all must hold), e.g. "gdpr+reentrustment". */
  applies: string;
  /** "clause:<code>" or "duty:<code>". */
  satisfiedBy: string[];
}

export interface Catalogue {
  clauseTypes: readonly ClauseTypeDefinition[];
  requirements: readonly RequirementRule[];
}

/**
 * Which conditions hold for a vendor of this organisation: the vendor's facts (domain.md) and the
 * organisation's profile (legal-model.md §1: telecom rows for a carrier, JIS Q 15001 rows with the
 * Privacy Mark, ISO/IEC 27001 rows with ISMS).
 */
export function conditionsFor(facts: VendorFacts, profile: OrganisationProfile): Set<Condition> {
  const conditions = new Set<Condition>(['always']);
  if (facts.dataCategories.includes('communications')) conditions.add('communications');
  if (facts.dataCategories.includes('sensitive')) conditions.add('sensitive');
  if (isAbroad(facts)) conditions.add('abroad');
  if (facts.reentrustmentAllowed) conditions.add('reentrustment');
  if (facts.gdprApplies) conditions.add('gdpr');
  if (profile.telecomCarrier) conditions.add('telecom-carrier');
  if (profile.privacyMark) conditions.add('privacy-mark');
  if (profile.isms) conditions.add('isms');
  return conditions;
}

export function requirementApplies(requirement: RequirementRule, conditions: Set<Condition>): boolean {
  return requirement.applies.split('+').every((condition) => conditions.has(condition as Condition));
}

export interface Applicability {
  conditions: ReadonlySet<Condition>;
  requirements: readonly RequirementRule[];
  /** Clause types required for this vendor, in catalogue order. */
  requiredClauseTypes: readonly ClauseTypeDefinition[];
  requirementIds: readonly string[];
  /** Each required clause type with the applicable requirements that make it required. */
  requiredClauseCitations: ReadonlyArray<{ code: string; requirementIds: string[] }>;
  requiredClauses: ReadonlyArray<{ clauseType: ClauseTypeDefinition; requirementIds: string[] }>;
  /** The applicable requirements a clause type or duty satisfies: what a flag cites. */
  citing(target: `clause:${string}` | `duty:${string}`): string[];
}

/**
 * Applicability depends only on which conditions hold, so it is worked out once per combination and
 * catalogue and shared: evaluating 10,000 vendors stays cheap.
 */
const prepared = new WeakMap<Catalogue, Map<number, Applicability>>();

/** The same conditions as conditionsFor(), as a number: no allocation on the hot path. */
function conditionsKey(facts: VendorFacts, profile: OrganisationProfile): number {
  return (
    (facts.dataCategories.includes('communications') ? 1 : 0) |
    (facts.dataCategories.includes('sensitive') ? 2 : 0) |
    (isAbroad(facts) ? 4 : 0) |
    (facts.reentrustmentAllowed ? 8 : 0) |
    (facts.gdprApplies ? 16 : 0) |
    (profile.telecomCarrier ? 32 : 0) |
    (profile.privacyMark ? 64 : 0) |
    (profile.isms ? 128 : 0)
  );
}

export function applicabilityFor(facts: VendorFacts, catalogue: Catalogue, profile: OrganisationProfile): Applicability {
  const key = conditionsKey(facts, profile);
  let byConditions = prepared.get(catalogue);
  if (!byConditions) prepared.set(catalogue, (byConditions = new Map()));
  let applicability = byConditions.get(key);
  if (!applicability) {
    const conditions = conditionsFor(facts, profile);
    const requirements = catalogue.requirements.filter((requirement) => requirementApplies(requirement, conditions));
    const citations = new Map<string, string[]>();
    const citing = (target: `clause:${string}` | `duty:${string}`): string[] => {
      let ids = citations.get(target);
      if (!ids) citations.set(target, (ids = requirementIdsFor(requirements, target)));
      return ids;
    };
    const requiredClauseTypes = catalogue.clauseTypes.filter((clauseType) => conditions.has(clauseType.requiredWhen));
    applicability = {
      conditions,
      requirements,
      requirementIds: requirements.map((requirement) => requirement.id),
      requiredClauseTypes,
      requiredClauseCitations: requiredClauseTypes.map((clauseType) => ({ code: clauseType.code, requirementIds: citing(`clause:${clauseType.code}`) })),
      requiredClauses: requiredClauseTypes.map((clauseType) => ({ clauseType, requirementIds: citing(`clause:${clauseType.code}`) })),
      citing,
    };
    byConditions.set(key, applicability);
  }
  return applicability;
}

/** The requirements among `applicable` that a clause type or duty satisfies. */
export function requirementIdsFor(applicable: readonly RequirementRule[], target: `clause:${string}` | `duty:${string}`): string[] {
  return applicable.filter((requirement) => requirement.satisfiedBy.includes(target)).map((requirement) => requirement.id);
}
