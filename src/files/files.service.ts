import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { DataSource, EntityManager, In } from 'typeorm';
import { changesBetween, recordAudit, recordCreated } from '../audit-log/audit-trail';
import { AuthenticatedUser } from '../common/authenticated-user';
import { Clock } from '../common/clock';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../common/domain-errors';
import { term } from '../common/problems';
import { updateAtVersion } from '../audit-log/optimistic-update';
import { AppConfig } from '../config/app-config';
import { runInTransaction } from '../database/transactions';
import { User } from '../users/user.entity';
import { Document, FileVersion } from './document.entity';
import { FileContentMissingError, FileRefusedError, StorageUnavailableError, StoredObjectMissing } from './file-errors';
import { storedFileName } from './file-names';
import { FileOwner, FileOwnerType, findOwner, mayWriteDocuments } from './file-owners';
import { FileStorage } from './file-storage';
import { baseType, classify, judgeType, sniffFile } from './file-types';
import { incomingFolder, IncomingFile } from './file-upload.interceptor';
import { DocumentView, FileView, PersonView, toDocumentView, toFileView } from './file.view';
import { SupersedeFileDto, UploadFileForm } from './dto/file.dto';

export interface VerificationResult {
  fileId: string;
  sha256: string;
  size: number;
  /** ok: the stored bytes hash to the recorded SHA-256; mismatch: they do not; missing: nothing is stored. */
  status: 'ok' | 'mismatch' | 'missing';
  actualSha256: string | null;
  actualSize: number | null;
  checkedAt: string;
}

/** An object no row refers to is removed only when it is this old, so an upload in flight is never swept. */
const ORPHAN_MIN_AGE_MS = 24 * 60 * 60 * 1000;

/** Short names of the allowed types, for the refusal message. */
const TYPE_LABELS: Record<string, string> = {
  'application/pdf': 'PDF', 'image/png': 'PNG', 'image/jpeg': 'JPEG', 'image/gif': 'GIF', 'image/webp': 'WebP', 'image/tiff': 'TIFF',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'Word (.docx)',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'Excel (.xlsx)',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': 'PowerPoint (.pptx)',
  'application/msword': 'Word (.doc)', 'application/vnd.ms-excel': 'Excel (.xls)', 'application/vnd.ms-powerpoint': 'PowerPoint (.ppt)',
  'application/vnd.oasis.opendocument.text': 'OpenDocument (.odt)', 'application/vnd.oasis.opendocument.spreadsheet': 'OpenDocument (.ods)',
  'application/vnd.oasis.opendocument.presentation': 'OpenDocument (.odp)', 'text/plain': 'text', 'text/csv': 'CSV', 'application/zip': 'zip',
};

/**
 * Documents and their versions. Features attach documents to their records; only this service
 * touches bytes, through the FileStorage seam. Order of an upload: check everything, store the
 * object, then commit the rows and their audit entries in one transaction — so a row never points
 * at bytes that were not stored, and an object left without a row (failed commit) is removed.
 */
@Injectable()
export class FilesService {
  private readonly logger = new Logger('Files');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly storage: FileStorage,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  owner(type: FileOwnerType, id: string): Promise<FileOwner> {
    return findOwner(this.dataSource.manager, type, id);
  }

  /** The record's documents, oldest first, each with its versions newest first. */
  async listForOwner(type: FileOwnerType, id: string): Promise<DocumentView[]> {
    await this.owner(type, id);
    const documents = await this.dataSource.getRepository(Document).find({ where: { ownerType: type, ownerId: id }, order: { createdAt: 'ASC', id: 'ASC' } });
    return this.documentViews(documents);
  }

  /** How many documents each record of a vendor has, by "ownerType:ownerId". */
  async countsForVendor(vendorId: string): Promise<Record<string, number>> {
    const rows: Array<{ ownerType: string; ownerId: string; n: number | string }> = await this.dataSource.query(
      'SELECT ownerType, ownerId, COUNT(*) AS n FROM documents WHERE vendorId = ? GROUP BY ownerType, ownerId',
      [vendorId],
    );
    return Object.fromEntries(rows.map((row) => [`${row.ownerType}:${row.ownerId}`, Number(row.n)]));
  }

  async document(id: string): Promise<DocumentView> {
    const document = await this.dataSource.getRepository(Document).findOneBy({ id });
    if (!document) throw new NotFoundError('document', id);
    return (await this.documentViews([document]))[0];
  }

  async file(id: string): Promise<FileView> {
    const row = await this.dataSource.getRepository(FileVersion).findOneBy({ id });
    if (!row) throw new NotFoundError('file', id);
    const document = await this.document(row.documentId);
    return document.versions.find((version) => version.id === id)!;
  }

