import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { addDays } from '../rules/calendar';
import { BenchApp, LogLine, peakMemoryDuring } from './bench-app';
import { benchDatabase } from './bench-database';
import { BenchClient, newTimings, percentile, probeDuring, Timings, underConcurrency } from './bench-http';
import { benchImportFile, seedRegister } from './seed-register';

/**
 * `npm run bench [-- --vendors=10000,100000] [--requests=200] [--concurrency=8] [--writes=40]
 * [--import-rows=20000] [--json=FILE] [--reads=actions,page /] [--reads-only]`: the register at each
 * size, measured from outside the app (`--reads`: only the reads whose name contains one of the words;
 * `--reads-only`: the recompute and the reads alone, no writes, exports, jobs or import).
 *
 * For each size a fresh database (a temporary SQLite file, or `<database>_bench_<size>` beside the one
 * DATABASE_URL names on MySQL/MariaDB) is seeded directly (seed-register.ts: vendors with a contract
 * in force, its checklist, and supervision records), then the built app (dist/src/main.js) runs in its
 * own process and the benchmark, as its client:
 *  - starts it with the scheduler on, so the daily compliance recompute runs at start, and probes
 *    /health, a static file and an API read while it runs;
 *  - reads every read endpoint and page `requests` times from `concurrency` clients (p50/p95);
 *  - writes (a vendor, a contract, a checklist review) one after another, also on a register of 100
 *    vendors, the growth's baseline;
 *  - exports the register as CSV and .xlsx (first byte, total, the app's memory above idle);
 *  - runs the reminder job, probing as above;
 *  - imports `import-rows` new vendors (half with a contract) in one file while probing /health, a
 *    static file, an API read and a page every 100 ms.
 * It prints one table: p50/p95 (or the figure) per size, the growth from the first size to the last,
 * and the goal. Beside the latencies it prints the app's CPU time (per read request, per export, per
 * job, import rows per CPU-second): latencies grow when other processes share the machine's cores,
 * CPU time does not, so its growth is the register's alone (MariaDB's own work is not in it).
 */
interface Options {
  sizes: number[];
  requests: number;
  concurrency: number;
  writes: number;
  importRows: number;
  json?: string;
  /** Only the reads whose name contains one of these (all when empty). */
  reads: string[];
  readsOnly: boolean;
}

const WRITE_BASELINE = 100;
const ENDPOINT_BUDGET_MS = 30_000;

type Figure = { p50: number; p95: number; n: number; note?: string } | { value: number; note?: string };
interface Row {
  section: string;
  name: string;
  unit: string;
  goal: string;
  /** Growth is p95 (or the value) at the last size over the first size that has it. */
  growth: boolean;
  figures: Map<number, Figure>;
}

class Results {
  readonly rows: Row[] = [];

  add(section: string, name: string, unit: string, goal: string, size: number, figure: Figure, growth = true): void {
    let row = this.rows.find((candidate) => candidate.section === section && candidate.name === name);
    if (!row) {
      row = { section, name, unit, goal, growth, figures: new Map() };
      this.rows.push(row);
    }
    row.figures.set(size, figure);
  }

  timings(section: string, name: string, goal: string, size: number, timings: Timings): void {
    const statuses = [...timings.statuses].filter(([status]) => status >= 400).map(([status, count]) => `${count}×${status}`);
    const note = [...statuses, ...(timings.failures ? [`${timings.failures} failed`] : [])].join(' ');
    this.add(section, name, 'ms', goal, size, { p50: percentile(timings.times, 50), p95: percentile(timings.times, 95), n: timings.times.length, ...(note ? { note } : {}) });
  }
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const results = new Results();
  const started = performance.now();
  let engine = '';
  const sizes = options.readsOnly ? options.sizes : [WRITE_BASELINE, ...options.sizes];
  for (const size of sizes) {
    engine = await benchSize(size, size === WRITE_BASELINE, options, results);
  }
  const table = render(results, sizes, engine);
  console.log(table);
  console.log(`\n(${engine}; ${Math.round((performance.now() - started) / 1000)} s; load average at the end: ${(await import('node:os')).loadavg().map((n) => n.toFixed(2)).join(' ')})`);
  if (options.json) writeFileSync(options.json, JSON.stringify(results.rows.map((row) => ({ ...row, figures: Object.fromEntries(row.figures) })), null, 2));
}

