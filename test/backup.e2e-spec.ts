import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { MIGRATIONS } from '../migrations';
import { loadConfig } from '../src/config/app-config';
import { APP_SCHEMA } from '../src/app.schema';
import { buildDataSourceOptions } from '../src/database/data-source-options';
import { runPendingMigrations } from '../src/database/run-migrations';
import { installSqliteGate } from '../src/database/sqlite-gate';
import { BackupError, parseSnapshot, restoreSnapshot, serialiseSnapshot, Snapshot, takeSnapshot } from '../src/backup/backup';
import { ADMIN_EMAIL, ADMIN_PASSWORD, bearer, createTestApp, TestApp } from './support/test-app';
import {
  activeVendor, CORPORATE_NUMBERS, newAudit, newCertificate, newContract, newDeletionCertificate, newFinding, newSubcontractor, newVendor, review,
} from './support/factories';
import { createTestDatabase, TestDatabase } from './support/test-database';
import { emptyDatabase as migratedEmptyDatabase } from './support/empty-database';

/** Backup and restore: `npm run export` / `npm run import` (the CLI is exercised in startup.e2e-spec.ts). */
describe('backup: a consistent snapshot of all data, restored into an empty database', () => {
  let t: TestApp;
  let source: TestDatabase;
  const opened: Array<{ dataSource: DataSource; database: TestDatabase }> = [];

  beforeAll(async () => {
    source = await createTestDatabase({ shareable: true });
    t = await createTestApp({ database: source });
    await register(t);
  });
  afterAll(async () => {
    await t.close();
    for (const { dataSource, database } of opened) {
      if (dataSource.isInitialized) await dataSource.destroy();
      await database.drop();
    }
    await source.drop();
  });

  /** A migrated database with nothing in it, as `npm run import` prepares it. */
  async function emptyDatabase(): Promise<{ dataSource: DataSource; database: TestDatabase }> {
    const target = await migratedEmptyDatabase();
    opened.push(target);
    return target;
  }

  it('restores every row of every table, and the restored database serves the same answers', async () => {
    const snapshot = parseSnapshot(serialiseSnapshot(await takeSnapshot(t.dataSource)));
    const counts = Object.fromEntries(Object.entries(snapshot.tables).map(([table, rows]) => [table, rows.length]));
    for (const table of ['users', 'vendors', 'contracts', 'checklist_items', 'checklist_events', 'assessments', 'audits', 'findings', 'subcontractors',
      'certificates', 'deletion_certificates', 'settings', 'vendor_flags', 'requirements', 'clause_types', 'audit_log', 'auth_tokens', 'calendar_feeds',
      'documents', 'file_versions']) {
      expect([table, counts[table] > 0]).toEqual([table, true]);
    }

    const target = await emptyDatabase();
    const restored = await restoreSnapshot(target.dataSource, snapshot);
    expect(restored).toEqual(counts);
    const again = await takeSnapshot(target.dataSource);
    expect(again.migrations).toEqual(snapshot.migrations);
    expect(again.tables).toEqual(snapshot.tables);
    await target.dataSource.destroy();

    // The app on the restored database: the same users sign in, the same vendor reads the same.
    const restoredApp = await createTestApp({ database: target.database });
    try {
      const login = await restoredApp.http.post('/api/v1/auth/login').send({ email: ADMIN_EMAIL, password: ADMIN_PASSWORD }).expect(200);
      const admin = login.body.token;
      const originalAdmin = await t.tokenFor('admin');
      for (const path of ['/api/v1/vendors?sort=name', '/api/v1/flags?pageSize=200', '/api/v1/audits', '/api/v1/settings']) {
        const [before, after] = await Promise.all([t.http.get(path).set(...bearer(originalAdmin)), restoredApp.http.get(path).set(...bearer(admin))]);
        expect([path, after.status, after.body]).toEqual([path, 200, before.body]);
      }
    } finally {
      await restoredApp.close();
    }
  });

  it('moves between engines: MariaDB → SQLite → MariaDB gives the same tables (on a MariaDB run)', async () => {
    if (source.kind === 'sqlite') return; // the SQLite run has no server database to move to
    const snapshot = await takeSnapshot(t.dataSource);
    const folder = mkdtempSync(join(tmpdir(), 'oversight-backup-'));
    const sqlite = await new DataSource(buildDataSourceOptions(loadConfig({ DATABASE_URL: `sqlite:${join(folder, 'moved.sqlite')}` }).database, APP_SCHEMA)).initialize();
    try {
      await runPendingMigrations(sqlite);
      installSqliteGate(sqlite);
      await restoreSnapshot(sqlite, parseSnapshot(serialiseSnapshot(snapshot)));
      const fromSqlite = await takeSnapshot(sqlite);
      expect(fromSqlite.tables).toEqual(snapshot.tables);
      const back = await emptyDatabase();
      await restoreSnapshot(back.dataSource, parseSnapshot(serialiseSnapshot(fromSqlite)));
      expect((await takeSnapshot(back.dataSource)).tables).toEqual(snapshot.tables);
    } finally {
      await sqlite.destroy();
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('refuses a database that is not empty, and writes nothing into it', async () => {
    const snapshot = await takeSnapshot(t.dataSource);
    const target = await emptyDatabase();
    await target.dataSource.query("INSERT INTO settings (`key`, value, version, updatedAt) VALUES ('organisation', '{}', 1, '2026-01-01 00:00:00.000')".replace(/`/g, target.database.kind === 'sqlite' ? '"' : '`'));
    await expect(restoreSnapshot(target.dataSource, snapshot)).rejects.toThrow(/the database is not empty \(settings has 1 rows\)/);
    expect(Number((await target.dataSource.query('SELECT COUNT(*) AS n FROM vendors'))[0].n)).toBe(0);
  });

  it('refuses a file from another schema version or not a backup at all', async () => {
    const snapshot = await takeSnapshot(t.dataSource);
    const target = await emptyDatabase();
    const older: Snapshot = { ...snapshot, migrations: snapshot.migrations.slice(0, -1) };
    await expect(restoreSnapshot(target.dataSource, older)).rejects.toThrow(new RegExp(`the backup was taken at schema .*; this database is at ${MIGRATIONS[MIGRATIONS.length - 1].name}:`));
    await expect(restoreSnapshot(target.dataSource, { hello: 'world' } as never)).rejects.toThrow(BackupError);
    expect(() => parseSnapshot('{"format": "vendor-oversight-backup", ')).toThrow(/not a backup file/);
  });

  it('takes a consistent snapshot while the app keeps writing: every vendor comes with its audit-log entry', async () => {
    const compliance = await t.tokenFor('compliance');
    let writing = true;
    const writes = (async () => {
      try {
        for (let batch = 0; batch < 10; batch += 1) {
          await Promise.all(Array.from({ length: 8 }, (_, index) =>
            t.http.post('/api/v1/vendors').set(...bearer(compliance)).send({ name: `並行書込 ${batch}-${index}`, services: 'concurrent' }).expect(201)));
        }
      } finally {
        // A refused write ends the snapshots too, so the test fails with its error instead of a timeout.
        writing = false;
      }
    })();
    let rounds = 0;
    while (writing) {
      const snapshot = await takeSnapshot(t.dataSource);
      rounds += 1;
      // audit_log is read before vendors: a vendor committed between the two reads would have no entry.
      const vendors = new Set(snapshot.tables.vendors.map((row) => row.id));
      const created = new Set(snapshot.tables.audit_log.filter((row) => row.entityType === 'vendor' && row.action === 'create').map((row) => row.entityId));
      expect([...vendors].filter((id) => !created.has(id))).toEqual([]);
      expect([...created].filter((id) => !vendors.has(id))).toEqual([]);
      // SQLite answers without I/O: let the HTTP requests in between two snapshots.
      await new Promise((resume) => setImmediate(resume));
    }
    await writes;
    expect(rounds).toBeGreaterThan(1);
  });
});

/** One of everything, through the API: the data a company would lose. */
async function register(t: TestApp): Promise<void> {
  const compliance = await t.tokenFor('compliance');
  const admin = await t.tokenFor('admin');
  const vendor = await activeVendor(t, { name: 'バックアップ株式会社', corporateNumber: CORPORATE_NUMBERS[2], dataCategories: ['customer', 'communications'], ownerEmail: 'owner@example.test' });
  await newVendor(t, { name: 'Candidate GmbH', country: 'DE', gdprApplies: true, dataLocations: ['DE', 'JP'] });
  const contract = await newContract(t, vendor.id, { expiresOn: '2027-03-31', noticeDays: 90, autoRenew: true });
  await review(t, contract.id, { 'scope-purpose': 'present', 'communications-secrecy': 'partial', 'audit-rights': 'missing' });
  const audit = await newAudit(t, vendor.id, { kind: 'remote', scheduledFor: '2026-01-15' });
  await t.http.patch(`/api/v1/audits/${audit.id}`).set(...bearer(compliance))
    .send({ status: 'completed', completedOn: '2026-01-20', result: 'minor-issues', summary: 'ログ保管期間が短い', version: audit.version }).expect(200);
  await newFinding(t, audit.id, { title: 'ログ保管期間', severity: 'medium', dueOn: '2026-03-31' });
  const parent = await newSubcontractor(t, vendor.id, { name: '再委託先A', country: 'JP', services: 'DC', approvedOn: '2025-05-01' });
  await newSubcontractor(t, vendor.id, { name: '再々委託先B', country: 'VN', services: 'support', parentId: parent.id });
  await newCertificate(t, vendor.id, { kind: 'privacy-mark', validUntil: '2027-06-30', number: '10823456' });
  await newDeletionCertificate(t, vendor.id, { receivedOn: '2025-12-01', note: '旧契約分' });
  await t.http.patch('/api/v1/settings').set(...bearer(admin)).send({ objectionDays: 21, version: 0 }).expect(200);
  await t.http.post('/api/v1/calendar/feed').set(...bearer(compliance)).expect(201);
  // A document with two versions (the bytes themselves: test/documents-backup.e2e-spec.ts).
  const legal = await t.tokenFor('legal');
  const signed = (await t.http.post(`/api/v1/contracts/${contract.id}/files`).set(...bearer(legal)).attach('file', Buffer.from('%PDF-1.7\n% 署名済\n%%EOF\n'), '業務委託契約書.pdf').expect(201)).body;
  await t.http.post(`/api/v1/contracts/${contract.id}/files`).set(...bearer(legal)).field('documentId', signed.documentId).attach('file', Buffer.from('%PDF-1.7\n% 覚書\n%%EOF\n'), '覚書.pdf').expect(201);
}
