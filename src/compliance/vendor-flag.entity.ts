import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * Today's flags of each vendor (as of the last recompute: every write of a vendor's facts, and the
 * daily job as the calendar moves), with all their message needs, so lists page them in the database
 * and render them without evaluating anyone. Codes and severities are plain text: a new rule's code
 * needs no schema change. `asOf` reads on another day never use this table: they evaluate.
 */
@Entity({ name: 'vendor_flags' })
@Index('IDX_vendor_flags_code_vendor', ['code', 'vendorId'])
@Index('IDX_vendor_flags_order', ['severityRank', 'vendorName', 'vendorId', 'position'])
@Index('IDX_vendor_flags_code_order', ['code', 'severityRank', 'vendorName', 'vendorId', 'position'])
@Index('IDX_vendor_flags_code_name', ['code', 'vendorName', 'vendorId'])
@Index('IDX_vendor_flags_code_due', ['code', 'dueDate', 'vendorId'])
export class VendorFlag {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  vendorId!: string;

  /** The flag's place in its vendor's evaluation (the rules' order). */
  @PrimaryColumn({ type: 'integer' })
  position!: number;

  /** The vendor's name, for the lists' order (a rename rewrites its flags: the engine recomputes the vendor). */
  @Column({ type: 'varchar', length: 200 })
  vendorName!: string;

  @Column({ type: 'varchar', length: 60 })
  code!: string;

  @Column({ type: 'varchar', length: 20 })
  severity!: string;

  /** The severity's place in SEVERITIES (critical first), for the lists' order. */
  @Column({ type: 'integer' })
  severityRank!: number;

  /** How binding the unmet requirement is (rules/basis.ts: statute, guideline, policy, certification, recommended). */
  @Column({ type: 'varchar', length: 20 })
  basis!: string;

  @Column({ type: 'varchar', length: 60, nullable: true })
  variant!: string | null;

  @Column({ type: 'varchar', length: 40, nullable: true })
  clauseType!: string | null;

  @Column({ type: 'json' })
  requirementIds!: string[];

  @Column({ type: 'json' })
  params!: Record<string, string | number | string[]>;

  @Column({ type: 'date', nullable: true })
  dueDate!: string | null;

  @Column({ type: 'varchar', length: 40, nullable: true })
  refType!: string | null;

  @Column({ type: 'varchar', length: 36, nullable: true })
  refId!: string | null;
}

/** How many stored flags there are of each code and severity, and how many vendors have one: totals without counting rows. */
@Entity({ name: 'flag_counts' })
export class FlagCount {
  @PrimaryColumn({ type: 'varchar', length: 60 })
  code!: string;

  @PrimaryColumn({ type: 'varchar', length: 20 })
  severity!: string;

  @Column({ type: 'integer' })
  flags!: number;

  @Column({ type: 'integer' })
  vendors!: number;
}
