import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * Today's actions of each vendor (rules/actions.ts, vendorActions over its stored flags), one row per
 * thing to do, written by the compliance engine with the stored flags in the same transaction. A row
 * holds the action's key and what the action list orders and filters by (severity, the vendor's tier,
 * due date, name, owner, kind and role), so a page is read by walking an index in the list's order;
 * what an action shows (its message, its link) is made by the rule from the page's vendors alone.
 */
@Entity({ name: 'vendor_actions' })
@Index('IDX_vendor_actions_order', ['severityRank', 'tierRank', 'dueKey', 'vendorName', 'vendorId', 'kindRank', 'groupRef'])
@Index('IDX_vendor_actions_kind', ['kind', 'severityRank', 'tierRank', 'dueKey', 'vendorName', 'vendorId', 'groupRef'])
@Index('IDX_vendor_actions_role', ['role', 'severityRank', 'tierRank', 'dueKey', 'vendorName', 'vendorId', 'kindRank', 'groupRef'])
@Index('IDX_vendor_actions_owner', ['ownerEmail', 'severityRank', 'tierRank', 'dueKey', 'vendorName', 'vendorId', 'kindRank', 'groupRef'])
export class VendorAction {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  vendorId!: string;

  @PrimaryColumn({ type: 'varchar', length: 40 })
  kind!: string;

  /** Which of the vendor's actions of the kind: the record for per-record kinds, the flag code for an unknown code, else ''. */
  @PrimaryColumn({ type: 'varchar', length: 60 })
  groupRef!: string;

  /** The kind's place in ACTION_KINDS (the list's tie-break). */
  @Column({ type: 'integer' })
  kindRank!: number;

  /** Who acts (legal or compliance). */
  @Column({ type: 'varchar', length: 20 })
  role!: string;

  /** The action's severity's place in SEVERITIES (critical first). */
  @Column({ type: 'integer' })
  severityRank!: number;

  /** The vendor's risk tier's place (high first). */
  @Column({ type: 'integer' })
  tierRank!: number;

  /** The action's due date, or 9999-12-31 without one (after every date, as the list orders). */
  @Column({ type: 'date' })
  dueKey!: string;

  /** The vendor's name and owner (lower case), for the order and the "mine" filter: a change rewrites them (the engine recomputes the vendor). */
  @Column({ type: 'varchar', length: 200 })
  vendorName!: string;

  @Column({ type: 'varchar', length: 254, nullable: true })
  ownerEmail!: string | null;
}

/** How many stored actions there are of each kind and vendor tier: the action list's totals and the dashboard's counts. */
@Entity({ name: 'action_counts' })
export class ActionCount {
  @PrimaryColumn({ type: 'varchar', length: 40 })
  kind!: string;

  @PrimaryColumn({ type: 'varchar', length: 20 })
  riskTier!: string;

  @Column({ type: 'integer' })
  actions!: number;
}

/** How many vendors there are of each compliance status and risk tier (the dashboard), as the engine last stored them. */
@Entity({ name: 'vendor_counts' })
export class VendorCount {
  @PrimaryColumn({ type: 'varchar', length: 20 })
  complianceStatus!: string;

  @PrimaryColumn({ type: 'varchar', length: 20 })
  riskTier!: string;

  @Column({ type: 'integer' })
  vendors!: number;
}

/** What each vendor counts as in vendor_counts (its status and tier when the engine last stored it), so a change moves it between cells. */
@Entity({ name: 'counted_vendors' })
export class CountedVendor {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  vendorId!: string;

  @Column({ type: 'varchar', length: 20 })
  complianceStatus!: string;

  @Column({ type: 'varchar', length: 20 })
  riskTier!: string;

  /** The day it counts under in audit_due_counts (rules/work-queues.ts auditQueueDue), or null when it waits for no audit. */
  @Column({ type: 'date', nullable: true })
  auditDueOn!: string | null;
}

/**
 * How many vendors wait in the audit queue from each day (rules/work-queues.ts auditQueueDue:
 * supervised, no audit planned or in progress, their next audit due that day), kept with
 * counted_vendors: the unplanned audits on a day are the sum over the days up to the horizon.
 */
@Entity({ name: 'audit_due_counts' })
export class AuditDueCount {
  @PrimaryColumn({ type: 'date' })
  dueOn!: string;

  @Column({ type: 'integer' })
  vendors!: number;
}

/**
 * What derived data was written by (a fingerprint of the rules and code that derive it), so that a
 * start with other rules (a flag code moved to another kind of action) rewrites it before serving.
 */
@Entity({ name: 'derived_fingerprints' })
export class DerivedFingerprint {
  @PrimaryColumn({ type: 'varchar', length: 60 })
  name!: string;

  @Column({ type: 'varchar', length: 64 })
  fingerprint!: string;
}
