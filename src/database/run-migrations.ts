import { DataSource, Migration } from 'typeorm';

const LOCK_NAME = 'vendor-oversight:migrations';
const LOCK_WAIT_SECONDS = 120;

/**
 * Applies pending migrations. On MySQL/MariaDB several instances may start at once, so the run
 * holds a named lock (GET_LOCK belongs to one connection: a dedicated query runner keeps it).
 * SQLite is one file with one writer: its transaction is lock enough.
 */
export async function runPendingMigrations(dataSource: DataSource): Promise<Migration[]> {
  if (dataSource.options.type === 'better-sqlite3') {
    return dataSource.runMigrations({ transaction: 'each' });
  }
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    const [row] = (await runner.query('SELECT GET_LOCK(?, ?) AS acquired', [LOCK_NAME, LOCK_WAIT_SECONDS])) as Array<{ acquired: number | string | null }>;
    if (Number(row?.acquired) !== 1) {
      throw new Error(`could not take the migration lock within ${LOCK_WAIT_SECONDS}s (another instance is migrating)`);
    }
    try {
      return await dataSource.runMigrations({ transaction: 'each' });
    } finally {
      await runner.query('SELECT RELEASE_LOCK(?)', [LOCK_NAME]);
    }
  } finally {
    await runner.release();
  }
}
