import { FileStorage } from '../src/files/file-storage';
import { FilesService } from '../src/files/files.service';
import { pdfOf } from './support/documents';
import { binary } from './support/register-files';
import { activeVendor, newContract } from './support/factories';
import { S3ServerProcess, s3Environment, TripwireRelay } from './support/s3-server';
import { bearer, createTestApp } from './support/test-app';

/**
 * The S3 server dies while an upload is being sent to it: the caller gets a 503 and nothing is
 * recorded; once the server is back the same upload goes through. s3rver runs as its own process so
 * it can be killed (SIGKILL) exactly when the relay in front of it has passed 1 MB of the object.
 */
describe('S3 outage in the middle of an upload', () => {
  it('answers 503 with no database row while S3 is down mid-upload, and accepts the upload once it is back', async () => {
    const server = await new S3ServerProcess().start();
    const relay = await new TripwireRelay(() => server.port).start();
    const t = await createTestApp({ env: s3Environment(relay.port) });
    try {
      const vendor = await activeVendor(t);
      const contract = await newContract(t, vendor.id);
      const legal = await t.tokenFor('legal');
      const bytes = pdfOf('業務委託契約書', 8_000_000);
      const count = async (table: string) => Number((await t.dataSource.query(`SELECT COUNT(*) AS n FROM ${table}`))[0].n);
      const auditEntries = async () => Number((await t.dataSource.query("SELECT COUNT(*) AS n FROM audit_log WHERE entityType IN ('file', 'document')"))[0].n);

      let killedAfter = 0;
      relay.arm(1_000_000, () => {
        killedAfter = Date.now();
        server.kill();
      });
      const started = Date.now();
      const refused = await t.http.post(`/api/v1/contracts/${contract.id}/files`).set(...bearer(legal)).attach('file', bytes, '業務委託契約書.pdf');
      expect(killedAfter).toBeGreaterThan(0);
      expect(refused.status).toBe(503);
      expect(refused.body).toEqual({
        statusCode: 503, error: 'Service Unavailable', code: 'storage-unavailable',
        message: ['file: the document store cannot be reached; nothing was stored, try again shortly'],
      });
      expect(Date.now() - started).toBeLessThan(20_000);
      expect([await count('documents'), await count('file_versions'), await auditEntries()]).toEqual([0, 0, 0]);

      await server.start();
      // s3rver writes an object in place, so a server killed mid-write may keep the part it received
      // (under the key of the whole file). No row refers to it: the nightly sweep removes it.
      await t.app.get(FilesService).sweepOrphans(new Date(Date.now() + 25 * 60 * 60 * 1000));
      const stored: string[] = [];
      for await (const object of t.app.get(FileStorage).list()) stored.push(object.sha256);
      expect(stored).toEqual([]);

      const accepted = await t.http.post(`/api/v1/contracts/${contract.id}/files`).set(...bearer(legal)).attach('file', bytes, '業務委託契約書.pdf');
      expect([accepted.status, accepted.body.versionNumber, accepted.body.size]).toEqual([201, 1, bytes.length]);
      const downloaded = await t.http.get(accepted.body.contentUrl).set(...bearer(legal)).buffer(true).parse(binary).expect(200);
      expect(Buffer.compare(downloaded.body, bytes)).toBe(0);
      expect([await count('documents'), await count('file_versions'), await auditEntries()]).toEqual([1, 1, 2]);

      // Reads while the store is down are a 503 too, never a 500; the row is still there.
      server.kill();
      for (const path of [accepted.body.contentUrl, `/api/v1/files/${accepted.body.id}/verify`]) {
        const response = await t.http.get(path).set(...bearer(legal));
        expect([path, response.status, response.body.code]).toEqual([path, 503, 'storage-unavailable']);
      }
      await t.http.get(`/api/v1/files/${accepted.body.id}`).set(...bearer(legal)).expect(200);
    } finally {
      await t.close();
      await relay.stop();
      await server.stop();
    }
  }, 90_000);
});
