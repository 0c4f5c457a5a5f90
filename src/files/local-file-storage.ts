import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { copyFile, mkdir, open, readdir, rename, rm, stat, utimes } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { StorageUnavailableError, StoredObjectMissing } from './file-errors';
import { FileStorage, objectPath, StoredObject } from './file-storage';

/**
 * The embedded default: files under DATA_DIR/files (or the folder FILES_URL names). A file is
 * written to a temporary name, fsynced, renamed into place (atomic on one file system) and its
 * folder fsynced, so after a crash an object is either whole or absent.
 */
export class LocalFileStorage extends FileStorage {
  readonly kind = 'local' as const;
  readonly description: string;

  constructor(private readonly root: string) {
    super();
    this.description = root;
  }

  async put(sha256: string, source: string, size: number): Promise<void> {
    const target = join(this.root, objectPath(sha256));
    try {
      // Content-addressed: an object of that hash and size is these bytes already. Its time is
      // renewed, so the orphan sweep (which spares recent objects) cannot take it from this upload.
      if ((await sizeOf(target)) === size) {
        const now = new Date();
        await utimes(target, now, now);
        return;
      }
      const temporary = join(this.root, '.tmp', `${sha256}.${randomBytes(6).toString('hex')}`);
      await mkdir(dirname(temporary), { recursive: true });
      await mkdir(dirname(target), { recursive: true });
      try {
        await copyFile(source, temporary);
        await fsync(temporary, 'r+');
        await rename(temporary, target);
        await fsync(dirname(target), 'r');
      } finally {
        await rm(temporary, { force: true });
      }
    } catch (error) {
      throw unavailable(error);
    }
  }

  async open(sha256: string): Promise<Readable> {
    const path = join(this.root, objectPath(sha256));
    try {
      await stat(path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new StoredObjectMissing(sha256);
      throw unavailable(error);
    }
    return createReadStream(path);
  }

  async exists(sha256: string): Promise<boolean> {
    try {
      return (await sizeOf(join(this.root, objectPath(sha256)))) !== null;
    } catch (error) {
      throw unavailable(error);
    }
  }

  async remove(sha256: string): Promise<void> {
    try {
      await rm(join(this.root, objectPath(sha256)), { force: true });
    } catch (error) {
      throw unavailable(error);
    }
  }

  async *list(): AsyncIterable<StoredObject> {
    const base = join(this.root, 'sha256');
    for (const first of await entries(base)) {
      for (const second of await entries(join(base, first))) {
        for (const name of await entries(join(base, first, second))) {
          if (!/^[0-9a-f]{64}$/.test(name)) continue;
          const info = await stat(join(base, first, second, name)).catch(() => null);
          if (info?.isFile()) yield { sha256: name, size: info.size, modifiedAt: info.mtime };
        }
      }
    }
  }
}

async function sizeOf(path: string): Promise<number | null> {
  try {
    return (await stat(path)).size;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

async function entries(folder: string): Promise<string[]> {
  try {
    return (await readdir(folder)).sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw unavailable(error);
  }
}

async function fsync(path: string, flags: 'r' | 'r+'): Promise<void> {
  const handle = await open(path, flags);
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

function unavailable(error: unknown): StorageUnavailableError {
  if (error instanceof StorageUnavailableError) return error;
  const code = (error as NodeJS.ErrnoException).code ?? (error as Error).name;
  return new StorageUnavailableError(`local file storage: ${code}`);
}
