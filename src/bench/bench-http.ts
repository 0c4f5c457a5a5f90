import { performance } from 'node:perf_hooks';
import { BENCH_ADMIN } from './bench-app';

/** Latencies of one measured thing, in milliseconds, and what went wrong. */
export interface Timings {
  times: number[];
  statuses: Map<number, number>;
  failures: number;
}

export function newTimings(): Timings {
  return { times: [], statuses: new Map(), failures: 0 };
}

export function percentile(times: readonly number[], p: number): number {
  if (times.length === 0) return NaN;
  const sorted = [...times].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** A signed-in client of the app: a bearer token for /api, a session cookie for the pages. */
export class BenchClient {
  private constructor(
    readonly baseUrl: string,
    private readonly token: string,
    private readonly cookie: string,
  ) {}

  static async signIn(baseUrl: string): Promise<BenchClient> {
    const login = await fetch(`${baseUrl}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(BENCH_ADMIN) });
    if (login.status !== 200) throw new Error(`sign-in failed: ${login.status} ${await login.text()}`);
    const { token } = (await login.json()) as { token: string };
    // The pages: the sign-in form with its CSRF token and pre-session cookie, as a browser does.
    const form = await fetch(`${baseUrl}/login`);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(await form.text())?.[1] ?? '';
    const pre = cookiesOf(form.headers.getSetCookie());
    const page = await fetch(`${baseUrl}/login`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: pre },
      body: new URLSearchParams({ _csrf: csrf, ...BENCH_ADMIN }).toString(),
    });
    if (page.status !== 303) throw new Error(`page sign-in failed: ${page.status}`);
    return new BenchClient(baseUrl, token, cookiesOf(page.headers.getSetCookie()));
  }

  /** A request with the credentials its path needs; the body is read completely. */
  async send(method: string, path: string, body?: unknown): Promise<{ status: number; json: () => unknown; ms: number }> {
    const started = performance.now();
    const response = await fetch(this.baseUrl + path, {
      method,
      redirect: 'manual',
      headers: {
        ...(path.startsWith('/api/') ? { authorization: `Bearer ${this.token}` } : { cookie: this.cookie }),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, json: () => JSON.parse(text) as unknown, ms: performance.now() - started };
  }

  async json<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await this.send(method, path, body);
    if (response.status >= 300) throw new Error(`${method} ${path}: ${response.status}`);
    return response.json() as T;
  }

  /** A download: time to the first byte of the body and to the last, and its size. */
  async download(path: string): Promise<{ status: number; firstByteMs: number; totalMs: number; bytes: number }> {
    const started = performance.now();
    const response = await fetch(this.baseUrl + path, { headers: { authorization: `Bearer ${this.token}` } });
    let firstByteMs = NaN;
    let bytes = 0;
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
      if (bytes === 0) firstByteMs = performance.now() - started;
      bytes += chunk.length;
    }
    return { status: response.status, firstByteMs, totalMs: performance.now() - started, bytes };
  }

  /** A multipart upload (an import) of one file. */
  async upload(path: string, file: Buffer, fileName: string): Promise<{ status: number; body: string; ms: number }> {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(file)], { type: 'text/csv' }), fileName);
    const started = performance.now();
    const response = await fetch(this.baseUrl + path, { method: 'POST', headers: { authorization: `Bearer ${this.token}` }, body: form });
    return { status: response.status, body: await response.text(), ms: performance.now() - started };
  }
}

/**
 * `requests` GETs of `path` from `concurrency` clients at once (after a few for warming up), each
 * timed from send to the last byte; stops early after `budgetMs` (a slow endpoint is still measured,
 * on fewer requests).
 */
export async function underConcurrency(client: BenchClient, path: string, requests: number, concurrency: number, budgetMs: number): Promise<Timings> {
  for (let warm = 0; warm < 3; warm += 1) await client.send('GET', path);
  const timings = newTimings();
  const deadline = performance.now() + budgetMs;
  let sent = 0;
  const worker = async () => {
    while (sent < requests && performance.now() < deadline) {
      sent += 1;
      try {
        const response = await client.send('GET', path);
        timings.times.push(response.ms);
        timings.statuses.set(response.status, (timings.statuses.get(response.status) ?? 0) + 1);
      } catch {
        timings.failures += 1;
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return timings;
}

/**
 * Probes each path every 100 ms until `work` settles, as a load balancer or a user would: the delay
 * counted runs from when the probe was due, so a blocked server counts in full.
 */
export async function probeDuring<T>(baseUrl: string, probes: Record<string, (url: string) => Promise<Response>>, work: Promise<T>): Promise<{ result: T; probes: Record<string, Timings> }> {
  let done = false;
  const settled = work.finally(() => (done = true));
  const results: Record<string, Timings> = {};
  const probe = async (name: string, send: (url: string) => Promise<Response>) => {
    const timings = (results[name] = newTimings());
    while (!done) {
      const due = performance.now();
      try {
        const response = await send(baseUrl);
        await response.arrayBuffer();
        timings.statuses.set(response.status, (timings.statuses.get(response.status) ?? 0) + 1);
        timings.times.push(performance.now() - due);
      } catch {
        timings.failures += 1;
      }
      await new Promise((resume) => setTimeout(resume, 100));
    }
  };
  await Promise.all([...Object.entries(probes).map(([name, send]) => probe(name, send)), settled.catch(() => undefined)]);
  return { result: await work, probes: results };
}

function cookiesOf(setCookie: string[]): string {
  return setCookie.map((cookie) => cookie.split(';')[0]).join('; ');
}
