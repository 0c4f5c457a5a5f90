import { allowedMoves, LifecycleKind, LifecycleStatus } from '../rules/lifecycles';
import { ErrorCode, RecordKind } from './error-codes';
import { Problem, statusTerm, term, Term } from './problems';

/**
 * A refusal, thrown by services (never an HTTP exception, never a sentence): its `code` decides the
 * HTTP status (api-exception.filter.ts), its problems say what is wrong, field by field, as codes
 * with the values their messages show. The JSON filter and the page helper render them from the
 * catalogue in the caller's language.
 */
export class DomainError extends Error {
  readonly problems: readonly Problem[];

  constructor(
    readonly code: ErrorCode,
    problems: Problem | readonly Problem[],
  ) {
    const list = isProblemList(problems) ? problems : [problems];
    // Codes and fields only: what the logs show. The sentence is the catalogue's, in the reader's language.
    super(`${code}: ${list.map((problem) => (problem.field ? `${problem.field} ${problem.code}` : problem.code)).join('; ')}`);
    this.problems = list;
    this.name = new.target.name;
  }

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
  constructor(problems: Problem | readonly Problem[]) {
    super('invalid-input', problems);
  }
}

export class NotFoundError extends DomainError {
  constructor(record: RecordKind, id: string) {
    super('not-found', { code: 'not-found', params: { record: term(`error.record.${record}`), id } });
  }
}

/** A stale `version`: someone else changed the record since it was read (409). The id: the record's, or a term naming a record that has no id of its own (the settings). */
export class VersionConflictError extends DomainError {
  constructor(record: RecordKind, id: string | Term, sentVersion: number, currentVersion?: number) {
    const params = { record: term(`error.record.${record}`), id, sent: sentVersion };
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
  constructor(problem: Problem, code: ErrorCode = problem.code) {
    super(code, problem);
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
  constructor(reason: 'unauthenticated' | 'sign-in-failed' = 'unauthenticated') {
    super('unauthenticated', { code: reason });
  }
}

export class ForbiddenError extends DomainError {
  constructor(problem: Problem = { code: 'forbidden' }) {
    super('forbidden', problem);
  }
}

/** A refusal that passes with time (429): the answer says when to try again (RFC 9110 §10.2.3 Retry-After). */
export abstract class RetryLaterError extends DomainError {
  abstract readonly retryAfterSeconds: number;
}

/** Too many failed sign-ins for an account or an address: wait, then try again (429). */
export class TooManyAttemptsError extends RetryLaterError {
  constructor(readonly retryAfterSeconds: number) {
    super('throttled', { code: 'throttled' });
  }
}

