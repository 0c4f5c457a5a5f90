import * as FileType from 'file-type';
import { open } from 'node:fs/promises';
import { extname } from 'node:path';

/**
 * What a file is, decided from its bytes (never from its name or the browser's Content-Type):
 * file-type reads the magic numbers of binary formats; what it does not recognise is text when it
 * has no control bytes, and markup (HTML, SVG, XML) when text opens like a web page. The name is
 * then only checked against the bytes: a web page renamed `.pdf` is refused, not stored as a PDF.
 *
 * file-type 16 is its last CommonJS release: later ones are ES modules only, which this CommonJS
 * app could load with import() when built, but not under ts-jest (no VM modules there).
 */

/** The bytes read to classify text (and to find markup at its start). */
const TEXT_SAMPLE = 64 * 1024;

export interface Sniffed {
  /** file-type's answer, if it recognised a binary format. */
  detected: { mime: string; ext: string } | null;
  /** The first bytes of the file (at most 64 KB). */
  head: Buffer;
  /** Whether `head` is the whole file. */
  complete: boolean;
}

export async function sniffFile(path: string): Promise<Sniffed> {
  const detected = await FileType.fromFile(path);
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(TEXT_SAMPLE);
    const { bytesRead } = await handle.read(buffer, 0, TEXT_SAMPLE, 0);
    const size = (await handle.stat()).size;
    return { detected: detected ? { mime: detected.mime, ext: detected.ext } : null, head: buffer.subarray(0, bytesRead), complete: bytesRead >= size };
  } finally {
    await handle.close();
  }
}

const OOXML = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
};

/** The legacy Office formats share one container (CFB); its name says which program wrote it. */
const CFB_BY_EXTENSION: Record<string, string> = { doc: 'application/msword', xls: 'application/vnd.ms-excel', ppt: 'application/vnd.ms-powerpoint' };

/** What a file name's extension promises; an extension not listed promises nothing. */
const EXPECTED_BY_EXTENSION: Record<string, readonly string[]> = {
  pdf: ['application/pdf'],
  png: ['image/png'],
  jpg: ['image/jpeg'],
  jpeg: ['image/jpeg'],
  gif: ['image/gif'],
  webp: ['image/webp'],
  tif: ['image/tiff'],
  tiff: ['image/tiff'],
  docx: [OOXML.docx],
  xlsx: [OOXML.xlsx],
  pptx: [OOXML.pptx],
  doc: [CFB_BY_EXTENSION.doc],
  xls: [CFB_BY_EXTENSION.xls],
  ppt: [CFB_BY_EXTENSION.ppt],
  odt: ['application/vnd.oasis.opendocument.text'],
  ods: ['application/vnd.oasis.opendocument.spreadsheet'],
  odp: ['application/vnd.oasis.opendocument.presentation'],
  zip: ['application/zip'],
  txt: ['text/plain'],
  text: ['text/plain'],
  log: ['text/plain'],
  md: ['text/plain'],
  tsv: ['text/plain'],
  csv: ['text/csv'],
  html: ['text/html'],
  htm: ['text/html'],
  svg: ['image/svg+xml'],
  xml: ['application/xml'],
};

/** Types a browser may show inline (with a strict CSP); everything else is only ever an attachment. */
export const INLINE_TYPES: readonly string[] = ['application/pdf', 'image/png', 'image/jpeg', 'image/gif', 'image/webp'];

/** The MIME type without parameters ("text/csv; charset=utf-8" → "text/csv"). */
export function baseType(contentType: string): string {
  return contentType.split(';')[0].trim().toLowerCase();
}

export function extensionOf(fileName: string): string {
  return extname(fileName).slice(1).toLowerCase();
}

