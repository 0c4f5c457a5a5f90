import { calendarDate, isCalendarDate, startOfDay } from './calendar';

describe('calendar dates in the organisation time zone', () => {
  it.each([
    ['2026-11-28T14:59:59Z', 'Asia/Tokyo', '2026-11-28'],
    ['2026-11-28T15:00:00Z', 'Asia/Tokyo', '2026-11-29'],
    ['2026-11-28T15:00:00Z', 'UTC', '2026-11-28'],
    ['2024-02-29T00:00:00Z', 'America/New_York', '2024-02-28'],
  ])('%s in %s is %s', (instant, zone, date) => {
    expect(calendarDate(new Date(instant), zone)).toBe(date);
  });

  it.each([
    ['2024-02-29', true],
    ['2025-02-29', false],
    ['2025-13-01', false],
    ['2025-1-01', false],
    ['2025-01-01T00:00', false],
    ['2025-12-31', true],
  ])('isCalendarDate(%s) → %s', (value, expected) => {
    expect(isCalendarDate(value)).toBe(expected);
  });

  it.each([
    ['2026-11-29', 'Asia/Tokyo', '2026-11-28T15:00:00.000Z'],
    ['2026-11-29', 'UTC', '2026-11-29T00:00:00.000Z'],
    ['2026-03-29', 'Europe/Berlin', '2026-03-28T23:00:00.000Z'], // the night the clocks go forward
    ['2026-03-30', 'Europe/Berlin', '2026-03-29T22:00:00.000Z'],
    ['2026-11-01', 'America/New_York', '2026-11-01T04:00:00.000Z'], // the day the clocks go back
  ])('startOfDay(%s, %s) is %s', (date, zone, instant) => {
    expect(startOfDay(date, zone).toISOString()).toBe(instant);
  });
});
