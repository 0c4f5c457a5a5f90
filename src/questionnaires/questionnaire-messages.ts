import { Injectable } from '@nestjs/common';
import { currentLocale } from '../common/request-context';
import { Locale } from '../i18n/locale';
import { MessageKey } from '../i18n/messages';
import { Translator } from '../i18n/translator';

/**
 * Refusals of the questionnaire feature in the caller's language (the signed-in user's, or the
 * language of the answer page): catalogue keys questionnaire.error.*, as "field: reason" when the
 * refusal is about a field (the pages show it beside that field).
 */
@Injectable()
export class QuestionnaireMessages {
  constructor(private readonly translator: Translator) {}

  locale(): Locale {
    return currentLocale() === 'en' ? 'en' : 'ja';
  }

  /** A copy's default name. */
  copyName(locale: Locale, name: string): string {
    return this.translator.t(locale, 'questionnaire.copyName', { name }).slice(0, 200);
  }

  say(key: string, params: Record<string, string | number> & { field?: string } = {}): string {
    const { field, ...rest } = params;
    const text = this.translator.t(this.locale(), `questionnaire.error.${key}` as MessageKey, rest);
    return field ? `${field}: ${text}` : text;
  }
}
