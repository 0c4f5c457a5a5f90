/**
 * Errors services throw. One filter (api-exception.filter.ts) maps them to HTTP; services never
 * throw HTTP exceptions. `problems` are "field: reason" strings, as the API contract shows them.
 */
export abstract class DomainError extends Error {
  abstract readonly httpStatus: number;
  constructor(readonly problems: string[], readonly code: string) {
    super(problems.join('; '));
    this.name = new.target.name;
  }
}

/** Input that passes the DTO but breaks a rule that needs more than one field or the database. */
export class ValidationError extends DomainError {
  readonly httpStatus = 400;
  constructor(problems: string[]) {
    super(problems, 'invalid-input');
  }
}

export class NotFoundError extends DomainError {
  readonly httpStatus = 404;
  constructor(entity: string, id: string) {
    super([`${entity} ${id} not found`], 'not-found');
  }
}

/** A stale `version`: someone else changed the record since it was read. */
export class VersionConflictError extends DomainError {
  readonly httpStatus = 409;
  constructor(entity: string, id: string, sentVersion: number, currentVersion?: number) {
    super(
      [
        `version: ${entity} ${id} was changed by someone else (you sent version ${sentVersion}` +
          (currentVersion === undefined ? ')' : `, the current version is ${currentVersion})`) +
          '; reload it and apply your change again',
      ],
      'version-conflict',
    );
  }
}

/** A change the record's state does not allow (illegal transition, delete of a kept record, duplicate). */
export class ConflictError extends DomainError {
  readonly httpStatus = 409;
  constructor(problems: string[], code = 'conflict') {
    super(problems, code);
  }
}

export class UnauthenticatedError extends DomainError {
  readonly httpStatus = 401;
  constructor(message = 'sign in first: send Authorization: Bearer <token>') {
    super([message], 'unauthenticated');
  }
}

export class ForbiddenError extends DomainError {
  readonly httpStatus = 403;
  constructor(message = 'your role may not do this') {
    super([message], 'forbidden');
  }
}

/** Too many failed sign-ins for an account or an address: wait, then try again. */
export class TooManyAttemptsError extends DomainError {
  readonly httpStatus = 429;
  constructor(readonly retryAfterSeconds: number, message = 'too many failed sign-ins; try again later') {
    super([message], 'throttled');
  }
}
