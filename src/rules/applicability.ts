import { Basis, Binding, effectiveBinding, Severity, strongest } from './basis';
import { ClauseTypeDefinition, Condition } from './clause-types';
import { OrganisationProfile } from './organisation-profile';
import { isAbroad, isForeignRecipient, RELATIONSHIPS, VendorFacts } from './vendor-facts';

/** The catalogue as the rules need it: plain data, no database. */
export interface RequirementRule {
  id: string;
  framework: string;
  /**
   * An applies expression: conditions joined with "+" must all hold ("gdpr+reentrustment");
   * alternatives are separated by "|" ("sensitive+entrustment|payment+entrustment").
   */
  applies: string;
  /** How binding the row is (legal-model.md §2) and how serious it is when unmet. */
  basis: Basis;
  severity: Severity;
  /** "clause:<code>" or "duty:<code>". */
  satisfiedBy: string[];
}

export interface Catalogue {
  clauseTypes: readonly ClauseTypeDefinition[];
  requirements: readonly RequirementRule[];
}

/** An applicable requirement as binding as it is for this organisation. */
export interface ApplicableRequirement extends RequirementRule {
  binding: Binding;
}

/** A clause type required for a vendor: the applicable requirements that make it so, and why. */
export interface RequiredClause {
  clauseType: ClauseTypeDefinition;
  requirementIds: string[];
  /** The strongest binding among those requirements. */
  binding: Binding;
  /** The condition that makes it required for this vendor (the last of the alternative that holds). */
  reason: Condition;
}

/**
 * Which conditions hold for a vendor of this organisation: the vendor's facts and the organisation's
 * profile (legal-model.md §1: telecom rows for a carrier, JIS Q 15001 rows with the Privacy Mark,
 * ISO/IEC 27001 rows with ISMS).
 */
export function conditionsFor(facts: VendorFacts, profile: OrganisationProfile): Set<Condition> {
  const conditions = new Set<Condition>(['always', facts.relationship]);
  for (const category of ['communications', 'sensitive', 'payment', 'my-number'] as const) if (facts.dataCategories.includes(category)) conditions.add(category);
  if (isAbroad(facts)) conditions.add('abroad');
  if (isForeignRecipient(facts)) conditions.add('foreign-recipient');
  if (facts.transferBasis === 'equivalent-system') conditions.add('equivalent-system');
  if (facts.reentrustmentAllowed) conditions.add('reentrustment');
  if (facts.gdprApplies) conditions.add('gdpr');
  if (profile.telecomCarrier) conditions.add('telecom-carrier');
  if (profile.privacyMark) conditions.add('privacy-mark');
  if (profile.isms) conditions.add('isms');
  return conditions;
}

/** The alternative of an applies expression that holds (its conditions), or null when none does. */
export function matchingAlternative(applies: string, conditions: ReadonlySet<Condition>): Condition[] | null {
  for (const alternative of applies.split('|')) {
    const needed = alternative.split('+') as Condition[];
    if (needed.every((condition) => conditions.has(condition))) return needed;
  }
  return null;
}

export function requirementApplies(requirement: Pick<RequirementRule, 'applies'>, conditions: ReadonlySet<Condition>): boolean {
  return matchingAlternative(requirement.applies, conditions) !== null;
}

export interface Applicability {
  conditions: ReadonlySet<Condition>;
  requirements: readonly ApplicableRequirement[];
  /** Clause types required for this vendor, in catalogue order. */
  requiredClauseTypes: readonly ClauseTypeDefinition[];
  requirementIds: readonly string[];
  /** Each required clause type with the applicable requirements that make it required. */
  requiredClauseCitations: ReadonlyArray<{ code: string; requirementIds: string[] }>;
  requiredClauses: readonly RequiredClause[];
  /** The applicable requirements a clause type or duty satisfies: what a flag cites. */
  citing(target: `clause:${string}` | `duty:${string}`): string[];
  /** The strongest binding among some applicable requirements (null when none applies). */
  bindingOf(requirementIds: readonly string[]): Binding | null;
}

