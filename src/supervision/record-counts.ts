import { DataSource, EntityManager, EntitySubscriberInterface, EventSubscriber, InsertEvent, ObjectLiteral, RemoveEvent, UpdateEvent } from 'typeorm';
import { CellChanges } from '../database/counters';
import { collectedPerTransaction } from '../database/transactions';
import { Audit, Finding } from './supervision.entities';

/** The columns each record is counted by, in its counts table's key order. */
interface Counted {
  table: string;
  keyColumns: readonly string[];
  countColumn: string;
}
const COUNTED = new Map<Function, Counted>([
  [Audit, { table: 'audit_counts', keyColumns: ['status'], countColumn: 'audits' }],
  [Finding, { table: 'finding_counts', keyColumns: ['status', 'severity'], countColumn: 'findings' }],
]);

/** What a transaction adds to or takes from each counts table's cells, by table. */
type CountChanges = Map<string, CellChanges>;

function add(changes: CountChanges, { table, keyColumns, countColumn }: Counted, key: readonly unknown[], delta: number): void {
  const cells = changes.get(table) ?? new CellChanges(table, keyColumns, countColumn);
  cells.add(key, delta);
  changes.set(table, cells);
}

/** Applies the changes in the caller's transaction, one table after the other in one order (audits, then findings). */
async function apply(manager: EntityManager, changes: CountChanges): Promise<void> {
  for (const { table } of COUNTED.values()) await changes.get(table)?.apply(manager);
}

/**
 * Counts records written without telling the subscribers (the benchmark's seeding), in the caller's
 * transaction: each audit and finding given is added to its cell.
 */
export async function countWrittenRecords(manager: EntityManager, audits: ReadonlyArray<Pick<Audit, 'status'>>, findings: ReadonlyArray<Pick<Finding, 'status' | 'severity'>>): Promise<void> {
  const changes: CountChanges = new Map();
  for (const audit of audits) add(changes, COUNTED.get(Audit)!, [audit.status], 1);
  for (const finding of findings) add(changes, COUNTED.get(Finding)!, [finding.status, finding.severity], 1);
  await apply(manager, changes);
}

/**
 * Counts every audit and finding anew from the records, in the caller's transaction (the fill at
 * start: the migration that added the tables starts them empty). Exact on both engines: SQLite runs
 * one transaction at a time; on MySQL/MariaDB (READ COMMITTED) a writer that has already moved a cell
 * holds it until it commits, so the DELETE waits and the count then sees its record, and a writer
 * that moves one later waits for this transaction's rows and adds to them.
 */
export async function recountRecords(manager: EntityManager): Promise<void> {
  await manager.query('DELETE FROM audit_counts');
  await manager.query('DELETE FROM finding_counts');
  await manager.query('INSERT INTO audit_counts (status, audits) SELECT status, COUNT(*) FROM audits GROUP BY status');
  await manager.query('INSERT INTO finding_counts (status, severity, findings) SELECT status, severity, COUNT(*) FROM findings GROUP BY status, severity');
}

/** How many audits there are (of a status), from audit_counts. */
export async function auditTotal(manager: EntityManager, status?: string): Promise<number> {
  const rows: Array<{ total: string | number | null }> = await manager.query(`SELECT SUM(audits) AS total FROM audit_counts${status ? ' WHERE status = ?' : ''}`, status ? [status] : []);
  return Number(rows[0]?.total ?? 0);
}

/** How many findings there are (of a status, of a severity, or both), from finding_counts. */
export async function findingTotal(manager: EntityManager, cell: { status?: string; severity?: string }): Promise<number> {
  const where = (['status', 'severity'] as const).filter((column) => cell[column]);
  const rows: Array<{ total: string | number | null }> = await manager.query(
    `SELECT SUM(findings) AS total FROM finding_counts${where.length > 0 ? ` WHERE ${where.map((column) => `${column} = ?`).join(' AND ')}` : ''}`,
    where.map((column) => cell[column]),
  );
  return Number(rows[0]?.total ?? 0);
}

