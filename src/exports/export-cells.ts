import { countryName } from '../i18n/countries';
import { Locale } from '../i18n/locale';
import { MessageKey } from '../i18n/messages';
import { Translator } from '../i18n/translator';
import { dateTimeText } from '../i18n/date-time';
import { LIST_SEPARATOR, RegisterColumn } from '../register-file/register-columns';
import { enumLabel } from '../register-file/register-labels';
import { OutCell } from '../register-file/spreadsheet-writer';

/** What the cells of an export hold: a person's labels in the file's language, or the API's codes (machine-readable). */
export const EXPORT_VALUES = ['labels', 'codes'] as const;
export type ExportValues = (typeof EXPORT_VALUES)[number];

/**
 * How an export writes each value. With labels (the default, in Japanese or English): every
 * enumerated cell as the UI's label from the one message catalogue, countries by name in the file's
 * language, booleans as はい/いいえ (Yes/No), timestamps as the ORG_TIMEZONE wall clock (2026年11月30日
 * 14:05). With codes (the machine-readable export): the API's codes, alpha-2 countries, TRUE/FALSE and
 * ISO 8601 instants. Calendar dates are YYYY-MM-DD in both. Either imports back (the import reads labels and codes).
 */
export class ExportCells {
  constructor(
    readonly locale: Locale,
    readonly labels: boolean,
    private readonly translator: Translator,
    private readonly timeZone: string,
  ) {}

  /** Lists: 「、」 between Japanese labels, "; " between English ones (English country names may hold commas); ";" between codes. */
  private get separator(): string {
    if (!this.labels) return LIST_SEPARATOR;
    return this.locale === 'ja' ? '、' : `${LIST_SEPARATOR} `;
  }

  /** A register column's value (lists as arrays). */
  column(column: RegisterColumn, value: string | number | boolean | readonly string[] | null | undefined): OutCell {
    if (value === null || value === undefined) return null;
    if (Array.isArray(value)) {
      const items = value as readonly string[];
      if (!this.labels) return items.join(LIST_SEPARATOR);
      return items.map((item) => (column.kind === 'country-list' ? countryName(item, this.locale) : enumLabel(column, item, this.locale))).join(this.separator);
    }
    if (!this.labels) return value as OutCell;
    if (column.kind === 'enum') return enumLabel(column, String(value), this.locale);
    if (column.kind === 'country') return countryName(String(value), this.locale);
    if (column.kind === 'boolean') return this.yesNo(Boolean(value));
    return value as OutCell;
  }

  /** An enumerated value by its catalogue prefix (`ui.enum.auditKind`). */
  label(prefix: string, code: string | null): OutCell {
    if (code === null) return null;
    return this.labels ? this.translator.t(this.locale, `${prefix}.${code}` as MessageKey) : code;
  }

  yesNo(value: boolean): OutCell {
    return this.labels ? this.translator.t(this.locale, value ? 'ui.common.yes' : 'ui.common.no') : value;
  }

  timestamp(value: Date | null): OutCell {
    if (value === null) return null;
    return this.labels ? dateTimeText(value, this.locale, this.timeZone) : value.toISOString();
  }
}
