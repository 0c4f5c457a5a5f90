import { addDays, daysBetween } from './calendar';
import { FlagRule, NO_FLAGS, Severity } from './flags';
import type { SupervisionFacts, SupervisionSettings } from './supervision';
import { VendorStatus } from './vendor-facts';

/**
 * After an incident the vendor is audited again soon (company policy, the privacy policy's promise to
 * supervise vendors: legal-model.md §2 basis `policy`): the next audit is due `incidentAuditDays` after
 * the day the company became aware of the incident, unless an audit was completed on or after that day.
 */
export const DEFAULT_INCIDENT_AUDIT_DAYS = 30;
/** Warn this many days ahead, as for the periodic audit (AUDIT_DUE_SOON_DAYS). */
export const INCIDENT_AUDIT_WARNING_DAYS = 30;
/** Company policy (basis `policy`): an audit due within the warning days is a warning, one past its date critical. */
const INCIDENT_AUDIT_SEVERITY: Readonly<Record<'incident-audit-due' | 'incident-audit-overdue', Severity>> = { 'incident-audit-due': 'warning', 'incident-audit-overdue': 'critical' };

/**
 * The audit an incident calls for: `days` after the earliest incident (the day the company became
 * aware of it) that no completed audit followed. Null when every incident was followed by an audit.
 */
export function incidentAuditDue(incidentDays: readonly string[], completedAudits: readonly string[], days: number): string | null {
  let lastAudit = '';
  // Stryker disable next-line EqualityOperator: equivalent, an equal date is the same value
  for (const audit of completedAudits) if (audit > lastAudit) lastAudit = audit;
  let earliest: string | null = null;
  for (const incident of incidentDays) {
    // An audit completed on the day of awareness or later answers the incident.
    if (incident <= lastAudit) continue;
    // Stryker disable next-line EqualityOperator: equivalent, an equal date is the same value
    if (earliest === null || incident < earliest) earliest = incident;
  }
  return earliest === null ? null : addDays(earliest, days);
}

/** The earlier of two due dates (either may be missing). */
export function earlierDue(a: string | null, b: string | null): string | null {
  // Stryker disable next-line EqualityOperator,ConditionalExpression: equivalent, an equal date is the same value, and null < a date string is false anyway
  return a === null || (b !== null && b < a) ? b : a;
}

const SUPERVISED: readonly VendorStatus[] = ['active', 'offboarding'];

/**
 * incident-audit-due (warning, within 30 days) and incident-audit-overdue (critical, past the date):
 * the audit an incident calls for, for vendors that hold our data.
 */
export function incidentAuditRule(supervisionOf: (vendorId: string) => SupervisionFacts, settings: SupervisionSettings): FlagRule {
  return ({ vendor, applicability, asOf }) => {
    if (!SUPERVISED.includes(vendor.status)) return NO_FLAGS;
    const { incidents, completedAudits } = supervisionOf(vendor.id);
    const due = incidentAuditDue(incidents.filter((day) => day <= asOf), completedAudits, settings.incidentAuditDays);
    if (due === null) return NO_FLAGS;
    const daysLeft = daysBetween(asOf, due);
    if (daysLeft > INCIDENT_AUDIT_WARNING_DAYS) return NO_FLAGS;
    const code = daysLeft < 0 ? 'incident-audit-overdue' : 'incident-audit-due';
    return [{ code, basis: 'policy', severity: INCIDENT_AUDIT_SEVERITY[code], requirementIds: applicability.citing('duty:audit'), dueDate: due, params: { since: addDays(due, -settings.incidentAuditDays), days: settings.incidentAuditDays } }];
  };
}
