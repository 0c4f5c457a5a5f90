import { constants, crc32, deflateRawSync } from 'node:zlib';

/**
 * Hand-made zip archives for attacking the .xlsx reader: every header field can lie. A real zip
 * library would refuse to write most of these, which is the point.
 */
export interface ZipEntrySpec {
  name: string;
  /** The bytes as stored in the archive (raw deflate when method is 8). */
  stored: Buffer;
  method: 0 | 8;
  /** What the headers claim the entry unpacks to (the truth, unless a test lies). */
  declaredSize: number;
  crc: number;
  /** What the local header claims, when it should differ from the central directory. */
  localDeclaredSize?: number;
}

/** An entry whose headers tell the truth. */
export function honestEntry(name: string, content: Buffer, method: 0 | 8 = 8): ZipEntrySpec {
  return { name, stored: method === 8 ? deflateRawSync(content) : content, method, declaredSize: content.length, crc: crc32(content) };
}

/**
 * A "zip bomb" entry: `megabytes` of zeros, deflated (about 1,000:1). Built in 1 MB steps so the test
 * never holds the inflated bytes itself.
 */
export function bombPayload(megabytes: number): { stored: Buffer; size: number; crc: number } {
  const chunk = Buffer.alloc(1024 * 1024, 0x20);
  // Independent raw-deflate runs ending in a sync flush concatenate into one valid stream; the last,
  // empty one carries the final block.
  const parts: Buffer[] = [];
  let crc = 0;
  for (let index = 0; index < megabytes; index += 1) {
    parts.push(deflateRawSync(chunk, { level: 9, finishFlush: constants.Z_SYNC_FLUSH }));
    crc = crc32(chunk, crc);
  }
  parts.push(deflateRawSync(Buffer.alloc(0)));
  return { stored: Buffer.concat(parts), size: megabytes * 1024 * 1024, crc };
}

/** Writes a zip with the given entries; nothing is checked. `prefix` bytes may precede it (offsets then lie). */
export function writeZip(entries: ZipEntrySpec[], options: { prefix?: Buffer; shiftOffsets?: number } = {}): Buffer {
  const prefix = options.prefix ?? Buffer.alloc(0);
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = prefix.length;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(entry.method, 8);
    local.writeUInt32LE(entry.crc >>> 0, 14);
    local.writeUInt32LE(entry.stored.length, 18);
    local.writeUInt32LE((entry.localDeclaredSize ?? entry.declaredSize) >>> 0, 22);
    local.writeUInt16LE(name.length, 26);
    locals.push(local, name, entry.stored);
    const record = Buffer.alloc(46);
    record.writeUInt32LE(0x02014b50, 0);
    record.writeUInt16LE(20, 4);
    record.writeUInt16LE(20, 6);
    record.writeUInt16LE(0x0800, 8);
    record.writeUInt16LE(entry.method, 10);
    record.writeUInt32LE(entry.crc >>> 0, 16);
    record.writeUInt32LE(entry.stored.length, 20);
    record.writeUInt32LE(entry.declaredSize >>> 0, 24);
    record.writeUInt16LE(name.length, 28);
    record.writeUInt32LE((offset - (options.shiftOffsets ?? 0)) >>> 0, 42);
    central.push(record, name);
    offset += 30 + name.length + entry.stored.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE((offset - (options.shiftOffsets ?? 0)) >>> 0, 16);
  return Buffer.concat([prefix, ...locals, directory, end]);
}

/** The entries of a (well-formed) zip, inflated: the material the attacks are built from. */
export async function readZipEntries(zip: Buffer): Promise<Array<{ name: string; content: Buffer }>> {
  const yauzl = await import('yauzl');
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(zip, { lazyEntries: true }, (error, archive) => {
      if (error || !archive) return reject(error);
      const entries: Array<{ name: string; content: Buffer }> = [];
      archive.on('entry', (entry: import('yauzl').Entry) => {
        archive.openReadStream(entry, (streamError, stream) => {
          if (streamError || !stream) return reject(streamError);
          const chunks: Buffer[] = [];
          stream.on('data', (chunk: Buffer) => chunks.push(chunk));
          stream.on('end', () => {
            entries.push({ name: entry.fileName, content: Buffer.concat(chunks) });
            archive.readEntry();
          });
        });
      });
      archive.on('end', () => resolve(entries));
      archive.on('error', reject);
      archive.readEntry();
    });
  });
}
