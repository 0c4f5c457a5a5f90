import { Locale } from './locale';

/**
 * Timestamps as the organisation's wall clock (ORG_TIMEZONE), like its calendar dates: 2026年11月30日
 * 14:05 in Japanese, 2026-11-30 14:05 in English (pages and the exports in a language).
 */
export function wallClock(timeZone: string): (value: string | Date, locale: Locale) => string {
  const format = new Intl.DateTimeFormat('sv-SE', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  return (value, locale) => {
    const parts = Object.fromEntries(format.formatToParts(new Date(value)).map((part) => [part.type, part.value]));
    return locale === 'ja'
      ? `${parts.year}年${Number(parts.month)}月${Number(parts.day)}日 ${parts.hour}:${parts.minute}`
      : `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
  };
}
