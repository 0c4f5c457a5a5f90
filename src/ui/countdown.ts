import { Locale } from '../i18n/locale';
import { MessageKey } from '../i18n/messages';
import { Translator } from '../i18n/translator';

/** "47 h 12 min" / "47時間12分": whole minutes of a duration, in the page's language. */
export function durationText(translator: Translator, locale: Locale, ms: number): string {
  const minutes = Math.floor(ms / 60_000);
  return translator.t(locale, 'ui.incidents.duration' as MessageKey, { hours: Math.floor(minutes / 60), minutes: minutes % 60 });
}

/** The time left to a deadline ("あと2時間0分"), or how late it is ("1時間5分超過"). */
export function countdownText(translator: Translator, locale: Locale, remainingMs: number): string {
  return remainingMs >= 0
    ? translator.t(locale, 'ui.incidents.left' as MessageKey, { time: durationText(translator, locale, remainingMs) })
    : translator.t(locale, 'ui.incidents.late' as MessageKey, { time: durationText(translator, locale, -remainingMs) });
}
