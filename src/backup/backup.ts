import { DataSource, EntityManager } from 'typeorm';
import { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';
import { EntityMetadata } from 'typeorm/metadata/EntityMetadata';
import { runInTransaction } from '../database/transactions';
import type { FilesManifest } from './files-backup';

export const BACKUP_FORMAT = 'vendor-oversight-backup';
export const BACKUP_FORMAT_VERSION = 1;

export type BackupRow = Record<string, unknown>;

/** Every table of the app at one moment, engine-neutral (dates as ISO strings, json parsed, booleans true/false). */
export interface Snapshot {
  format: typeof BACKUP_FORMAT;
  formatVersion: number;
  createdAt: string;
  /** The schema the data fits: the names of the migrations applied when it was taken. */
  migrations: string[];
  tables: Record<string, BackupRow[]>;
  /** Where the documents' bytes are (src/backup/files-backup.ts): copied beside the file, or in the S3 bucket. */
  files?: FilesManifest;
}

export class BackupError extends Error {}

/**
 * A consistent snapshot of every table: one read transaction, so rows written meanwhile by a running
 * app are either all in it or all out (MySQL/MariaDB: REPEATABLE READ WITH CONSISTENT SNAPSHOT;
 * SQLite: one read transaction, which WAL keeps stable while the app writes).
 */
export async function takeSnapshot(dataSource: DataSource): Promise<Snapshot> {
  const migrations = await appliedMigrations(dataSource);
  const tables = await readConsistently(dataSource, async (manager) => {
    const result: Record<string, BackupRow[]> = {};
    for (const metadata of tablesInInsertOrder(dataSource)) result[metadata.tableName] = await readTable(manager, metadata);
    return result;
  });
  return { format: BACKUP_FORMAT, formatVersion: BACKUP_FORMAT_VERSION, createdAt: new Date().toISOString(), migrations, tables };
}

/**
 * Restores a snapshot into a migrated database that holds no data, in one transaction: all of it or
 * nothing. Refuses a snapshot taken at another schema version or a database that is not empty.
 */
export async function restoreSnapshot(dataSource: DataSource, snapshot: Snapshot): Promise<Record<string, number>> {
  if (snapshot?.format !== BACKUP_FORMAT || snapshot.formatVersion !== BACKUP_FORMAT_VERSION || typeof snapshot.tables !== 'object') {
    throw new BackupError(`not a ${BACKUP_FORMAT} file of format version ${BACKUP_FORMAT_VERSION}`);
  }
  const migrations = await appliedMigrations(dataSource);
  if (JSON.stringify(migrations) !== JSON.stringify(snapshot.migrations)) {
    throw new BackupError(`the backup was taken at schema ${snapshot.migrations.at(-1) ?? '(none)'}; this database is at ${migrations.at(-1) ?? '(none)'}: restore with the matching version of the app`);
  }
  const metadatas = tablesInInsertOrder(dataSource);
  const unknown = Object.keys(snapshot.tables).filter((table) => !metadatas.some((metadata) => metadata.tableName === table));
  if (unknown.length > 0) throw new BackupError(`the backup has tables this app does not know: ${unknown.join(', ')}`);
  return runInTransaction(dataSource, async (manager) => {
    const counts: Record<string, number> = {};
    for (const metadata of metadatas) {
      const [{ n }] = await manager.query(`SELECT COUNT(*) AS n FROM ${quote(dataSource, metadata.tableName)}`);
      if (Number(n) > 0) throw new BackupError(`the database is not empty (${metadata.tableName} has ${n} rows): restore into a new, empty database`);
    }
    for (const metadata of metadatas) {
      const rows = parentsFirst(metadata, snapshot.tables[metadata.tableName] ?? []);
      counts[metadata.tableName] = rows.length;
      const columns = distinctColumns(metadata);
      for (let start = 0; start < rows.length; start += CHUNK) {
        const values = rows.slice(start, start + CHUNK).map((row) => toEntityValues(columns, row));
        await manager.createQueryBuilder().insert().into(metadata.target).values(values).callListeners(false).updateEntity(false).execute();
      }
    }
    return counts;
  });
}

const CHUNK = 200;

async function appliedMigrations(dataSource: DataSource): Promise<string[]> {
  const rows: Array<{ name: string }> = await dataSource.query(`SELECT name FROM ${quote(dataSource, 'migrations')} ORDER BY timestamp, id`);
  return rows.map((row) => row.name);
}

async function readConsistently<T>(dataSource: DataSource, work: (manager: EntityManager) => Promise<T>): Promise<T> {
  if (dataSource.options.type === 'better-sqlite3') return runInTransaction(dataSource, work);
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ');
    await runner.query('START TRANSACTION WITH CONSISTENT SNAPSHOT, READ ONLY');
    try {
      return await work(runner.manager);
    } finally {
      await runner.query('COMMIT');
    }
  } finally {
    await runner.release();
  }
}

