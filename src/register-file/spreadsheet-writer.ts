import ExcelJS from 'exceljs';
import { stringify } from 'csv-stringify/sync';
import { once } from 'node:events';
import { ServerResponse } from 'node:http';
import { PassThrough, pipeline, Readable } from 'node:stream';
import { setImmediate as nextTurn } from 'node:timers/promises';

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

/** A table whose rows come one at a time (the whole register): written as they come, never held whole. */
export interface StreamedTable {
  sheetName: string;
  header: string[];
  rows: AsyncIterable<OutCell[]>;
}

/** A file produced while it is sent: its bytes flow as the rows are read. */
export interface ExportStream {
  fileName: string;
  contentType: string;
  body: Readable;
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

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
/** Rows turned into CSV (or committed to the .xlsx) at a time, between which the event loop turns. */
const ROWS_PER_CHUNK = 500;
/** Rows whose text sets the .xlsx columns' widths. */
const WIDTH_SAMPLE = 200;

/** CSV lines as Excel reads them: CRLF line ends, booleans TRUE/FALSE, every cell neutralised. */
function csvText(rows: OutCell[][]): string {
  return stringify(rows.map((row) => row.map((cell) => neutralise(cell))), {
    record_delimiter: 'windows',
    cast: { boolean: (value: boolean) => (value ? 'TRUE' : 'FALSE') },
  });
}

/** CSV as Excel opens it correctly: UTF-8 with a BOM, CRLF line ends, every cell neutralised. */
export function toCsv(table: Table): Buffer {
  return Buffer.concat([BOM, Buffer.from(csvText([table.header, ...table.rows]), 'utf8')]);
}

/**
 * A table streamed as CSV or .xlsx: the first bytes leave at once, rows follow as they are read
 * (with the client's pace: a slow download pauses the reading), and memory stays that of a chunk of rows.
 */
export function streamTable(format: ExportFormat, table: StreamedTable, baseName: string): ExportStream {
  if (format === 'xlsx') return { fileName: `${baseName}.xlsx`, contentType: CONTENT_TYPES.xlsx, body: xlsxStream(table) };
  return { fileName: `${baseName}.csv`, contentType: CONTENT_TYPES.csv, body: Readable.from(csvChunks(table)) };
}

async function* csvChunks(table: StreamedTable): AsyncGenerator<Buffer> {
  yield Buffer.concat([BOM, Buffer.from(csvText([table.header]), 'utf8')]);
  let chunk: OutCell[][] = [];
  for await (const row of table.rows) {
    chunk.push(row);
    if (chunk.length < ROWS_PER_CHUNK) continue;
    yield Buffer.from(csvText(chunk), 'utf8');
    chunk = [];
  }
  if (chunk.length > 0) yield Buffer.from(csvText(chunk), 'utf8');
}

/**
 * exceljs's streaming writer: each row is committed to the zip as it comes. Without shared strings
 * (text is written in the cells), so nothing grows with the number of rows; exceljs's in-memory
 * writer also garbles long Japanese shared-string tables (U+FFFD where a character straddles its
 * chunks), which a workbook read back after export must never show.
 */
function xlsxStream(table: StreamedTable): Readable {
  const output = new PassThrough();
  const write = async () => {
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: output, useStyles: true, useSharedStrings: false });
    workbook.creator = 'Vendor Oversight';
    const sheet = workbook.addWorksheet(safeSheetName(table.sheetName), { views: [{ state: 'frozen', ySplit: 1 }] });
    const rows = table.rows[Symbol.asyncIterator]();
    // Widths are written before the first row: they come from the first rows.
    const sample: OutCell[][] = [];
    while (sample.length < WIDTH_SAMPLE) {
      const next = await rows.next();
      if (next.done) break;
      sample.push(next.value);
    }
    table.header.forEach((title, index) => (sheet.getColumn(index + 1).width = columnWidth(title, sample, index)));
    const header = sheet.addRow(table.header.map((cell) => neutralise(cell)));
    header.font = { bold: true };
    header.commit();
    let written = 0;
    const add = async (row: OutCell[]) => {
      sheet.addRow(row.map((cell) => neutralise(cell))).commit();
      written += 1;
      if (written % ROWS_PER_CHUNK !== 0) return;
      // The client's pace: while the response is full, no more rows are read. Otherwise one turn of the
      // event loop: the zip's compression (zlib, off-thread) and the response move on only then, and
      // reads that answer synchronously (SQLite) would otherwise keep the loop to themselves.
      if (output.writableNeedDrain) await once(output, 'drain');
      else await nextTurn();
      await zipTaken(sheet, output);
    };
    for (const row of sample) await add(row);
    for (let next = await rows.next(); !next.done; next = await rows.next()) await add(next.value);
    sheet.commit();
    await workbook.commit();
  };
  write().catch((error: unknown) => output.destroy(error instanceof Error ? error : new Error(String(error))));
  return output;
}

/**
 * Waits until the zip has taken the sheet's bytes. exceljs 4.4 hands a worksheet's XML to the zip
 * (archiver, through a PassThrough) without waiting for it (its StreamBuf ignores write()'s answer),
 * so when rows come faster than they are compressed the XML piles up there (an export of 300,000
 * register rows on its own: 215 MB of RSS; with this wait 62 MB, the same as for 100,000). Waiting
 * for that PassThrough's drain keeps it to its high-water mark (spreadsheet-writer.spec.ts). A response that closes meanwhile ends the wait (the export is then destroyed).
 */
async function zipTaken(sheet: ExcelJS.Worksheet, output: PassThrough): Promise<void> {
  // archiver's PassThrough is readable-stream's (not node:stream's): its state is read the older way.
  const pipes = (sheet as unknown as { stream?: { pipes?: ZipEntryStream[] } }).stream?.pipes ?? [];
  for (const pipe of pipes) {
    if (!pipe._writableState?.needDrain || output.destroyed) continue;
    const closed = new AbortController();
    const onClose = () => closed.abort();
    output.once('close', onClose);
    await once(pipe, 'drain', { signal: closed.signal }).catch(() => undefined);
    output.off('close', onClose);
  }
}

/** What zipTaken reads of the zip's entry stream. */
interface ZipEntryStream extends NodeJS.EventEmitter {
  _writableState?: { needDrain?: boolean };
}

function columnWidth(title: string, rows: OutCell[][], index: number): number {
  const longest = Math.max(title.length, ...rows.map((row) => String(row[index] ?? '').length));
  return Math.min(60, Math.max(10, longest * 1.6));
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
    table.header.forEach((title, index) => (sheet.getColumn(index + 1).width = columnWidth(title, table.rows.slice(0, WIDTH_SAMPLE), index)));
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

/**
 * Sends a file as a download on an Express response: a buffer at once, a stream as it is produced
 * (a failure half-way aborts the download: the client never takes a cut file for a whole one).
 */
export function sendFile(response: ServerResponse & { setHeader(name: string, value: string): unknown }, file: ExportFile | ExportStream): void {
  response.setHeader('Content-Type', file.contentType);
  response.setHeader('Content-Disposition', `attachment; filename="${file.fileName}"`);
  if (Buffer.isBuffer(file.body)) {
    response.end(file.body);
    return;
  }
  pipeline(file.body, response, () => undefined);
}
