import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { BaseRecord } from '../common/entity-columns';
import { CONTRACT_KINDS, CONTRACT_STATUSES, ContractKind, ContractStatus } from '../rules/contracts';
import { Vendor } from '../vendors/vendor.entity';

/** 委託契約 / 覚書 / DPA: never hard-deleted (JIS: keep the contract as long as the data). */
@Entity({ name: 'contracts' })
@Index('IDX_contracts_vendor', ['vendorId'])
@Index('IDX_contracts_status_dates', ['status', 'effectiveFrom', 'expiresOn'])
@Index('IDX_contracts_status_expires', ['status', 'expiresOn', 'id'])
export class Contract extends BaseRecord {
  @Column({ type: 'varchar', length: 36 })
  vendorId!: string;

  @ManyToOne(() => Vendor, { onDelete: 'RESTRICT', onUpdate: 'NO ACTION' })
  @JoinColumn({ name: 'vendorId', foreignKeyConstraintName: 'FK_contracts_vendor' })
  vendor?: Vendor;

  @Column({ type: 'varchar', length: 200 })
  title!: string;

  @Column({ type: 'simple-enum', enum: CONTRACT_KINDS })
  kind!: ContractKind;

  @Column({ type: 'simple-enum', enum: CONTRACT_STATUSES })
  status!: ContractStatus;

  @Column({ type: 'date', nullable: true })
  signedOn!: string | null;

  @Column({ type: 'date' })
  effectiveFrom!: string;

  @Column({ type: 'date', nullable: true })
  expiresOn!: string | null;

  @Column({ type: 'boolean', width: 1 })
  autoRenew!: boolean;

  @Column({ type: 'integer', nullable: true })
  noticeDays!: number | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  governingLaw!: string | null;

  /** Hours the vendor has to tell us of an incident (e.g. 24): late notice is shown on the incident. */
  @Column({ type: 'integer', nullable: true })
  incidentNoticeHours!: number | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  documentRef!: string | null;

  /** How long the vendor keeps the data, in the contract's words (e.g. 「契約終了後30日」; legal-model.md §7). */
  @Column({ type: 'varchar', length: 200, nullable: true })
  retentionPeriod!: string | null;
}
