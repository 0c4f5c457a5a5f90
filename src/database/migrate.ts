import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { ConfigError } from '../config/environment';
import { loadEnvironmentConfig } from '../config/app-config';
import { buildDataSourceOptions } from './data-source-options';
import { runPendingMigrations } from './run-migrations';

/** `npm run migrate`: apply pending migrations and exit (the app also does this on start). Migrations need no entities. */
async function main(): Promise<void> {
  const config = loadEnvironmentConfig();
  const dataSource = new DataSource(buildDataSourceOptions(config.database, { entities: [], subscribers: [] }));
  await dataSource.initialize();
  try {
    const applied = await runPendingMigrations(dataSource);
    console.log(JSON.stringify({ level: 'log', context: 'Migrate', message: `applied ${applied.length} migration(s)`, migrations: applied.map((m) => m.name) }));
  } finally {
    await dataSource.destroy();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exitCode = 1;
});
