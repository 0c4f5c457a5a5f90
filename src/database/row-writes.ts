import { DeleteResult, EntityManager, EntityTarget, ObjectLiteral, UpdateResult } from 'typeorm';
import { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';
import { BroadcasterResult } from 'typeorm/subscriber/BroadcasterResult';
import { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';

/**
 * TypeORM tells entity subscribers about a query-builder UPDATE only its SET values, and about a
 * DELETE nothing, not which row. These run one conditional UPDATE or DELETE of a row the caller has
 * read and tell the subscribers that row before and after, as save() and remove() do, so a
 * subscriber can follow the row to what it belongs to (the compliance engine: to its vendor).
 */
export async function updateRow<T extends ObjectLiteral>(
  manager: EntityManager,
  target: EntityTarget<T>,
  before: T,
  changes: QueryDeepPartialEntity<T>,
  where: string,
  parameters: ObjectLiteral,
): Promise<UpdateResult> {
  const metadata = manager.connection.getMetadata(target);
  const broadcaster = broadcasterOf(manager, 'updateRow');
  // SQL expressions (e.g. version + 1) are the database's to work out; subscribers see the values.
  const values = Object.fromEntries(Object.entries(changes).filter(([, value]) => typeof value !== 'function'));
  const after = Object.assign(Object.create(Object.getPrototypeOf(before) as object) as T, before, values);
  const columns = metadata.columns.filter((column) => column.propertyName in changes);
  await broadcaster.broadcast('BeforeUpdate', metadata, after, before, columns, []);
  const result = await manager.createQueryBuilder().update(target).set(changes).where(where, parameters).callListeners(false).execute();
  if (result.affected) await broadcaster.broadcast('AfterUpdate', metadata, after, before, columns, []);
  return result;
}

/** Deletes one row the caller has read, if it still matches `where`; subscribers see the row. */
export async function deleteRow<T extends ObjectLiteral>(
  manager: EntityManager,
  target: EntityTarget<T>,
  row: T,
  where: string,
  parameters: ObjectLiteral,
): Promise<DeleteResult> {
  const metadata = manager.connection.getMetadata(target);
  const broadcaster = broadcasterOf(manager, 'deleteRow');
  await broadcaster.broadcast('BeforeRemove', metadata, row, row);
  const result = await manager.createQueryBuilder().delete().from(target).where(where, parameters).callListeners(false).execute();
  if (result.affected) await broadcaster.broadcast('AfterRemove', metadata, row, row);
  return result;
}

/**
 * Many new rows in a few multi-row INSERTs (an import writes tens of thousands of checklist items),
 * without the query builder's cost per bound parameter, which is several times the write itself;
 * subscribers hear of each row as from insert(). Nothing is read back: the rows carry their ids.
 */
export async function insertRows<T extends ObjectLiteral>(manager: EntityManager, target: EntityTarget<T>, rows: Array<QueryDeepPartialEntity<T>>, rowsPerStatement = 500): Promise<void> {
  const metadata = manager.connection.getMetadata(target);
  const broadcaster = broadcasterOf(manager, 'insertRows');
  await insertRowsUnheard(manager, target, rows, rowsPerStatement);
  // As InsertQueryBuilder does: every row's event, then one wait for the subscribers that answer with a promise.
  const heard = new BroadcasterResult();
  for (const row of rows) broadcaster.broadcastAfterInsertEvent(heard, metadata, row as ObjectLiteral);
  await heard.wait();
}

/**
 * The same multi-row INSERTs, and no subscriber hears of them: for bulk loads whose caller recomputes
 * what subscribers would derive (the benchmark's seeding of a register), or of rows no subscriber
 * follows. With `skipDuplicates`, a row whose unique key is already stored is left out (INSERT OR
 * IGNORE on SQLite, INSERT IGNORE on MySQL/MariaDB). Returns how many rows were inserted.
 */
export async function insertRowsUnheard<T extends ObjectLiteral>(
  manager: EntityManager,
  target: EntityTarget<T>,
  rows: Array<QueryDeepPartialEntity<T>>,
  rowsPerStatement = 500,
  options: { skipDuplicates?: boolean } = {},
): Promise<number> {
  const { driver } = manager.connection;
  const metadata = manager.connection.getMetadata(target);
  // A relation and its explicit foreign-key column share one database column: write it once, from the column.
  const byName = new Map<string, ColumnMetadata>();
  for (const column of metadata.columns) if (!byName.has(column.databaseName) || !column.relationMetadata) byName.set(column.databaseName, column);
  // A sequence (an auto-increment id) is the database's to number.
  const columns = [...byName.values()].filter((column) => column.generationStrategy !== 'increment');
  // As insert() does: the entity's own @BeforeInsert (ids, timestamps) for rows that are entities.
  for (const row of rows) for (const listener of metadata.beforeInsertListeners) if (listener.isAllowed(row as ObjectLiteral)) listener.execute(row as ObjectLiteral);
  const verb = !options.skipDuplicates ? 'INSERT' : manager.connection.options.type === 'better-sqlite3' ? 'INSERT OR IGNORE' : 'INSERT IGNORE';
  const head = `${verb} INTO ${driver.escape(metadata.tableName)} (${columns.map((column) => driver.escape(column.databaseName)).join(', ')}) VALUES `;
  const tuple = `(${columns.map(() => '?').join(', ')})`;
  // Outside a transaction: a runner of its own (a pooled connection on MySQL), given back afterwards.
  const own = manager.queryRunner ? null : manager.connection.createQueryRunner();
  const runner = manager.queryRunner ?? own!;
  let inserted = 0;
  try {
    for (let start = 0; start < rows.length; start += rowsPerStatement) {
      const chunk = rows.slice(start, start + rowsPerStatement);
      const parameters = chunk.flatMap((row) =>
        columns.map((column) => {
          const value: unknown = column.getEntityValue(row as ObjectLiteral);
          return value === null || value === undefined ? null : (driver.preparePersistentValue(value, column) as unknown);
        }),
      );
      const result = await runner.query(head + chunk.map(() => tuple).join(', '), parameters, true);
      inserted += (result as { affected?: number }).affected ?? chunk.length;
    }
  } finally {
    await own?.release();
  }
  return inserted;
}

function broadcasterOf(manager: EntityManager, caller: string) {
  if (!manager.queryRunner) throw new Error(`${caller}() needs the manager of a transaction`);
  return manager.queryRunner.broadcaster;
}
