import { Applicability, applicabilityFor, Catalogue } from './applicability';
import { atMost, Basis, Binding, Severity } from './basis';
import { daysBetween } from './calendar';
import { betterReview, ContractFacts, expiresSoon, isInForce, noticeDeadline, ReviewStatus } from './contracts';
import { OrganisationProfile } from './organisation-profile';
import { ComplianceStatus, RiskTier, VendorFacts, VendorStatus } from './vendor-facts';

export { SEVERITIES } from './basis';
export type { Severity } from './basis';

/** Flag codes of domain.md and legal-model.md; this module computes the contract and clause flags, supervision rules plug in. */
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
  'transfer-basis-missing',
  'external-environment-missing',
  'subcontractor-objection-open',
  'selection-incomplete',
  'retention-period-missing',
  'oversight-not-applicable',
] as const;
export type FlagCode = (typeof FLAG_CODES)[number];

/**
 * How serious a flag is and on what basis (legal-model.md §2): the strongest binding among the
 * applicable requirements it cites, at most `cap` (a warning by its nature, e.g. a contract that ends
 * soon). Null when no applicable requirement asks for it: then there is nothing to flag.
 */
// Stryker disable next-line StringLiteral: equivalent, the default cap is the highest severity, i.e. no cap, as an unknown cap also is for atMost()
export function bindingFor(applicability: Applicability, requirementIds: readonly string[], cap: Severity = 'critical'): Binding | null {
  const binding = applicability.bindingOf(requirementIds);
  return binding && { basis: binding.basis, severity: atMost(binding.severity, cap) };
}

/** An overdue corrective action is as serious as its finding (JIS Q 15001 f)): critical when the finding is high, else a warning. */
export function findingOverdueSeverity(findingSeverity: 'low' | 'medium' | 'high'): Severity {
  return findingSeverity === 'high' ? 'critical' : 'warning';
}

/**
 * A flag as the rules produce it: locale-free. `variant` and `params` let the message catalogue
 * say exactly what is wrong (e.g. "missing" vs "not reviewed"), in Japanese or English; `basis`
 * says how binding the unmet requirement is, and the wording follows it.
 */
export interface RuleFlag {
  code: FlagCode;
  severity: Severity;
  basis: Basis;
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
export const SUPERVISED: readonly VendorStatus[] = ['active', 'offboarding'];

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

/** no-contract (APPI Art. 25; 通則GL 3-4-4(2)): an active or offboarding vendor the catalogue asks a contract of needs one in force. */
export const noContractRule: FlagRule = ({ vendor, contractsInForce, applicability }) => {
  if (!SUPERVISED.includes(vendor.status) || contractsInForce.length > 0) return NO_FLAGS;
  const requirementIds = applicability.citing('duty:contract-in-force');
  const binding = bindingFor(applicability, requirementIds);
  return binding ? [{ code: 'no-contract', ...binding, requirementIds, params: {} }] : NO_FLAGS;
};

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
  for (const { clauseType, requirementIds, binding, reason } of applicability.requiredClauses) {
    const status = clauseGaps.get(clauseType.code);
    if (!status) continue;
    const params = { contracts: contractTitles, condition: reason };
    flags.push(
      status === 'partial'
        // A partly covered clause is at most a warning.
        ? { code: 'partial-clause', basis: binding.basis, severity: atMost(binding.severity, 'warning'), clauseType: clauseType.code, requirementIds, params }
        : { code: 'missing-clause', ...binding, variant: status, clauseType: clauseType.code, requirementIds, params },
    );
  }
  return flags;
};

/** contract-expiring: a contract in force without auto-renewal ends within 90 days (with its notice deadline, if any): at most a warning. */
export const contractExpiringRule: FlagRule = ({ vendor, contractsInForce, applicability, asOf }) => {
  if (vendor.status === 'terminated') return NO_FLAGS;
  const requirementIds = applicability.citing('duty:contract-in-force');
  const binding = bindingFor(applicability, requirementIds, 'warning');
  if (!binding) return NO_FLAGS;
  return contractsInForce
    .filter((contract) => expiresSoon(contract, asOf))
    .map((contract): RuleFlag => {
      const noticeBy = noticeDeadline(contract);
      return {
        code: 'contract-expiring',
        ...binding,
        requirementIds,
        dueDate: contract.expiresOn!,
        refType: 'contract',
        refId: contract.id,
        params: { contract: contract.title, days: daysBetween(asOf, contract.expiresOn!), ...(noticeBy === null ? {} : { noticeBy }) },
      };
    });
};

/**
 * retention-period-missing (legal-model.md §7; telecom guideline on retention periods): a
 * communications vendor's contract in force records how long the vendor keeps the data
 * (e.g. 「契約終了後30日」); missing, at most a warning.
 */
export const retentionPeriodRule: FlagRule = ({ vendor, contractsInForce, applicability }) => {
  if (!SUPERVISED.includes(vendor.status)) return NO_FLAGS;
  const requirementIds = applicability.citing('duty:retention-period');
  const binding = bindingFor(applicability, requirementIds, 'warning');
  if (!binding) return NO_FLAGS;
  return contractsInForce
    .filter((contract) => !contract.retentionPeriod)
    .map((contract): RuleFlag => ({ code: 'retention-period-missing', ...binding, requirementIds, refType: 'contract', refId: contract.id, params: { contract: contract.title } }));
};

/** The contract rules; the supervision rules (supervision.ts) are appended to them by the compliance engine. */
export const FLAG_RULES: readonly FlagRule[] = [noContractRule, clauseRule, contractExpiringRule, retentionPeriodRule];

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

/**
 * domain.md and legal-model.md §2: non-compliant (要是正) with any critical flag, at-risk (要注意) with
 * a warning, compliant (適合) otherwise; an advisory (info) flag never changes the status.
 */
export function statusOf(flags: readonly Pick<RuleFlag, 'severity'>[]): ComplianceStatus {
  if (flags.some((flag) => flag.severity === 'critical')) return 'non-compliant';
  return flags.some((flag) => flag.severity === 'warning') ? 'at-risk' : 'compliant';
}
