import { DomainError } from '../common/domain-errors';
import type { LocalLoginMode } from '../config/oidc-config';
import { Role } from '../common/access-policy';

/**
 * The password hash of a person created by single sign-on: not a scrypt hash, so no password ever
 * matches it (verifyPassword refuses any other scheme).
 */
export const NO_LOCAL_PASSWORD = 'none:single-sign-on';

export function hasLocalPassword(passwordHash: string): boolean {
  return passwordHash.startsWith('scrypt$');
}

/** Password sign-in refused by LOCAL_LOGIN (the organisation signs in through its identity provider). */
export class PasswordSignInRefusedError extends DomainError {
  readonly httpStatus = 403;
  constructor(readonly mode: Exclude<LocalLoginMode, 'enabled'>) {
    super(
      [mode === 'disabled'
        ? 'password sign-in is turned off (LOCAL_LOGIN=disabled): sign in with single sign-on, and use a personal API token for the API'
        : 'password sign-in is for administrators only (LOCAL_LOGIN=admins-only): sign in with single sign-on, and use a personal API token for the API'],
      'password-sign-in-refused',
    );
  }
}

/**
 * LOCAL_LOGIN: `disabled` refuses every password; `admins-only` keeps passwords for administrators
 * (break-glass access when the provider is down) and refuses them to everyone else. Without a role
 * (before the account is known) only `disabled` can refuse.
 */
export function assertPasswordSignInAllowed(mode: LocalLoginMode, role?: Role): void {
  if (mode === 'disabled') throw new PasswordSignInRefusedError('disabled');
  if (mode === 'admins-only' && role !== undefined && role !== 'admin') throw new PasswordSignInRefusedError('admins-only');
}
