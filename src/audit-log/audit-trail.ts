import { BeforeQueryEvent, EntityManager, EntitySubscriberInterface, EventSubscriber } from 'typeorm';
import { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { eventLoopTurns } from '../common/event-loop';
import { insertRowsUnheard } from '../database/row-writes';
import { Actor, currentActor } from '../common/request-context';
import { AuditAction, AuditLogEntry, FieldChanges } from './audit-log-entry.entity';

export interface AuditEvent {
  action: AuditAction;
  entityType: string;
  entityId: string | null;
  changes?: FieldChanges | null;
  summary?: Record<string, unknown> | null;
  /** Defaults to the request's signed-in user (null outside a request: the system). */
  actor?: Actor | null;
}

/**
 * Appends one entry to the audit trail with the caller's transaction manager, so the entry is
 * committed with the change or rolled back with it.
 */
export function recordAudit(manager: EntityManager, event: AuditEvent): Promise<void> {
  return recordAudits(manager, [event]);
}

/**
 * Many entries in a few multi-row INSERTs, for bulk writes (the register import creates thousands of
 * records in one transaction): the same rows recordAudit would append, in the same order.
 */
export async function recordAudits(manager: EntityManager, events: AuditEvent[], at = new Date()): Promise<void> {
  const entries = events.map((event) => {
    const actor = event.actor === undefined ? currentActor() : event.actor;
    return Object.assign(new AuditLogEntry(), {
      at,
      actorId: actor?.id ?? null,
      actorEmail: actor?.email ?? null,
      actorVia: actor?.via ?? null,
      action: event.action,
      entityType: event.entityType,
      entityId: event.entityId,
      changes: event.changes ?? null,
      summary: event.summary ?? null,
    });
  });
  // No subscriber follows the trail's rows (AppendOnlyAuditLog looks at every statement, inserts pass).
  await insertRowsUnheard(manager, AuditLogEntry, entries as QueryDeepPartialEntity<AuditLogEntry>[], AUDIT_INSERT_CHUNK);
}

const AUDIT_INSERT_CHUNK = 500;

/** Created records (bulk): every field of each, before null. */
export async function recordCreatedMany(manager: EntityManager, entityType: string, records: Array<{ id: string }>): Promise<void> {
  // Thousands of records (an import): the event loop turns between slices of the work, and the
  // entries are made and written one INSERT's worth at a time (all of them at once held about 2 kB
  // per record until the last was written).
  const turns = eventLoopTurns();
  const at = new Date();
  for (let start = 0; start < records.length; start += AUDIT_INSERT_CHUNK) {
    const events: AuditEvent[] = [];
    for (const record of records.slice(start, start + AUDIT_INSERT_CHUNK)) {
      await turns.pause();
      events.push({ action: 'create', entityType, entityId: record.id, changes: changesBetween(null, record) });
    }
    await recordAudits(manager, events, at);
  }
}

/** A created record: every field, before null. */
export function recordCreated(manager: EntityManager, entityType: string, record: { id: string }, summary?: Record<string, unknown>): Promise<void> {
  return recordAudit(manager, { action: 'create', entityType, entityId: record.id, changes: changesBetween(null, record), summary });
}

/** A deleted record: every field, after null. */
export function recordDeleted(manager: EntityManager, entityType: string, record: { id: string }): Promise<void> {
  return recordAudit(manager, { action: 'delete', entityType, entityId: record.id, changes: changesBetween(record, null) });
}

/** Bookkeeping fields every record has; their change says nothing about the business fact. */
/** Bookkeeping, and keys derived from other fields (a vendor's sortKey and searchKey follow its name and reading). */
const BOOKKEEPING = new Set(['id', 'version', 'createdAt', 'updatedAt', 'sortKey', 'searchKey']);
/** Secrets (password and token hashes) are never copied into the trail: only the fact of a change. */
const SECRET = /hash$/i;
export const SECRET_VALUE = '***';

/**
 * Field-level before/after: the fields whose values differ (all fields when a side is null).
 * Dates become ISO strings; relations (nested entities) are left out.
 */
export function changesBetween(before: object | null, after: object | null): FieldChanges {
  const old = plain(before);
  const next = plain(after);
  const changes: FieldChanges = {};
  for (const field of new Set([...Object.keys(old), ...Object.keys(next)])) {
    const from = before ? (old[field] ?? null) : null;
    const to = after ? (next[field] ?? null) : null;
    if (JSON.stringify(from) === JSON.stringify(to)) continue;
    changes[field] = SECRET.test(field) ? { before: before ? SECRET_VALUE : null, after: after ? SECRET_VALUE : null } : { before: from, after: to };
  }
  return changes;
}

function plain(record: object | null): Record<string, unknown> {
  if (!record) return {};
  const values: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(record)) {
    if (BOOKKEEPING.has(field) || value === undefined || typeof value === 'function') continue;
    if (value instanceof Date) values[field] = value.toISOString();
    else if (value !== null && typeof value === 'object' && !Array.isArray(value) && value.constructor !== Object) continue; // a relation
    else values[field] = value;
  }
  return values;
}

const CHANGES_AUDIT_LOG = /^\s*(UPDATE|DELETE\s+FROM|REPLACE\s+INTO|TRUNCATE(\s+TABLE)?)\s+[`"]?audit_log[`"]?(\s|$)/i;

/**
 * The trail is append-only: every statement that would update or delete its rows is refused before
 * it reaches the database, whichever path (repository, query builder, raw SQL) sends it.
 */
@EventSubscriber()
export class AppendOnlyAuditLog implements EntitySubscriberInterface {
  beforeQuery(event: BeforeQueryEvent<unknown>): void {
    if (CHANGES_AUDIT_LOG.test(event.query)) throw new Error('the audit log is append-only: its entries are never updated or deleted');
  }
}
