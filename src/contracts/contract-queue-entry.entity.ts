import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { ContractStatus } from '../rules/contracts';
import { ContractReview } from '../rules/work-queues';

/**
 * What legal's work queues read of a contract that waits for a review or has a renewal decision
 * (rules/work-queues.ts contractQueueKeys), with what they order and narrow by: derived from the
 * contract, its checklist and its vendor's name, rewritten in the transaction that changes any of
 * them (contract-queues.ts). A contract in neither queue has no row: every signed contract with an
 * end date has one (its renewal decision date). Each queue is a range of one index in the order it is
 * listed, and so are the dashboard's contracts ending soon.
 */
@Entity({ name: 'contract_queue_entries' })
@Index('IDX_contract_queue_entries_review', ['review', 'vendorName', 'title', 'contractId'])
@Index('IDX_contract_queue_entries_renewal', ['renewalDecisionOn', 'vendorName', 'title', 'contractId'])
@Index('IDX_contract_queue_entries_ending', ['status', 'expiresOn', 'vendorName', 'title', 'contractId'])
@Index('IDX_contract_queue_entries_vendor', ['vendorId'])
export class ContractQueueEntry {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  contractId!: string;

  @Column({ type: 'varchar', length: 36 })
  vendorId!: string;

  @Column({ type: 'varchar', length: 200 })
  vendorName!: string;

  @Column({ type: 'varchar', length: 200 })
  title!: string;

  @Column({ type: 'varchar', length: 20 })
  status!: ContractStatus;

  @Column({ type: 'date' })
  effectiveFrom!: string;

  @Column({ type: 'date', nullable: true })
  expiresOn!: string | null;

  @Column({ type: 'boolean', width: 1 })
  autoRenew!: boolean;

  @Column({ type: 'varchar', length: 20, nullable: true })
  review!: ContractReview;

  @Column({ type: 'date', nullable: true })
  renewalDecisionOn!: string | null;

  /** The day it counts as started from in renewal_due_counts (rules/work-queues.ts renewalCountKey), or null when it is not counted there. */
  @Column({ type: 'date', nullable: true })
  renewalCountedFrom!: string | null;
}

/**
 * How many contracts are counted under each key of the renewal queue (rules/work-queues.ts
 * renewalCountKey: decision date, end date, the day counted as started), kept with the queue
 * entries: the renewals due on a day are the sum over the keys renewalCounted keeps, a row per
 * decision date and notice period rather than a row per contract.
 */
@Entity({ name: 'renewal_due_counts' })
export class RenewalDueCount {
  @PrimaryColumn({ type: 'date' })
  renewalDecisionOn!: string;

  @PrimaryColumn({ type: 'date' })
  expiresOn!: string;

  @PrimaryColumn({ type: 'date' })
  countedFrom!: string;

  @Column({ type: 'integer' })
  contracts!: number;
}
