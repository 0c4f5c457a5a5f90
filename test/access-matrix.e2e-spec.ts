import { randomUUID } from 'node:crypto';
import { Role } from '../src/users/user.entity';
import { ADMIN_EMAIL, ADMIN_PASSWORD, createTestApp, TestApp } from './support/test-app';
import { csrfOf, PageSession, signIn } from './ui/support';

type Policy = 'public' | readonly Role[];
const ALL: readonly Role[] = ['viewer', 'legal', 'compliance', 'admin'];
const VENDOR_WRITERS: readonly Role[] = ['compliance', 'admin'];
const CONTRACT_WRITERS: readonly Role[] = ['legal', 'compliance', 'admin'];
const CHECKLIST_WRITERS: readonly Role[] = ['legal', 'admin'];
const LEDGER_READERS: readonly Role[] = ['compliance', 'admin'];
const ADMINS: readonly Role[] = ['admin'];

/**
 * The one declared access policy of the API (api.md "Roles"). The test below enumerates the running
 * app's routes: a route missing here fails, and every route × {anonymous, viewer, legal, compliance,
 * admin} must get exactly the outcome declared (401 / 403 / neither).
 */
const POLICY: Record<string, Policy> = {
  'GET /health': 'public',
  'POST /api/v1/auth/login': 'public',
  'GET /calendar/:file': 'public',
  'POST /api/v1/auth/logout': ALL,
  'GET /api/v1/auth/me': ALL,
  'GET /api/v1/auth/tokens': ALL,
  'POST /api/v1/auth/tokens': ALL,
  'DELETE /api/v1/auth/tokens/:id': ALL,
  'GET /api/v1/users': ADMINS,
  'POST /api/v1/users': ADMINS,
  'GET /api/v1/users/:id': ADMINS,
  'PATCH /api/v1/users/:id': ADMINS,
  'GET /api/v1/clause-types': ALL,
  'GET /api/v1/requirements': ALL,
  'GET /api/v1/vendors': ALL,
  'POST /api/v1/vendors': VENDOR_WRITERS,
  'GET /api/v1/vendors/:id': ALL,
  'PATCH /api/v1/vendors/:id': VENDOR_WRITERS,
  'DELETE /api/v1/vendors/:id': VENDOR_WRITERS,
  'GET /api/v1/vendors/:id/contracts': ALL,
  'POST /api/v1/vendors/:id/contracts': CONTRACT_WRITERS,
  'GET /api/v1/contracts/:id': ALL,
  'PATCH /api/v1/contracts/:id': CONTRACT_WRITERS,
  'GET /api/v1/contracts/:id/checklist': ALL,
  'GET /api/v1/contracts/:id/checklist/history': ALL,
  'PUT /api/v1/contracts/:id/checklist/:clauseType': CHECKLIST_WRITERS,
  'POST /api/v1/contracts/:id/checklist/approve': CHECKLIST_WRITERS,
  'GET /api/v1/settings': ALL,
  'PATCH /api/v1/settings': ADMINS,
  'GET /api/v1/vendors/:id/assessments': ALL,
  'POST /api/v1/vendors/:id/assessments': VENDOR_WRITERS,
  'GET /api/v1/audits': ALL,
  'GET /api/v1/vendors/:id/audits': ALL,
  'POST /api/v1/vendors/:id/audits': VENDOR_WRITERS,
  'GET /api/v1/audits/:id': ALL,
  'PATCH /api/v1/audits/:id': VENDOR_WRITERS,
  'GET /api/v1/audits/:id/findings': ALL,
  'POST /api/v1/audits/:id/findings': VENDOR_WRITERS,
  'GET /api/v1/findings': ALL,
  'PATCH /api/v1/findings/:id': VENDOR_WRITERS,
  'GET /api/v1/vendors/:id/subcontractors': ALL,
  'POST /api/v1/vendors/:id/subcontractors': VENDOR_WRITERS,
  'PATCH /api/v1/subcontractors/:id': VENDOR_WRITERS,
  'GET /api/v1/audit-log': LEDGER_READERS,
  'GET /api/v1/vendors/:id/certificates': ALL,
  'POST /api/v1/vendors/:id/certificates': VENDOR_WRITERS,
  'GET /api/v1/vendors/:id/deletion-certificates': ALL,
  'POST /api/v1/vendors/:id/deletion-certificates': VENDOR_WRITERS,
  'GET /api/v1/vendors/:id/compliance': ALL,
  'GET /api/v1/flags': ALL,
  'POST /api/v1/calendar/feed': ALL,
  'DELETE /api/v1/calendar/feed': ALL,
  'POST /api/v1/reminders/run': ADMINS,
  'GET /api/v1/notifications': LEDGER_READERS,
  'GET /api/v1/notifications/:id/message': LEDGER_READERS,
  'POST /api/v1/imports/vendors': VENDOR_WRITERS,
  'GET /api/v1/imports/vendors/template': ALL,
  'GET /api/v1/exports/vendors': ALL,
  'GET /api/v1/exports/contracts': ALL,
  'GET /api/v1/exports/audits': ALL,
  // The admin UI's pages (session cookie + CSRF token; anonymous requests are redirected to /login).
  'GET /login': 'public',
  'POST /login': 'public',
  'POST /logout': ALL,
  'GET /account': ALL,
  'POST /account/locale': ALL,
  'POST /account/password': ALL,
  'POST /account/tokens': ALL,
  'POST /account/tokens/:id/revoke': ALL,
  'GET /auth/oidc/login': 'public',
  'GET /auth/oidc/callback': 'public',
  'GET /auth/oidc/signed-out': 'public',
  'GET /': ALL,
  'GET /flags': ALL,
  'GET /audits': ALL,
  'GET /findings': ALL,
  'GET /notifications': LEDGER_READERS,
  'GET /catalogue': ALL,
  'GET /users': ADMINS,
  'POST /users': ADMINS,
  'POST /users/:id': ADMINS,
  'GET /settings': ALL,
  'POST /settings': ADMINS,
  'GET /vendors': ALL,
  'GET /vendors/export.csv': ALL,
  'GET /vendors/new': VENDOR_WRITERS,
  'POST /vendors': VENDOR_WRITERS,
  'GET /vendors/:id': ALL,
  'GET /vendors/:id/edit': VENDOR_WRITERS,
  'POST /vendors/:id': VENDOR_WRITERS,
  'GET /vendors/:id/contracts/new': CONTRACT_WRITERS,
  'POST /vendors/:id/contracts': CONTRACT_WRITERS,
  'GET /contracts/:id': ALL,
  'GET /contracts/:id/edit': CONTRACT_WRITERS,
  'POST /contracts/:id': CONTRACT_WRITERS,
  'POST /contracts/:id/checklist': CHECKLIST_WRITERS,
  'POST /contracts/:id/checklist/approve': CHECKLIST_WRITERS,
  'GET /vendors/:id/audits/new': VENDOR_WRITERS,
  'POST /vendors/:id/audits': VENDOR_WRITERS,
  'GET /audits/:id/edit': VENDOR_WRITERS,
  'POST /audits/:id': VENDOR_WRITERS,
  'GET /vendors/:id/assessments/new': VENDOR_WRITERS,
  'POST /vendors/:id/assessments': VENDOR_WRITERS,
  'GET /imports': ALL,
  'POST /imports': VENDOR_WRITERS,
  'GET /imports/template': ALL,
  'GET /exports/:kind': ALL,
  'POST /audits/:id/findings': VENDOR_WRITERS,
  'POST /findings/:id': VENDOR_WRITERS,
  'GET /vendors/:id/subcontractors/new': VENDOR_WRITERS,
  'POST /vendors/:id/subcontractors': VENDOR_WRITERS,
  'POST /subcontractors/:id': VENDOR_WRITERS,
  'GET /vendors/:id/certificates/new': VENDOR_WRITERS,
  'POST /vendors/:id/certificates': VENDOR_WRITERS,
  'GET /vendors/:id/deletion-certificates/new': VENDOR_WRITERS,
  'POST /vendors/:id/deletion-certificates': VENDOR_WRITERS,
};

