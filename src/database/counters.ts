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

/**
 * Additive changes to a counts table (action_counts, vendor_counts, audit_due_counts,
 * renewal_due_counts, audit_counts, finding_counts): per cell (its key columns' values), how much is
 * added or taken away, summed here and applied in the caller's transaction with addToCounters.
 */
export class CellChanges {
  private readonly changes = new Map<string, { key: readonly unknown[]; delta: number }>();

  constructor(
    private readonly table: string,
    private readonly keyColumns: readonly string[],
    private readonly valueColumn: string,
  ) {}

  add(key: readonly unknown[], delta: number): void {
    const id = JSON.stringify(key);
    const cell = this.changes.get(id) ?? { key, delta: 0 };
    cell.delta += delta;
    this.changes.set(id, cell);
  }

  async apply(manager: EntityManager): Promise<void> {
    await addToCounters(manager, this.table, this.keyColumns, [this.valueColumn], [...this.changes.values()].map(({ key, delta }) => ({ key, add: [delta] })));
  }
}
