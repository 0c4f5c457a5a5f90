import { parentPort } from 'node:worker_threads';
import { FileProblem, readSpreadsheet, UploadedSpreadsheet } from './spreadsheet-reader';

/** Rows per message: each message is deserialised on the request thread in one go, so keep them small. */
const ROWS_PER_MESSAGE = 500;

/**
 * The worker thread that reads uploaded spreadsheets (see spreadsheet-thread.ts): one file at a time,
 * the rows (in batches) and then the sheet, or the problem, posted back as plain data.
 */
parentPort?.on('message', async (file: UploadedSpreadsheet) => {
  try {
    const { rows, ...sheet } = await readSpreadsheet({ ...file, buffer: Buffer.from(file.buffer) });
    for (let start = 0; start < rows.length; start += ROWS_PER_MESSAGE) parentPort?.postMessage({ rows: rows.slice(start, start + ROWS_PER_MESSAGE) });
    parentPort?.postMessage({ sheet });
  } catch (error) {
    if (error instanceof FileProblem) parentPort?.postMessage({ problem: { code: error.code, params: error.params } });
    else parentPort?.postMessage({ failure: error instanceof Error ? error.message : String(error) });
  }
});