/**
 * Applicability depends only on which conditions hold (and on whether policy rows bind), so it is
 * worked out once per combination and catalogue and shared: evaluating 10,000 vendors stays cheap.
 */
const prepared = new WeakMap<Catalogue, Map<number, Applicability>>();

/** The same conditions as conditionsFor(), as a number: no allocation on the hot path. */
function conditionsKey(facts: VendorFacts, profile: OrganisationProfile): number {
  const categories = facts.dataCategories;
  return (
    RELATIONSHIPS.indexOf(facts.relationship) |
    (categories.includes('communications') ? 1 << 2 : 0) |
    (categories.includes('sensitive') ? 1 << 3 : 0) |
    (categories.includes('payment') ? 1 << 4 : 0) |
    (categories.includes('my-number') ? 1 << 5 : 0) |
    (isAbroad(facts) ? 1 << 6 : 0) |
    (isForeignRecipient(facts) ? 1 << 7 : 0) |
    // Stryker disable next-line EqualityOperator: equivalent, `!==` flips the bit for every vendor and so still tells the two cases apart
    (facts.transferBasis === 'equivalent-system' ? 1 << 8 : 0) |
    (facts.reentrustmentAllowed ? 1 << 9 : 0) |
    (facts.gdprApplies ? 1 << 10 : 0) |
    (profile.telecomCarrier ? 1 << 11 : 0) |
    (profile.privacyMark ? 1 << 12 : 0) |
    (profile.isms ? 1 << 13 : 0) |
    (profile.policyPromises ? 1 << 14 : 0)
  );
}

export function applicabilityFor(facts: VendorFacts, catalogue: Catalogue, profile: OrganisationProfile): Applicability {
  const key = conditionsKey(facts, profile);
  let byConditions = prepared.get(catalogue);
  if (!byConditions) prepared.set(catalogue, (byConditions = new Map()));
  let applicability = byConditions.get(key);
  if (!applicability) {
    applicability = prepare(conditionsFor(facts, profile), catalogue, profile);
    byConditions.set(key, applicability);
  }
  return applicability;
}

function prepare(conditions: ReadonlySet<Condition>, catalogue: Catalogue, profile: OrganisationProfile): Applicability {
  const requirements: ApplicableRequirement[] = catalogue.requirements
    .filter((requirement) => requirementApplies(requirement, conditions))
    .map((requirement) => ({ ...requirement, binding: effectiveBinding(requirement, profile) }));
  const bindings = new Map(requirements.map((requirement) => [requirement.id, requirement.binding]));
  const citations = new Map<string, string[]>();
  const citing = (target: `clause:${string}` | `duty:${string}`): string[] => {
    let ids = citations.get(target);
    if (!ids) citations.set(target, (ids = requirementIdsFor(requirements, target)));
    return ids;
  };
  const bindingOf = (requirementIds: readonly string[]): Binding | null =>
    strongest(requirementIds.flatMap((id) => {
      const binding = bindings.get(id);
      return binding ? [binding] : [];
    }));
  // A clause type is required when its condition holds and an applicable requirement asks for it.
  const requiredClauses = catalogue.clauseTypes.flatMap((clauseType): RequiredClause[] => {
    const alternative = matchingAlternative(clauseType.requiredWhen, conditions);
    const requirementIds = citing(`clause:${clauseType.code}`);
    if (!alternative || requirementIds.length === 0) return [];
    return [{ clauseType, requirementIds, binding: bindingOf(requirementIds)!, reason: alternative[alternative.length - 1] }];
  });
  return {
    conditions,
    requirements,
    requirementIds: requirements.map((requirement) => requirement.id),
    requiredClauseTypes: requiredClauses.map((required) => required.clauseType),
    requiredClauseCitations: requiredClauses.map(({ clauseType, requirementIds }) => ({ code: clauseType.code, requirementIds })),
    requiredClauses,
    citing,
    bindingOf,
  };
}

/** The requirements among `applicable` that a clause type or duty satisfies. */
export function requirementIdsFor(applicable: readonly RequirementRule[], target: `clause:${string}` | `duty:${string}`): string[] {
  return applicable.filter((requirement) => requirement.satisfiedBy.includes(target)).map((requirement) => requirement.id);
}
