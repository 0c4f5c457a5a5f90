import { DomainError } from '../common/domain-errors';

/** The link worked once and no longer does: revoked, replaced by a newer link, or expired (410). */
export class LinkGoneError extends DomainError {
  readonly httpStatus = 410;
  constructor(problem: string) {
    super([problem], 'link-gone');
  }
}

/** The e-mail with the link could not be handed to the mail server: nothing was recorded (503). */
export class MailUnavailableError extends DomainError {
  readonly httpStatus = 503;
  constructor(problem: string) {
    super([problem], 'mail-unavailable');
  }
}

/** No such link for this questionnaire (a wrong token, or another questionnaire's): 404, counted against the address. */
export class LinkNotFoundError extends DomainError {
  readonly httpStatus = 404;
  constructor(problem: string) {
    super([problem], 'not-found');
  }
}