async function benchSize(size: number, writesOnly: boolean, options: Options, results: Results): Promise<string> {
  const log = (message: string) => process.stderr.write(`[${size.toLocaleString('en')} vendors] ${message}\n`);
  const database = await benchDatabase(`bench_${size}`);
  let app: BenchApp | undefined;
  try {
    if (database.kind === 'sqlite') await database.dataSource.query('PRAGMA synchronous = OFF');
    const seedStarted = performance.now();
    const seeded = await seedRegister(database.dataSource, size, { records: true });
    const seedMs = performance.now() - seedStarted;
    results.add('setup', 'seeding (vendors with contract, 16 checklist items, records)', 'vendors/s', 'fast (bulk)', size, { value: size / (seedMs / 1000) }, false);
    log(`seeded in ${Math.round(seedMs)} ms`);
    await database.dataSource.destroy();

    // Start with the scheduler on: the daily compliance recompute runs at start, as after midnight.
    const spawned = performance.now();
    app = await BenchApp.start(database.url, { SCHEDULER_ENABLED: 'true' });
    const listeningAt = performance.now();
    results.add('setup', 'start-up until listening', 'ms', '', size, { value: listeningAt - spawned }, false);
    const recomputed = app.waitFor((line) => line.message === 'compliance recomputed', 30 * 60_000, spawned);
    const client = await BenchClient.signIn(app.baseUrl);
    // Recipients of the reminders that go to a role (audits due and overdue, the missing-clause digest).
    for (const role of ['compliance', 'legal'] as const) {
      await client.json('POST', '/api/v1/users', { email: `bench-${role}@example.com`, name: `Bench ${role}`, role, locale: 'ja', password: 'tranquil orchard lantern 58' });
    }
    const vendorId = seeded.vendorIds[Math.floor(size / 2)];
    const contractId = seeded.contractIds[Math.floor(size / 2)];
    const duringRecompute = await probeDuring(app.baseUrl, { ...publicProbes(), ...apiProbe(client, vendorId) }, recomputed.then((line) => ({ ...line, cpuMs: app!.cpuMs() })));
    const recomputeMs = numberField(duringRecompute.result, 'durationMs') ?? duringRecompute.result.at - spawned;
    results.add('daily jobs', 'compliance recompute of every vendor', 's', '< 60 s', size, { value: recomputeMs / 1000 });
    results.add('daily jobs', 'compliance recompute: app CPU time from spawn (start-up included)', 's', '', size, { value: duringRecompute.result.cpuMs / 1000 });
    for (const [name, timings] of Object.entries(duringRecompute.probes)) results.timings('daily jobs', `during the recompute: ${name}`, 'p95 < 1,000 ms', size, timings);
    log(`recomputed in ${Math.round(recomputeMs)} ms`);

    if (!writesOnly) {
      const future = addDays(new Date().toISOString().slice(0, 10), 400);
      for (const [name, path] of readPaths(vendorId, contractId, future).filter(([name]) => options.reads.length === 0 || options.reads.some((word) => name.includes(word)))) {
        const cpuBefore = app.cpuMs();
        const timings = await underConcurrency(client, path, options.requests, options.concurrency, ENDPOINT_BUDGET_MS);
        results.timings('reads', name, 'p95 < 100 ms, growth ≤ 1.5', size, timings);
        // Includes the 3 warm-up requests; the app's CPU per request, whatever else runs on the machine.
        results.add('reads: app CPU time per request (load-independent cost)', name, 'ms', 'growth ≤ 1.5', size, { value: (app.cpuMs() - cpuBefore) / (timings.times.length + timings.failures + 3) });
      }
      log('reads measured');
    }
    if (options.readsOnly) return database.kind;

    await measureWrites(client, size, options.writes, results);
    log('writes measured');
    if (writesOnly) return database.kind;

    for (const format of ['csv', 'xlsx'] as const) {
      const exportCpuBefore = app.cpuMs();
      const { result, peakAbove } = await peakMemoryDuring(app, () => client.download(`/api/v1/exports/vendors?format=${format}`));
      results.add('exports', `${format} export of the register: app CPU time`, 's', '', size, { value: (app.cpuMs() - exportCpuBefore) / 1000 });
      const note = result.status === 200 ? `${(result.bytes / 1e6).toFixed(1)} MB` : `status ${result.status}`;
      results.add('exports', `${format} export of the register: first byte`, 'ms', '< 1,000 ms', size, { value: result.firstByteMs, note });
      results.add('exports', `${format} export of the register: complete`, 's', '', size, { value: result.totalMs / 1000, note });
      results.add('exports', `${format} export of the register: memory above idle`, 'MB', '< 300 MB, flat', size, { value: peakAbove / 1e6 });
    }
    log('exports measured');

    const reminderStarted = performance.now();
    const reminderCpuBefore = app.cpuMs();
    const duringReminders = await probeDuring(app.baseUrl, { ...publicProbes(), ...apiProbe(client, vendorId) }, client.send('POST', '/api/v1/reminders/run', {}));
    const reminderLine = app.lines.find((line) => line.at >= reminderStarted && line.message === 'reminders run');
    results.add('daily jobs', 'reminder job: selection and ledger', 's', '< 60 s', size, { value: (numberField(reminderLine, 'selectionMs') ?? duringReminders.result.ms) / 1000, note: `${numberField(reminderLine, 'created') ?? '?'} created` });
    results.add('daily jobs', 'reminder job: whole run (with delivery)', 's', '', size, { value: duringReminders.result.ms / 1000, note: `status ${duringReminders.result.status}` });
    results.add('daily jobs', 'reminder job: app CPU time (whole run, probes included)', 's', '', size, { value: (app.cpuMs() - reminderCpuBefore) / 1000 });
    for (const [name, timings] of Object.entries(duringReminders.probes)) results.timings('daily jobs', `during the reminder job: ${name}`, 'p95 < 1,000 ms', size, timings);
    log('reminder job measured');

    const file = benchImportFile(options.importRows, size);
    const importCpuBefore = app.cpuMs();
    const { result: duringImport, peakAbove } = await peakMemoryDuring(app, () =>
      probeDuring(app!.baseUrl, { ...publicProbes(), ...apiProbe(client, vendorId), 'page /vendors': (url) => pageGet(client, url, '/vendors') }, client.upload('/api/v1/imports/vendors', file, 'register.csv')),
    );
    const imported = duringImport.result;
    const importNote = imported.status === 200 ? '' : `status ${imported.status}: ${imported.body.slice(0, 200)}`;
    results.add('import', `${options.importRows.toLocaleString('en')}-row import (one transaction)`, 'rows/s', '≥ 1,000 rows/s', size, { value: options.importRows / (imported.ms / 1000), ...(importNote ? { note: importNote } : {}) });
    results.add('import', 'import: rows per second of the app\'s CPU time (probes included)', 'rows/s', '', size, { value: options.importRows / ((app.cpuMs() - importCpuBefore) / 1000) });
    results.add('import', 'import: memory above idle', 'MB', '< 300 MB', size, { value: peakAbove / 1e6 });
    for (const [name, timings] of Object.entries(duringImport.probes)) results.timings('import', `during the import: ${name}`, 'p95 < 1,000 ms', size, timings);
    log('import measured');
    return database.kind;
  } finally {
    await app?.stop();
    await database.cleanup();
  }
}