  /**
   * A new document (version 1) or, with `documentId`, the next version of one of the record's
   * documents. Refused with nothing stored: no file, empty, too large, no name, a type that is not
   * allowed or that the name contradicts. Storage down: 503 and no row.
   */
  async upload(type: FileOwnerType, ownerId: string, file: IncomingFile | undefined, form: UploadFileForm, user: AuthenticatedUser): Promise<FileView> {
    if (!mayWriteDocuments(user.role, type)) throw new ForbiddenError({ code: 'documents-add-forbidden', params: { role: term(`ui.enum.role.${user.role}`), aRecord: term(`error.aRecord.${type}`) } });
    const owner = await this.owner(type, ownerId);
    if (form.documentId) await this.documentOf(this.dataSource.manager, owner, form.documentId);
    if (!file) throw new FileRefusedError('file-missing');
    const fileName = storedFileName(file.originalname);
    if (!fileName) throw new FileRefusedError('file-name-missing');
    if (file.size === 0) throw new FileRefusedError('file-empty');
    if (file.size > this.config.files.maxBytes) throw new FileRefusedError('file-too-large', { max: this.config.files.maxBytes / 1_000_000 });
    const contentType = classify(await sniffFile(file.path), fileName);
    const verdict = judgeType(contentType, fileName, this.config.files.allowedTypes);
    if (!verdict.ok) {
      const params = { type: baseType(contentType), extension: verdict.extension, allowed: this.config.files.allowedTypes.map((allowed) => TYPE_LABELS[allowed] ?? allowed).join(', ') };
      throw new FileRefusedError(verdict.code, params);
    }
    const { sha256 } = await digestOf(createReadStream(file.path));
    try {
      await this.storageCall('write', () => this.storage.put(sha256, file.path, file.size));
    } catch (error) {
      // The store may have kept the bytes without answering (a timeout, a crash after the write).
      await this.removeIfUnreferenced(sha256);
      throw error;
    }
    let saved: FileVersion;
    try {
      saved = await runInTransaction(this.dataSource, (manager) => this.insertVersion(manager, owner, form, { fileName, contentType, size: file.size, sha256 }, user));
    } catch (error) {
      await this.removeIfUnreferenced(sha256);
      throw error;
    }
    // An admin may have deleted the last other copy of the same bytes between the store and the commit.
    if (!(await this.storage.exists(sha256).catch(() => true))) await this.storageCall('write', () => this.storage.put(sha256, file.path, file.size));
    return this.file(saved.id);
  }

  private async insertVersion(
    manager: EntityManager, owner: FileOwner, form: UploadFileForm, content: Pick<FileVersion, 'fileName' | 'contentType' | 'size' | 'sha256'>, user: AuthenticatedUser,
  ): Promise<FileVersion> {
    const now = this.clock.now();
    let document: Document;
    if (form.documentId) {
      document = await this.documentOf(manager, owner, form.documentId, true);
      await manager.createQueryBuilder().update(Document).set({ updatedAt: now, version: () => 'version + 1' }).where('id = :id', { id: document.id }).execute();
    } else {
      document = await manager.save(Object.assign(new Document(), {
        ownerType: owner.type, ownerId: owner.id, vendorId: owner.vendorId, title: form.title ?? content.fileName, createdById: user.id, createdAt: now, updatedAt: now,
      }));
      await recordCreated(manager, 'document', document);
    }
    // The document row is locked (MySQL/MariaDB; SQLite runs one transaction at a time), so two uploads take turns for the number.
    const [{ last }] = await manager.query('SELECT MAX(versionNumber) AS last FROM file_versions WHERE documentId = ?', [document.id]);
    const row = await manager.save(Object.assign(new FileVersion(), {
      ...content, documentId: document.id, versionNumber: Number(last ?? 0) + 1, uploadedById: user.id,
      supersededAt: null, supersededById: null, supersededNote: null, createdAt: now, updatedAt: now,
    }));
    await recordCreated(manager, 'file', row, { ownerType: owner.type, ownerId: owner.id, vendorId: owner.vendorId, documentTitle: document.title });
    return row;
  }

  /** Marks a version as no longer applying (it stays, downloadable); the writers of the owning record may. */
  async supersede(id: string, input: SupersedeFileDto, user: AuthenticatedUser): Promise<FileView> {
    const file = await this.file(id);
    if (!mayWriteDocuments(user.role, file.ownerType as FileOwnerType)) {
      throw new ForbiddenError({ code: 'documents-change-forbidden', params: { role: term(`ui.enum.role.${user.role}`), aRecord: term(`error.aRecord.${file.ownerType as FileOwnerType}`) } });
    }
    if (file.superseded) throw new ConflictError({ field: 'version', code: 'already-superseded' });
    const now = this.clock.now();
    await runInTransaction(this.dataSource, (manager) =>
      updateAtVersion(manager, FileVersion, 'file', id, input.version, { supersededAt: now, supersededById: user.id, supersededNote: input.note ?? null }, now),
    );
    return this.file(id);
  }

