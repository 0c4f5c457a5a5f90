import { REGISTER_COLUMNS, RegisterColumn } from '../register-file/register-columns';
import { Problem } from '../common/problems';
import { columnLetter } from '../register-file/register-cells';

/** How the columns are called: every name a header may use (id, ja, en), and the caller's own. */
export interface ColumnNames {
  accepted(column: RegisterColumn): string[];
  label(column: RegisterColumn): string;
}

/**
 * Header cell → column: the ja or en header (a "[…]" hint after it is ignored), the column id or a
 * header an earlier version wrote,
 * compared width-folded and case-blind. Blank header cells are columns the import skips. Problems:
 * an unknown or repeated header, and no name column.
 */
export function mapHeader(header: string[], names: ColumnNames): { columns: Array<RegisterColumn | null>; problems: Problem[] } {
  const lookup = new Map<string, RegisterColumn>();
  for (const column of REGISTER_COLUMNS) for (const text of [...names.accepted(column), ...(column.formerHeaders ?? [])]) lookup.set(normaliseHeader(text), column);
  const problems: Problem[] = [];
  const seen = new Map<string, number>();
  const columns = header.map((text, index) => {
    if (text === '') return null;
    const column = lookup.get(normaliseHeader(text));
    if (!column) {
      problems.push({ field: 'file', code: 'import-unknown-header', params: { header: text, column: columnLetter(index + 1) } });
      return null;
    }
    if (seen.has(column.id)) problems.push({ field: 'file', code: 'import-duplicate-header', params: { header: text, column: columnLetter(index + 1) } });
    seen.set(column.id, index);
    return column;
  });
  const name = REGISTER_COLUMNS.find((column) => column.id === 'name')!;
  if (!seen.has(name.id)) problems.push({ field: 'file', code: 'import-missing-header', params: { header: names.label(name) } });
  return { columns, problems };
}

/** Header text as compared: width-folded (NFKC), lower-case, without a trailing "[…]" hint. */
export function normaliseHeader(text: string): string {
  return text.normalize('NFKC').replace(/\s*\[[^\]]*\]\s*$/, '').replace(/\s+/g, ' ').trim().toLowerCase();
}

/** The column's header as the file has it (without its hint), to name it in a problem. */
export function headerOf(column: RegisterColumn, columns: Array<RegisterColumn | null>, header: string[]): string {
  const index = columns.indexOf(column);
  return index >= 0 ? header[index].replace(/\s*\[[^\]]*\]\s*$/, '') : column.id;
}
