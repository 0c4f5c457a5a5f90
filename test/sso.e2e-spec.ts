import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { createTestDatabase } from './support/test-database';
import { bearer, createTestApp, TestApp } from './support/test-app';
import { signInAtProvider, startTestProvider, TEST_CLIENT_ID, TEST_CLIENT_SECRET, TestProvider } from './support/oidc-test-provider';
import { addAccount, cookiesOf, deliverCallback, sessionOf, ssoEnv, ssoSignIn, startSso } from './support/sso-flow';

const APP_URL = 'http://localhost:3000';
const CALLBACK = `${APP_URL}/auth/oidc/callback`;
const SIGNED_OUT = `${APP_URL}/auth/oidc/signed-out`;

/** What the refusal page says, in Japanese (the default) — exactly as a person reads it. */
const JA = {
  title: 'シングルサインオンでログインできませんでした',
  badState: 'このログイン手続きは無効です(時間切れ、使用済み、または別のブラウザやタブで開始されたもの)。もう一度ログインしてください。',
  codeRejected: '認証サービス(IdP)がログインの完了を拒否しました(認可コードの期限切れまたは使用済み)。もう一度ログインしてください。',
  invalidToken: '認証サービス(IdP)からの応答が安全性の確認を通らなかったため、受け付けませんでした。もう一度ログインしてください。',
  wrongIssuer: '設定された認証サービス(IdP)以外からの応答だったため、受け付けませんでした。管理者に連絡してください。',
  providerUnavailable: '認証サービス(IdP)に接続できません。しばらくしてからもう一度お試しください。',
  noRole: 'あなたの組織アカウントには、このアプリでの役割が割り当てられていません。管理者に適切なグループへの追加を依頼してください。',
  deactivated: 'このアプリでのあなたのアカウントは無効になっています。管理者に連絡してください。',
  denied: '認証サービス(IdP)がこのログインを許可しませんでした。',
  emailTaken: 'あなたのメールアドレスは、このアプリの別のアカウントで使われています。管理者にアカウントの紐付けまたはメールアドレスの変更を依頼してください。',
};

/** The refusal page: its status, its one message, and no session opened. */
function expectRefusal(response: { status: number; text: string; headers: Record<string, unknown> }, status: number, message: string): void {
  expect({ status: response.status, message: messageOf(response.text) }).toEqual({ status, message });
  expect(response.text).toContain(`<h1>${JA.title}</h1>`);
  expect(cookiesOf(response.headers['set-cookie'] as string[]).filter((cookie) => /^vo_session=./.test(cookie))).toEqual([]);
}

function messageOf(html: string): string | null {
  return /data-testid="sso-error"[^>]*>([^<]*)</.exec(html)?.[1] ?? null;
}

