import { EntityManager } from 'typeorm';

/** A change to one counter row: its key's values, and what to add to each counted column. */
export interface CounterChange {
  key: readonly unknown[];
  add: readonly number[];
}

/**
 * Adds to counter rows (created at their first change) in the caller's transaction: one upsert per
 * row that changes, in one order (two writers never wait for each other's rows in opposite orders),
 * rows whose changes sum to nothing left alone (no lock taken on them). SQLite and MySQL/MariaDB.
 */
export async function addToCounters(manager: EntityManager, table: string, keyColumns: readonly string[], countColumns: readonly string[], changes: Iterable<CounterChange>): Promise<void> {
  const changed = [...changes].filter((change) => change.add.some((value) => value !== 0)).map((change) => ({ ...change, order: JSON.stringify(change.key) }));
  changed.sort((a, b) => (a.order < b.order ? -1 : a.order > b.order ? 1 : 0));
  const sqlite = manager.connection.options.type === 'better-sqlite3';
  const columns = [...keyColumns, ...countColumns];
  const insert = `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`;
  const upsert = sqlite
    ? `${insert} ON CONFLICT (${keyColumns.join(', ')}) DO UPDATE SET ${countColumns.map((column) => `${column} = ${column} + excluded.${column}`).join(', ')}`
    : `${insert} ON DUPLICATE KEY UPDATE ${countColumns.map((column) => `${column} = ${column} + VALUES(${column})`).join(', ')}`;
  for (const { key, add } of changed) await manager.query(upsert, [...key, ...add]);
}
