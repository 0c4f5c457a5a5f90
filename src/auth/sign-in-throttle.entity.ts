import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export type ThrottleKind = 'pair' | 'account' | 'address';

/**
 * One sign-in counter (auth/sign-in-policy.ts): for an account and address pair, an account, or an
 * address. Kept in the database so every instance counts the same, and changed only by conditional
 * UPDATEs on `version` (compare-and-set), so parallel attempts cannot all pass one check. Accounts and
 * addresses are stored as SHA-256 hashes: the table is for counting, not for reading.
 */
@Entity({ name: 'sign_in_throttles' })
@Index('IDX_sign_in_throttles_account', ['accountHash'])
export class SignInThrottle {
  /** sha256 of the kind with the account and/or address. */
  @PrimaryColumn({ type: 'varchar', length: 64 })
  id!: string;

  @Column({ type: 'varchar', length: 10 })
  kind!: ThrottleKind;

  /** The account's hash on pair and account rows (an admin's unlock clears them all). */
  @Column({ type: 'varchar', length: 64, nullable: true })
  accountHash!: string | null;

  /** Attempts counted in the window: reserved before the password is checked, given back on success. */
  @Column({ type: 'integer' })
  failures!: number;

  @Column({ type: 'datetime', precision: 3 })
  windowStart!: Date;

  /** Account rows: no attempt before this (the back-off). */
  @Column({ type: 'datetime', precision: 3, nullable: true })
  nextAllowedAt!: Date | null;

  /** Pair rows: the last successful sign-in of this account from this address. */
  @Column({ type: 'datetime', precision: 3, nullable: true })
  lastSuccessAt!: Date | null;

  @Column({ type: 'integer' })
  version!: number;
}
