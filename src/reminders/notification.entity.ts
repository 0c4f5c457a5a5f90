import { randomUUID } from 'node:crypto';
import { BeforeInsert, Column, Entity, Index, PrimaryColumn } from 'typeorm';

export const NOTIFICATION_STATUSES = ['pending', 'sending', 'sent', 'failed'] as const;
export type NotificationStatus = (typeof NOTIFICATION_STATUSES)[number];

/**
 * The reminder ledger (outbox): one row per reminder key, whatever how often the job runs. The
 * unique key is the guarantee "exactly once in the ledger"; delivery claims rows before sending.
 */
@Entity({ name: 'notifications' })
@Index('UQ_notifications_key', ['ruleCode', 'subjectId', 'threshold', 'dueDate', 'recipient'], { unique: true })
@Index('IDX_notifications_status_next', ['status', 'nextAttemptAt'])
@Index('IDX_notifications_recipient', ['recipient', 'status'])
export class Notification {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 40 })
  ruleCode!: string;

  @Column({ type: 'varchar', length: 80 })
  subjectId!: string;

  @Column({ type: 'varchar', length: 36, nullable: true })
  vendorId!: string | null;

  @Column({ type: 'varchar', length: 20 })
  threshold!: string;

  @Column({ type: 'date' })
  dueDate!: string;

  @Column({ type: 'varchar', length: 254 })
  recipient!: string;

  @Column({ type: 'json' })
  params!: Record<string, string | number>;

  @Column({ type: 'simple-enum', enum: NOTIFICATION_STATUSES })
  status!: NotificationStatus;

  @Column({ type: 'integer' })
  attempts!: number;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  lastError!: string | null;

  @Column({ type: 'datetime', precision: 3 })
  nextAttemptAt!: Date;

  /** The delivery run holding the row while it sends; a run that died is overtaken after a lease. */
  @Column({ type: 'varchar', length: 36, nullable: true })
  claimedBy!: string | null;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  claimedAt!: Date | null;

  @Column({ type: 'varchar', length: 36, nullable: true })
  messageId!: string | null;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  sentAt!: Date | null;

  @Column({ type: 'datetime', precision: 3 })
  createdAt!: Date;

  @BeforeInsert()
  protected assignIdentity(): void {
    if (!this.id) this.id = randomUUID();
  }
}

/** One e-mail as rendered and handed to the transport: what a reminder looked like, for the record. */
@Entity({ name: 'mail_messages' })
@Index('IDX_mail_messages_recipient', ['recipient', 'createdAt'])
export class MailMessage {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 254 })
  recipient!: string;

  @Column({ type: 'varchar', length: 2 })
  locale!: string;

  @Column({ type: 'varchar', length: 300 })
  subject!: string;

  @Column({ type: 'text' })
  textBody!: string;

  @Column({ type: 'text' })
  htmlBody!: string;

  @Column({ type: 'varchar', length: 20 })
  outcome!: string;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  error!: string | null;

  @Column({ type: 'varchar', length: 300, nullable: true })
  transportId!: string | null;

  @Column({ type: 'datetime', precision: 3 })
  createdAt!: Date;
}
