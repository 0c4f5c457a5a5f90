import { DataSource } from 'typeorm';
import { APP_SCHEMA } from '../../src/app.schema';
import { loadConfig } from '../../src/config/app-config';
import { buildDataSourceOptions } from '../../src/database/data-source-options';
import { runPendingMigrations } from '../../src/database/run-migrations';
import { installSqliteGate } from '../../src/database/sqlite-gate';
import { createTestDatabase, TestDatabase } from './test-database';

/** A migrated database with nothing in it, as `npm run import` prepares it for a restore; the caller destroys and drops it. */
export async function emptyDatabase(): Promise<{ dataSource: DataSource; database: TestDatabase }> {
  const database = await createTestDatabase({ shareable: true });
  const dataSource = await new DataSource(buildDataSourceOptions(loadConfig({ DATABASE_URL: database.url }).database, APP_SCHEMA)).initialize();
  await runPendingMigrations(dataSource);
  installSqliteGate(dataSource);
  return { dataSource, database };
}
