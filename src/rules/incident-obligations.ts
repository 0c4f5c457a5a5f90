import { addDays, calendarDate, startOfDay } from './calendar';
import { OrganisationProfile, TelecomBureau } from './organisation-profile';
import { DataCategory } from './vendor-facts';

/**
 * 漏えい等: which reports and notices a vendor's incident puts on us, and by when. A vendor's own duty
 * to report ends once it tells us (APPI Art. 26(1) proviso; PPC rules Art. 9), so every clock below
 * runs for the company, from the moment it became aware (`awareAt`).
 *
 * Sources, as checked for this rule (V: the primary text or a faithful quote of it; S: a secondary
 * source only; U: not verified — the product then names no article number):
 * - APPI Art. 26(1) report, Art. 26(2) notice to the persons [V: e-Gov text].
 * - PPC rules Art. 7 items 1–4 (要配慮 / 財産的被害 / 不正の目的 / more than 1,000 persons); the
 *   parenthesis of item 1 removes 高度な暗号化 data "以下この条…において同じ", i.e. for every item [V].
 * - PPC rules Art. 8(1) 速報 "知った後、速やかに" with the items of 8(1)(1)–(9); Art. 8(2) 確報 "知った日から
 *   三十日以内（第三号…六十日以内）" [V]. Art. 10: notice to the persons "当該事態の状況に応じて速やかに" [V].
 * - PPC General Guidelines 3-5-3-3: 速やか ≈ "当該事態を知った時点から概ね3～5日以内" [V: quoted].
 *   3-5-3-4 counts the 確報 period with the day of awareness as day 1 [S]; a deadline on a closed day
 *   moving to the next open day [S] is not applied: the earlier date is shown.
 * - A telecom carrier reports 個人データ leaks to its 総合通信局 (the PPC's power delegated) [V: 総務省 and
 *   関東総合通信局 pages]; the delegating article is not cited [U].
 * - TBA Art. 28: 通信の秘密の漏えい reported 速やかに (第一報), 詳報 within 30 days of becoming aware, to the
 *   bureau of the head office [V: 総務省「電気通信事業における通信の秘密の漏えい事案の報告」; article number S].
 *   No threshold and no encryption exemption in the text.
 * - 番号法 Art. 29-4(1) report to the PPC when its rules' Art. 2 applies: 不正の目的 (Art. 2(2)) [V: PPC
 *   FAQ quoting it]; more than 100 persons [S]; the same 速報/確報 rhythm [U]; Art. 29-4(2) notice [S].
 *   Art. 2(1) covers public bodies' systems, not a private company's 個人番号関係事務 (PPC FAQ A4-2 [S]);
 *   Art. 2(3) (exposure to unspecified persons online) is not modelled.
 * - GDPR Art. 33(1): the supervisory authority within 72 hours of becoming aware, unless the breach is
 *   unlikely to result in a risk (closing the obligation as not required records that decision and its
 *   reasons); Art. 34(1): the data subjects without undue delay when the risk is high [V].
 */

export const INCIDENT_KINDS = ['leak', 'loss', 'damage', 'unauthorised-access'] as const;
export type IncidentKind = (typeof INCIDENT_KINDS)[number];

/** The facts that decide the duties, as recorded on the incident. */
export interface IncidentFacts {
  /** When the company became aware: every clock starts here. */
  awareAt: Date;
  dataCategories: readonly DataCategory[];
  /** How many persons, or (personsAtLeast) at least how many; null while unknown. */
  personsAffected: number | null;
  personsAtLeast: boolean;
  /** 要配慮個人情報 involved (PPC rules Art. 7(1)); the category `sensitive` says the same. */
  sensitiveData: boolean;
  /** Data whose misuse could cause financial loss (Art. 7(2)), e.g. card numbers; the category `payment` says the same. */
  financialLossRisk: boolean;
  /** Suspected 不正の目的, e.g. unauthorised access or theft (Art. 7(3); 番号法 rules Art. 2(2)). */
  suspectedMalicious: boolean;
  /** 高度な暗号化 or another measure that protects the persons (the key not leaked): no APPI or 番号法 report. */
  highlyEncrypted: boolean;
  /** 通信の秘密 involved (TBA Art. 28); the category `communications` says the same. */
  communicationsSecrecy: boolean;
  /** 特定個人情報 involved (番号法 Art. 29-4); the category `my-number` says the same. */
  myNumberData: boolean;
  /** Data subjects in the EU or the UK (GDPR / UK GDPR Art. 33, 34). */
  euUkDataSubjects: boolean;
  /** The breach is likely to result in a high risk to the persons (GDPR Art. 34(1)). */
  gdprHighRisk: boolean;
}

