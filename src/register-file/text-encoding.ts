import iconv from 'iconv-lite';

export type DecidedEncoding = 'utf-8' | 'utf-8-bom' | 'shift_jis' | 'utf-16le';

/** A text file that is neither valid UTF-8 nor valid CP932, or that holds a replacement character. */
export class EncodingProblem extends Error {
  constructor(
    readonly reason: 'undecodable' | 'replacement-character',
    /** 1-based line of the first bad byte (or of the U+FFFD). */
    readonly row: number,
    /** The bad byte, as 0xNN. */
    readonly byte = '',
  ) {
    super(reason);
  }
}

const REPLACEMENT = '\uFFFD';

/**
 * Decides a CSV's encoding strictly. A BOM decides (and what follows must be valid in it); else valid
 * UTF-8 is UTF-8; else valid CP932 — Microsoft's Shift_JIS, what Excel in Japan saves as "CSV", with
 * ①, ㈱ and the NEC/IBM extensions — is CP932; else the file is refused, naming the line of the first
 * byte that cannot be read (one stray byte in a UTF-8 file is reported where it is, not stored as a
 * whole file of mojibake). A decoded U+FFFD is refused as well: it is what an
 * earlier, lossy conversion left behind, and storing it would make the loss permanent.
 */
export function decideEncoding(buffer: Buffer): { text: string; encoding: DecidedEncoding } {
  let decided: { text: string; encoding: DecidedEncoding };
  if (buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf) {
    const body = buffer.subarray(3);
    const bad = firstInvalidUtf8(body);
    if (bad >= 0) throw undecodable(body, bad);
    decided = { text: body.toString('utf8'), encoding: 'utf-8-bom' };
  } else if (buffer[0] === 0xff && buffer[1] === 0xfe) {
    const body = buffer.subarray(2);
    const bad = firstInvalidUtf16le(body);
    if (bad >= 0) throw undecodable(body, bad);
    decided = { text: iconv.decode(body, 'utf-16le'), encoding: 'utf-16le' };
  } else {
    const utf8 = firstInvalidUtf8(buffer);
    if (utf8 < 0) {
      decided = { text: buffer.toString('utf8'), encoding: 'utf-8' };
    } else {
      const cp932 = firstInvalidCp932(buffer);
      // Valid multi-byte UTF-8 before the bad byte: a UTF-8 file with a stray byte, reported there.
      // Otherwise (ASCII so far) the file is whichever reading got further.
      const meantAsUtf8 = buffer.subarray(0, utf8).some((byte) => byte >= 0x80);
      if (cp932 >= 0) throw undecodable(buffer, meantAsUtf8 ? utf8 : Math.max(utf8, cp932));
      decided = { text: iconv.decode(buffer, 'cp932'), encoding: 'shift_jis' };
    }
  }
  const replacement = decided.text.indexOf(REPLACEMENT);
  if (replacement >= 0) throw new EncodingProblem('replacement-character', lineOfText(decided.text, replacement));
  return decided;
}

function undecodable(buffer: Buffer, at: number): EncodingProblem {
  let line = 1;
  for (let index = 0; index < at; index += 1) if (buffer[index] === 0x0a) line += 1;
  return new EncodingProblem('undecodable', line, `0x${buffer[at].toString(16).toUpperCase().padStart(2, '0')}`);
}

function lineOfText(text: string, at: number): number {
  let line = 1;
  for (let index = text.indexOf('\n'); index >= 0 && index < at; index = text.indexOf('\n', index + 1)) line += 1;
  return line;
}

/** Offset of the first byte that is not well-formed UTF-8 (RFC 3629: no overlongs, no surrogates), or -1. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let index = 0;
  while (index < bytes.length) {
    const lead = bytes[index];
    if (lead < 0x80) {
      index += 1;
      continue;
    }
    let length: number;
    let min: number;
    if (lead >= 0xc2 && lead <= 0xdf) [length, min] = [2, 0x80];
    else if (lead >= 0xe0 && lead <= 0xef) [length, min] = [3, 0x800];
    else if (lead >= 0xf0 && lead <= 0xf4) [length, min] = [4, 0x10000];
    else return index;
    if (index + length > bytes.length) return index;
    let code = lead & (0xff >> (length + 1));
    for (let next = 1; next < length; next += 1) {
      const byte = bytes[index + next];
      // A sequence cut short: the lead byte is the one that cannot be read.
      if ((byte & 0xc0) !== 0x80) return index;
      code = (code << 6) | (byte & 0x3f);
    }
    if (code < min || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return index;
    index += length;
  }
  return -1;
}

function firstInvalidUtf16le(bytes: Uint8Array): number {
  if (bytes.length % 2 !== 0) return bytes.length - 1;
  for (let index = 0; index < bytes.length; index += 2) {
    const unit = bytes[index] | (bytes[index + 1] << 8);
    if (unit >= 0xd800 && unit <= 0xdbff) {
      const next = index + 3 < bytes.length ? bytes[index + 2] | (bytes[index + 3] << 8) : 0;
      if (next < 0xdc00 || next > 0xdfff) return index;
      index += 2;
    } else if (unit >= 0xdc00 && unit <= 0xdfff) {
      return index;
    }
  }
  return -1;
}

/** Which CP932 double-byte codes are assigned (lead × trail), learnt once from iconv-lite's table. */
let assigned: Uint8Array | null = null;
function isAssignedPair(lead: number, trail: number): boolean {
  if (!assigned) {
    assigned = new Uint8Array(256 * 256);
    for (let l = 0x81; l <= 0xfc; l += 1) {
      if (l >= 0xa0 && l <= 0xdf) continue;
      for (let t = 0x40; t <= 0xfc; t += 1) {
        if (t === 0x7f) continue;
        // An unassigned pair decodes to U+FFFD and the trail byte on its own.
        const text = iconv.decode(Buffer.from([l, t]), 'cp932');
        assigned[(l << 8) | t] = text.length === 1 && text !== REPLACEMENT ? 1 : 0;
      }
    }
  }
  return assigned[(lead << 8) | trail] === 1;
}

/** Offset of the first byte that is not valid CP932 (structure and assigned codes), or -1. */
export function firstInvalidCp932(bytes: Uint8Array): number {
  let index = 0;
  while (index < bytes.length) {
    const byte = bytes[index];
    if (byte < 0x80 || (byte >= 0xa1 && byte <= 0xdf)) {
      index += 1;
      continue;
    }
    const lead = (byte >= 0x81 && byte <= 0x9f) || (byte >= 0xe0 && byte <= 0xfc);
    if (!lead || index + 1 >= bytes.length || !isAssignedPair(byte, bytes[index + 1])) return index;
    index += 2;
  }
  return -1;
}
