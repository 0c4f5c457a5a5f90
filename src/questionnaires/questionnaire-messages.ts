import { Injectable } from '@nestjs/common';
import { currentLocale } from '../common/request-context';
import { Locale } from '../i18n/locale';
import { Translator } from '../i18n/translator';

/**
 * Texts of the questionnaire feature in the caller's language (the signed-in user's, or the
 * language of the answer page). Refusals are typed codes (common/error-codes.ts), rendered at the edge.
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
}