export const OBLIGATION_CODES = [
  'appi-preliminary', 'appi-final', 'appi-notice',
  'tba-first', 'tba-detailed',
  'mynumber-preliminary', 'mynumber-final', 'mynumber-notice',
  'gdpr-authority', 'gdpr-data-subjects',
] as const;
export type ObligationCode = (typeof OBLIGATION_CODES)[number];

export type Framework = 'appi' | 'tba' | 'mynumber' | 'gdpr';

/** Who receives the report or notice. */
export type Authority =
  | { kind: 'ppc' }
  | { kind: 'telecom-bureau'; bureau: TelecomBureau }
  | { kind: 'supervisory-authority' }
  | { kind: 'data-subjects' };

/**
 * How the deadline reads in its source: a number of hours from the moment of awareness, a number of
 * days counted from the day of awareness (that day is day 1), "速やかに" with the guideline's 3–5 day
 * yardstick, or "速やかに / without undue delay" with no number (shown with the first report's deadline).
 */
export type Timing =
  | { kind: 'hours'; hours: number }
  | { kind: 'days'; days: number }
  | { kind: 'yardstick'; fromDays: number; toDays: number }
  | { kind: 'prompt' };

export type Verification = 'verified' | 'secondary' | 'unverified';

/**
 * Every source an obligation cites, with how far it was verified. The product renders the text from
 * the message catalogue (`incident.reference.<code>`); an unverified article number is never printed.
 */
export const REFERENCES = {
  'appi-26-1': 'verified',
  'appi-26-2': 'verified',
  'appi-rules-7': 'verified',
  'appi-rules-8-1': 'verified',
  'appi-rules-8-2': 'verified',
  'appi-rules-10': 'verified',
  'ppc-gl-3-5-3-3': 'verified',
  'ppc-gl-3-5-3-4': 'secondary',
  'soumu-bureau-route': 'verified',
  'tba-28': 'secondary',
  'soumu-secrecy-leak': 'verified',
  'mynumber-29-4-1': 'verified',
  'mynumber-rules-2': 'verified',
  'mynumber-over-100': 'secondary',
  'mynumber-timing': 'unverified',
  'mynumber-29-4-2': 'secondary',
  'gdpr-33-1': 'verified',
  'gdpr-34-1': 'verified',
} as const satisfies Record<string, Verification>;
export type ReferenceCode = keyof typeof REFERENCES;

export interface Obligation {
  code: ObligationCode;
  framework: Framework;
  authority: Authority;
  timing: Timing;
  /** The deadline (for a yardstick: its target, day 3). */
  dueAt: Date;
  /** A yardstick's outer bound (day 5); null otherwise. */
  outerDueAt: Date | null;
  references: ReferenceCode[];
}

/** PPC rules Art. 7 items that hold: 1 要配慮, 2 財産的被害, 3 不正の目的, 4 more than 1,000 persons. */
export type AppiTrigger = 'sensitive' | 'financial' | 'malicious' | 'over-1000';
/** 番号法 rules Art. 2 items that hold: 不正の目的, more than 100 persons. */
export type MyNumberTrigger = 'malicious' | 'over-100';

export interface IncidentAssessment {
  appiTriggers: AppiTrigger[];
  myNumberTriggers: MyNumberTrigger[];
  /** A trigger holds, but 高度な暗号化 takes the incident out of APPI Art. 26 and 番号法 Art. 29-4. */
  encryptionExempt: boolean;
  /** The persons are not known well enough to rule out a threshold (1,000 for APPI, 100 for 番号法): check again. */
  countUncertain: Array<'appi' | 'mynumber'>;
  obligations: Obligation[];
}

