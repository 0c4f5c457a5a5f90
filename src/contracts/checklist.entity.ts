import { randomUUID } from 'node:crypto';
import { BeforeInsert, Column, Entity, Index, JoinColumn, ManyToOne, OneToOne, PrimaryColumn, VersionColumn } from 'typeorm';
import { RecordedException } from '../rules/checklist-approval';
import { REVIEW_STATUSES, ReviewStatus } from '../rules/contracts';
import { Contract } from './contract.entity';

/**
 * Legal's clause checklist of one contract. Its `version` guards every item and the sign-off, so
 * two reviewers never silently overwrite each other's work on the same contract.
 */
@Entity({ name: 'contract_checklists' })
export class ContractChecklist {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  contractId!: string;

  @OneToOne(() => Contract, { onDelete: 'CASCADE', onUpdate: 'NO ACTION' })
  @JoinColumn({ name: 'contractId', foreignKeyConstraintName: 'FK_contract_checklists_contract' })
  contract?: Contract;

  @VersionColumn({ type: 'integer' })
  version!: number;

  @Column({ type: 'varchar', length: 36, nullable: true })
  approvedById!: string | null;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  approvedAt!: Date | null;

  /** Required clause types signed off although missing or partial, each with legal's note (approved with exceptions). */
  @Column({ type: 'json', nullable: true })
  approvalExceptions!: RecordedException[] | null;

  @Column({ type: 'datetime', precision: 3 })
  updatedAt!: Date;
}

/** One clause type's review in one contract (present / partial / missing / not-reviewed). */
@Entity({ name: 'checklist_items' })
@Index('UQ_checklist_items_contract_clause', ['contractId', 'clauseType'], { unique: true })
// Covers the compliance engine's read of open items per contract (see compliance-facts.ts).
@Index('IDX_checklist_items_contract_status', ['contractId', 'status', 'clauseType'])
export class ChecklistItem {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 36 })
  contractId!: string;

  @ManyToOne(() => Contract, { onDelete: 'CASCADE', onUpdate: 'NO ACTION' })
  @JoinColumn({ name: 'contractId', foreignKeyConstraintName: 'FK_checklist_items_contract' })
  contract?: Contract;

  @Column({ type: 'varchar', length: 40 })
  clauseType!: string;

  @Column({ type: 'simple-enum', enum: REVIEW_STATUSES })
  status!: ReviewStatus;

  /** Where the clause is, e.g. 第12条 or 別紙2. */
  @Column({ type: 'varchar', length: 100, nullable: true })
  section!: string | null;

  @Column({ type: 'varchar', length: 2000, nullable: true })
  note!: string | null;

  @Column({ type: 'varchar', length: 36, nullable: true })
  reviewedById!: string | null;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  reviewedAt!: Date | null;

  @BeforeInsert()
  protected assignIdentity(): void {
    if (!this.id) this.id = randomUUID();
  }
}

export const CHECKLIST_EVENT_KINDS = ['item-reviewed', 'approved', 'approval-cleared'] as const;
export type ChecklistEventKind = (typeof CHECKLIST_EVENT_KINDS)[number];

/** The checklist's history: every review, sign-off and sign-off cleared by a later change. */
@Entity({ name: 'checklist_events' })
@Index('IDX_checklist_events_contract', ['contractId', 'at'])
export class ChecklistEvent {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 36 })
  contractId!: string;

  @Column({ type: 'simple-enum', enum: CHECKLIST_EVENT_KINDS })
  kind!: ChecklistEventKind;

  @Column({ type: 'varchar', length: 40, nullable: true })
  clauseType!: string | null;

  @Column({ type: 'varchar', length: 36 })
  actorId!: string;

  @Column({ type: 'datetime', precision: 3 })
  at!: Date;

  @Column({ type: 'json' })
  details!: Record<string, unknown>;

  @BeforeInsert()
  protected assignIdentity(): void {
    if (!this.id) this.id = randomUUID();
  }
}
