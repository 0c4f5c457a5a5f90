import { DomainError } from '../common/domain-errors';

/** Why an upload was refused; each is a 400 whose code names it (nothing is stored). */
export type FileRefusal = 'file-missing' | 'file-empty' | 'file-too-large' | 'file-name-missing' | 'file-type-not-allowed' | 'file-type-mismatch' | 'file-malformed';

export class FileRefusedError extends DomainError {
  readonly httpStatus = 400;
  constructor(problem: string, code: FileRefusal) {
    super([problem], code);
  }
}

/** The row exists but its bytes are gone from the storage: the evidence must be restored from a backup. */
export class FileContentMissingError extends DomainError {
  readonly httpStatus = 410;
  constructor(problem: string) {
    super([problem], 'file-content-missing');
  }
}

/** The file storage (the folder or the S3 server) cannot be reached or refuses: try again later. */
export class StorageUnavailableError extends DomainError {
  readonly httpStatus = 503;
  constructor(problem = 'file: the document store is not reachable; try again shortly', readonly detail?: string) {
    super([problem], 'storage-unavailable');
  }
}

/** Raised by a storage driver when no object has that hash; the service decides what it means. */
export class StoredObjectMissing extends Error {
  constructor(readonly sha256: string) {
    super(`no stored object for sha256 ${sha256}`);
    this.name = 'StoredObjectMissing';
  }
}
