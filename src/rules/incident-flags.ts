import { calendarDate } from './calendar';
import { FlagRule, NO_FLAGS, RuleFlag, Severity } from './flags';
import { assessIncident, deadlineState, IncidentFacts, Obligation, ObligationCode, wallClock } from './incident-obligations';

/** Less than 24 hours left to report is a warning; past the deadline, critical. */
const REPORT_SEVERITY: Readonly<Record<'incident-report-due' | 'incident-report-overdue', Severity>> = { 'incident-report-due': 'warning', 'incident-report-overdue': 'critical' };

export const INCIDENT_STATUSES = ['open', 'contained', 'closed'] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];

/** An incident as the compliance engine loads it: its facts, and which obligations are done with. */
export interface IncidentRecord extends IncidentFacts {
  id: string;
  title: string;
  status: IncidentStatus;
  /** Obligations reported, or closed as not required (with a reason): no longer running. */
  settled: ReadonlySet<ObligationCode>;
}

/** When the deadlines are judged (now, or the end of a past `asOf` day) and in which time zone they are shown. */
export interface IncidentMoment {
  at: Date;
  timeZone: string;
}

const HOUR_MS = 3_600_000;

/** The open obligations of an incident, as the rule computes them from its facts and the profile. */
export function openObligations(incident: IncidentRecord, obligations: readonly Obligation[]): Obligation[] {
  return obligations.filter((obligation) => !incident.settled.has(obligation.code));
}

/**
 * incident-report-due (warning: less than 24 hours left, or a 速報 past its day-3 target before its
 * day-5 bound) and incident-report-overdue (critical: past the last deadline), one per open
 * obligation of an incident that is not closed. An incident the company learned of after `at` is not there yet.
 */
export function incidentRules(incidentsOf: (vendorId: string) => readonly IncidentRecord[], moment: IncidentMoment): FlagRule[] {
  const rule: FlagRule = ({ vendor, profile }) => {
    const incidents = incidentsOf(vendor.id);
    // Stryker disable next-line ConditionalExpression: equivalent, a shortcut that allocates nothing; without it the loop below finds nothing either
    if (incidents.length === 0) return NO_FLAGS;
    const flags: RuleFlag[] = [];
    for (const incident of incidents) {
      // (An incident learned of after `at` has nothing due yet: every deadline runs 72 hours or more from awareness.)
      if (incident.status === 'closed') continue;
      const { obligations } = assessIncident(incident, profile, moment.timeZone);
      for (const obligation of openObligations(incident, obligations)) {
        const state = deadlineState(obligation, moment.at);
        if (state === 'upcoming') continue;
        // The deadline the message is about: the target while it is ahead, else the outer bound.
        const deadline = state === 'due-soon' ? obligation.dueAt : (obligation.outerDueAt ?? obligation.dueAt);
        const left = deadline.getTime() - moment.at.getTime();
        const code = state === 'overdue' ? 'incident-report-overdue' : 'incident-report-due';
        flags.push({
          code,
          // A duty of statute (APPI Art. 26, TBA Art. 28, 番号法 Art. 29-4, GDPR Art. 33/34).
          basis: 'statute',
          severity: REPORT_SEVERITY[code],
          variant: state,
          requirementIds: [],
          dueDate: calendarDate(deadline, moment.timeZone),
          refType: 'incident',
          refId: incident.id,
          params: {
            title: incident.title,
            obligation: obligation.code,
            authority: obligation.authority.kind === 'telecom-bureau' ? `telecom-bureau:${obligation.authority.bureau}` : obligation.authority.kind,
            basis: obligation.references,
            dueAt: wallClock(deadline, moment.timeZone),
            // Hours still left (rounded up: "2 hours" until the last minute), or hours late (whole hours past).
            // Stryker disable next-line EqualityOperator: equivalent, at 0 both sides give 0
            hours: left >= 0 ? Math.ceil(left / HOUR_MS) : Math.floor(-left / HOUR_MS),
          },
        });
      }
    }
    return flags;
  };
  return [rule];
}
