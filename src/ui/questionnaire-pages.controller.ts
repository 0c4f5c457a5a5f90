import { Body, Controller, Get, Post, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { EVERY_ROLE, Roles, VENDOR_WRITERS } from '../common/access-policy';
import { AuthenticatedUser, CurrentUser } from '../common/authenticated-user';
import { IdParam } from '../common/id-param';
import { Locale } from '../i18n/locale';
import { MessageKey } from '../i18n/messages';
import { Translator } from '../i18n/translator';
import { answerText } from '../questionnaires/answer-text';
import { AcceptQuestionnaireDto, ClarificationDto } from '../questionnaires/dto/questionnaire.dto';
import { QuestionnaireDetail, QuestionnairesService } from '../questionnaires/questionnaires.service';
import { addDays } from '../rules/calendar';
import { isAnswered } from '../rules/questionnaires';
import { allowedMoves } from '../rules/lifecycles';
import { ASSESSMENT_OUTCOMES } from '../supervision/supervision.entities';
import { ValidationError } from '../common/domain-errors';
import { form, render, submitForm, validated } from './forms';

const VIEW = 'pages/questionnaires/review';
const NOTICES: Record<string, MessageKey> = { accepted: 'questionnaire.review.accepted', clarification: 'questionnaire.review.clarificationSent' };

/**
 * The reviewer's page of a questionnaire (everyone reads): each answer beside its question, with
 * the assessment item it evidences; compliance and admins ask for clarification on chosen questions
 * (each with a comment) or accept the answers (the assessment follows: QuestionnairesService.accept).
 */
@ApiExcludeController()
@Controller('questionnaires')
export class QuestionnairePagesController {
  constructor(
    private readonly questionnaires: QuestionnairesService,
    private readonly translator: Translator,
  ) {}

  @Roles(...EVERY_ROLE)
  @Get(':id')
  async page(@IdParam() id: string, @CurrentUser() user: AuthenticatedUser, @Res() response: Response, @Query('notice') notice?: string): Promise<void> {
    const questionnaire = await this.questionnaires.get(id);
    render(response, VIEW, { ...this.model(questionnaire, user.locale), notice: typeof notice === 'string' && NOTICES[notice] ? this.translator.t(user.locale, NOTICES[notice]) : null });
  }

  /** Reopens the ticked questions, each with its comment; the vendor's contact gets a new link. */
  @Roles(...VENDOR_WRITERS)
  @Post(':id/clarification')
  async clarify(@IdParam() id: string, @Body() body: Record<string, unknown>, @CurrentUser() user: AuthenticatedUser, @Res() response: Response): Promise<void> {
    const asked = Object.keys(body).filter((name) => name.startsWith('ask__') && form.text(body[name]) === 'on').map((name) => name.slice('ask__'.length));
    await submitForm(response, {
      read: async () => {
        if (asked.length === 0) throw new ValidationError({ field: 'questions', code: 'clarify-none-ticked' });
        return validated(ClarificationDto, {
          version: form.integer(body.version), dueOn: form.text(body.dueOn) ?? '', message: form.text(body.message),
          questions: asked.map((key) => ({ key, comment: form.text(body[`comment__${key}`]) ?? '' })),
        });
      },
      save: async (value) => {
        await this.questionnaires.clarify(id, value, user);
        return `/questionnaires/${id}?notice=clarification`;
      },
      reshow: async (errors, status) => render(response, VIEW, { ...this.model(await this.questionnaires.get(id), user.locale, body), clarifyErrors: errors }, status),
    });
  }

  /** Accepts the submitted answers at the version shown (a selection or periodic one becomes that assessment). */
  @Roles(...VENDOR_WRITERS)
  @Post(':id/accept')
  async accept(@IdParam() id: string, @Body() body: Record<string, unknown>, @CurrentUser() user: AuthenticatedUser, @Res() response: Response): Promise<void> {
    await submitForm(response, {
      read: () => validated(AcceptQuestionnaireDto, {
        version: form.integer(body.version), outcome: form.text(body.outcome), conditions: form.text(body.conditions), conditionsDueOn: form.text(body.conditionsDueOn),
      }),
      save: async (value) => {
        await this.questionnaires.accept(id, value, user);
        return `/questionnaires/${id}?notice=accepted`;
      },
      reshow: async (errors, status) => render(response, VIEW, { ...this.model(await this.questionnaires.get(id), user.locale, body), acceptErrors: errors }, status),
    });
  }

  private model(questionnaire: QuestionnaireDetail, locale: Locale, typed: Record<string, unknown> = {}) {
    const t = (key: string, params: Record<string, string | number> = {}) => this.translator.t(locale, key as MessageKey, params);
    const files = new Map(Object.entries(questionnaire.files));
    const reopened = questionnaire.reopened ?? [];
    const reviewable = allowedMoves('questionnaire', questionnaire.status).includes('accepted');
    const sections = questionnaire.content.sections.map((section) => ({
      key: section.key,
      title: section.title[locale],
      questions: section.questions.map((question) => {
        const value = questionnaire.answers[question.key];
        return {
          key: question.key,
          text: question.text[locale],
          answer: isAnswered(value) ? answerText(question, value, locale, this.translator, files) : t('questionnaire.answer.none'),
          evidences: question.evidences ? t(`questionnaire.review.item.${question.evidences}`) : null,
          reopened: reopened.includes(question.key),
          ticked: form.text(typed[`ask__${question.key}`]) === 'on',
          comment: form.text(typed[`comment__${question.key}`]) ?? '',
          history: questionnaire.clarifications.flatMap((round) => round.questions.filter((asked) => asked.key === question.key).map((asked) => ({
            round: round.round, comment: asked.comment, previous: asked.previousAnswer === null ? t('questionnaire.answer.none') : answerText(question, asked.previousAnswer, locale, this.translator, files),
          }))),
        };
      }),
    }));
    return {
      titleKey: 'questionnaire.review.title',
      questionnaire,
      title: locale === 'en' ? questionnaire.title.en : questionnaire.title.ja,
      statusLabel: t(`questionnaire.status.${questionnaire.status}`),
      purposeLabel: t(`questionnaire.purpose.${questionnaire.purpose}`),
      sections,
      reviewable,
      assessesNothing: questionnaire.purpose === 'evidence',
      outcomes: ASSESSMENT_OUTCOMES,
      clarifyInput: { dueOn: form.text(typed.dueOn) ?? addDays(questionnaire.dueOn > questionnaire.sentOn ? questionnaire.dueOn : questionnaire.sentOn, 7), message: form.text(typed.message) ?? '' },
      acceptInput: { outcome: form.text(typed.outcome) ?? 'approved', conditions: form.text(typed.conditions) ?? '', conditionsDueOn: form.text(typed.conditionsDueOn) ?? '' },
      clarifyErrors: {},
      acceptErrors: {},
    };
  }
}
