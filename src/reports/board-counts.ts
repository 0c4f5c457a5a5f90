import { FLAG_CODES, FlagCode, RuleFlag } from '../rules/flags';
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
  // Incidents (漏えい等) are counted here once they are recorded: add their counts beside the findings'.
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

const zeroes = <K extends string>(keys: readonly K[]): Record<K, number> => Object.fromEntries(keys.map((key) => [key, 0])) as Record<K, number>;

/** The day's counts and 要是正 list from the facts as they are on `day` (the vendors evaluated on that day). */
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
    .map((vendor) => ({ vendorId: vendor.id, name: vendor.name, riskTier: vendor.riskTier, flags: vendor.evaluation.flags.filter((flag) => flag.severity === 'critical') }))
    .sort((a, b) => RISK_TIERS.indexOf(b.riskTier) - RISK_TIERS.indexOf(a.riskTier) || NAME_ORDER.compare(a.name, b.name) || a.vendorId.localeCompare(b.vendorId));
  return { counts, remediation };
}

const NAME_ORDER = new Intl.Collator('ja');
