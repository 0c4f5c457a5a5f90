import { createTestApp, TestApp } from './support/test-app';
import { signIn } from './ui/support';

/** Sessions expire like tokens (TOKEN_TTL_HOURS), and a sign-in always starts a new session id. */
describe('admin UI session lifetime', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ env: { TOKEN_TTL_HOURS: '2' } });
  });
  afterAll(() => t.close());

  it('gives a new session id at every sign-in; an id held before signing in never becomes a session', async () => {
    const first = await signIn(t, 'viewer');
    const second = await signIn(t, 'viewer');
    expect(second.cookie).not.toEqual(first.cookie);
    // A session id an attacker planted (fixation) is not a session: only ids the server issued at sign-in are.
    const planted = await t.http.get('/account').set('Cookie', ['vo_session=planted-by-someone-else']).expect(302);
    expect(planted.headers.location).toMatch(/^\/login/);
  });
  // Last: it moves the clock past every token of this app.
  it('ends a session after TOKEN_TTL_HOURS: the page sends the user back to sign in', async () => {
    const session = await signIn(t, 'legal');
    await session.get('/account').expect(200);
    t.clock.advance(2 * 3_600_000 - 60_000);
    await session.get('/account').expect(200);
    t.clock.advance(120_000);
    const expired = await session.get('/account').expect(302);
    expect(expired.headers.location).toMatch(/^\/login/);
    // A form posted with the expired session changes nothing either.
    const refused = await session.post('/account/locale', { locale: 'ja' }).expect(303);
    expect(refused.headers.location).toMatch(/^\/login/);
    expect((await t.dataSource.query("SELECT locale FROM users WHERE email = 'legal@example.test'"))[0].locale).toBe('en');
  });

});
