import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { AddressInfo, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { SMTPServer } from 'smtp-server';
import { createTestDatabase, TestDatabase } from './support/test-database';

const ROOT = resolve(__dirname, '..');
const MAIN = join(ROOT, 'dist/src/main.js');

/**
 * What `npm start` does on a fresh machine: the built app, started as a process with nothing but
 * the defaults, applies its migrations, loads the catalogue, creates the first admin and serves.
 */
describe('start-up as `npm start` runs it', () => {
  let dataDir: string;
  let database: TestDatabase;
  let databaseUrl: string;

  beforeAll(async () => {
    execFileSync('npm', ['run', '--silent', 'build'], { cwd: ROOT, stdio: 'pipe' });
    dataDir = mkdtempSync(join(tmpdir(), 'oversight-start-'));
    database = await createTestDatabase();
    // The default is a SQLite file in the data folder; on MariaDB the run uses a fresh database.
    databaseUrl = database.kind === 'sqlite' ? `sqlite:${join(dataDir, 'oversight.sqlite')}` : database.url;
  }, 180_000);
  afterAll(async () => {
    await database.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('serves /health, signs in the generated admin, and keeps the data across a restart', async () => {
    const port = await freePort();
    const env = { PATH: process.env.PATH, DATA_DIR: dataDir, DATABASE_URL: databaseUrl, PORT: String(port) };
    const first = await startApp(env, port);
    let password: string;
    let vendorId: string;
    try {
      expect((await fetch(`http://127.0.0.1:${port}/health`)).status).toBe(200);
      const generated = /sign in as (\S+) with password (\S+) and change it/.exec(first.output());
      expect(generated?.[1]).toBe('admin@example.com');
      password = generated![2];
      const token = await login(port, password);
      const created = await fetch(`http://127.0.0.1:${port}/api/v1/vendors`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ name: '再起動テスト株式会社', status: 'active', dataCategories: ['customer'] }),
      });
      expect(created.status).toBe(201);
      vendorId = ((await created.json()) as { id: string }).id;
      const requirements = await fetch(`http://127.0.0.1:${port}/api/v1/requirements`, { headers: { Authorization: `Bearer ${token}` } });
      expect(await requirements.json()).toHaveLength(59);
    } finally {
      expect(await first.stop()).toBe('SIGTERM');
    }

    const second = await startApp(env, port);
    try {
      expect(second.output()).not.toMatch(/first admin created/);
      const token = await login(port, password);
      const vendor = await fetch(`http://127.0.0.1:${port}/api/v1/vendors/${vendorId}`, { headers: { Authorization: `Bearer ${token}` } });
      expect(vendor.status).toBe(200);
      expect(await vendor.json()).toMatchObject({ name: '再起動テスト株式会社', riskTier: 'medium' });
      // The logs are structured JSON lines and carry neither the vendor's name nor the admin e-mail past the one-time notice.
      const lines = second.output().trim().split('\n');
      expect(lines.every((line) => line.startsWith('{'))).toBe(true);
      expect(second.output()).not.toContain('再起動テスト株式会社');
    } finally {
      expect(await second.stop()).toBe('SIGTERM');
    }
  }, 120_000);

  it('refuses to start on a wrong setting and names the variable', () => {
    let stderr = '';
    let status: number | null = 0;
    try {
      execFileSync('node', [MAIN], { env: { PATH: process.env.PATH, DATA_DIR: dataDir, PORT: 'eighty', ORG_TIMEZONE: 'Mars/Base' }, stdio: 'pipe' });
    } catch (error) {
      const failure = error as { status: number; stderr: Buffer };
      status = failure.status;
      stderr = failure.stderr.toString();
    }
    expect(status).toBe(1);
    expect(stderr).toMatch(/^\s*PORT: /m);
    expect(stderr).toMatch(/^\s*ORG_TIMEZONE: /m);
  });

  it('`npm run export` / `npm run import`: the built CLI restores the data into an empty database, and the app starts on it', async () => {
    const cli = (args: string[], url: string) =>
      execFileSync('node', [join(ROOT, 'dist/src/backup/backup-cli.js'), ...args], { env: { PATH: process.env.PATH, DATA_DIR: dataDir, DATABASE_URL: url }, stdio: 'pipe' }).toString();
    const first = join(dataDir, 'first.json');
    const exported = JSON.parse(cli(['export', '--out', first], databaseUrl));
    expect(exported).toMatchObject({ message: 'backup written', rows: { vendors: 1, users: 1, requirements: 59 } });
    // The log line names counts and the file, never the data.
    expect(JSON.stringify(exported)).not.toContain('再起動テスト株式会社');

    const target = await createTestDatabase();
    const targetUrl = target.kind === 'sqlite' ? `sqlite:${join(dataDir, 'restored.sqlite')}` : target.url;
    try {
      expect(JSON.parse(cli(['import', first], targetUrl))).toMatchObject({ message: 'backup restored', rows: { vendors: 1, users: 1 } });
      const second = join(dataDir, 'second.json');
      cli(['export', '--out', second], targetUrl);
      const tables = (file: string) => JSON.parse(readFileSync(file, 'utf8')).tables;
      expect(tables(second)).toEqual(tables(first));
      // Importing twice is refused: the target is no longer empty.
      expect(() => cli(['import', first], targetUrl)).toThrow(/the database is not empty/);

      const port = await freePort();
      const restored = await startApp({ PATH: process.env.PATH, DATA_DIR: dataDir, DATABASE_URL: targetUrl, PORT: String(port) }, port);
      try {
        expect(restored.output()).not.toMatch(/first admin created/);
      } finally {
        expect(await restored.stop()).toBe('SIGTERM');
      }
    } finally {
      await target.drop();
    }
  }, 120_000);
});

