import { CatalogueService } from '../src/catalogue/catalogue.service';
import { fieldsNamed } from './support/problems';
import { bearer, createTestApp, TestApp } from './support/test-app';

describe('catalogue: clause types and requirements', () => {
  let t: TestApp;
  let viewer: string;
  beforeAll(async () => {
    t = await createTestApp();
    viewer = await t.tokenFor('viewer');
  });
  afterAll(() => t.close());

  it('serves the 16 clause types of domain.md in order', async () => {
    const response = await t.http.get('/api/v1/clause-types').set(...bearer(viewer)).expect(200);
    expect(response.body).toHaveLength(16);
    expect(response.body[0]).toEqual({
      code: 'scope-purpose',
      titleJa: '委託業務の範囲・目的',
      titleEn: 'Scope and purpose',
      requiredWhen: 'always',
      description: 'Scope, purpose and documented instructions for the entrusted work.',
      references: 'APPI Art. 27(5)(1); JIS b); GDPR 28(3) chapeau, (a); ISO 5.20',
    });
    expect(response.body.find((row: { code: string }) => row.code === 'communications-secrecy').requiredWhen).toBe('communications');
  });

  it('serves the 52 requirements with their stable ids', async () => {
    const response = await t.http.get('/api/v1/requirements').set(...bearer(viewer)).expect(200);
    expect(response.body).toHaveLength(52);
    expect(response.body[0]).toEqual({
      id: 'appi.supervision',
      framework: 'APPI',
      titleJa: '委託先の監督',
      titleEn: 'Supervision of trustee',
      requirement: 'When any handling of personal data is entrusted, the company must supervise the trustee so the entrusted data stays secure.',
      reference: 'Art. 25',
      applies: 'always',
      severity: 'required',
      satisfiedBy: ['duty:selection-assessment', 'duty:audit'],
    });
  });

  it('filters by framework and by clause type', async () => {
    const telecom = await t.http.get('/api/v1/requirements?framework=telecom').set(...bearer(viewer)).expect(200);
    expect(telecom.body.map((row: { id: string }) => row.id)).toEqual(['tel.secrecy', 'tel.supervision', 'tel.secrecy-leak', 'tel.log-retention', 'tel.purpose-consent']);
    const incident = await t.http.get('/api/v1/requirements?clauseType=incident-notification').set(...bearer(viewer)).expect(200);
    expect(incident.body.map((row: { id: string }) => row.id)).toEqual([
      'appi.incident-notice', 'appi.sensitive-any-leak', 'tel.secrecy-leak', 'jis.incident', 'gdpr.obligations-assist', 'iso.5.20',
    ]);
    const gdprAudit = await t.http.get('/api/v1/requirements?framework=GDPR&clauseType=audit-rights').set(...bearer(viewer)).expect(200);
    expect(gdprAudit.body.map((row: { id: string }) => row.id)).toEqual(['gdpr.audit']);
  });

  it.each([
    ['framework=HIPAA', 'framework'],
    ['clauseType=nonsense', 'clauseType'],
    ['colour=red', 'colour'],
  ])('refuses ?%s with 400 naming %s', async (query, field) => {
    const response = await t.http.get(`/api/v1/requirements?${query}`).set(...bearer(viewer)).expect(400);
    expect(fieldsNamed(response.body.message)).toEqual([field]);
  });

  it('loads idempotently: a second load (restart, second instance) changes nothing', async () => {
    const before = await t.dataSource.query('SELECT id, framework, satisfiedBy FROM requirements ORDER BY id');
    await t.app.get(CatalogueService).onApplicationBootstrap();
    await Promise.all([t.app.get(CatalogueService).onApplicationBootstrap(), t.app.get(CatalogueService).onApplicationBootstrap()]);
    expect(await t.dataSource.query('SELECT id, framework, satisfiedBy FROM requirements ORDER BY id')).toEqual(before);
    expect(Number((await t.dataSource.query('SELECT COUNT(*) AS n FROM clause_types'))[0].n)).toBe(16);
  });

  it('needs a signed-in user', async () => {
    await t.http.get('/api/v1/requirements').expect(401);
    await t.http.get('/api/v1/clause-types').expect(401);
  });
});
