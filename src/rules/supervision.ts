import { Catalogue } from './applicability';
import { addMonths, daysBetween } from './calendar';
import { FLAG_SEVERITY, findingOverdueSeverity, FlagRule, NO_FLAGS, RuleFlag } from './flags';
import { DEFAULT_INCIDENT_AUDIT_DAYS, earlierDue, incidentAuditDue } from './incident-audit';
import { SubcontractorStatus } from './lifecycles';
import { DEFAULT_ORGANISATION_PROFILE, OrganisationProfile } from './organisation-profile';
import { isAbroad, RiskTier, VendorStatus } from './vendor-facts';

/** Settings an admin may change (defaults from domain.md). */
export interface SupervisionSettings {
  /** Months between audits by risk tier (PPC GL 3-4-4(3); JIS e); ISO 5.22). */
  auditIntervalMonths: Record<RiskTier, number>;
  /** Days a vendor's announced subcontractor may be objected to before the change takes effect. */
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
export const FOREIGN_REVIEW_MONTHS = 12;

/** The records that prove the duties that are not clauses (domain.md), as plain facts. */
export interface SupervisionFacts {
  /** completedOn of selection assessments with an approved outcome (with or without conditions). */
  approvedSelections: string[];
  /** completedOn of foreign-regime reviews (APPI Art. 28(3), rule 18). */
  foreignReviews: string[];
  /** completedOn of completed audits. */
  completedAudits: string[];
  openFindings: Array<{ id: string; title: string; severity: 'low' | 'medium' | 'high'; dueOn: string }>;
  subcontractors: Array<{ id: string; name: string; status: SubcontractorStatus; depth: number }>;
  certificates: Array<{ id: string; kind: string; validUntil: string }>;
  deletionCertificates: number;
  /** The days the company became aware of the vendor's incidents (漏えい等): each calls for an audit. */
  incidents: string[];
}

export const NO_SUPERVISION_RECORDS: SupervisionFacts = {
  approvedSelections: [],
  foreignReviews: [],
  completedAudits: [],
  openFindings: [],
  subcontractors: [],
  certificates: [],
  deletionCertificates: 0,
  incidents: [],
};

const SUPERVISED: readonly VendorStatus[] = ['active', 'offboarding'];

/**
 * The next audit is due an interval (by risk tier) after the last completed audit, or after activation;
 * sooner when an incident calls for one (incident-audit.ts).
 */
export function nextAuditDue(
  vendor: { riskTier: RiskTier; activeSince: string | null },
  completedAudits: readonly string[],
  settings: SupervisionSettings,
  incidents: readonly string[] = [],
): string | null {
  const since = auditIntervalStart(vendor, completedAudits);
  const periodic = since ? addMonths(since, settings.auditIntervalMonths[vendor.riskTier]) : null;
  return earlierDue(periodic, incidentAuditDue(incidents, completedAudits, settings.incidentAuditDays));
}

/** The day the audit interval counts from: the last completed audit, or activation when there is none. */
function auditIntervalStart(vendor: { activeSince: string | null }, completedAudits: readonly string[]): string | null {
  return latest(completedAudits) ?? vendor.activeSince;
}

/** Supervision flags need the supervision facts and the settings; they extend the contract rules. */
export function supervisionRules(supervisionOf: (vendorId: string) => SupervisionFacts, settings: SupervisionSettings): FlagRule[] {
  /** selection-missing (PPC GL 3-4-4(1)): an active vendor needs an approved selection assessment. */
  const selectionRule: FlagRule = ({ vendor, applicability }) =>
    vendor.status === 'active' && supervisionOf(vendor.id).approvedSelections.length === 0
      ? [{ code: 'selection-missing', severity: FLAG_SEVERITY['selection-missing'], requirementIds: applicability.citing('duty:selection-assessment'), params: {} }]
      : NO_FLAGS;

  /** audit-overdue / audit-due-soon (PPC GL 3-4-4(3)): periodic audits by risk tier, for the vendors that hold our data. */
  const auditRule: FlagRule = ({ vendor, applicability, asOf }) => {
    if (!SUPERVISED.includes(vendor.status)) return NO_FLAGS;
    const since = auditIntervalStart(vendor, supervisionOf(vendor.id).completedAudits);
    if (!since) return NO_FLAGS;
    const months = settings.auditIntervalMonths[vendor.riskTier];
    const due = addMonths(since, months);
    const daysLeft = daysBetween(asOf, due);
    if (daysLeft > AUDIT_DUE_SOON_DAYS) return NO_FLAGS;
    const code = daysLeft < 0 ? 'audit-overdue' : 'audit-due-soon';
    return [{ code, severity: FLAG_SEVERITY[code], requirementIds: applicability.citing('duty:audit'), dueDate: due, params: { months, tier: vendor.riskTier, since } }];
  };

  /** finding-overdue (JIS f)): an open finding past its due date; critical when high. */
  const findingRule: FlagRule = ({ vendor, applicability, asOf }) => {
    const { openFindings } = supervisionOf(vendor.id);
    // Stryker disable next-line ConditionalExpression: equivalent, a shortcut that allocates nothing; without it the filter below finds nothing either
    if (openFindings.length === 0) return NO_FLAGS;
    return openFindings
      .filter((finding) => finding.dueOn < asOf)
      .map((finding): RuleFlag => ({
        code: 'finding-overdue',
        severity: findingOverdueSeverity(finding.severity),
        requirementIds: applicability.citing('duty:audit'),
        dueDate: finding.dueOn,
        refType: 'finding',
        refId: finding.id,
        params: { title: finding.title, severity: finding.severity },
      }));
  };

  /**
   * subcontractor-unapproved (PPC GL 3-4-4(3); GDPR 28(2)): every 再委託先, at any depth, approved;
   * none at all when re-entrustment is not allowed.
   */
  const subcontractorRule: FlagRule = ({ vendor, applicability }) => {
    const { subcontractors } = supervisionOf(vendor.id);
    // Stryker disable next-line ConditionalExpression: equivalent, a shortcut that allocates nothing; without it the filter below finds nothing either
    if (subcontractors.length === 0) return NO_FLAGS;
    return subcontractors
      .filter((subcontractor) => subcontractor.status !== 'withdrawn')
      .filter((subcontractor) => !vendor.reentrustmentAllowed || subcontractor.status !== 'approved')
      .map((subcontractor): RuleFlag => ({
        code: 'subcontractor-unapproved',
        severity: FLAG_SEVERITY['subcontractor-unapproved'],
        variant: vendor.reentrustmentAllowed ? subcontractor.status : 'not-allowed',
        // Without re-entrustment the approval duties do not apply; the contract's re-entrustment terms do.
        requirementIds: applicability.citing(vendor.reentrustmentAllowed ? 'duty:subcontractor-approval' : 'clause:reentrustment'),
        refType: 'subcontractor',
        refId: subcontractor.id,
        params: { name: subcontractor.name, depth: subcontractor.depth },
      }));
  };

  /** certificate-expired: a recorded certificate past its validity. */
  const certificateRule: FlagRule = ({ vendor, asOf }) => {
    const { certificates } = supervisionOf(vendor.id);
    // Stryker disable next-line ConditionalExpression: equivalent, a shortcut that allocates nothing; without it the filter below finds nothing either
    if (certificates.length === 0) return NO_FLAGS;
    return certificates
      .filter((certificate) => certificate.validUntil < asOf)
      .map((certificate): RuleFlag => ({
        code: 'certificate-expired',
        severity: FLAG_SEVERITY['certificate-expired'],
        requirementIds: [],
        dueDate: certificate.validUntil,
        refType: 'certificate',
        refId: certificate.id,
        params: { kind: certificate.kind },
      }));
  };

  /** foreign-review-overdue (APPI Art. 28(3), PPC rules Art. 18): abroad vendors reviewed every 12 months. */
  const foreignReviewRule: FlagRule = ({ vendor, applicability, asOf }) => {
    if (!SUPERVISED.includes(vendor.status) || !isAbroad(vendor)) return NO_FLAGS;
    const last = latest(supervisionOf(vendor.id).foreignReviews);
    const due = last ? addMonths(last, FOREIGN_REVIEW_MONTHS) : null;
    if (due && due >= asOf) return NO_FLAGS;
    return [{
      code: 'foreign-review-overdue',
      severity: FLAG_SEVERITY['foreign-review-overdue'],
      variant: last ? 'overdue' : 'never',
      requirementIds: applicability.citing('duty:foreign-review'),
      ...(due ? { dueDate: due } : {}),
      params: { last: last ?? '' },
    }];
  };

  /** deletion-certificate-missing (JIS h); GDPR 28(3)(g)): a terminated vendor returns or erases the data. */
  const deletionRule: FlagRule = ({ vendor, applicability }) =>
    vendor.status === 'terminated' && supervisionOf(vendor.id).deletionCertificates === 0
      ? [{ code: 'deletion-certificate-missing', severity: FLAG_SEVERITY['deletion-certificate-missing'], requirementIds: applicability.citing('duty:deletion-certificate'), params: {} }]
      : NO_FLAGS;

  return [selectionRule, auditRule, findingRule, subcontractorRule, certificateRule, foreignReviewRule, deletionRule];
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

