import { Locale } from './locale';

/**
 * Timestamps as people read them, on the organisation's wall clock (ORG_TIMEZONE), the one format of
 * pages, flag messages and e-mails: 2026年12月1日 00:42 in Japanese, 2026-12-01 00:42 in English.
 * The API and the machine-readable export keep ISO 8601.
 */
const WALL_CLOCK = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})$/;

/** "YYYY-MM-DD HH:mm", already on the organisation's wall clock, as the locale writes it. */
export function wallClockText(wallClock: string, locale: Locale): string {
  const parts = WALL_CLOCK.exec(wallClock);
  if (!parts) return wallClock;
  const [, year, month, day, hour, minute] = parts;
  return locale === 'ja' ? `${year}年${Number(month)}月${Number(day)}日 ${hour}:${minute}` : `${year}-${month}-${day} ${hour}:${minute}`;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** An instant (Date or ISO text) as the locale writes it on the wall clock of a time zone. */
export function dateTimeText(instant: Date | string, locale: Locale, timeZone: string): string {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('sv-SE', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    formatters.set(timeZone, formatter);
  }
  return wallClockText(formatter.format(new Date(instant)), locale);
}
