import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export const ACTOR_VIA = ['vendor-contact-link'] as const;
export type ActorVia = (typeof ACTOR_VIA)[number];

export const AUDIT_ACTIONS = ['create', 'update', 'delete', 'approve', 'import', 'sign-in', 'sign-in-failed', 'sign-out', 'unlock'] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** One field's value before and after a change (null: the record did not exist / no longer exists). */
export type FieldChanges = Record<string, { before: unknown; after: unknown }>;

/**
 * One row of the append-only audit trail: written in the transaction of the change it describes,
 * never updated or deleted (no code path does; a subscriber refuses it, see audit-trail.ts).
 * The id is a sequence so entries of one transaction keep their order.
 */
@Entity({ name: 'audit_log' })
@Index('IDX_audit_log_entity', ['entityType', 'entityId', 'at'])
@Index('IDX_audit_log_actor', ['actorId', 'at'])
@Index('IDX_audit_log_at', ['at'])
export class AuditLogEntry {
  @PrimaryGeneratedColumn('increment', { type: 'integer' })
  id!: number;

  @Column({ type: 'datetime', precision: 3 })
  at!: Date;

  /** The signed-in user; null for the system (scheduled jobs, CLI) and unknown accounts. */
  @Column({ type: 'varchar', length: 36, nullable: true })
  actorId!: string | null;

  @Column({ type: 'varchar', length: 254, nullable: true })
  actorEmail!: string | null;

  /**
   * How an actor who is no user acted: `vendor-contact-link` — a vendor's contact through a
   * questionnaire's link (actorId is then the contact's id). Null for users and the system.
   */
  @Column({ type: 'varchar', length: 40, nullable: true })
  actorVia!: ActorVia | null;

  @Column({ type: 'varchar', length: 20 })
  action!: AuditAction;

  @Column({ type: 'varchar', length: 40 })
  entityType!: string;

  @Column({ type: 'varchar', length: 80, nullable: true })
  entityId!: string | null;

  /** Field-level before/after of what changed (secrets such as password hashes are never stored). */
  @Column({ type: 'json', nullable: true })
  changes!: FieldChanges | null;

  /** Facts about the event that are not fields (e.g. an import's counts, a failed sign-in's reason). */
  @Column({ type: 'json', nullable: true })
  summary!: Record<string, unknown> | null;
}
