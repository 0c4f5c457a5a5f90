import { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { NotFoundError, VersionConflictError } from './domain-errors';

/**
 * Writes `changes` only if the row still has the version the caller read, and bumps it.
 * One conditional UPDATE: two writers holding the same version cannot both win, on any engine.
 */
export async function updateAtVersion<T extends ObjectLiteral & { id: string; version: number }>(
  manager: EntityManager,
  target: EntityTarget<T>,
  entityName: string,
  id: string,
  expectedVersion: number,
  changes: QueryDeepPartialEntity<T>,
  now: Date,
): Promise<void> {
  const result = await manager
    .createQueryBuilder()
    .update(target)
    .set({ ...changes, version: () => 'version + 1', updatedAt: now } as unknown as QueryDeepPartialEntity<T>)
    .where('id = :id AND version = :version', { id, version: expectedVersion })
    .execute();
  if (result.affected === 1) return;
  const current = await manager.getRepository(target).findOne({ where: { id } as never, select: { id: true, version: true } as never });
  if (!current) throw new NotFoundError(entityName, id);
  throw new VersionConflictError(entityName, id, expectedVersion, current.version);
}
