import { Worker } from 'node:worker_threads';

/** How often the worker copies the write-ahead log into the database file. */
const INTERVAL_MS = 1_000;
/** SQLite's own default: a commit checkpoints once the log holds this many pages. */
const DEFAULT_AUTOCHECKPOINT = 1_000;

/**
 * In WAL mode SQLite copies the log into the database file (a checkpoint) when a commit finds the log
 * past 1,000 pages, synchronously, in the committing connection: on the request thread. After a
 * transaction that wrote a lot (an import of 20,000 rows, a slice of the daily recompute) that is
 * hundreds of milliseconds to seconds in which the process serves nothing, not even /health. So the
 * app's connection never checkpoints; a worker thread with a connection of its own does, every second
 * (PASSIVE: it waits for no reader or writer). Durability is unchanged: commits still sync the log.
 * Should the worker die, the app's connection checkpoints again itself.
 */
export function checkpointOffThread(path: string, connection: { pragma(sql: string): unknown }): { stop(): Promise<void> } {
  let stopping = false;
  const worker = new Worker(
    `const { workerData } = require('node:worker_threads');
     const Database = require(workerData.driver);
     const db = new Database(workerData.path, { fileMustExist: true });
     db.pragma('busy_timeout = 5000');
     setInterval(() => {
       try { db.pragma('wal_checkpoint(PASSIVE)'); } catch { /* busy now: the next second */ }
     }, workerData.intervalMs);`,
    { eval: true, workerData: { path, driver: require.resolve('better-sqlite3'), intervalMs: INTERVAL_MS } },
  );
  worker.unref();
  connection.pragma('wal_autocheckpoint = 0');
  const fallBack = () => {
    if (!stopping) connection.pragma(`wal_autocheckpoint = ${DEFAULT_AUTOCHECKPOINT}`);
  };
  worker.once('error', fallBack);
  worker.once('exit', fallBack);
  return {
    async stop() {
      stopping = true;
      await worker.terminate();
    },
  };
}
