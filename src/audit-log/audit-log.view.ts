import { AuditLogEntry, FieldChanges } from './audit-log-entry.entity';

export interface AuditLogEntryView {
  id: string;
  at: string;
  actor: { id: string | null; email: string | null; via?: string } | null;
  action: string;
  entityType: string;
  entityId: string | null;
  changes: FieldChanges;
  summary: Record<string, unknown> | null;
}

export function toAuditLogEntryView(entry: AuditLogEntry): AuditLogEntryView {
  return {
    id: String(entry.id),
    at: entry.at.toISOString(),
    actor: entry.actorId || entry.actorEmail ? { id: entry.actorId, email: entry.actorEmail, ...(entry.actorVia ? { via: entry.actorVia } : {}) } : null,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId,
    changes: entry.changes ?? {},
    summary: entry.summary,
  };
}
