import 'reflect-metadata';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { DataSource } from 'typeorm';
import { APP_SCHEMA } from '../app.schema';
import { loadEnvironmentConfig } from '../config/app-config';
import { ConfigError } from '../config/environment';
import { buildDataSourceOptions } from '../database/data-source-options';
import { runPendingMigrations } from '../database/run-migrations';
import { installSqliteGate } from '../database/sqlite-gate';
import { createFileStorage } from '../files/create-file-storage';
import { backupFiles, filesFolderOf, restoreFiles } from './files-backup';
import { BackupError, parseSnapshot, restoreSnapshot, serialiseSnapshot, takeSnapshot } from './backup';

const USAGE = 'usage: npm run export [-- --out FILE] [--files | --no-files]   |   npm run import -- FILE';

/**
 * `npm run export`: a consistent snapshot of all data into one JSON file (default
 * DATA_DIR/backups/oversight-<time>.json). `npm run import -- FILE`: restores it into the empty
 * database DATABASE_URL names (migrated first). Counts are printed; data never is.
 */
async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  if (command !== 'export' && command !== 'import') throw new BackupError(USAGE);
  const config = loadEnvironmentConfig();
  const dataSource = new DataSource(buildDataSourceOptions(config.database, APP_SCHEMA));
  await dataSource.initialize();
  try {
    if (command === 'export') {
      const out = resolve(option(rest, '--out') ?? join(config.dataDir, 'backups', `oversight-${new Date().toISOString().replace(/[:.]/g, '-')}.json`));
      installSqliteGate(dataSource);
      const snapshot = await takeSnapshot(dataSource);
      mkdirSync(dirname(out), { recursive: true });
      // Documents: the bytes go beside the file with the local store (or with --files); an S3 bucket is backed up with its own tools, so only checked.
      const storage = createFileStorage(config.files.storage);
      const copy = rest.includes('--no-files') ? false : rest.includes('--files') || storage.kind === 'local';
      snapshot.files = await backupFiles(snapshot, storage, copy ? filesFolderOf(out) : null).finally(() => storage.close());
      writeFileSync(out, serialiseSnapshot(snapshot), { mode: 0o600 });
      report('backup written', { file: out, rows: counts(snapshot.tables), files: { ...snapshot.files, missing: snapshot.files.missing.length } });
      if (snapshot.files.missing.length > 0) {
        console.error(JSON.stringify({ level: 'error', context: 'Backup', message: 'stored files the database refers to are missing', missing: snapshot.files.missing }));
        process.exitCode = 1;
      }
    } else {
      const file = rest.find((arg) => !arg.startsWith('--'));
      if (!file) throw new BackupError(USAGE);
      const snapshot = parseSnapshot(readFileSync(resolve(file), 'utf8'));
      await runPendingMigrations(dataSource);
      installSqliteGate(dataSource);
      // The documents' bytes first: a restore that cannot bring them back writes no row.
      const storage = createFileStorage(config.files.storage);
      const folder = snapshot.files?.folder ? join(dirname(resolve(file)), basename(snapshot.files.folder)) : null;
      const files = await restoreFiles(snapshot, storage, folder).finally(() => storage.close());
      report('backup restored', { file: resolve(file), rows: await restoreSnapshot(dataSource, snapshot), files });
    }
  } finally {
    await dataSource.destroy();
  }
}

function option(args: string[], name: string): string | undefined {
  const inline = args.find((arg) => arg.startsWith(`${name}=`));
  if (inline) return inline.slice(name.length + 1);
  const index = args.indexOf(name);
  return index >= 0 ? args[index + 1] : undefined;
}

function counts(tables: Record<string, unknown[]>): Record<string, number> {
  return Object.fromEntries(Object.entries(tables).map(([table, rows]) => [table, rows.length]));
}

function report(message: string, details: Record<string, unknown>): void {
  console.log(JSON.stringify({ level: 'log', context: 'Backup', message, ...details }));
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(error instanceof ConfigError || error instanceof BackupError ? error.message : error);
  process.exitCode = 1;
});
