import { Applicability, applicabilityFor, Catalogue } from './applicability';
import { daysBetween } from './calendar';
import { betterReview, ContractFacts, expiresSoon, isInForce, noticeDeadline, ReviewStatus } from './contracts';
import { OrganisationProfile } from './organisation-profile';
import { ComplianceStatus, RiskTier, VendorFacts, VendorStatus } from './vendor-facts';

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
  'questionnaire-overdue',
  'incident-report-due',
  'incident-report-overdue',
  'incident-audit-due',
  'incident-audit-overdue',
] as const;
export type FlagCode = (typeof FLAG_CODES)[number];
export const SEVERITIES = ['critical', 'warning'] as const;
export type Severity = (typeof SEVERITIES)[number];

/**
 * The severity of each flag (domain.md, "Flags"): one critical flag makes a vendor non-compliant,
 * warnings alone at-risk. finding-overdue is a warning unless the finding is high (findingOverdueSeverity).
 */
export const FLAG_SEVERITY: Readonly<Record<FlagCode, Severity>> = {
  'no-contract': 'critical',
  'missing-clause': 'critical',
  'partial-clause': 'warning',
  'contract-expiring': 'warning',
  'selection-missing': 'critical',
  'audit-overdue': 'critical',
  'audit-due-soon': 'warning',
  'finding-overdue': 'warning',
  'subcontractor-unapproved': 'critical',
  'certificate-expired': 'warning',
  'foreign-review-overdue': 'critical',
  'deletion-certificate-missing': 'critical',
  'questionnaire-overdue': 'warning',
  // 漏えい等 (incident-flags.ts): less than 24 hours left to report, or past the deadline.
  'incident-report-due': 'warning',
  'incident-report-overdue': 'critical',
  // The audit an incident calls for (incident-audit.ts, company policy).
  'incident-audit-due': 'warning',
  'incident-audit-overdue': 'critical',
};

/** An overdue corrective action is as serious as its finding (JIS f)): critical when the finding is high. */
export function findingOverdueSeverity(findingSeverity: 'low' | 'medium' | 'high'): Severity {
  return findingSeverity === 'high' ? 'critical' : FLAG_SEVERITY['finding-overdue'];
}

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
  refType?: 'contract' | 'audit' | 'finding' | 'subcontractor' | 'certificate' | 'assessment' | 'questionnaire' | 'incident';
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
  /** The tier in effect (override included): it sets the audit interval. */
  riskTier: RiskTier;
  activeSince: string | null;
}

/**
 * For each clause type whose best review across the contracts in force is not `present`, that best
 * review. A clause type that is not listed is present in at least one contract in force.
 */
export type ClauseGaps = ReadonlyMap<string, Exclude<ReviewStatus, 'present'>>;

interface EvaluationFacts {
  vendor: EvaluatedVendor;
  /** The organisation's profile: which frameworks bind the company (legal-model.md §1). */
  profile: OrganisationProfile;
  /** The vendor's contracts (any status; the rules decide which are in force). */
  contracts: ContractFacts[];
  asOf: string;
}

/** Either every checklist item of the contracts, or (from SQL, for many vendors) the clause gaps. */
export type EvaluationInput = EvaluationFacts & ({ reviews: ClauseReview[] } | { clauseGaps: ClauseGaps });

export interface EvaluationContext extends EvaluationFacts {
  applicability: Applicability;
  contractsInForce: ContractFacts[];
  clauseGaps: ClauseGaps;
}

/**
 * The best review of each clause type across the contracts in force (present > partial > missing >
 * not-reviewed); a clause type no contract in force has an item for counts as not reviewed.
 */
