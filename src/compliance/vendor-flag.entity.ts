import { randomUUID } from 'node:crypto';
import { BeforeInsert, Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { FlagCode, SEVERITIES, Severity } from '../rules/flags';

/**
 * The flags of each vendor as of the last recompute (today in ORG_TIMEZONE), stored so lists can
 * filter by flag through an index. `asOf` reads never use this table: they compute on the fly.
 */
@Entity({ name: 'vendor_flags' })
@Index('IDX_vendor_flags_code_vendor', ['code', 'vendorId'])
@Index('IDX_vendor_flags_vendor', ['vendorId'])
export class VendorFlag {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 36 })
  vendorId!: string;

  /** One of the rules' FLAG_CODES: text, so a new rule needs no migration (the rows are derived). */
  @Column({ type: 'varchar', length: 40 })
  code!: FlagCode;

  @Column({ type: 'simple-enum', enum: SEVERITIES })
  severity!: Severity;

  @Column({ type: 'varchar', length: 40, nullable: true })
  clauseType!: string | null;

  @Column({ type: 'date', nullable: true })
  dueDate!: string | null;

  @Column({ type: 'date' })
  asOf!: string;

  @BeforeInsert()
  protected assignIdentity(): void {
    if (!this.id) this.id = randomUUID();
  }
}
