import { bearer, createTestApp, TestApp } from './support/test-app';
import { startTestProvider, TestProvider } from './support/oidc-test-provider';
import { addAccount, sessionOf, ssoEnv, ssoSignIn } from './support/sso-flow';
import { csrfOf } from './ui/support';

const APP_URL = 'http://localhost:3000';

/** Personal API tokens: for people who sign in through single sign-on, the only way to the JSON API. */
describe('personal API tokens (named, expiring, revocable, shown once)', () => {
  let provider: TestProvider;
  let t: TestApp;
  let session: string[];
  let csrf: string;

  beforeAll(async () => {
    provider = await startTestProvider({ redirectUris: [`${APP_URL}/auth/oidc/callback`] });
    t = await createTestApp({ env: ssoEnv(provider.issuer, { LOCAL_LOGIN: 'admins-only' }) });
    await addAccount(provider, 'sachiko', { email: 'sachiko@corp.example', name: '鈴木 幸子', groups: ['grp-compliance'] });
    session = sessionOf(await ssoSignIn(t, 'sachiko', 'sachiko-password'));
    csrf = csrfOf((await t.http.get('/account').set('Cookie', session).expect(200)).text);
  });
  afterAll(async () => {
    await t?.close();
    await provider?.stop();
  });

  const post = (path: string, form: Record<string, string>) => t.http.post(path).set('Cookie', session).type('form').send({ _csrf: csrf, ...form });
  const rowsOf = (html: string) =>
    [...html.matchAll(/<tr data-testid="api-token" data-token-id="([^"]+)">\s*<td>([^<]*)<\/td>\s*<td>[^<]*<\/td>\s*<td>[^<]*<\/td>\s*<td>([^<]*)<\/td>/g)].map((match) => ({ id: match[1], name: match[2], status: match[3] }));

  it('an SSO user creates a token on the account page, sees it once, and it works on the JSON API', async () => {
    const page = await post('/account/tokens', { name: 'nightly register export', expiresInDays: '30' }).expect(200);
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.text).toContain('このトークンを今すぐコピーしてください。表示されるのはこの一度だけです。');
    const token = /<code data-testid="token-value">([\w-]+)<\/code>/.exec(page.text)![1];
    expect(token).toHaveLength(43);
    const [row] = rowsOf(page.text);
    expect(row).toMatchObject({ name: 'nightly register export', status: '有効' });

    // Shown once: the account page never shows it again.
    const later = await t.http.get('/account').set('Cookie', session).expect(200);
    expect(later.text).not.toContain(token);
    expect(rowsOf(later.text)).toEqual([row]);

    // On the API it acts as its owner, with the owner's role (compliance writes vendors).
    const me = await t.http.get('/api/v1/auth/me').set(...bearer(token)).expect(200);
    expect(me.body).toMatchObject({ email: 'sachiko@corp.example', role: 'compliance' });
    await t.http.post('/api/v1/vendors').set(...bearer(token)).send({ name: '株式会社トークン', services: 'hosting' }).expect(201);
    await t.http.post('/api/v1/users').set(...bearer(token)).send({}).expect(403);

    // Revoked on the account page: it stops at once.
    const revoked = await post(`/account/tokens/${row.id}/revoke`, {}).expect(303);
    expect(revoked.headers.location).toBe('/account?notice=tokenRevoked#api-tokens');
    const after = await t.http.get('/account?notice=tokenRevoked').set('Cookie', session).expect(200);
    expect(after.text).toContain('トークンを失効させました。');
    expect(rowsOf(after.text)).toEqual([{ ...row, status: '失効' }]);
    const refused = await t.http.get('/api/v1/vendors').set(...bearer(token)).expect(401);
    expect(refused.body.message).toEqual(['sign in first: send Authorization: Bearer <token>']);
  });

  it('lists, creates and revokes through the API; never shows a token again, and audits both', async () => {
    const created = await post('/account/tokens', { name: 'ci', expiresInDays: '90' }).expect(200);
    const token = /<code data-testid="token-value">([\w-]+)<\/code>/.exec(created.text)![1];

    const made = await t.http.post('/api/v1/auth/tokens').set(...bearer(token)).send({ name: '  BI dashboard  ', expiresInDays: 7 }).expect(201);
    expect(Object.keys(made.body).sort()).toEqual(['createdAt', 'expiresAt', 'id', 'name', 'revokedAt', 'status', 'token']);
    expect(made.body).toMatchObject({ name: 'BI dashboard', status: 'active', revokedAt: null });
    expect(Date.parse(made.body.expiresAt) - Date.parse(made.body.createdAt)).toBe(7 * 86_400_000);
    await t.http.get('/api/v1/auth/me').set(...bearer(made.body.token)).expect(200);

    const list = (await t.http.get('/api/v1/auth/tokens').set(...bearer(token)).expect(200)).body;
    expect(list).toMatchObject({ total: 3, page: 1, pageSize: 50 });
    expect(list.items.map((item: Record<string, unknown>) => [item.name, item.status, 'token' in item])).toEqual([
      ['BI dashboard', 'active', false], ['ci', 'active', false], ['nightly register export', 'revoked', false],
    ]);

    await t.http.delete(`/api/v1/auth/tokens/${made.body.id}`).set(...bearer(token)).expect(204);
    await t.http.get('/api/v1/auth/me').set(...bearer(made.body.token)).expect(401);
    await t.http.delete(`/api/v1/auth/tokens/${made.body.id}`).set(...bearer(token)).expect(204); // twice: nothing changes

    const admin = await t.tokenFor('admin');
    const trail = (await t.http.get(`/api/v1/audit-log?entityType=api-token&entityId=${made.body.id}`).set(...bearer(admin)).expect(200)).body.items.reverse();
    expect(trail.map((entry: Record<string, any>) => [entry.action, entry.actor?.email, entry.changes.name?.after ?? null, entry.changes.tokenHash?.after ?? null, Boolean(entry.changes.revokedAt?.after)])).toEqual([
      ['create', 'sachiko@corp.example', 'BI dashboard', '***', false],
      ['update', 'sachiko@corp.example', null, null, true],
    ]);
  });

  it('keeps tokens personal: another user cannot see or revoke them (404)', async () => {
    const mine = (await t.http.get('/api/v1/auth/tokens').set(...bearer(await ownToken())).expect(200)).body.items[0];
    const admin = await t.tokenFor('admin');
    await t.http.delete(`/api/v1/auth/tokens/${mine.id}`).set(...bearer(admin)).expect(404);
    expect((await t.http.get('/api/v1/auth/tokens').set(...bearer(admin)).expect(200)).body.items).toEqual([]);
  });

  it('expires a token after its days, and refuses a bad request naming the field', async () => {
    const token = await ownToken();
    const short = (await t.http.post('/api/v1/auth/tokens').set(...bearer(token)).send({ name: 'one day', expiresInDays: 1 }).expect(201)).body;
    t.clock.advance(86_400_000 + 1_000);
    try {
      await t.http.get('/api/v1/auth/me').set(...bearer(short.token)).expect(401);
      const listed = (await t.http.get('/api/v1/auth/tokens').set(...bearer(token)).expect(200)).body.items;
      expect(listed.find((item: { id: string }) => item.id === short.id).status).toBe('expired');
    } finally {
      t.clock.advance(-(86_400_000 + 1_000));
    }
    // The API answers in the caller's language (sachiko speaks Japanese): these read its English.
    const english = await t.tokenFor('admin', 'en');
    const refused = async (body: Record<string, unknown>) => (await t.http.post('/api/v1/auth/tokens').set(...bearer(english)).send(body).expect(400)).body.message;
    expect(await refused({ name: '' })).toEqual(['name: must be longer than or equal to 1 characters']);
    expect(await refused({ name: 'x', expiresInDays: 400 })).toEqual(['expiresInDays: must not be greater than 366']);
    expect(await refused({ name: 'x', scope: 'admin' })).toEqual(['scope: unknown field']);
    const form = await post('/account/tokens', { name: '' }).expect(400);
    expect(form.text).toContain('aria-invalid="true" aria-describedby="tokenName-error"');
  });

  async function ownToken(): Promise<string> {
    const created = await post('/account/tokens', { name: `helper ${Math.random()}`, expiresInDays: '7' }).expect(200);
    return /<code data-testid="token-value">([\w-]+)<\/code>/.exec(created.text)![1];
  }
});
