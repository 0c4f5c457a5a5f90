import { DataSource } from 'typeorm';

/** A dated kind of row a month calendar shows: its table, its date column, and the index order within one day. */
export interface DayIndex {
  table: 'vendors' | 'audits';
  column: 'nextAuditDue' | 'scheduledFor';
  /** The columns after the date in the index that serves `WHERE column = ? ORDER BY column, …`. */
  within: string;
}

/**
 * Per day between `from` and `to`: how many rows fall on it, and the ids of the first `first` of them
 * in the index's order. One grouped query over the index range for the counts, one statement of
 * per-day index seeks for the ids (each a `bounded_…` derived table of at most `first` rows): bounded
 * by the days of the range, not by the rows of the table.
 */
export async function rowsPerDay(dataSource: DataSource, index: DayIndex, from: string, to: string, first: number): Promise<{ days: Map<string, number>; ids: string[] }> {
  const { table, column, within } = index;
  const counts: Array<{ day: string | Date; n: string | number }> = await dataSource.query(
    `SELECT ${column} AS day, COUNT(*) AS n FROM ${table} WHERE ${column} BETWEEN ? AND ? GROUP BY ${column} ORDER BY ${column}`, [from, to],
  );
  const days = new Map(counts.map((row) => [dateOf(row.day)!, Number(row.n)]));
  if (days.size === 0) return { days, ids: [] };
  const parts = [...days.keys()].map((_, n) => `SELECT * FROM (SELECT id FROM ${table} WHERE ${column} = ? ORDER BY ${column}, ${within} LIMIT ${first}) AS bounded_day${n}`);
  const ids: Array<{ id: string }> = await dataSource.query(parts.join(' UNION ALL '), [...days.keys()]);
  return { days, ids: ids.map((row) => row.id) };
}

/** A date column as the driver returns it (a string on SQLite, a Date on MariaDB): YYYY-MM-DD. */
export function dateOf(value: string | Date | null): string | null {
  if (value === null) return null;
  return value instanceof Date ? value.toISOString().slice(0, 10) : String(value).slice(0, 10);
}