export function clauseGapsOf(reviews: readonly ClauseReview[], contractsInForce: readonly ContractFacts[], clauseTypeCodes: readonly string[]): ClauseGaps {
  const inForce = new Set(contractsInForce.map((contract) => contract.id));
  const best = new Map<string, ReviewStatus>();
  for (const review of reviews) {
    if (!inForce.has(review.contractId)) continue;
    const current = best.get(review.clauseType);
    best.set(review.clauseType, current ? betterReview(current, review.status) : review.status);
  }
  const gaps = new Map<string, Exclude<ReviewStatus, 'present'>>();
  for (const code of clauseTypeCodes) {
    const status = best.get(code) ?? 'not-reviewed';
    if (status !== 'present') gaps.set(code, status);
  }
  return gaps;
}

export type FlagRule = (context: EvaluationContext) => readonly RuleFlag[];

/** What a rule returns when it finds nothing: shared, so the usual case allocates nothing. */
export const NO_FLAGS: readonly RuleFlag[] = Object.freeze([]);

export interface Evaluation {
  status: ComplianceStatus;
  /** Shared between vendors with the same conditions: read, never modify. */
  applicableRequirementIds: readonly string[];
  requiredClauseTypes: ReadonlyArray<{ code: string; requirementIds: string[] }>;
  flags: RuleFlag[];
}

/** Vendors with (or about to have) our data; candidates get an informational evaluation only. */
const SUPERVISED: readonly VendorStatus[] = ['active', 'offboarding'];

/**
 * The clause gaps from the open items (those not `present`) of the contracts in force, for when
 * every contract has an item for every clause type: a clause type is a gap only when every contract
 * in force has it open, and its best open review is what counts. Equal to clauseGapsOf() then; it
 * lets the database return the ~15% open items instead of all of them.
 */
export function clauseGapsFromOpenItems(openItems: readonly ClauseReview[], contractsInForce: readonly ContractFacts[]): ClauseGaps {
  // Stryker disable next-line ConditionalExpression,BlockStatement: equivalent, the one-contract fast path gives what the general path below gives (tested on random checklists)
  if (contractsInForce.length === 1) {
    // The common case: one contract in force, so its open items are the gaps.
    const [only] = contractsInForce;
    const gaps = new Map<string, Exclude<ReviewStatus, 'present'>>();
    for (const item of openItems) if (item.contractId === only.id && item.status !== 'present') gaps.set(item.clauseType, item.status);
    return gaps;
  }
  const inForce = new Set(contractsInForce.map((contract) => contract.id));
  const open = new Map<string, { contracts: Set<string>; best: Exclude<ReviewStatus, 'present'> }>();
  for (const item of openItems) {
    if (!inForce.has(item.contractId) || item.status === 'present') continue;
    const entry = open.get(item.clauseType);
    if (entry) {
      entry.contracts.add(item.contractId);
      entry.best = betterReview(entry.best, item.status) as Exclude<ReviewStatus, 'present'>;
    } else {
      open.set(item.clauseType, { contracts: new Set([item.contractId]), best: item.status });
    }
  }
  const gaps = new Map<string, Exclude<ReviewStatus, 'present'>>();
  for (const [clauseType, entry] of open) if (entry.contracts.size === inForce.size) gaps.set(clauseType, entry.best);
  return gaps;
}

/** no-contract (APPI GL 3-4-4(2)): an active or offboarding vendor needs a contract in force. */
export const noContractRule: FlagRule = ({ vendor, contractsInForce, applicability }) =>
  SUPERVISED.includes(vendor.status) && contractsInForce.length === 0
    ? [{ code: 'no-contract', severity: FLAG_SEVERITY['no-contract'], requirementIds: applicability.citing('duty:contract-in-force'), params: {} }]
    : NO_FLAGS;

/**
 * missing-clause / partial-clause: for each required clause type, the best review across the
 * contracts in force decides (domain.md). With no contract in force there is nothing to review.
 */
