import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { parseSnapshot, restoreSnapshot, serialiseSnapshot, takeSnapshot } from '../src/backup/backup';
import { loadConfig } from '../src/config/app-config';
import { buildDataSourceOptions } from '../src/database/data-source-options';
import { runPendingMigrations } from '../src/database/run-migrations';
import { installSqliteGate } from '../src/database/sqlite-gate';
import { APP_SCHEMA } from '../src/app.schema';
import { createFileStorage } from '../src/files/create-file-storage';
import { FileStorage, objectPath } from '../src/files/file-storage';
import { backupFiles, filesFolderOf, restoreFiles } from '../src/backup/files-backup';
import { pdfOf } from './support/documents';
import { activeVendor, newContract } from './support/factories';
import { binary } from './support/register-files';
import { startS3Server, TestS3Server } from './support/s3-server';
import { bearer, createTestApp, TestApp } from './support/test-app';
import { createTestDatabase, TestDatabase } from './support/test-database';

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/**
 * `npm run export` / `npm run import` with documents, in the CLI's order: the snapshot, then the
 * bytes copied beside it (local store) or checked in the bucket (S3); on import the bytes first,
 * then the rows. Then a new instance serves every file with the same hash.
 */
describe('backup and restore of documents', () => {
  let s3: TestS3Server;
  let folder: string;
  const cleanups: Array<() => Promise<void> | void> = [];

  beforeAll(async () => {
    s3 = await startS3Server();
    folder = mkdtempSync(join(tmpdir(), 'documents-backup-'));
  });
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
    await s3.stop();
    rmSync(folder, { recursive: true, force: true });
  });

  /** An instance with documents: two documents on a contract and an audit, one with two versions, and one file uploaded twice. */
  async function sourceWithDocuments(env: Record<string, string>): Promise<{ t: TestApp; files: Map<string, Buffer> }> {
    const database = await createTestDatabase({ shareable: true });
    const t = await createTestApp({ database, env });
    cleanups.push(async () => {
      await t.close();
      await database.drop();
    });
    const vendor = await activeVendor(t, { name: '復元テスト株式会社' });
    const contract = await newContract(t, vendor.id);
    const compliance = await t.tokenFor('compliance');
    const audit = (await t.http.post(`/api/v1/vendors/${vendor.id}/audits`).set(...bearer(compliance)).send({ kind: 'on-site', scheduledFor: '2026-01-20' }).expect(201)).body;
    const files = new Map<string, Buffer>();
    const upload = async (token: string, path: string, bytes: Buffer, name: string, documentId?: string) => {
      let request = t.http.post(path).set(...bearer(token));
      if (documentId) request = request.field('documentId', documentId);
      const body = (await request.attach('file', bytes, name).expect(201)).body;
      files.set(body.id, bytes);
      return body;
    };
    const legal = await t.tokenFor('legal');
    const signed = await upload(legal, `/api/v1/contracts/${contract.id}/files`, pdfOf('署名済契約書', 40_000), '業務委託契約書（署名済）.pdf');
    await upload(legal, `/api/v1/contracts/${contract.id}/files`, pdfOf('覚書', 8_000), '覚書.pdf', signed.documentId);
    await upload(compliance, `/api/v1/audits/${audit.id}/files`, pdfOf('監査報告書', 12_000), '監査報告書.pdf');
    await upload(compliance, `/api/v1/audits/${audit.id}/files`, pdfOf('署名済契約書', 40_000), '契約書の写し.pdf');
    return { t, files };
  }

  /** An empty, migrated database as `npm run import` prepares it. */
  async function emptyDatabase(): Promise<{ dataSource: DataSource; database: TestDatabase }> {
    const database = await createTestDatabase({ shareable: true });
    const dataSource = await new DataSource(buildDataSourceOptions(loadConfig({ DATABASE_URL: database.url }).database, APP_SCHEMA)).initialize();
    await runPendingMigrations(dataSource);
    installSqliteGate(dataSource);
    cleanups.push(async () => {
      if (dataSource.isInitialized) await dataSource.destroy();
      await database.drop();
    });
    return { dataSource, database };
  }

  /** Every file of the original downloads from the restored instance with the same bytes and hash, and verifies. */
  async function expectSameFiles(restored: TestApp, files: Map<string, Buffer>): Promise<void> {
    const viewer = await restored.tokenFor('viewer');
    for (const [id, bytes] of files) {
      const download = await restored.http.get(`/api/v1/files/${id}/content`).set(...bearer(viewer)).buffer(true).parse(binary);
      expect([id, download.status, sha256(download.body)]).toEqual([id, 200, sha256(bytes)]);
      const verified = (await restored.http.get(`/api/v1/files/${id}/verify`).set(...bearer(viewer)).expect(200)).body;
      expect([id, verified.status, verified.sha256]).toEqual([id, 'ok', sha256(bytes)]);
    }
  }

  async function storedIn(storage: FileStorage): Promise<string[]> {
    const hashes: string[] = [];
    for await (const object of storage.list()) hashes.push(object.sha256);
    return hashes.sort();
  }

  it('local store: the bytes go beside the backup file, and a new instance serves every file with the same hash', async () => {
    const { t, files } = await sourceWithDocuments({});
    const backupFile = join(folder, 'oversight-local.json');
    const snapshot = await takeSnapshot(t.dataSource);
    snapshot.files = await backupFiles(snapshot, t.app.get(FileStorage), filesFolderOf(backupFile));
    writeFileSync(backupFile, serialiseSnapshot(snapshot));
    expect(snapshot.files).toEqual({ storage: join(t.config.dataDir, 'files'), included: true, folder: 'oversight-local.files', objects: 3, missing: [] });
    expect(readdirSync(join(folder, 'oversight-local.files', 'sha256'))).toHaveLength(3);

    const parsed = parseSnapshot(readFileSync(backupFile, 'utf8'));
    const target = await emptyDatabase();
    const dataDir = mkdtempSync(join(tmpdir(), 'documents-restored-'));
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const storage = createFileStorage(loadConfig({ DATA_DIR: dataDir }).files.storage);
    expect(await restoreFiles(parsed, storage, join(folder, parsed.files!.folder!))).toEqual({ copied: 3, present: 0 });
    await restoreSnapshot(target.dataSource, parsed);
    await target.dataSource.destroy();

    const restored = await createTestApp({ database: target.database, env: { DATA_DIR: dataDir } });
    try {
      await expectSameFiles(restored, files);
    } finally {
      await restored.close();
    }
  });

  it('moves documents from the local store to S3 through a backup', async () => {
    const { t, files } = await sourceWithDocuments({});
    const backupFile = join(folder, 'oversight-to-s3.json');
    const snapshot = await takeSnapshot(t.dataSource);
    snapshot.files = await backupFiles(snapshot, t.app.get(FileStorage), filesFolderOf(backupFile));
    const target = await emptyDatabase();
    const env = { ...s3.env, FILES_URL: 's3://oversight-documents/moved/' };
    const storage = createFileStorage(loadConfig(env).files.storage);
    cleanups.push(() => storage.close());
    await restoreFiles(snapshot, storage, filesFolderOf(backupFile));
    await restoreSnapshot(target.dataSource, parseSnapshot(serialiseSnapshot(snapshot)));
    await target.dataSource.destroy();
    const restored = await createTestApp({ database: target.database, env });
    try {
      await expectSameFiles(restored, files);
    } finally {
      await restored.close();
    }
  });

  it('S3: the backup checks that every referenced object is in the bucket, and a restore needs them there (or refuses, writing nothing)', async () => {
    const env = { ...s3.env, FILES_URL: 's3://oversight-documents/source/' };
    const { t, files } = await sourceWithDocuments(env);
    const storage = t.app.get(FileStorage);
    const snapshot = await takeSnapshot(t.dataSource);
    snapshot.files = await backupFiles(snapshot, storage, null);
    expect(snapshot.files).toEqual({ storage: 's3://oversight-documents/source/', included: false, folder: null, objects: 3, missing: [] });

    // Into an instance whose bucket is empty: refused before a row is written.
    const empty = await emptyDatabase();
    const otherBucket = createFileStorage(loadConfig({ ...s3.env, FILES_URL: 's3://oversight-documents/elsewhere/' }).files.storage);
    cleanups.push(() => otherBucket.close());
    await expect(restoreFiles(snapshot, otherBucket, null)).rejects.toThrow(/3 stored file\(s\) the backup refers to are neither in a files folder beside the backup nor in s3:\/\/oversight-documents\/elsewhere\//);
    expect(Number((await empty.dataSource.query('SELECT COUNT(*) AS n FROM file_versions'))[0].n)).toBe(0);
    expect(await storedIn(otherBucket)).toEqual([]);

    // Into an instance on the same (restored) bucket: every file is there.
    expect(await restoreFiles(snapshot, storage, null)).toEqual({ copied: 0, present: 3 });
    await restoreSnapshot(empty.dataSource, parseSnapshot(serialiseSnapshot(snapshot)));
    await empty.dataSource.destroy();
    const restored = await createTestApp({ database: empty.database, env });
    try {
      await expectSameFiles(restored, files);
    } finally {
      await restored.close();
    }

    // An object gone from the bucket is reported by the next backup.
    const lost = [...files.values()][2];
    await storage.remove(sha256(lost));
    expect((await backupFiles(await takeSnapshot(t.dataSource), storage, null)).missing).toEqual([sha256(lost)]);
  });

  it('refuses a backup whose copied bytes are damaged', async () => {
    const { t } = await sourceWithDocuments({});
    const backupFile = join(folder, 'oversight-damaged.json');
    const snapshot = await takeSnapshot(t.dataSource);
    snapshot.files = await backupFiles(snapshot, t.app.get(FileStorage), filesFolderOf(backupFile));
    const [victim] = (snapshot.tables.file_versions as Array<{ sha256: string }>).map((row) => row.sha256);
    writeFileSync(join(filesFolderOf(backupFile), objectPath(victim)), 'not the original bytes');
    const dataDir = mkdtempSync(join(tmpdir(), 'documents-damaged-'));
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    await expect(restoreFiles(snapshot, createFileStorage(loadConfig({ DATA_DIR: dataDir }).files.storage), filesFolderOf(backupFile))).rejects.toThrow(
      new RegExp(`the backup's copy of ${victim} is damaged`),
    );
  });
});