async function readTable(manager: EntityManager, metadata: EntityMetadata): Promise<BackupRow[]> {
  const { driver } = manager.connection;
  const columns = distinctColumns(metadata);
  const order = metadata.primaryColumns.map((column) => quote(manager.connection, column.databaseName)).join(', ');
  const raw: BackupRow[] = await manager.query(`SELECT * FROM ${quote(manager.connection, metadata.tableName)} ORDER BY ${order}`);
  return raw.map((row) =>
    Object.fromEntries(
      columns.map((column) => {
        const value = driver.prepareHydratedValue(row[column.databaseName], column);
        return [column.databaseName, value instanceof Date ? value.toISOString() : value];
      }),
    ),
  );
}

/** A row of the file as TypeORM's entity values (it converts them for the engine): dates back to Date. */
function toEntityValues(columns: ColumnMetadata[], row: BackupRow): BackupRow {
  const values: BackupRow = {};
  for (const column of columns) {
    let value = row[column.databaseName] ?? null;
    if (value !== null && ['datetime', 'timestamp'].includes(String(column.type))) value = new Date(String(value));
    Object.assign(values, column.createValueMap(value));
  }
  return values;
}

/** A relation and its explicit foreign-key column share one database column: keep one of each. */
function distinctColumns(metadata: EntityMetadata): ColumnMetadata[] {
  const seen = new Map<string, ColumnMetadata>();
  for (const column of metadata.columns) if (!seen.has(column.databaseName) || !column.relationMetadata) seen.set(column.databaseName, column);
  return [...seen.values()];
}

/** Tables ordered so that every table comes after the tables its foreign keys point to. */
export function tablesInInsertOrder(dataSource: DataSource): EntityMetadata[] {
  const ordered: EntityMetadata[] = [];
  const visit = (metadata: EntityMetadata, path: Set<EntityMetadata>) => {
    if (ordered.includes(metadata) || path.has(metadata)) return;
    path.add(metadata);
    for (const key of metadata.foreignKeys) if (key.referencedEntityMetadata !== metadata) visit(key.referencedEntityMetadata, path);
    ordered.push(metadata);
  };
  for (const metadata of [...dataSource.entityMetadatas].sort((a, b) => a.tableName.localeCompare(b.tableName))) visit(metadata, new Set());
  return ordered;
}

/** Rows of a table that refers to itself (a subcontractor's parent): parents before their children. */
function parentsFirst(metadata: EntityMetadata, rows: BackupRow[]): BackupRow[] {
  const selfKeys = metadata.foreignKeys.filter((key) => key.referencedEntityMetadata === metadata);
  if (selfKeys.length === 0) return rows;
  const [key] = selfKeys;
  const id = key.referencedColumns[0].databaseName;
  const parent = key.columns[0].databaseName;
  const byId = new Map(rows.map((row) => [row[id], row]));
  const ordered: BackupRow[] = [];
  const placed = new Set<unknown>();
  const place = (row: BackupRow) => {
    if (placed.has(row[id])) return;
    placed.add(row[id]);
    const up = row[parent] === null ? undefined : byId.get(row[parent]);
    if (up) place(up);
    ordered.push(row);
  };
  rows.forEach(place);
  return ordered;
}

function quote(dataSource: DataSource, name: string): string {
  return dataSource.driver.escape(name);
}

/** The file: the header, then one line per row, so a backup diffs and greps line by line. */
export function serialiseSnapshot(snapshot: Snapshot): string {
  const { tables, ...header } = snapshot;
  const lines = Object.entries(tables).map(([table, rows]) =>
    `    ${JSON.stringify(table)}: [${rows.length === 0 ? '' : `\n${rows.map((row) => `      ${JSON.stringify(row)}`).join(',\n')}\n    `}]`,
  );
  const head = JSON.stringify(header, null, 2).replace(/\n}$/, '');
  return `${head},\n  "tables": {\n${lines.join(',\n')}\n  }\n}\n`;
}

export function parseSnapshot(text: string): Snapshot {
  try {
    return JSON.parse(text) as Snapshot;
  } catch (error) {
    throw new BackupError(`not a backup file: ${(error as Error).message}`);
  }
}
