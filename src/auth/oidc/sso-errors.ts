import { DomainError } from '../../common/domain-errors';
import { MessageKey } from '../../i18n/messages';

/** Why a single sign-on did not complete. Each has its page status and its message (one table). */
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

export const SSO_FAILURE_PAGES: Readonly<Record<SsoFailure, { status: number; messageKey: MessageKey; problem: string }>> = {
  'not-configured': { status: 404, messageKey: 'ui.sso.error.notConfigured', problem: 'single sign-on is not configured (OIDC_ISSUER)' },
  'provider-unavailable': { status: 503, messageKey: 'ui.sso.error.providerUnavailable', problem: 'the identity provider cannot be reached' },
  'wrong-issuer': { status: 502, messageKey: 'ui.sso.error.wrongIssuer', problem: 'the answer came from another issuer than OIDC_ISSUER' },
  'bad-state': { status: 400, messageKey: 'ui.sso.error.badState', problem: 'state: this sign-in is unknown, expired, already used or from another browser' },
  'code-rejected': { status: 400, messageKey: 'ui.sso.error.codeRejected', problem: 'code: the provider refused the code (expired or already used)' },
  'invalid-token': { status: 400, messageKey: 'ui.sso.error.invalidToken', problem: 'the ID token failed validation (nonce, audience, signature or time)' },
  denied: { status: 403, messageKey: 'ui.sso.error.denied', problem: 'the provider did not authorise the sign-in' },
  'provider-error': { status: 502, messageKey: 'ui.sso.error.providerError', problem: 'the identity provider answered with an error' },
  'no-role': { status: 403, messageKey: 'ui.sso.error.noRole', problem: 'no role: the role claim maps to no role and OIDC_DEFAULT_ROLE is not set' },
  deactivated: { status: 403, messageKey: 'ui.sso.error.deactivated', problem: 'the user is deactivated in this app' },
  'missing-email': { status: 400, messageKey: 'ui.sso.error.missingEmail', problem: 'email: the provider sent no e-mail address for a new user' },
  'email-taken': { status: 409, messageKey: 'ui.sso.error.emailTaken', problem: 'email: another account of this app has this address and is not linked to this person' },
  'last-admin': { status: 409, messageKey: 'ui.sso.error.lastAdmin', problem: 'role: the provider no longer grants admin to the last active admin' },
};

/** A refused single sign-on; the page controller shows its message in the user's language. */
export class SsoError extends DomainError {
  readonly httpStatus: number;
  constructor(readonly reason: SsoFailure) {
    super([SSO_FAILURE_PAGES[reason].problem], `sso-${reason}`);
    this.httpStatus = SSO_FAILURE_PAGES[reason].status;
  }
}
