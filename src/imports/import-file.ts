import { ValidationError } from '../common/domain-errors';
import { Problem, term } from '../common/problems';
import { RegisterColumn } from '../register-file/register-columns';
import { columnLetter, looksLikeFormula } from '../register-file/register-cells';
import { FileProblem, ReadSheet, UploadedSpreadsheet } from '../register-file/spreadsheet-reader';
import { readSpreadsheetOffThread } from '../register-file/spreadsheet-thread';
import { MAX_IMPORT_BYTES, MAX_IMPORT_ROWS, MAX_LISTED_PROBLEMS } from './import-result';

/** The uploaded file read as a sheet, or a 400 saying why not (missing, too large, unreadable). */
export async function readImportFile(file: UploadedSpreadsheet | undefined): Promise<ReadSheet> {
  if (!file || !file.buffer) throw new ValidationError({ field: 'file', code: 'import-file-missing' });
  if (file.buffer.length > MAX_IMPORT_BYTES) throw new ValidationError({ field: 'file', code: 'import-file-too-large', params: { max: MAX_IMPORT_BYTES / 1024 / 1024 } });
  try {
    return await readSpreadsheetOffThread(file);
  } catch (error) {
    if (error instanceof FileProblem) throw new ValidationError({ field: 'file', code: error.code, params: error.params });
    throw error;
  }
}

/**
 * The sheet's rows as a whole: some, not too many, and no formula anywhere. Formula injection
 * refuses the whole file, dry run or not: such a file should not travel further.
 */
export function checkRows(sheet: ReadSheet, columns: Array<RegisterColumn | null>): void {
  if (sheet.rows.length === 0) throw new ValidationError({ field: 'file', code: 'import-no-rows' });
  if (sheet.rows.length > MAX_IMPORT_ROWS) throw new ValidationError({ field: 'file', code: 'import-too-many-rows', params: { count: sheet.rows.length, max: MAX_IMPORT_ROWS } });
  const problems: Problem[] = [];
  for (const row of sheet.rows) {
    row.cells.forEach((cell, index) => {
      if (problems.length < MAX_LISTED_PROBLEMS && cell !== '' && looksLikeFormula(cell, columns[index] ?? undefined)) {
        problems.push({ code: 'import-formula-cell', params: { row: row.number, column: sheet.header[index] || columnLetter(index + 1), reason: term('importError.formula') } });
      }
    });
  }
  if (problems.length > 0) throw new ValidationError(problems);
}
