import { dateTimeText, wallClockText } from './date-time';

describe('timestamps on the organisation wall clock', () => {
  it.each([
    ['2026-12-01 00:42', 'ja', '2026年12月1日 00:42'],
    ['2026-12-01 00:42', 'en', '2026-12-01 00:42'],
    ['2026-11-30T14:05', 'ja', '2026年11月30日 14:05'],
    ['2026-01-09 09:05', 'ja', '2026年1月9日 09:05'],
    ['not a time', 'ja', 'not a time'],
  ] as const)('%s in %s → %s', (wallClock, locale, text) => {
    expect(wallClockText(wallClock, locale)).toBe(text);
  });

  it.each([
    ['2026-11-30T15:42:10Z', 'ja', 'Asia/Tokyo', '2026年12月1日 00:42'],
    ['2026-11-30T15:42:10Z', 'en', 'Asia/Tokyo', '2026-12-01 00:42'],
    ['2026-11-30T15:42:10Z', 'ja', 'UTC', '2026年11月30日 15:42'],
    ['2026-11-30T15:00:00Z', 'en', 'Europe/Berlin', '2026-11-30 16:00'],
  ] as const)('%s in %s (%s) → %s', (instant, locale, timeZone, text) => {
    expect(dateTimeText(instant, locale, timeZone)).toBe(text);
    expect(dateTimeText(new Date(instant), locale, timeZone)).toBe(text);
  });
});
