import { EntitySubscriberInterface } from 'typeorm';
import { seedRegister } from '../src/bench/seed-register';
import { ASOF_ALL_VENDORS_LIMIT, ComplianceService } from '../src/compliance/compliance.service';
import * as flagRules from '../src/rules/flags';
import { fieldsNamed } from './support/problems';
import { activeVendor, newCertificate, newContract, newVendor, review } from './support/factories';
import { bearer, createTestApp, TestApp } from './support/test-app';
import { PageSession, signIn } from './ui/support';

/**
 * Today's flags are read from storage: a page of GET /api/v1/flags (and the /flags page) costs the
 * same number of queries whatever the register's size, and evaluates no vendor. Measured on a
 * register of 100 vendors and again after it grew twentyfold; a count that grows with the register
 * (an evaluation of every vendor per request, a query per vendor) fails here, not in a benchmark.
 */
const SMALL = 100;
const LARGE = 2_000;

describe('today\'s flags cost the same at any register size', () => {
  let t: TestApp;
  let viewer: string;
  let page: PageSession;
  let vendorId: string;
  let queries = 0;
  const counter: EntitySubscriberInterface = { beforeQuery: () => void (queries += 1) };

  beforeAll(async () => {
    t = await createTestApp();
    viewer = await t.tokenFor('viewer');
    page = await signIn(t, 'viewer');
    t.dataSource.subscribers.push(counter);
  }, 120_000);
  afterAll(async () => {
    jest.restoreAllMocks();
    await t.close();
  });

  /** Queries sent and vendors evaluated while answering each request, and what it answered. */
  const measure = async () => {
    const evaluations = jest.spyOn(flagRules, 'evaluateVendor');
    const paths = ['/api/v1/flags', '/api/v1/flags?page=2&pageSize=20', '/api/v1/flags?code=missing-clause', '/api/v1/flags?severity=warning', `/api/v1/flags?vendorId=${vendorId}`, '/flags', '/flags?code=missing-clause'];
    const measured: Record<string, { queries: number; evaluated: number }> = {};
    const answers: Record<string, { total?: number; items: number }> = {};
    for (const path of paths) {
      queries = 0;
      evaluations.mockClear();
      const response = path.startsWith('/api/') ? await t.http.get(path).set(...bearer(viewer)).expect(200) : await page.get(path).expect(200);
      measured[path] = { queries, evaluated: evaluations.mock.calls.length };
      answers[path] = path.startsWith('/api/') ? { total: response.body.total, items: response.body.items.length } : { items: (response.text.match(/data-flag="/g) ?? []).length };
    }
    evaluations.mockRestore();
    return { measured, answers };
  };

  it(`sends the same queries and evaluates no vendor with ${SMALL} and with ${LARGE} vendors`, async () => {
    const seeded = await seedRegister(t.dataSource, SMALL, { records: true });
    vendorId = seeded.vendorIds[7];
    await t.app.get(ComplianceService).recomputeAll();
    const small = await measure();

    await seedRegister(t.dataSource, LARGE - SMALL, { records: true });
    await t.app.get(ComplianceService).recomputeAll();
    const large = await measure();

    // The register did grow: the lists' totals say so (the flags are stored, and counted).
    const all = '/api/v1/flags';
    expect(large.answers[all].total).toBeGreaterThan(10 * small.answers[all].total!);
    expect(large.answers[all].items).toBe(50);
    expect(large.answers['/flags'].items).toBeGreaterThan(0);
    expect(large.measured).toEqual(small.measured);
    for (const [path, { evaluated }] of Object.entries(large.measured)) expect([path, evaluated]).toEqual([path, 0]);

    // Another day's flags of every vendor are evaluated on request: up to ASOF_ALL_VENDORS_LIMIT vendors, then refused
    // with a 400 naming asOf; one vendor's flags on another day always answer.
    expect(LARGE).toBe(ASOF_ALL_VENDORS_LIMIT);
    const anotherDay = '/api/v1/flags?asOf=2025-01-01';
    expect((await t.http.get(anotherDay).set(...bearer(viewer)).expect(200)).body.total).toBeGreaterThan(0);
    await seedRegister(t.dataSource, 1);
    const refused = await t.http.get(anotherDay).set(...bearer(viewer)).expect(400);
    expect(fieldsNamed(refused.body.message)).toEqual(['asOf']);
    const oneVendor = await t.http.get(`${anotherDay}&vendorId=${vendorId}`).set(...bearer(viewer)).expect(200);
    expect(oneVendor.body.items.map((flag: { vendorId: string }) => flag.vendorId)).toEqual(oneVendor.body.items.map(() => vendorId));
    expect(oneVendor.body.total).toBeGreaterThan(0);
  }, 300_000);

  it('keeps the counts equal to the stored flags through writes, a rename and the daily job, and the list\'s totals with them', async () => {
    const counted = async () => {
      const rows: Array<{ code: string; severity: string; flags: number | string; vendors: number | string }> = await t.dataSource.query('SELECT code, severity, flags, vendors FROM flag_counts WHERE flags <> 0 OR vendors <> 0 ORDER BY code, severity');
      return rows.map((row) => ({ code: row.code, severity: row.severity, flags: Number(row.flags), vendors: Number(row.vendors) }));
    };
    const stored = async () => {
      const rows: Array<{ code: string; severity: string; flags: number | string; vendors: number | string }> = await t.dataSource.query(
        'SELECT code, severity, COUNT(*) AS flags, COUNT(DISTINCT vendorId) AS vendors FROM vendor_flags GROUP BY code, severity ORDER BY code, severity',
      );
      return rows.map((row) => ({ code: row.code, severity: row.severity, flags: Number(row.flags), vendors: Number(row.vendors) }));
    };
    const compliance = await t.tokenFor('compliance');
    const legal = await t.tokenFor('legal');
    const vendor = await activeVendor(t, { name: '件数確認の委託先' });
    const contract = await newContract(t, vendor.id);
    await review(t, contract.id, { 'scope-purpose': 'present', 'audit-rights': 'partial' });
    const candidate = await newVendor(t, { name: '証明書切れの候補' });
    await newCertificate(t, candidate.id, { kind: 'soc2', validUntil: '2020-01-31' });
    expect((await stored()).some((row) => row.code === 'certificate-expired')).toBe(true);
    await t.http.patch(`/api/v1/vendors/${vendor.id}`).set(...bearer(compliance)).send({ name: '件数確認の委託先(改称)', version: (await t.http.get(`/api/v1/vendors/${vendor.id}`).set(...bearer(legal)).expect(200)).body.version }).expect(200);
    expect(await counted()).toEqual(await stored());

    await t.app.get(ComplianceService).recomputeAll();
    expect(await counted()).toEqual(await stored());
    const list = (await t.http.get('/api/v1/vendors?flag=partial-clause&pageSize=1').set(...bearer(viewer)).expect(200)).body;
    const withFlag = Number((await t.dataSource.query("SELECT COUNT(DISTINCT vendorId) AS n FROM vendor_flags WHERE code = 'partial-clause'"))[0].n);
    expect([list.total, list.items.length]).toEqual([withFlag, 1]);
    const renamed = (await t.http.get(`/api/v1/flags?vendorId=${vendor.id}`).set(...bearer(viewer)).expect(200)).body;
    expect(renamed.items.map((flag: { vendorName: string }) => flag.vendorName)).toEqual(renamed.items.map(() => '件数確認の委託先(改称)'));
  }, 120_000);
});
