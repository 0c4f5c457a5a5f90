/** Calendar dates (YYYY-MM-DD) in the organisation's time zone; no times, no UTC surprises. */

const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/** The calendar date of an instant in a time zone, e.g. 2026-11-28T16:00Z in Asia/Tokyo → 2026-11-29. */
export function calendarDate(instant: Date, timeZone: string): string {
  // en-CA formats as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(instant);
}

/**
 * True for a real date in YYYY-MM-DD form: one that date arithmetic leaves as it is (2025-02-29
 * would become 2025-03-01, 2025-13-01 2026-01-01). Years before 0100 are refused.
 */
export function isCalendarDate(value: string): boolean {
  return DATE_PATTERN.test(value) && addDays(value, 0) === value;
}

/** date + n calendar days (n may be negative). */
export function addDays(date: string, days: number): string {
  const [year, month, day] = date.split('-').map(Number);
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: string, to: string): number {
  const toUtc = (date: string) => {
    const [year, month, day] = date.split('-').map(Number);
    return Date.UTC(year, month - 1, day);
  };
  return Math.round((toUtc(to) - toUtc(from)) / 86_400_000);
}

/**
 * date + n calendar months; a day the target month lacks becomes its last day
 * (2024-02-29 + 12 months = 2025-02-28; 2025-01-31 + 1 month = 2025-02-28).
 */
export function addMonths(date: string, months: number): string {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7)) - 1 + months;
  const targetYear = year + Math.floor(month / 12);
  const targetMonth = ((month % 12) + 12) % 12;
  const day = Math.min(Number(date.slice(8, 10)), daysInMonth(targetYear, targetMonth));
  return `${String(targetYear).padStart(4, '0')}-${String(targetMonth + 1).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Days in a month (0-based), with the Gregorian leap rule. */
function daysInMonth(year: number, month: number): number {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return month === 1 && leap ? 29 : DAYS_IN_MONTH[month];
}

/** Day of the week, Monday first (ISO 8601): 0 for Monday … 6 for Sunday. */
export function isoWeekday(date: string): number {
  const [year, month, day] = date.split('-').map(Number);
  return (new Date(Date.UTC(year, month - 1, day)).getUTCDay() + 6) % 7;
}

const MONTH_PATTERN = /^\d{4}-(0[1-9]|1[0-2])$/;

/** True for a month in YYYY-MM form (rejects 2025-13 and 2025-1). */
export function isCalendarMonth(value: string): boolean {
  return MONTH_PATTERN.test(value);
}

/** A month laid out as a wall calendar. */
export interface MonthGrid {
  /** The first and last day of the month. */
  first: string;
  last: string;
  /** The months before and after, as YYYY-MM. */
  previous: string;
  next: string;
  /** Whole weeks, Monday to Sunday: each cell a day of the month, or null before the 1st and after the last day. */
  weeks: Array<Array<string | null>>;
}

/** The weeks of a month (YYYY-MM), Monday first. */
export function monthGrid(month: string): MonthGrid {
  const first = `${month}-01`;
  const last = addDays(addMonths(first, 1), -1);
  const cells: Array<string | null> = Array.from({ length: isoWeekday(first) }, () => null);
  for (let date = first; date <= last; date = addDays(date, 1)) cells.push(date);
  while (cells.length % 7 !== 0) cells.push(null);
  const weeks = Array.from({ length: cells.length / 7 }, (_, week) => cells.slice(week * 7, week * 7 + 7));
  return { first, last, previous: addMonths(first, -1).slice(0, 7), next: addMonths(first, 1).slice(0, 7), weeks };
}

/** The instant a calendar day begins in a time zone, e.g. 2026-11-29 in Asia/Tokyo → 2026-11-28T15:00Z. */
export function startOfDay(date: string, timeZone: string): Date {
  return atWallClock(date, 0, 0, timeZone);
}

/**
 * The instant a time zone's wall clock shows a date and time, e.g. 2026-03-01 18:30 in Asia/Tokyo →
 * 2026-03-01T09:30Z. Across a DST change the offset of that moment is used, not the one of midnight;
 * a time the clocks skip or show twice resolves to the earlier reading.
 */
export function atWallClock(date: string, hours: number, minutes: number, timeZone: string): Date {
  const [year, month, day] = date.split('-').map(Number);
  const wallClock = Date.UTC(year, month - 1, day, hours, minutes);
  // The zone's offset at a guess, then once more at the result (a DST change near that time).
  let instant = wallClock - zoneOffsetMs(new Date(wallClock), timeZone);
  instant = wallClock - zoneOffsetMs(new Date(instant), timeZone);
  return new Date(instant);
}

/** How far a time zone's wall clock is ahead of UTC at an instant. */
function zoneOffsetMs(instant: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
  }).formatToParts(instant);
  const value = (type: string) => Number(parts.find((part) => part.type === type)!.value);
  const asUtc = Date.UTC(value('year'), value('month') - 1, value('day'), value('hour'), value('minute'), value('second'));
  return asUtc - Math.floor(instant.getTime() / 1000) * 1000;
}
