import { isCalendarDate } from './calendar';

/**
 * Dates as Japanese registers write them: ISO 2024-04-01, Excel's 2024/4/1, 2024年4月1日 and the
 * era (和暦) forms 令和6年4月1日 / 平成31年4月30日 / 昭和64年1月7日, with 元年 for the first year of an era. Full-width
 * digits are read as digits. An era date outside its era is refused, not moved to the next era:
 * 平成31年5月1日 does not exist (that day is 令和元年5月1日), nor does 令和元年4月30日.
 */
export interface Era {
  name: string;
  /** The era's first day (its year 1 is the Gregorian year of this day). */
  firstDay: string;
  /** Its last day, or null for the current era. */
  lastDay: string | null;
}

/**
 * 昭和 from 1926-12-25 (the accession of that day; older registers and birth dates still use it), then
 * 元号法 (昭和54年法律第43号) and the Cabinet orders naming 平成 (1989-01-08) and 令和 (2019-05-01).
 */
export const ERAS: readonly Era[] = [
  { name: '昭和', firstDay: '1926-12-25', lastDay: '1989-01-07' },
  { name: '平成', firstDay: '1989-01-08', lastDay: '2019-04-30' },
  { name: '令和', firstDay: '2019-05-01', lastDay: null },
];

const GREGORIAN = /^(\d{4})(?:([-/.])(\d{1,2})\2(\d{1,2})|年(\d{1,2})月(\d{1,2})日)$/;
const ERA_DATE = /^(\D+?)(元|\d{1,2})年(\d{1,2})月(\d{1,2})日$/;

/** The ISO date (YYYY-MM-DD) a cell means, or null when it is no date in an accepted form. */
export function parseJapaneseDate(text: string): string | null {
  const folded = text.normalize('NFKC').replace(/\s/g, '');
  const gregorian = GREGORIAN.exec(folded);
  if (gregorian) return realDate(Number(gregorian[1]), gregorian[3] ?? gregorian[5], gregorian[4] ?? gregorian[6]);
  const eraDate = ERA_DATE.exec(folded);
  if (!eraDate) return null;
  const era = ERAS.find((candidate) => candidate.name === eraDate[1]);
  if (!era) return null;
  const eraYear = eraDate[2] === '元' ? 1 : Number(eraDate[2]);
  const date = isoDate(Number(era.firstDay.slice(0, 4)) + eraYear - 1, eraDate[3], eraDate[4]);
  if (date < era.firstDay || date > (era.lastDay ?? '9999-12-31')) return null;
  return isCalendarDate(date) ? date : null;
}

function isoDate(year: number, month: string, day: string): string {
  return `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
}

function realDate(year: number, month: string, day: string): string | null {
  const date = isoDate(year, month, day);
  return isCalendarDate(date) ? date : null;
}
