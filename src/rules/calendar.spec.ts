import { addDays, addMonths, atWallClock, calendarDate, daysBetween, isCalendarDate, isCalendarMonth, isoWeekday, monthGrid, startOfDay } from './calendar';

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

  it.each([
    ['2026-03-01', 18, 30, 'Asia/Tokyo', '2026-03-01T09:30:00.000Z'],
    ['2026-03-01', 23, 30, 'Asia/Tokyo', '2026-03-01T14:30:00.000Z'],
    ['2026-03-02', 0, 5, 'Asia/Tokyo', '2026-03-01T15:05:00.000Z'],
    ['2026-03-01', 18, 30, 'UTC', '2026-03-01T18:30:00.000Z'],
    // The offset of the moment itself, not of midnight: before and after the clocks go forward in New York…
    ['2026-03-08', 1, 30, 'America/New_York', '2026-03-08T06:30:00.000Z'],
    ['2026-03-08', 12, 0, 'America/New_York', '2026-03-08T16:00:00.000Z'],
    ['2026-03-08', 2, 30, 'America/New_York', '2026-03-08T06:30:00.000Z'], // skipped: the earlier reading (01:30 EST)
    // …and back.
    ['2026-11-01', 0, 30, 'America/New_York', '2026-11-01T04:30:00.000Z'],
    ['2026-11-01', 1, 30, 'America/New_York', '2026-11-01T05:30:00.000Z'], // shown twice: the earlier (EDT)
    ['2026-11-01', 23, 59, 'America/New_York', '2026-11-02T04:59:00.000Z'],
    ['2026-03-29', 12, 0, 'Europe/Berlin', '2026-03-29T10:00:00.000Z'],
  ])('atWallClock(%s, %i, %i, %s) is %s', (date, hours, minutes, zone, instant) => {
    expect(atWallClock(date, hours, minutes, zone).toISOString()).toBe(instant);
  });
});

describe('date arithmetic', () => {
  it.each([
    ['2024-02-29', 12, '2025-02-28'],
    ['2024-03-31', 1, '2024-04-30'], // a leap year caps only February at the 29th
    ['2024-01-31', 1, '2024-02-29'],
    ['2023-01-31', 1, '2023-02-28'],
    ['2100-01-31', 1, '2100-02-28'], // divisible by 100: not a leap year
    ['2000-01-31', 1, '2000-02-29'], // divisible by 400: a leap year
    ['2025-12-31', 2, '2026-02-28'],
    ['2026-01-15', -1, '2025-12-15'],
    ['2026-03-31', -13, '2025-02-28'],
    ['2026-05-20', 0, '2026-05-20'],
    ['0999-12-01', 1, '1000-01-01'],
    ['0999-10-15', 1, '0999-11-15'], // four-digit years, even before 1000
  ])('addMonths(%s, %i) = %s', (date, months, expected) => {
    expect(addMonths(date, months)).toBe(expected);
  });

  it.each([
    ['2026-11-28', 3, '2026-12-01'],
    ['2026-12-31', 1, '2027-01-01'],
    ['2024-03-01', -1, '2024-02-29'],
    ['2026-11-28', 0, '2026-11-28'],
  ])('addDays(%s, %i) = %s', (date, days, expected) => {
    expect(addDays(date, days)).toBe(expected);
  });

  it.each([
    ['2026-11-28', '2026-12-28', 30],
    ['2026-12-28', '2026-11-28', -30],
    ['2024-02-28', '2024-03-01', 2],
    ['2026-03-28', '2026-03-30', 2], // across a DST change elsewhere: still whole days
    ['2026-11-28', '2026-11-28', 0],
  ])('daysBetween(%s, %s) = %i', (from, to, expected) => {
    expect(daysBetween(from, to)).toBe(expected);
  });

  it.each([
    ['2100-02-29', false],
    ['2000-02-29', true],
    ['2024-04-31', false],
    ['2024-00-10', false],
    ['2024-01-00', false],
    ['x2024-01-01', false],
    ['2024-01-01x', false],
  ])('isCalendarDate(%s) → %s', (value, expected) => {
    expect(isCalendarDate(value)).toBe(expected);
  });
});

describe('weeks and months', () => {
  it.each([
    ['2026-11-23', 0], // Monday
    ['2026-11-28', 5], // Saturday
    ['2026-11-29', 6], // Sunday
    ['2024-02-29', 3], // Thursday
  ])('isoWeekday(%s) = %i', (date, weekday) => {
    expect(isoWeekday(date)).toBe(weekday);
  });

  it.each([
    ['2026-11', true],
    ['2026-01', true],
    ['2026-12', true],
    ['2026-13', false],
    ['2026-00', false],
    ['2026-1', false],
    ['2026-11-01', false],
    ['x2026-11', false],
    ['', false],
  ])('isCalendarMonth(%s) → %s', (value, expected) => {
    expect(isCalendarMonth(value)).toBe(expected);
  });

  const layout = (month: string) => monthGrid(month).weeks.map((week) => week.map((date) => (date === null ? '..' : date.slice(8, 10))).join(' '));

  it('lays out a month starting on a Sunday: six leading blanks, Monday-first weeks, blanks after the last day', () => {
    expect(layout('2026-02')).toEqual([
      '.. .. .. .. .. .. 01',
      '02 03 04 05 06 07 08',
      '09 10 11 12 13 14 15',
      '16 17 18 19 20 21 22',
      '23 24 25 26 27 28 ..',
    ]);
  });

  it('lays out a 28-day February starting on a Monday in exactly four weeks, and a leap February with its 29th', () => {
    expect(layout('2021-02')).toEqual(['01 02 03 04 05 06 07', '08 09 10 11 12 13 14', '15 16 17 18 19 20 21', '22 23 24 25 26 27 28']);
    expect(layout('2024-02').at(-1)).toBe('26 27 28 29 .. .. ..');
  });

  it('spans six weeks when a 31-day month starts on a Saturday', () => {
    expect(layout('2026-08')).toHaveLength(6);
    expect(layout('2026-08')[0]).toBe('.. .. .. .. .. 01 02');
    expect(layout('2026-08')[5]).toBe('31 .. .. .. .. .. ..');
  });

  it.each([
    ['2026-11', '2026-11-01', '2026-11-30', '2026-10', '2026-12'],
    ['2026-12', '2026-12-01', '2026-12-31', '2026-11', '2027-01'],
    ['2026-01', '2026-01-01', '2026-01-31', '2025-12', '2026-02'],
    ['2100-02', '2100-02-01', '2100-02-28', '2100-01', '2100-03'],
  ])('%s runs from %s to %s, between %s and %s', (month, first, last, previous, next) => {
    expect(monthGrid(month)).toMatchObject({ first, last, previous, next });
  });
});