/** What a load balancer, a browser's stylesheet and an API client ask during a long job. */
function publicProbes(): Record<string, (url: string) => Promise<Response>> {
  return {
    '/health': (url) => fetch(`${url}/health`),
    '/assets/app.css': (url) => fetch(`${url}/assets/app.css`),
  };
}

function apiProbe(client: BenchClient, vendorId: string): Record<string, (url: string) => Promise<Response>> {
  return { [`API /api/v1/vendors/:id`]: () => client.send('GET', `/api/v1/vendors/${vendorId}`).then((response) => new Response(null, { status: response.status })) };
}

function pageGet(client: BenchClient, _url: string, path: string): Promise<Response> {
  return client.send('GET', path).then((response) => new Response(null, { status: response.status }));
}

function readPaths(vendorId: string, contractId: string, future: string): Array<[string, string]> {
  return [
    ['API vendors: page 1', '/api/v1/vendors'],
    ['API vendors: complianceStatus=non-compliant', '/api/v1/vendors?complianceStatus=non-compliant'],
    ['API vendors: flag=missing-clause', '/api/v1/vendors?flag=missing-clause'],
    ['API vendors: q (search by name)', `/api/v1/vendors?q=${encodeURIComponent('委託先 0042')}`],
    ['API vendors: sort=-updatedAt', '/api/v1/vendors?sort=-updatedAt'],
    ['API vendor', `/api/v1/vendors/${vendorId}`],
    ['API vendor compliance (today)', `/api/v1/vendors/${vendorId}/compliance`],
    ['API vendor compliance (asOf in 400 days)', `/api/v1/vendors/${vendorId}/compliance?asOf=${future}`],
    ['API flags: page 1', '/api/v1/flags'],
    ['API flags: page 100', '/api/v1/flags?page=100'],
    ['API flags: code=missing-clause', '/api/v1/flags?code=missing-clause'],
    ['API flags: severity=warning', '/api/v1/flags?severity=warning'],
    ['API flags: vendorId', `/api/v1/flags?vendorId=${vendorId}`],
    ['API flags: vendorId, asOf in 400 days', `/api/v1/flags?vendorId=${vendorId}&asOf=${future}`],
    ['API flags: asOf in 400 days (all vendors)', `/api/v1/flags?asOf=${future}`],
    ['API contracts of a vendor', `/api/v1/vendors/${vendorId}/contracts`],
    ['API checklist', `/api/v1/contracts/${contractId}/checklist`],
    ['API audits', '/api/v1/audits'],
    ['API findings', '/api/v1/findings'],
    ['API notifications', '/api/v1/notifications'],
    ['API audit log', '/api/v1/audit-log'],
    ['API actions: page 1', '/api/v1/actions'],
    ['API actions: page 20', '/api/v1/actions?page=20'],
    ['API actions: kind=conduct-audit', '/api/v1/actions?kind=conduct-audit'],
    ['API actions: role=legal', '/api/v1/actions?role=legal'],
    ['API actions: riskTier=high', '/api/v1/actions?riskTier=high'],
    ['API work queues', '/api/v1/work-queues'],
    ['page /', '/'],
    ['page /actions', '/actions'],
    ['page /vendors', '/vendors'],
    ['page /vendors?flag=missing-clause', '/vendors?flag=missing-clause'],
    ['page /vendors/:id', `/vendors/${vendorId}`],
    ['page /contracts/:id', `/contracts/${contractId}`],
    ['page /flags', '/flags'],
    ['page /flags?code=missing-clause', '/flags?code=missing-clause'],
    ['page /audits', '/audits'],
    ['page /audits?view=calendar', '/audits?view=calendar'],
    ['page /findings', '/findings'],
    ['page /notifications', '/notifications'],
    ['page /catalogue', '/catalogue'],
    ['page /settings', '/settings'],
  ];
}

