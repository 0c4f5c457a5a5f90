import { ClauseTypeDefinition, Condition } from './clause-types';
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

/** Which conditions of domain.md hold for a vendor. */
export function conditionsFor(facts: VendorFacts): Set<Condition> {
  const conditions = new Set<Condition>(['always']);
  if (facts.dataCategories.includes('communications')) conditions.add('communications');
  if (facts.dataCategories.includes('sensitive')) conditions.add('sensitive');
  if (isAbroad(facts)) conditions.add('abroad');
  if (facts.reentrustmentAllowed) conditions.add('reentrustment');
  if (facts.gdprApplies) conditions.add('gdpr');
  return conditions;
}

export function requirementApplies(requirement: RequirementRule, conditions: Set<Condition>): boolean {
  return requirement.applies.split('+').every((condition) => conditions.has(condition as Condition));
}

export interface Applicability {
  conditions: Set<Condition>;
  requirements: RequirementRule[];
  /** Clause types required for this vendor, in catalogue order. */
  requiredClauseTypes: ClauseTypeDefinition[];
}

export function applicabilityFor(facts: VendorFacts, catalogue: Catalogue): Applicability {
  const conditions = conditionsFor(facts);
  return {
    conditions,
    requirements: catalogue.requirements.filter((requirement) => requirementApplies(requirement, conditions)),
    requiredClauseTypes: catalogue.clauseTypes.filter((clauseType) => conditions.has(clauseType.requiredWhen)),
  };
}

/** The applicable requirements a clause type or duty satisfies: what a flag cites. */
export function requirementIdsFor(applicable: readonly RequirementRule[], target: `clause:${string}` | `duty:${string}`): string[] {
  return applicable.filter((requirement) => requirement.satisfiedBy.includes(target)).map((requirement) => requirement.id);
}
