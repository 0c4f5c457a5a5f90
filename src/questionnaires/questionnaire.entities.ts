import { BeforeInsert, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { randomUUID } from 'node:crypto';
import { BaseRecord } from '../common/entity-columns';
import { Locale, LOCALES } from '../i18n/locale';
import { QuestionnaireStatus } from '../rules/lifecycles';
import { Answers, QUESTIONNAIRE_PURPOSES, QuestionnaireContent, QuestionnairePurpose } from '../rules/questionnaires';
import { Vendor } from '../vendors/vendor.entity';

export const QUESTIONNAIRE_STATUSES: readonly QuestionnaireStatus[] = ['sent', 'in-progress', 'submitted', 'clarification-requested', 'accepted', 'revoked'];

/** A person at the vendor who answers questionnaires (a vendor may have several), in their language. */
@Entity({ name: 'vendor_contacts' })
@Index('UQ_vendor_contacts_vendor_email', ['vendorId', 'email'], { unique: true })
export class VendorContact extends BaseRecord {
  @Column({ type: 'varchar', length: 36 })
  vendorId!: string;

  @ManyToOne(() => Vendor, { onDelete: 'RESTRICT', onUpdate: 'NO ACTION' })
  @JoinColumn({ name: 'vendorId', foreignKeyConstraintName: 'FK_vendor_contacts_vendor' })
  vendor?: Vendor;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  /** NFKC, lower case (rules/email-address.ts). */
  @Column({ type: 'varchar', length: 254 })
  email!: string;

  @Column({ type: 'simple-enum', enum: LOCALES })
  locale!: Locale;
}

/**
 * A questionnaire template: built in (shipped, read-only; copied to be changed) or an admin's copy.
 * Its name and purpose mirror its latest version; every edit is a new version, so a questionnaire
 * already sent keeps the version it was sent with.
 */
@Entity({ name: 'questionnaire_templates' })
@Index('UQ_questionnaire_templates_key', ['key'], { unique: true })
export class QuestionnaireTemplate extends BaseRecord {
  /** The built-in template's stable key (null for copies). */
  @Column({ type: 'varchar', length: 60, nullable: true })
  key!: string | null;

  @Column({ type: 'boolean', width: 1 })
  builtIn!: boolean;

  @Column({ type: 'varchar', length: 200 })
  nameJa!: string;

  @Column({ type: 'varchar', length: 200 })
  nameEn!: string;

  @Column({ type: 'simple-enum', enum: QUESTIONNAIRE_PURPOSES })
  purpose!: QuestionnairePurpose;

  @Column({ type: 'integer' })
  latestVersion!: number;

  @Column({ type: 'varchar', length: 36, nullable: true })
  copiedFromId!: string | null;
}

/** One version of a template: what a questionnaire sent with it asks, never changed once written. */
@Entity({ name: 'questionnaire_template_versions' })
@Index('UQ_questionnaire_template_versions_number', ['templateId', 'number'], { unique: true })
export class QuestionnaireTemplateVersion {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 36 })
  templateId!: string;

  @ManyToOne(() => QuestionnaireTemplate, { onDelete: 'RESTRICT', onUpdate: 'NO ACTION' })
  @JoinColumn({ name: 'templateId', foreignKeyConstraintName: 'FK_questionnaire_template_versions_template' })
  template?: QuestionnaireTemplate;

  @Column({ type: 'integer' })
  number!: number;

  @Column({ type: 'varchar', length: 200 })
  nameJa!: string;

  @Column({ type: 'varchar', length: 200 })
  nameEn!: string;

  @Column({ type: 'simple-enum', enum: QUESTIONNAIRE_PURPOSES })
  purpose!: QuestionnairePurpose;

  @Column({ type: 'json' })
  content!: QuestionnaireContent;

  /** Null for the shipped versions of built-in templates. */
  @Column({ type: 'varchar', length: 36, nullable: true })
  createdById!: string | null;

  @Column({ type: 'datetime', precision: 3 })
  createdAt!: Date;

  @BeforeInsert()
  protected assignIdentity(): void {
    if (!this.id) this.id = randomUUID();
    if (!this.createdAt) this.createdAt = new Date();
  }
}

/** A clarification round: the questions compliance reopened, with its comment and the answer it was about. */
export interface ClarificationRound {
  round: number;
  requestedAt: string;
  requestedById: string;
  message: string | null;
  questions: Array<{ key: string; comment: string; previousAnswer: Answers[string] | null }>;
}

/**
 * A questionnaire sent to a vendor's contact by link (委託先評価チェックシート, 取扱状況の報告):
 * the template version it asks, the answers (a draft until submitted), the clarification rounds
 * and, once accepted, the assessment the answers became.
 */
@Entity({ name: 'questionnaires' })
@Index('IDX_questionnaires_vendor_status', ['vendorId', 'status'])
@Index('IDX_questionnaires_status_due', ['status', 'dueOn'])
export class Questionnaire extends BaseRecord {
  @Column({ type: 'varchar', length: 36 })
  vendorId!: string;

