import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

export const BENCH_ADMIN = { email: 'bench-admin@example.com', password: 'bench admin password 2026' };

/** One JSON log line of the app (LOG_FORMAT=json), with the time the benchmark read it. */
export interface LogLine {
  at: number;
  message?: unknown;
  [field: string]: unknown;
}

/**
 * The built app (dist/src/main.js) in its own process on a free port, as it runs in production: the
 * benchmark measures it from outside (latency as a client sees it, memory of that process only).
 */
export class BenchApp {
  readonly lines: LogLine[] = [];
  private readonly waiters: Array<{ match: (line: LogLine) => boolean; resolve: (line: LogLine) => void; reject: (error: Error) => void }> = [];
  private exited = false;

  private constructor(
    private readonly child: ChildProcess,
    readonly baseUrl: string,
    private readonly dataDir: string,
  ) {
    createInterface({ input: child.stdout! }).on('line', (text) => this.heard(text));
    createInterface({ input: child.stderr! }).on('line', (text) => this.heard(text));
    // An app that exits (a failed start-up, a crash) fails whoever waits for a line instead of leaving them to time out.
    child.on('exit', () => (this.exited = true));
    // 'close' comes after the last lines of its output were heard (they say why).
    child.on('close', (code, signal) => {
      const error = this.exitError(code, signal);
      for (const waiter of this.waiters.splice(0)) waiter.reject(error);
    });
  }

  /** Starts the app on `databaseUrl` and resolves once it listens. */
  static async start(databaseUrl: string, env: Record<string, string> = {}): Promise<BenchApp> {
    const port = await freePort();
    const dataDir = mkdtempSync(join(tmpdir(), 'oversight-bench-app-'));
    const child = spawn(process.execPath, [join(__dirname, '..', 'main.js')], {
      env: {
        PATH: process.env.PATH ?? '',
        DATABASE_URL: databaseUrl,
        PORT: String(port),
        DATA_DIR: dataDir,
        ADMIN_EMAIL: BENCH_ADMIN.email,
        ADMIN_PASSWORD: BENCH_ADMIN.password,
        SESSION_SECRET: 'bench-session-secret-that-is-long-enough-0123456789',
        LOG_FORMAT: 'json',
        LOG_LEVEL: 'log',
        SCHEDULER_ENABLED: 'false',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const app = new BenchApp(child, `http://127.0.0.1:${port}`, dataDir);
    await app.waitFor((line) => line.message === 'listening', 15 * 60_000);
    return app;
  }

  get pid(): number {
    return this.child.pid!;
  }

  /** The process's resident memory now, in bytes (Linux: /proc). */
  rss(): number {
    const status = readFileSync(`/proc/${this.pid}/status`, 'utf8');
    return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) * 1024;
  }

  /**
   * The CPU time the app's process has used so far (every thread: the event loop, SQLite's
   * checkpoint worker, the thread pool), in milliseconds (Linux: /proc, utime + stime in clock ticks of
   * 10 ms). Unlike latencies it does not grow when other processes share the cores: the cost of work
   * as it would be on an idle machine. A database server's own work (MariaDB) is not in it.
   */
  cpuMs(): number {
    const stat = readFileSync(`/proc/${this.pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  }

  /** The first log line (from now on, or already heard when `since` is given) that matches. */
  waitFor(match: (line: LogLine) => boolean, timeoutMs: number, since?: number): Promise<LogLine> {
    const earlier = since === undefined ? undefined : this.lines.find((line) => line.at >= since && match(line));
    if (earlier) return Promise.resolve(earlier);
    if (this.exited) return Promise.reject(this.exitError(this.child.exitCode, this.child.signalCode));

    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the app did not log the expected line within ${timeoutMs} ms`)), timeoutMs);
      this.waiters.push({
        match,
        resolve: (line) => {
          clearTimeout(timer);
          resolve(line);
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      });
    });
  }

  private exitError(code: number | null, signal: NodeJS.Signals | null): Error {
    return new Error(`the app exited (${signal ?? `code ${code}`}): ${this.lines.slice(-5).map((line) => JSON.stringify(line)).join(' ')}`);
  }

  async stop(): Promise<void> {
    if (!this.exited) {
      const exited = new Promise((resolve) => this.child.once('exit', resolve));
      this.child.kill('SIGTERM');
      await exited;
    }
    rmSync(this.dataDir, { recursive: true, force: true });
  }

  private heard(text: string): void {
    let line: LogLine;
    try {
      // Nest's JSON logger: {level, pid, timestamp, message: {message, …fields}, context}.
      const parsed = JSON.parse(text) as { message?: unknown };
      const fields = parsed.message !== null && typeof parsed.message === 'object' ? (parsed.message as object) : { message: parsed.message };
      line = { ...parsed, ...fields, at: performance.now() };
    } catch {
      line = { message: text, at: performance.now() };
    }
    this.lines.push(line);
    if (line.level === 'error' || line.level === 'fatal') process.stderr.write(`app: ${text}\n`);
    for (const waiter of [...this.waiters]) {
      if (!waiter.match(line)) continue;
      this.waiters.splice(this.waiters.indexOf(waiter), 1);
      waiter.resolve(line);
    }
  }
}

/**
 * The highest resident memory of the app while `work` runs, sampled every 20 ms, minus its memory
 * just before (both in bytes).
 */
export async function peakMemoryDuring<T>(app: BenchApp, work: () => Promise<T>): Promise<{ result: T; idle: number; peakAbove: number }> {
  const idle = app.rss();
  let peak = idle;
  const sampler = setInterval(() => {
    try {
      peak = Math.max(peak, app.rss());
    } catch {
      // the process is gone: the work fails on its own
    }
  }, 20);
  try {
    const result = await work();
    peak = Math.max(peak, app.rss());
    return { result, idle, peakAbove: peak - idle };
  } finally {
    clearInterval(sampler);
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
