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

  it('serves the 16 clause types of domain.md in order, then the three of legal-model.md (My Number, cloud)', async () => {
    const response = await t.http.get('/api/v1/clause-types').set(...bearer(viewer)).expect(200);
    expect(response.body).toHaveLength(19);
    expect(response.body[0]).toEqual({
      code: 'scope-purpose',
      titleJa: '委託業務の範囲・目的',
      titleEn: 'Scope and purpose',
      requiredWhen: 'entrustment',
      description: 'Scope, purpose and documented instructions for the entrusted work.',
    });
    expect(response.body.find((row: { code: string }) => row.code === 'communications-secrecy').requiredWhen).toBe('entrustment+communications');
    expect(response.body.slice(16).map((row: { code: string; titleJa: string; requiredWhen: string }) => [row.code, row.titleJa, row.requiredWhen])).toEqual([
      ['no-removal', '事業所内からの持出しの禁止', 'entrustment+my-number'],
      ['staff-training', '従業者に対する監督・教育', 'entrustment+my-number'],
      ['no-handling', '個人データを取り扱わない旨', 'cloud-no-handling'],
    ]);
  });

  it('serves the 59 requirements with their stable ids, basis and structured references', async () => {
    const response = await t.http.get('/api/v1/requirements').set(...bearer(viewer)).expect(200);
    expect(response.body).toHaveLength(59);
    expect(response.body[0]).toEqual({
      id: 'appi.supervision',
      framework: 'APPI',
      titleJa: '委託先の監督',
      titleEn: 'Supervision of the entrusted party',
      requirement: 'When handling of personal data is entrusted, the company must supervise the vendor so that the entrusted data is kept secure; a vendor with no contract in force is not supervised.',
      reference: 'Act on the Protection of Personal Information (APPI) Art. 25',
      references: [{ source: 'APPI', article: '25', verification: 'verified', ja: '個人情報の保護に関する法律第25条', en: 'Act on the Protection of Personal Information (APPI) Art. 25' }],
      applies: 'entrustment',
      basis: 'statute',
      severity: 'critical',
      satisfiedBy: ['duty:contract-in-force'],
    });
    // An unverified number is never printed as if it were one (legal-model.md §9).
    const tel = response.body.find((row: { id: string }) => row.id === 'tel.supervision');
    expect(tel.references.map((reference: { ja: string; verification: string }) => [reference.ja, reference.verification])).toContainEqual([
      expect.stringContaining('(条番号確認中)'), 'unverified',
    ]);
    expect(JSON.stringify(response.body)).not.toMatch(/\[(secondary|unverified)|https?:/);
  });

  it('filters by framework and by clause type', async () => {
    const telecom = await t.http.get('/api/v1/requirements?framework=telecom').set(...bearer(viewer)).expect(200);
    expect(telecom.body.map((row: { id: string }) => row.id)).toEqual(['tel.secrecy', 'tel.supervision', 'tel.secrecy-leak', 'tel.log-retention', 'tel.purpose-consent']);
    const incident = await t.http.get('/api/v1/requirements?clauseType=incident-notification').set(...bearer(viewer)).expect(200);
    expect(incident.body.map((row: { id: string }) => row.id)).toEqual([
      'appi.incident-notice', 'appi.sensitive-any-leak', 'tel.secrecy-leak', 'jis.incident', 'gdpr.obligations-assist', 'iso.5.20', 'mn.contract-items',
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
    expect(Number((await t.dataSource.query('SELECT COUNT(*) AS n FROM clause_types'))[0].n)).toBe(19);
  });

  it('needs a signed-in user', async () => {
    await t.http.get('/api/v1/requirements').expect(401);
    await t.http.get('/api/v1/clause-types').expect(401);
  });
});
