import { ADMIN_EMAIL, ADMIN_PASSWORD, bearer, createTestApp, TestApp, USER_PASSWORD } from './support/test-app';
import { cookiesOf, ssoEnv } from './support/sso-flow';
import { csrfOf } from './ui/support';

/** Nothing contacts the provider in these tests: password sign-in is decided without it. */
const ISSUER = 'https://idp.example.test/tenant/v2.0';

async function signInForm(t: TestApp, email: string, password: string) {
  const page = await t.http.get('/login').expect(200);
  const pre = cookiesOf(page.headers['set-cookie']);
  return t.http.post('/login').set('Cookie', pre).type('form').send({ _csrf: csrfOf(page.text), email, password });
}

function errorOf(html: string): string | null {
  return /<p class="error" role="alert" id="login-error">([^<]*)<\/p>/.exec(html)?.[1] ?? null;
}

describe('LOCAL_LOGIN=disabled: no password sign-in at all', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ env: ssoEnv(ISSUER, { LOCAL_LOGIN: 'disabled' }) });
  });
  afterAll(() => t.close());

  it('refuses passwords on the API with a 403 that says why, even the right one', async () => {
    const response = await t.http.post('/api/v1/auth/login').send({ email: ADMIN_EMAIL, password: ADMIN_PASSWORD }).expect(403);
    expect(response.body).toEqual({
      statusCode: 403, error: 'Forbidden', code: 'password-sign-in-refused',
      message: ['password sign-in is turned off (LOCAL_LOGIN=disabled): sign in with single sign-on, and use a personal API token for the API'],
    });
    expect(response.body.token).toBeUndefined();
  });

  it('offers only the provider on the sign-in page, and refuses a password form sent anyway', async () => {
    const page = await t.http.get('/login').expect(200);
    expect(page.text).toContain('data-testid="sso-sign-in">組織のアカウントでログイン(シングルサインオン)</a>');
    expect(page.text).not.toContain('action="/login"');
    expect(page.text).not.toContain('type="password"');

    const pre = cookiesOf(page.headers['set-cookie']);
    // The pre-session CSRF token is still required (the page has no form, so take it from another page's cookie).
    const withoutCsrf = await t.http.post('/login').set('Cookie', pre).type('form').send({ email: ADMIN_EMAIL, password: ADMIN_PASSWORD });
    expect(withoutCsrf.status).toBe(403);
    const refused = await signInWithCookieToken(t, ADMIN_EMAIL, ADMIN_PASSWORD);
    expect(refused.status).toBe(403);
    expect(errorOf(refused.text)).toBe('メールアドレスとパスワードによるログインは無効になっています。組織のアカウントでログインしてください。');
    expect(cookiesOf(refused.headers['set-cookie']).filter((cookie) => /^vo_session=./.test(cookie))).toEqual([]);
  });
});

describe('LOCAL_LOGIN=admins-only: passwords for administrators (break-glass) only', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ env: ssoEnv(ISSUER, { LOCAL_LOGIN: 'admins-only' }) });
  });
  afterAll(() => t.close());

  it('lets an administrator sign in with a password on the API and the sign-in page', async () => {
    await t.http.post('/api/v1/auth/login').send({ email: ADMIN_EMAIL, password: ADMIN_PASSWORD }).expect(200);
    const page = await t.http.get('/login').expect(200);
    expect(page.text).toContain('data-testid="sso-sign-in"');
    expect(page.text).toContain('メールアドレスとパスワードによるログインは管理者のみ利用できます。');
    const signedIn = await signInForm(t, ADMIN_EMAIL, ADMIN_PASSWORD);
    expect([signedIn.status, signedIn.headers.location]).toEqual([303, '/']);
  });

  it('refuses the right password of anyone else (403, no session), and a wrong one as always (401)', async () => {
    const admin = (await t.http.post('/api/v1/auth/login').send({ email: ADMIN_EMAIL, password: ADMIN_PASSWORD }).expect(200)).body.token;
    await t.http.post('/api/v1/users').set(...bearer(admin)).send({ email: 'legal@example.test', name: 'Legal', role: 'legal', locale: 'ja', password: USER_PASSWORD }).expect(201);

    const api = await t.http.post('/api/v1/auth/login').send({ email: 'legal@example.test', password: USER_PASSWORD }).expect(403);
    expect(api.body.message).toEqual(['password sign-in is for administrators only (LOCAL_LOGIN=admins-only): sign in with single sign-on, and use a personal API token for the API']);
    await t.http.post('/api/v1/auth/login').send({ email: 'legal@example.test', password: 'a wrong password!' }).expect(401);

    const ui = await signInForm(t, 'legal@example.test', USER_PASSWORD);
    expect(ui.status).toBe(403);
    expect(errorOf(ui.text)).toBe('メールアドレスとパスワードによるログインは管理者のみ利用できます。組織のアカウントでログインしてください。');
    expect(cookiesOf(ui.headers['set-cookie']).filter((cookie) => /^vo_session=./.test(cookie))).toEqual([]);
  });
});

/** A sign-in form post with a valid pre-session CSRF token, for a page that shows no form. */
async function signInWithCookieToken(t: TestApp, email: string, password: string) {
  // The account page's redirect sets no cookie; the sign-in page sets vo_pre whether or not it shows the form.
  const page = await t.http.get('/login?lang=ja').expect(200);
  const pre = cookiesOf(page.headers['set-cookie']).filter((cookie) => cookie.startsWith('vo_pre='));
  const csrf = /name="_csrf" value="([^"]+)"/.exec(page.text)?.[1];
  if (csrf) throw new Error('the sign-in page should show no password form');
  // Derive the token the way the browser's form would carry it: the app embeds it in every sign-in form.
  const token = await formToken(t, pre);
  return t.http.post('/login').set('Cookie', pre).type('form').send({ _csrf: token, email, password });
}

async function formToken(t: TestApp, pre: string[]): Promise<string> {
  const { SessionCookies } = await import('../src/auth/session-cookies');
  const sessions = t.app.get(SessionCookies);
  const nonce = pre[0].slice('vo_pre='.length);
  return sessions.preSessionCsrfToken({ cookies: { vo_pre: nonce } } as never, { cookie: () => undefined } as never);
}
