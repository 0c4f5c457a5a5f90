import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import { ForbiddenError } from '../common/domain-errors';
import { isUnsafeMethod } from '../common/page-request';
import { setActor, setLocale } from '../common/request-context';
import { SessionCookies, LANGUAGE_COOKIE } from '../auth/session-cookies';
import { Locale } from '../i18n/locale';
import { MessageKey } from '../i18n/messages';
import { Translator } from '../i18n/translator';
import { QuestionnaireLinks } from './questionnaire-links.service';
import { Questionnaire, QuestionnaireLink, VendorContact } from './questionnaire.entities';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** What the guard found behind a questionnaire's link: only that questionnaire, its contact, and the page's language. */
export interface LinkAccess {
  link: QuestionnaireLink;
  questionnaire: Questionnaire;
  contact: VendorContact;
  locale: Locale;
  /** The page's own path (/q/<id>/<token>): forms post back to it. */
  path: string;
  csrf: string;
}

export function linkAccessOf(request: Request): LinkAccess {
  return (request as Request & { questionnaireLink: LinkAccess }).questionnaireLink;
}

/**
 * The answer page's own guard: a token, not a session. The link must be this questionnaire's live
 * link (QuestionnaireLinks.find: wrong → 404 counted against the address, 20 → 429; checkLive:
 * ended or expired → 410, in the contact's language); every state-changing request carries the CSRF token bound to the link (an HMAC of
 * its id under SESSION_SECRET). What the request changes is recorded as done by the vendor's contact
 * via the link; the page speaks the contact's language unless the visitor chose the other one.
 */
@Injectable()
export class QuestionnaireLinkGuard implements CanActivate {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly links: QuestionnaireLinks,
    private readonly sessions: SessionCookies,
    private readonly translator: Translator,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<Request>();
    const response = context.switchToHttp().getResponse<Response>();
    response.locals.publicPage = true;
    const asked = (request.query as Record<string, unknown>).lang;
    if (asked === 'ja' || asked === 'en') this.sessions.rememberLanguage(request, response, asked);
    const chosen = chosenLocale(request);
    if (chosen) {
      // Errors before the link is known (404, 429) are shown in the chosen language too.
      setLocale(chosen);
      response.locals.locale = chosen;
    }
    const { id, token } = request.params as { id: string; token: string };
    const link = await this.links.find(id, token, request.ip ?? 'unknown');
    const questionnaire = await this.dataSource.getRepository(Questionnaire).findOneByOrFail({ id: link.questionnaireId });
    const contact = await this.dataSource.getRepository(VendorContact).findOneByOrFail({ id: questionnaire.contactId });
    const locale = chosen ?? contact.locale;
    setLocale(locale);
    response.locals.locale = locale;
    await this.links.checkLive(link);
    // The audit trail's actor: the vendor's contact, through this link (no user).
    setActor({ id: contact.id, email: contact.email, via: 'vendor-contact-link' });
    const csrf = this.sessions.scopedCsrfToken(`questionnaire-link:${link.id}`);
    if (isUnsafeMethod(request.method) && !this.sessions.hasScopedCsrfToken(request, `questionnaire-link:${link.id}`)) {
      throw new ForbiddenError({ code: 'questionnaire-csrf' });
    }
    (request as Request & { questionnaireLink: LinkAccess }).questionnaireLink = { link, questionnaire, contact, locale, path: `/q/${id}/${token}`, csrf };
    return true;
  }
}

/** The language the visitor chose: ?lang= on this request (then remembered), or the remembered choice. */
function chosenLocale(request: Request): Locale | null {
  const asked = (request.query as Record<string, unknown>).lang;
  if (asked === 'ja' || asked === 'en') return asked;
  const remembered = (request.cookies as Record<string, string> | undefined)?.[LANGUAGE_COOKIE];
  return remembered === 'ja' || remembered === 'en' ? remembered : null;
}
