import { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { AuditAction } from './audit-log-entry.entity';
import { changesBetween, recordAudit } from './audit-trail';
import { NotFoundError, VersionConflictError } from '../common/domain-errors';
import { RecordKind } from '../common/error-codes';
import { updateRow } from '../database/row-writes';

/**
 * Writes `changes` only if the row still has the version the caller read, bumps it, and appends the
 * field-level before/after to the audit trail in the same transaction. The row is read first (locked
 * on MySQL/MariaDB; SQLite runs one transaction at a time) so the trail's "before" is exactly what
 * was overwritten; the UPDATE stays conditional, so two writers holding one version cannot both win.
 */
export async function updateAtVersion<T extends ObjectLiteral & { id: string; version: number }>(
  manager: EntityManager,
  target: EntityTarget<T>,
  entityName: RecordKind,
  id: string,
  expectedVersion: number,
  changes: QueryDeepPartialEntity<T>,
  now: Date,
  action: AuditAction = 'update',
): Promise<void> {
  const locking = manager.connection.options.type !== 'better-sqlite3';
  const before = await manager.getRepository(target).findOne({ where: { id } as never, ...(locking ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
  if (!before) throw new NotFoundError(entityName, id);
  if (before.version !== expectedVersion) throw new VersionConflictError(entityName, id, expectedVersion, before.version);
  const result = await updateRow(manager, target, before, { ...changes, version: () => 'version + 1', updatedAt: now } as unknown as QueryDeepPartialEntity<T>, 'id = :id AND version = :version', {
    id,
    version: expectedVersion,
  });
  if (result.affected !== 1) throw new VersionConflictError(entityName, id, expectedVersion, expectedVersion + 1);
  await recordAudit(manager, { action, entityType: entityName, entityId: id, changes: changesBetween(before, { ...before, ...changes }) });
}
