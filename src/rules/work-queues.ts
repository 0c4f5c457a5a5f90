import { addDays } from './calendar';
import { ContractFacts, isInForce, noticeDeadline } from './contracts';
import { allowedMoves, LifecycleStatus } from './lifecycles';
import { VendorStatus } from './vendor-facts';

/**
 * Work queues by role (the dashboard): what each team has waiting, counted and listed the same way.
 * Legal reviews and renews contracts; compliance selects, audits and follows up vendors; an owner
 * (担当者) looks after their own vendors' open items. Each rule here decides whether one record is in
 * a queue on `asOf`; the services load the candidates and count what these rules keep.
 */
export const WORK_QUEUE_ROLES = ['legal', 'compliance', 'owner'] as const;
export type WorkQueueRole = (typeof WORK_QUEUE_ROLES)[number];

/** How far ahead the queues look: renewals, notice deadlines and audits due within this many days. */
export const WORK_QUEUE_DAYS = 90;

export const WORK_QUEUES = [
  { id: 'contracts-never-reviewed', role: 'legal', unit: 'items' },
  { id: 'contracts-re-review', role: 'legal', unit: 'items' },
  { id: 'contracts-renewal', role: 'legal', unit: 'items' },
  { id: 'candidates-awaiting-selection', role: 'compliance', unit: 'vendors' },
  { id: 'audits-due-unplanned', role: 'compliance', unit: 'vendors' },
  { id: 'findings-overdue', role: 'compliance', unit: 'items' },
  { id: 'subcontractors-objection-period', role: 'compliance', unit: 'items' },
  { id: 'incidents-open', role: 'compliance', unit: 'items' },
  { id: 'questionnaires-awaiting-review', role: 'compliance', unit: 'items' },
  { id: 'my-open-items', role: 'owner', unit: 'items' },
] as const satisfies ReadonlyArray<{ id: string; role: WorkQueueRole; unit: 'items' | 'vendors' }>;
export type WorkQueueId = (typeof WORK_QUEUES)[number]['id'];
export const WORK_QUEUE_IDS: readonly WorkQueueId[] = WORK_QUEUES.map((queue) => queue.id);

/**
 * Queues that are the compliance engine's stored flags of one code: the flag rules already decide them
 * (finding-overdue: an open finding past its due date; subcontractor-objection-open: a subcontractor
 * announced under an objection period that has not yet passed), so the queue lists those flags.
 */
export const FLAG_QUEUES: Readonly<Partial<Record<WorkQueueId, string>>> = {
  'findings-overdue': 'finding-overdue',
  'subcontractors-objection-period': 'subcontractor-objection-open',
};

/** The last day a queue looks ahead to. */
export function queueHorizon(asOf: string): string {
  return addDays(asOf, WORK_QUEUE_DAYS);
}

/** A contract as legal's queues see it: its dates, and how far its checklist has come. */
export interface ContractQueueFacts extends ContractFacts {
  /** Checklist items reviewed (any status but not-reviewed). */
  reviewedItems: number;
  /** Signed off by legal now. */
  approved: boolean;
  /** A sign-off was cleared by a later change (the checklist's history says so). */
  approvalCleared: boolean;
}

/**
 * Whether a contract is still worth reviewing: its lifecycle has a way on (not terminated) and, once
 * signed, it has not ended (in force, or yet to start; an expired one is renewed or replaced, not reviewed).
 */
export function stillReviewable(contract: ContractFacts, asOf: string): boolean {
  if (allowedMoves('contract', contract.status).length === 0) return false;
  return contract.status !== 'signed' || contract.autoRenew || contract.expiresOn === null || contract.expiresOn >= asOf;
}

/** Which review a contract's checklist waits for, whatever the day: legal's first look, a second one, or none. */
export type ContractReview = 'never-reviewed' | 're-review' | null;

/**
 * The review a contract waits for: none once signed off (or terminated); a second look when a later
 * change cleared a sign-off; a first look while no clause is reviewed and it was never signed off.
 */
export function contractReview(contract: ContractQueueFacts): ContractReview {
  if (contract.approved || allowedMoves('contract', contract.status).length === 0) return null;
  if (contract.approvalCleared) return 're-review';
  return contract.reviewedItems === 0 ? 'never-reviewed' : null;
}

/** Legal has never looked at it: no clause reviewed, never signed off. */
export function neverReviewed(contract: ContractQueueFacts, asOf: string): boolean {
  return stillReviewable(contract, asOf) && contractReview(contract) === 'never-reviewed';
}

/** Signed off once, then changed (the change cleared the sign-off): legal reviews it again. */
export function needsReReview(contract: ContractQueueFacts, asOf: string): boolean {
  return stillReviewable(contract, asOf) && contractReview(contract) === 're-review';
}

/**
 * The day a renewal decision is due: the notice deadline (解約通知期限) when the contract has a notice
 * period, else its expiry; null without an end date.
 */
export function renewalDecisionDue(contract: Pick<ContractFacts, 'expiresOn' | 'noticeDays'>): string | null {
  return noticeDeadline(contract) ?? contract.expiresOn;
}

/**
 * A contract in force whose renewal decision (notice deadline, else expiry) falls within the next
 * WORK_QUEUE_DAYS days, or has passed while the contract still runs: renewing automatically or not,
 * someone must decide before it renews or ends.
 */
export function renewalDue(contract: ContractFacts, asOf: string): boolean {
  const due = renewalDecisionDue(contract);
  // Stryker disable next-line ConditionalExpression,LogicalOperator: equivalent, without an end date there is no decision date either, and null compares false with a date string
  if (due === null || contract.expiresOn === null || contract.expiresOn < asOf) return false;
  return isInForce(contract, asOf) && due <= queueHorizon(asOf);
}

