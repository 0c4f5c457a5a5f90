import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { execFileSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Logger } from '@nestjs/common';
import { FileStorage, objectPath } from '../src/files/file-storage';
import { FilesScheduler } from '../src/files/files.scheduler';
import { FilesService } from '../src/files/files.service';
import { incomingFolder } from '../src/files/file-upload.interceptor';
import { dispositionName, pdfOf } from './support/documents';
import { binary } from './support/register-files';
import { activeVendor, newContract } from './support/factories';
import { S3_BUCKET, S3_KEY, startS3Server, TestS3Server } from './support/s3-server';
import { bearer, createTestApp, TestApp } from './support/test-app';

const JAPANESE_NAME = '業務委託契約書（署名済）第２版.pdf';

describe.each(['local', 's3'] as const)('documents and evidence on the %s storage', (driver) => {
  let t: TestApp;
  let s3: TestS3Server | undefined;
  let folder: string;
  let contract: Record<string, any>;
  let vendor: Record<string, any>;

  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'documents-e2e-'));
    if (driver === 's3') s3 = await startS3Server();
    t = await createTestApp({ env: s3?.env ?? {} });
    vendor = await activeVendor(t, { name: '書類保管株式会社' });
    contract = await newContract(t, vendor.id);
  });
  afterAll(async () => {
    await t.close();
    await s3?.stop();
    rmSync(folder, { recursive: true, force: true });
  });

  const storage = () => t.app.get(FileStorage);
  const storedHashes = async () => {
    const hashes: string[] = [];
    for await (const object of storage().list()) hashes.push(object.sha256);
    return hashes.sort();
  };
  const rows = async () => {
    const [documents] = await t.dataSource.query('SELECT COUNT(*) AS n FROM documents');
    const [versions] = await t.dataSource.query('SELECT COUNT(*) AS n FROM file_versions');
    return { documents: Number(documents.n), versions: Number(versions.n) };
  };
  const upload = async (role: 'legal' | 'compliance' | 'viewer' | 'admin', path: string, bytes: Buffer, name: string, fields: Record<string, string> = {}) => {
    let request = t.http.post(path).set(...bearer(await t.tokenFor(role)));
    for (const [field, value] of Object.entries(fields)) request = request.field(field, value);
    return request.attach('file', bytes, { filename: name, contentType: 'application/pdf' });
  };
  /** An upload that must succeed: its file. */
  const uploaded = async (...args: Parameters<typeof upload>) => {
    const response = await upload(...args);
    if (response.status !== 201) throw new Error(`upload refused: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body;
  };
  const download = async (fileId: string, query = '') =>
    t.http.get(`/api/v1/files/${fileId}/content${query}`).set(...bearer(await t.tokenFor('viewer'))).buffer(true).parse(binary);

  /** Replaces the stored bytes of a hash behind the app's back (what bit rot or tampering looks like). */
  const tamper = async (sha256: string, bytes: Buffer) => {
    const settings = t.config.files.storage;
    if (settings.driver === 'local') writeFileSync(join(settings.root, objectPath(sha256)), bytes);
    else {
      const client = new S3Client({ endpoint: settings.endpoint, region: settings.region, forcePathStyle: true, credentials: S3_KEY, requestChecksumCalculation: 'WHEN_REQUIRED' });
      await client.send(new PutObjectCommand({ Bucket: S3_BUCKET, Key: `${settings.prefix}${objectPath(sha256)}`, Body: bytes }));
      client.destroy();
    }
  };

  it('keeps a PDF with a Japanese name: the same bytes and name come back, and its SHA-256 is what sha256sum says', async () => {
    const bytes = pdfOf('signed contract', 200_000);
    const path = join(folder, 'contract.pdf');
    writeFileSync(path, bytes);
    const sha256sum = execFileSync('sha256sum', [path]).toString().split(' ')[0];

    const response = await upload('legal', `/api/v1/contracts/${contract.id}/files`, bytes, JAPANESE_NAME);
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      ownerType: 'contract', ownerId: contract.id, vendorId: vendor.id, documentTitle: JAPANESE_NAME, versionNumber: 1, fileName: JAPANESE_NAME,
      contentType: 'application/pdf', size: bytes.length, sha256: sha256sum, current: true, superseded: false, viewable: true,
      uploadedBy: { email: 'legal@example.test', name: 'Test legal' },
    });

    const downloaded = await download(response.body.id);
    expect(downloaded.status).toBe(200);
    expect(Buffer.compare(downloaded.body, bytes)).toBe(0);
    expect(dispositionName(downloaded.headers['content-disposition'])).toBe(JAPANESE_NAME);
    expect(downloaded.headers['content-disposition']).toMatch(/^attachment; filename="[\x20-\x7e]+"; filename\*=UTF-8''/);
    expect(downloaded.headers['content-type']).toBe('application/pdf');
    expect(downloaded.headers['x-content-type-options']).toBe('nosniff');
    expect(downloaded.headers['content-security-policy']).toBe("default-src 'none'; frame-ancestors 'none'; sandbox");
    expect(downloaded.headers['repr-digest']).toBe(`sha-256=:${Buffer.from(sha256sum, 'hex').toString('base64')}:`);

    // Inline on request, for a PDF only, under a policy that loads and runs nothing.
    const inline = await download(response.body.id, '?inline=true');
    expect(inline.headers['content-disposition']).toMatch(/^inline; /);
    expect(inline.headers['content-security-policy']).toMatch(/^default-src 'none'; /);
    expect(inline.headers['content-security-policy']).not.toMatch(/script-src/);

    const listed = await t.http.get(`/api/v1/contracts/${contract.id}/files`).set(...bearer(await t.tokenFor('viewer'))).expect(200);
    expect(listed.body).toMatchObject({ total: 1, page: 1, items: [{ title: JAPANESE_NAME, currentFileId: response.body.id, versions: [{ sha256: sha256sum }] }] });
    expect(await storedHashes()).toContain(sha256sum);

    // The upload and the new document are in the audit log, in the same transaction as the rows.
    const log = await t.http.get('/api/v1/audit-log').query({ entityType: 'file', entityId: response.body.id }).set(...bearer(await t.tokenFor('compliance'))).expect(200);
    expect(log.body.items).toHaveLength(1);
    expect(log.body.items[0]).toMatchObject({ action: 'create', actor: { email: 'legal@example.test' } });
    expect(log.body.items[0].changes.sha256).toEqual({ before: null, after: sha256sum });
  });

  it('makes a second upload version 2 of the same document, and version 1 stays downloadable', async () => {
    const first = pdfOf('監査報告書 v1', 3000);
    const second = pdfOf('監査報告書 v2', 4000);
    const compliance = await t.tokenFor('compliance');
    const audit = (await t.http.post(`/api/v1/vendors/${vendor.id}/audits`).set(...bearer(compliance)).send({ kind: 'on-site', scheduledFor: '2026-01-15' }).expect(201)).body;
    const v1 = await uploaded('compliance', `/api/v1/audits/${audit.id}/files`, first, '監査報告書.pdf', { title: '実地監査報告書' });
    const v2 = await uploaded('compliance', `/api/v1/audits/${audit.id}/files`, second, '監査報告書（訂正版）.pdf', { documentId: v1.documentId });
    expect([v1.versionNumber, v2.versionNumber, v2.documentId, v2.documentTitle]).toEqual([1, 2, v1.documentId, '実地監査報告書']);

    const document = (await t.http.get(`/api/v1/documents/${v1.documentId}`).set(...bearer(await t.tokenFor('viewer'))).expect(200)).body;
    expect(document.currentFileId).toBe(v2.id);
    expect(document.versions.map((version: any) => [version.versionNumber, version.fileName, version.current])).toEqual([
      [2, '監査報告書（訂正版）.pdf', true],
      [1, '監査報告書.pdf', false],
    ]);
    expect(Buffer.compare((await download(v1.id)).body, first)).toBe(0);
    expect(Buffer.compare((await download(v2.id)).body, second)).toBe(0);

    // A document of another record cannot take the version.
    const other = await upload('legal', `/api/v1/contracts/${contract.id}/files`, pdfOf('x', 100), 'x.pdf', { documentId: v1.documentId });
    expect([other.status, other.body.message]).toEqual([400, [`documentId: ${v1.documentId} is not a document of this record`]]);
  });

  it('refuses an HTML file renamed .pdf, and stores nothing', async () => {
    const before = { rows: await rows(), stored: await storedHashes() };
    const response = await upload('legal', `/api/v1/contracts/${contract.id}/files`, Buffer.from('<!DOCTYPE html><html><body><script>alert(1)</script></body></html>'), '契約書.pdf');
    expect(response.status).toBe(400);
    expect(response.body).toEqual({
      statusCode: 400, error: 'Bad Request', code: 'file-type-mismatch',
      message: ['file: the name ends in .pdf but the contents are text/html; nothing was stored'],
    });
    const page = await upload('legal', `/api/v1/contracts/${contract.id}/files`, Buffer.from('<html><body>hi</body></html>'), 'page.html');
    expect([page.status, page.body.code]).toEqual([400, 'file-type-not-allowed']);
    expect(page.body.message[0]).toMatch(/^file: its contents are text\/html, which cannot be stored \(allowed: PDF, PNG, JPEG, .*zip\); nothing was stored$/);
    expect({ rows: await rows(), stored: await storedHashes() }).toEqual(before);
  });

  it('refuses a 51 MB file while it streams: 400, no row, no stored object, no temporary file', async () => {
    const before = { rows: await rows(), stored: await storedHashes() };
    const big = pdfOf('too big', 51 * 1024 * 1024);
    const response = await upload('legal', `/api/v1/contracts/${contract.id}/files`, big, '大きすぎる契約書.pdf');
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ code: 'file-too-large', message: ['file: files larger than 50 MB cannot be stored; nothing was stored'] });
    expect({ rows: await rows(), stored: await storedHashes() }).toEqual(before);
    expect(readdirSync(incomingFolder(t.config))).toEqual([]);
  }, 60_000);

  it('lets a viewer download but not upload (403 before a byte is read), and only the record\'s writers upload', async () => {
    const before = await rows();
    const viewer = await upload('viewer', `/api/v1/contracts/${contract.id}/files`, pdfOf('viewer', 100), 'viewer.pdf');
    expect([viewer.status, viewer.body.code]).toEqual([403, 'forbidden']);
    const compliance = await t.tokenFor('compliance');
    const certificate = (await t.http.post(`/api/v1/vendors/${vendor.id}/certificates`).set(...bearer(compliance)).send({ kind: 'iso27001', validUntil: '2027-12-31' }).expect(201)).body;
    // Legal writes contracts, not supervision records.
    expect((await upload('legal', `/api/v1/certificates/${certificate.id}/files`, pdfOf('cert', 100), 'cert.pdf')).status).toBe(403);
    expect(await rows()).toEqual(before);
    expect((await upload('compliance', `/api/v1/certificates/${certificate.id}/files`, pdfOf('cert', 100), 'ISMS認証書.pdf')).status).toBe(201);
    expect((await upload('compliance', `/api/v1/certificates/${vendor.id}/files`, pdfOf('cert', 100), 'x.pdf')).status).toBe(404);
    const anonymous = await t.http.post(`/api/v1/contracts/${contract.id}/files`).attach('file', pdfOf('x', 10), 'x.pdf');
    expect(anonymous.status).toBe(401);
    const missing = await t.http.post(`/api/v1/contracts/${contract.id}/files`).set(...bearer(await t.tokenFor('legal'))).send({ title: 'no file' });
    expect([missing.status, missing.body.code]).toEqual([400, 'file-missing']);
  });

  it('verifies the stored bytes on request and in the daily job, which logs a mismatch as an error', async () => {
    const bytes = pdfOf('evidence to verify', 5000);
    const file = await uploaded('legal', `/api/v1/contracts/${contract.id}/files`, bytes, '覚書.pdf');
    const viewer = await t.tokenFor('viewer');
    const ok = (await t.http.get(`/api/v1/files/${file.id}/verify`).set(...bearer(viewer)).expect(200)).body;
    expect(ok).toMatchObject({ fileId: file.id, status: 'ok', sha256: file.sha256, actualSha256: file.sha256, size: bytes.length, actualSize: bytes.length });

    const tampered = Buffer.from(bytes);
    tampered[tampered.length - 10] ^= 0xff;
    await tamper(file.sha256, tampered);
    const bad = (await t.http.get(`/api/v1/files/${file.id}/verify`).set(...bearer(viewer)).expect(200)).body;
    expect(bad).toMatchObject({ status: 'mismatch', sha256: file.sha256, actualSize: bytes.length });
    expect(bad.actualSha256).not.toBe(file.sha256);

    const errors: unknown[] = [];
    const spy = jest.spyOn(Logger.prototype, 'error').mockImplementation((message: unknown) => void errors.push(message));
    try {
      t.config.files.verifySample = 1000;
      await t.app.get(FilesScheduler).run();
    } finally {
      spy.mockRestore();
    }
    expect(errors).toContainEqual(expect.objectContaining({ message: 'stored file does not match its SHA-256', fileId: file.id, expected: file.sha256 }));
    await tamper(file.sha256, bytes);
    expect((await t.http.get(`/api/v1/files/${file.id}/verify`).set(...bearer(viewer)).expect(200)).body.status).toBe('ok');
  });

  it('answers 410 with a code, never a 500, when the stored bytes are gone; verify says missing', async () => {
    const bytes = pdfOf(`to be lost ${randomBytes(8).toString('hex')}`, 1000);
    const file = await uploaded('legal', `/api/v1/contracts/${contract.id}/files`, bytes, '紛失.pdf');
    await storage().remove(file.sha256);
    const response = await t.http.get(`/api/v1/files/${file.id}/content`).set(...bearer(await t.tokenFor('viewer')));
    expect(response.status).toBe(410);
    expect(response.body).toEqual({
      statusCode: 410, error: 'Gone', code: 'file-content-missing',
      message: ['file: the stored content of “紛失.pdf” (version 1) is missing; an administrator must restore it from the backup'],
    });
    expect((await t.http.get(`/api/v1/files/${file.id}/verify`).set(...bearer(await t.tokenFor('viewer'))).expect(200)).body.status).toBe('missing');
    await t.http.get(`/api/v1/files/${randomUUID()}/content`).set(...bearer(await t.tokenFor('viewer'))).expect(404);
    // Restored from a backup, it is whole again.
    const restored = join(folder, 'restored.pdf');
    writeFileSync(restored, bytes);
    await storage().put(file.sha256, restored, bytes.length);
    expect((await t.http.get(`/api/v1/files/${file.id}/verify`).set(...bearer(await t.tokenFor('viewer'))).expect(200)).body.status).toBe('ok');
  });

  it('marks a version superseded (writers, at its version) and lets only an admin delete one, with a reason the audit log keeps beside the hash', async () => {
    const bytes = pdfOf(`DPA ${randomBytes(8).toString('hex')}`, 2000);
    const file = await uploaded('legal', `/api/v1/contracts/${contract.id}/files`, bytes, 'DPA.pdf');
    await t.http.post(`/api/v1/files/${file.id}/supersede`).set(...bearer(await t.tokenFor('viewer'))).send({ version: file.version }).expect(403);
    const superseded = await t.http.post(`/api/v1/files/${file.id}/supersede`).set(...bearer(await t.tokenFor('legal'))).send({ version: file.version, note: '新契約に統合' });
    expect(superseded.status).toBe(200);
    expect(superseded.body).toMatchObject({ superseded: true, current: false, supersededNote: '新契約に統合', supersededBy: { email: 'legal@example.test' }, version: file.version + 1 });
    const again = await t.http.post(`/api/v1/files/${file.id}/supersede`).set(...bearer(await t.tokenFor('legal'))).send({ version: superseded.body.version });
    expect([again.status, again.body.code]).toEqual([409, 'already-superseded']);
    expect(Buffer.compare((await download(file.id)).body, bytes)).toBe(0);

    for (const role of ['legal', 'compliance'] as const) await t.http.delete(`/api/v1/files/${file.id}`).set(...bearer(await t.tokenFor(role))).send({ reason: 'x' }).expect(403);
    // In the caller's language: an English-speaking admin reads the English refusal.
    const noReason = await t.http.delete(`/api/v1/files/${file.id}`).set(...bearer(await t.tokenFor('admin', 'en'))).send({});
    expect([noReason.status, noReason.body.message]).toEqual([400, ['reason: give the reason for deleting (1 to 1000 characters)']]);
    await t.http.delete(`/api/v1/files/${file.id}`).set(...bearer(await t.tokenFor('admin'))).send({ reason: '誤って別会社の書類を登録したため' }).expect(204);
    await t.http.get(`/api/v1/files/${file.id}`).set(...bearer(await t.tokenFor('viewer'))).expect(404);
    await t.http.get(`/api/v1/documents/${file.documentId}`).set(...bearer(await t.tokenFor('viewer'))).expect(404);
    expect(await storedHashes()).not.toContain(file.sha256);

    const log = (await t.http.get('/api/v1/audit-log').query({ entityType: 'file', entityId: file.id }).set(...bearer(await t.tokenFor('admin'))).expect(200)).body.items;
    expect(log.map((entry: any) => entry.action)).toEqual(['delete', 'update', 'create']);
    expect(log[0]).toMatchObject({
      actor: { email: 'admin@example.test' },
      changes: { sha256: { before: file.sha256, after: null }, fileName: { before: 'DPA.pdf', after: null }, size: { before: bytes.length, after: null } },
      summary: { reason: '誤って別会社の書類を登録したため', documentId: file.documentId, ownerType: 'contract', ownerId: contract.id },
    });
  });

  it('keeps one stored object for identical bytes, and deleting one version keeps the bytes the other still needs', async () => {
    const bytes = pdfOf(`shared ${randomBytes(8).toString('hex')}`, 1500);
    const a = await uploaded('legal', `/api/v1/contracts/${contract.id}/files`, bytes, 'a.pdf');
    const b = await uploaded('legal', `/api/v1/contracts/${contract.id}/files`, bytes, 'b.pdf');
    expect(a.sha256).toBe(b.sha256);
    expect((await storedHashes()).filter((hash) => hash === a.sha256)).toHaveLength(1);
    await t.http.delete(`/api/v1/files/${a.id}`).set(...bearer(await t.tokenFor('admin'))).send({ reason: 'duplicate' }).expect(204);
    expect(Buffer.compare((await download(b.id)).body, bytes)).toBe(0);
  });

  it('answers malformed uploads and changes with a 400 naming the problem, never a 5xx, and changes nothing', async () => {
    const legal = await t.tokenFor('legal');
    const admin = await t.tokenFor('admin');
    const file = await uploaded('legal', `/api/v1/contracts/${contract.id}/files`, pdfOf(`fuzz ${randomUUID()}`, 300), 'fuzz.pdf');
    const before = { rows: await rows(), stored: await storedHashes() };
    const path = `/api/v1/contracts/${contract.id}/files`;
    const attempts = [
      t.http.post(path).set(...bearer(legal)).set('Content-Type', 'multipart/form-data; boundary=xyz').send('--xyz\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\n\r\n%PDF-1.4 truncated'),
      t.http.post(path).set(...bearer(legal)).attach('file', pdfOf('a', 10), 'a.pdf').attach('file', pdfOf('b', 10), 'b.pdf'),
      t.http.post(path).set(...bearer(legal)).attach('document', pdfOf('a', 10), 'a.pdf'),
      t.http.post(path).set(...bearer(legal)).field('other', 'x').attach('file', pdfOf('a', 10), 'a.pdf'),
      t.http.post(path).set(...bearer(legal)).field('title', 'x'.repeat(201)).attach('file', pdfOf('a', 10), 'a.pdf'),
      t.http.post(path).set(...bearer(legal)).field('documentId', 'not-a-uuid').attach('file', pdfOf('a', 10), 'a.pdf'),
      t.http.post(path).set(...bearer(legal)).attach('file', pdfOf('a', 10), ''),
      t.http.post(path).set(...bearer(legal)).send({ file: 'JVBERi0xLjQK' }),
      t.http.post(`/api/v1/files/${file.id}/supersede`).set(...bearer(legal)).send({ version: 'one' }),
      t.http.post(`/api/v1/files/${file.id}/supersede`).set(...bearer(legal)).send({ version: 1, note: 'x'.repeat(1001) }),
      t.http.post(`/api/v1/files/${file.id}/supersede`).set(...bearer(legal)).send('not json').set('Content-Type', 'application/json'),
      t.http.delete(`/api/v1/files/${file.id}`).set(...bearer(admin)).send({ reason: 'x'.repeat(1001) }),
      t.http.delete(`/api/v1/files/${file.id}`).set(...bearer(admin)).send({ reason: '   ' }),
      t.http.get(`/api/v1/files/${file.id}/content`).query({ inline: 'maybe' }).set(...bearer(legal)),
      t.http.get('/api/v1/files/not-a-uuid').set(...bearer(legal)),
    ];
    const answers = [];
    for (const attempt of attempts) {
      const response = await attempt;
      answers.push([response.status, Array.isArray(response.body?.message) && response.body.message.length > 0]);
    }
    expect(answers).toEqual(attempts.map(() => [400, true]));
    expect({ rows: await rows(), stored: await storedHashes() }).toEqual(before);
    expect(readdirSync(incomingFolder(t.config))).toEqual([]);
  });

  it('sweeps stored objects that no version refers to once they are a day old', async () => {
    const orphan = join(folder, 'orphan.bin');
    const content = 'left behind by a crash between store and commit';
    writeFileSync(orphan, content);
    const sha256 = execFileSync('sha256sum', [orphan]).toString().split(' ')[0];
    await storage().put(sha256, orphan, content.length);
    const files = t.app.get(FilesService);
    expect((await files.sweepOrphans()).removed).toBe(0);
    expect(await storedHashes()).toContain(sha256);
    expect((await files.sweepOrphans(new Date(Date.now() + 25 * 60 * 60 * 1000))).removed).toBe(1);
    expect(await storedHashes()).not.toContain(sha256);
    // Everything that is referenced is still there.
    const [{ n }] = await t.dataSource.query('SELECT COUNT(DISTINCT sha256) AS n FROM file_versions');
    expect((await storedHashes()).length).toBe(Number(n));
  });
});