  /**
   * Deletes a version (admins only, with a reason): the row goes, the audit log keeps its SHA-256,
   * name, size and uploader with the reason; the document goes with its last version; the bytes go
   * unless another version has the same content.
   */
  async remove(id: string, reason: string): Promise<void> {
    const sha256 = await runInTransaction(this.dataSource, async (manager) => {
      const locking = manager.connection.options.type !== 'better-sqlite3';
      const row = await manager.getRepository(FileVersion).findOne({ where: { id }, ...(locking ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
      if (!row) throw new NotFoundError('file', id);
      const document = await manager.getRepository(Document).findOneByOrFail({ id: row.documentId });
      const context = { reason, documentId: document.id, documentTitle: document.title, ownerType: document.ownerType, ownerId: document.ownerId, vendorId: document.vendorId };
      await manager.delete(FileVersion, { id });
      await recordAudit(manager, { action: 'delete', entityType: 'file', entityId: id, changes: changesBetween(row, null), summary: context });
      const [{ n }] = await manager.query('SELECT COUNT(*) AS n FROM file_versions WHERE documentId = ?', [document.id]);
      if (Number(n) === 0) {
        await manager.delete(Document, { id: document.id });
        await recordAudit(manager, { action: 'delete', entityType: 'document', entityId: document.id, changes: changesBetween(document, null), summary: { reason } });
      }
      return row.sha256;
    });
    await this.removeIfUnreferenced(sha256);
  }

  /** The stored bytes of a version, checked against its SHA-256 as they stream (a mismatch is logged as an error). */
  async openContent(id: string): Promise<{ file: FileView; stream: Readable }> {
    const file = await this.file(id);
    const source = await this.openStored(file);
    const hash = createHash('sha256');
    const checking = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        hash.update(chunk);
        done(null, chunk);
      },
      flush: (done) => {
        const actual = hash.digest('hex');
        if (actual !== file.sha256) this.logger.error({ message: 'stored file does not match its SHA-256', fileId: file.id, documentId: file.documentId, expected: file.sha256, actual });
        done();
      },
    });
    source.on('error', (error) => checking.destroy(error));
    return { file, stream: source.pipe(checking) };
  }

  /** Re-hashes the stored bytes: do they still match what was recorded at upload? */
  async verify(id: string): Promise<VerificationResult> {
    const file = await this.file(id);
    const checkedAt = this.clock.now().toISOString();
    let source: Readable;
    try {
      source = await this.openStored(file);
    } catch (error) {
      if (!(error instanceof FileContentMissingError)) throw error;
      return { fileId: id, sha256: file.sha256, size: file.size, status: 'missing', actualSha256: null, actualSize: null, checkedAt };
    }
    let actual: { sha256: string; size: number };
    try {
      actual = await digestOf(source);
    } catch (error) {
      throw this.translatedStorageError(error, 'read');
    }
    const { sha256: actualSha256, size: actualSize } = actual;
    const status = actualSha256 === file.sha256 && actualSize === file.size ? 'ok' : 'mismatch';
    if (status === 'mismatch') {
      this.logger.error({ message: 'stored file does not match its SHA-256', fileId: id, documentId: file.documentId, expected: file.sha256, actual: actualSha256, expectedSize: file.size, actualSize });
    }
    return { fileId: id, sha256: file.sha256, size: file.size, status, actualSha256, actualSize, checkedAt };
  }

  /** The daily check: re-hashes `count` versions picked at random; mismatches and missing bytes are logged as errors. */
  async verifySample(count = this.config.files.verifySample): Promise<{ verified: number; mismatches: number; missing: number }> {
    const [{ n }] = await this.dataSource.query('SELECT COUNT(*) AS n FROM file_versions');
    const total = Number(n);
    const offsets = new Set<number>();
    while (offsets.size < Math.min(count, total)) offsets.add(Math.floor(Math.random() * total));
    const summary = { verified: 0, mismatches: 0, missing: 0 };
    for (const offset of [...offsets].sort((a, b) => a - b)) {
      const [row] = await this.dataSource.getRepository(FileVersion).find({ select: { id: true }, order: { id: 'ASC' }, skip: offset, take: 1 });
      if (!row) continue;
      const result = await this.verify(row.id);
      summary.verified += 1;
      if (result.status === 'mismatch') summary.mismatches += 1;
      if (result.status === 'missing') summary.missing += 1;
    }
    return summary;
  }

