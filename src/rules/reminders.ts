import { addDays, daysBetween, isoWeekday } from './calendar';

/**
 * Reminder selection as a pure function: facts + asOf → the reminders due. Each reminder has a key
 * (rule, subject, threshold, due date, recipient) that the ledger makes unique, so running twice
 * creates nothing new, and a run after missed days still finds every reminder whose threshold has
 * passed while its deadline is still ahead (or overdue): nothing is lost to a missed day.
 */
export const REMINDER_RULES = [
  'audit-due', 'audit-overdue', 'contract-expiry', 'notice-deadline', 'finding-due', 'finding-overdue',
  'certificate-expiry', 'objection-deadline', 'missing-clause-digest', 'planned-audit', 'planned-audit-overdue',
  // To a vendor's contact, selected by questionnaire-supervision.ts.
  'questionnaire-due', 'questionnaire-overdue',
] as const;
export type ReminderRule = (typeof REMINDER_RULES)[number];

export type Audience = 'owner' | 'compliance' | 'legal' | 'finding-owner' | 'auditor';

export interface ReminderSettings {
  auditDueDays: number[];
  contractExpiryDays: number[];
  noticeDeadlineDays: number[];
  findingDueDays: number[];
  certificateExpiryDays: number[];
  objectionDeadlineDays: number[];
  /** Days before a planned audit's date (scheduledFor) that its owner and auditor are told; default PLANNED_AUDIT_DAYS. */
  plannedAuditDays?: number[];
}

/** A planned audit is announced to the vendor's owner and the auditor 30 and 7 days ahead. */
export const PLANNED_AUDIT_DAYS: readonly number[] = [30, 7];

export const DEFAULT_REMINDER_SETTINGS: ReminderSettings = {
  auditDueDays: [30, 7],
  contractExpiryDays: [90, 30],
  noticeDeadlineDays: [30, 7],
  findingDueDays: [7],
  certificateExpiryDays: [60],
  objectionDeadlineDays: [3],
};

/** Overdue items are repeated at most weekly. */
export const OVERDUE_REPEAT_DAYS = 7;

export interface ReminderVendor {
  id: string;
  name: string;
  status: 'candidate' | 'active' | 'offboarding' | 'terminated';
  ownerEmail: string | null;
}

export interface ReminderFacts {
  vendors: ReminderVendor[];
  auditsDue: Array<{ vendorId: string; dueDate: string }>;
  /** expiresOn is null for a contract that renews automatically: it does not end, only its notice deadline counts. */
  contracts: Array<{ id: string; vendorId: string; title: string; expiresOn: string | null; noticeDeadline: string | null }>;
  findings: Array<{ id: string; vendorId: string; title: string; dueOn: string; ownerEmail: string | null }>;
  certificates: Array<{ id: string; vendorId: string; kind: string; validUntil: string }>;
  subcontractors: Array<{ id: string; vendorId: string; name: string; objectionDeadline: string }>;
  /** Audits planned or in progress (not completed, not cancelled), with their date and auditor. */
  plannedAudits?: Array<{ id: string; vendorId: string; kind: string; scheduledFor: string; auditorEmail: string | null }>;
  /** Vendors with missing-clause flags today, and how many. */
  missingClauses: Array<{ vendorId: string; count: number }>;
  /** Active users by role, for the audiences. */
  compliance: string[];
  legal: string[];
}

export interface DueReminder {
  rule: ReminderRule;
  subjectId: string;
  vendorId: string | null;
  /** "30" days before, "overdue-1" (first overdue week), "week" for the digest. */
  threshold: string;
  dueDate: string;
  recipient: string;
  params: Record<string, string | number>;
}

/** The most urgent threshold already reached before `dueDate`, or null when none is (yet). */
export function reachedThreshold(dueDate: string, asOf: string, thresholds: readonly number[]): number | null {
  const left = daysBetween(asOf, dueDate);
  if (left < 0) return null;
  const reached = thresholds.filter((days) => left <= days);
  return reached.length > 0 ? Math.min(...reached) : null;
}

/** For an overdue item: which overdue week we are in (1 from the day after the due date), or null. */
export function overdueWeek(dueDate: string, asOf: string): number | null {
  const late = daysBetween(dueDate, asOf);
  return late >= 1 ? Math.floor((late - 1) / OVERDUE_REPEAT_DAYS) + 1 : null;
}

/** Monday of the ISO week of a date: the key of a weekly digest. */
export function weekStart(date: string): string {
  return addDays(date, -isoWeekday(date));
}

