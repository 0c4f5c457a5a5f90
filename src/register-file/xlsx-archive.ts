import type { Readable } from 'node:stream';
import yauzl from 'yauzl';
import yazl from 'yazl';

/**
 * What an uploaded .xlsx may unpack to, in total. Counted on the bytes the inflater actually produces,
 * never taken from the archive's headers: those say whatever the file's author wrote, and a 1 MB file
 * that claims 2 KB can inflate to gigabytes. A 20,000-row register (the import's row limit) unpacks
 * to about 17 MB.
 */
export const MAX_UNPACKED_BYTES = 48 * 1024 * 1024;
/** An .xlsx has a dozen parts; thousands of entries are an attack on the directory walk. */
const MAX_ENTRIES = 1_000;

export class ArchiveProblem extends Error {
  constructor(readonly reason: 'unreadable' | 'too-large') {
    super(reason);
  }
}

/** The parts the spreadsheet reader needs, in the order it wants them (its shared strings before any sheet). */
const PARTS = ['[Content_Types].xml', '_rels/.rels', 'xl/_rels/workbook.xml.rels', 'xl/workbook.xml', 'xl/sharedStrings.xml', 'xl/styles.xml'];
const WORKSHEET = /^xl\/worksheets\/sheet(\d+)\.xml$/;

/**
 * Inflates every entry of an .xlsx under one hard cap on the bytes produced (an entry that inflates
 * to another size than its header declares is refused as damaged), then re-packs the parts that the
 * spreadsheet reader needs — the workbook, shared strings, styles and the first worksheet — into a
 * new zip. The spreadsheet library therefore inflates only what was counted here, and reads exactly
 * the entries counted here (a zip can be read in more than one way: by its central directory, as here,
 * or by scanning local headers, as a streaming reader does; a re-packed archive has only one reading).
 * Memory: at most `limit` bytes of inflated parts, whatever the archive claims.
 */
export async function repackedWorkbook(buffer: Buffer, limit = MAX_UNPACKED_BYTES): Promise<Readable> {
  const parts = await inflateWithinLimit(buffer, limit);
  const sheets = [...parts.keys()]
    .map((name) => ({ name, number: Number(WORKSHEET.exec(name)?.[1] ?? NaN) }))
    .filter((sheet) => Number.isInteger(sheet.number))
    .sort((a, b) => a.number - b.number);
  const zip = new yazl.ZipFile();
  for (const name of [...PARTS, ...sheets.slice(0, 1).map((sheet) => sheet.name)]) {
    const content = parts.get(name);
    // Deflated (quickly): the streaming reader's unzipper buffers stored entries badly (hundreds of MB).
    if (content) zip.addBuffer(asciiXml(content), name, { compressionLevel: 1 });
  }
  zip.end();
  return zip.outputStream as unknown as Readable;
}

/**
 * The XML part with every non-ASCII character written as a character reference (株 → &#x682a;),
 * which XML reads as the same character. exceljs's streaming reader decodes each chunk of a part on
 * its own (utils/parse-sax.js), so a character whose UTF-8 bytes straddle two chunks came out as
 * U+FFFD ("���式会社…"); ASCII has no bytes to split. xlsx parts are UTF-8 (ECMA-376), and non-ASCII
 * occurs only in text and attribute values, where references are valid.
 */
function asciiXml(content: Buffer): Buffer {
  if (!content.some((byte) => byte >= 0x80)) return content;
  return Buffer.from(content.toString('utf8').replace(/[^\x00-\x7f]/gu, (character) => `&#x${character.codePointAt(0)!.toString(16)};`), 'latin1');
}

function inflateWithinLimit(buffer: Buffer, limit: number): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    let settled = false;
    let archive: yauzl.ZipFile | undefined;
    const fail = (reason: ArchiveProblem['reason']) => {
      if (settled) return;
      settled = true;
      archive?.close();
      reject(new ArchiveProblem(reason));
    };
    yauzl.fromBuffer(buffer, { lazyEntries: true, validateEntrySizes: false, decodeStrings: true, strictFileNames: false }, (openError, zip) => {
      if (openError || !zip) return fail('unreadable');
      archive = zip;
      if (zip.entryCount > MAX_ENTRIES) return fail('unreadable');
      const parts = new Map<string, Buffer>();
      let inflated = 0;
      zip.on('error', () => fail('unreadable'));
      zip.on('end', () => {
        if (settled) return;
        settled = true;
        resolve(parts);
      });
      zip.on('entry', (entry: yauzl.Entry) => {
        if (settled) return;
        if (entry.fileName.endsWith('/')) return zip.readEntry();
        // A declared size over the cap is refused before inflating anything.
        if (entry.uncompressedSize > limit - inflated) return fail('too-large');
        zip.openReadStream(entry, (streamError, stream) => {
          if (streamError || !stream) return fail('unreadable');
          const keep = PARTS.includes(entry.fileName) || WORKSHEET.test(entry.fileName);
          const chunks: Buffer[] = [];
          let size = 0;
          stream.on('data', (chunk: Buffer) => {
            size += chunk.length;
            inflated += chunk.length;
            if (inflated > limit) {
              stream.destroy();
              return fail('too-large');
            }
            if (keep) chunks.push(chunk);
          });
          // A bad deflate stream, or data beyond the archive.
          stream.on('error', () => fail('unreadable'));
          stream.on('end', () => {
            if (settled) return;
            if (size !== entry.uncompressedSize) return fail('unreadable');
            if (keep) parts.set(entry.fileName, Buffer.concat(chunks));
            zip.readEntry();
          });
        });
      });
      zip.readEntry();
    });
  });
}
