import { daysBetween } from './calendar';
import { RiskTier } from './vendor-facts';

/**
 * The action list: what to do first, one line per thing to do rather than per flag. A contract with
 * fourteen clause types not reviewed is one review; an overdue audit is one audit to carry out. The
 * flags (flags.ts, supervision.ts) say what is wrong and why; this rule says what to do about it, who
 * does it and where. Flag codes are read as plain strings, so a code this table does not know yet
 * still becomes an action (`resolve-flag`, on the vendor's page) instead of breaking the list.
 */
export const ACTION_KINDS = [
  'register-contract',
  'review-contract',
  'renew-contract',
  'record-selection',
  'conduct-audit',
  'close-finding',
  'approve-subcontractor',
  'renew-certificate',
  'review-foreign-regime',
  'review-external-environment',
  'record-transfer-basis',
  'obtain-deletion-certificate',
  'report-incident',
  'chase-questionnaire',
  'resolve-flag',
] as const;
export type ActionKind = (typeof ACTION_KINDS)[number];

/** Who acts: legal for the contract work (checklist review, renewal), compliance for the supervision records. */
export const RESPONSIBLE_ROLES = ['legal', 'compliance'] as const;
export type ResponsibleRole = (typeof RESPONSIBLE_ROLES)[number];

/** The page that fixes it, by what it is about (the UI turns it into a link). */
export type ActionPage =
  | 'vendor'
  | 'vendor-edit'
  | 'new-contract'
  | 'contract'
  | 'new-assessment'
  | 'new-audit'
  | 'audit'
  | 'findings'
  | 'new-certificate'
  | 'new-deletion-certificate'
  | 'incident'
  | 'questionnaire';

/**
 * How flags of a code become actions: `vendor` groups all of a vendor's flags of the kind into one
 * action (every clause gap of the contracts in force is one review); `ref` makes one action per
 * record the flag names (each overdue finding is closed on its own).
 */
export interface ActionRule {
  kind: ActionKind;
  per: 'vendor' | 'ref';
}

/**
 * Known flag codes, including codes of the second legal model (legal-model.md §3, §5, §7). Abroad is two
 * questions (§3) and so two things to do on two pages: the transfer basis of a foreign recipient is a field
 * of the vendor, the external environment of each country a review on record; a vendor lacking both has two lines.
 */
export const ACTION_RULES: Readonly<Record<string, ActionRule>> = {
  'no-contract': { kind: 'register-contract', per: 'vendor' },
  'missing-clause': { kind: 'review-contract', per: 'vendor' },
  'partial-clause': { kind: 'review-contract', per: 'vendor' },
  // The retention period (legal-model.md §7) is read off the contract by legal, on the contract's page, with its
  // retention-erasure clause: part of the one review, not a second line (nor a generic "resolve the flag").
  'retention-period-missing': { kind: 'review-contract', per: 'vendor' },
  'contract-expiring': { kind: 'renew-contract', per: 'ref' },
  'selection-missing': { kind: 'record-selection', per: 'vendor' },
  'selection-incomplete': { kind: 'record-selection', per: 'vendor' },
  'audit-overdue': { kind: 'conduct-audit', per: 'vendor' },
  'audit-due-soon': { kind: 'conduct-audit', per: 'vendor' },
  'finding-overdue': { kind: 'close-finding', per: 'ref' },
  'subcontractor-unapproved': { kind: 'approve-subcontractor', per: 'ref' },
  'subcontractor-objection-open': { kind: 'approve-subcontractor', per: 'ref' },
  'certificate-expired': { kind: 'renew-certificate', per: 'ref' },
  'foreign-review-overdue': { kind: 'review-foreign-regime', per: 'vendor' },
  'external-environment-missing': { kind: 'review-external-environment', per: 'vendor' },
  'transfer-basis-missing': { kind: 'record-transfer-basis', per: 'vendor' },
  'deletion-certificate-missing': { kind: 'obtain-deletion-certificate', per: 'vendor' },
  // The audit an incident calls for is the vendor's next audit (company policy): the same one line as the periodic audit.
  'incident-audit-due': { kind: 'conduct-audit', per: 'vendor' },
  'incident-audit-overdue': { kind: 'conduct-audit', per: 'vendor' },
  // Each incident's reports (APPI Art. 26, TBA Art. 28, GDPR Art. 33/34) are made from the incident's own page.
  'incident-report-due': { kind: 'report-incident', per: 'ref' },
  'incident-report-overdue': { kind: 'report-incident', per: 'ref' },
  // An unanswered questionnaire is chased (re-sent) or its answer reviewed on its own page.
  'questionnaire-overdue': { kind: 'chase-questionnaire', per: 'ref' },
};

/** A code this table does not know: one action per vendor and code, on the vendor's page. */
export const DEFAULT_ACTION_RULE: ActionRule = { kind: 'resolve-flag', per: 'vendor' };

