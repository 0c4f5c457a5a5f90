import { DomainError } from '../common/domain-errors';
import { ProblemParams } from '../common/problems';

/** Why an upload was refused; each is a 400 whose code names it (nothing is stored). */
export type FileRefusal = 'file-missing' | 'file-empty' | 'file-too-large' | 'file-name-missing' | 'file-type-not-allowed' | 'file-type-mismatch' | 'file-malformed';

export class FileRefusedError extends DomainError {
  /** `problem` when the reason is narrower than the refusal (one file only: a malformed upload). */
  constructor(code: FileRefusal, params: ProblemParams = {}, problem: 'file-one' | FileRefusal = code) {
    super(code, { field: 'file', code: problem, params });
  }
}

/** The row exists but its bytes are gone from the storage: the evidence must be restored from a backup (410). */
export class FileContentMissingError extends DomainError {
  constructor(name: string, versionNumber: number) {
    super('file-content-missing', { field: 'file', code: 'file-content-missing', params: { name, number: versionNumber } });
  }
}

/** The file storage (the folder or the S3 server) cannot be reached or refuses: try again later (503). */
export class StorageUnavailableError extends DomainError {
  /** `detail`: what the driver saw, for the log. `writing`: nothing was stored (an upload), else a read. */
  constructor(readonly detail?: string, writing = false) {
    super('storage-unavailable', { field: 'file', code: writing ? 'storage-unavailable' : 'storage-unavailable-read' });
  }
}

/** Raised by a storage driver when no object has that hash; the service decides what it means. */
export class StoredObjectMissing extends Error {
  constructor(readonly sha256: string) {
    super(`no stored object for sha256 ${sha256}`);
    this.name = 'StoredObjectMissing';
  }
}
