import { parentPort } from 'node:worker_threads';
import { FileProblem, readSpreadsheet, UploadedSpreadsheet } from '../imports/spreadsheet-reader';

/**
 * The worker thread that reads uploaded spreadsheets (see spreadsheet-thread.ts): one file at a time,
 * the rows or the problem posted back as plain data.
 */
parentPort?.on('message', async (file: UploadedSpreadsheet) => {
  try {
    const sheet = await readSpreadsheet({ ...file, buffer: Buffer.from(file.buffer) });
    parentPort?.postMessage({ sheet });
  } catch (error) {
    if (error instanceof FileProblem) parentPort?.postMessage({ problem: { key: error.key, params: error.params } });
    else parentPort?.postMessage({ failure: error instanceof Error ? error.message : String(error) });
  }
});
