import { Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Locale } from '../i18n/locale';
import { MessageKey } from '../i18n/messages';
import { Translator } from '../i18n/translator';
import { MailTemplates } from '../mail/mail-templates';
import { MailTransport } from '../mail/mail-transport';
import { addDays } from '../rules/calendar';
import { LINK_GRACE_DAYS } from '../rules/questionnaires';
import { MailUnavailableError } from './questionnaire-errors';
import { QuestionnaireMessages } from './questionnaire-messages';

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

/** What a link e-mail says about its questionnaire. */
export interface LinkMailFacts {
  contactName: string;
  vendorName: string;
  title: string;
  dueOn: string;
  message: string | null;
  /** A clarification: each reopened question, its answer so far, and what is asked. */
  clarifications: Array<{ question: string; answer: string; comment: string }>;
}

export type LinkMailKind = 'invitation' | 'resend' | 'clarification';

/**
 * The e-mails to a vendor's contact, in the contact's language (Handlebars, HTML and plain text:
 * templates/emails/<locale>/questionnaire-*.hbs). The link is the credential: it is written into the
 * e-mail only; a kept copy has it left out.
 */
@Injectable()
export class QuestionnaireMail {
  private readonly logger = new Logger(QuestionnaireMail.name);

  constructor(
    private readonly templates: MailTemplates,
    private readonly transport: MailTransport,
    private readonly translator: Translator,
    private readonly messages: QuestionnaireMessages,
  ) {}

  link(locale: Locale, kind: LinkMailKind, facts: LinkMailFacts, url: string): RenderedMail {
    const t = this.t(locale);
    const subject = t(`questionnaire.mail.${kind}.subject`, { title: facts.title });
    return {
      subject,
      ...this.templates.render(locale, 'questionnaire-link', {
        subject,
        greeting: t('questionnaire.mail.greeting', { name: facts.contactName }),
        intro: t(`questionnaire.mail.${kind}.intro`),
        labels: this.labels(locale),
        title: facts.title,
        vendorName: facts.vendorName,
        dueOn: facts.dueOn,
        message: facts.message,
        clarifications: facts.clarifications,
        openLink: t('questionnaire.mail.openLink'),
        url,
        validity: t('questionnaire.mail.validity', { until: addDays(facts.dueOn, LINK_GRACE_DAYS) }),
        footer: t('questionnaire.mail.footer'),
      }),
    };
  }

  reminder(locale: Locale, contactName: string, items: Array<{ title: string; vendorName: string; dueOn: string; overdue: boolean; days: number; url: string }>): RenderedMail {
    const t = this.t(locale);
    const overdue = items.some((item) => item.overdue);
    const subject = t(overdue ? 'questionnaire.mail.reminder.subjectOverdue' : 'questionnaire.mail.reminder.subject', { count: items.length });
    return {
      subject,
      ...this.templates.render(locale, 'questionnaire-reminder', {
        subject,
        greeting: t('questionnaire.mail.greeting', { name: contactName }),
        intro: t('questionnaire.mail.reminder.intro'),
        items: items.map((item) => ({
          title: item.title,
          vendorName: item.vendorName,
          due: t(item.overdue ? 'questionnaire.mail.reminder.overdue' : 'questionnaire.mail.reminder.due', { date: item.dueOn, days: item.days }),
          url: item.url,
          validity: t('questionnaire.mail.validity', { until: addDays(item.dueOn, LINK_GRACE_DAYS) }),
        })),
        labels: this.labels(locale),
        openLink: t('questionnaire.mail.openLink'),
        replaces: t('questionnaire.mail.reminder.replaces'),
        footer: t('questionnaire.mail.footer'),
      }),
    };
  }

  /** The copy of what the vendor submitted, sent to the contact. */
  receipt(locale: Locale, facts: { contactName: string; vendorName: string; title: string; submittedOn: string; sections: Array<{ title: string; answers: Array<{ question: string; answer: string }> }> }): RenderedMail {
    const t = this.t(locale);
    const subject = t('questionnaire.mail.receipt.subject', { title: facts.title });
    return {
      subject,
      ...this.templates.render(locale, 'questionnaire-receipt', {
        subject,
        greeting: t('questionnaire.mail.greeting', { name: facts.contactName }),
        intro: t('questionnaire.mail.receipt.intro', { date: facts.submittedOn }),
        labels: this.labels(locale),
        title: facts.title,
        vendorName: facts.vendorName,
        sections: facts.sections,
        footer: t('questionnaire.mail.footer'),
      }),
    };
  }

  /** Hands the e-mail to the mail server; a failure is a 503 in the caller's language (nothing was recorded yet). */
  async send(to: string, mail: RenderedMail): Promise<string> {
    try {
      return await this.transport.send({ to, subject: mail.subject, text: mail.text, html: mail.html, messageId: `<${randomUUID()}@vendor-oversight>` });
    } catch (error) {
      this.logger.warn({ message: 'questionnaire e-mail not sent', error: error instanceof Error ? error.message : String(error), transport: this.transport.kind });
      throw new MailUnavailableError();
    }
  }

  private labels(locale: Locale) {
    const t = this.t(locale);
    return {
      questionnaire: t('questionnaire.mail.label.questionnaire'),
      vendor: t('questionnaire.mail.label.vendor'),
      dueOn: t('questionnaire.mail.label.dueOn'),
      message: t('questionnaire.mail.label.message'),
      clarifications: t('questionnaire.mail.label.clarifications'),
      previousAnswer: t('questionnaire.mail.label.previousAnswer'),
      comment: t('questionnaire.mail.label.comment'),
    };
  }

  private t(locale: Locale) {
    return (key: string, params: Record<string, string | number> = {}) => this.translator.t(locale, key as MessageKey, params);
  }
}