/** Creating a vendor, a contract of it and reviewing one clause of that contract, one after another. */
async function measureWrites(client: BenchClient, size: number, count: number, results: Results): Promise<void> {
  const timings = { vendor: newTimings(), contract: newTimings(), review: newTimings() };
  const goal = 'ratio ≤ 1.5 (vs 100 vendors)';
  for (let n = 0; n < count + 3; n += 1) {
    const warm = n < 3;
    const vendor = await client.send('POST', '/api/v1/vendors', { name: `書込み委託先 ${size}-${n}`, dataCategories: ['customer'], status: 'active' });
    const vendorId = (vendor.json() as { id: string }).id;
    const contract = await client.send('POST', `/api/v1/vendors/${vendorId}/contracts`, { title: '業務委託契約書', kind: 'entrustment', status: 'signed', effectiveFrom: '2024-04-01' });
    const contractId = (contract.json() as { id: string }).id;
    const review = await client.send('PUT', `/api/v1/contracts/${contractId}/checklist/scope-purpose`, { status: 'present', section: '第1条', version: 1 });
    if (warm) continue;
    for (const [timing, response] of [[timings.vendor, vendor], [timings.contract, contract], [timings.review, review]] as const) {
      timing.times.push(response.ms);
      timing.statuses.set(response.status, (timing.statuses.get(response.status) ?? 0) + 1);
    }
  }
  results.timings('writes', 'create a vendor (POST /api/v1/vendors)', goal, size, timings.vendor);
  results.timings('writes', 'create a contract (POST …/contracts)', goal, size, timings.contract);
  results.timings('writes', 'review a clause (PUT …/checklist/:clauseType)', goal, size, timings.review);
}

