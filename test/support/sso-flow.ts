import type { Response } from 'supertest';
import { TestApp } from './test-app';
import { signInAtProvider, TEST_CLIENT_ID, TEST_CLIENT_SECRET, TestProvider } from './oidc-test-provider';

/** The group → role map the SSO tests configure. */
export const ROLE_MAP = 'grp-admins:admin,grp-compliance:compliance,grp-legal:legal';

/** The app's environment for single sign-on against a test provider (or any issuer URL). */
export function ssoEnv(issuer: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    OIDC_ISSUER: issuer, OIDC_CLIENT_ID: TEST_CLIENT_ID, OIDC_CLIENT_SECRET: TEST_CLIENT_SECRET,
    OIDC_SCOPES: 'openid email profile groups', OIDC_ROLE_CLAIM: 'groups', OIDC_ROLE_MAP: ROLE_MAP, ...extra,
  };
}

export function cookiesOf(setCookie: string | string[] | undefined): string[] {
  return (Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : []).map((cookie) => cookie.split(';')[0]);
}

export interface StartedSso {
  /** The provider's authorization URL the app redirected to. */
  authorizationUrl: string;
  /** The browser's cookies after the start (the sign-in attempt's key). */
  cookie: string[];
}

/** "Sign in with your organisation account" on the app: the redirect to the provider. */
export async function startSso(t: TestApp, next?: string): Promise<StartedSso> {
  const response = await t.http.get(`/auth/oidc/login${next ? `?next=${encodeURIComponent(next)}` : ''}`);
  if (response.status !== 302) throw new Error(`SSO start: ${response.status} ${response.text.slice(0, 300)}`);
  return { authorizationUrl: response.headers.location, cookie: cookiesOf(response.headers['set-cookie']) };
}

/** The provider's redirect back, delivered to the app with the given cookies. */
export function deliverCallback(t: TestApp, callback: URL, cookie: string[]): Promise<Response> {
  return t.http.get(`${callback.pathname}${callback.search}`).set('Cookie', cookie);
}

/** A whole sign-in through the provider's page; returns the app's answer to the callback. */
export async function ssoSignIn(t: TestApp, login: string, password: string, next?: string): Promise<Response> {
  const started = await startSso(t, next);
  const callback = await signInAtProvider(started.authorizationUrl, login, password);
  return deliverCallback(t, callback, started.cookie);
}

/** The session cookie of a successful sign-in answer. */
export function sessionOf(response: Response): string[] {
  const cookie = cookiesOf(response.headers['set-cookie']).filter((value) => value.startsWith('vo_session=') || value.startsWith('vo_lang='));
  if (!cookie.some((value) => value.startsWith('vo_session=') && value.length > 'vo_session='.length)) throw new Error(`no session: ${response.status} ${response.text.slice(0, 300)}`);
  return cookie;
}

export async function addAccount(provider: TestProvider, login: string, claims: Record<string, unknown>): Promise<void> {
  await provider.setAccount({ login, password: `${login}-password`, sub: `sub-${login}`, claims });
}
