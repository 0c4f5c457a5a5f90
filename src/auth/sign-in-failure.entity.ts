import { randomUUID } from 'node:crypto';
import { BeforeInsert, Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A failed sign-in, kept in the database so every instance behind a load balancer counts the same.
 * Account and address are stored as SHA-256 hashes: the table is for counting, not for reading.
 */
@Entity({ name: 'sign_in_failures' })
@Index('IDX_sign_in_failures_account', ['accountHash', 'at'])
@Index('IDX_sign_in_failures_address', ['addressHash', 'at'])
export class SignInFailure {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 64 })
  accountHash!: string;

  @Column({ type: 'varchar', length: 64 })
  addressHash!: string;

  @Column({ type: 'datetime', precision: 3 })
  at!: Date;

  @BeforeInsert()
  protected assignIdentity(): void {
    if (!this.id) this.id = randomUUID();
  }
}