const HOUR_MS = 3_600_000;
/** 通則GL 3-5-3-3: 速やか ≈ 3–5 days from the moment of awareness. */
export const PRELIMINARY_TARGET_DAYS = 3;
export const PRELIMINARY_OUTER_DAYS = 5;
/** PPC rules Art. 8(2): 30 days, 60 for item 3 (不正の目的). */
export const FINAL_REPORT_DAYS = 30;
export const FINAL_REPORT_MALICIOUS_DAYS = 60;
/** 総務省: the 詳報 within 30 days of becoming aware. */
export const TBA_DETAILED_DAYS = 30;
/** GDPR Art. 33(1). */
export const GDPR_NOTIFICATION_HOURS = 72;
/** PPC rules Art. 7(4): more than 1,000 persons. */
export const APPI_PERSONS_THRESHOLD = 1000;
/** 番号法 rules: more than 100 persons. */
export const MY_NUMBER_PERSONS_THRESHOLD = 100;

/** awareAt + whole hours. */
export function hoursAfter(awareAt: Date, hours: number): Date {
  return new Date(awareAt.getTime() + hours * HOUR_MS);
}

/**
 * "知った日から N 日以内": the day of awareness is day 1 (通則GL 3-5-3-4 for the 確報), so the period ends
 * at the last instant of day N in the organisation's time zone — the earlier of the two readings.
 */
export function withinDays(awareAt: Date, days: number, timeZone: string): Date {
  const awareOn = calendarDate(awareAt, timeZone);
  return new Date(startOfDay(addDays(awareOn, days), timeZone).getTime() - 1);
}

/** More than `threshold` persons: a known count, or an "at least" estimate, above it (an unknown count is not). */
function over(facts: Pick<IncidentFacts, 'personsAffected'>, threshold: number): boolean {
  return (facts.personsAffected ?? 0) > threshold;
}

/** A count not above a threshold could still turn out above it: unknown, or only "at least" that many. */
function countOpen(facts: Pick<IncidentFacts, 'personsAffected' | 'personsAtLeast'>): boolean {
  return facts.personsAffected === null || facts.personsAtLeast;
}

/** 特定個人情報 involved: ticked, or the category `my-number`. */
function involvesMyNumber(facts: IncidentFacts): boolean {
  return facts.myNumberData || facts.dataCategories.includes('my-number');
}

/** The Art. 7 items of the PPC rules that hold, before the encryption exemption. */
export function appiTriggersOf(facts: IncidentFacts): AppiTrigger[] {
  const triggers: AppiTrigger[] = [];
  if (facts.sensitiveData || facts.dataCategories.includes('sensitive')) triggers.push('sensitive');
  if (facts.financialLossRisk || facts.dataCategories.includes('payment')) triggers.push('financial');
  if (facts.suspectedMalicious) triggers.push('malicious');
  if (over(facts, APPI_PERSONS_THRESHOLD)) triggers.push('over-1000');
  return triggers;
}

/** The 番号法 rules' Art. 2 items that hold, when 特定個人情報 is involved. */
export function myNumberTriggersOf(facts: IncidentFacts): MyNumberTrigger[] {
  if (!involvesMyNumber(facts)) return [];
  const triggers: MyNumberTrigger[] = [];
  if (facts.suspectedMalicious) triggers.push('malicious');
  if (over(facts, MY_NUMBER_PERSONS_THRESHOLD)) triggers.push('over-100');
  return triggers;
}

/** A carrier reports 個人データ leaks to its bureau; everyone else to the PPC. */
function appiAuthority(profile: OrganisationProfile): Authority {
  return profile.telecomCarrier ? { kind: 'telecom-bureau', bureau: profile.telecomBureau } : { kind: 'ppc' };
}

