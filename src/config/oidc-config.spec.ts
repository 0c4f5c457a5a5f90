import { loadConfig } from './app-config';
import { ConfigError } from './environment';

const SSO = {
  OIDC_ISSUER: 'https://login.example.com/tenant/v2.0',
  OIDC_CLIENT_ID: 'vendor-oversight',
  OIDC_CLIENT_SECRET: 'client-secret-never-printed',
  OIDC_ROLE_MAP: 'grp-admins:admin,grp-legal:legal',
};

function problemsOf(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems.join('\n');
    throw error;
  }
  throw new Error(`accepted ${JSON.stringify(env)}`);
}

describe('single sign-on configuration', () => {
  it('is off by default, with passwords for everyone', () => {
    const config = loadConfig({});
    expect(config.oidc).toBeNull();
    expect(config.localLogin).toBe('enabled');
  });

  it('reads the provider, the scopes, the role claim and the ordered group → role map', () => {
    const config = loadConfig({ ...SSO, APP_URL: 'https://oversight.example.co.jp/', OIDC_SCOPES: 'openid email profile groups', OIDC_DEFAULT_ROLE: 'viewer', LOCAL_LOGIN: 'admins-only' });
    expect(config.oidc).toEqual({
      issuer: 'https://login.example.com/tenant/v2.0',
      clientId: 'vendor-oversight',
      clientSecret: 'client-secret-never-printed',
      scopes: ['openid', 'email', 'profile', 'groups'],
      roleClaim: 'groups',
      roleMap: [{ value: 'grp-admins', role: 'admin' }, { value: 'grp-legal', role: 'legal' }],
      defaultRole: 'viewer',
      redirectUri: 'https://oversight.example.co.jp/auth/oidc/callback',
      postLogoutRedirectUri: 'https://oversight.example.co.jp/auth/oidc/signed-out',
      allowHttp: false,
    });
    expect(config.localLogin).toBe('admins-only');
  });

  it('takes the role after the last colon, so claim values may hold colons (URNs, group paths)', () => {
    const config = loadConfig({ ...SSO, OIDC_ROLE_CLAIM: 'realm_access.roles', OIDC_ROLE_MAP: 'urn:corp:legal:legal, /oversight/admins : admin' });
    expect(config.oidc?.roleClaim).toBe('realm_access.roles');
    expect(config.oidc?.roleMap).toEqual([{ value: 'urn:corp:legal', role: 'legal' }, { value: '/oversight/admins', role: 'admin' }]);
  });

  it('accepts only a default role without a map (roles then managed in the app), and http:// only on this machine', () => {
    const config = loadConfig({ ...SSO, OIDC_ROLE_MAP: '', OIDC_DEFAULT_ROLE: 'viewer', OIDC_ISSUER: 'http://127.0.0.1:4000' });
    expect(config.oidc).toMatchObject({ roleClaim: null, roleMap: [], defaultRole: 'viewer', allowHttp: true });
  });

  it.each([
    [{ LOCAL_LOGIN: 'sometimes' }, /^LOCAL_LOGIN: must be one of enabled, admins-only, disabled/m],
    [{ LOCAL_LOGIN: 'disabled' }, /^LOCAL_LOGIN: disabled needs single sign-on \(OIDC_ISSUER\)/m],
    [{ LOCAL_LOGIN: 'admins-only' }, /^LOCAL_LOGIN: admins-only needs single sign-on/m],
    [{ OIDC_CLIENT_ID: 'x' }, /^OIDC_ISSUER: needed when OIDC_CLIENT_ID is set/m],
    [{ ...SSO, OIDC_ISSUER: 'login.example.com' }, /^OIDC_ISSUER: must be the provider's issuer URL/m],
    [{ ...SSO, OIDC_ISSUER: 'http://idp.example.com' }, /^OIDC_ISSUER: must be an https:\/\/ URL/m],
    [{ ...SSO, OIDC_CLIENT_ID: '' }, /^OIDC_CLIENT_ID: needed with OIDC_ISSUER/m],
    [{ ...SSO, OIDC_CLIENT_SECRET: '' }, /^OIDC_CLIENT_SECRET: needed with OIDC_ISSUER/m],
    [{ ...SSO, OIDC_SCOPES: 'email profile' }, /^OIDC_SCOPES: must include openid/m],
    [{ ...SSO, OIDC_ROLE_MAP: 'grp-admins:superuser' }, /^OIDC_ROLE_MAP: each entry must be <claim value>:<role>.*\(got "grp-admins:superuser"\)/m],
    [{ ...SSO, OIDC_ROLE_MAP: 'grp-admins' }, /^OIDC_ROLE_MAP: each entry must be/m],
    [{ ...SSO, OIDC_ROLE_MAP: '', OIDC_ROLE_CLAIM: 'groups' }, /^OIDC_ROLE_MAP: needed with OIDC_ROLE_CLAIM/m],
    [{ ...SSO, OIDC_ROLE_MAP: '' }, /^OIDC_ROLE_MAP: set it \(with OIDC_ROLE_CLAIM\) or OIDC_DEFAULT_ROLE/m],
    [{ ...SSO, OIDC_DEFAULT_ROLE: 'boss' }, /^OIDC_DEFAULT_ROLE: must be one of viewer, legal, compliance, admin/m],
  ])('refuses %j naming the variable', (env, message) => {
    expect(problemsOf(env)).toMatch(message);
  });

  it('never prints the client secret', () => {
    const problems = problemsOf({ ...SSO, OIDC_ISSUER: 'ftp://x', OIDC_DEFAULT_ROLE: 'boss' });
    expect(problems).not.toContain('client-secret-never-printed');
  });
});
