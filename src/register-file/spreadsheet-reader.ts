import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import iconv from 'iconv-lite';
import type { ErrorCode } from '../common/error-codes';
import { decideEncoding, EncodingProblem } from './text-encoding';
import { ArchiveProblem, MAX_UNPACKED_BYTES, repackedWorkbook } from './xlsx-archive';

/** An uploaded file as multer (or an admin-UI page) hands it over. */
export interface UploadedSpreadsheet {
  buffer: Buffer;
  originalname: string;
  mimetype?: string;
}

export type SpreadsheetFormat = 'csv' | 'xlsx';
export type TextEncoding = 'utf-8' | 'utf-8-bom' | 'shift_jis' | 'utf-16le';

export interface SheetRow {
  /** The row number the spreadsheet application shows (the header is row 1). */
  number: number;
  cells: string[];
}

export interface ReadSheet {
  format: SpreadsheetFormat;
  /** CSV only: how the text was encoded. */
  encoding: TextEncoding | null;
  header: string[];
  /** Data rows that have at least one non-blank cell. */
  rows: SheetRow[];
}

/** A problem with the file as a whole: its code (a 400 that names it) and the values its message shows. */
export class FileProblem extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly params: Record<string, string | number> = {},
  ) {
    super(code);
  }
}

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const OLE_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0]); // legacy .xls (and other Office 97 files)

/**
 * Reads a CSV (UTF-8 with or without BOM, Shift_JIS/CP932 as Excel in Japan writes it, or UTF-16 with
 * BOM) or the first worksheet of an .xlsx into rows of cell texts. Knows nothing of vendors.
 */
export async function readSpreadsheet(file: UploadedSpreadsheet): Promise<ReadSheet> {
  const { buffer } = file;
  if (buffer.length === 0) throw new FileProblem('import-empty');
  if (buffer.subarray(0, 4).equals(ZIP_MAGIC)) return readXlsx(buffer);
  if (buffer.subarray(0, 4).equals(OLE_MAGIC)) throw new FileProblem('import-legacy-xls');
  if (/\.xlsx$/i.test(file.originalname)) throw new FileProblem('import-unreadable-xlsx');
  return readCsv(buffer);
}

export function decodeText(buffer: Buffer): { text: string; encoding: TextEncoding } {
  try {
    return decideEncoding(buffer);
  } catch (error) {
    if (!(error instanceof EncodingProblem)) throw error;
    if (error.reason === 'replacement-character') throw new FileProblem('import-replacement-character', { row: error.row });
    throw new FileProblem('import-undecodable', { row: error.row, byte: error.byte });
  }
}

function readCsv(buffer: Buffer): ReadSheet {
  // Binary content (an image, a PDF) is "not a spreadsheet", before its bytes are judged as text.
  const utf16 = buffer[0] === 0xff && buffer[1] === 0xfe;
  if (!utf16 && buffer.subarray(0, 64 * 1024).some((byte) => byte <= 0x08 || (byte >= 0x0e && byte <= 0x1a))) throw new FileProblem('import-not-spreadsheet');
  const { text, encoding } = decodeText(buffer);
  // NUL or other control bytes do not occur in a spreadsheet's text: an image, a PDF, a zip …
  if (/[\u0000-\u0008\u000e-\u001a]/.test(text.slice(0, 64 * 1024))) throw new FileProblem('import-not-spreadsheet');
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  // "Unicode text" from Excel is tab-separated.
  const delimiter = firstLine.includes('\t') && !firstLine.includes(',') ? '\t' : ',';
  let records: string[][];
  try {
    records = parse(text, { delimiter, relax_column_count: true, skip_empty_lines: false, bom: true }) as string[][];
  } catch (error) {
    const { lines, message } = error as { lines?: number; message?: string };
    throw new FileProblem('import-csv-syntax', { line: lines ?? 0, detail: String(message ?? '').slice(0, 200) });
  }
  return toSheet('csv', encoding, records.map((cells, index) => ({ number: index + 1, cells })));
}

async function readXlsx(buffer: Buffer): Promise<ReadSheet> {
  let archive;
  try {
    archive = await repackedWorkbook(buffer);
  } catch (error) {
    if (!(error instanceof ArchiveProblem)) throw error;
    if (error.reason === 'too-large') throw new FileProblem('import-too-large-unpacked', { max: MAX_UNPACKED_BYTES / 1024 / 1024 });
    throw new FileProblem('import-unreadable-xlsx');
  }
  // The streaming reader keeps cell texts, not a workbook model (a tenth of the memory of load()).
  const rows: SheetRow[] = [];
  let sheets = 0;
  try {
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(archive, { sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', worksheets: 'emit', entries: 'ignore' });
    for await (const sheet of reader) {
      sheets += 1;
      for await (const row of sheet as unknown as AsyncIterable<ExcelJS.Row>) {
        const values = row.values as ExcelJS.CellValue[];
        // row.values is 1-based and sparse (index 0 and blank cells are holes).
        rows.push({ number: row.number, cells: Array.from(values.slice(1), (value) => cellText(value)) });
      }
    }
  } catch {
    throw new FileProblem('import-unreadable-xlsx');
  }
  if (sheets === 0) throw new FileProblem('import-empty');
  return toSheet('xlsx', null, rows);
}

function toSheet(format: SpreadsheetFormat, encoding: TextEncoding | null, all: SheetRow[]): ReadSheet {
  const first = all.findIndex((row) => row.cells.some((cell) => cell.trim() !== ''));
  if (first < 0) throw new FileProblem('import-empty');
  const header = all[first].cells.map((cell) => cell.replace(/^\uFEFF/, '').trim());
  const rows = all.slice(first + 1).filter((row) => row.cells.some((cell) => cell.trim() !== ''));
  return { format, encoding, header, rows };
}

/** The text a cell shows; a formula is given back as "=…" so the caller refuses it like a typed one. */
export function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  // exceljs reads a date cell as midnight UTC of that calendar day.
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString().slice(0, 10);
  if ('formula' in value || 'sharedFormula' in value) {
    const formula = (value as { formula?: string; sharedFormula?: string }).formula ?? (value as { sharedFormula?: string }).sharedFormula ?? '';
    return `=${formula}`;
  }
  if ('richText' in value) return value.richText.map((run) => run.text).join('');
  if ('hyperlink' in value) {
    const text = (value as { text?: unknown }).text;
    return typeof text === 'string' ? text : text && typeof text === 'object' && 'richText' in text ? (text as ExcelJS.CellRichTextValue).richText.map((run) => run.text).join('') : '';
  }
  if ('error' in value) return String(value.error);
  return '';
}
