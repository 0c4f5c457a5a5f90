import { Column, Entity, Index } from 'typeorm';
import { Role, ROLES } from '../common/access-policy';
import { BaseRecord } from '../common/entity-columns';
import { Locale, LOCALES } from '../i18n/locale';

@Entity({ name: 'users' })
@Index('UQ_users_email', ['email'], { unique: true })
@Index('UQ_users_oidc_subject', ['oidcIssuer', 'oidcSubject'], { unique: true })
export class User extends BaseRecord {
  /** Stored lower-cased: sign-in is case-insensitive on the e-mail address. */
  @Column({ type: 'varchar', length: 254 })
  email!: string;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  /** 所属部署: shown next to the name on pages, never in an e-mail's greeting. */
  @Column({ type: 'varchar', length: 100, nullable: true })
  department!: string | null;

  @Column({ type: 'simple-enum', enum: ROLES })
  role!: Role;

  @Column({ type: 'simple-enum', enum: LOCALES })
  locale!: Locale;

  /** scrypt, see password-hasher.ts. Never leaves the service layer. */
  @Column({ type: 'varchar', length: 255 })
  passwordHash!: string;

  @Column({ type: 'boolean', width: 1 })
  active!: boolean;

  /**
   * Single sign-on: the OpenID Connect provider (issuer) and its `sub` for this person. A `sub` is
   * unique only within its issuer (OpenID Connect Core 1.0 §2), so the pair identifies the user.
   */
  @Column({ type: 'varchar', length: 255, nullable: true })
  oidcIssuer!: string | null;

  @Column({ type: 'varchar', length: 255, nullable: true })
  oidcSubject!: string | null;
}
