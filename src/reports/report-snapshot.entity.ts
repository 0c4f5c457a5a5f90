import { randomUUID } from 'node:crypto';
import { BeforeInsert, Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { BoardCounts, RemediationItem } from './board-counts';

/**
 * The board report's counts of one day in ORG_TIMEZONE, stored by the daily job: one row a day
 * (a second run the same day replaces it), so a report for a past period shows what was true then.
 */
@Entity({ name: 'report_snapshots' })
@Index('UQ_report_snapshots_day', ['day'], { unique: true })
export class ReportSnapshot {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  /** The calendar day (YYYY-MM-DD) the counts are of. */
  @Column({ type: 'varchar', length: 10 })
  day!: string;

  @Column({ type: 'json' })
  counts!: BoardCounts;

  /** The 要是正 vendors of the day with their critical flags (rendered in the reader's language when read). */
  @Column({ type: 'json' })
  remediation!: RemediationItem[];

  @Column({ type: 'datetime', precision: 3 })
  takenAt!: Date;

  @BeforeInsert()
  protected assignIdentity(): void {
    if (!this.id) this.id = randomUUID();
  }
}
