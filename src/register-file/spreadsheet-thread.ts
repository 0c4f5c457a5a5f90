import { Mutex } from 'async-mutex';
import { extname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { FileProblem, ReadSheet, UploadedSpreadsheet } from './spreadsheet-reader';

/**
 * Uploaded spreadsheets are read in a worker thread, for two reasons:
 * - the request thread stays free: decoding, unzipping and parsing a 20,000-row register takes
 *   seconds of CPU, during which /health, static files and every other request would wait;
 * - memory has a hard ceiling: V8 stops the worker when its heap reaches `HEAP_LIMIT_MB` (a
 *   pathological workbook that passes the zip guard ends as a 400, never as the server's out-of-memory
 *   crash), and files are read one at a time, so parallel uploads do not add up.
 * The worker lives while it is used and ends after a minute without work.
 */
const HEAP_LIMIT_MB = 160;
const IDLE_MS = 60_000;

let worker: Worker | null = null;
let idleTimer: NodeJS.Timeout | null = null;
const oneAtATime = new Mutex();

export function readSpreadsheetOffThread(file: UploadedSpreadsheet): Promise<ReadSheet> {
  return oneAtATime.runExclusive(async () => {
    if (idleTimer) clearTimeout(idleTimer);
    const thread = (worker ??= startWorker());
    try {
      return await new Promise<ReadSheet>((resolve, reject) => {
        const rows: ReadSheet['rows'] = [];
        const onMessage = (message: { rows?: ReadSheet['rows']; sheet?: Omit<ReadSheet, 'rows'>; problem?: { code: FileProblem['code']; params: FileProblem['params'] }; failure?: string }) => {
          if (message.rows) {
            for (const row of message.rows) rows.push(row);
            return;
          }
          done();
          if (message.sheet) resolve({ ...message.sheet, rows });
          else if (message.problem) reject(new FileProblem(message.problem.code, message.problem.params));
          else reject(new Error(`spreadsheet worker: ${message.failure}`));
        };
        // Out of memory (ERR_WORKER_OUT_OF_MEMORY) or any other death: the file is what killed it.
        const onExit = () => {
          done();
          reject(new FileProblem('import-too-large-unpacked', { max: HEAP_LIMIT_MB }));
        };
        const onError = () => undefined;
        const done = () => {
          thread.off('message', onMessage);
          thread.off('exit', onExit);
          thread.off('error', onError);
        };
        thread.on('message', onMessage);
        thread.on('exit', onExit);
        thread.on('error', onError);
        thread.postMessage({ buffer: file.buffer, originalname: file.originalname, mimetype: file.mimetype });
      });
    } finally {
      idleTimer = setTimeout(stopWorker, IDLE_MS);
      idleTimer.unref();
    }
  });
}

function startWorker(): Worker {
  // The app runs compiled (dist/…/*.js) in production and from TypeScript sources under Jest; there the
  // worker compiles the reader's modules with TypeScript's transpileModule as it loads them.
  const entry = join(__dirname, `spreadsheet-worker${extname(__filename)}`);
  const thread = new Worker(
    `const { workerData } = require('node:worker_threads');
     if (workerData.entry.endsWith('.ts')) {
       const ts = require(require.resolve('typescript', { paths: [workerData.entry] }));
       const fs = require('node:fs');
       require.extensions['.ts'] = (module, filename) => module._compile(ts.transpileModule(fs.readFileSync(filename, 'utf8'), {
         fileName: filename, compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
       }).outputText, filename);
     }
     require(workerData.entry);
     // Every module is loaded now: let the compiler go (it weighs more than the reader).
     delete require.extensions['.ts'];
     for (const key of Object.keys(require.cache)) if (key.includes('/node_modules/typescript/')) delete require.cache[key];`,
    { eval: true, workerData: { entry }, resourceLimits: { maxOldGenerationSizeMb: HEAP_LIMIT_MB, maxYoungGenerationSizeMb: 16 } },
  );
  thread.unref();
  thread.once('exit', () => {
    if (worker === thread) worker = null;
  });
  return thread;
}

function stopWorker(): void {
  const thread = worker;
  worker = null;
  void thread?.terminate();
}
