import { DataSource } from 'typeorm';
import { parseSnapshot, restoreSnapshot, serialiseSnapshot, takeSnapshot } from '../src/backup/backup';
import { seedRegister } from '../src/bench/seed-register';
import { runInTransaction } from '../src/database/transactions';
import { addDays } from '../src/rules/calendar';
import { RECORD_COUNTS } from '../src/supervision/record-counts-backfill';
import { Finding } from '../src/supervision/supervision.entities';
import { activeVendor, newAudit, newFinding, newVendor, today } from './support/factories';
import { bearer, createTestApp, TestApp } from './support/test-app';
import { emptyDatabase } from './support/empty-database';
import { createTestDatabase, TestDatabase } from './support/test-database';
import { PageSession, signIn } from './ui/support';

/**
 * The audit and finding lists' totals and the dashboard's open findings come from audit_counts and
 * finding_counts, kept in the transaction of every write: after each kind of write, every stored count
 * is what a COUNT over the records says, on the database that was written (and on one restored from
 * its backup, and after a start that fills counts that were never made).
 */
describe('audit and finding counts stay the count of the records', () => {
  let source: TestDatabase;
  let t: TestApp;
  let compliance: string;
  let page: PageSession;

  beforeAll(async () => {
    source = await createTestDatabase({ shareable: true });
    t = await createTestApp({ database: source });
    compliance = await t.tokenFor('compliance');
    page = await signIn(t, 'compliance');
  });
  afterAll(async () => {
    await t.close();
    await source.drop();
  });

  /** What the counts tables hold (cells at zero left out), and what the records say, in one shape. */
  const stored = async (dataSource: DataSource) => ({
    audits: cells(await dataSource.query('SELECT status, audits AS n FROM audit_counts WHERE audits <> 0')),
    findings: cells(await dataSource.query('SELECT status, severity, findings AS n FROM finding_counts WHERE findings <> 0')),
  });
  const counted = async (dataSource: DataSource) => ({
    audits: cells(await dataSource.query('SELECT status, COUNT(*) AS n FROM audits GROUP BY status')),
    findings: cells(await dataSource.query('SELECT status, severity, COUNT(*) AS n FROM findings GROUP BY status, severity')),
  });
  const cells = (rows: Array<{ status: string; severity?: string; n: string | number }>): Record<string, number> =>
    Object.fromEntries(rows.map((row) => [[row.status, row.severity].filter(Boolean).join('/'), Number(row.n)]).sort(([a], [b]) => String(a).localeCompare(String(b))));
  const expectExact = async (step: string, dataSource = t.dataSource) => {
    const expected = await counted(dataSource);
    expect([step, await stored(dataSource)]).toEqual([step, expected]);
    return expected;
  };
  const api = (path: string) => t.http.get(path).set(...bearer(compliance)).expect(200);
  const send = (method: 'post' | 'patch' | 'delete', path: string, body?: object) => t.http[method](path).set(...bearer(compliance)).send(body);

  it('after creates, status moves and refused writes, through the API, the pages and the annual plan', async () => {
    expect(await expectExact('start')).toEqual({ audits: {}, findings: {} });
    const vendor = await activeVendor(t);
    const first = await newAudit(t, vendor.id, { scheduledFor: '2024-05-01' });
    const second = await newAudit(t, vendor.id, { scheduledFor: '2024-06-01' });
    const low = await newFinding(t, first.id, { severity: 'low' });
    const high = await newFinding(t, first.id, { severity: 'high' });
    await newFinding(t, second.id, { severity: 'medium' });
    expect(await expectExact('created')).toEqual({ audits: { planned: 2 }, findings: { 'open/high': 1, 'open/low': 1, 'open/medium': 1 } });

    // Moves: an audit through its lifecycle, findings closed and one reopened.
    await send('patch', `/api/v1/audits/${first.id}`, { version: first.version, status: 'in-progress' }).expect(200);
    await send('patch', `/api/v1/audits/${first.id}`, { version: first.version + 1, status: 'completed', completedOn: '2024-05-02', result: 'minor-issues' }).expect(200);
    await send('patch', `/api/v1/findings/${low.id}`, { version: low.version, status: 'resolved', resolutionNote: '対応済み' }).expect(200);
    await send('patch', `/api/v1/findings/${low.id}`, { version: low.version + 1, status: 'open' }).expect(200);
    await send('patch', `/api/v1/findings/${high.id}`, { version: high.version, status: 'risk-accepted', resolutionNote: 'リスク受容' }).expect(200);
    // A change that moves no count (the due date), then refused writes: a stale version, a move the lifecycle forbids.
    await send('patch', `/api/v1/findings/${low.id}`, { version: low.version + 2, dueOn: '2099-06-30' }).expect(200);
    await send('patch', `/api/v1/audits/${first.id}`, { version: first.version, status: 'cancelled' }).expect(409);
    await send('patch', `/api/v1/audits/${first.id}`, { version: first.version + 2, status: 'planned' }).expect((response) => expect(response.status).toBeGreaterThanOrEqual(400));
    expect(await expectExact('moved')).toEqual({ audits: { completed: 1, planned: 1 }, findings: { 'open/low': 1, 'open/medium': 1, 'risk-accepted/high': 1 } });

    // The pages: an audit planned, then cancelled; a finding recorded and resolved.
    await page.post(`/vendors/${vendor.id}/audits`, { kind: 'on-site', scheduledFor: '2024-07-01' }).expect(303);
    const [pageAudit] = (await api(`/api/v1/audits?vendorId=${vendor.id}&from=2024-07-01`)).body.items;
    await page.post(`/audits/${pageAudit.id}`, { version: String(pageAudit.version), status: 'cancelled' }).expect(303);
    await page.post(`/audits/${first.id}/findings`, { title: '委託先の教育記録', severity: 'high', dueOn: '2099-01-31' }).expect(303);
    const pageFinding = (await api(`/api/v1/audits/${first.id}/findings`)).body.items.find((finding: { title: string }) => finding.title === '委託先の教育記録');
    await page.post(`/findings/${pageFinding.id}`, { version: String(pageFinding.version), status: 'resolved', resolutionNote: '対応済み', back: '/findings' }).expect(303);
    await expectExact('pages');

    // The annual plan: two vendors at once; then a plan refused as a whole writes nothing.
    const [b, c] = [await activeVendor(t), await activeVendor(t)];
    const due = addDays(today(t), 30);
    await send('post', '/api/v1/audit-plan', { audits: [{ vendorId: b.id, kind: 'remote', scheduledFor: due }, { vendorId: c.id, kind: 'remote', scheduledFor: due }] }).expect(201);
    const d = await activeVendor(t);
    await send('post', '/api/v1/audit-plan', { audits: [{ vendorId: d.id, kind: 'remote', scheduledFor: due }, { vendorId: b.id, kind: 'remote', scheduledFor: due }] }).expect(409);
    const planned = await expectExact('plan');
    expect(planned.audits).toEqual({ cancelled: 1, completed: 1, planned: 3 });

    // The lists' totals, and the dashboard's open findings, are these counts.
    const total = async (path: string) => (await api(path)).body.total;
    expect([await total('/api/v1/audits'), await total('/api/v1/audits?status=planned'), await total('/api/v1/findings?status=open'), await total('/api/v1/findings?severity=high')]).toEqual([5, 3, 2, 2]);
    expect([await total('/api/v1/findings?status=resolved&severity=high'), await total('/api/v1/findings?status=risk-accepted&severity=low')]).toEqual([1, 0]);
  });

  it('after writes that run at the same time (MySQL/MariaDB: several connections on the same cells)', async () => {
    const vendors = await Promise.all([1, 2, 3, 4].map(() => activeVendor(t)));
    const audits = await Promise.all(vendors.flatMap((vendor) => [newAudit(t, vendor.id), newAudit(t, vendor.id, { scheduledFor: '2024-09-01' })]));
    const findings = await Promise.all(audits.map((audit, n) => newFinding(t, audit.id, { severity: (['low', 'medium', 'high'] as const)[n % 3] })));
    await Promise.all([
      ...audits.map((audit) => send('patch', `/api/v1/audits/${audit.id}`, { version: audit.version, status: 'in-progress' }).expect(200)),
      ...findings.map((finding) => send('patch', `/api/v1/findings/${finding.id}`, { version: finding.version, status: 'resolved', resolutionNote: '対応済み' }).expect(200)),
    ]);
    await expectExact('concurrent');
  });

  it('after a vendor deleted or kept, an import, a write that names no row (refused) and the benchmark\'s seeding', async () => {
    // Only a candidate without records is deleted; one with audits is kept with them (409).
    const candidate = await newVendor(t);
    await send('delete', `/api/v1/vendors/${candidate.id}`).expect(204);
    const [audited] = await t.dataSource.query('SELECT vendorId FROM audits LIMIT 1');
    await t.dataSource.query("UPDATE vendors SET status = 'candidate' WHERE id = ?", [audited.vendorId]);
    await send('delete', `/api/v1/vendors/${audited.vendorId}`).expect(409);
    await expectExact('vendor deleted');

    // The import writes vendors and contracts, never audits: the counts stay.
    await t.http.post('/api/v1/imports/vendors').set(...bearer(compliance)).attach('file', Buffer.from('Vendor name\r\n取込先 一\r\n取込先 二\r\n', 'utf8'), 'register.csv').expect(200);
    expect(Number((await t.dataSource.query("SELECT COUNT(*) AS n FROM vendors WHERE name LIKE '取込先%'"))[0].n)).toBe(2);
    await expectExact('import');

    // A query-builder UPDATE by criteria does not say which row moved: refused, nothing written.
    const [open] = await t.dataSource.query("SELECT id FROM findings WHERE status = 'open' LIMIT 1");
    await expect(runInTransaction(t.dataSource, (manager) => manager.createQueryBuilder().update(Finding).set({ status: 'resolved' }).where('id = :id', { id: open.id }).execute())).rejects.toThrow(/without naming its row/);
    await expectExact('refused');

    // The benchmark writes records unheard, and counts them itself.
    await seedRegister(t.dataSource, 300, { records: true });
    const seeded = await expectExact('seeded');
    expect(seeded.audits.completed).toBeGreaterThan(150);
  });

  it('in a database restored from a backup, and after a start that finds them never counted', async () => {
    const before = await expectExact('before the backup');
    const snapshot = parseSnapshot(serialiseSnapshot(await takeSnapshot(t.dataSource)));
    const { dataSource, database } = await emptyDatabase();
    try {
      await restoreSnapshot(dataSource, snapshot);
      // Restored with the records, from the same snapshot: right before the app starts.
      expect(await expectExact('restored', dataSource)).toEqual(before);
      await dataSource.destroy();
      const restored = await createTestApp({ database });
      try {
        const admin = await restored.tokenFor('admin');
        const { body } = await restored.http.get('/api/v1/findings?status=open').set(...bearer(admin)).expect(200);
        expect(body.total).toBe(Object.entries(before.findings).filter(([cell]) => cell.startsWith('open/')).reduce((sum, [, n]) => sum + n, 0));
      } finally {
        await restored.close();
      }
    } finally {
      if (dataSource.isInitialized) await dataSource.destroy();
      await database.drop();
    }

    // Never counted (the first start after the migration): the start counts them before serving.
    await t.dataSource.query('DELETE FROM audit_counts');
    await t.dataSource.query('DELETE FROM finding_counts');
    await t.dataSource.query('DELETE FROM derived_fingerprints WHERE name = ?', [RECORD_COUNTS]);
    const again = await createTestApp({ database: source });
    try {
      expect(await expectExact('filled at start', again.dataSource)).toEqual(before);
      expect((await again.http.get('/api/v1/audits').set(...bearer(await again.tokenFor('admin'))).expect(200)).body.total).toBe(Object.values(before.audits).reduce((sum, n) => sum + n, 0));
    } finally {
      await again.close();
    }
  });
});
