import { ROLES, Role } from '../rules/roles';

/** Who may sign in with an e-mail and password: everyone, administrators only (break-glass), nobody. */
export const LOCAL_LOGIN_MODES = ['enabled', 'admins-only', 'disabled'] as const;
export type LocalLoginMode = (typeof LOCAL_LOGIN_MODES)[number];

/** One entry of OIDC_ROLE_MAP: a value of the role claim (a group) and the app role it grants. */
export interface RoleMapping {
  value: string;
  role: Role;
}

/** Single sign-on with an OpenID Connect provider (authorization code flow with PKCE). */
export interface OidcSettings {
  /** The issuer identifier exactly as the provider's discovery document states it. */
  issuer: string;
  clientId: string;
  /** Never log it (the config error message prints *** for it). */
  clientSecret: string;
  scopes: string[];
  /**
   * The claim that carries the user's groups or roles (a dotted path reaches into objects, e.g.
   * `realm_access.roles`). Unset: roles are managed in the app and the provider grants none.
   */
  roleClaim: string | null;
  /** In order: the first entry whose value the user has decides the role. */
  roleMap: RoleMapping[];
  /** The role of a person whose claim maps to no role; null refuses them. */
  defaultRole: Role | null;
  /** Where the provider sends the browser back: APP_URL + /auth/oidc/callback. */
  redirectUri: string;
  /** Where the provider's sign-out sends the browser back: APP_URL + /auth/oidc/signed-out. */
  postLogoutRedirectUri: string;
  /** http:// is accepted only for a provider on this machine (development, tests). */
  allowHttp: boolean;
}

export interface OidcVariables {
  OIDC_ISSUER?: string;
  OIDC_CLIENT_ID?: string;
  OIDC_CLIENT_SECRET?: string;
  OIDC_SCOPES?: string;
  OIDC_ROLE_CLAIM?: string;
  OIDC_ROLE_MAP?: string;
  OIDC_DEFAULT_ROLE?: string;
  LOCAL_LOGIN?: string;
}

export const OIDC_CALLBACK_PATH = '/auth/oidc/callback';
export const OIDC_SIGNED_OUT_PATH = '/auth/oidc/signed-out';
const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * Reads the single sign-on variables; every problem is returned as "VARIABLE: reason" (the caller
 * throws them together with the others). Nothing secret is ever put into a problem.
 */
export function parseOidcSettings(raw: OidcVariables, appUrl: string): { oidc: OidcSettings | null; localLogin: LocalLoginMode; problems: string[] } {
  const problems: string[] = [];
  const localLogin = (raw.LOCAL_LOGIN ?? 'enabled') as LocalLoginMode;
  if (!LOCAL_LOGIN_MODES.includes(localLogin)) problems.push(`LOCAL_LOGIN: must be one of ${LOCAL_LOGIN_MODES.join(', ')} (got "${raw.LOCAL_LOGIN}")`);
  const others = (['OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET', 'OIDC_SCOPES', 'OIDC_ROLE_CLAIM', 'OIDC_ROLE_MAP', 'OIDC_DEFAULT_ROLE'] as const).filter((name) => raw[name] !== undefined);
  if (!raw.OIDC_ISSUER) {
    if (others.length > 0) problems.push(`OIDC_ISSUER: needed when ${others.join(', ')} ${others.length === 1 ? 'is' : 'are'} set`);
    if (localLogin !== 'enabled' && LOCAL_LOGIN_MODES.includes(localLogin)) problems.push(`LOCAL_LOGIN: ${localLogin} needs single sign-on (OIDC_ISSUER), or nobody could sign in`);
    return { oidc: null, localLogin, problems };
  }

  let issuer: URL | null = null;
  try {
    issuer = new URL(raw.OIDC_ISSUER);
  } catch {
    problems.push(`OIDC_ISSUER: must be the provider's issuer URL, e.g. https://login.microsoftonline.com/<tenant>/v2.0 (got "${raw.OIDC_ISSUER}")`);
  }
  const allowHttp = issuer?.protocol === 'http:' && LOOPBACK.has(issuer.hostname);
  if (issuer && issuer.protocol !== 'https:' && !allowHttp) problems.push(`OIDC_ISSUER: must be an https:// URL (http:// only for a provider on localhost) (got "${raw.OIDC_ISSUER}")`);
  if (raw.OIDC_ISSUER.length > 255) problems.push('OIDC_ISSUER: at most 255 characters (it is stored with each user it signs in)');
  if (issuer && (issuer.search || issuer.hash)) problems.push(`OIDC_ISSUER: must not have a query or fragment (got "${raw.OIDC_ISSUER}")`);
  if (!raw.OIDC_CLIENT_ID) problems.push('OIDC_CLIENT_ID: needed with OIDC_ISSUER (the client or application id registered at the provider)');
  if (!raw.OIDC_CLIENT_SECRET) problems.push('OIDC_CLIENT_SECRET: needed with OIDC_ISSUER (the client secret registered at the provider)');

  const scopes = (raw.OIDC_SCOPES ?? 'openid email profile').split(/[\s,]+/).filter(Boolean);
  if (!scopes.includes('openid')) problems.push(`OIDC_SCOPES: must include openid (got "${raw.OIDC_SCOPES}")`);

  const roleMap: RoleMapping[] = [];
  for (const entry of (raw.OIDC_ROLE_MAP ?? '').split(',').map((part) => part.trim()).filter(Boolean)) {
    // The value may itself hold a colon (a URN, a group path): the role is after the last one.
    const colon = entry.lastIndexOf(':');
    const value = colon > 0 ? entry.slice(0, colon).trim() : '';
    const role = colon > 0 ? entry.slice(colon + 1).trim() : '';
    if (!value || !(ROLES as readonly string[]).includes(role)) {
      problems.push(`OIDC_ROLE_MAP: each entry must be <claim value>:<role> with a role of ${ROLES.join(', ')}, separated by commas (got "${entry}")`);
      continue;
    }
    roleMap.push({ value, role: role as Role });
  }
  const roleClaim = raw.OIDC_ROLE_CLAIM?.trim() || (roleMap.length > 0 ? 'groups' : null);
  if (roleClaim && roleMap.length === 0) problems.push('OIDC_ROLE_MAP: needed with OIDC_ROLE_CLAIM, e.g. grp-admins:admin,grp-legal:legal');

  let defaultRole: Role | null = null;
  if (raw.OIDC_DEFAULT_ROLE !== undefined) {
    if ((ROLES as readonly string[]).includes(raw.OIDC_DEFAULT_ROLE)) defaultRole = raw.OIDC_DEFAULT_ROLE as Role;
    else problems.push(`OIDC_DEFAULT_ROLE: must be one of ${ROLES.join(', ')} (got "${raw.OIDC_DEFAULT_ROLE}")`);
  }
  if (!roleClaim && !defaultRole && raw.OIDC_DEFAULT_ROLE === undefined) {
    problems.push('OIDC_ROLE_MAP: set it (with OIDC_ROLE_CLAIM) or OIDC_DEFAULT_ROLE, or nobody could be given a role');
  }

  const oidc: OidcSettings = {
    issuer: raw.OIDC_ISSUER,
    clientId: raw.OIDC_CLIENT_ID ?? '',
    clientSecret: raw.OIDC_CLIENT_SECRET ?? '',
    scopes,
    roleClaim,
    roleMap,
    defaultRole,
    redirectUri: `${appUrl}${OIDC_CALLBACK_PATH}`,
    postLogoutRedirectUri: `${appUrl}${OIDC_SIGNED_OUT_PATH}`,
    allowHttp,
  };
  return { oidc, localLogin, problems };
}
