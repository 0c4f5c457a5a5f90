import { ReviewStatus } from './contracts';

/**
 * Legal's sign-off of a contract checklist means something (PPC GL 3-4-4(2): the contract must
 * provide for the matters the supervision needs). Every required clause type must have been
 * reviewed; one reviewed as `missing` or `partial` may be signed off only as a recorded exception,
 * with a note per item saying why the contract is accepted as it is ("approved with exceptions").
 */
export interface ApprovalItem {
  clauseType: string;
  required: boolean;
  status: ReviewStatus;
}

export interface ApprovalException {
  clauseType: string;
  note: string;
}

export interface RecordedException extends ApprovalException {
  status: 'missing' | 'partial';
}

export type ApprovalCheck =
  | { ok: true; exceptions: RecordedException[] }
  /** Required clause types not reviewed yet: nothing to sign off (409). */
  | { ok: false; reason: 'not-reviewed'; clauseTypes: string[] }
  /** Exception notes missing for required gaps, or given for items that need none (400, per item). */
  | { ok: false; reason: 'exceptions'; missing: Array<{ clauseType: string; status: 'missing' | 'partial' }>; unexpected: string[] };

const GAPS: readonly ReviewStatus[] = ['missing', 'partial'];

/** Checks a sign-off: the exceptions it records, in checklist order, or why it is refused. */
export function checkApproval(items: readonly ApprovalItem[], exceptions: readonly ApprovalException[]): ApprovalCheck {
  const required = items.filter((item) => item.required);
  const notReviewed = required.filter((item) => item.status === 'not-reviewed').map((item) => item.clauseType);
  if (notReviewed.length > 0) return { ok: false, reason: 'not-reviewed', clauseTypes: notReviewed };
  const notes = new Map(exceptions.map((exception) => [exception.clauseType, exception.note.trim()]));
  const gaps = required.filter((item) => GAPS.includes(item.status)) as Array<ApprovalItem & { status: 'missing' | 'partial' }>;
  const missing = gaps.filter((item) => !notes.get(item.clauseType)).map((item) => ({ clauseType: item.clauseType, status: item.status }));
  const gapTypes = new Set(gaps.map((item) => item.clauseType));
  const unexpected = exceptions.filter((exception) => !gapTypes.has(exception.clauseType)).map((exception) => exception.clauseType);
  if (missing.length > 0 || unexpected.length > 0) return { ok: false, reason: 'exceptions', missing, unexpected };
  return { ok: true, exceptions: gaps.map((item) => ({ clauseType: item.clauseType, status: item.status, note: notes.get(item.clauseType)! })) };
}
