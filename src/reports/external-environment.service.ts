import { Injectable } from '@nestjs/common';
import { Clock } from '../common/clock';
import { ComplianceService } from '../compliance/compliance.service';
import { countryName } from '../i18n/countries';
import { Locale, LOCALES } from '../i18n/locale';
import { MessageKey } from '../i18n/messages';
import { Translator } from '../i18n/translator';
import { ExportFile, toXlsx } from '../register-file/spreadsheet-writer';
import { foreignHandlingDisclosure } from '../rules/external-environment';

/**
 * 外的環境の把握 (通則GL 10-7): the foreign countries where personal data is handled, as the statement
 * of security measures must name them (APPI Art. 32(1)(4), Cabinet Order Art. 10(i); Q&A 9-4, 10-25).
 */
export interface ExternalEnvironmentView {
  asOf: string;
  countries: Array<{
    country: string;
    /** The country's name in the caller's language. */
    name: string;
    /** The last review of the country's regime completed by `asOf` (null: none on record, 「未確認」). */
    reviewedOn: string | null;
    vendorCount: number;
    vendors: Array<{ id: string; name: string }>;
  }>;
  /** The countries (ISO 3166-1 alpha-2) whose regime no review covers: to review before publishing. */
  unreviewed: string[];
  /** The privacy policy's 外的環境の把握 paragraph in each language, to be reviewed by legal. */
  draft: Record<Locale, string>;
}

@Injectable()
export class ExternalEnvironmentService {
  constructor(
    private readonly compliance: ComplianceService,
    private readonly translator: Translator,
    private readonly clock: Clock,
  ) {}

  title(locale: Locale): string {
    return this.translator.t(locale, 'report.externalEnvironment.title');
  }

  /** 「英語の文案」/ "Draft in Japanese": the link to the draft in the other language. */
  draftIn(language: Locale, locale: Locale): string {
    return this.t(locale, `draftIn.${language}`);
  }

  async report(asOfDay: string | undefined, locale: Locale): Promise<ExternalEnvironmentView> {
    const asOf = asOfDay ?? this.clock.today();
    const { vendors, reviews } = await this.compliance.externalEnvironment(asOf);
    const found = foreignHandlingDisclosure(vendors, reviews, asOf);
    const draft = Object.fromEntries(LOCALES.map((language) => [language, this.draft(found.map((entry) => entry.country), language)])) as Record<Locale, string>;
    return {
      asOf,
      countries: found.map((entry) => ({ ...entry, name: countryName(entry.country, locale), vendorCount: entry.vendors.length })),
      unreviewed: found.filter((entry) => entry.reviewedOn === null).map((entry) => entry.country),
      draft,
    };
  }

  /** The list and the draft as .xlsx in the language asked for. */
  async xlsx(asOf: string | undefined, locale: Locale): Promise<ExportFile> {
    const view = await this.report(asOf, locale);
    const t = (key: string) => this.t(locale, key);
    const body = await toXlsx([
      {
        sheetName: t('sheetCountries'),
        header: [t('country'), t('reviewedOn'), t('vendorCount'), t('vendors')],
        rows: view.countries.map((entry) => [entry.name, entry.reviewedOn ?? t('notReviewed'), entry.vendorCount, entry.vendors.map((vendor) => vendor.name).join('\n')]),
      },
      { sheetName: t('sheetDraft'), header: [t('draftTitle')], rows: view.draft[locale].split('\n').map((line) => [line]) },
    ]);
    return { fileName: `external-environment-${view.asOf}.xlsx`, contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', body };
  }

  /** The draft paragraph as UTF-8 text (CRLF, as Windows editors expect), ready to paste into the privacy policy. */
  async text(asOf: string | undefined, locale: Locale): Promise<ExportFile> {
    const view = await this.report(asOf, locale);
    return { fileName: `external-environment-${view.asOf}.txt`, contentType: 'text/plain; charset=utf-8', body: Buffer.from(`${view.draft[locale].replace(/\n/g, '\r\n')}\r\n`, 'utf8') };
  }

  /** 「当社は、シンガポール及びアメリカ合衆国において個人データを取り扱っています。…」 (the wording of 通則GL 10-7's 手法の例示). */
  private draft(countries: string[], locale: Locale): string {
    const names = countries.map((code) => countryName(code, locale));
    const body = names.length > 0 ? this.t(locale, 'draftCountries', { countries: legalList(names, locale) }) : this.t(locale, 'draftNone');
    return `${this.t(locale, 'draftHeading')}\n${body}`;
  }

  private t(locale: Locale, key: string, params: Record<string, string> = {}): string {
    return this.translator.t(locale, `report.externalEnvironment.${key}` as MessageKey, params);
  }
}

/** A list as a statute writes it: 「A、B及びC」; "A, B and C". */
function legalList(items: string[], locale: Locale): string {
  if (locale === 'en') return new Intl.ListFormat('en', { style: 'long', type: 'conjunction' }).format(items);
  return items.length > 1 ? `${items.slice(0, -1).join('、')}及び${items.at(-1)}` : items[0];
}
