import { DataSource, EntityManager } from 'typeorm';

/**
 * derived_fingerprints: what rules or catalogue derived data was last made with, by name, so that a
 * start re-derives it only when the fingerprint differs (the entity lives with the stored actions,
 * which were its first user). Plain SQL, so that any feature can use it without importing another's.
 */
export async function storedFingerprint(dataSource: DataSource, name: string): Promise<string | null> {
  const rows: Array<{ fingerprint: string }> = await dataSource.query('SELECT fingerprint FROM derived_fingerprints WHERE name = ?', [name]);
  return rows[0]?.fingerprint ?? null;
}

/** Records the fingerprint in the caller's transaction, replacing the one before (one upsert: instances starting together do not collide). */
export async function recordFingerprint(manager: EntityManager, name: string, fingerprint: string): Promise<void> {
  const insert = 'INSERT INTO derived_fingerprints (name, fingerprint) VALUES (?, ?)';
  const upsert = manager.connection.options.type === 'better-sqlite3' ? `${insert} ON CONFLICT (name) DO UPDATE SET fingerprint = excluded.fingerprint` : `${insert} ON DUPLICATE KEY UPDATE fingerprint = VALUES(fingerprint)`;
  await manager.query(upsert, [name, fingerprint]);
}
