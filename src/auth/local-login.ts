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
  constructor(readonly mode: Exclude<LocalLoginMode, 'enabled'>) {
    super('password-sign-in-refused', { code: mode === 'disabled' ? 'password-sign-in-disabled' : 'password-sign-in-admins-only' });
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
