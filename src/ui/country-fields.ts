import { countryCode, countryName, countryOptions } from '../i18n/countries';
import { Locale } from '../i18n/locale';
import { form } from './forms';

/**
 * Country fields of the forms: people type or pick a name (日本, シンガポール, Singapore) from the
 * picker's list; the API and the database keep the ISO 3166-1 alpha-2 code. A code is accepted
 * too. Text that names no country is passed on as typed, so the DTO refuses it naming the field.
 */
const LIST_SPLIT = /[,、;，；\n]/;

export function countryFromForm(value: unknown): string | undefined {
  const text = form.text(value);
  return text === undefined ? undefined : countryCode(text) ?? text;
}

export function countriesFromForm(value: unknown): string[] {
  return (form.text(value) ?? '')
    .split(LIST_SPLIT)
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => countryCode(part) ?? part);
}

/** A stored code as the field shows it (its name in the user's language). */
export function countryFieldText(code: string, locale: Locale): string {
  return countryName(code, locale);
}

/** Stored codes as the list field shows them: 日本、シンガポール / Japan, Singapore. */
export function countriesFieldText(codes: string[], locale: Locale): string {
  return codes.map((code) => countryName(code, locale)).join(locale === 'ja' ? '、' : ', ');
}

/** The picker's choices: every country by its name in the user's language. */
export function countryChoices(locale: Locale): string[] {
  return countryOptions(locale).map((option) => option.name);
}
