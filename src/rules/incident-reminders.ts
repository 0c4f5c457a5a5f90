import { calendarDate } from './calendar';
import { DUE_SOON_MS, finalDeadline, Obligation, ObligationCode, wallClock } from './incident-obligations';

/**
 * Reminders of incident obligations (漏えい等) to the compliance team, as a pure function of the open
 * obligations and an instant: when an obligation appears, 24 hours before its deadline (and before a
 * yardstick's outer bound), and once it is overdue. Hour-level deadlines need the 15-minute job
 * (IncidentClock), not the daily one; the ledger's unique key (rule, subject, threshold, due date,
 * recipient) still makes each reminder exactly one row however often and wherever the job runs.
 * A run only ever records the most urgent threshold already reached, so an incident registered late
 * (already overdue) gets the overdue reminder alone. Terminated vendors are not quiet here: their
 * incidents still have to be reported.
 */
export const INCIDENT_REMINDER_RULES = ['incident-obligation', 'incident-report-due', 'incident-report-overdue'] as const;
export type IncidentReminderRule = (typeof INCIDENT_REMINDER_RULES)[number];

export type IncidentThreshold = 'created' | 'due-24h' | 'outer-24h' | 'overdue';

export interface IncidentReminderFacts {
  incidents: Array<{
    id: string;
    vendorId: string;
    vendorName: string;
    title: string;
    /** The obligations still open (not reported, not closed as not required) of an incident that is not closed. */
    open: ReadonlyArray<Pick<Obligation, 'code' | 'dueAt' | 'outerDueAt'>>;
  }>;
  /** Active compliance users. */
  compliance: string[];
}

export interface IncidentReminder {
  rule: IncidentReminderRule;
  /** `<incident id>:<obligation code>`. */
  subjectId: string;
  vendorId: string;
  threshold: IncidentThreshold;
  /** The calendar date (organisation's time zone) of the deadline the reminder is about. */
  dueDate: string;
  recipient: string;
  params: Record<string, string | number>;
}

/** The most urgent threshold an open obligation has reached at `at`, with the deadline it is about. */
export function reachedIncidentThreshold(obligation: Pick<Obligation, 'dueAt' | 'outerDueAt'>, at: Date): { threshold: IncidentThreshold; deadline: Date } {
  const now = at.getTime();
  const last = finalDeadline(obligation);
  if (now > last.getTime()) return { threshold: 'overdue', deadline: last };
  if (obligation.outerDueAt && now >= obligation.outerDueAt.getTime() - DUE_SOON_MS) return { threshold: 'outer-24h', deadline: obligation.outerDueAt };
  if (now >= obligation.dueAt.getTime() - DUE_SOON_MS) return { threshold: 'due-24h', deadline: obligation.dueAt };
  return { threshold: 'created', deadline: obligation.dueAt };
}

const RULE_OF: Readonly<Record<IncidentThreshold, IncidentReminderRule>> = {
  created: 'incident-obligation',
  'due-24h': 'incident-report-due',
  'outer-24h': 'incident-report-due',
  overdue: 'incident-report-overdue',
};

export function selectIncidentReminders(facts: IncidentReminderFacts, at: Date, timeZone: string): IncidentReminder[] {
  const recipients = [...new Set(facts.compliance.map((email) => email.toLowerCase()))];
  const reminders: IncidentReminder[] = [];
  for (const incident of facts.incidents) {
    for (const obligation of incident.open) {
      const { threshold, deadline } = reachedIncidentThreshold(obligation, at);
      const params: Record<string, string | number> = {
        vendor: incident.vendorName,
        incident: incident.title,
        incidentId: incident.id,
        obligation: obligation.code satisfies ObligationCode,
        dueAt: wallClock(deadline, timeZone),
      };
      for (const recipient of recipients) {
        reminders.push({
          rule: RULE_OF[threshold],
          subjectId: `${incident.id}:${obligation.code}`,
          vendorId: incident.vendorId,
          threshold,
          dueDate: calendarDate(deadline, timeZone),
          recipient,
          params,
        });
      }
    }
  }
  return reminders;
}
