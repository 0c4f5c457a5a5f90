import { DataSource, EntityManager } from 'typeorm';
import { sqliteGateOf } from './sqlite-gate';

/**
 * Work that runs at the end of every transaction, just before it commits, with its manager: whoever
 * keeps state derived from the rows a transaction wrote (the compliance engine) registers one, so
 * the writers never call it and the derived state commits or rolls back with their change.
 */
export type BeforeCommitHook = (manager: EntityManager) => Promise<void>;

const hooks = new WeakMap<DataSource, BeforeCommitHook[]>();
/** The runInTransaction() transaction a manager is running now: one token per transaction. */
const running = new WeakMap<EntityManager, object>();

export function onBeforeCommit(dataSource: DataSource, hook: BeforeCommitHook): void {
  hooks.set(dataSource, [...(hooks.get(dataSource) ?? []), hook]);
}

/**
 * A token for the runInTransaction() transaction this manager is running, or null outside one.
 * State kept per transaction hangs off it (a WeakMap key), so nothing outlives the transaction.
 */
export function transactionOf(manager: EntityManager): object | null {
  return running.get(manager) ?? null;
}

/**
 * What the running transaction has touched, collected for derived state that is rewritten once per
 * record just before it commits (`flush`): the returned function gives the transaction's pending
 * collection (created empty with `empty`), or null outside runInTransaction(), where the caller
 * writes at once. The hook is registered on a data source at its first use.
 */
export function collectedPerTransaction<P>(empty: () => P, flush: (manager: EntityManager, pending: P) => Promise<void>): (dataSource: DataSource, manager: EntityManager) => P | null {
  const pendingByTransaction = new WeakMap<object, P>();
  const hooked = new WeakSet<DataSource>();
  return (dataSource, manager) => {
    const transaction = transactionOf(manager);
    if (!transaction) return null;
    if (!hooked.has(dataSource)) {
      hooked.add(dataSource);
      onBeforeCommit(dataSource, async (committing) => {
        const token = transactionOf(committing);
        const pending = token ? pendingByTransaction.get(token) : undefined;
        if (!token || !pending) return;
        pendingByTransaction.delete(token);
        await flush(committing, pending);
      });
    }
    const pending = pendingByTransaction.get(transaction) ?? empty();
    pendingByTransaction.set(transaction, pending);
    return pending;
  };
}

/**
 * Runs `work` in one transaction, then the before-commit hooks: serialised on SQLite (the gate); on
 * MySQL/MariaDB a pooled connection at READ COMMITTED (a transaction that waited for a row lock then
 * reads what the other committed), retried when InnoDB picks it as a deadlock victim.
 */
export async function runInTransaction<T>(dataSource: DataSource, work: (manager: EntityManager) => Promise<T>): Promise<T> {
  const gate = sqliteGateOf(dataSource);
  if (gate) return gate.runAlone(() => dataSource.transaction((manager) => withHooks(dataSource, manager, work)));
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await dataSource.transaction('READ COMMITTED', (manager) => withHooks(dataSource, manager, work));
    } catch (error) {
      if (attempt >= DEADLOCK_ATTEMPTS || !isDeadlock(error)) throw error;
      await new Promise((resume) => setTimeout(resume, 20 * attempt + Math.random() * 30));
    }
  }
}

const DEADLOCK_ATTEMPTS = 3;

function isDeadlock(error: unknown): boolean {
  const code = (error as { driverError?: { code?: string }; code?: string })?.driverError?.code ?? (error as { code?: string })?.code;
  return code === 'ER_LOCK_DEADLOCK';
}

async function withHooks<T>(dataSource: DataSource, manager: EntityManager, work: (manager: EntityManager) => Promise<T>): Promise<T> {
  // A transaction nested in another (a savepoint on SQLite's one connection): the outer one runs the hooks.
  if (running.has(manager)) return work(manager);
  running.set(manager, {});
  try {
    const result = await work(manager);
    for (const hook of hooks.get(dataSource) ?? []) await hook(manager);
    return result;
  } finally {
    running.delete(manager);
  }
}
