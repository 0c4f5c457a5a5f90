import { Mutex } from 'async-mutex';
import { AsyncLocalStorage } from 'node:async_hooks';
import { eventLoopTurns } from '../common/event-loop';
import { checkpointOffThread } from './sqlite-checkpoints';
import { DataSource, QueryRunner } from 'typeorm';
import { BetterSqlite3Driver } from 'typeorm/driver/better-sqlite3/BetterSqlite3Driver';
import { BetterSqlite3QueryRunner } from 'typeorm/driver/better-sqlite3/BetterSqlite3QueryRunner';

/**
 * TypeORM's better-sqlite3 driver shares ONE query runner (one connection) among all callers, so two
 * requests that open transactions at once interleave on it: the second BEGIN fails, or a plain write of
 * one request lands inside another's transaction and is rolled back with it. On SQLite every
 * transaction therefore runs alone (a mutex), and writes from outside the running transaction wait
 * for it to finish. Reads from outside it (a page, a list) do not wait: on a database file in WAL mode
 * they go to a second, read-only connection, which sees what was last committed (as a read on MySQL's
 * pool does), so a 20,000-row import or the daily job in its transaction never holds up a page. An
 * in-memory database has one connection only: there reads wait too. MySQL/MariaDB use a connection
 * per transaction and need none of this.
 */
export interface SqliteGate {
  /** Runs `transaction` alone: after the running one, before the next (re-entrant for its own statements). */
  runAlone<T>(transaction: () => Promise<T>): Promise<T>;
}

interface GateState {
  mutex: Mutex;
  owner: AsyncLocalStorage<symbol>;
  current: symbol | null;
}

const gates = new WeakMap<DataSource, SqliteGate>();

export function installSqliteGate(dataSource: DataSource): void {
  if (dataSource.options.type !== 'better-sqlite3' || gates.has(dataSource)) return;
  const state: GateState = { mutex: new Mutex(), owner: new AsyncLocalStorage<symbol>(), current: null };
  const runner: QueryRunner = dataSource.driver.createQueryRunner('master');
  // DataSource.createQueryRunner() gives the one runner a NEW EntityManager every time it is called
  // (any plain dataSource.query() does), so a transaction that started with one manager would see its
  // subscribers' events carry another. One connection, one manager: the first one stays.
  const manager = runner.manager ?? dataSource.createEntityManager(runner);
  Object.defineProperty(runner, 'manager', { get: () => manager, set: () => undefined, configurable: true });
  const query = runner.query.bind(runner) as (...args: unknown[]) => Promise<unknown>;
  const startTransaction = runner.startTransaction.bind(runner);
  const insideCurrent = () => state.current !== null && state.owner.getStore() === state.current;
  const reader = openReader(dataSource);
  // better-sqlite3 answers synchronously, so a transaction of thousands of statements would never let
  // the event loop turn: between its statements it does, every 20 ms. Statements from outside it (a
  // page's reads) do not pause: each would otherwise wait for another 20 ms of the transaction's work.
  const turns = eventLoopTurns();
  (runner as { query: unknown }).query = async (...args: unknown[]) => {
    if (insideCurrent()) {
      await turns.pause();
      return query(...args);
    }
    if (reader && typeof args[0] === 'string' && READ.test(args[0])) return reader.query(...(args as Parameters<QueryRunner['query']>));
    return state.mutex.runExclusive(() => query(...args));
  };
  runner.startTransaction = (isolationLevel) => {
    if (!insideCurrent()) {
      // A transaction opened around the gate (e.g. repository.save() outside runInTransaction)
      // could swallow other requests' writes: refuse it loudly instead.
      throw new Error('SQLite: open transactions with runInTransaction(), not directly (e.g. repository.save outside it)');
    }
    return startTransaction(isolationLevel);
  };
  gates.set(dataSource, {
    runAlone<T>(transaction: () => Promise<T>): Promise<T> {
      if (insideCurrent()) return transaction();
      return state.mutex.runExclusive(() => {
        const token = Symbol('transaction');
        state.current = token;
        return state.owner.run(token, async () => {
          try {
            return await transaction();
          } finally {
            state.current = null;
          }
        });
      });
    },
  });
}

/** A statement that only reads (TypeORM's reads all start so). */
const READ = /^\s*SELECT\s/i;

/**
 * The read connection's page cache, in KiB (SQLite's default is 16 MB a connection; it fills only as
 * pages are read). With 100,000 vendors the indexes a page walks no longer fit in 16 MB, and each
 * request re-read pages from the file (through the OS cache): one client's reads took 1.2–1.8× as
 * long as at 10,000 vendors; with 128 MB they take as long (README, "Scale").
 */
const READER_CACHE_KIB = 131_072;

/**
 * A second, read-only connection to the database file for reads outside transactions (null for an
 * in-memory database, or without WAL, where a reader would wait for the writer anyway), and the log's
 * checkpoints moved off the request thread (sqlite-checkpoints.ts). Both end with the data source.
 */
function openReader(dataSource: DataSource): QueryRunner | null {
  const options = dataSource.options as { database?: string; enableWAL?: boolean };
  if (!options.database || options.database === ':memory:' || !options.enableWAL) return null;
  // better-sqlite3 as TypeORM's driver loaded it.
  type Connection = { pragma(sql: string): unknown; close(): void };
  const driver = dataSource.driver as BetterSqlite3Driver & { sqlite: new (file: string, options: object) => Connection; databaseConnection: Connection };
  const connection = new driver.sqlite(options.database, { readonly: true, fileMustExist: true });
  connection.pragma('busy_timeout = 5000');
  connection.pragma(`cache_size = -${READER_CACHE_KIB}`);
  const reader = new BetterSqlite3QueryRunner(driver);
  reader.connect = () => Promise.resolve(connection);
  const checkpoints = checkpointOffThread(options.database, driver.databaseConnection);
  const disconnect = driver.disconnect.bind(driver);
  driver.disconnect = async () => {
    await checkpoints.stop();
    connection.close();
    await disconnect();
  };
  return reader;
}

/** The gate of a SQLite data source (null for MySQL/MariaDB, or before installSqliteGate). */
export function sqliteGateOf(dataSource: DataSource): SqliteGate | null {
  return gates.get(dataSource) ?? null;
}
