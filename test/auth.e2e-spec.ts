import { Controller, Get, Module } from '@nestjs/common';
import { ADMIN_EMAIL, ADMIN_PASSWORD, bearer, createTestApp, TestApp, USER_PASSWORD } from './support/test-app';
import { fieldsNamed } from './support/problems';

/** A route somebody forgot to give an access policy: the guard must refuse it to everyone. */
@Controller('api/v1/forgotten')
class ForgottenController {
  @Get()
  secret(): { secret: string } {
    return { secret: 'should never be served' };
  }
}
@Module({ controllers: [ForgottenController] })
class ForgottenModule {}

const FORBIDDEN_KEYS = /passwordHash|tokenHash|password"|revokedAt/;

describe('sign-in, tokens and roles', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ extraModules: [ForgottenModule] });
  });
  afterAll(() => t.close());

  it('creates the first admin from ADMIN_EMAIL / ADMIN_PASSWORD and signs in', async () => {
    const response = await t.http.post('/api/v1/auth/login').send({ email: ADMIN_EMAIL.toUpperCase(), password: ADMIN_PASSWORD }).expect(200);
    expect(response.body).toEqual({
      token: expect.any(String),
      expiresAt: expect.any(String),
      user: { id: expect.any(String), email: ADMIN_EMAIL, name: 'Administrator', role: 'admin', locale: 'ja' },
    });
    const me = await t.http.get('/api/v1/auth/me').set(...bearer(response.body.token)).expect(200);
    expect(me.body.email).toBe(ADMIN_EMAIL);
    expect(JSON.stringify(me.body)).not.toMatch(FORBIDDEN_KEYS);
  });

  it('gives one generic 401 for a wrong password and for an unknown account', async () => {
    const wrong = await t.http.post('/api/v1/auth/login').send({ email: ADMIN_EMAIL, password: 'not the password at all' }).expect(401);
    const unknown = await t.http.post('/api/v1/auth/login').send({ email: 'nobody@example.test', password: 'not the password at all' }).expect(401);
    expect(wrong.body.message).toEqual(unknown.body.message);
    expect(wrong.body).toEqual({ statusCode: 401, error: 'Unauthorized', message: ['email or password is wrong'], code: 'unauthenticated' });
  });

  it('answers 400 naming the field for a login without a password', async () => {
    const response = await t.http.post('/api/v1/auth/login').send({ email: ADMIN_EMAIL }).expect(400);
    expect(fieldsNamed(response.body.message)).toEqual(['password']);
  });

  it('stores tokens hashed, never in clear', async () => {
    const token = await t.tokenFor('admin');
    const rows: Array<{ tokenHash: string }> = await t.dataSource.query('SELECT tokenHash FROM auth_tokens');
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.map((row) => row.tokenHash)).not.toContain(token);
    const users: Array<{ passwordHash: string }> = await t.dataSource.query('SELECT passwordHash FROM users');
    expect(users.length).toBeGreaterThan(0);
    expect(users.filter((row) => !row.passwordHash.startsWith('scrypt$'))).toEqual([]);
  });

  it('refuses requests without a token, with a garbage token, and with a revoked token', async () => {
    await t.http.get('/api/v1/vendors').expect(401);
    await t.http.get('/api/v1/vendors').set(...bearer('garbage')).expect(401);
    await t.http.get('/api/v1/vendors').set('Authorization', 'Basic abc').expect(401);
    const login = await t.http.post('/api/v1/auth/login').send({ email: ADMIN_EMAIL, password: ADMIN_PASSWORD }).expect(200);
    await t.http.get('/api/v1/vendors').set(...bearer(login.body.token)).expect(200);
    await t.http.post('/api/v1/auth/logout').set(...bearer(login.body.token)).expect(204);
    await t.http.get('/api/v1/vendors').set(...bearer(login.body.token)).expect(401);
  });

  it('expires tokens after TOKEN_TTL_HOURS', async () => {
    const login = await t.http.post('/api/v1/auth/login').send({ email: ADMIN_EMAIL, password: ADMIN_PASSWORD }).expect(200);
    await t.http.get('/api/v1/auth/me').set(...bearer(login.body.token)).expect(200);
    t.clock.advance(t.config.tokenTtlHours * 3_600_000 + 1000);
    try {
      await t.http.get('/api/v1/auth/me').set(...bearer(login.body.token)).expect(401);
    } finally {
      t.clock.advance(-(t.config.tokenTtlHours * 3_600_000 + 1000));
    }
  });

  it('refuses a route without an access policy to every role, admin included (deny by default)', async () => {
    await t.http.get('/api/v1/forgotten').expect(401);
    for (const role of ['viewer', 'legal', 'compliance', 'admin'] as const) {
      // In the caller's language: English-speaking users of every role (the first admin speaks Japanese).
      const response = await t.http.get('/api/v1/forgotten').set(...bearer(await t.tokenFor(role, 'en'))).expect(403);
      expect(response.body.message).toEqual(['this route has no access policy']);
    }
  });

  it('lets only admins manage users', async () => {
    for (const role of ['viewer', 'legal', 'compliance'] as const) {
      const token = await t.tokenFor(role);
      await t.http.get('/api/v1/users').set(...bearer(token)).expect(403);
      await t.http.post('/api/v1/users').set(...bearer(token)).send({ email: 'x@example.test', name: 'X', role: 'admin', password: USER_PASSWORD }).expect(403);
    }
    const list = await t.http.get('/api/v1/users').set(...bearer(await t.tokenFor('admin'))).expect(200);
    expect(list.body).toMatchObject({ total: expect.any(Number), page: 1, pageSize: 50 });
    expect(JSON.stringify(list.body)).not.toMatch(FORBIDDEN_KEYS);
  });

  describe('user administration', () => {
    let admin: string;
    beforeAll(async () => {
      admin = await t.tokenFor('admin');
    });

    it.each([
      [{ email: 'bad', name: 'A', role: 'viewer', password: USER_PASSWORD }, 'email'],
      [{ email: 'a@example.test', name: '', role: 'viewer', password: USER_PASSWORD }, 'name'],
      [{ email: 'a@example.test', name: 'A', role: 'owner', password: USER_PASSWORD }, 'role'],
      [{ email: 'a@example.test', name: 'A', role: 'viewer', locale: 'fr', password: USER_PASSWORD }, 'locale'],
      [{ email: 'a@example.test', name: 'A', role: 'viewer', password: 'short-11chr' }, 'password'],
      [{ email: 'a@example.test', name: 'A', role: 'viewer', password: USER_PASSWORD, isAdmin: true }, 'isAdmin'],
    ])('refuses %j with 400 naming %s, storing nothing', async (body, field) => {
      const before = await t.dataSource.query('SELECT COUNT(*) AS n FROM users');
      const response = await t.http.post('/api/v1/users').set(...bearer(admin)).send(body).expect(400);
      expect(fieldsNamed(response.body.message)).toEqual([field]);
      expect(await t.dataSource.query('SELECT COUNT(*) AS n FROM users')).toEqual(before);
    });

    it('creates, updates with version, refuses a stale version and a duplicate e-mail', async () => {
      const created = await t.http
        .post('/api/v1/users')
        .set(...bearer(admin))
        .send({ email: 'Legal.Two@Example.test', name: '法務 太郎', role: 'legal', locale: 'ja', password: USER_PASSWORD })
        .expect(201);
      expect(created.body).toMatchObject({ email: 'legal.two@example.test', role: 'legal', version: 1, active: true });
      await t.http.post('/api/v1/users').set(...bearer(admin)).send({ email: 'legal.two@example.test', name: 'X', role: 'viewer', password: USER_PASSWORD }).expect(409);

      const updated = await t.http.patch(`/api/v1/users/${created.body.id}`).set(...bearer(admin)).send({ version: 1, locale: 'en' }).expect(200);
      expect(updated.body).toMatchObject({ locale: 'en', version: 2 });
      const stale = await t.http.patch(`/api/v1/users/${created.body.id}`).set(...bearer(admin)).send({ version: 1, role: 'admin' }).expect(409);
      expect(stale.body.message[0]).toMatch(/^version: /);
      const current = await t.http.get(`/api/v1/users/${created.body.id}`).set(...bearer(admin)).expect(200);
      expect(current.body).toMatchObject({ role: 'legal', locale: 'en', version: 2 });
      await t.http.patch(`/api/v1/users/${created.body.id}`).set(...bearer(admin)).send({ role: 'admin' }).expect(400);
      await t.http.get('/api/v1/users/00000000-0000-4000-8000-000000000000').set(...bearer(admin)).expect(404);
      await t.http.get('/api/v1/users/not-a-uuid').set(...bearer(admin)).expect(400);
    });

    it('ends every sign-in of a user whose password changes or who is disabled', async () => {
      const created = await t.http
        .post('/api/v1/users')
        .set(...bearer(admin))
        .send({ email: 'leaver@example.test', name: 'Leaver', role: 'viewer', password: USER_PASSWORD })
        .expect(201);
      const login = await t.http.post('/api/v1/auth/login').send({ email: 'leaver@example.test', password: USER_PASSWORD }).expect(200);
      await t.http.get('/api/v1/auth/me').set(...bearer(login.body.token)).expect(200);
      await t.http.patch(`/api/v1/users/${created.body.id}`).set(...bearer(admin)).send({ version: 1, active: false }).expect(200);
      await t.http.get('/api/v1/auth/me').set(...bearer(login.body.token)).expect(401);
      await t.http.post('/api/v1/auth/login').send({ email: 'leaver@example.test', password: USER_PASSWORD }).expect(401);
    });
  });
});

