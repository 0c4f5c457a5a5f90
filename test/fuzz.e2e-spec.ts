import fc from 'fast-check';
import { activeVendor, newAudit, newContract, newFinding, newIncident, newSubcontractor } from './support/factories';
import { bearer, createTestApp, TestApp } from './support/test-app';

/** Tables whose row counts must not move when a write is refused. */
const TABLES = [
  'users', 'vendors', 'contracts', 'checklist_items', 'checklist_events', 'assessments', 'audits', 'findings', 'subcontractors', 'certificates', 'deletion_certificates', 'settings',
  'incidents', 'incident_obligations', 'incident_reports',
];

/**
 * Property-based: random and malformed payloads to every write endpoint never get a 5xx, and a
 * refused one (4xx) leaves every table as it was — nothing is half-written.
 */
describe('fuzzing the write endpoints', () => {
  let t: TestApp;
  let ids: Record<string, string>;
  beforeAll(async () => {
    t = await createTestApp();
    const vendor = await activeVendor(t);
    const contract = await newContract(t, vendor.id);
    const compliance = await t.tokenFor('compliance');
    const audit = await newAudit(t, vendor.id, { kind: 'remote', scheduledFor: '2027-01-01' });
    const finding = await newFinding(t, audit.id, { title: 'x', severity: 'low', dueOn: '2027-02-01' });
    const sub = await newSubcontractor(t, vendor.id, { name: 's', country: 'JP', services: 's' });
    const user = (await t.http.get('/api/v1/auth/me').set(...bearer(compliance)).expect(200)).body;
    const incident = await newIncident(t, vendor.id, { euUkDataSubjects: true, sensitiveData: true });
    ids = { vendor: vendor.id, contract: contract.id, audit: audit.id, finding: finding.id, sub: sub.id, user: user.id, incident: incident.id };
  });
  afterAll(() => t.close());

  const counts = async () => {
    const result: Record<string, number> = {};
    for (const table of TABLES) result[table] = Number((await t.dataSource.query(`SELECT COUNT(*) AS n FROM ${table}`))[0].n);
    return result;
  };

  /** Values that look like the real thing in the wrong place, and plain garbage. */
  const value = fc.oneof(
    fc.constantFrom(null, true, false, 0, -1, 1.5, 2 ** 31, '', ' ', '2026-02-30', '7000012050003', 'JP', 'XX', '<script>alert(1)</script>', '第12条', 'x'.repeat(5000), [], {}, ['JP'], { version: 1 }),
    fc.string(),
    fc.integer(),
    fc.double(),
    fc.array(fc.string(), { maxLength: 3 }),
  );
  const payload = fc.oneof(
    fc.dictionary(
      fc.oneof(
        fc.constantFrom('name', 'title', 'kind', 'status', 'version', 'country', 'dataLocations', 'dataCategories', 'effectiveFrom', 'expiresOn', 'completedOn',
          'outcome', 'items', 'severity', 'dueOn', 'validUntil', 'receivedOn', 'email', 'role', 'password', 'scheduledFor', 'section', 'note', 'riskTierOverride',
          'parentId', 'approvedOn', 'auditIntervalMonths', 'reminderDays', 'awareAt', 'notifiedAt', 'vendorAwareAt', 'personsAffected', 'obligation', 'submittedAt',
          'submittedBy', 'reason', 'euUkDataSubjects', 'incidentAuditDays'),
        fc.string(),
      ),
      value,
      { maxKeys: 6 },
    ),
    value,
  );

  const endpoints: Array<[string, string, string]> = [
    ['post', '/api/v1/vendors', 'compliance'],
    ['patch', '/api/v1/vendors/{vendor}', 'compliance'],
    ['post', '/api/v1/vendors/{vendor}/contracts', 'legal'],
    ['patch', '/api/v1/contracts/{contract}', 'legal'],
    ['put', '/api/v1/contracts/{contract}/checklist/audit-rights', 'legal'],
    ['post', '/api/v1/contracts/{contract}/checklist/approve', 'legal'],
    ['post', '/api/v1/vendors/{vendor}/assessments', 'compliance'],
    ['post', '/api/v1/vendors/{vendor}/audits', 'compliance'],
    ['patch', '/api/v1/audits/{audit}', 'compliance'],
    ['post', '/api/v1/audits/{audit}/findings', 'compliance'],
    ['patch', '/api/v1/findings/{finding}', 'compliance'],
    ['post', '/api/v1/vendors/{vendor}/subcontractors', 'compliance'],
    ['patch', '/api/v1/subcontractors/{sub}', 'compliance'],
    ['post', '/api/v1/vendors/{vendor}/certificates', 'compliance'],
    ['post', '/api/v1/vendors/{vendor}/deletion-certificates', 'compliance'],
    ['post', '/api/v1/users', 'admin'],
    ['patch', '/api/v1/users/{user}', 'admin'],
    ['patch', '/api/v1/settings', 'admin'],
    ['post', '/api/v1/vendors/{vendor}/incidents', 'compliance'],
    ['patch', '/api/v1/incidents/{incident}', 'compliance'],
    ['patch', '/api/v1/incidents/{incident}/obligations/gdpr-authority', 'compliance'],
    ['post', '/api/v1/incidents/{incident}/reports', 'compliance'],
  ];

  it.each(endpoints)('%s %s: never a 5xx, never a partial write', async (method, pattern, role) => {
    const token = await t.tokenFor(role as 'admin');
    const path = pattern.replace(/\{(\w+)\}/g, (_, key: string) => ids[key]);
    await fc.assert(
      fc.asyncProperty(payload, async (body) => {
        const before = await counts();
        const request = (t.http as any)[method](path).set(...bearer(token)).set('Content-Type', 'application/json');
        const response = await request.send(JSON.stringify(body));
        if (response.status >= 500) throw new Error(`${response.status} for ${JSON.stringify(body).slice(0, 300)}: ${JSON.stringify(response.body)}`);
        if (response.status >= 400) expect(await counts()).toEqual(before);
      }),
      { numRuns: 60, seed: 20261128 },
    );
  });

  it('answers malformed JSON on every write endpoint with 400', async () => {
    for (const [method, pattern, role] of endpoints) {
      const path = pattern.replace(/\{(\w+)\}/g, (_, key: string) => ids[key]);
      const response = await (t.http as any)[method](path).set(...bearer(await t.tokenFor(role as 'admin'))).set('Content-Type', 'application/json').send('{"name": ');
      expect([method, pattern, response.status]).toEqual([method, pattern, 400]);
    }
  });
});
