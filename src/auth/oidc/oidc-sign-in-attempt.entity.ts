import { randomUUID } from 'node:crypto';
import { BeforeInsert, Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A single sign-on that has been started and not yet finished: the `state`, `nonce` and PKCE code
 * verifier (RFC 7636) the callback must match. Kept in the database, not in one instance's memory,
 * so any instance can handle the provider's callback; each is used once (deleted when the callback
 * arrives) and expires after ten minutes. The browser holds only a random key, stored here as its
 * SHA-256, which binds the attempt to the browser that started it (no login CSRF).
 */
@Entity({ name: 'oidc_sign_in_attempts' })
@Index('UQ_oidc_sign_in_attempts_browser', ['browserKeyHash'], { unique: true })
@Index('IDX_oidc_sign_in_attempts_expires', ['expiresAt'])
export class OidcSignInAttempt {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 64 })
  browserKeyHash!: string;

  @Column({ type: 'varchar', length: 100 })
  state!: string;

  @Column({ type: 'varchar', length: 100 })
  nonce!: string;

  @Column({ type: 'varchar', length: 128 })
  codeVerifier!: string;

  /** The page to open after signing in (a local path). */
  @Column({ type: 'varchar', length: 2000 })
  returnTo!: string;

  @Column({ type: 'datetime', precision: 3 })
  createdAt!: Date;

  @Column({ type: 'datetime', precision: 3 })
  expiresAt!: Date;

  @BeforeInsert()
  protected assignIdentity(): void {
    if (!this.id) this.id = randomUUID();
  }
}