/** Page routes: everything outside the JSON API, /health and the calendar feed. */
const isPage = (route: string) => !/^[A-Z]+ \/(api\/|health$|calendar\/)/.test(route);

/** The OpenAPI document and its UI are served by Swagger, outside the API's guard, on purpose. */
const DOCUMENTATION = /^GET \/api\/docs/;

describe('access-control matrix: every route × every role against the declared policy', () => {
  let t: TestApp;
  let routes: string[];
  beforeAll(async () => {
    t = await createTestApp();
    const instance = t.app.getHttpAdapter().getInstance();
    const stack = (instance.router ?? instance._router).stack as unknown as Array<{ route?: { path: string; methods: Record<string, boolean> } }>;
    routes = stack
      .filter((layer) => layer.route)
      .flatMap((layer) => Object.keys(layer.route!.methods).map((method) => `${method.toUpperCase()} ${layer.route!.path}`))
      .filter((route) => !DOCUMENTATION.test(route));
  });
  afterAll(() => t.close());

  it('declares a policy for every route of the running app, and only for routes that exist', () => {
    expect(routes.filter((route) => !(route in POLICY))).toEqual([]);
    expect(Object.keys(POLICY).filter((route) => !routes.includes(route))).toEqual([]);
  });

  it('gives each role exactly the declared outcome on every route', async () => {
    const mismatches: string[] = [];
    const who: Array<Role | 'anonymous'> = ['anonymous', 'viewer', 'legal', 'compliance', 'admin'];
    for (const route of routes.filter((route) => !isPage(route))) {
      const [method, pattern] = route.split(' ');
      const path = pattern.replace(':clauseType', 'scope-purpose').replace(':file', 'x'.repeat(43) + '.ics').replace(/:id/g, randomUUID());
      const policy = POLICY[route];
      for (const caller of who) {
        // Fresh tokens for logout, which revokes the one it is called with.
        const token = caller === 'anonymous' ? null : route === 'POST /api/v1/auth/logout' ? await freshToken(t, caller) : await t.tokenFor(caller);
        let request = t.http[method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete'](path);
        if (token) request = request.set('Authorization', `Bearer ${token}`);
        const { status } = await (method === 'GET' || method === 'DELETE' ? request : request.send({}));
        const expected = policy === 'public' ? 'allowed' : caller === 'anonymous' ? 401 : policy.includes(caller) ? 'allowed' : 403;
        const outcome = status === 401 || status === 403 ? status : 'allowed';
        if (outcome !== expected) mismatches.push(`${route} as ${caller}: expected ${expected}, got ${status}`);
        if (status >= 500) mismatches.push(`${route} as ${caller}: ${status}`);
      }
    }
    expect(mismatches).toEqual([]);
  }, 120_000);

  /**
   * Pages authenticate with the session cookie only, and every POST carries the session's CSRF
   * token here, so the outcome is the role's: anonymous → redirect to /login (302 for GET, 303 for
   * POST), a role the policy lists → neither 401, 403 nor a redirect to /login, any other role → 403.
   * The sign-in form is public but needs its pre-session CSRF token (403 without it).
   */
  it('gives each role exactly the declared outcome on every page route', async () => {
    const mismatches: string[] = [];
    const sessions = new Map<Role, PageSession>();
    for (const role of ALL) sessions.set(role, await signIn(t, role));
    for (const route of routes.filter(isPage)) {
      const [method, pattern] = route.split(' ');
      const path = pattern.replace(/:id/g, randomUUID());
      const policy = POLICY[route];
      for (const caller of ['anonymous', ...ALL] as Array<Role | 'anonymous'>) {
        const session = caller === 'anonymous' ? null : route === 'POST /logout' ? await signIn(t, caller) : sessions.get(caller)!;
        let status: number;
        let location: string | undefined;
        if (route === 'POST /login') {
          const page = await t.http.get('/login');
          const pre = (page.headers['set-cookie'] as unknown as string[]).map((cookie) => cookie.split(';')[0]);
          ({ status } = await t.http.post('/login').set('Cookie', pre).type('form').send({ _csrf: csrfOf(page.text), email: 'nobody@example.test', password: 'x' }));
          if (status !== 401) mismatches.push(`${route} as ${caller}: wrong credentials should get 401, got ${status}`);
          const { status: without } = await t.http.post('/login').type('form').send({ email: 'nobody@example.test', password: 'x' });
          if (without !== 403) mismatches.push(`${route} as ${caller} without CSRF: expected 403, got ${without}`);
          continue;
        }
        if (method === 'GET') ({ status, headers: { location } } = await (session ? session.get(path) : t.http.get(path)));
        else ({ status, headers: { location } } = await (session ? session.post(path, {}) : t.http.post(path).type('form').send({})));
        // Sign-out's own answer is a redirect to /login?notice=signedOut: not the anonymous redirect.
        const toLogin = (status === 302 || status === 303) && /^\/login(\?next=|$)/.test(location ?? '');
        const outcome = toLogin ? 'login' : status === 401 || status === 403 ? status : 'allowed';
        const expected = policy === 'public' ? 'allowed' : caller === 'anonymous' ? 'login' : policy.includes(caller) ? 'allowed' : 403;
        if (outcome !== expected) mismatches.push(`${route} as ${caller}: expected ${expected}, got ${status} ${location ?? ''}`);
        if (status >= 500) mismatches.push(`${route} as ${caller}: ${status}`);
      }
    }
    expect(mismatches).toEqual([]);
  }, 120_000);

  it('keeps the two kinds of credentials apart: a bearer token opens no page, a session cookie no API route', async () => {
    const admin = await signIn(t, 'admin');
    const page = await t.http.get('/vendors').set('Authorization', `Bearer ${await t.tokenFor('admin')}`);
    expect([page.status, page.headers.location]).toEqual([302, '/login?next=%2Fvendors']);
    await t.http.get('/api/v1/vendors').set('Cookie', admin.cookie).expect(401);
  });

  it('refuses every state-changing page request without the session\'s CSRF token (403)', async () => {
    const admin = await signIn(t, 'admin');
    const posts = routes.filter((route) => isPage(route) && route.startsWith('POST ') && route !== 'POST /login');
    const mismatches: string[] = [];
    for (const route of posts) {
      const path = route.slice(5).replace(/:id/g, randomUUID());
      const { status } = await t.http.post(path).set('Cookie', admin.cookie).type('form').send({});
      if (status !== 403) mismatches.push(`${route}: ${status}`);
    }
    expect(posts.length).toBeGreaterThan(10);
    expect(mismatches).toEqual([]);
  });
});

async function freshToken(t: TestApp, role: Role): Promise<string> {
  const email = role === 'admin' ? ADMIN_EMAIL : `${role}@example.test`;
  await t.tokenFor(role); // makes sure the user exists
  const password = role === 'admin' ? ADMIN_PASSWORD : 'a long enough password 1';
  return (await t.http.post('/api/v1/auth/login').send({ email, password }).expect(200)).body.token;
}
