import { bearer, createTestApp } from './support/test-app';
import { createTestDatabase } from './support/test-database';
import { TcpProxy } from './support/tcp-proxy';

const base = process.env.DATABASE_URL ?? '';
const onServerDatabase = /^(mysql|mariadb):/.test(base);

/**
 * A database outage (MySQL/MariaDB; SQLite is a file in the process): requests answer 503 within
 * 5 s, /health says the database is down, the process stays up, and it recovers by itself.
 */
(onServerDatabase ? describe : describe.skip)('database outage', () => {
  it('answers 503 quickly while the database is away and recovers without a restart', async () => {
    const database = await createTestDatabase();
    const target = new URL(database.url.replace(/^mariadb:/, 'mysql:'));
    const proxy = await new TcpProxy(target.hostname, Number(target.port || 3306)).start();
    const viaProxy = new URL(database.url);
    viaProxy.host = `127.0.0.1:${proxy.port}`;
    const t = await createTestApp({ database: { ...database, url: viaProxy.toString(), drop: async () => undefined } });
    try {
      const viewer = await t.tokenFor('viewer');
      await t.http.get('/api/v1/vendors').set(...bearer(viewer)).expect(200);

      await proxy.cut();
      for (const path of ['/api/v1/vendors', '/api/v1/flags']) {
        const started = Date.now();
        const response = await t.http.get(path).set(...bearer(viewer));
        expect(response.status).toBe(503);
        expect(Date.now() - started).toBeLessThan(5000);
      }
      const started = Date.now();
      const health = await t.http.get('/health');
      expect(health.status).toBe(503);
      expect(health.body).toMatchObject({ status: 'error', error: { database: { status: 'down' } } });
      expect(Date.now() - started).toBeLessThan(5000);

      await proxy.restore();
      let recovered = 0;
      for (let attempt = 0; attempt < 50 && recovered !== 200; attempt += 1) {
        recovered = (await t.http.get('/api/v1/vendors').set(...bearer(viewer))).status;
        if (recovered !== 200) await new Promise((resolve) => setTimeout(resolve, 200));
      }
      expect(recovered).toBe(200);
      await t.http.get('/health').expect(200);
    } finally {
      await t.close();
      await proxy.cut();
      await database.drop();
    }
  }, 60_000);
});
