import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { APP_SCHEMA } from '../app.schema';
import { loadEnvironmentConfig, parseDatabaseUrl } from '../config/app-config';
import { buildDataSourceOptions } from '../database/data-source-options';
import { runPendingMigrations } from '../database/run-migrations';
import { installSqliteGate } from '../database/sqlite-gate';

export interface BenchDatabase {
  /** The URL an app (or a child process) connects with. */
  url: string;
  kind: 'sqlite' | 'mysql' | 'mariadb';
  /** Connected, migrated (and on SQLite gated like the app's). */
  dataSource: DataSource;
  /** Closes the connection and removes the database. */
  cleanup(): Promise<void>;
}

/**
 * A migrated, empty database of its own for a benchmark that never touches your data: on SQLite a
 * temporary file; with DATABASE_URL=mysql:// or mariadb:// a `<database>_<name>` database beside the
 * configured one (created, and dropped by cleanup()).
 */
export async function benchDatabase(name: string): Promise<BenchDatabase> {
  const configured = loadEnvironmentConfig().database;
  if (configured.kind === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), `oversight-${name}-`));
    const url = `sqlite:${join(dir, 'bench.sqlite')}`;
    const dataSource = await migrated(url);
    return { url, kind: 'sqlite', dataSource, cleanup: async () => {
        if (dataSource.isInitialized) await dataSource.destroy();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const url = new URL(configured.url);
  const database = `${url.pathname.slice(1)}_${name}`.replace(/[^A-Za-z0-9_]/g, '_');
  const admin = await new DataSource(buildDataSourceOptions(configured, APP_SCHEMA)).initialize();
  await admin.query(`DROP DATABASE IF EXISTS \`${database}\``);
  await admin.query(`CREATE DATABASE \`${database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  url.pathname = `/${database}`;
  const dataSource = await migrated(url.toString());
  return {
    url: url.toString(),
    kind: configured.kind,
    dataSource,
    cleanup: async () => {
      if (dataSource.isInitialized) await dataSource.destroy();
      await admin.query(`DROP DATABASE IF EXISTS \`${database}\``);
      await admin.destroy();
    },
  };
}

async function migrated(url: string): Promise<DataSource> {
  const dataSource = await new DataSource(buildDataSourceOptions(parseDatabaseUrl(url), APP_SCHEMA)).initialize();
  await runPendingMigrations(dataSource);
  installSqliteGate(dataSource);
  return dataSource;
}
