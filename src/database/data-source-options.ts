import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DataSourceOptions, MixedList } from 'typeorm';
import { MIGRATIONS } from '../../migrations';
import { DatabaseSettings } from '../config/app-config';

/** The tables and the subscribers of a connection (the app's: src/app.schema.ts). */
export interface DatabaseSchema {
  entities: MixedList<Function>;
  subscribers: MixedList<Function>;
}

/**
 * The one TypeORM options builder, used by the app, the migration CLI and the tests.
 * Never `synchronize`: the schema comes from migrations/ on every engine.
 */
export function buildDataSourceOptions(settings: DatabaseSettings, schema: DatabaseSchema): DataSourceOptions {
  const common = {
    entities: schema.entities,
    subscribers: schema.subscribers,
    migrations: MIGRATIONS,
    migrationsRun: false,
    migrationsTransactionMode: 'each' as const,
    synchronize: false,
    // Off: TypeORM would print failed queries with their parameters (personal data, hashes).
    logging: false,
  };
  if (settings.kind === 'sqlite') {
    const path = settings.sqlitePath ?? ':memory:';
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    return {
      ...common,
      type: 'better-sqlite3',
      database: path,
      // WAL lets readers go on while one writer commits; busy_timeout waits for the write lock.
      enableWAL: path !== ':memory:',
      prepareDatabase: (db: { pragma(sql: string): unknown }) => {
        db.pragma('busy_timeout = 5000');
        db.pragma('foreign_keys = ON');
      },
    };
  }
  return {
    ...common,
    // MariaDB needs the `mariadb` type, or TypeORM keeps wanting to rebuild json columns.
    type: settings.kind,
    url: settings.url.replace(/^mariadb:/, 'mysql:'),
    timezone: 'Z',
    // Calendar dates stay 'YYYY-MM-DD' strings in raw queries too (no Date at UTC midnight).
    dateStrings: ['DATE'],
    charset: 'utf8mb4_unicode_ci',
    connectTimeout: 5000,
    extra: { connectionLimit: 10, waitForConnections: true, queueLimit: 0, enableKeepAlive: true },
  };
}
