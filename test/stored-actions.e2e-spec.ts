import { seedRegister } from '../src/bench/seed-register';
import { ComplianceScheduler } from '../src/compliance/compliance.scheduler';
import { ComplianceService } from '../src/compliance/compliance.service';
import { today } from './support/factories';
import { bearer, createTestApp, TestApp } from './support/test-app';
import { PageSession, signIn } from './ui/support';

/**
 * The stored actions and counts are derived data: stored by other rules (another fingerprint), or
 * missing (the migration that added them starts them empty), they are rewritten at start, before the
 * app serves, and the lists and the dashboard say what they said.
 */
describe('stored actions at start', () => {
  let t: TestApp;
  let viewer: string;
  let admin: PageSession;

  beforeAll(async () => {
    t = await createTestApp();
    viewer = await t.tokenFor('viewer');
    admin = await signIn(t, 'admin');
    await seedRegister(t.dataSource, 60, { records: true, today: today(t) });
    await t.app.get(ComplianceService).recomputeAll();
  }, 120_000);
  afterAll(() => t.close());

  /** What a user sees: the action list's first page and totals by tier and role, and the dashboard's counts. */
  const seen = async () => {
    const list = async (query: string) => (await t.http.get(`/api/v1/actions${query}`).set(...bearer(viewer)).expect(200)).body as { total: number; items: Array<{ vendorId: string; kind: string }> };
    const all = await list('?pageSize=100');
    const html = (await admin.get('/').expect(200)).text;
    const cells = [...html.matchAll(/<a href="\/(?:actions|vendors)\?(?:kind|riskTier|complianceStatus)=([a-z-]+)">[^<]+<\/a><\/td><td class="num">(\d+)<\/td>/g)].map((match) => `${match[1]}=${match[2]}`);
    const queues = (await t.http.get('/api/v1/work-queues').set(...bearer(viewer)).expect(200)).body.items as Array<{ id: string; count: number }>;
    const audits = queues.find((queue) => queue.id === 'audits-due-unplanned')!.count;
    return { total: all.total, items: all.items.map((item) => `${item.vendorId}/${item.kind}`), high: (await list('?riskTier=high')).total, legal: (await list('?role=legal')).total, cells, audits };
  };

  it('rewrites them before serving when the rules that derive them changed or they are missing', async () => {
    const compliance = t.app.get(ComplianceService);
    const before = await seen();
    expect(before.total).toBeGreaterThan(60);
    expect(before.cells.length).toBeGreaterThan(3);
    expect(before.audits).toBeGreaterThan(10);
    expect(await compliance.storedActionsMissing()).toBe(false);

    // As if stored by other rules: the contract reviews stored as another kind, under another fingerprint.
    await t.dataSource.query("UPDATE vendor_actions SET kind = 'resolve-flag', groupRef = 'old-code', kindRank = 14 WHERE kind = 'review-contract'");
    // And the audit queue counted under other days.
    await t.dataSource.query('UPDATE audit_due_counts SET vendors = vendors + 5');
    await t.dataSource.query("UPDATE derived_fingerprints SET fingerprint = 'other rules'");
    expect((await seen()).items).not.toEqual(before.items);
    expect((await seen()).audits).not.toEqual(before.audits);
    expect(await compliance.storedActionsMissing()).toBe(true);
    await t.app.get(ComplianceScheduler).onApplicationBootstrap();
    expect(await compliance.storedActionsMissing()).toBe(false);
    expect(Number((await t.dataSource.query("SELECT COUNT(*) AS n FROM vendor_actions WHERE kind = 'resolve-flag'"))[0].n)).toBe(0);
    expect(await seen()).toEqual(before);

    // Missing (the migration creates the tables empty): filled before serving.
    for (const table of ['vendor_actions', 'action_counts', 'vendor_counts', 'counted_vendors', 'audit_due_counts']) await t.dataSource.query(`DELETE FROM ${table}`);
    expect(await compliance.storedActionsMissing()).toBe(true);
    await t.app.get(ComplianceScheduler).onApplicationBootstrap();
    expect(await seen()).toEqual(before);
  }, 120_000);
});
