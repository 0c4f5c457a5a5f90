/** planned → in-progress → completed; planned → completed records an audit after the fact; planned or in-progress → cancelled. */
export type AuditStatusValue = 'planned' | 'in-progress' | 'completed' | 'cancelled';

const NEXT: Record<AuditStatusValue, readonly AuditStatusValue[]> = {
  planned: ['in-progress', 'completed', 'cancelled'],
  'in-progress': ['completed', 'cancelled'],
  completed: [],
  cancelled: [],
};

export function allowedAuditMoves(from: AuditStatusValue): readonly AuditStatusValue[] {
  return NEXT[from];
}

/** A finding is open until resolved or its risk accepted; a closed finding may be reopened. */
export type FindingStatusValue = 'open' | 'resolved' | 'risk-accepted';

const FINDING_NEXT: Record<FindingStatusValue, readonly FindingStatusValue[]> = {
  open: ['resolved', 'risk-accepted'],
  resolved: ['open'],
  'risk-accepted': ['open'],
};

export function allowedFindingMoves(from: FindingStatusValue): readonly FindingStatusValue[] {
  return FINDING_NEXT[from];
}
