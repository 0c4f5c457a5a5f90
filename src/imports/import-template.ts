import { Locale } from '../i18n/locale';
import { MessageKey } from '../i18n/messages';
import { Translator } from '../i18n/translator';
import { countryName } from '../i18n/countries';
import { IMPORT_COLUMNS, LIST_SEPARATOR, LIST_SPLIT, RegisterColumn } from '../register-file/register-columns';
import { acceptedValues, enumLabel } from '../register-file/register-labels';
import { ExportFile, ExportFormat, renderTables, Table } from '../register-file/spreadsheet-writer';

/**
 * The import's template: its columns with ja or en headers, each followed by "[…]" saying what it
 * takes (the import ignores that part), and an example row that imports as it is. The .xlsx adds
 * a sheet that lists every column with its id, allowed values and example.
 */
export function importTemplate(format: ExportFormat, locale: Locale, translator: Translator): Promise<ExportFile> {
  const t = (key: MessageKey, params?: Record<string, string | number>) => translator.t(locale, key, params);
  const header = IMPORT_COLUMNS.map((column) => `${t(`importColumn.${column.id}` as MessageKey)} [${columnHint(column, locale, translator)}]`);
  const example = IMPORT_COLUMNS.map((column) => exampleCell(column, locale));
  const register: Table = { sheetName: t('exportColumn.sheetRegister'), header, rows: [example] };
  const reference: Table = {
    sheetName: t('importHint.sheetReference'),
    header: [t('importHint.headerColumn'), t('importHint.headerId'), t('importHint.headerRule'), t('importHint.headerExample')],
    rows: [
      ...IMPORT_COLUMNS.map((column) => [t(`importColumn.${column.id}` as MessageKey), column.id, columnHint(column, locale, translator), exampleCell(column, locale)]),
      [],
      [t('importHint.notes')],
    ],
  };
  return renderTables(format, format === 'xlsx' ? [register, reference] : [register], `vendor-register-template-${locale}`);
}

/** What a column takes, in words: required or not, then the allowed values or the format. */
export function columnHint(column: RegisterColumn, locale: Locale, translator: Translator): string {
  const t = (key: MessageKey, params?: Record<string, string | number>) => translator.t(locale, key, params);
  const rule = (() => {
    switch (column.kind) {
      case 'enum':
        return t('importHint.oneOf', { allowed: acceptedValues(column, locale) });
      case 'enum-list':
        return t('importHint.listOf', { allowed: acceptedValues(column, locale) });
      case 'date':
        return t('importHint.date');
      case 'boolean':
        return t('importHint.boolean');
      case 'integer':
        return t('importHint.integer');
      case 'country':
        return t('importHint.country');
      case 'country-list':
        return t('importHint.countryList');
      case 'corporate-number':
        return t('importHint.corporateNumber');
      case 'email':
        return t('importHint.email');
      case 'text':
        return t('importHint.text', { max: column.maxLength ?? 0 });
      case 'reading':
        return t('importHint.reading');
    }
  })();
  if (!column.required) return rule;
  return `${t(column.entity === 'contract' ? 'importHint.requiredForContract' : 'importHint.required')}; ${rule}`;
}

/** The example cell as a person fills it in: labels and country names in the template's language. */
export function exampleCell(column: RegisterColumn, locale: Locale): string {
  const example = column.example[locale];
  if (example === '') return example;
  const items = example.split(LIST_SPLIT);
  switch (column.kind) {
    case 'enum':
    case 'enum-list':
      return items.map((code) => enumLabel(column, code, locale)).join(LIST_SEPARATOR);
    case 'country':
    case 'country-list':
      return items.map((code) => countryName(code, locale)).join(LIST_SEPARATOR);
    default:
      return example;
  }
}
