import { ContractStatus } from './contracts';
import { VendorStatus } from './vendor-facts';

export type AuditStatus = 'planned' | 'in-progress' | 'completed' | 'cancelled';
export type FindingStatus = 'open' | 'resolved' | 'risk-accepted';
export type SubcontractorStatus = 'pending' | 'approved' | 'objected' | 'withdrawn';
export type QuestionnaireStatus = 'sent' | 'in-progress' | 'submitted' | 'clarification-requested' | 'accepted' | 'revoked';
export type IncidentStatus = 'open' | 'contained' | 'closed';
export type IncidentObligationStatus = 'open' | 'reported' | 'not-required';

interface StatusOf {
  vendor: VendorStatus;
  contract: ContractStatus;
  audit: AuditStatus;
  finding: FindingStatus;
  subcontractor: SubcontractorStatus;
  questionnaire: QuestionnaireStatus;
  incident: IncidentStatus;
  'incident-obligation': IncidentObligationStatus;
}
export type LifecycleKind = keyof StatusOf;
export type LifecycleStatus<K extends LifecycleKind> = StatusOf[K];
type Lifecycle<S extends string> = Readonly<Record<S, readonly S[]>>;

/**
 * Every record's status machine in one table: the services refuse what it does not list, and the
 * pages offer exactly what it lists. Staying in the same status is not a move (saving other fields).
 */
export const LIFECYCLES: { readonly [K in LifecycleKind]: Lifecycle<StatusOf[K]> } = {
  /** candidate → active → offboarding → terminated; a candidate may be dropped, offboarding may be called off. */
  vendor: {
    candidate: ['active', 'terminated'],
    active: ['offboarding'],
    offboarding: ['terminated', 'active'],
    terminated: [],
  },
  /** draft ⇄ in-review → signed → terminated (draft or in-review may also be signed or dropped directly). */
  contract: {
    draft: ['in-review', 'signed', 'terminated'],
    'in-review': ['draft', 'signed', 'terminated'],
    signed: ['terminated'],
    terminated: [],
  },
  /** planned → in-progress → completed; planned → completed records an audit after the fact; planned or in-progress → cancelled. */
  audit: {
    planned: ['in-progress', 'completed', 'cancelled'],
    'in-progress': ['completed', 'cancelled'],
    completed: [],
    cancelled: [],
  },
  /** A finding is open until resolved or its risk accepted; a closed finding may be reopened. */
  finding: {
    open: ['resolved', 'risk-accepted'],
    resolved: ['open'],
    'risk-accepted': ['open'],
  },
  /**
   * 再委託先 (PPC GL 3-4-4(3); GDPR 28(2)): an announced subcontractor is approved or objected to; an
   * approved or objected one ends as withdrawn (再委託終了), which is final: a withdrawn subcontractor
   * is announced again as a new record, never approved back.
   */
  subcontractor: {
    pending: ['approved', 'objected'],
    approved: ['withdrawn'],
    objected: ['withdrawn'],
    withdrawn: [],
  },
  /**
   * A questionnaire sent by link: the vendor drafts and submits it once; compliance accepts it or
   * reopens some questions for clarification (answered, it is submitted again); it may be revoked
   * until accepted. Accepted and revoked are final.
   */
  questionnaire: {
    sent: ['in-progress', 'submitted', 'revoked'],
    'in-progress': ['submitted', 'revoked'],
    submitted: ['clarification-requested', 'accepted', 'revoked'],
    'clarification-requested': ['submitted', 'revoked'],
    accepted: [],
    revoked: [],
  },
  /** 漏えい等: open → contained → closed (closing needs every obligation settled); a closed incident may be reopened. */
  incident: {
    open: ['contained', 'closed'],
    contained: ['open', 'closed'],
    closed: ['open'],
  },
  /** An obligation is reported (final: further reports are added to it) or closed as not required with a reason, which may be undone. */
  'incident-obligation': {
    open: ['reported', 'not-required'],
    reported: [],
    'not-required': ['open', 'reported'],
  },
};

/** The statuses a record of this kind may move to from `from` (empty when `from` is final). */
export function allowedMoves<K extends LifecycleKind>(kind: K, from: LifecycleStatus<K>): readonly LifecycleStatus<K>[] {
  const lifecycle: Lifecycle<LifecycleStatus<K>> = LIFECYCLES[kind];
  return lifecycle[from];
}

/** True when `to` is `from` (no move) or a move the lifecycle allows. */
export function canMove<K extends LifecycleKind>(kind: K, from: LifecycleStatus<K>, to: LifecycleStatus<K>): boolean {
  return from === to || allowedMoves(kind, from).includes(to);
}

/** What a status field offers on an edit form: the current status first, then the allowed moves. */
export function statusChoices<K extends LifecycleKind>(kind: K, current: LifecycleStatus<K>): readonly LifecycleStatus<K>[] {
  return [current, ...allowedMoves(kind, current)];
}

/** Every status of a lifecycle for which `holds` is true, in the lifecycle's order: a rule over one record's status, as a list to select by. */
export function statusesWhere<K extends LifecycleKind>(kind: K, holds: (status: LifecycleStatus<K>) => boolean): LifecycleStatus<K>[] {
  return (Object.keys(LIFECYCLES[kind]) as Array<LifecycleStatus<K>>).filter(holds);
}
