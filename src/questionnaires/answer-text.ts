import { Locale } from '../i18n/locale';
import { Translator } from '../i18n/translator';
import { AnswerValue, Question } from '../rules/questionnaires';

/**
 * An answer as a person reads it, in a language: yes/no and choices by their labels, files by their
 * names (given), the rest as typed. Plain text: templates escape it where they write HTML.
 */
export function answerText(question: Question, value: AnswerValue | null | undefined, locale: Locale, translator: Translator, fileNames: ReadonlyMap<string, string> = new Map()): string {
  if (value === null || value === undefined || (Array.isArray(value) && value.length === 0) || value === '') return translator.t(locale, 'questionnaire.answer.none');
  switch (question.kind) {
    case 'yes-no':
      return translator.t(locale, value === 'yes' ? 'questionnaire.answer.yes' : 'questionnaire.answer.no');
    case 'choice': {
      const choice = question.choices?.find((candidate) => candidate.key === value);
      return choice ? choice.label[locale] : String(value);
    }
    case 'file':
      return (Array.isArray(value) ? value : [String(value)]).map((id) => fileNames.get(id) ?? id).join(', ');
    default:
      return String(value);
  }
}
