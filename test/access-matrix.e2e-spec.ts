import { randomUUID } from 'node:crypto';
import { Role } from '../src/users/user.entity';
import { ADMIN_EMAIL, ADMIN_PASSWORD, createTestApp, TestApp } from './support/test-app';

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
};

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
    for (const route of routes) {
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
});

async function freshToken(t: TestApp, role: Role): Promise<string> {
  const email = role === 'admin' ? ADMIN_EMAIL : `${role}@example.test`;
  await t.tokenFor(role); // makes sure the user exists
  const password = role === 'admin' ? ADMIN_PASSWORD : 'a long enough password 1';
  return (await t.http.post('/api/v1/auth/login').send({ email, password }).expect(200)).body.token;
}