describe('a reminder run killed with SIGKILL mid-delivery', () => {
  let dataDir: string;
  let database: TestDatabase;
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'oversight-kill-'));
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('is completed by the next run: every reminder delivered, none twice in the ledger', async () => {
    // An SMTP server that holds the first message open, so the app is caught in the middle of delivery.
    let firstArrived!: () => void;
    const arrived = new Promise<void>((resolve) => (firstArrived = resolve));
    const received: string[] = [];
    let held = false;
    const smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData(stream, session, done) {
        const to = session.envelope.rcptTo.map((address) => address.address).join(',');
        if (!held) {
          held = true;
          firstArrived();
          stream.resume();
          stream.on('end', () => setTimeout(() => done(new Error('held')), 60_000).unref());
          return;
        }
        stream.resume();
        stream.on('end', () => {
          received.push(to);
          done();
        });
      },
    });
    // The killed client resets its connection: expected here, not a test failure.
    smtp.on('error', () => undefined);
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    const smtpPort = (smtp.server.address() as AddressInfo).port;
    const port = await freePort();
    const env = {
      PATH: process.env.PATH, DATA_DIR: dataDir, PORT: String(port), SCHEDULER_ENABLED: 'false', ADMIN_PASSWORD: 'kill test password 123',
      DATABASE_URL: database.kind === 'sqlite' ? `sqlite:${join(dataDir, 'oversight.sqlite')}` : database.url,
      SMTP_URL: `smtp://127.0.0.1:${smtpPort}`, REMINDER_LEASE_SECONDS: '2',
    };
    const api = (token: string) => async (method: string, path: string, body?: object) => {
      const response = await fetch(`http://127.0.0.1:${port}${path}`, {
        method, headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body: body ? JSON.stringify(body) : undefined,
      });
      return { status: response.status, body: (await response.json().catch(() => null)) as any };
    };

    const first = await startApp(env, port);
    let call: ReturnType<typeof api>;
    try {
      call = api(await login(port, 'kill test password 123'));
      const vendor = (await call('POST', '/api/v1/vendors', { name: '株式会社中断', status: 'active' })).body;
      const audit = (await call('POST', `/api/v1/vendors/${vendor.id}/audits`, { kind: 'remote', scheduledFor: '2026-01-01' })).body;
      const soon = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tokyo' }).format(new Date(Date.now() + 3 * 86_400_000));
      for (let n = 0; n < 6; n += 1) {
        expect((await call('POST', `/api/v1/audits/${audit.id}/findings`, { title: `指摘${n}`, severity: 'low', dueOn: soon, ownerEmail: `owner-${n}@example.test` })).status).toBe(201);
      }
      void call('POST', '/api/v1/reminders/run', {}).catch(() => undefined);
      await arrived;
    } finally {
      first.process.kill('SIGKILL');
      expect(await first.stop()).toBe('SIGKILL');
    }

    const second = await startApp(env, port);
    try {
      call = api(await login(port, 'kill test password 123'));
      const before = (await call('GET', '/api/v1/notifications?pageSize=200')).body;
      expect(before.total).toBe(6);
      expect(before.items.some((row: { status: string }) => row.status === 'sending')).toBe(true);
      // Within the lease the dead run's rows are left alone; after it, they are taken over.
      await new Promise((resolve) => setTimeout(resolve, 2500));
      const rerun = (await call('POST', '/api/v1/reminders/run', {})).body;
      expect(rerun).toMatchObject({ created: 0, failed: 0 });
      const after = (await call('GET', '/api/v1/notifications?pageSize=200')).body;
      expect(after.total).toBe(6);
      expect(after.items.map((row: { status: string }) => row.status)).toEqual(Array(6).fill('sent'));
      expect(new Set(received)).toEqual(new Set(Array.from({ length: 6 }, (_, n) => `owner-${n}@example.test`)));
    } finally {
      await second.stop();
      await new Promise<void>((resolve) => smtp.close(() => resolve()));
    }
  }, 120_000);
});

interface RunningApp {
  process: ChildProcess;
  output(): string;
  /** SIGTERM, as an orchestrator sends it: Nest closes the app, then exits by the same signal. */
  stop(): Promise<number | string | null>;
  exited: Promise<number | string | null>;
}

async function startApp(env: Record<string, string | undefined>, port: number): Promise<RunningApp> {
  const child = spawn('node', [MAIN], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | string | null>((done) => child.on('exit', (code, signal) => done(code ?? signal)));
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`app exited with ${child.exitCode}:\n${output}`);
    try {
      if ((await fetch(`http://127.0.0.1:${port}/health`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`app did not become healthy:\n${output}`);
    await new Promise((done) => setTimeout(done, 200));
  }
  return {
    process: child,
    output: () => output,
    exited,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}

async function login(port: number, password: string): Promise<string> {
  const response = await fetch(`http://127.0.0.1:${port}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email: 'admin@example.com', password }),
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { token: string }).token;
}

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => done(port));
    });
  });
}