export function actionRuleOf(code: string): ActionRule {
  return Object.prototype.hasOwnProperty.call(ACTION_RULES, code) ? ACTION_RULES[code] : DEFAULT_ACTION_RULE;
}

const CONTRACT_WORK: readonly ActionKind[] = ['register-contract', 'review-contract', 'renew-contract'];

export function responsibleRoleOf(kind: ActionKind): ResponsibleRole {
  return CONTRACT_WORK.includes(kind) ? 'legal' : 'compliance';
}

/** Severities that ask for action; an advisory (`info`) flag asks for none (legal-model.md §2). */
export const ACTION_SEVERITIES = ['critical', 'warning'] as const;
export type ActionSeverity = (typeof ACTION_SEVERITIES)[number];

/** A flag as the action rule needs it (a RuleFlag fits). */
export interface ActionFlag {
  code: string;
  severity: string;
  variant?: string;
  dueDate?: string;
  refType?: string;
  refId?: string;
  params: Readonly<Record<string, unknown>>;
}

export interface ActionVendor {
  id: string;
  name: string;
  riskTier: RiskTier;
  ownerEmail: string | null;
  /** Its contracts in force: a review goes to the one contract, or to the vendor's page when there are several. */
  contractsInForce: ReadonlyArray<{ id: string; title: string }>;
  /** A planned or in-progress audit: carrying out the audit means completing that one. */
  openAuditId: string | null;
  flags: readonly ActionFlag[];
}

export interface Action {
  kind: ActionKind;
  vendorId: string;
  vendorName: string;
  severity: ActionSeverity;
  riskTier: RiskTier;
  /** The earliest due date of its flags (for a renewal the notice deadline when there is one); null when none. */
  dueDate: string | null;
  /** Whole days past the due date on `asOf`; 0 when not yet due or without a due date. */
  daysOverdue: number;
  responsibleRole: ResponsibleRole;
  /** The vendor's owner (担当者), when recorded. */
  responsiblePerson: string | null;
  target: { page: ActionPage; id: string };
  /** The flag codes it answers, each once, in the order met. */
  flagCodes: string[];
  /** How many flags it answers (e.g. clause types to review). */
  flagCount: number;
  /** Counts of the flags by variant, e.g. clause types `not-reviewed`, `missing`, `partial`; a flag without a variant counts under its code (`retention-period-missing`). */
  variants: Record<string, number>;
  /** What it is about, when the flag names it: a contract title, a finding title, a subcontractor's name. */
  subject: string | null;
  /** The flag's record (contract, finding, subcontractor, certificate) for `ref` actions. */
  refId: string | null;
}

const SEVERITY_RANK: Readonly<Record<ActionSeverity, number>> = { critical: 0, warning: 1 };
const TIER_RANK: Readonly<Record<RiskTier, number>> = { high: 0, medium: 1, low: 2 };
const NAME_ORDER = new Intl.Collator('ja');

/** The variant a flag counts under: a partial clause is its own variant. */
function variantOf(flag: ActionFlag): string {
  return flag.code === 'partial-clause' ? 'partial' : (flag.variant ?? flag.code);
}

/** The due date the action keeps to: a renewal's notice deadline comes before the expiry. */
function dueDateOf(flag: ActionFlag): string | null {
  const noticeBy = flag.params.noticeBy;
  if (typeof noticeBy === 'string' && noticeBy !== '') return noticeBy;
  return flag.dueDate ?? null;
}

/** The record or text a flag names, for the action's line. */
function subjectOf(flag: ActionFlag): string | null {
  for (const key of ['contract', 'title', 'name'] as const) {
    const value = flag.params[key];
    if (typeof value === 'string' && value !== '') return value;
  }
  return null;
}

function targetOf(kind: ActionKind, vendor: ActionVendor, refId: string | null): { page: ActionPage; id: string } {
  switch (kind) {
    case 'register-contract':
      return { page: 'new-contract', id: vendor.id };
    case 'review-contract':
      return vendor.contractsInForce.length === 1 ? { page: 'contract', id: vendor.contractsInForce[0].id } : { page: 'vendor', id: vendor.id };
    case 'renew-contract':
      return refId ? { page: 'contract', id: refId } : { page: 'vendor', id: vendor.id };
    case 'record-selection':
    case 'review-foreign-regime':
    case 'review-external-environment':
      return { page: 'new-assessment', id: vendor.id };
    case 'conduct-audit':
      return vendor.openAuditId ? { page: 'audit', id: vendor.openAuditId } : { page: 'new-audit', id: vendor.id };
    case 'close-finding':
      return { page: 'findings', id: vendor.id };
    case 'renew-certificate':
      return { page: 'new-certificate', id: vendor.id };
    case 'record-transfer-basis':
      return { page: 'vendor-edit', id: vendor.id };
    case 'obtain-deletion-certificate':
      return { page: 'new-deletion-certificate', id: vendor.id };
    case 'report-incident':
      return refId ? { page: 'incident', id: refId } : { page: 'vendor', id: vendor.id };
    case 'chase-questionnaire':
      return refId ? { page: 'questionnaire', id: refId } : { page: 'vendor', id: vendor.id };
    default:
      // approve-subcontractor (the vendor's page lists its subcontractors with their approval forms) and resolve-flag.
      return { page: 'vendor', id: vendor.id };
  }
}

