import { atMost, effectiveBinding } from './basis';
import { addMonths, daysBetween } from './calendar';
import { bindingFor, findingOverdueSeverity, FlagRule, NO_FLAGS, RuleFlag, SUPERVISED } from './flags';
import { DEFAULT_INCIDENT_AUDIT_DAYS, earlierDue, incidentAuditDue } from './incident-audit';
import { SubcontractorStatus } from './lifecycles';
import { DEFAULT_ORGANISATION_PROFILE, OrganisationProfile } from './organisation-profile';
import { externalEnvironmentScope } from './external-environment';
import { isForeignRecipient, RiskTier, VendorStatus } from './vendor-facts';

/** Settings an admin may change (defaults from domain.md and legal-model.md §1). */
export interface SupervisionSettings {
  /** Months between audits by risk tier (通則GL 3-4-4(3); JIS Q 15001 e); ISO/IEC 27001 5.22). */
  auditIntervalMonths: Record<RiskTier, number>;
  /** Days a vendor's announced subcontractor may be objected to before it is deemed authorised. */
  objectionDays: number;
  /** Which frameworks bind the company (legal-model.md §1). */
  profile: OrganisationProfile;
  /** Days after an incident within which the vendor is audited again (company policy; incident-audit.ts). */
  incidentAuditDays: number;
}

export const DEFAULT_SUPERVISION_SETTINGS: SupervisionSettings = {
  auditIntervalMonths: { high: 12, medium: 24, low: 36 },
  objectionDays: 14,
  profile: DEFAULT_ORGANISATION_PROFILE,
  incidentAuditDays: DEFAULT_INCIDENT_AUDIT_DAYS,
};

export const AUDIT_DUE_SOON_DAYS = 30;
/** PPC Rules Art. 18: the recipient's measures and the foreign regime are checked 年1回程度 (外国提供編GL 6). */
export const FOREIGN_REVIEW_MONTHS = 12;

/**
 * What a selection assessment confirms (通則GL 3-4-4(1): each kind of security measure of 通則GL 10,
 * in advance; domain.md "Selection assessment items").
 */
export const SELECTION_ITEM_CODES = [
  'basic-policy', 'handling-rules', 'organisational', 'human', 'physical', 'technical',
  'external-environment', 'certifications', 'reentrustment-handling', 'incident-history',
] as const;
export type SelectionItemCode = (typeof SELECTION_ITEM_CODES)[number];
export const SELECTION_ITEM_STATUSES = ['confirmed', 'not-confirmed', 'not-applicable'] as const;

export interface SelectionItem {
  code: SelectionItemCode;
  status: (typeof SELECTION_ITEM_STATUSES)[number];
  note?: string | null;
}

/** The records that prove the duties that are not clauses (domain.md), as plain facts. */
export interface SupervisionFacts {
  /** Selection assessments that selected the vendor (approved, or approved with conditions), with their items. */
  selections: Array<{ completedOn: string; outcome: 'approved' | 'approved-with-conditions'; items: readonly SelectionItem[] }>;
  /** External-environment reviews (外的環境の把握, 通則GL 10-7: `foreign-regime` assessments) and the countries each covers. */
  externalEnvironmentReviews: Array<{ completedOn: string; countries: readonly string[] }>;
  /** completedOn of the checks of the recipient's measures and the foreign regime (外国の制度等の確認, PPC Rules Art. 18). */
  transferReviews: string[];
  /** completedOn of completed audits. */
  completedAudits: string[];
  openFindings: Array<{ id: string; title: string; severity: 'low' | 'medium' | 'high'; dueOn: string }>;
  subcontractors: Array<{ id: string; name: string; country: string; status: SubcontractorStatus; depth: number; objectionDeadline: string | null }>;
  certificates: Array<{ id: string; kind: string; validUntil: string }>;
  deletionCertificates: number;
  /** The days the company became aware of the vendor's incidents (漏えい等): each calls for an audit. */
  incidents: string[];
}

export const NO_SUPERVISION_RECORDS: SupervisionFacts = {
  selections: [],
  externalEnvironmentReviews: [],
  transferReviews: [],
  completedAudits: [],
  openFindings: [],
  subcontractors: [],
  certificates: [],
  deletionCertificates: 0,
  incidents: [],
};

/**
 * The next audit is due an interval (by risk tier) after the last completed audit, or after activation;
 * sooner when an incident calls for one (incident-audit.ts).
 */
