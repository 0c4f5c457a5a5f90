import { Mutex } from 'async-mutex';
import { AsyncLocalStorage } from 'node:async_hooks';
import { DataSource, EntityManager, QueryRunner } from 'typeorm';
import { eventLoopTurns } from '../common/event-loop';

/**
 * TypeORM's better-sqlite3 driver shares ONE query runner (one connection) among all callers, so two
 * requests that open transactions at once interleave on it: the second BEGIN fails, or a plain write of
 * one request lands inside another's transaction and is rolled back with it. On SQLite every
 * transaction therefore runs alone (a mutex), and statements from outside the running transaction wait
 * for it to finish. MySQL/MariaDB use a connection per transaction and need none of this.
 */
interface SqliteGate {
  mutex: Mutex;
  owner: AsyncLocalStorage<symbol>;
  current: symbol | null;
}

const gates = new WeakMap<DataSource, SqliteGate>();

export function installSqliteGate(dataSource: DataSource): void {
  if (dataSource.options.type !== 'better-sqlite3' || gates.has(dataSource)) return;
  const gate: SqliteGate = { mutex: new Mutex(), owner: new AsyncLocalStorage<symbol>(), current: null };
  gates.set(dataSource, gate);
  const runner: QueryRunner = dataSource.driver.createQueryRunner('master');
  const query = runner.query.bind(runner) as (...args: unknown[]) => Promise<unknown>;
  const startTransaction = runner.startTransaction.bind(runner);
  const insideCurrent = () => gate.current !== null && gate.owner.getStore() === gate.current;
  // better-sqlite3 answers synchronously, so a transaction of thousands of statements would never let
  // the event loop turn: between statements it does, every 20 ms (other requests' queries still wait
  // for the transaction; /health and static files need none).
  const turns = eventLoopTurns();
  (runner as { query: unknown }).query = async (...args: unknown[]) => {
    await turns.pause();
    return insideCurrent() ? query(...args) : gate.mutex.runExclusive(() => query(...args));
  };
  runner.startTransaction = (isolationLevel) => {
    if (!insideCurrent()) {
      // A transaction opened around the gate (e.g. repository.save() outside runInTransaction)
      // could swallow other requests' writes: refuse it loudly instead.
      throw new Error('SQLite: open transactions with runInTransaction(), not directly (e.g. repository.save outside it)');
    }
    return startTransaction(isolationLevel);
  };
}

/**
 * Vendors whose facts a transaction changed. Features mark them with `touchVendor`; whoever keeps
 * derived vendor state (the compliance engine) registers a hook that runs on them just before
 * commit, in the same transaction. Features thus never import the compliance engine.
 */
export type BeforeCommitHook = (manager: EntityManager, vendorIds: ReadonlySet<string>) => Promise<void>;

const touched = new WeakMap<EntityManager, Set<string>>();
const hooks = new WeakMap<DataSource, BeforeCommitHook[]>();

export function touchVendor(manager: EntityManager, vendorId: string): void {
  const ids = touched.get(manager);
  if (!ids) throw new Error('touchVendor() needs the manager of a runInTransaction() transaction');
  ids.add(vendorId);
}

export function onBeforeCommit(dataSource: DataSource, hook: BeforeCommitHook): void {
  hooks.set(dataSource, [...(hooks.get(dataSource) ?? []), hook]);
}

/**
 * Runs `work` in one transaction: serialised on SQLite; on MySQL/MariaDB a pooled connection at
 * READ COMMITTED (a transaction that waited for a row lock then reads what the other committed),
 * retried when InnoDB picks it as a deadlock victim.
 */
export async function runInTransaction<T>(dataSource: DataSource, work: (manager: EntityManager) => Promise<T>): Promise<T> {
  const gate = gates.get(dataSource);
  if (!gate) {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await dataSource.transaction('READ COMMITTED', (manager) => withHooks(dataSource, manager, work));
      } catch (error) {
        if (attempt >= DEADLOCK_ATTEMPTS || !isDeadlock(error)) throw error;
        await new Promise((resume) => setTimeout(resume, 20 * attempt + Math.random() * 30));
      }
    }
  }
  const transaction = () => dataSource.transaction((manager) => withHooks(dataSource, manager, work));
  if (gate.current !== null && gate.owner.getStore() === gate.current) return transaction();
  return gate.mutex.runExclusive(() => {
    const token = Symbol('transaction');
    gate.current = token;
    return gate.owner.run(token, async () => {
      try {
        return await transaction();
      } finally {
        gate.current = null;
      }
    });
  });
}

const DEADLOCK_ATTEMPTS = 3;

function isDeadlock(error: unknown): boolean {
  const code = (error as { driverError?: { code?: string }; code?: string })?.driverError?.code ?? (error as { code?: string })?.code;
  return code === 'ER_LOCK_DEADLOCK';
}

async function withHooks<T>(dataSource: DataSource, manager: EntityManager, work: (manager: EntityManager) => Promise<T>): Promise<T> {
  const ids = new Set<string>();
  touched.set(manager, ids);
  const result = await work(manager);
  if (ids.size > 0) for (const hook of hooks.get(dataSource) ?? []) await hook(manager, ids);
  return result;
}
