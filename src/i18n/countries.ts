import { isISO31661Alpha2 } from 'class-validator';
import countries from 'i18n-iso-countries';
import en from 'i18n-iso-countries/langs/en.json';
import ja from 'i18n-iso-countries/langs/ja.json';
import { Locale } from './locale';

/**
 * Country names from ISO 3166-1 (the i18n-iso-countries package, maintained from CLDR), so the
 * register shows 日本 / Japan while the API and the database keep the alpha-2 code.
 */
countries.registerLocale(en);
countries.registerLocale(ja);

export interface CountryOption {
  code: string;
  name: string;
}

/** Names compare width-folded, case-blind and without spaces: ｼﾝｶﾞﾎﾟｰﾙ, シンガポール, singapore. */
function fold(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/\s+/g, '');
}

// The codes the API accepts (validator.js' ISO 3166-1 list): XK (Kosovo) is user-assigned, not ISO.
const CODES = Object.keys(countries.getAlpha2Codes()).filter((code) => isISO31661Alpha2(code));
const BY_NAME = new Map<string, string>();
for (const locale of ['en', 'ja'] as const) {
  for (const [code, names] of Object.entries(countries.getNames(locale, { select: 'all' }))) {
    if (CODES.includes(code)) for (const name of names) if (!BY_NAME.has(fold(name))) BY_NAME.set(fold(name), code);
  }
}
for (const code of CODES) BY_NAME.set(fold(code), code);

/** The country's name in the locale (日本, Japan); the code itself for a code ISO does not list. */
export function countryName(code: string, locale: Locale): string {
  return countries.getName(code, locale, { select: 'official' }) ?? code;
}

/** The alpha-2 code a cell or a form field means: a code, or a ja or en name (official or common). */
export function countryCode(text: string): string | null {
  return BY_NAME.get(fold(text)) ?? null;
}

const collators: Record<Locale, Intl.Collator> = { ja: new Intl.Collator('ja'), en: new Intl.Collator('en') };

/** Every country for a picker, ordered by its name in the locale. */
export function countryOptions(locale: Locale): CountryOption[] {
  return CODES.map((code) => ({ code, name: countryName(code, locale) })).sort((a, b) => collators[locale].compare(a.name, b.name));
}
