import { FileStorageSettings } from '../config/files-config';
import { FileStorage } from './file-storage';
import { LocalFileStorage } from './local-file-storage';
import { S3FileStorage } from './s3-file-storage';

/** The driver FILES_URL chose: used by the app (FilesModule) and by the backup CLI. */
export function createFileStorage(settings: FileStorageSettings): FileStorage {
  return settings.driver === 'local' ? new LocalFileStorage(settings.root) : new S3FileStorage(settings);
}
