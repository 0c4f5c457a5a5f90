import { DomainError, RetryLaterError } from '../common/domain-errors';

/** The link worked once and no longer does: revoked, replaced by a newer link, or expired (410). */
export class LinkGoneError extends DomainError {
  constructor(code: 'questionnaire-link-replaced' | 'questionnaire-link-revoked' | 'questionnaire-link-expired') {
    super(code, { code });
  }
}

/** Too many wrong links from one address, or too many requests on one live link (429). */
export class LinkRateLimitedError extends RetryLaterError {
  constructor(
    readonly retryAfterSeconds: number,
    code: 'questionnaire-link-throttled' | 'questionnaire-link-busy',
  ) {
    super(code, { code, params: { seconds: retryAfterSeconds } });
  }
}

/** The e-mail with the link could not be handed to the mail server: nothing was recorded (503). */
export class MailUnavailableError extends DomainError {
  constructor() {
    super('mail-unavailable', { code: 'mail-unavailable' });
  }
}

/** No such link for this questionnaire (a wrong token, or another questionnaire's): 404, counted against the address. */
export class LinkNotFoundError extends DomainError {
  constructor() {
    super('questionnaire-link-unknown', { code: 'questionnaire-link-unknown' });
  }
}
