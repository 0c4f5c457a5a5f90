import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { updateAtVersion } from '../audit-log/optimistic-update';
import { Clock } from '../common/clock';
import { isCleanText } from '../common/clean-text.validator';
import { httpStatusOf } from '../common/api-exception.filter';
import { ConflictError, DomainError } from '../common/domain-errors';
import { ProblemRenderer } from '../common/problems';
import { AppConfig } from '../config/app-config';
import { runInTransaction } from '../database/transactions';
import { FileRefusedError } from '../files/file-errors';
import { FilesService } from '../files/files.service';
import { Locale } from '../i18n/locale';
import { MessageKey } from '../i18n/messages';
import { Translator } from '../i18n/translator';
import { AnswerProblem, Answers, applyAnswers, isAnswered, missingRequired, openQuestionKeys, Question, questionsOf } from '../rules/questionnaires';
import { Vendor } from '../vendors/vendor.entity';
import { answerText } from './answer-text';
import { QuestionnaireMail } from './questionnaire-mail';
import { LinkAccess } from './questionnaire-link.guard';
import { Questionnaire, QuestionnaireTemplateVersion } from './questionnaire.entities';
import { AWAITING_VENDOR, QuestionnairesService } from './questionnaires.service';

/** A file the form carried (multer's description of the temporary file). */
export type FormFile = Pick<Express.Multer.File, 'fieldname' | 'path' | 'originalname' | 'size'>;

type Intent = 'draft' | 'submit';
/** What the visitor typed, by field (HTML sends strings; a group of checkboxes a list). */
type Typed = Record<string, string | string[] | undefined>;

/**
 * The answer page behind a questionnaire's link: what it shows (only this questionnaire: its
 * questions, the answers so far, which are open) and what a save does (a draft, or the one
 * submission; then it is read-only). Files go through the files service, as any upload.
 */
