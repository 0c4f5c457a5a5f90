import { Column, Entity, PrimaryColumn } from 'typeorm';

/** How many audits there are of each status: the audit list's totals (RecordCountsSubscriber keeps it). */
@Entity({ name: 'audit_counts' })
export class AuditCount {
  @PrimaryColumn({ type: 'varchar', length: 20 })
  status!: string;

  @Column({ type: 'integer' })
  audits!: number;
}

/** How many findings there are of each status and severity: the finding list's totals and the dashboard's open findings. */
@Entity({ name: 'finding_counts' })
export class FindingCount {
  @PrimaryColumn({ type: 'varchar', length: 20 })
  status!: string;

  @PrimaryColumn({ type: 'varchar', length: 20 })
  severity!: string;

  @Column({ type: 'integer' })
  findings!: number;
}
