import { Locale, LOCALES } from '../i18n/locale';
import { MESSAGES } from '../i18n/messages';
import { RegisterColumn } from './register-columns';

/**
 * The words a register cell may use for an enumerated value: its code (`active`) or its label in
 * either language as the UI shows it (取引中, Active), taken from the one message catalogue; and
 * for countries the code or a Japanese or English name. Compared width-folded and case-blind.
 */
function fold(text: string): string {
  return text.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();
}

/** A catalogue message by its dotted key, read from the catalogue object itself (no translator needed). */
function message(locale: Locale, key: string): string | undefined {
  let node: unknown = MESSAGES[locale];
  for (const part of key.split('.')) node = node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined;
  return typeof node === 'string' ? node : undefined;
}

/** The label of a code in the locale (the code itself for a column without labels). */
export function enumLabel(column: RegisterColumn, code: string, locale: Locale): string {
  return (column.labels && message(locale, `${column.labels}.${code}`)) ?? code;
}

const lookups = new Map<string, Map<string, string>>();

function lookupOf(column: RegisterColumn): Map<string, string> {
  let lookup = lookups.get(column.id);
  if (!lookup) {
    lookup = new Map();
    for (const code of column.allowed ?? []) {
      lookup.set(fold(code), code);
      for (const locale of LOCALES) lookup.set(fold(enumLabel(column, code, locale)), code);
    }
    lookups.set(column.id, lookup);
  }
  return lookup;
}

/** The code an enum cell means, or null when it is none of the column's codes or labels. */
export function enumCode(column: RegisterColumn, text: string): string | null {
  return lookupOf(column).get(fold(text)) ?? null;
}

/** The accepted values of an enum column, as a problem or the template names them: 取引中 (active), … */
export function acceptedValues(column: RegisterColumn, locale: Locale): string {
  return (column.allowed ?? [])
    .map((code) => {
      const label = enumLabel(column, code, locale);
      return label === code ? code : `${label} (${code})`;
    })
    .join(', ');
}
