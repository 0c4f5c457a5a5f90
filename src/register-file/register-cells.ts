import { ValidationError as ClassValidationError } from 'class-validator';
import { validationCode } from '../common/validation';
import { MessageKey } from '../i18n/messages';
import { LIST_SPLIT, RegisterColumn } from './register-columns';

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
 * Only conversions live here; the DTO's validators judge the values, as they do for the API.
 */
export function convertCell(text: string, column: RegisterColumn): { value: unknown } | { reason: CellReason } {
  const trimmed = text.trim();
  if (trimmed === '') return { value: undefined };
  switch (column.kind) {
    case 'text':
    case 'corporate-number':
      return { value: trimmed };
    case 'email':
      return { value: trimmed.toLowerCase() };
    case 'enum':
      return { value: trimmed.toLowerCase() };
    case 'country':
      return { value: trimmed.toUpperCase() };
    case 'enum-list':
      return { value: splitList(trimmed).map((item) => item.toLowerCase()) };
    case 'country-list':
      return { value: splitList(trimmed).map((item) => item.toUpperCase()) };
    case 'date': {
      // Excel in Japan shows and saves dates as 2024/4/1.
      const match = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(trimmed);
      return { value: match ? `${match[1]}-${match[2].padStart(2, '0')}-${match[3].padStart(2, '0')}` : trimmed };
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
export function reasonForConstraint(error: ClassValidationError, column: RegisterColumn): CellReason {
  const constraints = error.constraints ?? {};
  const [name] = Object.keys(constraints);
  switch (name) {
    case 'isString':
    case 'minLength':
      return { key: 'importError.required' };
    case 'maxLength':
      return { key: 'importError.tooLong', params: { max: column.maxLength ?? 0 } };
    case 'isIn':
      return { key: 'importError.notAllowed', params: { allowed: (column.allowed ?? []).join(', ') } };
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
