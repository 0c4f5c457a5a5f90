import { FLAG_CODES, FlagCode, RuleFlag } from '../rules/flags';
import { INCIDENT_KINDS, IncidentKind } from '../rules/incident-obligations';
import { COMPLIANCE_STATUSES, ComplianceStatus, RISK_TIERS, RiskTier, VENDOR_STATUSES, VendorStatus } from '../rules/vendor-facts';

/** What the board report counts each day (取締役会・経営会議 reporting: whether things are getting better). */
export interface BoardCounts {
  vendors: number;
  byStatus: Record<VendorStatus, number>;
  byCompliance: Record<ComplianceStatus, number>;
  byTier: Record<RiskTier, number>;
  flags: Record<FlagCode, number>;
  /** Audits completed on or before the day (all time). */
  auditsCompleted: number;
  /** Vendors whose periodic audit is overdue or due soon on the day (audit-overdue, audit-due-soon). */
  auditsDue: number;
  /** Findings recorded (all time, up to the snapshot), closed on or before the day, and open on it. */
  findingsOpened: number;
  findingsClosed: number;
  findingsOpen: number;
  /** Incidents (漏えい等) of the day; absent from the days stored before they were counted. */
  incidents?: IncidentCounts;
}

/**
 * Incidents (漏えい等) over a period (one day in a snapshot): open at its end, learned of within it by
 * kind, reports to the authority (the PPC, or the 総合通信局 for a telecom carrier; PPC rules Art. 8,
 * 番号法 Art. 29-4, TBA) made within it, and those still not made at its end after their last deadline.
 */
export interface IncidentCounts {
  open: number;
  byKind: Record<IncidentKind, number>;
  authorityReportsMade: number;
  authorityReportsOverdue: number;
}

/** An incident as the board counts it; days are calendar dates in ORG_TIMEZONE. */
export interface IncidentBoardFacts {
  kind: IncidentKind;
  awareOn: string;
  closedOn: string | null;
  /** Its reports owed to an authority (the rule's obligations): the last deadline, and when it was made or closed as not required. */
  authorityReports: ReadonlyArray<{ lastDueAt: Date; reportedAt: Date | null; reportedOn: string | null; closedAt: Date | null }>;
}

/** A vendor to remediate (要是正: non-compliant) on the day, with the flags that make it so. */
export interface RemediationItem {
  vendorId: string;
  name: string;
  riskTier: RiskTier;
  flags: RuleFlag[];
}

export interface BoardFacts {
  vendors: ReadonlyArray<{ id: string; name: string; status: VendorStatus; riskTier: RiskTier; evaluation: { status: ComplianceStatus; flags: readonly RuleFlag[] } }>;
  audits: ReadonlyArray<{ status: string; completedOn: string | null }>;
  /** Every finding recorded when the snapshot is taken, with the day it was closed (resolved or risk-accepted). */
  findings: ReadonlyArray<{ closedOn: string | null }>;
}

/** The incident counts of the period `from`–`day`, judged at `at` (the end of `day`, or now when `day` is today). */
export function incidentCounts(incidents: readonly IncidentBoardFacts[], from: string, day: string, at: Date): IncidentCounts {
  const counts: IncidentCounts = { open: 0, byKind: zeroes(INCIDENT_KINDS), authorityReportsMade: 0, authorityReportsOverdue: 0 };
  const settledBy = (time: Date | null) => time !== null && time.getTime() <= at.getTime();
  for (const incident of incidents) {
    if (incident.awareOn > day) continue;
    if (incident.closedOn === null || incident.closedOn > day) counts.open += 1;
    if (incident.awareOn >= from) counts.byKind[incident.kind] += 1;
    for (const report of incident.authorityReports) {
      if (report.reportedOn !== null && report.reportedOn >= from && report.reportedOn <= day) counts.authorityReportsMade += 1;
      if (report.lastDueAt.getTime() < at.getTime() && !settledBy(report.reportedAt) && !settledBy(report.closedAt)) counts.authorityReportsOverdue += 1;
    }
  }
  return counts;
}

const zeroes = <K extends string>(keys: readonly K[]): Record<K, number> => Object.fromEntries(keys.map((key) => [key, 0])) as Record<K, number>;

/** The day's counts and 要是正 list from the facts as they are on `day` (the vendors evaluated on that day). */
/**
 * The 要是正 vendors a board report lists by name, highest tier first: the rest are counted
 * (byCompliance) and listed in the vendor register. A day's snapshot stays small however large the
 * register (100,000 vendors' critical flags are tens of MB, more than a MySQL packet allows).
 */
export const REMEDIATION_LISTED = 100;

export function boardCounts(facts: BoardFacts, day: string): { counts: BoardCounts; remediation: RemediationItem[] } {
  const counts: BoardCounts = {
    vendors: facts.vendors.length,
    byStatus: zeroes(VENDOR_STATUSES),
    byCompliance: zeroes(COMPLIANCE_STATUSES),
    byTier: zeroes(RISK_TIERS),
    flags: zeroes(FLAG_CODES),
    auditsCompleted: facts.audits.filter((audit) => audit.status === 'completed' && audit.completedOn !== null && audit.completedOn <= day).length,
    auditsDue: 0,
    findingsOpened: 0,
    findingsClosed: 0,
    findingsOpen: 0,
  };
  for (const vendor of facts.vendors) {
    counts.byStatus[vendor.status] += 1;
    counts.byCompliance[vendor.evaluation.status] += 1;
    counts.byTier[vendor.riskTier] += 1;
    for (const flag of vendor.evaluation.flags) counts.flags[flag.code] += 1;
    if (vendor.evaluation.flags.some((flag) => flag.code === 'audit-overdue' || flag.code === 'audit-due-soon')) counts.auditsDue += 1;
  }
  for (const finding of facts.findings) {
    counts.findingsOpened += 1;
    if (finding.closedOn !== null && finding.closedOn <= day) counts.findingsClosed += 1;
    else counts.findingsOpen += 1;
  }
  const remediation = facts.vendors
    .filter((vendor) => vendor.evaluation.status === 'non-compliant')
    .sort((a, b) => RISK_TIERS.indexOf(b.riskTier) - RISK_TIERS.indexOf(a.riskTier) || NAME_ORDER.compare(a.name, b.name) || a.id.localeCompare(b.id))
    .slice(0, REMEDIATION_LISTED)
    .map((vendor) => ({ vendorId: vendor.id, name: vendor.name, riskTier: vendor.riskTier, flags: vendor.evaluation.flags.filter((flag) => flag.severity === 'critical') }));
  return { counts, remediation };
}

const NAME_ORDER = new Intl.Collator('ja');