/** The content type of the bytes (text gets its charset). */
export function classify(sniffed: Sniffed, fileName: string): string {
  const extension = extensionOf(fileName);
  // UTF-16 text opens with FF FE, which file-type can take for an MP3 frame: text wins when it reads as text.
  const utf16 = hasUtf16Bom(sniffed.head) ? decodeText(sniffed.head, sniffed.complete) : null;
  if (sniffed.detected && !utf16) {
    const { mime } = sniffed.detected;
    if (mime === 'application/x-cfb') return CFB_BY_EXTENSION[extension] ?? mime;
    if (mime === 'application/xml') return markupType(sniffed.head.toString('utf8', 0, 1024)) ?? mime;
    return mime;
  }
  const text = utf16 ?? decodeText(sniffed.head, sniffed.complete);
  if (text === null) return 'application/octet-stream';
  const markup = markupType(text.text);
  if (markup) return markup;
  return `${extension === 'csv' ? 'text/csv' : 'text/plain'}; charset=${text.charset}`;
}

export type TypeVerdict = { ok: true } | { ok: false; code: 'file-type-mismatch' | 'file-type-not-allowed'; extension: string };

/** Whether the bytes' type may be stored under that name: the name must not promise another type, and the type must be allowed. */
export function judgeType(contentType: string, fileName: string, allowedTypes: readonly string[]): TypeVerdict {
  const type = baseType(contentType);
  const extension = extensionOf(fileName);
  const expected = EXPECTED_BY_EXTENSION[extension];
  if (expected && !expected.includes(type)) return { ok: false, code: 'file-type-mismatch', extension };
  if (!allowedTypes.includes(type)) return { ok: false, code: 'file-type-not-allowed', extension };
  return { ok: true };
}

/** Text without control bytes, as UTF-8 (BOM or not), UTF-16 with a BOM, or else Shift_JIS (CP932, what Japanese Windows writes). */
function hasUtf16Bom(head: Buffer): boolean {
  return head.length >= 2 && ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff));
}

function decodeText(head: Buffer, complete: boolean): { text: string; charset: string } | null {
  if (hasUtf16Bom(head)) {
    const little = head[0] === 0xff;
    const units = head.subarray(2, head.length - (head.length % 2));
    const text = little ? units.toString('utf16le') : Buffer.from(units).swap16().toString('utf16le');
    return hasControlCharacters(text) ? null : { text, charset: little ? 'utf-16le' : 'utf-16be' };
  }
  if (head.includes(0)) return null;
  const utf8 = decodeUtf8(head, complete);
  if (utf8 !== null) return hasControlCharacters(utf8) ? null : { text: utf8.replace(/^\uFEFF/, ''), charset: 'utf-8' };
  // Not UTF-8: legacy Japanese text. Control bytes still make it binary (ESC is allowed: ISO-2022-JP uses it).
  for (const byte of head) if (byte < 0x20 && !ALLOWED_CONTROL_BYTES.has(byte)) return null;
  return { text: head.toString('latin1'), charset: 'shift_jis' };
}

/** Tab, line feed, vertical tab, form feed, carriage return, Ctrl-Z (old DOS end of file), escape. */
const ALLOWED_CONTROL_BYTES = new Set([0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x1a, 0x1b]);

function hasControlCharacters(text: string): boolean {
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if ((code < 0x20 && !ALLOWED_CONTROL_BYTES.has(code)) || code === 0x7f) return true;
  }
  return false;
}

/** Strict UTF-8; a sample cut in the middle of a character still counts (up to 3 bytes are dropped). */
function decodeUtf8(head: Buffer, complete: boolean): string | null {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  for (let cut = 0; cut <= (complete ? 0 : 3) && cut <= head.length; cut += 1) {
    try {
      return decoder.decode(head.subarray(0, head.length - cut));
    } catch {
      // try one byte shorter
    }
  }
  return null;
}

/** Text that opens like a web page or an XML document (what a browser would run or render). */
function markupType(text: string): string | null {
  const start = text.replace(/^\uFEFF/, '').trimStart().slice(0, 1024).toLowerCase();
  if (!start.startsWith('<')) return null;
  if (/<svg[\s>]/.test(start)) return 'image/svg+xml';
  if (/^<!doctype html|<html[\s>]|<head[\s>]|<body[\s>]|<script[\s>]|<iframe[\s>]|<meta[\s>]|<title[\s>]|<a\s|<img\s|<div[\s>]|<p>/.test(start)) return 'text/html';
  if (start.startsWith('<?xml')) return 'application/xml';
  return null;
}
