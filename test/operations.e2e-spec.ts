import { createTestApp, TestApp } from './support/test-app';

describe('operations: health, OpenAPI, headers, errors', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('reports health with the database up, without sign-in', async () => {
    const response = await t.http.get('/health').expect(200);
    expect(response.body).toMatchObject({ status: 'ok', info: { database: { status: 'up' } } });
  });

  it('serves the OpenAPI document and its UI', async () => {
    const json = await t.http.get('/api/docs-json').expect(200);
    expect(json.body.openapi).toMatch(/^3\./);
    expect(Object.keys(json.body.paths)).toEqual(
      expect.arrayContaining(['/api/v1/auth/login', '/api/v1/vendors', '/api/v1/vendors/{id}', '/api/v1/requirements', '/api/v1/clause-types', '/api/v1/users', '/health']),
    );
    // The incident register (漏えい等), with its request bodies described.
    expect(Object.keys(json.body.paths).filter((path) => path.includes('incidents')).sort()).toEqual([
      '/api/v1/incidents', '/api/v1/incidents/{id}', '/api/v1/incidents/{id}/files', '/api/v1/incidents/{id}/obligations', '/api/v1/incidents/{id}/obligations/{code}',
      '/api/v1/incidents/{id}/reports', '/api/v1/vendors/{id}/incidents',
    ]);
    const schemaOf = (path: string, method: string) => json.body.paths[path][method].requestBody?.content['application/json'].schema.$ref.split('/').pop();
    const properties = (name: string) => Object.keys(json.body.components.schemas[name].properties ?? {});
    expect(properties(schemaOf('/api/v1/vendors/{id}/incidents', 'post'))).toEqual(expect.arrayContaining(['title', 'kind', 'awareAt', 'notifiedAt', 'euUkDataSubjects', 'personsAffected']));
    expect(properties(schemaOf('/api/v1/incidents/{id}/reports', 'post'))).toEqual(expect.arrayContaining(['obligation', 'submittedAt', 'submittedBy', 'referenceNumber', 'items']));
    expect(properties(schemaOf('/api/v1/incidents/{id}/obligations/{code}', 'patch'))).toEqual(expect.arrayContaining(['version', 'status', 'reason']));
    const ui = await t.http.get('/api/docs').redirects(1).expect(200);
    expect(ui.text).toContain('swagger-ui');
  });

  it('sends security headers (helmet) and no X-Powered-By', async () => {
    const response = await t.http.get('/health').expect(200);
    const csp: string = response.headers['content-security-policy'];
    expect(csp).toContain("default-src 'self'");
    // No inline script anywhere: script-src is 'self' only, and inline event handlers are off.
    expect(csp).toMatch(/script-src 'self'(;|$)/);
    expect(csp).toContain("script-src-attr 'none'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['x-powered-by']).toBeUndefined();
  });

  it('answers an unknown route with a JSON 404 in the API error shape', async () => {
    const response = await t.http.get('/api/v1/nothing-here').expect(404);
    expect(response.body).toMatchObject({ statusCode: 404, error: 'Not Found', message: [expect.any(String)] });
  });

  it('answers a too-large body with 413, not 500', async () => {
    const token = await t.tokenFor('compliance');
    const response = await t.http
      .post('/api/v1/vendors')
      .set('Authorization', `Bearer ${token}`)
      .send({ name: 'A', services: 'x'.repeat(2 * 1024 * 1024) })
      .expect(413);
    expect(response.body.message).toEqual(['body: too large']);
  });

  it('answers 503 on /health when the database is gone, and the process stays up', async () => {
    const other = await createTestApp();
    try {
      await other.dataSource.destroy();
      const response = await other.http.get('/health').expect(503);
      expect(response.body).toMatchObject({ status: 'error', error: { database: { status: 'down' } } });
    } finally {
      await other.app.close().catch(() => undefined);
      await other.database.drop();
    }
  });
});