function numberField(line: LogLine | undefined, field: string): number | undefined {
  const value = line?.[field];
  return typeof value === 'number' ? value : undefined;
}

function render(results: Results, sizes: number[], engine: string): string {
  const format = (value: number) => (Number.isNaN(value) ? '–' : value >= 100 ? Math.round(value).toLocaleString('en') : value.toFixed(value >= 10 ? 1 : 2));
  const cell = (figure: Figure | undefined) => {
    if (!figure) return ['', ''];
    const note = figure.note ? ` (${figure.note})` : '';
    return 'value' in figure ? [format(figure.value) + note, ''] : [format(figure.p50), format(figure.p95) + note];
  };
  const lines = [
    `| ${engine} | unit | ${sizes.map((size) => `${size.toLocaleString('en')}: p50 or figure | p95`).join(' | ')} | growth | goal |`,
    `|---|---|${sizes.map(() => '---:|---:').join('|')}|---:|---|`,
  ];
  let section = '';
  // Rows grouped by section, sections in the order they first appeared (reads and their CPU rows interleave as measured).
  const sections = [...new Set(results.rows.map((row) => row.section))];
  const grouped = sections.flatMap((name) => results.rows.filter((row) => row.section === name));
  for (const row of grouped) {
    if (row.section !== section) {
      section = row.section;
      lines.push(`| **${section}** | |${sizes.map(() => ' | ').join('|')}| | |`);
    }
    const measured = sizes.filter((size) => row.figures.has(size));
    const key = (figure: Figure) => ('value' in figure ? figure.value : figure.p95);
    const growth = row.growth && measured.length > 1 ? key(row.figures.get(measured[measured.length - 1])!) / key(row.figures.get(measured[0])!) : NaN;
    lines.push(`| ${row.name} | ${row.unit} | ${sizes.map((size) => cell(row.figures.get(size)).join(' | ')).join(' | ')} | ${Number.isNaN(growth) ? '' : `${growth.toFixed(2)}×`} | ${row.goal} |`);
  }
  return lines.join('\n');
}

function parseOptions(args: string[]): Options {
  const value = (name: string) => args.find((arg) => arg.startsWith(`--${name}=`))?.split('=')[1];
  return {
    sizes: (value('vendors') ?? '10000,100000').split(',').map(Number).filter((size) => size > 0),
    requests: Number(value('requests') ?? 200),
    concurrency: Number(value('concurrency') ?? 8),
    writes: Number(value('writes') ?? 40),
    importRows: Number(value('import-rows') ?? 20_000),
    json: value('json'),
    reads: (value('reads') ?? '').split(',').filter((word) => word !== ''),
    readsOnly: args.includes('--reads-only'),
  };
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
