import type { RoleMapping } from '../../config/oidc-config';
import { Role } from '../../common/access-policy';
import { Locale } from '../../i18n/locale';

/** Claims as the provider sent them (ID token, completed by the UserInfo response). */
export type Claims = Record<string, unknown>;

/** What the app takes from a person's claims. */
export interface SsoProfile {
  email: string | null;
  /** The provider vouches for the address (OpenID Connect Core §5.1 `email_verified`). */
  emailVerified: boolean;
  name: string;
  locale: Locale;
}

/** The role a person's claims grant: a role, none (refused), or "managed in the app" (no role claim). */
export type RoleDecision = { kind: 'role'; role: Role } | { kind: 'none' } | { kind: 'app-managed' };

const EMAIL = /^[^\s@]+@[^\s@]+$/;

/**
 * The values of a claim, found by a dotted path (`realm_access.roles` for Keycloak's realm roles):
 * a string is one value, an array of strings many; anything else none.
 */
export function claimValues(claims: Claims, path: string): string[] {
  let value: unknown = claims;
  // A claim name may itself contain dots (Entra's URIs): try the whole name first.
  if (path in claims) value = claims[path];
  else for (const part of path.split('.')) value = value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[part] : undefined;
  if (typeof value === 'string') return [value];
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

/**
 * The role for this sign-in. With a role claim, the first OIDC_ROLE_MAP entry whose value the
 * person has wins (the administrator orders the map), else OIDC_DEFAULT_ROLE, else none. Without
 * a role claim, roles are managed in the app (new people get OIDC_DEFAULT_ROLE).
 */
export function roleFromClaims(claims: Claims, settings: { roleClaim: string | null; roleMap: RoleMapping[]; defaultRole: Role | null }): RoleDecision {
  if (!settings.roleClaim) return { kind: 'app-managed' };
  const values = new Set(claimValues(claims, settings.roleClaim));
  const mapped = settings.roleMap.find((entry) => values.has(entry.value));
  if (mapped) return { kind: 'role', role: mapped.role };
  return settings.defaultRole ? { kind: 'role', role: settings.defaultRole } : { kind: 'none' };
}

/**
 * Name, e-mail and language from the standard claims (OpenID Connect Core §5.1). Entra ID may send
 * the address only as `preferred_username` or `upn`; a value that is not an address is not used.
 */
export function profileFromClaims(claims: Claims): SsoProfile {
  const text = (name: string) => (typeof claims[name] === 'string' ? (claims[name] as string).trim() : '');
  // users.email holds 254 characters (RFC 5321's path limit): a longer value is no address.
  const email = [text('email'), text('preferred_username'), text('upn')].find((value) => EMAIL.test(value) && value.length <= 254)?.toLowerCase() ?? null;
  const locale: Locale = /^en\b/i.test(text('locale')) ? 'en' : 'ja';
  const family = text('family_name');
  const given = text('given_name');
  // 姓 名 in Japanese, given name first in English.
  const parts = locale === 'ja' ? [family, given] : [given, family];
  const name = (text('name') || parts.filter(Boolean).join(' ') || email || text('sub')).slice(0, 200);
  return { email, emailVerified: claims.email_verified === true || claims.email_verified === 'true', name, locale };
}
