import { Readable } from 'node:stream';

export interface StoredObject {
  sha256: string;
  size: number;
  modifiedAt: Date;
}

/**
 * The one seam in front of the bytes. Objects are content-addressed: the key is the SHA-256 of the
 * bytes, so storing the same bytes twice is harmless and a stored object never changes. Drivers throw
 * `StoredObjectMissing` for an unknown hash and `StorageUnavailableError` when the store cannot be
 * reached; they know nothing of documents or owners.
 */
export abstract class FileStorage {
  /** For logs and reports: the folder or s3://bucket/prefix (never a credential). */
  abstract readonly description: string;
  abstract readonly kind: 'local' | 's3';

  /** Stores the file at `source` (whose bytes hash to `sha256`) durably; returns when it is safe. */
  abstract put(sha256: string, source: string, size: number): Promise<void>;
  /** The stored bytes as a stream. */
  abstract open(sha256: string): Promise<Readable>;
  abstract exists(sha256: string): Promise<boolean>;
  /** Removes the object; removing one that is not there is not an error. */
  abstract remove(sha256: string): Promise<void>;
  /** Every stored object (for the orphan sweep and the backup check). */
  abstract list(): AsyncIterable<StoredObject>;
  /** Releases connections (the S3 client's sockets) at shutdown. */
  close(): void {}
}

/** Where an object lives under the store's root or prefix: sha256/ab/cd/abcd…, so no folder gets huge. */
export function objectPath(sha256: string): string {
  if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error(`not a SHA-256 hex digest: ${sha256}`);
  return `sha256/${sha256.slice(0, 2)}/${sha256.slice(2, 4)}/${sha256}`;
}