  /** Objects no version refers to (a crash between store and commit), older than a day, and stale partial uploads. */
  async sweepOrphans(now = this.clock.now()): Promise<{ removed: number }> {
    const cutoff = now.getTime() - ORPHAN_MIN_AGE_MS;
    let removed = 0;
    for await (const object of this.storage.list()) {
      if (object.modifiedAt.getTime() > cutoff) continue;
      if (await this.isReferenced(object.sha256)) continue;
      await this.storage.remove(object.sha256);
      this.logger.warn({ message: 'orphaned stored file removed', sha256: object.sha256, size: object.size });
      removed += 1;
    }
    const incoming = incomingFolder(this.config);
    for (const name of await readdir(incoming).catch(() => [] as string[])) {
      const path = join(incoming, name);
      const info = await stat(path).catch(() => null);
      if (info && info.mtimeMs < cutoff) await rm(path, { force: true });
    }
    return { removed };
  }

  private async isReferenced(sha256: string): Promise<boolean> {
    const [{ n }] = await this.dataSource.query('SELECT COUNT(*) AS n FROM file_versions WHERE sha256 = ?', [sha256]);
    return Number(n) > 0;
  }

  private async removeIfUnreferenced(sha256: string): Promise<void> {
    try {
      if (!(await this.isReferenced(sha256))) await this.storage.remove(sha256);
    } catch (error) {
      // The daily sweep removes it later.
      this.logger.warn({ message: 'could not remove an unreferenced stored file', sha256, error: error instanceof Error ? error.message : String(error) });
    }
  }

  private async openStored(file: FileView): Promise<Readable> {
    try {
      return await this.storage.open(file.sha256);
    } catch (error) {
      if (error instanceof StoredObjectMissing) {
        this.logger.error({ message: 'stored file is missing', fileId: file.id, documentId: file.documentId, sha256: file.sha256 });
        throw new FileContentMissingError(file.fileName, file.versionNumber);
      }
      throw this.translatedStorageError(error, 'read');
    }
  }

  private async documentOf(manager: EntityManager, owner: FileOwner, documentId: string, lock = false): Promise<Document> {
    const locking = lock && manager.connection.options.type !== 'better-sqlite3';
    const document = await manager.getRepository(Document).findOne({ where: { id: documentId }, ...(locking ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
    if (!document || document.ownerType !== owner.type || document.ownerId !== owner.id) throw new ValidationError({ field: 'documentId', code: 'not-document-of-record', params: { id: documentId } });
    return document;
  }

  private async documentViews(documents: Document[]): Promise<DocumentView[]> {
    if (documents.length === 0) return [];
    const versions = await this.dataSource.getRepository(FileVersion).find({ where: { documentId: In(documents.map((document) => document.id)) } });
    const people = await this.people(versions.flatMap((version) => [version.uploadedById, version.supersededById ?? '']).filter(Boolean));
    return documents.map((document) => toDocumentView(document, versions.filter((version) => version.documentId === document.id), people));
  }

  private async people(ids: string[]): Promise<Map<string, PersonView>> {
    if (ids.length === 0) return new Map();
    const users = await this.dataSource.getRepository(User).find({ select: { id: true, name: true, email: true }, where: { id: In([...new Set(ids)]) } });
    return new Map(users.map((user) => [user.id, { id: user.id, name: user.name, email: user.email }]));
  }

  private async storageCall<T>(access: StorageAccess, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      throw this.translatedStorageError(error, access);
    }
  }

  /** The store's failure as the refusal: an upload says nothing was stored. */
  private translatedStorageError(error: unknown, access: StorageAccess): unknown {
    if (error instanceof StorageUnavailableError) {
      this.logger.warn({ message: 'file storage unavailable', storage: this.storage.description, detail: error.detail });
      return new StorageUnavailableError(error.detail, access === 'write');
    }
    if (error instanceof StoredObjectMissing || error instanceof FileRefusedError) return error;
    // A stream that broke while reading (the store went away mid-transfer) is the store's unavailability too.
    if (error instanceof Error && /ECONNRESET|ECONNREFUSED|EPIPE|socket hang up|aborted|premature close/i.test(`${(error as NodeJS.ErrnoException).code ?? ''} ${error.message}`)) {
      return new StorageUnavailableError(error.message, access === 'write');
    }
    return error;
  }

}

/** What a storage call was doing when the store failed: an upload (nothing stored) or a read. */
type StorageAccess = 'write' | 'read';

async function digestOf(stream: Readable): Promise<{ sha256: string; size: number }> {
  const hash = createHash('sha256');
  let size = 0;
  await pipeline(stream, async function* (source) {
    for await (const chunk of source) {
      hash.update(chunk as Buffer);
      size += (chunk as Buffer).length;
    }
  });
  return { sha256: hash.digest('hex'), size };
}