/** The reports and notices the incident requires, with their deadlines, from the facts and the organisation's profile. */
export function assessIncident(facts: IncidentFacts, profile: OrganisationProfile, timeZone: string): IncidentAssessment {
  const awareAt = facts.awareAt;
  const preliminary = hoursAfter(awareAt, PRELIMINARY_TARGET_DAYS * 24);
  const preliminaryOuter = hoursAfter(awareAt, PRELIMINARY_OUTER_DAYS * 24);
  const yardstick: Timing = { kind: 'yardstick', fromDays: PRELIMINARY_TARGET_DAYS, toDays: PRELIMINARY_OUTER_DAYS };
  const obligations: Obligation[] = [];

  const appiTriggers = appiTriggersOf(facts);
  const myNumberTriggers = myNumberTriggersOf(facts);
  const encryptionExempt = facts.highlyEncrypted && (appiTriggers.length > 0 || myNumberTriggers.length > 0);

  if (appiTriggers.length > 0 && !facts.highlyEncrypted) {
    const authority = appiAuthority(profile);
    const route: ReferenceCode[] = profile.telecomCarrier ? ['soumu-bureau-route'] : [];
    const finalDays = appiTriggers.includes('malicious') ? FINAL_REPORT_MALICIOUS_DAYS : FINAL_REPORT_DAYS;
    obligations.push(
      { code: 'appi-preliminary', framework: 'appi', authority, timing: yardstick, dueAt: preliminary, outerDueAt: preliminaryOuter, references: ['appi-26-1', 'appi-rules-7', 'appi-rules-8-1', 'ppc-gl-3-5-3-3', ...route] },
      { code: 'appi-final', framework: 'appi', authority, timing: { kind: 'days', days: finalDays }, dueAt: withinDays(awareAt, finalDays, timeZone), outerDueAt: null, references: ['appi-26-1', 'appi-rules-8-2', 'ppc-gl-3-5-3-4', ...route] },
      { code: 'appi-notice', framework: 'appi', authority: { kind: 'data-subjects' }, timing: { kind: 'prompt' }, dueAt: preliminary, outerDueAt: null, references: ['appi-26-2', 'appi-rules-10'] },
    );
  }

  if (profile.telecomCarrier && (facts.communicationsSecrecy || facts.dataCategories.includes('communications'))) {
    const authority: Authority = { kind: 'telecom-bureau', bureau: profile.telecomBureau };
    obligations.push(
      { code: 'tba-first', framework: 'tba', authority, timing: { kind: 'prompt' }, dueAt: preliminary, outerDueAt: null, references: ['tba-28', 'soumu-secrecy-leak'] },
      { code: 'tba-detailed', framework: 'tba', authority, timing: { kind: 'days', days: TBA_DETAILED_DAYS }, dueAt: withinDays(awareAt, TBA_DETAILED_DAYS, timeZone), outerDueAt: null, references: ['tba-28', 'soumu-secrecy-leak'] },
    );
  }

  if (myNumberTriggers.length > 0 && !facts.highlyEncrypted) {
    const authority: Authority = { kind: 'ppc' };
    const finalDays = myNumberTriggers.includes('malicious') ? FINAL_REPORT_MALICIOUS_DAYS : FINAL_REPORT_DAYS;
    const threshold: ReferenceCode[] = myNumberTriggers.includes('over-100') ? ['mynumber-over-100'] : [];
    obligations.push(
      { code: 'mynumber-preliminary', framework: 'mynumber', authority, timing: yardstick, dueAt: preliminary, outerDueAt: preliminaryOuter, references: ['mynumber-29-4-1', 'mynumber-rules-2', ...threshold, 'mynumber-timing'] },
      { code: 'mynumber-final', framework: 'mynumber', authority, timing: { kind: 'days', days: finalDays }, dueAt: withinDays(awareAt, finalDays, timeZone), outerDueAt: null, references: ['mynumber-29-4-1', 'mynumber-rules-2', ...threshold, 'mynumber-timing'] },
      { code: 'mynumber-notice', framework: 'mynumber', authority: { kind: 'data-subjects' }, timing: { kind: 'prompt' }, dueAt: preliminary, outerDueAt: null, references: ['mynumber-29-4-2'] },
    );
  }

  if (facts.euUkDataSubjects) {
    const deadline = hoursAfter(awareAt, GDPR_NOTIFICATION_HOURS);
    obligations.push({ code: 'gdpr-authority', framework: 'gdpr', authority: { kind: 'supervisory-authority' }, timing: { kind: 'hours', hours: GDPR_NOTIFICATION_HOURS }, dueAt: deadline, outerDueAt: null, references: ['gdpr-33-1'] });
    if (facts.gdprHighRisk) {
      obligations.push({ code: 'gdpr-data-subjects', framework: 'gdpr', authority: { kind: 'data-subjects' }, timing: { kind: 'prompt' }, dueAt: deadline, outerDueAt: null, references: ['gdpr-34-1'] });
    }
  }

  // Only asked when no item holds yet, so the count is not above the threshold: could it still be?
  const countUncertain: IncidentAssessment['countUncertain'] = [];
  if (!facts.highlyEncrypted && appiTriggers.length === 0 && countOpen(facts)) countUncertain.push('appi');
  if (involvesMyNumber(facts) && !facts.highlyEncrypted && myNumberTriggers.length === 0 && countOpen(facts)) countUncertain.push('mynumber');

  return { appiTriggers, myNumberTriggers, encryptionExempt, countUncertain, obligations };
}

