import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConnection } from 'mysql2/promise';

/**
 * The database a test file runs on. DATABASE_URL picks the engine, as in production: unset or
 * sqlite → an in-memory SQLite database; mysql:// or mariadb:// → a fresh database per test file
 * (named after the configured one, which the CI user may create and drop), removed afterwards.
 */
export interface TestDatabase {
  url: string;
  kind: 'sqlite' | 'mysql' | 'mariadb';
  drop(): Promise<void>;
}

export async function createTestDatabase(options: { shareable?: boolean } = {}): Promise<TestDatabase> {
  const base = process.env.DATABASE_URL;
  if (!base || base.startsWith('sqlite:')) {
    if (!options.shareable) return { url: 'sqlite::memory:', kind: 'sqlite', drop: async () => undefined };
    // Several app instances (connections) on one SQLite database need a file.
    const folder = mkdtempSync(join(tmpdir(), 'oversight-shared-'));
    return { url: `sqlite:${join(folder, 'shared.sqlite')}`, kind: 'sqlite', drop: async () => rmSync(folder, { recursive: true, force: true }) };
  }
  const kind = base.startsWith('mariadb:') ? 'mariadb' : 'mysql';
  const parsed = new URL(base.replace(/^mariadb:/, 'mysql:'));
  const name = `${parsed.pathname.slice(1)}_${process.env.JEST_WORKER_ID ?? '0'}_${randomBytes(4).toString('hex')}`;
  await withServer(base, (sql) => sql(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`));
  const url = new URL(base);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    kind,
    drop: () => withServer(base, (sql) => sql(`DROP DATABASE IF EXISTS \`${name}\``)),
  };
}

async function withServer(base: string, work: (sql: (statement: string) => Promise<unknown>) => Promise<unknown>): Promise<void> {
  const connection = await createConnection({ uri: base.replace(/^mariadb:/, 'mysql:') });
  try {
    await work((statement) => connection.query(statement));
  } finally {
    await connection.end();
  }
}
