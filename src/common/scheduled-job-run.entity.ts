import { randomUUID } from 'node:crypto';
import { BeforeInsert, Column, Entity, Index, PrimaryColumn } from 'typeorm';

export const JOB_RUN_STATUSES = ['running', 'done', 'failed'] as const;
export type JobRunStatus = (typeof JOB_RUN_STATUSES)[number];

/**
 * The ledger of scheduled jobs: one row per job and slot (the day of a daily job, the quarter hour of
 * the incident clock). The unique key lets one instance of several claim a slot; the others skip it.
 */
@Entity({ name: 'scheduled_job_runs' })
@Index('UQ_scheduled_job_runs_job_slot', ['job', 'slot'], { unique: true })
export class ScheduledJobRun {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 100 })
  job!: string;

  /** YYYY-MM-DD for a daily job, YYYY-MM-DD HH:mm for one that runs every few minutes (ORG_TIMEZONE). */
  @Column({ type: 'varchar', length: 16 })
  slot!: string;

  @Column({ type: 'simple-enum', enum: JOB_RUN_STATUSES })
  status!: JobRunStatus;

  /** The process that claimed it (random per start). */
  @Column({ type: 'varchar', length: 36 })
  instance!: string;

  @Column({ type: 'datetime', precision: 3 })
  startedAt!: Date;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  finishedAt!: Date | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  error!: string | null;

  @BeforeInsert()
  protected assignIdentity(): void {
    if (!this.id) this.id = randomUUID();
  }
}