/** Less than this left before a deadline: the obligation is due (a warning flag and a reminder). */
export const DUE_SOON_MS = 24 * HOUR_MS;

/**
 * Where an open obligation stands at an instant: `overdue` past its last deadline (a yardstick's outer
 * bound), `past-target` between a yardstick's target and its outer bound, `due-soon` less than 24 hours
 * before its deadline, `upcoming` before that.
 */
export type DeadlineState = 'upcoming' | 'due-soon' | 'past-target' | 'overdue';

export function deadlineState(obligation: Pick<Obligation, 'dueAt' | 'outerDueAt'>, at: Date): DeadlineState {
  const now = at.getTime();
  const last = (obligation.outerDueAt ?? obligation.dueAt).getTime();
  if (now > last) return 'overdue';
  if (now > obligation.dueAt.getTime()) return 'past-target';
  return obligation.dueAt.getTime() - now < DUE_SOON_MS ? 'due-soon' : 'upcoming';
}

/** The last deadline of an obligation: a yardstick's outer bound, or its only deadline. */
export function finalDeadline(obligation: Pick<Obligation, 'dueAt' | 'outerDueAt'>): Date {
  return obligation.outerDueAt ?? obligation.dueAt;
}

/**
 * The vendor's own notice to us against the notice period its contract states (contract field
 * `incidentNoticeHours`): late notice is a fact worth a finding. Null when a time or the period is missing.
 */
export interface VendorNoticeDelay {
  agreedHours: number;
  /** Whole minutes from the vendor becoming aware to its notice to us. */
  elapsedMinutes: number;
  late: boolean;
}

export function vendorNoticeDelay(times: { vendorAwareAt: Date | null; notifiedAt: Date | null }, agreedHours: number | null): VendorNoticeDelay | null {
  if (!times.vendorAwareAt || !times.notifiedAt || agreedHours === null) return null;
  const elapsedMs = times.notifiedAt.getTime() - times.vendorAwareAt.getTime();
  return { agreedHours, elapsedMinutes: Math.floor(elapsedMs / 60_000), late: elapsedMs > agreedHours * HOUR_MS };
}

/**
 * The instant incident deadlines are judged at for a calendar date: now when it is today in the
 * organisation's time zone, else the last instant of that day (a past or future `asOf`).
 */
export function judgedAt(asOf: string, now: Date, timeZone: string): Date {
  if (calendarDate(now, timeZone) === asOf) return now;
  return new Date(startOfDay(addDays(asOf, 1), timeZone).getTime() - 1);
}

/** An instant as the organisation's wall clock, "YYYY-MM-DD HH:mm" (for messages and e-mails). */
export function wallClock(instant: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(instant);
}