describe('the last admin', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('cannot be demoted or disabled, so somebody can always manage users', async () => {
    const admin = await t.tokenFor('admin');
    // The only admin is the first one, who speaks Japanese: it reads the refusal in English here.
    await t.setLocale('admin', 'en');
    const me = await t.http.get('/api/v1/auth/me').set(...bearer(admin)).expect(200);
    const demote = await t.http.patch(`/api/v1/users/${me.body.id}`).set(...bearer(admin)).send({ version: me.body.version, role: 'viewer' }).expect(409);
    expect(demote.body.message[0]).toMatch(/^role: this is the last active admin/);
    await t.http.patch(`/api/v1/users/${me.body.id}`).set(...bearer(admin)).send({ version: me.body.version, active: false }).expect(409);
    const unchanged = await t.http.get(`/api/v1/users/${me.body.id}`).set(...bearer(admin)).expect(200);
    expect(unchanged.body).toMatchObject({ role: 'admin', active: true, version: me.body.version });
  });
});

describe('sign-in throttling (shared by every instance: counted in the database)', () => {
  let t: TestApp;
  beforeAll(async () => {
    // Behind a proxy on the same host: the client is the one X-Forwarded-For names.
    t = await createTestApp({ env: { TRUST_PROXY: 'loopback' } });
    await t.tokenFor('viewer');
  });
  afterAll(() => t.close());

  const attempt = (email: string, password: string, address: string) =>
    t.http.post('/api/v1/auth/login').set('X-Forwarded-For', address).send({ email, password });

  it('slows an account down after 10 failures within 15 minutes from anywhere (2 s, then longer), without locking it for the window', async () => {
    for (let n = 0; n < 10; n += 1) await attempt('viewer@example.test', 'wrong password!!', `198.51.100.${n}`).expect(401);
    const refused = await attempt('viewer@example.test', USER_PASSWORD, '198.51.100.200').expect(429);
    expect(refused.body).toMatchObject({ statusCode: 429, message: ['too many failed sign-ins; try again later'] });
    expect(refused.headers['retry-after']).toBe('2');
    await attempt(ADMIN_EMAIL, ADMIN_PASSWORD, '198.51.100.201').expect(200);
    t.clock.advance(2_000);
    try {
      await attempt('viewer@example.test', USER_PASSWORD, '198.51.100.200').expect(200);
    } finally {
      t.clock.advance(-2_000);
    }
  });

  it('refuses an address after 10 failures within 15 minutes, whatever the account', async () => {
    for (let n = 0; n < 10; n += 1) await attempt(`nobody-${n}@example.test`, 'wrong password!!', '203.0.113.9').expect(401);
    await attempt(ADMIN_EMAIL, ADMIN_PASSWORD, '203.0.113.9').expect(429);
    await attempt(ADMIN_EMAIL, ADMIN_PASSWORD, '203.0.113.10').expect(200);
  });

  it('stores neither the e-mail address nor the IP address of a failure in clear', async () => {
    const rows: Array<Record<string, unknown>> = await t.dataSource.query('SELECT * FROM sign_in_throttles');
    expect(rows.length).toBeGreaterThan(0);
    expect(JSON.stringify(rows)).not.toMatch(/example\.test|203\.0\.113|198\.51\.100/);
  });
});