/**
 * What legal's queues keep of a contract, the same whatever the day, so that it can be stored with the
 * contract (rewritten whenever the contract, its checklist or its vendor's name changes) and read
 * through an index: the review it waits for, and the day its renewal decision is due while it is
 * signed (null otherwise). What depends on the day is left to a range over these: still reviewable
 * (stillReviewable) and, for a renewal, in force, not yet ended and due by the horizon (renewalDue).
 */
export interface ContractQueueKeys {
  review: ContractReview;
  renewalDecisionOn: string | null;
}

export function contractQueueKeys(contract: ContractQueueFacts): ContractQueueKeys {
  return { review: contractReview(contract), renewalDecisionOn: contract.status === 'signed' ? renewalDecisionDue(contract) : null };
}

/** Legal's queues of contracts. */
export type ContractQueueId = Extract<WorkQueueId, 'contracts-never-reviewed' | 'contracts-re-review' | 'contracts-renewal'>;

/**
 * Whether a contract is in one of legal's queues on `asOf`, from its stored keys and its dates: what
 * neverReviewed, needsReReview and renewalDue decide from all its facts (the table tests hold them
 * equal), as a condition an index range over the keys can read.
 */
export function inContractQueue(queue: ContractQueueId, contract: Omit<ContractFacts, 'noticeDays'> & ContractQueueKeys, asOf: string): boolean {
  if (queue === 'contracts-renewal') {
    const due = contract.renewalDecisionOn;
    // Stryker disable next-line ConditionalExpression: equivalent, a decision date is stored only with an end date, and null compares false with a date string
    return due !== null && due <= queueHorizon(asOf) && contract.expiresOn !== null && contract.expiresOn >= asOf && contract.effectiveFrom <= asOf;
  }
  return contract.review === (queue === 'contracts-re-review' ? 're-review' : 'never-reviewed') && stillReviewable(contract, asOf);
}

/**
 * What a count of the renewals due keeps of a contract, the same whatever the day: its renewal
 * decision date and end date, and the day from which it counts as started. That day is its start
 * brought forward to WORK_QUEUE_DAYS before its decision date when it started earlier: on any day
 * the decision is due by the horizon, that day has come too, so the two answer alike (started on
 * `asOf` or not), and the contracts that started long before their decision share one key. Summed
 * over these keys, the renewals due on a day are counted from a row per decision date and notice
 * period, not a row per contract. Null when the contract is never in the renewal queue.
 */
export interface RenewalCountKey {
  renewalDecisionOn: string;
  expiresOn: string;
  countedFrom: string;
}

export function renewalCountKey(contract: Pick<ContractFacts, 'effectiveFrom' | 'expiresOn'> & Pick<ContractQueueKeys, 'renewalDecisionOn'>): RenewalCountKey | null {
  const due = contract.renewalDecisionOn;
  if (due === null || contract.expiresOn === null) return null;
  const earliest = addDays(due, -WORK_QUEUE_DAYS);
  // Stryker disable next-line EqualityOperator: equivalent, a start on that very day is that day either way
  return { renewalDecisionOn: due, expiresOn: contract.expiresOn, countedFrom: contract.effectiveFrom > earliest ? contract.effectiveFrom : earliest };
}

/** Whether a contract counted under this key is in the renewal queue on `asOf` (inContractQueue over its key: the table tests hold them equal). */
export function renewalCounted(key: RenewalCountKey, asOf: string): boolean {
  return key.renewalDecisionOn <= queueHorizon(asOf) && key.expiresOn >= asOf && key.countedFrom <= asOf;
}

/** A candidate vendor (before entrustment) without a selection assessment on record (PPC GL 3-4-4(1)). */
export function awaitingSelection(vendor: { status: VendorStatus; selections: number }): boolean {
  return vendor.status === 'candidate' && vendor.selections === 0;
}

/**
 * A vendor as the audit queue sees it: its next audit due date as the compliance engine stored it
 * (supervision.ts nextAuditDue, brought forward by an incident: the date the plan, the calendar and
 * the vendor page show), and whether an audit is planned or under way.
 */
export interface AuditQueueFacts {
  status: VendorStatus;
  nextAuditDue: string | null;
  openAudit: boolean;
}

const SUPERVISED: readonly VendorStatus[] = ['active', 'offboarding'];

/**
 * When the vendor's next audit is due, if it falls within the next WORK_QUEUE_DAYS days (or is
 * past) and no audit is planned or in progress; else null.
 */
export function unplannedAuditDue(vendor: AuditQueueFacts, asOf: string): string | null {
  const due = auditQueueDue(vendor);
  // Stryker disable next-line ConditionalExpression: equivalent, null compares false with a date string
  return due !== null && due <= queueHorizon(asOf) ? due : null;
}

/**
 * The day a vendor waits in the audit queue from, whatever the day: its next audit due date while it
 * is supervised and has no audit planned or in progress, else null. The unplanned audits on a day
 * are the vendors counted under the dates up to the horizon (a row per due date, not per vendor).
 */
export function auditQueueDue(vendor: AuditQueueFacts): string | null {
  if (!SUPERVISED.includes(vendor.status) || vendor.openAudit) return null;
  return vendor.nextAuditDue;
}

/** An incident not yet closed (its reports and measures may still be running): one its lifecycle can still close. */
export function incidentOpen(incident: { status: LifecycleStatus<'incident'> }): boolean {
  return allowedMoves('incident', incident.status).includes('closed');
}

/** A questionnaire the vendor has handed back and compliance has yet to accept or send back. */
export function awaitingReview(questionnaire: { status: LifecycleStatus<'questionnaire'> }): boolean {
  return allowedMoves('questionnaire', questionnaire.status).includes('accepted');
}
