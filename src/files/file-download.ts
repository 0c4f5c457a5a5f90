import type { Response } from 'express';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { contentDisposition } from './file-names';
import { baseType } from './file-types';
import { FileView } from './file.view';

/**
 * What a stored file may do in a browser: nothing. PDFs and images shown inline get a policy that
 * loads and runs nothing (images are also sandboxed; a sandbox would stop the browser's own PDF
 * viewer); every other type is only ever an attachment, and nosniff stops a browser from guessing.
 */
const INLINE_POLICY = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; object-src 'self'; frame-ancestors 'self'; base-uri 'none'; form-action 'none'";
const ATTACHMENT_POLICY = "default-src 'none'; frame-ancestors 'none'; sandbox";

/** Sends a stored file: `attachment` with its exact name (RFC 5987), or `inline` for a PDF or an image when asked. */
export async function sendStoredFile(response: Response, { file, stream }: { file: FileView; stream: Readable }, inline: boolean): Promise<void> {
  const shown = inline && file.viewable;
  response.status(200);
  response.setHeader('Content-Type', file.contentType);
  response.setHeader('Content-Length', String(file.size));
  response.setHeader('Content-Disposition', contentDisposition(shown ? 'inline' : 'attachment', file.fileName));
  response.setHeader('X-Content-Type-Options', 'nosniff');
  response.setHeader('Content-Security-Policy', shown && baseType(file.contentType) === 'application/pdf' ? INLINE_POLICY : shown ? `${INLINE_POLICY}; sandbox` : ATTACHMENT_POLICY);
  response.setHeader('Cache-Control', 'private, no-cache');
  response.setHeader('ETag', `"${file.sha256}"`);
  // RFC 9530: the receiver can check the bytes against the hash kept at upload.
  response.setHeader('Repr-Digest', `sha-256=:${Buffer.from(file.sha256, 'hex').toString('base64')}:`);
  try {
    await pipeline(stream, response);
  } catch {
    // The store went away mid-transfer (or the client left): the status is sent, so end the connection.
    response.destroy();
  }
}
