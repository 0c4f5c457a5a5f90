/** Helpers of the documents tests: real file bytes and what a browser reads from a download. */

/** A small but real PDF (header, one object, trailer), padded to `size` bytes with a comment. */
export function pdfOf(text: string, size = 0): Buffer {
  const body = Buffer.from(`%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog /Title (${text}) >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n`, 'latin1');
  const end = Buffer.from('%%EOF\n');
  const padding = Math.max(0, size - body.length - end.length);
  return Buffer.concat([body, Buffer.from(`%${'x'.repeat(Math.max(0, padding - 2))}\n`.slice(0, padding)), end]);
}

/** The name a Content-Disposition header gives (its RFC 5987 filename*). */
export function dispositionName(header: string): string {
  const match = /filename\*=UTF-8''([^;]+)/.exec(header);
  if (!match) throw new Error(`no filename* in ${header}`);
  return decodeURIComponent(match[1]);
}
