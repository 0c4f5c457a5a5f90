import { streamTable } from './spreadsheet-writer';

const ROWS = 60_000;

/** A register row of about 300 bytes of sheet XML, mostly Japanese. */
function row(index: number) {
  return [`株式会社テスト委託先${index}`, '7000012050002', 'JP', 'シンガポール;日本', '保守・運用・データセンター', `取扱データ区分${index % 7}`, index, index % 2 === 0, '2026-01-01', 'メモ'.repeat(20)];
}

describe('the streamed .xlsx export', () => {
  it('reads rows no faster than the zip compresses them (the sheet XML never piles up in memory)', async () => {
    let yielded = 0;
    async function* rows() {
      for (let index = 0; index < ROWS; index += 1) {
        yielded += 1;
        yield row(index);
      }
    }
    const body = streamTable('xlsx', { sheetName: 'register', header: Array.from({ length: 10 }, (_, index) => `h${index}`), rows: rows() }, 'register').body;
    // For each chunk of the file read at full speed: how many rows had been read from the database by then.
    const seen: Array<{ bytes: number; yielded: number }> = [];
    let bytes = 0;
    for await (const chunk of body) {
      bytes += (chunk as Buffer).length;
      seen.push({ bytes, yielded });
    }
    expect(yielded).toBe(ROWS);
    // Rows compressed so far, estimated from the bytes out; the rows read ahead of them wait in memory.
    const rowsPerByte = ROWS / bytes;
    const ahead = Math.max(...seen.map((point) => point.yielded - point.bytes * rowsPerByte));
    // Bounded by the buffers between the sheet and the zip (a few hundred KB: 1,000–3,000 rows here);
    // without waiting for the zip, tens of thousands of rows are read ahead.
    expect(ahead).toBeLessThan(8_000);
  });
});