describe('single sign-on (OpenID Connect) against a real provider', () => {
  let provider: TestProvider;
  let t: TestApp;
  let admin: string;
  const output: string[] = [];
  const spies: jest.SpyInstance[] = [];

  beforeAll(async () => {
    for (const stream of [process.stdout, process.stderr]) {
      spies.push(jest.spyOn(stream, 'write').mockImplementation(((chunk: string | Uint8Array) => {
        output.push(chunk.toString());
        return true;
      }) as typeof stream.write));
    }
    provider = await startTestProvider({ redirectUris: [CALLBACK], postLogoutRedirectUris: [SIGNED_OUT] });
    t = await createTestApp({ env: { ...ssoEnv(provider.issuer), LOG_LEVEL: 'log' } });
    admin = await t.tokenFor('admin');
  });
  afterAll(async () => {
    await t?.close();
    await provider?.stop();
    spies.forEach((spy) => spy.mockRestore());
  });

  const userByEmail = async (email: string) => {
    const users = (await t.http.get('/api/v1/users?pageSize=200').set(...bearer(admin)).expect(200)).body.items as Array<Record<string, unknown>>;
    return users.find((user) => user.email === email);
  };
  const trail = async (entityId: string) =>
    ((await t.http.get(`/api/v1/audit-log?entityType=user&entityId=${entityId}`).set(...bearer(admin)).expect(200)).body.items as Array<Record<string, any>>)
      .reverse()
      .map((entry) => ({ action: entry.action, actor: entry.actor?.email ?? null, role: entry.changes.role ?? null, summary: entry.summary }));

  it('shows the provider on the sign-in page', async () => {
    const page = await t.http.get('/login?next=%2Fvendors').expect(200);
    expect(page.text).toContain('<a class="button" href="/auth/oidc/login?next=%2Fvendors" data-testid="sso-sign-in">組織のアカウントでログイン(シングルサインオン)</a>');
    expect(page.text).toContain('またはメールアドレスとパスワードでログイン');
  });

  it('first sign-in creates the user just in time with the mapped role, name, e-mail and language, and opens a session', async () => {
    await addAccount(provider, 'hanako', { email: 'Hanako@Corp.example', email_verified: true, name: '山田 花子', locale: 'ja-JP', groups: ['grp-sales', 'grp-legal'] });
    const started = await startSso(t, '/vendors');
    // Authorization code flow with PKCE (S256), state and nonce, to the provider's authorization endpoint.
    const request = new URL(started.authorizationUrl);
    expect(request.origin).toBe(provider.issuer);
    expect(Object.fromEntries([...request.searchParams].map(([name, value]) => [name, ['state', 'nonce', 'code_challenge'].includes(name) ? value.length >= 43 : value]))).toEqual({
      response_type: 'code', client_id: TEST_CLIENT_ID, redirect_uri: CALLBACK, scope: 'openid email profile groups',
      state: true, nonce: true, code_challenge: true, code_challenge_method: 'S256',
    });
    expect(started.cookie).toEqual([expect.stringMatching(/^vo_sso=[\w-]{43}$/)]);

    const answer = await deliverCallback(t, await signInAtProvider(started.authorizationUrl, 'hanako', 'hanako-password'), started.cookie);
    expect([answer.status, answer.headers.location]).toEqual([303, '/vendors']);
    const session = sessionOf(answer);
    const page = await t.http.get('/vendors').set('Cookie', session).expect(200);
    expect(page.text).toContain('<html lang="ja">');
    expect(page.text).toContain('山田 花子');

    const user = await userByEmail('hanako@corp.example');
    expect(user).toMatchObject({ email: 'hanako@corp.example', name: '山田 花子', role: 'legal', locale: 'ja', active: true });
    expect(await trail(user!.id as string)).toEqual([
      { action: 'create', actor: null, role: { before: null, after: 'legal' }, summary: { source: 'oidc' } },
      { action: 'sign-in', actor: 'hanako@corp.example', role: null, summary: { method: 'oidc' } },
    ]);
    // The account page says how this person signs in, and offers no password change (they have none).
    const account = await t.http.get('/account').set('Cookie', session).expect(200);
    expect(account.text).toContain('組織のアカウント(シングルサインオン)でログインしています。役割は組織側のグループに従います。');
    expect(account.text).not.toContain('action="/account/password"');
    // Nobody can sign in with a password as this person.
    await t.http.post('/api/v1/auth/login').send({ email: 'hanako@corp.example', password: '' }).expect(400);
    await t.http.post('/api/v1/auth/login').send({ email: 'hanako@corp.example', password: 'none:single-sign-on' }).expect(401);
  });

  it('makes the role follow the groups at the next sign-in, and audits the change', async () => {
    await addAccount(provider, 'jiro', { email: 'jiro@corp.example', name: 'Jiro Sato', locale: 'en-US', groups: ['grp-compliance'] });
    sessionOf(await ssoSignIn(t, 'jiro', 'jiro-password'));
    expect(await userByEmail('jiro@corp.example')).toMatchObject({ role: 'compliance', locale: 'en', name: 'Jiro Sato' });

    await addAccount(provider, 'jiro', { email: 'jiro@corp.example', name: 'Jiro Sato', locale: 'en-US', groups: ['grp-admins', 'grp-compliance'] });
    const session = sessionOf(await ssoSignIn(t, 'jiro', 'jiro-password'));
    const user = await userByEmail('jiro@corp.example');
    expect(user).toMatchObject({ role: 'admin', version: 2 });
    expect((await t.http.get('/users').set('Cookie', session)).status).toBe(200);
    expect(await trail(user!.id as string)).toEqual([
      { action: 'create', actor: null, role: { before: null, after: 'compliance' }, summary: { source: 'oidc' } },
      { action: 'sign-in', actor: 'jiro@corp.example', role: null, summary: { method: 'oidc' } },
      { action: 'update', actor: null, role: { before: 'compliance', after: 'admin' }, summary: { source: 'oidc' } },
      { action: 'sign-in', actor: 'jiro@corp.example', role: null, summary: { method: 'oidc' } },
    ]);
    // The same groups again: nothing changes, nothing is audited but the sign-in.
    sessionOf(await ssoSignIn(t, 'jiro', 'jiro-password'));
    expect(await userByEmail('jiro@corp.example')).toMatchObject({ role: 'admin', version: 2 });
  });

  it('refuses a person whose groups map to no role (no OIDC_DEFAULT_ROLE), and creates nobody', async () => {
    await addAccount(provider, 'guest', { email: 'guest@corp.example', name: 'Guest', groups: ['grp-sales'] });
    expectRefusal(await ssoSignIn(t, 'guest', 'guest-password'), 403, JA.noRole);
    expect(await userByEmail('guest@corp.example')).toBeUndefined();
    const refusals = (await t.http.get('/api/v1/audit-log?action=sign-in-failed').set(...bearer(admin)).expect(200)).body.items;
    expect(refusals[0]).toMatchObject({ entityId: null, actor: null, summary: { method: 'oidc', reason: 'no-role', email: 'guest@corp.example' } });
  });

  it('refuses a user deactivated in the app, whatever the provider says', async () => {
    await addAccount(provider, 'taro', { email: 'taro@corp.example', name: 'Taro', groups: ['grp-legal'] });
    const session = sessionOf(await ssoSignIn(t, 'taro', 'taro-password'));
    const user = await userByEmail('taro@corp.example');
    await t.http.patch(`/api/v1/users/${user!.id}`).set(...bearer(admin)).send({ version: user!.version, active: false }).expect(200);
    await t.http.get('/vendors').set('Cookie', session).expect(302);
    expectRefusal(await ssoSignIn(t, 'taro', 'taro-password'), 403, JA.deactivated);
  });

  it('does not take over a password account by e-mail unless the provider verified the address', async () => {
    await t.tokenFor('viewer'); // viewer@example.test, a password account
    await addAccount(provider, 'mallory', { email: 'viewer@example.test', email_verified: false, name: 'Mallory', groups: ['grp-admins'] });
    expectRefusal(await ssoSignIn(t, 'mallory', 'mallory-password'), 409, JA.emailTaken);
    expect(await userByEmail('viewer@example.test')).toMatchObject({ role: 'viewer', name: 'Test viewer' });

    // Verified by the provider: the account is linked to the person, and follows their groups from now on.
    await addAccount(provider, 'viewer', { email: 'viewer@example.test', email_verified: true, name: 'Test viewer', groups: ['grp-legal'] });
    sessionOf(await ssoSignIn(t, 'viewer', 'viewer-password'));
    expect(await userByEmail('viewer@example.test')).toMatchObject({ role: 'legal' });
  });

  it('refuses a tampered state, and a callback in a browser that did not start the sign-in', async () => {
    await addAccount(provider, 'kei', { email: 'kei@corp.example', name: 'Kei', groups: ['grp-legal'] });
    const started = await startSso(t);
    const callback = await signInAtProvider(started.authorizationUrl, 'kei', 'kei-password');
    const tampered = new URL(callback);
    tampered.searchParams.set('state', `${callback.searchParams.get('state')!.slice(0, -2)}xx`);
    expectRefusal(await deliverCallback(t, tampered, started.cookie), 400, JA.badState);
    // The attempt was used up by the tampered callback: the genuine one cannot finish it either.
    expectRefusal(await deliverCallback(t, callback, started.cookie), 400, JA.badState);

    // Login CSRF: someone else's callback (code and state) in a browser that never started a sign-in.
    const other = await startSso(t);
    const otherCallback = await signInAtProvider(other.authorizationUrl, 'kei', 'kei-password');
    expectRefusal(await deliverCallback(t, otherCallback, []), 400, JA.badState);
    expectRefusal(await deliverCallback(t, otherCallback, ['vo_sso=not-the-browser-that-started-it']), 400, JA.badState);
    // Each refusal is in the trail, with the reason and nobody named.
    const refusals = (await t.http.get('/api/v1/audit-log?action=sign-in-failed&pageSize=4').set(...bearer(admin)).expect(200)).body.items;
    expect(refusals.map((entry: Record<string, unknown>) => [entry.entityId, entry.actor, entry.summary])).toEqual(
      Array(4).fill([null, null, { method: 'oidc', reason: 'bad-state' }]),
    );
  });

  it('refuses an ID token whose nonce is not the one the app sent', async () => {
    await addAccount(provider, 'nonce', { email: 'nonce@corp.example', name: 'Nonce', groups: ['grp-legal'] });
    const started = await startSso(t);
    const request = new URL(started.authorizationUrl);
    request.searchParams.set('nonce', 'a-nonce-the-app-never-made-0123456789abcdefghij');
    const callback = await signInAtProvider(request.href, 'nonce', 'nonce-password');
    expectRefusal(await deliverCallback(t, callback, started.cookie), 400, JA.invalidToken);
    expect(await userByEmail('nonce@corp.example')).toBeUndefined();
  });

  it('refuses an expired code (the provider says invalid_grant)', async () => {
    await addAccount(provider, 'slow', { email: 'slow@corp.example', name: 'Slow', groups: ['grp-legal'] });
    await provider.setCodeTtl(1);
    try {
      const started = await startSso(t);
      const callback = await signInAtProvider(started.authorizationUrl, 'slow', 'slow-password');
      await new Promise((resolve) => setTimeout(resolve, 2_200));
      expectRefusal(await deliverCallback(t, callback, started.cookie), 400, JA.codeRejected);
    } finally {
      await provider.setCodeTtl(60);
    }
  });

  it('refuses a replayed code: once used, neither the same browser nor another can use it again', async () => {
    await addAccount(provider, 'replay', { email: 'replay@corp.example', name: 'Replay', groups: ['grp-legal'] });
    const started = await startSso(t);
    const callback = await signInAtProvider(started.authorizationUrl, 'replay', 'replay-password');
    sessionOf(await deliverCallback(t, callback, started.cookie));
    expectRefusal(await deliverCallback(t, callback, started.cookie), 400, JA.badState);
    expectRefusal(await deliverCallback(t, callback, []), 400, JA.badState);
    const user = await userByEmail('replay@corp.example');
    expect((await trail(user!.id as string)).filter((entry) => entry.action === 'sign-in')).toHaveLength(1);
  });

  it('shows a cancelled sign-in at the provider (access_denied) as a page, in English for an English browser', async () => {
    await addAccount(provider, 'cancel', { email: 'cancel@corp.example', name: 'Cancel', groups: ['grp-legal'] });
    const started = await startSso(t);
    const callback = await signInAtProvider(started.authorizationUrl, 'cancel', 'x', { cancel: true });
    expect(callback.searchParams.get('error')).toBe('access_denied');
    expectRefusal(await deliverCallback(t, callback, started.cookie), 403, JA.denied);

    const english = await startSso(t);
    const again = await signInAtProvider(english.authorizationUrl, 'cancel', 'x', { cancel: true });
    const page = await deliverCallback(t, again, [...english.cookie, 'vo_lang=en']);
    expect([page.status, messageOf(page.text)]).toEqual([403, 'The identity provider did not allow this sign-in.']);
    expect(page.text).toContain('<html lang="en">');
    expect(page.text).toContain('<h1>Single sign-on did not complete</h1>');
  });

  it('lets another instance finish a sign-in this one started (state, nonce and verifier live in the database)', async () => {
    const database = await createTestDatabase({ shareable: true });
    const first = await createTestApp({ database, env: ssoEnv(provider.issuer) });
    const second = await createTestApp({ database, env: ssoEnv(provider.issuer) });
    try {
      await addAccount(provider, 'multi', { email: 'multi@corp.example', name: 'Multi', groups: ['grp-compliance'] });
      const started = await startSso(first, '/flags');
      const answer = await deliverCallback(second, await signInAtProvider(started.authorizationUrl, 'multi', 'multi-password'), started.cookie);
      expect([answer.status, answer.headers.location]).toEqual([303, '/flags']);
      await first.http.get('/flags').set('Cookie', sessionOf(answer)).expect(200);
    } finally {
      await first.close();
      await second.close();
      await database.drop();
    }
  });

  it('signs out of the app and then at the provider (its end_session_endpoint)', async () => {
    await addAccount(provider, 'leaving', { email: 'leaving@corp.example', name: 'Leaving', groups: ['grp-legal'] });
    const session = sessionOf(await ssoSignIn(t, 'leaving', 'leaving-password'));
    const account = await t.http.get('/account').set('Cookie', session).expect(200);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(account.text)![1];
    const out = await t.http.post('/logout').set('Cookie', session).type('form').send({ _csrf: csrf }).expect(200);
    const endSession = new URL(/<meta http-equiv="refresh" content="0; url=([^"]+)">/.exec(out.text)![1].replace(/&amp;/g, '&').replace(/&#x3D;/g, '='));
    expect(`${endSession.origin}${endSession.pathname}`).toBe(`${provider.issuer}/session/end`);
    expect(Object.fromEntries(endSession.searchParams)).toEqual({ client_id: TEST_CLIENT_ID, post_logout_redirect_uri: SIGNED_OUT });
    expect(out.text).toContain('このアプリからログアウトしました。続けて組織の認証サービス(IdP)からログアウトします。');
    await t.http.get('/account').set('Cookie', session).expect(302);
    // A password user is sent to the sign-in page as before.
    await t.tokenFor('legal');
  });

  it('logs why a sign-in was refused, and never the client secret, a code, a token or a session', () => {
    const log = output.join('');
    expect(log).toMatch(/"message":"single sign-on refused".*"reason":"code-rejected"/);
    expect(log).toMatch(/"reason":"invalid-token"/);
    expect(log).not.toContain(TEST_CLIENT_SECRET);
    expect(log).not.toMatch(/[?&]code=/);
    expect(log).not.toMatch(/vo_session=|vo_sso=|eyJ[\w-]{20,}/);
  });
});

