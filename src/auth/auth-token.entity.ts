import { randomUUID } from 'node:crypto';
import { BeforeInsert, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { User } from '../users/user.entity';

/** A bearer token, stored only as its SHA-256 so a database leak does not leak sign-ins. */
@Entity({ name: 'auth_tokens' })
@Index('UQ_auth_tokens_token_hash', ['tokenHash'], { unique: true })
@Index('IDX_auth_tokens_user', ['userId'])
export class AuthToken {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 36 })
  userId!: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'userId', foreignKeyConstraintName: 'FK_auth_tokens_user' })
  user?: User;

  @Column({ type: 'varchar', length: 64 })
  tokenHash!: string;

  @Column({ type: 'datetime', precision: 3 })
  createdAt!: Date;

  @Column({ type: 'datetime', precision: 3 })
  expiresAt!: Date;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  revokedAt!: Date | null;

  /** A personal API token's name (shown in its owner's list); null for sign-in sessions and tokens. */
  @Column({ type: 'varchar', length: 100, nullable: true })
  name!: string | null;

  @BeforeInsert()
  protected assignIdentity(): void {
    if (!this.id) this.id = randomUUID();
    if (!this.createdAt) this.createdAt = new Date();
  }
}
