import 'reflect-metadata';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { writeHeapSnapshot } from 'node:v8';
import { boundHeapGrowth } from '../common/heap-growth';
import { benchDatabase } from './bench-database';
import { benchImportFile, seedRegister } from './seed-register';

/**
 * Where an import's or an export's memory goes, measured inside the app's process (no HTTP):
 *   npm run build
 *   node dist/src/bench/memory.probe.js --vendors=100000            # seeds a register, prints its DATABASE_URL
 *   node --expose-gc dist/src/bench/memory.probe.js --url=<that URL> --work=import|csv|xlsx
 *        [--import-rows=20000] [--before=csv,xlsx,reminders] [--live] [--snapshot-mb=M]
 * The second starts the app's module on the seeded register (the import writes into it: copy a SQLite
 * file first to run again), recomputes, then runs the work while sampling process.memoryUsage()
 * every 20 ms, and prints the peaks above idle of RSS, the JS heap and what lies outside it. `--before`
 * runs what the benchmark runs before its import first (the idle heap and V8's heap limits are then
 * the benchmark's), `--live` collects garbage once a second to show what is still reachable, and
 * `--snapshot-mb` writes a heap snapshot once the heap is M MB above idle.
 */
async function main(): Promise<void> {
  const arg = (name: string) => process.argv.find((value) => value.startsWith(`--${name}=`))?.split('=')[1];
  const size = Number(arg('vendors') ?? 10_000);
  const work = arg('work') ?? 'import';
  const importRows = Number(arg('import-rows') ?? 20_000);
  // --live: once a second a full collection first, so the heap is what is still reachable, not garbage.
  const live = process.argv.includes('--live');
  const snapshotMb = arg('snapshot-mb') ? Number(arg('snapshot-mb')) : null;

  if (!arg('url')) {
    // Seeded in a process of its own (its memory is not the app's); the database is kept for the runs.
    const database = await benchDatabase(`probe_${size}`);
    if (database.kind === 'sqlite') await database.dataSource.query('PRAGMA synchronous = OFF');
    await seedRegister(database.dataSource, size, { records: true });
    await database.dataSource.destroy();
    console.log(database.url);
    return;
  }
  {
    // As main.ts does (--heap-growing-percent=0 on the command line: V8's own growth, for comparison).
    boundHeapGrowth();
    Object.assign(process.env, {
      DATABASE_URL: arg('url'),
      PORT: '59999',
      DATA_DIR: mkdtempSync(join(tmpdir(), 'oversight-probe-')),
      ADMIN_EMAIL: 'probe@example.com',
      ADMIN_PASSWORD: 'tranquil orchard lantern 58',
      SESSION_SECRET: 'probe-session-secret-that-is-long-enough-0123456789',
      LOG_FORMAT: 'json',
      LOG_LEVEL: 'warn',
      SCHEDULER_ENABLED: 'false',
    });
    const { NestFactory } = await import('@nestjs/core');
    const { AppModule } = await import('../app.module');
    const { ComplianceService } = await import('../compliance/compliance.service');
    const { ImportsService } = await import('../imports/imports.service');
    const { ExportsService } = await import('../exports/exports.service');
    const { RemindersService } = await import('../reminders/reminders.service');
    const app = await NestFactory.create(AppModule, { logger: ['error', 'warn'], bodyParser: false });
    await app.init();
    await app.get(ComplianceService).recomputeAll();
    const gc0 = (globalThis as { gc?: () => void }).gc;
    gc0?.();
    console.log(`after start and recompute: heap ${mb(process.memoryUsage().heapUsed)} MB, rss ${mb(process.memoryUsage().rss)} MB`);
    // --before=csv,xlsx,reminders: what the benchmark does before its import, so the idle heap is its.
    for (const step of (arg('before') ?? '').split(',').filter(Boolean)) {
      if (step === 'reminders') await app.get(RemindersService).run();
      else {
        const file = await app.get(ExportsService).vendorRegister({} as never, { format: step as 'csv' | 'xlsx', locale: 'ja' });
        for await (const _chunk of file.body) void _chunk;
      }
      gc0?.();
      console.log(`after ${step}: heap ${mb(process.memoryUsage().heapUsed)} MB, rss ${mb(process.memoryUsage().rss)} MB`);
    }
    const gc = (globalThis as { gc?: () => void }).gc;
    gc?.();
    const idle = sample();
    let peak = { ...idle };
    let snapshot: string | null = null;
    let livePeak = idle.heapUsed;
    const series: string[] = [];
    const started = performance.now();
    let last = 0;
    const timer = setInterval(() => {
      let now = sample();
      if (live && performance.now() - last > 1000) {
        gc?.();
        now = sample();
        livePeak = Math.max(livePeak, now.heapUsed);
      }
      for (const key of Object.keys(now) as Array<keyof Sample>) peak[key] = Math.max(peak[key], now[key]);
      if (performance.now() - last > 1000) {
        last = performance.now();
        series.push(`${((last - started) / 1000).toFixed(1)}s rss ${mb(now.rss - idle.rss)} heap ${mb(now.heapUsed - idle.heapUsed)} external ${mb(now.external - idle.external)}`);
      }
      if (snapshotMb !== null && !snapshot && now.heapUsed - idle.heapUsed > snapshotMb * 1e6) snapshot = writeHeapSnapshot();
    }, 20);
    if (work === 'import') {
      const imports = app.get(ImportsService);
      const result = await imports.run({ buffer: benchImportFile(importRows, size), originalname: 'register.csv' }, { dryRun: false, locale: 'ja' });
      console.log(`imported: ${result.vendors.created} vendors created, ${result.contracts.created} contracts, ${Math.round(performance.now() - started)} ms`);
    } else {
      const exportsService = app.get(ExportsService);
      const file = await exportsService.vendorRegister({} as never, { format: work as 'csv' | 'xlsx', locale: 'ja' });
      let bytes = 0;
      for await (const chunk of file.body) bytes += (chunk as Buffer).length;
      console.log(`exported ${(bytes / 1e6).toFixed(1)} MB in ${Math.round(performance.now() - started)} ms`);
    }
    clearInterval(timer);
    const end = sample();
    for (const key of Object.keys(end) as Array<keyof Sample>) peak[key] = Math.max(peak[key], end[key]);
    console.log(series.join('\n'));
    console.log(`${size.toLocaleString('en')} vendors, ${work}: peak above idle: rss ${mb(peak.rss - idle.rss)} MB, heapUsed ${mb(peak.heapUsed - idle.heapUsed)} MB, heapTotal ${mb(peak.heapTotal - idle.heapTotal)} MB, external ${mb(peak.external - idle.external)} MB, arrayBuffers ${mb(peak.arrayBuffers - idle.arrayBuffers)} MB; idle rss ${mb(idle.rss)} MB heap ${mb(idle.heapUsed)} MB`);
    if (live) console.log(`live heap peak above idle: ${mb(livePeak - idle.heapUsed)} MB`);
    if (snapshot) console.log(`heap snapshot: ${snapshot}`);
    await app.close();
  }
}

type Sample = ReturnType<typeof process.memoryUsage>;

function sample(): Sample {
  // rss is /proc's VmRSS, the benchmark's figure.
  return process.memoryUsage();
}

function mb(bytes: number): string {
  return (bytes / 1e6).toFixed(0);
}

void main();
