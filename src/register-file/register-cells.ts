import { normaliseEmail } from '../rules/email-address';
import { ValidationError as ClassValidationError } from 'class-validator';
import { countryCode } from '../i18n/countries';
import { Locale } from '../i18n/locale';
import { validationCode } from '../common/validation';
import { MessageKey } from '../i18n/messages';
import { parseJapaneseDate } from '../rules/japanese-dates';
import { normaliseReading } from '../rules/japanese-names';
import { LIST_SPLIT, RegisterColumn } from './register-columns';
import { acceptedValues, enumCode } from './register-labels';

/** Why a cell was refused: a catalogue key and its parameters, translated by the caller. */
export interface CellReason {
  key: MessageKey;
  params?: Record<string, string | number>;
}

/**
 * OWASP "CSV injection": a cell that starts with =, +, -, @, tab or carriage return may be run as a
 * formula by the spreadsheet application that opens the file (=HYPERLINK(…), =cmd|…). Integer
 * columns may hold a minus sign: "-5" is a number (refused later as out of range), not a formula.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function looksLikeFormula(text: string, column: RegisterColumn | undefined): boolean {
  if (column?.kind === 'integer' && /^\s*-\d[\d,]*\s*$/.test(text)) return false;
  return FORMULA_START.test(text) || FORMULA_START.test(text.trimStart());
}

const TRUE_WORDS = new Set(['true', 'yes', 'y', '1', 'はい', '可', '有', 'あり', '○', '〇', '✓']);
const FALSE_WORDS = new Set(['false', 'no', 'n', '0', 'いいえ', '不可', '無', 'なし', '×', '✗']);

/**
 * Turns a cell's text into the value the DTO expects (undefined for a blank cell: "not given").
 * Enumerated values may be codes or the labels of either language, countries codes or names, dates
 * ISO, Excel's 2024/4/1, 2024年4月1日 or 和暦; anything else is refused naming what is accepted in
 * the caller's locale. The DTO's validators then judge the values, as they do for the API.
 */
export function convertCell(text: string, column: RegisterColumn, locale: Locale = 'ja'): { value: unknown } | { reason: CellReason } {
  const trimmed = text.trim();
  if (trimmed === '') return { value: undefined };
  switch (column.kind) {
    case 'text':
    case 'corporate-number':
      return { value: trimmed };
    case 'email':
      return { value: normaliseEmail(trimmed) };
    case 'reading':
      return { value: normaliseReading(trimmed) };
    case 'enum':
    case 'enum-list': {
      const items = column.kind === 'enum' ? [trimmed] : splitList(trimmed);
      const codes = items.map((item) => enumCode(column, item));
      if (codes.some((code) => code === null)) return { reason: { key: 'importError.notAllowed', params: { allowed: acceptedValues(column, locale) } } };
      return { value: column.kind === 'enum' ? codes[0] : codes };
    }
    case 'country':
    case 'country-list': {
      const items = column.kind === 'country' ? [trimmed] : splitList(trimmed);
      const codes = items.map((item) => countryCode(item));
      if (codes.some((code) => code === null)) return { reason: { key: 'importError.notCountry' } };
      return { value: column.kind === 'country' ? codes[0] : codes };
    }
    case 'date': {
      const date = parseJapaneseDate(trimmed);
      return date === null ? { reason: { key: 'importError.notDate' } } : { value: date };
    }
    case 'boolean': {
      const word = trimmed.toLowerCase();
      if (TRUE_WORDS.has(word)) return { value: true };
      if (FALSE_WORDS.has(word)) return { value: false };
      return { reason: { key: 'importError.notBoolean' } };
    }
    case 'integer': {
      const digits = trimmed.replace(/,/g, '');
      if (!/^-?\d+$/.test(digits)) return { reason: { key: 'importError.notInteger' } };
      return { value: Number(digits) };
    }
  }
}

function splitList(text: string): string[] {
  return text
    .split(LIST_SPLIT)
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

/** The reason, in catalogue terms, for the first constraint class-validator found broken. */
export function reasonForConstraint(error: ClassValidationError, column: RegisterColumn, locale: Locale = 'ja'): CellReason {
  const constraints = error.constraints ?? {};
  const [name] = Object.keys(constraints);
  switch (name) {
    case 'isString':
    case 'minLength':
      return { key: 'importError.required' };
    case 'maxLength':
      return { key: 'importError.tooLong', params: { max: column.maxLength ?? 0 } };
    case 'isIn':
      return { key: 'importError.notAllowed', params: { allowed: acceptedValues(column, locale) } };
    case 'isInt':
    case 'min':
    case 'max':
      return { key: 'importError.outOfRange', params: { min: 0, max: column.max ?? 0 } };
    case 'isCalendarDate':
      return { key: 'importError.notDate' };
    case 'isBoolean':
      return { key: 'importError.notBoolean' };
    case 'isIso31661Alpha2':
    case 'isISO31661Alpha2':
      return { key: 'importError.notCountry' };
    case 'isEmail':
      return { key: 'importError.notEmail' };
    case 'isCorporateNumber':
      return { key: 'importError.notCorporateNumber' };
    case 'arrayUnique':
      return { key: 'importError.duplicateInList' };
    case 'isReading':
      return { key: 'importError.notReading' };
    case 'isCleanText':
      return { key: 'importError.controlCharacters' };
    default:
      // Any other constraint: its own message in the catalogue, in the caller's language.
      return { key: validationCode(name ?? 'invalid') };
  }
}

/** Spreadsheet column letters: 1 → A, 27 → AA. */
export function columnLetter(index: number): string {
  let letters = '';
  for (let rest = index; rest > 0; rest = Math.floor((rest - 1) / 26)) letters = String.fromCharCode(65 + ((rest - 1) % 26)) + letters;
  return letters;
}
