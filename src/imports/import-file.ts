import { ValidationError } from '../common/domain-errors';
import { RegisterColumn } from '../register-file/register-columns';
import { columnLetter, looksLikeFormula } from '../register-file/register-cells';
import { FileProblem, ReadSheet, UploadedSpreadsheet } from '../register-file/spreadsheet-reader';
import { readSpreadsheetOffThread } from '../register-file/spreadsheet-thread';
import { MAX_IMPORT_BYTES, MAX_IMPORT_ROWS, MAX_LISTED_PROBLEMS, Translate } from './import-result';

/** The uploaded file read as a sheet, or a 400 saying why not (missing, too large, unreadable). */
export async function readImportFile(file: UploadedSpreadsheet | undefined, t: Translate): Promise<ReadSheet> {
  if (!file || !file.buffer) throw new ValidationError([t('importError.fileMissing')]);
  if (file.buffer.length > MAX_IMPORT_BYTES) throw new ValidationError([t('importError.fileTooLarge', { max: MAX_IMPORT_BYTES / 1024 / 1024 })]);
  try {
    return await readSpreadsheetOffThread(file);
  } catch (error) {
    if (error instanceof FileProblem) throw new ValidationError([t(error.key, error.params)]);
    throw error;
  }
}

/**
 * The sheet's rows as a whole: some, not too many, and no formula anywhere. Formula injection
 * refuses the whole file, dry run or not: such a file should not travel further.
 */
export function checkRows(sheet: ReadSheet, columns: Array<RegisterColumn | null>, t: Translate): void {
  if (sheet.rows.length === 0) throw new ValidationError([t('importError.noRows')]);
  if (sheet.rows.length > MAX_IMPORT_ROWS) throw new ValidationError([t('importError.tooManyRows', { count: sheet.rows.length, max: MAX_IMPORT_ROWS })]);
  const problems: string[] = [];
  for (const row of sheet.rows) {
    row.cells.forEach((cell, index) => {
      if (problems.length < MAX_LISTED_PROBLEMS && cell !== '' && looksLikeFormula(cell, columns[index] ?? undefined)) {
        problems.push(t('importError.formulaCell', { row: row.number, column: sheet.header[index] || columnLetter(index + 1), reason: t('importError.formula') }));
      }
    });
  }
  if (problems.length > 0) throw new ValidationError(problems);
}
