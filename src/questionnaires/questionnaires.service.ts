import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, In } from 'typeorm';
import { recordCreated } from '../audit-log/audit-trail';
import { updateAtVersion } from '../audit-log/optimistic-update';
import { AuthenticatedUser } from '../common/authenticated-user';
import { Clock } from '../common/clock';
import { AppConfig } from '../config/app-config';
import { ConflictError, NotFoundError, ValidationError, VersionConflictError } from '../common/domain-errors';
import { Page, pageOf } from '../common/pagination';
import { Problem, term } from '../common/problems';
import { runInTransaction } from '../database/transactions';
import { FilesService } from '../files/files.service';
import { Locale } from '../i18n/locale';
import { Translator } from '../i18n/translator';
import { QuestionnaireStatus, allowedMoves } from '../rules/lifecycles';
import { evidencedItems, linkExpiresAt, QuestionnaireContent, questionsOf } from '../rules/questionnaires';
import { AssessmentsService } from '../supervision/assessments.service';
import { AssessmentItem } from '../supervision/supervision.entities';
import { Vendor } from '../vendors/vendor.entity';
import { VendorsService } from '../vendors/vendors.service';
import { answerText } from './answer-text';
import { AcceptQuestionnaireDto, ClarificationDto, QuestionnaireListQuery, ResendQuestionnaireDto, RevokeQuestionnaireDto, SendQuestionnaireDto } from './dto/questionnaire.dto';
import { QuestionnaireLinks } from './questionnaire-links.service';
import { LinkMailFacts, LinkMailKind, QuestionnaireMail } from './questionnaire-mail';
import { QuestionnaireMessages } from './questionnaire-messages';
import { QuestionnaireTemplatesService } from './questionnaire-templates.service';
import { ClarificationRound, Questionnaire, QuestionnaireTemplateVersion, VendorContact } from './questionnaire.entities';
import { contactView, VendorContactsService } from './vendor-contacts.service';

/** Statuses in which the questionnaire waits for the vendor (a link to answer with makes sense). */
export const AWAITING_VENDOR: readonly QuestionnaireStatus[] = ['sent', 'in-progress', 'clarification-requested'];

const EVIDENCE_MAX = 500;
const NOTE_MAX = 2000;

/** A questionnaire as lists show it. */
export interface QuestionnaireSummary {
  id: string;
  version: number;
  vendorId: string;
  vendorName: string;
  contact: ReturnType<typeof contactView>;
  templateId: string;
  templateVersion: number;
  purpose: Questionnaire['purpose'];
  title: { ja: string; en: string };
  status: QuestionnaireStatus;
  sentOn: string;
  dueOn: string;
  answeredOn: string | null;
  submittedAt: string | null;
  lastMailedAt: string | null;
  acceptedAt: string | null;
  assessmentId: string | null;
  revokedAt: string | null;
  revokedReason: string | null;
  /** The live link: until when it works, or null when none works (ended, or expired). */
  linkExpiresAt: string | null;
  createdAt: string;
  updatedAt: string;
}

/** A questionnaire with what it asks, what was answered and the clarification rounds. */
export interface QuestionnaireDetail extends QuestionnaireSummary {
  message: string | null;
  content: QuestionnaireContent;
  answers: Questionnaire['answers'];
  reopened: string[] | null;
  clarifications: ClarificationRound[];
  /** The documents the vendor uploaded, by file (version) id: its name. */
  files: Record<string, string>;
}

/**
 * Questionnaires by link, as compliance runs them: send to a vendor's contact, re-send (a new link
 * ends the old), revoke (the link answers 410), ask for clarification on some questions (the vendor
 * gets a link with only those open), accept (the answers become the selection or periodic
 * assessment, with its items: evidence = the answers). An e-mail is handed to the mail server before
 * anything is recorded, so a failed e-mail leaves nothing half-done.
 */
