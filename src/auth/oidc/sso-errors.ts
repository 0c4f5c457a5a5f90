import { DomainError } from '../../common/domain-errors';

/** Why a single sign-on did not complete: each is an error code (`sso-<reason>`) with its status and message. */
export const SSO_FAILURES = [
  'not-configured',
  'provider-unavailable',
  'wrong-issuer',
  'bad-state',
  'code-rejected',
  'invalid-token',
  'denied',
  'provider-error',
  'no-role',
  'deactivated',
  'missing-email',
  'email-taken',
  'last-admin',
] as const;
export type SsoFailure = (typeof SSO_FAILURES)[number];

/** A refused single sign-on (code `sso-<reason>`: its status and its message, in the user's language, are the code's). */
export class SsoError extends DomainError {
  constructor(readonly reason: SsoFailure) {
    super(`sso-${reason}`, { code: `sso-${reason}` });
  }
}
