import { Injectable } from '@nestjs/common';
import i18next, { i18n } from 'i18next';
import { Locale } from './locale';
import { MESSAGES, MessageKey } from './messages';

/** Renders catalogue messages in a locale with i18next (interpolation, no string concatenation). */
@Injectable()
export class Translator {
  private readonly i18n: i18n;

  constructor() {
    this.i18n = i18next.createInstance();
    void this.i18n.init({
      initAsync: false,
      lng: 'ja',
      fallbackLng: 'en',
      resources: { ja: { translation: MESSAGES.ja }, en: { translation: MESSAGES.en } },
      interpolation: { escapeValue: false },
      returnNull: false,
      showSupportNotice: false,
    });
  }

  t(locale: Locale, key: MessageKey, params: Record<string, string | number> = {}): string {
    return this.i18n.t(key, { lng: locale, ...params }) as string;
  }

  /** True when the catalogue has the key (for keys built from data, e.g. a field's label). */
  has(key: string): key is MessageKey {
    return this.i18n.exists(key, { lng: 'en' });
  }

  /** A locale-aware list ("A、B" / "A, B and C"). */
  list(locale: Locale, items: string[]): string {
    return new Intl.ListFormat(locale, { style: 'long', type: 'conjunction' }).format(items);
  }

  /** A number as the locale writes it (100,000). */
  number(locale: Locale, value: number): string {
    return new Intl.NumberFormat(locale).format(value);
  }
}
