import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync } from 'node:fs';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Snapshot } from './backup';
import { BackupError } from './backup';
import { StoredObjectMissing } from '../files/file-errors';
import { FileStorage, objectPath } from '../files/file-storage';

/**
 * The documents' side of `npm run export` / `npm run import`. The database snapshot holds the rows
 * (with each version's SHA-256); the bytes are either copied beside it, into `<backup>.files/`
 * laid out like the local store (the default with the local driver), or — with S3, where the bucket
 * is backed up with its own tools together with the database — checked to exist. A restore puts
 * the copied bytes into the configured store (checking every hash) before any row is written.
 */
export interface FilesManifest {
  /** The store the backup was taken from ("local folder …" or "s3://bucket/prefix"). */
  storage: string;
  /** Whether the bytes are in `folder`; otherwise they must be in the store itself. */
  included: boolean;
  /** The folder of the bytes, relative to the backup file. */
  folder: string | null;
  /** Distinct stored objects the rows refer to. */
  objects: number;
  /** Objects the rows refer to that the store did not have when the backup was taken. */
  missing: string[];
}

/** The folder of a backup's files: `oversight-….json` → `oversight-….files`. */
export function filesFolderOf(backupFile: string): string {
  return `${backupFile.replace(/\.json$/i, '')}.files`;
}

export function referencedObjects(snapshot: Pick<Snapshot, 'tables'>): string[] {
  return [...new Set((snapshot.tables.file_versions ?? []).map((row) => String(row.sha256)))].sort();
}

/** Copies (into `folder`) or checks every object the snapshot's rows refer to. */
export async function backupFiles(snapshot: Pick<Snapshot, 'tables'>, storage: FileStorage, folder: string | null): Promise<FilesManifest> {
  const missing: string[] = [];
  const objects = referencedObjects(snapshot);
  for (const sha256 of objects) {
    if (folder) {
      try {
        await copyOut(storage, sha256, join(folder, objectPath(sha256)));
      } catch (error) {
        if (!(error instanceof StoredObjectMissing)) throw error;
        missing.push(sha256);
      }
    } else if (!(await storage.exists(sha256))) {
      missing.push(sha256);
    }
  }
  return { storage: storage.description, included: folder !== null, folder: folder ? folder.split(/[\\/]/).pop()! : null, objects: objects.length, missing };
}

/**
 * Before the rows are restored: every object they refer to is put into `storage` from the backup's
 * folder (its hash checked), or must already be in the store (an S3 bucket restored beside the
 * database). Anything missing refuses the restore, naming the objects, before a row is written.
 */
export async function restoreFiles(snapshot: Pick<Snapshot, 'tables'>, storage: FileStorage, folder: string | null): Promise<{ copied: number; present: number }> {
  const objects = referencedObjects(snapshot);
  const absent: string[] = [];
  let copied = 0;
  let present = 0;
  for (const sha256 of objects) {
    const source = folder ? join(folder, objectPath(sha256)) : null;
    if (source && existsSync(source)) {
      const size = await checkedSize(source, sha256);
      await storage.put(sha256, source, size);
      copied += 1;
    } else if (await storage.exists(sha256)) {
      present += 1;
    } else {
      absent.push(sha256);
    }
  }
  if (absent.length > 0) {
    throw new BackupError(
      `${absent.length} stored file(s) the backup refers to are neither in ${folder ?? 'a files folder beside the backup'} nor in ${storage.description} ` +
        `(first: ${absent.slice(0, 5).join(', ')}); restore the bucket first, or use the backup's .files folder`,
    );
  }
  return { copied, present };
}

/** Writes the stored bytes to `target` (temporary name, fsync, rename), checking their hash on the way. */
async function copyOut(storage: FileStorage, sha256: string, target: string): Promise<void> {
  await mkdir(dirname(target), { recursive: true });
  const temporary = `${target}.${randomBytes(6).toString('hex')}.part`;
  const hash = createHash('sha256');
  try {
    await pipeline(
      await storage.open(sha256),
      new Transform({
        transform(chunk: Buffer, _encoding, done) {
          hash.update(chunk);
          done(null, chunk);
        },
      }),
      createWriteStream(temporary),
    );
    const actual = hash.digest('hex');
    if (actual !== sha256) throw new BackupError(`the stored file ${sha256} does not match its SHA-256 (it hashes to ${actual}); restore it before taking the backup`);
    const handle = await open(temporary, 'r+');
    await handle.sync();
    await handle.close();
    await rename(temporary, target);
  } finally {
    await rm(temporary, { force: true });
  }
}

async function checkedSize(path: string, sha256: string): Promise<number> {
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of createReadStream(path)) {
    hash.update(chunk as Buffer);
    size += (chunk as Buffer).length;
  }
  const actual = hash.digest('hex');
  if (actual !== sha256) throw new BackupError(`the backup's copy of ${sha256} is damaged (it hashes to ${actual})`);
  return size;
}
