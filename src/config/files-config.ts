import { isAbsolute, join, resolve } from 'node:path';
import { ConfigError, EnvironmentVariables } from './environment';

/** Where documents' bytes are kept: a folder (the embedded default) or an S3-compatible bucket. */
export type FileStorageSettings =
  | { driver: 'local'; root: string }
  | {
      driver: 's3';
      bucket: string;
      /** Key prefix inside the bucket: empty, or ending with "/". */
      prefix: string;
      /** An S3-compatible server (MinIO, Ceph, …); unset for AWS itself. */
      endpoint?: string;
      region: string;
      accessKeyId: string;
      secretAccessKey: string;
      forcePathStyle: boolean;
    };

export interface FilesSettings {
  storage: FileStorageSettings;
  /** The largest upload accepted, in bytes (FILES_MAX_MB decimal megabytes: 50 MB = 50,000,000 bytes). */
  maxBytes: number;
  /** MIME types an upload may have, decided from its bytes (src/files/file-types.ts). */
  allowedTypes: string[];
  /** How many stored files the daily job re-hashes. */
  verifySample: number;
}

/** PDF, images, Office documents (OOXML, legacy binary, OpenDocument), text, CSV and zip. */
export const DEFAULT_ALLOWED_TYPES = [
  'application/pdf',
  'image/png', 'image/jpeg', 'image/gif', 'image/webp', 'image/tiff',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  'application/msword', 'application/vnd.ms-excel', 'application/vnd.ms-powerpoint',
  'application/vnd.oasis.opendocument.text', 'application/vnd.oasis.opendocument.spreadsheet', 'application/vnd.oasis.opendocument.presentation',
  'text/plain', 'text/csv',
  'application/zip',
];

/** The documents' settings from the validated environment; ConfigError names each bad variable. */
export function parseFilesSettings(raw: EnvironmentVariables, dataDir: string): FilesSettings {
  const problems: string[] = [];
  const url = raw.FILES_URL ?? 'local';
  let storage: FileStorageSettings | undefined;
  if (url === 'local') {
    storage = { driver: 'local', root: join(dataDir, 'files') };
  } else if (url.startsWith('file://')) {
    const root = decodeURIComponent(new URL(url).pathname);
    if (isAbsolute(root)) storage = { driver: 'local', root: resolve(root) };
    else problems.push(`FILES_URL: a file:// URL needs an absolute folder (got "${url}")`);
  } else {
    const parsed = new URL(url);
    const prefix = decodeURIComponent(parsed.pathname).replace(/^\/+/, '').replace(/\/*$/, '/').replace(/^\/$/, '');
    if (!raw.FILES_S3_ACCESS_KEY_ID) problems.push('FILES_S3_ACCESS_KEY_ID: required when FILES_URL is an s3:// URL');
    if (!raw.FILES_S3_SECRET_ACCESS_KEY) problems.push('FILES_S3_SECRET_ACCESS_KEY: required when FILES_URL is an s3:// URL');
    if (problems.length === 0) {
      storage = {
        driver: 's3',
        bucket: parsed.hostname,
        prefix,
        endpoint: raw.FILES_S3_ENDPOINT,
        region: raw.FILES_S3_REGION ?? 'us-east-1',
        accessKeyId: raw.FILES_S3_ACCESS_KEY_ID!,
        secretAccessKey: raw.FILES_S3_SECRET_ACCESS_KEY!,
        // S3-compatible servers usually want bucket names in the path; AWS itself takes either.
        forcePathStyle: raw.FILES_S3_FORCE_PATH_STYLE === undefined ? Boolean(raw.FILES_S3_ENDPOINT) : ['true', '1'].includes(raw.FILES_S3_FORCE_PATH_STYLE.toLowerCase()),
      };
    }
  }
  if (problems.length > 0 || !storage) throw new ConfigError(problems);
  return {
    storage,
    maxBytes: (raw.FILES_MAX_MB ?? 50) * 1_000_000,
    allowedTypes: raw.FILES_ALLOWED_TYPES ? raw.FILES_ALLOWED_TYPES.split(',').map((type) => type.trim().toLowerCase()) : DEFAULT_ALLOWED_TYPES,
    verifySample: raw.FILES_VERIFY_SAMPLE ?? 20,
  };
}
