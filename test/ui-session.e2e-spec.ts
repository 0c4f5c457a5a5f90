import { createTestApp, TestApp } from './support/test-app';
import { csrfOf, signIn } from './ui/support';

describe('admin UI: sign-in, session cookie, CSRF, language, sign-out', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('shows the sign-in page in Japanese by default, in English on request, with no inline script', async () => {
    const ja = await t.http.get('/login').expect(200);
    expect(ja.text).toContain('<html lang="ja">');
    expect(ja.text).toContain('ログイン');
    expect(ja.text).not.toMatch(/<script(?![^>]*\bsrc=)/);
    const en = await t.http.get('/login?lang=en').expect(200);
    expect(en.text).toContain('<html lang="en">');
    expect(en.text).toContain('Sign in');
  });

  it('sends an anonymous page request to the sign-in page, and keeps the JSON API a 401', async () => {
    const page = await t.http.get('/vendors?riskTier=high').expect(302);
    expect(page.headers.location).toBe('/login?next=%2Fvendors%3FriskTier%3Dhigh');
    await t.http.get('/api/v1/vendors').expect(401);
  });

  it('signs in with an httpOnly SameSite=Lax session cookie, a new one each time', async () => {
    const page = await t.http.get('/login').expect(200);
    const pre = (page.headers['set-cookie'] as unknown as string[]).map((cookie) => cookie.split(';')[0]);
    const response = await t.http.post('/login').set('Cookie', pre).type('form')
      .send({ _csrf: csrfOf(page.text), email: 'admin@example.test', password: 'correct horse battery staple', next: '/vendors' }).expect(303);
    expect(response.headers.location).toBe('/vendors');
    const cookie = (response.headers['set-cookie'] as unknown as string[]).find((value) => value.startsWith('vo_session='))!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).not.toMatch(/Secure/);
    const again = await signIn(t, 'admin');
    expect(again.cookie.find((value) => value.startsWith('vo_session='))).not.toBe(cookie.split(';')[0]);
  });

  it('refuses a sign-in form without its CSRF token (403) and a wrong password (401, no session)', async () => {
    await t.http.post('/login').type('form').send({ email: 'admin@example.test', password: 'correct horse battery staple' }).expect(403);
    const page = await t.http.get('/login').expect(200);
    const pre = (page.headers['set-cookie'] as unknown as string[]).map((cookie) => cookie.split(';')[0]);
    const wrong = await t.http.post('/login').set('Cookie', pre).type('form').send({ _csrf: csrfOf(page.text), email: 'admin@example.test', password: 'wrong password!' }).expect(401);
    expect(wrong.text).toContain('メールアドレスまたはパスワードが違います');
    expect(wrong.headers['set-cookie']?.toString() ?? '').not.toContain('vo_session=');
  });

  it('refuses a signed-in POST without the CSRF token, and one with another session\'s token', async () => {
    const viewer = await signIn(t, 'viewer');
    const admin = await signIn(t, 'admin');
    await t.http.post('/account/locale').set('Cookie', viewer.cookie).type('form').send({ locale: 'ja' }).expect(403);
    await t.http.post('/account/locale').set('Cookie', viewer.cookie).type('form').send({ locale: 'ja', _csrf: admin.csrf }).expect(403);
  });

  it('saves the user\'s own language and renders pages in it', async () => {
    const legal = await signIn(t, 'legal');
    expect((await legal.get('/account').expect(200)).text).toContain('<html lang="en">');
    await legal.post('/account/locale', { locale: 'ja' }).expect(303);
    expect((await legal.get('/account').expect(200)).text).toContain('<html lang="ja">');
    await legal.post('/account/locale', { locale: 'en' }).expect(303);
  });

  it('changes the own password (current one required) and keeps the user signed in with a new session', async () => {
    const compliance = await signIn(t, 'compliance');
    const wrong = await compliance.post('/account/password', { currentPassword: 'not it at all', newPassword: 'another long password 2' }).expect(400);
    expect(wrong.text).toContain('The current password is wrong.');
    const short = await compliance.post('/account/password', { currentPassword: 'a long enough password 1', newPassword: 'short' }).expect(400);
    expect(short.text).toContain('aria-invalid="true"');
    const changed = await compliance.post('/account/password', { currentPassword: 'a long enough password 1', newPassword: 'another long password 2' }).expect(303);
    const cookie = (changed.headers['set-cookie'] as unknown as string[]).find((value) => value.startsWith('vo_session='))!.split(';')[0];
    await compliance.get('/account').expect(302); // the old session was revoked
    await t.http.get('/account').set('Cookie', cookie).expect(200);
    await t.http.post('/api/v1/auth/login').send({ email: 'compliance@example.test', password: 'another long password 2' }).expect(200);
  });

  it('signs out: the session is revoked and pages redirect again', async () => {
    const viewer = await signIn(t, 'viewer');
    const out = await viewer.post('/logout', {}).expect(303);
    expect(out.headers.location).toBe('/login?notice=signedOut');
    await viewer.get('/account').expect(302);
  });

  it('shows errors as an HTML page in the user\'s language', async () => {
    const viewer = await signIn(t, 'viewer');
    const missing = await viewer.get('/no-such-page').expect(404);
    expect(missing.headers['content-type']).toMatch(/html/);
    expect(missing.text).toContain('<h1>Page not found</h1>');
    const forbidden = await viewer.get('/users').expect(403);
    expect(forbidden.text).toContain('<h1>You may not do this</h1>');
    const admin = await signIn(t, 'admin'); // admin@example.test reads Japanese
    expect((await admin.get(`/vendors/${'0'.repeat(8)}-0000-4000-8000-${'0'.repeat(12)}`).expect(404)).text).toContain('<h1>ページが見つかりません</h1>');
  });

  it('keeps the sign-in target through the language switch', async () => {
    const page = await t.http.get('/login?next=%2Fvendors%3Fq%3Da%26riskTier%3Dhigh').expect(200);
    expect(page.text).toContain('href="/login?lang=en&amp;next=%2Fvendors%3Fq%3Da%26riskTier%3Dhigh"');
    expect(page.text).toContain('name="next" value="/vendors?q&#x3D;a&amp;riskTier&#x3D;high"'); // as Handlebars escapes it
    const evil = await t.http.get('/login?next=%2F%2Fevil.example').expect(200);
    expect(evil.text).toContain('name="next" value=""');
  });

  it('marks the session cookie Secure when APP_URL is https', async () => {
    const secure = await createTestApp({ env: { APP_URL: 'https://oversight.example.jp' } });
    try {
      const page = await secure.http.get('/login').expect(200);
      expect(page.headers['set-cookie']?.toString()).toMatch(/vo_pre=[^;]+;.*Secure/);
      const pre = (page.headers['set-cookie'] as unknown as string[]).map((cookie) => cookie.split(';')[0]);
      const response = await secure.http.post('/login').set('Cookie', pre).type('form')
        .send({ _csrf: csrfOf(page.text), email: 'admin@example.test', password: 'correct horse battery staple' }).expect(303);
      const cookie = (response.headers['set-cookie'] as unknown as string[]).find((value) => value.startsWith('vo_session='))!;
      expect(cookie).toMatch(/; Secure/);
      expect(cookie).toMatch(/HttpOnly/);
    } finally {
      await secure.close();
    }
  });
});
