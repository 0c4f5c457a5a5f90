import { addDays } from '../rules/calendar';

/** The audits, and the vendors falling due, that a calendar day shows of each; the rest are counted and linked to the list or plan of that day. */
export const DUE_NAMES_PER_DAY = 3;
/** Overdue vendors are counted up to this many ("more than …" beyond). */
export const OVERDUE_COUNT_CAP = 1000;

/** The line of vendors whose audit was due before today, linking to the plan of those days; null when none. */
export function overdueLine(overdue: { count: number; more: boolean; earliest: string | null }, today: string) {
  if (overdue.count === 0 || overdue.earliest === null) return null;
  return { count: overdue.count, more: overdue.more, from: overdue.earliest, to: addDays(today, -1) };
}
