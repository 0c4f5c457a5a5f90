import ExcelJS from 'exceljs';
import { stringify } from 'csv-stringify/sync';

export type OutCell = string | number | boolean | null;

/** One sheet of an export: a header row and data rows. Knows nothing of vendors. */
export interface Table {
  sheetName: string;
  header: string[];
  rows: OutCell[][];
}

export type ExportFormat = 'csv' | 'xlsx';
export const EXPORT_FORMATS: readonly ExportFormat[] = ['csv', 'xlsx'];

export interface ExportFile {
  fileName: string;
  contentType: string;
  body: Buffer;
}

export const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/**
 * OWASP "CSV injection": text that starts with =, +, -, @, tab or carriage return is prefixed with a
 * single quote, so the spreadsheet application that opens the export shows it instead of running it.
 */
export function neutralise(cell: OutCell): OutCell {
  if (typeof cell !== 'string') return cell;
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}

/** CSV as Excel opens it correctly: UTF-8 with a BOM, CRLF line ends, every cell neutralised. */
export function toCsv(table: Table): Buffer {
  const text = stringify([table.header, ...table.rows].map((row) => row.map((cell) => neutralise(cell))), {
    record_delimiter: 'windows',
    cast: { boolean: (value: boolean) => (value ? 'TRUE' : 'FALSE') },
  });
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
}

/** An .xlsx workbook, one worksheet per table; text cells are written as text (never as formulas) and neutralised. */
export async function toXlsx(tables: Table[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Vendor Oversight';
  for (const table of tables) {
    const sheet = workbook.addWorksheet(safeSheetName(table.sheetName), { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.addRow(table.header.map((cell) => neutralise(cell)));
    sheet.getRow(1).font = { bold: true };
    for (const row of table.rows) sheet.addRow(row.map((cell) => neutralise(cell)));
    table.header.forEach((title, index) => {
      const longest = Math.max(title.length, ...table.rows.slice(0, 200).map((row) => String(row[index] ?? '').length));
      sheet.getColumn(index + 1).width = Math.min(60, Math.max(10, longest * 1.6));
    });
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export async function renderTables(format: ExportFormat, tables: Table[], baseName: string): Promise<ExportFile> {
  if (format === 'xlsx') return { fileName: `${baseName}.xlsx`, contentType: CONTENT_TYPES.xlsx, body: await toXlsx(tables) };
  return { fileName: `${baseName}.csv`, contentType: CONTENT_TYPES.csv, body: toCsv(tables[0]) };
}

/** Excel's limits on sheet names: 31 characters, none of []:*?/\ */
function safeSheetName(name: string): string {
  return name.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31) || 'Sheet1';
}