@Injectable()
export class QuestionnairesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly vendors: VendorsService,
    private readonly contacts: VendorContactsService,
    private readonly templates: QuestionnaireTemplatesService,
    private readonly links: QuestionnaireLinks,
    private readonly mail: QuestionnaireMail,
    private readonly assessments: AssessmentsService,
    private readonly files: FilesService,
    private readonly messages: QuestionnaireMessages,
    private readonly translator: Translator,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  async list(query: QuestionnaireListQuery): Promise<Page<QuestionnaireSummary>> {
    const builder = this.dataSource.getRepository(Questionnaire).createQueryBuilder('q');
    if (query.vendorId) builder.andWhere('q.vendorId = :vendorId', { vendorId: query.vendorId });
    if (query.status) builder.andWhere('q.status = :status', { status: query.status });
    const [rows, total] = await builder.orderBy('q.sentOn', 'DESC').addOrderBy('q.createdAt', 'DESC').addOrderBy('q.id', 'ASC')
      .skip((query.page - 1) * query.pageSize).take(query.pageSize).getManyAndCount();
    return pageOf(await this.summaries(rows), total, query);
  }

  async get(id: string): Promise<QuestionnaireDetail> {
    const row = await this.find(id);
    const [summary] = await this.summaries([row]);
    const version = await this.templates.version(row.templateVersionId);
    return {
      ...summary, message: row.message, content: version.content, answers: row.answers, reopened: row.reopened, clarifications: row.clarifications,
      files: Object.fromEntries(await this.fileNames(row.id)),
    };
  }

  async find(id: string): Promise<Questionnaire> {
    const row = await this.dataSource.getRepository(Questionnaire).findOneBy({ id });
    if (!row) throw new NotFoundError('questionnaire', id);
    return row;
  }

  /** Sends the template's latest version to one of the vendor's contacts, with a due date and a message. */
  async send(vendorId: string, input: SendQuestionnaireDto, actor: AuthenticatedUser): Promise<QuestionnaireDetail> {
    const vendor = await this.vendors.get(vendorId);
    if (vendor.status === 'terminated') throw new ConflictError({ field: 'vendorId', code: 'vendor-terminated' });
    const contact = await this.contacts.get(input.contactId).catch(() => null);
    if (!contact || contact.vendorId !== vendorId) throw new ValidationError({ field: 'contactId', code: 'contact-not-of-vendor' });
    const template = await this.templates.get(input.templateId).catch(() => null);
    if (!template) throw new ValidationError({ field: 'templateId', code: 'template-unknown' });
    const version = await this.templates.latestVersion(template);
    this.checkDue(input.dueOn, 'dueOn');
    const questionnaire = Object.assign(new Questionnaire(), {
      id: randomUUID(), vendorId, contactId: contact.id, templateVersionId: version.id, purpose: version.purpose, titleJa: version.nameJa, titleEn: version.nameEn,
      status: 'sent' as const, sentOn: this.clock.today(), sentById: actor.id, dueOn: input.dueOn, message: input.message ?? null,
      answers: {}, reopened: null, clarifications: [], submittedAt: null, answeredOn: null, lastMailedAt: null,
      acceptedAt: null, acceptedById: null, assessmentId: null, revokedAt: null, revokedReason: null,
    });
    const link = await this.mailLink(questionnaire, contact, vendor, 'invitation', []);
    await runInTransaction(this.dataSource, async (manager) => {
      const row = await manager.save(Object.assign(questionnaire, { lastMailedAt: this.clock.now() }) as Questionnaire);
      await recordCreated(manager, 'questionnaire', row, { templateId: template.id, templateVersion: version.number, mailedTo: contact.email });
      await this.links.store(manager, row, link, 'invitation');
    });
    return this.get(questionnaire.id);
  }

  /** A new link by e-mail (optionally with a new due date); the old link then answers 410. */
  async resend(id: string, input: ResendQuestionnaireDto): Promise<QuestionnaireDetail> {
    const current = await this.atVersion(id, input.version);
    if (!AWAITING_VENDOR.includes(current.status)) throw this.illegal(current.status, 'resend');
    if (input.dueOn) this.checkDue(input.dueOn, 'dueOn');
    else if (linkExpiresAt(current.dueOn, this.config.orgTimezone).getTime() <= this.clock.now().getTime()) {
      throw new ValidationError({ field: 'dueOn', code: 'due-on-needed' });
    }
    const next = { dueOn: input.dueOn ?? current.dueOn, message: input.message ?? current.message };
    const [contact, vendor] = await Promise.all([this.contacts.get(current.contactId), this.vendors.get(current.vendorId)]);
    const link = await this.mailLink({ ...current, ...next }, contact, vendor, 'resend', []);
    const now = this.clock.now();
    await runInTransaction(this.dataSource, async (manager) => {
      await updateAtVersion(manager, Questionnaire, 'questionnaire', id, input.version, { ...next, lastMailedAt: now }, now);
      await this.links.store(manager, { id, dueOn: next.dueOn }, link, 'resend');
    });
    return this.get(id);
  }

  /** Revoked: its link answers 410; the answers so far are kept. */
  async revoke(id: string, input: RevokeQuestionnaireDto): Promise<QuestionnaireDetail> {
    const current = await this.atVersion(id, input.version);
    if (!allowedMoves('questionnaire', current.status).includes('revoked')) throw this.illegal(current.status, 'revoke');
    const now = this.clock.now();
    await runInTransaction(this.dataSource, async (manager) => {
      await updateAtVersion(manager, Questionnaire, 'questionnaire', id, input.version, {
        status: 'revoked', revokedAt: now, revokedReason: input.reason ?? null, answeredOn: current.answeredOn ?? this.clock.today(),
      }, now);
      await this.links.end(manager, id, 'revoked');
    });
    return this.get(id);
  }

  /** Reopens some questions, each with a comment: the vendor gets a link with only those open, by a new due date. */
  async clarify(id: string, input: ClarificationDto, actor: AuthenticatedUser): Promise<QuestionnaireDetail> {
    const current = await this.atVersion(id, input.version);
    if (!allowedMoves('questionnaire', current.status).includes('clarification-requested')) throw this.illegal(current.status, 'clarify');
    const version = await this.templates.version(current.templateVersionId);
    const questions = new Map(questionsOf(version.content).map((question) => [question.key, question]));
    const problems: Problem[] = [];
    input.questions.forEach(({ key }, index) => {
      if (!questions.has(key)) problems.push({ field: `questions.${index}.key`, code: 'question-unknown', params: { key } });
      else if (input.questions.findIndex((other) => other.key === key) !== index) problems.push({ field: `questions.${index}.key`, code: 'question-repeated', params: { key } });
    });
    if (problems.length > 0) throw new ValidationError(problems);
    this.checkDue(input.dueOn, 'dueOn');
    const [contact, vendor, files] = await Promise.all([this.contacts.get(current.contactId), this.vendors.get(current.vendorId), this.fileNames(id)]);
    const asked = input.questions.map(({ key, comment }) => ({ question: questions.get(key)!, comment }));
    const link = await this.mailLink({ ...current, dueOn: input.dueOn, message: input.message ?? null }, contact, vendor, 'clarification', asked.map(({ question, comment }) => ({
      question: question.text[contact.locale], answer: answerText(question, current.answers[question.key], contact.locale, this.translator, files), comment,
    })));
    const now = this.clock.now();
    const round: ClarificationRound = {
      round: current.clarifications.length + 1, requestedAt: now.toISOString(), requestedById: actor.id, message: input.message ?? null,
      questions: asked.map(({ question, comment }) => ({ key: question.key, comment, previousAnswer: current.answers[question.key] ?? null })),
    };
    await runInTransaction(this.dataSource, async (manager) => {
      await updateAtVersion(manager, Questionnaire, 'questionnaire', id, input.version, {
        status: 'clarification-requested', reopened: asked.map(({ question }) => question.key), clarifications: [...current.clarifications, round],
        dueOn: input.dueOn, answeredOn: null, lastMailedAt: now,
      }, now);
      await this.links.store(manager, { id, dueOn: input.dueOn }, link, 'clarification');
    });
    return this.get(id);
  }

  /**
   * Accepts the answers: with a selection or periodic purpose they become that assessment, in the same
   * transaction (its items from the mapped questions: confirmed / not confirmed / not applicable, the
   * evidence the answers), so the compliance engine's flags follow; AssessmentsService's own rules
   * apply (approved is refused while an item is not confirmed).
   */
  async accept(id: string, input: AcceptQuestionnaireDto, actor: AuthenticatedUser): Promise<QuestionnaireDetail> {
    const current = await this.atVersion(id, input.version);
    if (!allowedMoves('questionnaire', current.status).includes('accepted')) throw this.illegal(current.status, 'accept');
    if (current.purpose === 'evidence' && (input.outcome || input.conditions || input.conditionsDueOn || input.completedOn)) {
      throw new ValidationError({ field: 'outcome', code: 'no-assessment' });
    }
    const version = await this.templates.version(current.templateVersionId);
    const contact = await this.contacts.get(current.contactId);
    const items = this.itemsOf(current, version, contact, await this.fileNames(id));
    const now = this.clock.now();
    await runInTransaction(this.dataSource, async (manager) => {
      const assessment = current.purpose === 'evidence' ? null : await this.assessments.record(manager, current.vendorId, {
        kind: current.purpose, completedOn: input.completedOn ?? this.clock.today(), outcome: input.outcome ?? 'approved',
        notes: input.notes ?? this.sourceNote(current, contact), conditions: input.conditions, conditionsDueOn: input.conditionsDueOn, items,
      }, actor.id);
      await updateAtVersion(manager, Questionnaire, 'questionnaire', id, input.version, {
        status: 'accepted', acceptedAt: now, acceptedById: actor.id, assessmentId: assessment?.id ?? null,
      }, now, 'approve');
    });
    return this.get(id);
  }

  /** The assessment items of the accepted answers, written in the accepting user's language. */
  private itemsOf(questionnaire: Questionnaire, version: QuestionnaireTemplateVersion, contact: VendorContact, files: ReadonlyMap<string, string>): AssessmentItem[] {
    const locale = this.messages.locale();
    const source = this.sourceNote(questionnaire, contact);
    return evidencedItems(version.content, questionnaire.answers).map((item) => ({
      code: item.code as AssessmentItem['code'],
      status: item.status,
      evidence: cut(item.answers.map(({ question, value }) => `${question.text[locale]} ${answerText(question, value, locale, this.translator, files)}`).join(' / '), EVIDENCE_MAX),
      note: cut(source, NOTE_MAX),
    }));
  }

  /** Where the answers came from: the questionnaire, when and by whom it was answered. */
  private sourceNote(questionnaire: Questionnaire, contact: VendorContact): string {
    const locale = this.messages.locale();
    return this.translator.t(locale, 'questionnaire.itemNote', {
      title: locale === 'en' ? questionnaire.titleEn : questionnaire.titleJa, date: questionnaire.answeredOn ?? this.clock.today(), contact: contact.name,
    });
  }

  /** Mints a link and e-mails it to the contact; the caller stores the link's hash with its change. */
  private async mailLink(
    questionnaire: Pick<Questionnaire, 'id' | 'titleJa' | 'titleEn' | 'dueOn' | 'message'>, contact: VendorContact, vendor: Vendor, kind: LinkMailKind,
    clarifications: LinkMailFacts['clarifications'],
  ) {
    const link = this.links.mint();
    const locale: Locale = contact.locale;
    const mail = this.mail.link(locale, kind, {
      contactName: contact.name, vendorName: vendor.name, title: locale === 'en' ? questionnaire.titleEn : questionnaire.titleJa,
      dueOn: questionnaire.dueOn, message: questionnaire.message, clarifications,
    }, this.links.url(questionnaire.id, link.token));
    await this.mail.send(contact.email, mail);
    return link;
  }

  private async atVersion(id: string, version: number): Promise<Questionnaire> {
    const current = await this.find(id);
    if (current.version !== version) throw new VersionConflictError('questionnaire', id, version, current.version);
    return current;
  }

  private checkDue(dueOn: string, field: string): void {
    if (dueOn < this.clock.today()) throw new ValidationError({ field, code: 'due-in-past' });
  }

  private illegal(status: QuestionnaireStatus, action: 'resend' | 'revoke' | 'clarify' | 'accept'): ConflictError {
    return new ConflictError({ field: 'status', code: `questionnaire-${action}-refused`, params: { status: term(`questionnaire.status.${status}`) } }, 'invalid-state');
  }

  private async summaries(rows: Questionnaire[]): Promise<QuestionnaireSummary[]> {
    if (rows.length === 0) return [];
    const [vendors, contacts, versions, links] = await Promise.all([
      this.dataSource.getRepository(Vendor).find({ select: { id: true, name: true }, where: { id: In([...new Set(rows.map((row) => row.vendorId))]) } }),
      this.dataSource.getRepository(VendorContact).findBy({ id: In([...new Set(rows.map((row) => row.contactId))]) }),
      this.dataSource.getRepository(QuestionnaireTemplateVersion).find({ select: { id: true, templateId: true, number: true }, where: { id: In([...new Set(rows.map((row) => row.templateVersionId))]) } }),
      Promise.all(rows.map((row) => this.links.live(row.id))),
    ]);
    const now = this.clock.now().getTime();
    return rows.map((row, index) => {
      const version = versions.find((candidate) => candidate.id === row.templateVersionId)!;
      const link = links[index];
      return {
        id: row.id, version: row.version, vendorId: row.vendorId, vendorName: vendors.find((vendor) => vendor.id === row.vendorId)?.name ?? '',
        contact: contactView(contacts.find((contact) => contact.id === row.contactId)!), templateId: version.templateId, templateVersion: version.number,
        purpose: row.purpose, title: { ja: row.titleJa, en: row.titleEn }, status: row.status, sentOn: row.sentOn, dueOn: row.dueOn, answeredOn: row.answeredOn,
        submittedAt: row.submittedAt?.toISOString() ?? null, lastMailedAt: row.lastMailedAt?.toISOString() ?? null, acceptedAt: row.acceptedAt?.toISOString() ?? null,
        assessmentId: row.assessmentId, revokedAt: row.revokedAt?.toISOString() ?? null, revokedReason: row.revokedReason,
        linkExpiresAt: link && link.expiresAt.getTime() > now ? link.expiresAt.toISOString() : null,
        createdAt: row.createdAt.toISOString(), updatedAt: row.updatedAt.toISOString(),
      };
    });
  }

  /** The names of the documents uploaded to the questionnaire, by file (version) id. */
  async fileNames(id: string): Promise<Map<string, string>> {
    const documents = await this.files.listForOwner('questionnaire', id);
    return new Map(documents.flatMap((document) => document.versions.map((version) => [version.id, version.fileName] as const)));
  }
}

function cut(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
