import { addDays, daysBetween } from './calendar';

export const CONTRACT_KINDS = ['entrustment', 'dpa', 'nda', 'msa', 'other'] as const;
export type ContractKind = (typeof CONTRACT_KINDS)[number];
export const CONTRACT_STATUSES = ['draft', 'in-review', 'signed', 'terminated'] as const;
export type ContractStatus = (typeof CONTRACT_STATUSES)[number];
export const REVIEW_STATUSES = ['present', 'partial', 'missing', 'not-reviewed'] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];

export interface ContractFacts {
  id: string;
  title: string;
  status: ContractStatus;
  effectiveFrom: string;
  expiresOn: string | null;
  autoRenew: boolean;
  noticeDays?: number | null;
  /** How long the vendor keeps the data, in the contract's words (e.g. 「契約終了後30日」). */
  retentionPeriod?: string | null;
}

/**
 * The last day to give notice (解約通知期限) so the contract ends instead of renewing or running on:
 * expiresOn − noticeDays. A notice period of 0 days means notice may be given up to the last day,
 * so the deadline is the expiry day itself; no notice period (null) or no end date means no deadline.
 */
export function noticeDeadline(contract: Pick<ContractFacts, 'expiresOn' | 'noticeDays'>): string | null {
  const noticeDays = contract.noticeDays ?? null;
  if (contract.expiresOn === null || noticeDays === null) return null;
  return addDays(contract.expiresOn, -noticeDays);
}

/**
 * domain.md: a contract is in force on a day when it is signed, its start date has come (it is in
 * force on its first day) and it has not expired (it is in force on its last day), or it renews
 * automatically. Dates are calendar dates (YYYY-MM-DD), so string comparison is date comparison.
 */
export function isInForce(contract: ContractFacts, asOf: string): boolean {
  if (contract.status !== 'signed') return false;
  if (contract.effectiveFrom > asOf) return false;
  return contract.autoRenew || contract.expiresOn === null || contract.expiresOn >= asOf;
}

/** How far a review goes: the best review across the contracts in force is what counts. */
const REVIEWS_WORST_FIRST: readonly ReviewStatus[] = ['not-reviewed', 'missing', 'partial', 'present'];

export function betterReview(a: ReviewStatus, b: ReviewStatus): ReviewStatus {
  return REVIEWS_WORST_FIRST[Math.max(REVIEWS_WORST_FIRST.indexOf(a), REVIEWS_WORST_FIRST.indexOf(b))];
}

/** A contract in force without auto-renewal that ends within this many days is flagged. */
export const EXPIRY_WARNING_DAYS = 90;

export function expiresSoon(contract: ContractFacts, asOf: string): boolean {
  if (contract.autoRenew || contract.expiresOn === null) return false;
  const daysLeft = daysBetween(asOf, contract.expiresOn);
  return daysLeft >= 0 && daysLeft <= EXPIRY_WARNING_DAYS;
}