export function selectReminders(facts: ReminderFacts, asOf: string, settings: ReminderSettings = DEFAULT_REMINDER_SETTINGS): DueReminder[] {
  const vendors = new Map(facts.vendors.map((vendor) => [vendor.id, vendor]));
  const reminders: DueReminder[] = [];
  /** Each address once, whatever its case. */
  const unique = (emails: readonly string[]): string[] => [...new Set(emails.map((email) => email.toLowerCase()))];
  const recipientsOf = (audiences: Audience[], vendor: ReminderVendor, person?: string | null): string[] =>
    unique(audiences.flatMap((audience): readonly string[] => {
      switch (audience) {
        case 'owner':
          return vendor.ownerEmail ? [vendor.ownerEmail] : [];
        case 'finding-owner':
        case 'auditor':
          return person ? [person] : [];
        case 'compliance':
          return facts.compliance;
        case 'legal':
          return facts.legal;
      }
    }));
  const add = (
    rule: ReminderRule,
    subjectId: string,
    vendorId: string,
    threshold: string,
    dueDate: string,
    audiences: Audience[],
    params: Record<string, string | number>,
    findingOwner?: string | null,
  ) => {
    const vendor = vendors.get(vendorId);
    // Terminated vendors are quiet.
    if (!vendor || vendor.status === 'terminated') return;
    for (const recipient of recipientsOf(audiences, vendor, findingOwner)) {
      reminders.push({ rule, subjectId, vendorId, threshold, dueDate, recipient, params: { vendor: vendor.name, dueDate, ...params } });
    }
  };
  const beforeOrOverdue = (
    rule: ReminderRule,
    overdueRule: ReminderRule | null,
    subjectId: string,
    vendorId: string,
    dueDate: string,
    thresholds: readonly number[],
    audiences: Audience[],
    params: Record<string, string | number>,
    findingOwner?: string | null,
  ) => {
    const threshold = reachedThreshold(dueDate, asOf, thresholds);
    if (threshold !== null) add(rule, subjectId, vendorId, String(threshold), dueDate, audiences, { ...params, days: daysBetween(asOf, dueDate) }, findingOwner);
    const week = overdueRule ? overdueWeek(dueDate, asOf) : null;
    if (overdueRule && week !== null) add(overdueRule, subjectId, vendorId, `overdue-${week}`, dueDate, audiences, { ...params, days: daysBetween(dueDate, asOf) }, findingOwner);
  };

  for (const audit of facts.auditsDue) {
    beforeOrOverdue('audit-due', 'audit-overdue', `audit-due:${audit.vendorId}`, audit.vendorId, audit.dueDate, settings.auditDueDays, ['owner', 'compliance'], {});
  }
  // A planned audit (PPC GL 3-4-4(3)): its owner and auditor are told ahead, and weekly while it is past its date and not completed.
  for (const audit of facts.plannedAudits ?? []) {
    beforeOrOverdue('planned-audit', 'planned-audit-overdue', audit.id, audit.vendorId, audit.scheduledFor, settings.plannedAuditDays ?? PLANNED_AUDIT_DAYS, ['owner', 'auditor'], { kind: audit.kind }, audit.auditorEmail);
  }
  for (const contract of facts.contracts) {
    if (contract.expiresOn) {
      beforeOrOverdue('contract-expiry', null, contract.id, contract.vendorId, contract.expiresOn, settings.contractExpiryDays, ['legal', 'owner'], { contract: contract.title });
    }
    if (contract.noticeDeadline) {
      beforeOrOverdue('notice-deadline', null, contract.id, contract.vendorId, contract.noticeDeadline, settings.noticeDeadlineDays, ['legal', 'owner'], { contract: contract.title });
    }
  }
  for (const finding of facts.findings) {
    beforeOrOverdue('finding-due', 'finding-overdue', finding.id, finding.vendorId, finding.dueOn, settings.findingDueDays, ['finding-owner', 'compliance'], { finding: finding.title }, finding.ownerEmail);
  }
  for (const certificate of facts.certificates) {
    beforeOrOverdue('certificate-expiry', null, certificate.id, certificate.vendorId, certificate.validUntil, settings.certificateExpiryDays, ['owner'], { kind: certificate.kind });
  }
  for (const subcontractor of facts.subcontractors) {
    beforeOrOverdue('objection-deadline', null, subcontractor.id, subcontractor.vendorId, subcontractor.objectionDeadline, settings.objectionDeadlineDays, ['compliance'], { subcontractor: subcontractor.name });
  }
  // The weekly digest of missing clauses to legal: one per ISO week, whatever the run day.
  const live = facts.missingClauses.filter((entry) => vendors.get(entry.vendorId)?.status !== 'terminated' && entry.count > 0);
  if (live.length > 0) {
    const week = weekStart(asOf);
    const total = live.reduce((sum, entry) => sum + entry.count, 0);
    for (const recipient of unique(facts.legal)) {
      reminders.push({ rule: 'missing-clause-digest', subjectId: 'digest', vendorId: null, threshold: 'week', dueDate: week, recipient, params: { vendors: live.length, clauses: total } });
    }
  }
  return reminders;
}
