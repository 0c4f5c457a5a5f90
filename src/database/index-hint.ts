import { DataSource } from 'typeorm';

/**
 * The index a walk in a list's order must take, after the table's alias: each planner otherwise may
 * prefer another index that also narrows the rows and then sort every match (SQLite `INDEXED BY`,
 * MySQL/MariaDB `FORCE INDEX`).
 */
export function indexHint(dataSource: DataSource, index: string): string {
  return dataSource.options.type === 'better-sqlite3' ? `INDEXED BY ${index}` : `FORCE INDEX (${index})`;
}
