import { AddressInfo } from 'node:net';
import request from 'supertest';
import { EN_HEADER, registerRows, toCsvText, utf8 } from './support/register-files';
import { bearer, createTestApp, TestApp } from './support/test-app';

/**
 * An import takes seconds to minutes of work (20,000 rows: parsing, validating every row with the
 * API's DTOs, one transaction). Meanwhile the health endpoint (a load balancer's probe) and the
 * static files must keep answering within a second: the import may not hold the event loop or, on
 * SQLite, make the health probe queue behind its transaction.
 */
const LIMIT_MS = 1_000;

describe('the server stays responsive during an import', () => {
  let t: TestApp;
  let compliance: string;
  let probeClient: ReturnType<typeof request>;
  beforeAll(async () => {
    t = await createTestApp();
    compliance = await t.tokenFor('compliance');
    // The probes come over a real port, as a load balancer's would (not a server started per request).
    await t.app.listen(0, '127.0.0.1');
    probeClient = request(`http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`);
  });
  afterAll(() => t.close());

  /**
   * Probes /health and a static file every 100 ms until `work` settles; returns the slowest answers.
   * The client lives in the same process, so a blocked event loop also delays its sending: the
   * delay counted runs from when the probe was due (the end of its 100 ms pause), as an outside
   * client would wait from then.
   */
  const probeDuring = async (work: Promise<{ status: number }>) => {
    let done = false;
    const slowest = { health: 0, asset: 0 };
    const failures: string[] = [];
    const settled = work.finally(() => (done = true));
    const probe = async (path: string, key: 'health' | 'asset') => {
      let due = Date.now();
      while (!done) {
        const response = await probeClient.get(path);
        const ms = Date.now() - due;
        if (response.status !== 200) failures.push(`${path}: ${response.status}`);
        slowest[key] = Math.max(slowest[key], ms);
        due = Date.now() + 100;
        await new Promise((resume) => setTimeout(resume, 100));
      }
    };
    await Promise.all([probe('/health', 'health'), probe('/assets/app.css', 'asset'), settled]);
    return { result: await work, slowest, failures };
  };

  it('answers /health and /assets within 1 s during a 20,000-row dry run', async () => {
    const file = utf8(toCsvText(EN_HEADER, registerRows(20_000)));
    const upload = t.http.post('/api/v1/imports/vendors?dryRun=true').set(...bearer(compliance)).attach('file', file, 'register.csv').then((response) => response);
    const { result, slowest, failures } = await probeDuring(upload);
    process.stdout.write(`during a 20,000-row dry run on ${t.database.kind}: slowest /health ${slowest.health} ms, /assets ${slowest.asset} ms\n`);
    expect([result.status, failures]).toEqual([200, []]);
    expect(slowest.health).toBeLessThan(LIMIT_MS);
    expect(slowest.asset).toBeLessThan(LIMIT_MS);
  }, 300_000);

  it('answers /health and /assets within 1 s while a 5,000-row import writes in one transaction', async () => {
    const file = utf8(toCsvText(EN_HEADER, registerRows(5_000, '責任ある委託先')));
    const upload = t.http.post('/api/v1/imports/vendors').set(...bearer(compliance)).attach('file', file, 'register.csv').then((response) => response);
    const { result, slowest, failures } = await probeDuring(upload);
    process.stdout.write(`during a 5,000-row import on ${t.database.kind}: slowest /health ${slowest.health} ms, /assets ${slowest.asset} ms\n`);
    expect([result.status, failures]).toEqual([200, []]);
    expect(slowest.health).toBeLessThan(LIMIT_MS);
    expect(slowest.asset).toBeLessThan(LIMIT_MS);
  }, 300_000);
});
