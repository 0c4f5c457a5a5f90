import { ValidationError } from '../common/domain-errors';
import { Problem, term } from '../common/problems';
import { CellReason } from '../register-file/register-cells';
import { Locale } from '../i18n/locale';
import { MessageKey } from '../i18n/messages';
import { SpreadsheetFormat, TextEncoding } from '../register-file/spreadsheet-reader';

/** What one import may hold. */
export const MAX_IMPORT_BYTES = 10 * 1024 * 1024;
export const MAX_IMPORT_ROWS = 20_000;
/** Problems listed in one 400 at most (the report carries all of them). */
export const MAX_LISTED_PROBLEMS = 100;

/** A catalogue message in the caller's language. */
export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

export interface ImportOptions {
  /** Report what would happen, write nothing. */
  dryRun: boolean;
  /** The language of the reasons (the caller's). */
  locale: Locale;
}

export type ImportAction = 'create' | 'update' | 'unchanged';

export interface ImportProblem {
  /** The row number the spreadsheet application shows (the header is row 1). */
  row: number;
  /** Column id (README "Bulk import and export"), or "" for the row as a whole. */
  column: string;
  /** The column's header as the file has it. */
  header: string;
  value: string;
  /** Why, in the caller's language. */
  reason: string;
}

export interface ImportRowResult {
  row: number;
  vendor: { action: ImportAction; id: string | null; name: string };
  contract: { action: ImportAction; id: string | null; title: string } | null;
}

export interface ImportCounts {
  created: number;
  updated: number;
  unchanged: number;
}

/** What an import did (or, in a dry run, would do): a plain object for the API and the admin-UI page. */
export interface ImportResult {
  dryRun: boolean;
  /** True only when a real run committed its changes. */
  written: boolean;
  file: { name: string; format: SpreadsheetFormat; encoding: TextEncoding | null };
  /** Data rows read (blank rows are skipped). */
  rows: number;
  vendors: ImportCounts;
  contracts: ImportCounts;
  errors: ImportProblem[];
  items: ImportRowResult[];
}

/** A problem found while planning, with its reason as a catalogue message (for the 400's messages). */
export interface PlannedProblem extends ImportProblem {
  cause: CellReason;
}

/** A real run refused because of row errors: nothing was written. Carries the full report for a page. */
export class ImportRejectedError extends ValidationError {
  constructor(readonly result: ImportResult, problems: Problem[]) {
    super(problems);
  }
}

/** The problems as the 400's: "row 3, column "value": reason", the first MAX_LISTED_PROBLEMS. */
export function rowRefusals(problems: PlannedProblem[]): Problem[] {
  return problems.slice(0, MAX_LISTED_PROBLEMS).map((problem): Problem => {
    const reason = term(problem.cause.key, problem.cause.params);
    return problem.column
      ? { code: 'import-row', params: { row: problem.row, column: problem.header, value: problem.value, reason } }
      : { code: 'import-row-whole', params: { row: problem.row, reason } };
  });
}

export function countActions(actions: ImportAction[]): ImportCounts {
  return {
    created: actions.filter((action) => action === 'create').length,
    updated: actions.filter((action) => action === 'update').length,
    unchanged: actions.filter((action) => action === 'unchanged').length,
  };
}