export const clauseRule: FlagRule = ({ vendor, contractsInForce, clauseGaps, applicability }) => {
  // A terminated vendor's remaining duty is proving the data is gone (deletion certificate), not its terms.
  if (vendor.status === 'terminated' || contractsInForce.length === 0) return NO_FLAGS;
  // Stryker disable next-line ConditionalExpression: equivalent, a shortcut; with no gap the loop below flags nothing either
  if (clauseGaps.size === 0) return NO_FLAGS;
  const contractTitles = contractsInForce.map((contract) => contract.title);
  const flags: RuleFlag[] = [];
  // A plain loop: this runs for every vendor when all flags are listed (see npm run bench:flags).
  for (const { clauseType, requirementIds } of applicability.requiredClauses) {
    const status = clauseGaps.get(clauseType.code);
    if (!status) continue;
    const params = { contracts: contractTitles, condition: clauseType.requiredWhen };
    flags.push(
      status === 'partial'
        ? { code: 'partial-clause', severity: FLAG_SEVERITY['partial-clause'], clauseType: clauseType.code, requirementIds, params }
        : { code: 'missing-clause', severity: FLAG_SEVERITY['missing-clause'], variant: status, clauseType: clauseType.code, requirementIds, params },
    );
  }
  return flags;
};

/** contract-expiring: a contract in force without auto-renewal ends within 90 days (with its notice deadline, if any). */
export const contractExpiringRule: FlagRule = ({ vendor, contractsInForce, applicability, asOf }) => {
  if (vendor.status === 'terminated') return NO_FLAGS;
  // Stryker disable next-line ConditionalExpression: equivalent, a shortcut that allocates nothing; without it the filter below finds nothing either
  if (contractsInForce.length === 0) return NO_FLAGS;
  return contractsInForce
    .filter((contract) => expiresSoon(contract, asOf))
    .map((contract): RuleFlag => {
      const noticeBy = noticeDeadline(contract);
      return {
        code: 'contract-expiring',
        severity: FLAG_SEVERITY['contract-expiring'],
        requirementIds: applicability.citing('duty:contract-in-force'),
        dueDate: contract.expiresOn!,
        refType: 'contract',
        refId: contract.id,
        params: { contract: contract.title, days: daysBetween(asOf, contract.expiresOn!), ...(noticeBy === null ? {} : { noticeBy }) },
      };
    });
};

/** The contract rules; the supervision rules (supervision.ts) are appended to them by the compliance engine. */
export const FLAG_RULES: readonly FlagRule[] = [noContractRule, clauseRule, contractExpiringRule];

export function evaluateVendor(input: EvaluationInput, catalogue: Catalogue, rules: readonly FlagRule[] = FLAG_RULES): Evaluation {
  const applicability = applicabilityFor(input.vendor, catalogue, input.profile);
  const contractsInForce = input.contracts.filter((contract) => isInForce(contract, input.asOf));
  const context: EvaluationContext = {
    vendor: input.vendor,
    profile: input.profile,
    contracts: input.contracts,
    asOf: input.asOf,
    applicability,
    contractsInForce,
    clauseGaps: 'clauseGaps' in input ? input.clauseGaps : clauseGapsOf(input.reviews, contractsInForce, catalogue.clauseTypes.map((clauseType) => clauseType.code)),
  };
  const flags: RuleFlag[] = [];
  for (const rule of rules) {
    const found = rule(context);
    for (let index = 0; index < found.length; index += 1) flags.push(found[index]);
  }
  return {
    status: input.vendor.status === 'candidate' ? 'not-evaluated' : statusOf(flags),
    applicableRequirementIds: applicability.requirementIds,
    requiredClauseTypes: applicability.requiredClauseCitations,
    flags,
  };
}

/** domain.md: non-compliant with any critical flag, at-risk with only warnings, compliant with none. */
export function statusOf(flags: readonly Pick<RuleFlag, 'severity'>[]): ComplianceStatus {
  if (flags.some((flag) => flag.severity === 'critical')) return 'non-compliant';
  return flags.length > 0 ? 'at-risk' : 'compliant';
}
