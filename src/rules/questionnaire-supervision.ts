import { daysBetween } from './calendar';
import { bindingFor, FlagRule, NO_FLAGS, RuleFlag } from './flags';
import { QuestionnairePurpose, LINK_GRACE_DAYS } from './questionnaires';
import { DueReminder, overdueWeek, reachedThreshold } from './reminders';
import { VendorStatus } from './vendor-facts';

/**
 * A questionnaire sent to a vendor as the compliance engine and the reminders see it: when it was
 * sent, when it is due, and when the vendor last handed it back (its last submission; or the day it
 * was revoked). `answeredOn` is null while it waits for the vendor (sent, drafted, or reopened for
 * clarification), so a past `asOf` before the answer still sees it waiting.
 */
export interface QuestionnaireFacts {
  id: string;
  purpose: QuestionnairePurpose;
  titleJa: string;
  titleEn: string;
  sentOn: string;
  dueOn: string;
  answeredOn: string | null;
}

/** Waiting for the vendor on `asOf` and past its due date. */
export function isOverdue(questionnaire: QuestionnaireFacts, asOf: string): boolean {
  const waiting = questionnaire.answeredOn === null || questionnaire.answeredOn > asOf;
  return waiting && questionnaire.sentOn <= asOf && questionnaire.dueOn < asOf;
}

/**
 * The duty an overdue questionnaire delays: the selection check (PPC GL 3-4-4(1); a supplement kept as
 * evidence, such as the My Number one, belongs to it) or the periodic review of the handling (3-4-4(3)).
 */
const DUTY: Readonly<Record<QuestionnairePurpose, `duty:${string}`>> = {
  selection: 'duty:selection-assessment',
  periodic: 'duty:audit',
  evidence: 'duty:selection-assessment',
};

/**
 * questionnaire-overdue (warning): a questionnaire the vendor has not answered by its due date. A
 * terminated vendor's are not chased (its remaining duty is proving the data is gone).
 */
export function questionnaireRules(questionnairesOf: (vendorId: string) => readonly QuestionnaireFacts[]): FlagRule[] {
  const overdueRule: FlagRule = ({ vendor, applicability, asOf }) => {
    if (vendor.status === 'terminated') return NO_FLAGS;
    return questionnairesOf(vendor.id)
      .filter((questionnaire) => isOverdue(questionnaire, asOf))
      .map((questionnaire): RuleFlag => {
        const requirementIds = applicability.citing(DUTY[questionnaire.purpose]);
        // As binding as the duty it serves, at most a warning; a questionnaire sent for no applicable duty is company policy.
        const binding = bindingFor(applicability, requirementIds, 'warning') ?? { basis: 'policy', severity: 'warning' };
        return {
          code: 'questionnaire-overdue',
          ...binding,
          requirementIds,
          dueDate: questionnaire.dueOn,
          refType: 'questionnaire',
          refId: questionnaire.id,
          params: { titleJa: questionnaire.titleJa, titleEn: questionnaire.titleEn, days: daysBetween(questionnaire.dueOn, asOf) },
        };
      });
  };
  return [overdueRule];
}

/** Reminders to the vendor's contact: days before the due date. */
export const QUESTIONNAIRE_REMINDER_DAYS: readonly number[] = [7, 1];

/** A questionnaire waiting for its vendor's contact (the reminders' facts). */
export interface WaitingQuestionnaire {
  id: string;
  vendorId: string;
  vendorStatus: VendorStatus;
  contactEmail: string;
  dueOn: string;
}

/**
 * Reminders to the vendor contact before the due date and, weekly, when overdue, while the link still
 * works (the grace period after the due date): once it has expired, only a re-send helps. Terminated
 * vendors are quiet. The ledger's key (rule, questionnaire, threshold, due date, contact) makes each
 * one exactly once; a new due date (a clarification, a re-send) starts over.
 */
export function selectQuestionnaireReminders(
  waiting: readonly WaitingQuestionnaire[],
  asOf: string,
  days: readonly number[] = QUESTIONNAIRE_REMINDER_DAYS,
  graceDays = LINK_GRACE_DAYS,
): DueReminder[] {
  const reminders: DueReminder[] = [];
  for (const questionnaire of waiting) {
    if (questionnaire.vendorStatus === 'terminated') continue;
    const base = { subjectId: questionnaire.id, vendorId: questionnaire.vendorId, dueDate: questionnaire.dueOn, recipient: questionnaire.contactEmail.toLowerCase() };
    const threshold = reachedThreshold(questionnaire.dueOn, asOf, days);
    if (threshold !== null) reminders.push({ ...base, rule: 'questionnaire-due', threshold: String(threshold), params: { days: daysBetween(asOf, questionnaire.dueOn) } });
    const week = overdueWeek(questionnaire.dueOn, asOf);
    const late = daysBetween(questionnaire.dueOn, asOf);
    if (week !== null && late <= graceDays) reminders.push({ ...base, rule: 'questionnaire-overdue', threshold: `overdue-${week}`, params: { days: late } });
  }
  return reminders;
}
