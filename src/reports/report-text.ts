import { dateTimeText } from '../i18n/date-time';
import { Locale } from '../i18n/locale';
import { MessageKey } from '../i18n/messages';
import { Translator } from '../i18n/translator';

/**
 * The words of a report in one locale: catalogue messages, country names (「シンガポール」, not "SG"),
 * yes/no, lists and timestamps on the organisation's wall clock, so a Japanese report has no English.
 */
export class ReportText {
  private readonly regions: Intl.DisplayNames;

  constructor(
    private readonly translator: Translator,
    readonly locale: Locale,
    private readonly timeZone: string,
  ) {
    this.regions = new Intl.DisplayNames([locale], { type: 'region', fallback: 'code' });
  }

  t(key: string, params: Record<string, string | number> = {}): string {
    return this.translator.t(this.locale, key as MessageKey, params);
  }

  country(code: string): string {
    return this.regions.of(code) ?? code;
  }

  countries(codes: string[]): string {
    return codes.length ? this.list(codes.map((code) => this.country(code))) : this.t('report.dossier.none');
  }

  list(items: string[]): string {
    return this.translator.list(this.locale, items);
  }

  yesNo(value: boolean): string {
    return this.t(value ? 'ui.common.yes' : 'ui.common.no');
  }

  /** An ISO timestamp on the organisation's wall clock, as the locale writes it (2026年11月30日 09:15). */
  dateTime(iso: string): string {
    return dateTimeText(iso, this.locale, this.timeZone);
  }
}