describe('single sign-on: provider down, wrong issuer, a token from another issuer', () => {
  let provider: TestProvider;
  let other: TestProvider;
  let impostor: Server;
  let impostorIssuer: string;

  beforeAll(async () => {
    [provider, other] = await Promise.all([
      startTestProvider({ redirectUris: [CALLBACK] }),
      startTestProvider({ redirectUris: [CALLBACK] }),
    ]);
    // At its root: metadata that names itself as the issuer but whose endpoints and keys are another
    // provider's, so every answer the app receives comes from that other issuer. Under /misnamed:
    // the other provider's metadata as it is (naming the other issuer, not the URL configured).
    impostor = createServer(async (request, response) => {
      const metadata = (await (await fetch(`${other.issuer}/.well-known/openid-configuration`)).json()) as Record<string, unknown>;
      if (request.url === '/.well-known/openid-configuration') return response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ ...metadata, issuer: impostorIssuer }));
      if (request.url === '/misnamed/.well-known/openid-configuration') return response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(metadata));
      response.writeHead(404).end();
    });
    await new Promise<void>((resolve) => impostor.listen(0, '127.0.0.1', resolve));
    impostorIssuer = `http://127.0.0.1:${(impostor.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await Promise.all([provider?.stop(), other?.stop()]);
    await new Promise((resolve) => impostor?.close(resolve));
  });

  it('shows "provider unavailable" (503) when the provider does not answer', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const t = await createTestApp({ env: ssoEnv(`http://127.0.0.1:${port}`) });
    try {
      expectRefusal(await t.http.get('/auth/oidc/login'), 503, JA.providerUnavailable);
      // Password sign-in keeps working while the provider is down.
      await t.tokenFor('admin');
    } finally {
      await t.close();
    }
  });

  it('shows "wrong issuer" when the metadata at OIDC_ISSUER names another issuer, and an error page when there is none', async () => {
    const t = await createTestApp({ env: ssoEnv(`${impostorIssuer}/misnamed`) });
    const nowhere = await createTestApp({ env: ssoEnv(`${provider.issuer}/realms/none`) });
    try {
      expectRefusal(await t.http.get('/auth/oidc/login'), 502, JA.wrongIssuer);
      expectRefusal(await nowhere.http.get('/auth/oidc/login'), 502, '認証サービス(IdP)がエラーを返しました。もう一度お試しください。続く場合は管理者に連絡してください。');
    } finally {
      await nowhere.close();
      await t.close();
    }
  });

  it('refuses a code and a token from another issuer (RFC 9207 iss parameter, then the ID token iss)', async () => {
    const t = await createTestApp({ env: ssoEnv(impostorIssuer) });
    try {
      await addAccount(other, 'eve', { email: 'eve@corp.example', name: 'Eve', groups: ['grp-admins'] });
      const started = await startSso(t);
      expect(new URL(started.authorizationUrl).origin).toBe(other.issuer);
      const callback = await signInAtProvider(started.authorizationUrl, 'eve', 'eve-password');
      expect(callback.searchParams.get('iss')).toBe(other.issuer);
      expectRefusal(await deliverCallback(t, callback, started.cookie), 502, JA.wrongIssuer);

      // Without the iss parameter the code is exchanged, and the ID token's own iss gives it away.
      const again = await startSso(t);
      const stripped = await signInAtProvider(again.authorizationUrl, 'eve', 'eve-password');
      stripped.searchParams.delete('iss');
      expectRefusal(await deliverCallback(t, stripped, again.cookie), 502, JA.wrongIssuer);
      const users = (await t.http.get('/api/v1/users').set(...bearer(await t.tokenFor('admin'))).expect(200)).body.items;
      expect(users.map((user: { email: string }) => user.email)).not.toContain('eve@corp.example');
    } finally {
      await t.close();
    }
  });
});