/** How many findings of a status there are, by severity (those with none left out), from finding_counts. */
export async function findingsBySeverity(manager: EntityManager, status: string): Promise<Map<string, number>> {
  const rows: Array<{ severity: string; findings: string | number }> = await manager.query('SELECT severity, findings FROM finding_counts WHERE status = ? AND findings > 0', [status]);
  return new Map(rows.map((row) => [row.severity, Number(row.findings)]));
}

/** The changes of the transaction running, applied once just before it commits. */
const pendingChanges = collectedPerTransaction((): CountChanges => new Map(), apply);

/**
 * Keeps audit_counts and finding_counts in the transaction that writes an audit or a finding through
 * TypeORM (save, insert, remove, insertRows, updateRow/deleteRow: the API, the pages, the annual
 * plan): a new record adds one to its cell, a change of status or severity moves it, a deleted one is
 * taken away; the changes are applied just before the transaction commits, one upsert per cell. A
 * write that does not say which row it changed (a query-builder UPDATE or DELETE by criteria) cannot
 * be counted and is refused (the compliance engine refuses it too). Bulk loads that turn listeners
 * off count what they write (the benchmark's seeding, countWrittenRecords); a restored backup holds
 * the tables as they were, from the same snapshot as the records. Vendors are deleted only when they
 * have no records, and no foreign key cascades to audits or findings (RESTRICT).
 */
@EventSubscriber()
export class RecordCountsSubscriber implements EntitySubscriberInterface {
  afterInsert(event: InsertEvent<ObjectLiteral>): Promise<void> | void {
    const counted = COUNTED.get(event.metadata.target as Function);
    if (!counted) return;
    return this.changed(event.connection, event.manager, counted, [[keyOf(counted, event.entity, event.metadata.name, 'inserted'), 1]]);
  }

  afterUpdate(event: UpdateEvent<ObjectLiteral>): Promise<void> | void {
    const counted = COUNTED.get(event.metadata.target as Function);
    if (!counted) return;
    const before = event.databaseEntity as ObjectLiteral | undefined;
    if (!before) {
      if (!event.updatedColumns.some((column) => counted.keyColumns.includes(column.propertyName))) return;
      throw new Error(`${event.metadata.name} was updated without naming its row, so its count cannot be kept: write it with save() or updateRow() (src/database/row-writes.ts)`);
    }
    const after = Object.fromEntries(counted.keyColumns.map((column) => [column, event.entity?.[column] !== undefined ? event.entity[column] : before[column]]));
    const [was, is] = [keyOf(counted, before, event.metadata.name, 'updated'), keyOf(counted, after, event.metadata.name, 'updated')];
    if (JSON.stringify(was) === JSON.stringify(is)) return;
    return this.changed(event.connection, event.manager, counted, [[was, -1], [is, 1]]);
  }

  afterRemove(event: RemoveEvent<ObjectLiteral>): Promise<void> | void {
    const counted = COUNTED.get(event.metadata.target as Function);
    if (!counted) return;
    return this.changed(event.connection, event.manager, counted, [[keyOf(counted, event.databaseEntity ?? event.entity, event.metadata.name, 'deleted'), -1]]);
  }

  private changed(dataSource: DataSource, manager: EntityManager, counted: Counted, cells: Array<[unknown[], number]>): Promise<void> | void {
    // Outside runInTransaction() (no writer of the app does this: the compliance engine refuses it), at once.
    const pending = pendingChanges(dataSource, manager);
    const changes: CountChanges = pending ?? new Map();
    for (const [key, delta] of cells) add(changes, counted, key, delta);
    if (!pending) return apply(manager, changes);
  }
}

/** A record's cell: its counted columns' values, which every write of it must name. */
function keyOf(counted: { keyColumns: readonly string[] }, row: ObjectLiteral | undefined, entity: string, verb: string): unknown[] {
  const key = counted.keyColumns.map((column) => row?.[column] as unknown);
  if (key.some((value) => typeof value !== 'string')) throw new Error(`${entity} was ${verb} without its ${counted.keyColumns.join(' and ')}, so its count cannot be kept: write the whole row`);
  return key;
}
