import { Applicability, applicabilityFor, Catalogue, requirementIdsFor } from './applicability';
import { addDays, daysBetween } from './calendar';
import { betterReview, ContractFacts, expiresSoon, isInForce, ReviewStatus } from './contracts';
import { ComplianceStatus, VendorFacts, VendorStatus } from './vendor-facts';

/** Flag codes of domain.md; this module computes the contract and clause flags, supervision rules plug in. */
export const FLAG_CODES = [
  'no-contract',
  'missing-clause',
  'partial-clause',
  'contract-expiring',
  'selection-missing',
  'audit-overdue',
  'audit-due-soon',
  'finding-overdue',
  'subcontractor-unapproved',
  'certificate-expired',
  'foreign-review-overdue',
  'deletion-certificate-missing',
] as const;
export type FlagCode = (typeof FLAG_CODES)[number];
export const SEVERITIES = ['critical', 'warning'] as const;
export type Severity = (typeof SEVERITIES)[number];

/**
 * A flag as the rules produce it: locale-free. `variant` and `params` let the message catalogue
 * say exactly what is wrong (e.g. "missing" vs "not reviewed"), in Japanese or English.
 */
export interface RuleFlag {
  code: FlagCode;
  severity: Severity;
  variant?: string;
  clauseType?: string;
  requirementIds: string[];
  dueDate?: string;
  refType?: 'contract' | 'audit' | 'finding' | 'subcontractor' | 'certificate' | 'assessment';
  refId?: string;
  params: Record<string, string | number | string[]>;
}

export interface ClauseReview {
  contractId: string;
  clauseType: string;
  status: ReviewStatus;
}

export interface EvaluatedVendor extends VendorFacts {
  id: string;
  status: VendorStatus;
}

export interface EvaluationInput {
  vendor: EvaluatedVendor;
  /** The vendor's contracts (any status; the rules decide which are in force). */
  contracts: ContractFacts[];
  /** Checklist items of those contracts. */
  reviews: ClauseReview[];
  asOf: string;
}

export interface EvaluationContext extends EvaluationInput {
  applicability: Applicability;
  contractsInForce: ContractFacts[];
}

export type FlagRule = (context: EvaluationContext) => RuleFlag[];

export interface Evaluation {
  status: ComplianceStatus;
  applicableRequirementIds: string[];
  requiredClauseTypes: Array<{ code: string; requirementIds: string[] }>;
  flags: RuleFlag[];
}

/** Vendors with (or about to have) our data; candidates get an informational evaluation only. */
const SUPERVISED: readonly VendorStatus[] = ['active', 'offboarding'];

/** no-contract (APPI GL 3-4-4(2)): an active or offboarding vendor needs a contract in force. */
export const noContractRule: FlagRule = ({ vendor, contractsInForce, applicability }) =>
  SUPERVISED.includes(vendor.status) && contractsInForce.length === 0
    ? [{ code: 'no-contract', severity: 'critical', requirementIds: requirementIdsFor(applicability.requirements, 'duty:contract-in-force'), params: {} }]
    : [];

/**
 * missing-clause / partial-clause: for each required clause type, the best review across the
 * contracts in force decides (domain.md). With no contract in force there is nothing to review.
 */
export const clauseRule: FlagRule = ({ contractsInForce, reviews, applicability }) => {
  if (contractsInForce.length === 0) return [];
  const inForce = new Map(contractsInForce.map((contract) => [contract.id, contract]));
  const best = new Map<string, ReviewStatus>();
  for (const review of reviews) {
    if (!inForce.has(review.contractId)) continue;
    const current = best.get(review.clauseType);
    best.set(review.clauseType, current ? betterReview(current, review.status) : review.status);
  }
  const contractTitles = contractsInForce.map((contract) => contract.title);
  return applicability.requiredClauseTypes.flatMap((clauseType): RuleFlag[] => {
    const status = best.get(clauseType.code) ?? 'not-reviewed';
    if (status === 'present') return [];
    const base = {
      clauseType: clauseType.code,
      requirementIds: requirementIdsFor(applicability.requirements, `clause:${clauseType.code}`),
      params: { contracts: contractTitles, condition: clauseType.requiredWhen },
    };
    if (status === 'partial') return [{ code: 'partial-clause', severity: 'warning', ...base }];
    return [{ code: 'missing-clause', severity: 'critical', variant: status, ...base }];
  });
};

/** contract-expiring: a contract in force without auto-renewal ends within 90 days. */
export const contractExpiringRule: FlagRule = ({ contractsInForce, applicability, asOf }) =>
  contractsInForce
    .filter((contract) => expiresSoon(contract, asOf))
    .map((contract) => ({
      code: 'contract-expiring' as const,
      severity: 'warning' as const,
      requirementIds: requirementIdsFor(applicability.requirements, 'duty:contract-in-force'),
      dueDate: contract.expiresOn!,
      refType: 'contract' as const,
      refId: contract.id,
      params: {
        contract: contract.title,
        days: daysBetween(asOf, contract.expiresOn!),
        ...(contract.noticeDays ? { noticeBy: addDays(contract.expiresOn!, -contract.noticeDays) } : {}),
      },
    }));

/** The rules in force; supervision rules (issue 4) are appended here. */
export const FLAG_RULES: readonly FlagRule[] = [noContractRule, clauseRule, contractExpiringRule];

export function evaluateVendor(input: EvaluationInput, catalogue: Catalogue, rules: readonly FlagRule[] = FLAG_RULES): Evaluation {
  const applicability = applicabilityFor(input.vendor, catalogue);
  const context: EvaluationContext = {
    ...input,
    applicability,
    contractsInForce: input.contracts.filter((contract) => isInForce(contract, input.asOf)),
  };
  const flags = rules.flatMap((rule) => rule(context));
  return {
    status: input.vendor.status === 'candidate' ? 'not-evaluated' : statusOf(flags),
    applicableRequirementIds: applicability.requirements.map((requirement) => requirement.id),
    requiredClauseTypes: applicability.requiredClauseTypes.map((clauseType) => ({
      code: clauseType.code,
      requirementIds: requirementIdsFor(applicability.requirements, `clause:${clauseType.code}`),
    })),
    flags,
  };
}

/** domain.md: non-compliant with any critical flag, at-risk with only warnings, compliant with none. */
export function statusOf(flags: readonly Pick<RuleFlag, 'severity'>[]): ComplianceStatus {
  if (flags.some((flag) => flag.severity === 'critical')) return 'non-compliant';
  return flags.length > 0 ? 'at-risk' : 'compliant';
}