export function nextAuditDue(
  vendor: { riskTier: RiskTier; activeSince: string | null },
  completedAudits: readonly string[],
  settings: Pick<SupervisionSettings, 'auditIntervalMonths' | 'incidentAuditDays'>,
  incidents: readonly string[] = [],
): string | null {
  const since = auditIntervalStart(vendor, completedAudits);
  const periodic = since ? addMonths(since, settings.auditIntervalMonths[vendor.riskTier]) : null;
  return earlierDue(periodic, incidentAuditDue(incidents, completedAudits, settings.incidentAuditDays));
}

/**
 * The audit dates a vendor's record keeps (the list filters and sorts by them): its last completed
 * audit, and when the next one is due — only while the vendor holds our data (active or offboarding;
 * 通則GL 3-4-4(3) supervises the handling, not a candidate or a vendor that has ended).
 */
export function auditDates(
  vendor: { status: VendorStatus; riskTier: RiskTier; activeSince: string | null },
  records: Pick<SupervisionFacts, 'completedAudits' | 'incidents'>,
  settings: Pick<SupervisionSettings, 'auditIntervalMonths' | 'incidentAuditDays'>,
): { lastAuditOn: string | null; nextAuditDue: string | null } {
  return {
    lastAuditOn: latest(records.completedAudits),
    nextAuditDue: SUPERVISED.includes(vendor.status) ? nextAuditDue(vendor, records.completedAudits, settings, records.incidents) : null,
  };
}

/** The day the audit interval counts from: the last completed audit, or activation when there is none. */
function auditIntervalStart(vendor: { activeSince: string | null }, completedAudits: readonly string[]): string | null {
  return latest(completedAudits) ?? vendor.activeSince;
}

/**
 * The selection items a selection assessment leaves unconfirmed (legal-model.md §7): every item must
 * be `confirmed`, or `not-applicable` with a note saying why; with conditions, an item may also be
 * `not-confirmed` (the conditions cover it). An item not recorded at all is unconfirmed.
 */
export function unconfirmedSelectionItems(selection: SupervisionFacts['selections'][number]): SelectionItemCode[] {
  const recorded = new Map(selection.items.map((item) => [item.code, item]));
  return SELECTION_ITEM_CODES.filter((code) => {
    const item = recorded.get(code);
    if (!item) return true;
    if (item.status === 'not-applicable') return !item.note?.trim();
    return item.status === 'not-confirmed' && selection.outcome === 'approved';
  });
}

/**
 * Whether a pending subcontractor of an objection-period vendor is deemed authorised on `asOf`: its
 * objection deadline has passed with no objection (GDPR Art. 28(2) general written authorisation).
 * Never for a vendor with My Number data: every tier needs the entruster's explicit 許諾 (番号法 Art. 10).
 */
export function deemedAuthorised(
  vendor: { subcontractorApproval: 'prior-approval' | 'objection-period'; dataCategories: readonly string[] },
  subcontractor: { status: SubcontractorStatus; objectionDeadline: string | null },
  asOf: string,
): boolean {
  return (
    vendor.subcontractorApproval === 'objection-period' &&
    !vendor.dataCategories.includes('my-number') &&
    subcontractor.status === 'pending' &&
    // Stryker disable next-line ConditionalExpression: equivalent, null < a date is false too; the check says what is meant
    subcontractor.objectionDeadline !== null &&
    subcontractor.objectionDeadline < asOf
  );
}