@Injectable()
export class QuestionnaireAnswersService {
  private readonly logger = new Logger(QuestionnaireAnswersService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly files: FilesService,
    private readonly questionnaires: QuestionnairesService,
    private readonly mail: QuestionnaireMail,
    private readonly translator: Translator,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  /** The page as it stands (after a save, with its notice). */
  async page(access: LinkAccess, notice?: string): Promise<Record<string, unknown>> {
    const questionnaire = await this.dataSource.getRepository(Questionnaire).findOneByOrFail({ id: access.questionnaire.id });
    return this.model(access, questionnaire, { typed: null, problems: {}, notice });
  }

  /**
   * Saves what was typed: a draft (incomplete is fine) or the submission (every required open
   * question answered). Refused input shows the page again with the input kept (400); a stale page
   * (the questionnaire changed meanwhile) or one already submitted is a 409.
   */
  async save(access: LinkAccess, typed: Typed, files: FormFile[]): Promise<{ redirect: string } | { status: number; model: Record<string, unknown> }> {
    const current = await this.dataSource.getRepository(Questionnaire).findOneByOrFail({ id: access.questionnaire.id });
    const intent: Intent = typed.intent === 'submit' ? 'submit' : 'draft';
    if (!AWAITING_VENDOR.includes(current.status)) throw new ConflictError({ code: 'questionnaire-read-only' });
    const sentVersion = Number(first(typed.version));
    // Changed in another window since the page was read: said in the contact's words (no record ids).
    if (sentVersion !== current.version) throw new ConflictError({ code: 'questionnaire-stale' });
    const version = await this.version(current);
    const open = openQuestionKeys(version.content, current.reopened);
    const strings = Object.fromEntries(Object.entries(typed).map(([key, value]) => [key, first(value)]));
    const { answers, problems: codes } = applyAnswers(version.content, current.answers, strings, open);
    const problems: Record<string, string> = Object.fromEntries(Object.entries(codes).map(([key, code]) => [key, this.problem(access.locale, code)]));
    for (const question of questionsOf(version.content)) {
      const value = answers[question.key];
      if (question.kind === 'text' && open.includes(question.key) && typeof value === 'string' && !isCleanText(value, { multiline: true })) {
        problems[question.key] = this.problem(access.locale, 'invalid-characters');
      }
    }
    if (Object.keys(problems).length > 0) return { status: 400, model: await this.model(access, current, { typed, problems }) };
    const refused = await this.attachFiles(current, version, open, answers, typed, files, access);
    if (Object.keys(refused).length > 0) return { status: 400, model: await this.model(access, current, { typed, problems: refused }) };

    const missing = intent === 'submit' ? missingRequired(version.content, answers, open) : [];
    const submitting = intent === 'submit' && missing.length === 0;
    const now = this.clock.now();
    const changes: Partial<Questionnaire> = submitting
      ? { answers, status: 'submitted', submittedAt: now, answeredOn: this.clock.today() }
      : { answers, status: current.status === 'sent' ? 'in-progress' : current.status };
    await runInTransaction(this.dataSource, (manager) => updateAtVersion(manager, Questionnaire, 'questionnaire', current.id, current.version, changes, now));
    if (missing.length > 0) {
      // Saved as a draft; the page says which answers the submission still needs.
      const saved = await this.dataSource.getRepository(Questionnaire).findOneByOrFail({ id: current.id });
      return { status: 400, model: await this.model(access, saved, { typed: null, problems: Object.fromEntries(missing.map((key) => [key, this.problem(access.locale, 'required')])), notice: 'draftKept' }) };
    }
    if (submitting) await this.sendReceipt(access, current, version, answers);
    return { redirect: `${access.path}?notice=${submitting ? 'submitted' : 'saved'}` };
  }

  /**
   * Stores each file the form carried for an open file question (type and size checked by the files
   * service) and detaches the ones the visitor unticked; returns the refusals by question.
   */
  private async attachFiles(current: Questionnaire, version: QuestionnaireTemplateVersion, open: string[], answers: Answers, typed: Typed, files: FormFile[], access: LinkAccess): Promise<Record<string, string>> {
    const refused: Record<string, string> = {};
    for (const question of questionsOf(version.content).filter((candidate) => candidate.kind === 'file' && open.includes(candidate.key))) {
      const detach = list(typed[`detach__${question.key}`]);
      const kept = (Array.isArray(answers[question.key]) ? (answers[question.key] as string[]) : []).filter((id) => !detach.includes(id));
      for (const file of files.filter((candidate) => candidate.fieldname === `file__${question.key}` && candidate.size > 0)) {
        try {
          const stored = await this.files.uploadFromOutside('questionnaire', current.id, file, {}, access.contact.id);
          kept.push(stored.id);
        } catch (error) {
          if (!(error instanceof FileRefusedError) && !(error instanceof DomainError && httpStatusOf(error) === 503)) throw error;
          const renderer = new ProblemRenderer(this.translator, access.locale);
          refused[question.key] = error.problems.map((problem) => renderer.pageReason(problem)).join(' ');
        }
      }
      if (kept.length > 0) answers[question.key] = kept;
      else delete answers[question.key];
    }
    return refused;
  }

  /** A copy of the submitted answers to the contact; the submission stands even if the e-mail fails. */
  private async sendReceipt(access: LinkAccess, questionnaire: Questionnaire, version: QuestionnaireTemplateVersion, answers: Answers): Promise<void> {
    const locale = access.contact.locale;
    const [vendor, files] = await Promise.all([this.dataSource.getRepository(Vendor).findOneByOrFail({ id: questionnaire.vendorId }), this.questionnaires.fileNames(questionnaire.id)]);
    const mail = this.mail.receipt(locale, {
      contactName: access.contact.name, vendorName: vendor.name, title: locale === 'en' ? questionnaire.titleEn : questionnaire.titleJa, submittedOn: this.clock.today(),
      sections: version.content.sections.map((section) => ({
        title: section.title[locale],
        answers: section.questions.map((question) => ({ question: question.text[locale], answer: answerText(question, answers[question.key], locale, this.translator, files) })),
      })),
    });
    try {
      await this.mail.send(access.contact.email, mail);
    } catch {
      this.logger.warn({ message: 'questionnaire receipt not sent', questionnaireId: questionnaire.id });
    }
  }

  private async model(access: LinkAccess, questionnaire: Questionnaire, state: { typed: Typed | null; problems: Record<string, string>; notice?: string }) {
    const { locale } = access;
    const t = (key: string, params: Record<string, string | number> = {}) => this.t(locale, key, params);
    const [version, vendor, files] = await Promise.all([
      this.version(questionnaire),
      this.dataSource.getRepository(Vendor).findOneByOrFail({ id: questionnaire.vendorId }),
      this.questionnaires.fileNames(questionnaire.id),
    ]);
    const readOnly = !AWAITING_VENDOR.includes(questionnaire.status);
    const open = readOnly ? [] : openQuestionKeys(version.content, questionnaire.reopened);
    const round = questionnaire.status === 'clarification-requested' ? questionnaire.clarifications.at(-1) : undefined;
    const questionModel = (question: Question) => {
      const stored = questionnaire.answers[question.key];
      const typed = state.typed ? first(state.typed[question.key]) : undefined;
      const value = state.typed && question.kind !== 'file' ? typed ?? '' : stored === undefined ? '' : String(stored);
      const clarification = round?.questions.find((asked) => asked.key === question.key)?.comment ?? null;
      const problem = state.problems[question.key] ?? null;
      const ids = (suffix: string, present: unknown) => (present ? [`${suffix}-${question.key}`] : []);
      const choices = question.kind === 'yes-no'
        ? [{ key: 'yes', label: t('questionnaire.answer.yes') }, { key: 'no', label: t('questionnaire.answer.no') }]
        : (question.choices ?? []).map((choice) => ({ key: choice.key, label: choice.label[locale] }));
      return {
        key: question.key,
        kind: question.kind,
        radios: question.kind === 'yes-no' || question.kind === 'choice',
        text: question.text[locale],
        help: question.help?.[locale] ?? null,
        required: question.required,
        open: open.includes(question.key),
        value,
        choices: choices.map((choice, index) => ({ ...choice, id: `i-${question.key}-${index}`, checked: value === choice.key })),
        files: (Array.isArray(stored) ? stored : []).map((id) => ({ id, name: files.get(id) ?? id })),
        answerText: isAnswered(stored) ? answerText(question, stored, locale, this.translator, files) : t('questionnaire.answer.none'),
        clarification,
        problem,
        describedBy: [...ids('h', question.help), ...ids('c', clarification), ...ids('e', problem)].join(' ') || null,
      };
    };
    const sections = version.content.sections.map((section) => ({ key: section.key, title: section.title[locale], questions: section.questions.map(questionModel) }));
    const problemList = sections.flatMap((section) => section.questions.filter((question) => question.problem).map((question) => ({ key: question.key, text: question.text, problem: question.problem })));
    const other: Locale = locale === 'ja' ? 'en' : 'ja';
    const notices: Record<string, string> = { saved: 'questionnaire.page.saved', submitted: 'questionnaire.page.submitted', draftKept: 'questionnaire.page.draftKept' };
    return {
      publicPage: true,
      locale,
      titleKey: 'questionnaire.page.title',
      title: locale === 'en' ? questionnaire.titleEn : questionnaire.titleJa,
      vendorName: vendor.name,
      contactName: access.contact.name,
      dueOn: questionnaire.dueOn,
      status: questionnaire.status,
      statusLabel: t(`questionnaire.status.${questionnaire.status}`),
      message: questionnaire.message,
      notice: state.notice && notices[state.notice] ? t(notices[state.notice]) : null,
      readOnly,
      readOnlyText: readOnly ? t(`questionnaire.page.readOnly.${questionnaire.status}`) : null,
      clarification: round ? { message: round.message } : null,
      switchUrl: `${access.path}?lang=${other}`,
      otherLocale: other,
      otherLanguage: this.t(other, 'questionnaire.page.languageName'),
      formAction: `${access.path}?_csrf=${encodeURIComponent(access.csrf)}`,
      csrf: access.csrf,
      version: questionnaire.version,
      sections,
      problemList,
      maxMb: this.config.files.maxBytes / 1_000_000,
    };
  }

  private version(questionnaire: Questionnaire): Promise<QuestionnaireTemplateVersion> {
    return this.dataSource.getRepository(QuestionnaireTemplateVersion).findOneByOrFail({ id: questionnaire.templateVersionId });
  }

  private problem(locale: Locale, code: AnswerProblem | 'invalid-characters'): string {
    return this.t(locale, `questionnaire.problem.${code}`);
  }

  private t(locale: Locale, key: string, params: Record<string, string | number> = {}): string {
    return this.translator.t(locale, key as MessageKey, params);
  }
}

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function list(value: string | string[] | undefined): string[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}