function isActionSeverity(severity: string): severity is ActionSeverity {
  return (ACTION_SEVERITIES as readonly string[]).includes(severity);
}

/** The actions of one vendor's flags on `asOf`, in the order their first flag came. */
export function vendorActions(vendor: ActionVendor, asOf: string): Action[] {
  const byKey = new Map<string, Action>();
  for (const flag of vendor.flags) {
    if (!isActionSeverity(flag.severity)) continue;
    const rule = actionRuleOf(flag.code);
    const refId = rule.per === 'ref' ? (flag.refId ?? null) : null;
    // An unknown code keeps to itself: two new codes are two things to do.
    const key = `${rule.kind}|${rule.kind === 'resolve-flag' ? flag.code : refId}`;
    const due = dueDateOf(flag);
    const variant = variantOf(flag);
    const found = byKey.get(key);
    if (found) {
      if (flag.severity === 'critical') found.severity = 'critical';
      found.dueDate = earlier(found.dueDate, due);
      if (!found.flagCodes.includes(flag.code)) found.flagCodes.push(flag.code);
      found.flagCount += 1;
      found.variants[variant] = (found.variants[variant] ?? 0) + 1;
      continue;
    }
    const target = targetOf(rule.kind, vendor, refId);
    byKey.set(key, {
      kind: rule.kind,
      vendorId: vendor.id,
      vendorName: vendor.name,
      severity: flag.severity,
      riskTier: vendor.riskTier,
      dueDate: due,
      daysOverdue: 0,
      responsibleRole: responsibleRoleOf(rule.kind),
      responsiblePerson: vendor.ownerEmail,
      target,
      flagCodes: [flag.code],
      flagCount: 1,
      variants: { [variant]: 1 },
      subject: rule.kind === 'review-contract' ? (target.page === 'contract' ? vendor.contractsInForce[0].title : null) : subjectOf(flag),
      refId,
    });
  }
  const actions = [...byKey.values()];
  for (const action of actions) action.daysOverdue = action.dueDate === null ? 0 : Math.max(0, daysBetween(action.dueDate, asOf));
  return actions;
}

/**
 * Most urgent first: critical before warning, then the most days overdue, then the higher risk tier,
 * then the earlier due date (none last), then vendor name (Japanese collation), kind and subject.
 */
export function compareActions(a: Action, b: Action): number {
  return (
    SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
    b.daysOverdue - a.daysOverdue ||
    TIER_RANK[a.riskTier] - TIER_RANK[b.riskTier] ||
    compareDue(a.dueDate, b.dueDate) ||
    NAME_ORDER.compare(a.vendorName, b.vendorName) ||
    a.vendorId.localeCompare(b.vendorId) ||
    ACTION_KINDS.indexOf(a.kind) - ACTION_KINDS.indexOf(b.kind) ||
    (a.subject ?? '').localeCompare(b.subject ?? '') ||
    (a.refId ?? '').localeCompare(b.refId ?? '')
  );
}

/** Without a due date, after every date. */
const NO_DUE_DATE = '9999-12-31';

function compareDue(a: string | null, b: string | null): number {
  return (a ?? NO_DUE_DATE).localeCompare(b ?? NO_DUE_DATE);
}

/** The earlier of two due dates; a missing one does not count. */
function earlier(a: string | null, b: string | null): string | null {
  if (a === null) return b;
  // Stryker disable next-line ConditionalExpression,EqualityOperator: equivalent, null < a date string is false in JavaScript and an equal date is the same value
  return b !== null && b < a ? b : a;
}

/** Every vendor's actions on `asOf`, most urgent first. */
export function actionsOf(vendors: readonly ActionVendor[], asOf: string): Action[] {
  return vendors.flatMap((vendor) => vendorActions(vendor, asOf)).sort(compareActions);
}

export interface ActionFilter {
  /** Only the vendors this person owns ("mine"). */
  ownerEmail?: string;
  role?: ResponsibleRole;
  kind?: ActionKind;
  riskTier?: RiskTier;
}

export function matchesFilter(action: Action, filter: ActionFilter): boolean {
  return (
    (filter.ownerEmail === undefined || action.responsiblePerson === filter.ownerEmail) &&
    (filter.role === undefined || action.responsibleRole === filter.role) &&
    (filter.kind === undefined || action.kind === filter.kind) &&
    (filter.riskTier === undefined || action.riskTier === filter.riskTier)
  );
}