/** Supervision flags need the supervision facts and the settings; they extend the contract rules. */
export function supervisionRules(supervisionOf: (vendorId: string) => SupervisionFacts, settings: SupervisionSettings): FlagRule[] {
  /**
   * selection-missing / selection-incomplete (通則GL 3-4-4(1)): an active vendor was selected after
   * its security measures were confirmed, item by item; a selection with an unconfirmed item does not count.
   */
  const selectionRule: FlagRule = ({ vendor, applicability }) => {
    if (vendor.status !== 'active') return NO_FLAGS;
    const requirementIds = applicability.citing('duty:selection-assessment');
    const binding = bindingFor(applicability, requirementIds);
    const { selections } = supervisionOf(vendor.id);
    if (!binding) return NO_FLAGS;
    if (selections.length === 0) return [{ code: 'selection-missing', ...binding, requirementIds, params: {} }];
    const gaps = selections.map((selection) => ({ selection, items: unconfirmedSelectionItems(selection) }));
    if (gaps.some(({ items }) => items.length === 0)) return NO_FLAGS;
    // Stryker disable next-line EqualityOperator: equivalent, of two selections on the same day either is the latest
    const last = gaps.reduce((a, b) => (b.selection.completedOn > a.selection.completedOn ? b : a));
    return [{ code: 'selection-incomplete', ...binding, requirementIds, params: { items: last.items, completedOn: last.selection.completedOn } }];
  };

  /** audit-overdue / audit-due-soon (通則GL 3-4-4(3)): periodic audits by risk tier, for the vendors that hold our data. */
  const auditRule: FlagRule = ({ vendor, applicability, asOf }) => {
    if (!SUPERVISED.includes(vendor.status)) return NO_FLAGS;
    const requirementIds = applicability.citing('duty:audit');
    const binding = bindingFor(applicability, requirementIds);
    const since = auditIntervalStart(vendor, supervisionOf(vendor.id).completedAudits);
    if (!binding || !since) return NO_FLAGS;
    const months = settings.auditIntervalMonths[vendor.riskTier];
    const due = addMonths(since, months);
    const daysLeft = daysBetween(asOf, due);
    if (daysLeft > AUDIT_DUE_SOON_DAYS) return NO_FLAGS;
    const params = { months, tier: vendor.riskTier, since };
    return daysLeft < 0
      ? [{ code: 'audit-overdue', ...binding, requirementIds, dueDate: due, params }]
      : [{ code: 'audit-due-soon', basis: binding.basis, severity: atMost(binding.severity, 'warning'), requirementIds, dueDate: due, params }];
  };

  /** finding-overdue (JIS Q 15001 f)): an open finding past its due date; critical when high. */
  const findingRule: FlagRule = ({ vendor, applicability, asOf }) => {
    const requirementIds = applicability.citing('duty:audit');
    const binding = bindingFor(applicability, requirementIds);
    if (!binding) return NO_FLAGS;
    return supervisionOf(vendor.id).openFindings
      .filter((finding) => finding.dueOn < asOf)
      .map((finding): RuleFlag => ({
        code: 'finding-overdue',
        basis: binding.basis,
        severity: atMost(findingOverdueSeverity(finding.severity), binding.severity),
        requirementIds,
        dueDate: finding.dueOn,
        refType: 'finding',
        refId: finding.id,
        params: { title: finding.title, severity: finding.severity },
      }));
  };

  /**
   * 再委託先 at any depth (legal-model.md §5; 通則GL 3-4-4(3); 番号法 Art. 10; GDPR Art. 28(2)):
   * - re-entrustment not allowed: any subcontractor in use is critical (the contract forbids it);
   * - objected to but still in use: critical;
   * - pending, prior approval (and always with My Number data): subcontractor-unapproved, as binding as
   *   the approval requirements (policy: a warning; My Number or GDPR: critical);
   * - pending, objection period: a warning with the deadline until it passes, then deemed authorised.
   */
  const subcontractorRule: FlagRule = ({ vendor, applicability, asOf }) => {
    if (vendor.relationship !== 'entrustment') return NO_FLAGS;
    const { subcontractors } = supervisionOf(vendor.id);
    const approval = applicability.citing('duty:subcontractor-approval');
    const terms = applicability.citing('clause:reentrustment');
    const flags: RuleFlag[] = [];
    for (const subcontractor of subcontractors) {
      if (subcontractor.status === 'withdrawn') continue;
      const ref = { refType: 'subcontractor' as const, refId: subcontractor.id, params: { name: subcontractor.name, depth: subcontractor.depth } };
      if (!vendor.reentrustmentAllowed) {
        flags.push({ code: 'subcontractor-unapproved', basis: 'policy', severity: 'critical', variant: 'not-allowed', requirementIds: terms, ...ref });
      } else if (subcontractor.status === 'objected') {
        flags.push({ code: 'subcontractor-unapproved', basis: 'policy', severity: 'critical', variant: 'objected', requirementIds: approval, ...ref });
      } else if (subcontractor.status === 'pending' && !deemedAuthorised(vendor, subcontractor, asOf)) {
        const binding = bindingFor(applicability, approval);
        if (!binding) continue;
        const open = vendor.subcontractorApproval === 'objection-period' && !vendor.dataCategories.includes('my-number') && subcontractor.objectionDeadline !== null;
        flags.push(
          open
            ? { code: 'subcontractor-objection-open', basis: binding.basis, severity: atMost(binding.severity, 'warning'), requirementIds: approval, dueDate: subcontractor.objectionDeadline!, ...ref }
            : { code: 'subcontractor-unapproved', ...binding, variant: 'pending', requirementIds: approval, ...ref },
        );
      }
    }
    return flags;
  };

  /** certificate-expired: a recorded certificate past its validity; keeping it current is part of the supervision the privacy policy promises. */
  const certificateRule: FlagRule = ({ vendor, profile, asOf }) => {
    const binding = effectiveBinding({ basis: 'policy', severity: 'warning' }, profile);
    return supervisionOf(vendor.id).certificates
      .filter((certificate) => certificate.validUntil < asOf)
      .map((certificate): RuleFlag => ({
        code: 'certificate-expired',
        ...binding,
        requirementIds: [],
        dueDate: certificate.validUntil,
        refType: 'certificate',
        refId: certificate.id,
        params: { kind: certificate.kind },
      }));
  };

  /**
   * transfer-basis-missing (APPI Art. 28(1); PPC Rules Art. 15–17; Q&A 12-1): a vendor located in a
   * foreign country that is not designated needs a recorded basis: consent, 基準適合体制, or no provision.
   */
  const transferBasisRule: FlagRule = ({ vendor, applicability }) => {
    if (!SUPERVISED.includes(vendor.status) || vendor.transferBasis !== null || !isForeignRecipient(vendor)) return NO_FLAGS;
    const requirementIds = applicability.citing('duty:transfer-basis');
    const binding = bindingFor(applicability, requirementIds);
    return binding ? [{ code: 'transfer-basis-missing', ...binding, requirementIds, params: { country: vendor.country } }] : NO_FLAGS;
  };

  /**
   * foreign-review-overdue (APPI Art. 28(3); PPC Rules Art. 18; 外国提供編GL 6): with a 基準適合体制 as the
   * basis, the recipient's measures and the foreign regime are checked about once a year.
   */
  const foreignReviewRule: FlagRule = ({ vendor, applicability, asOf }) => {
    if (!SUPERVISED.includes(vendor.status)) return NO_FLAGS;
    const requirementIds = applicability.citing('duty:foreign-review');
    const binding = bindingFor(applicability, requirementIds);
    if (!binding) return NO_FLAGS;
    const last = latest(supervisionOf(vendor.id).transferReviews);
    const due = last ? addMonths(last, FOREIGN_REVIEW_MONTHS) : null;
    if (due && due >= asOf) return NO_FLAGS;
    return [{ code: 'foreign-review-overdue', ...binding, variant: last ? 'overdue' : 'never', requirementIds, ...(due ? { dueDate: due } : {}), params: { last: last ?? '' } }];
  };

  /**
   * external-environment-missing (通則GL 10-7; APPI Art. 32(1)(4), Cabinet Order Art. 10(i)): every
   * country other than Japan where the data is handled — the vendor's, its data locations, its
   * subcontractors' — needs a review of its regime on record; one flag names those not covered.
   */
  const externalEnvironmentRule: FlagRule = ({ vendor, applicability }) => {
    const scope = externalEnvironmentScope(vendor, applicability);
    if (!scope) return NO_FLAGS;
    const covered = new Set(supervisionOf(vendor.id).externalEnvironmentReviews.flatMap((review) => review.countries));
    const missing = scope.countries.filter((country) => !covered.has(country));
    return missing.length > 0 ? [{ code: 'external-environment-missing', ...scope.binding, requirementIds: scope.requirementIds, params: { countries: missing } }] : NO_FLAGS;
  };

  /** deletion-certificate-missing (通則GL 10-5(4); JIS Q 15001 h); GDPR Art. 28(3)(g)): a terminated vendor proves the data is returned or erased. */
  const deletionRule: FlagRule = ({ vendor, applicability }) => {
    if (vendor.status !== 'terminated' || supervisionOf(vendor.id).deletionCertificates > 0) return NO_FLAGS;
    const requirementIds = applicability.citing('duty:deletion-certificate');
    const binding = bindingFor(applicability, requirementIds);
    return binding ? [{ code: 'deletion-certificate-missing', ...binding, requirementIds, params: {} }] : NO_FLAGS;
  };

  /**
   * oversight-not-applicable (legal-model.md §4): joint use (共同利用) and provision (第三者提供) are no
   * entrustment, so 委託先の監督 does not apply; one advisory flag says so, and why.
   */
  const classificationRule: FlagRule = ({ vendor, applicability }) => {
    if (!SUPERVISED.includes(vendor.status)) return NO_FLAGS;
    const requirementIds = applicability.citing('duty:classification');
    const binding = bindingFor(applicability, requirementIds, 'info');
    return binding && (vendor.relationship === 'joint-use' || vendor.relationship === 'provision')
      ? [{ code: 'oversight-not-applicable', ...binding, variant: vendor.relationship, requirementIds, params: {} }]
      : NO_FLAGS;
  };

  return [selectionRule, auditRule, findingRule, subcontractorRule, certificateRule, transferBasisRule, foreignReviewRule, externalEnvironmentRule, deletionRule, classificationRule];
}

function latest(dates: readonly string[]): string | null {
  let result: string | null = null;
  for (const date of dates) {
    if (result === null) {
      result = date;
      continue;
    }
    // Stryker disable next-line EqualityOperator: equivalent, an equal date is the same value
    if (date > result) result = date;
  }
  return result;
}