  @ManyToOne(() => Vendor, { onDelete: 'RESTRICT', onUpdate: 'NO ACTION' })
  @JoinColumn({ name: 'vendorId', foreignKeyConstraintName: 'FK_questionnaires_vendor' })
  vendor?: Vendor;

  @Column({ type: 'varchar', length: 36 })
  contactId!: string;

  @ManyToOne(() => VendorContact, { onDelete: 'RESTRICT', onUpdate: 'NO ACTION' })
  @JoinColumn({ name: 'contactId', foreignKeyConstraintName: 'FK_questionnaires_contact' })
  contact?: VendorContact;

  @Column({ type: 'varchar', length: 36 })
  templateVersionId!: string;

  @ManyToOne(() => QuestionnaireTemplateVersion, { onDelete: 'RESTRICT', onUpdate: 'NO ACTION' })
  @JoinColumn({ name: 'templateVersionId', foreignKeyConstraintName: 'FK_questionnaires_template_version' })
  templateVersion?: QuestionnaireTemplateVersion;

  /** Copied from the template version when sent: what acceptance records. */
  @Column({ type: 'simple-enum', enum: QUESTIONNAIRE_PURPOSES })
  purpose!: QuestionnairePurpose;

  @Column({ type: 'varchar', length: 200 })
  titleJa!: string;

  @Column({ type: 'varchar', length: 200 })
  titleEn!: string;

  @Column({ type: 'simple-enum', enum: QUESTIONNAIRE_STATUSES })
  status!: QuestionnaireStatus;

  @Column({ type: 'date' })
  sentOn!: string;

  @Column({ type: 'varchar', length: 36 })
  sentById!: string;

  @Column({ type: 'date' })
  dueOn!: string;

  /** The sender's message to the contact (shown on the page and in the e-mail). */
  @Column({ type: 'varchar', length: 2000, nullable: true })
  message!: string | null;

  @Column({ type: 'json' })
  answers!: Answers;

  /** The questions open in a clarification round; null: all (before the first submission). */
  @Column({ type: 'json', nullable: true })
  reopened!: string[] | null;

  @Column({ type: 'json' })
  clarifications!: ClarificationRound[];

  @Column({ type: 'datetime', precision: 3, nullable: true })
  submittedAt!: Date | null;

  /** The day the vendor last handed it back (or it was revoked); null while it waits for the vendor. */
  @Column({ type: 'date', nullable: true })
  answeredOn!: string | null;

  /** When the last e-mail with a link went out (invitation, re-send, clarification, reminder). */
  @Column({ type: 'datetime', precision: 3, nullable: true })
  lastMailedAt!: Date | null;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  acceptedAt!: Date | null;

  @Column({ type: 'varchar', length: 36, nullable: true })
  acceptedById!: string | null;

  /** The assessment the accepted answers became (selection or periodic). */
  @Column({ type: 'varchar', length: 36, nullable: true })
  assessmentId!: string | null;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  revokedAt!: Date | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  revokedReason!: string | null;
}

export const LINK_PURPOSES = ['invitation', 'resend', 'clarification', 'reminder'] as const;
export type LinkPurpose = (typeof LINK_PURPOSES)[number];
export type LinkEnd = 'replaced' | 'revoked';

/**
 * One link sent for a questionnaire: only the SHA-256 of its random token is kept. The newest link
 * of a questionnaire replaces the older ones; revoking the questionnaire ends its link.
 */
@Entity({ name: 'questionnaire_links' })
@Index('UQ_questionnaire_links_token', ['tokenHash'], { unique: true })
@Index('IDX_questionnaire_links_questionnaire', ['questionnaireId'])
export class QuestionnaireLink {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 36 })
  questionnaireId!: string;

  @ManyToOne(() => Questionnaire, { onDelete: 'RESTRICT', onUpdate: 'NO ACTION' })
  @JoinColumn({ name: 'questionnaireId', foreignKeyConstraintName: 'FK_questionnaire_links_questionnaire' })
  questionnaire?: Questionnaire;

  @Column({ type: 'varchar', length: 64 })
  tokenHash!: string;

  @Column({ type: 'varchar', length: 20 })
  purpose!: LinkPurpose;

  @Column({ type: 'datetime', precision: 3 })
  createdAt!: Date;

  @Column({ type: 'datetime', precision: 3 })
  expiresAt!: Date;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  endedAt!: Date | null;

  @Column({ type: 'varchar', length: 20, nullable: true })
  endReason!: LinkEnd | null;
}

/**
 * Wrong questionnaire links counted per client address (its SHA-256), in the database so every
 * instance counts the same; changed only by compare-and-set on `version`, like the sign-in counters.
 */
@Entity({ name: 'questionnaire_link_throttles' })
export class QuestionnaireLinkThrottle {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  id!: string;

  @Column({ type: 'integer' })
  failures!: number;

  @Column({ type: 'datetime', precision: 3 })
  windowStart!: Date;

  @Column({ type: 'integer' })
  version!: number;
}
