import { allowedMoves, LifecycleKind, LifecycleStatus } from '../rules/lifecycles';
import { ErrorCode, RecordKind } from './error-codes';
import { Problem, statusTerm, term } from './problems';

/**
 * A refusal, thrown by services (never an HTTP exception, never a sentence): its `code` decides the
 * HTTP status (api-exception.filter.ts), its problems say what is wrong, field by field, as codes
 * with the values their messages show. The JSON filter and the page helper render them from the
 * catalogue in the caller's language.
 */
export class DomainError extends Error {
  readonly problems: readonly Problem[];

  constructor(code: ErrorCode, problems: Problem | readonly Problem[]);
  /** @deprecated sentences instead of codes: only until every service throws codes. */
  constructor(problems: readonly string[], code: ErrorCode);
  constructor(first: ErrorCode | readonly string[], second: Problem | readonly Problem[] | ErrorCode) {
    const code = typeof first === 'string' ? first : (second as ErrorCode);
    const problems = typeof first === 'string' ? (second as Problem | readonly Problem[]) : first.map((text) => legacyProblem(text, code));
    const list = isProblemList(problems) ? problems : [problems];
    // Codes and fields only: what the logs show. The sentence is the catalogue's, in the reader's language.
    super(`${code}: ${list.map((problem) => (problem.field ? `${problem.field} ${problem.code}` : problem.code)).join('; ')}`);
    this.code = code;
    this.problems = list;
    this.name = new.target.name;
  }

  readonly code: ErrorCode;

  /** The problems of one field (its top-level name: `items` for `items.0.code`). */
  problemsOf(field: string): Problem[] {
    return this.problems.filter((problem) => problem.field?.split('.')[0] === field);
  }
}

function isProblemList(value: Problem | readonly Problem[]): value is readonly Problem[] {
  return Array.isArray(value);
}

/** Input that passes the DTO but breaks a rule that needs more than one field or the database (400). */
export class ValidationError extends DomainError {
  constructor(problems: Problem | readonly Problem[] | readonly string[]) {
    super('invalid-input', isLegacy(problems) ? problems.map((text) => legacyProblem(text, 'invalid-input')) : (problems as Problem | readonly Problem[]));
  }
}

export class NotFoundError extends DomainError {
  constructor(record: RecordKind | string, id: string) {
    super('not-found', isRecordKind(record) ? { code: 'not-found', params: { record: term(`error.record.${record}`), id } } : legacyProblem(`${record} ${id} not found`, 'not-found'));
  }
}

/** A stale `version`: someone else changed the record since it was read (409). */
export class VersionConflictError extends DomainError {
  constructor(record: RecordKind | string, id: string, sentVersion: number, currentVersion?: number) {
    const params = { record: isRecordKind(record) ? term(`error.record.${record}`) : record, id, sent: sentVersion };
    super(
      'version-conflict',
      currentVersion === undefined
        ? { field: 'version', code: 'version-stale', params }
        : { field: 'version', code: 'version-conflict', params: { ...params, current: currentVersion } },
    );
  }
}

/**
 * A change the record's state does not allow (illegal transition, delete of a kept record,
 * duplicate): 409. The error's code is the problem's unless a broader one is given (`duplicate`
 * for a taken e-mail address, `kept-record` for a vendor with records).
 */
export class ConflictError extends DomainError {
  constructor(problem: Problem | readonly string[], code: ErrorCode = (problem as Problem).code) {
    super(code, isLegacy(problem) ? problem.map((text) => legacyProblem(text, code)) : (problem as Problem));
  }
}

/** A move its lifecycle (rules/lifecycles.ts) does not list: the same refusal for the API, the pages and the import. */
export class InvalidMoveError<K extends LifecycleKind> extends ConflictError {
  constructor(
    readonly kind: K,
    readonly from: LifecycleStatus<K>,
    readonly to: LifecycleStatus<K>,
  ) {
    const allowed = allowedMoves(kind, from);
    const status = (value: LifecycleStatus<K>) => statusTerm(kind, value);
    super(
      {
        field: 'status',
        code: allowed.length > 0 ? 'invalid-transition' : 'final-status',
        params: { aRecord: term(`error.aRecord.${kind}`), from: status(from), to: status(to), allowed: allowed.map(status) },
      },
      'invalid-transition',
    );
  }
}

export class UnauthenticatedError extends DomainError {
  constructor(reason: 'unauthenticated' | 'sign-in-failed' | string = 'unauthenticated') {
    super('unauthenticated', reason === 'unauthenticated' || reason === 'sign-in-failed' ? { code: reason } : legacyProblem(reason, 'unauthenticated'));
  }
}

export class ForbiddenError extends DomainError {
  constructor(problem: Problem | string = { code: 'forbidden' }) {
    super('forbidden', typeof problem === 'string' ? legacyProblem(problem, 'forbidden') : problem);
  }
}

/** Too many failed sign-ins for an account or an address: wait, then try again (429). */
export class TooManyAttemptsError extends DomainError {
  constructor(readonly retryAfterSeconds: number) {
    super('throttled', { code: 'throttled' });
  }
}

// Transitional: sentences thrown before the services moved to codes. Removed once none is left.
const RECORD_KINDS = new Set<string>([
  'vendor', 'contract', 'checklist', 'clause-type', 'audit', 'finding', 'subcontractor', 'certificate', 'deletion-certificate', 'assessment',
  'user', 'api-token', 'document', 'file', 'notification', 'notification-message', 'settings', 'calendar', 'export',
]);

/** @deprecated a sentence already written (in English), shown as it is. */
export interface LegacyProblem extends Problem {
  readonly text: string;
}

function isRecordKind(value: string): value is RecordKind {
  return RECORD_KINDS.has(value);
}

function isLegacy(value: unknown): value is readonly string[] {
  return Array.isArray(value) && typeof value[0] === 'string';
}

function legacyProblem(text: string, code: ErrorCode): LegacyProblem {
  const match = /^([A-Za-z][\w.]*): ([\s\S]*)$/.exec(text);
  return match ? { field: match[1], code, text: match[2] } : { code, text };
}
