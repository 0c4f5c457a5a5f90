import {
  DeleteObjectCommand, GetObjectCommand, HeadObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client, S3ClientConfig,
} from '@aws-sdk/client-s3';
import { Logger } from '@nestjs/common';
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { FileStorageSettings } from '../config/files-config';
import { StorageUnavailableError, StoredObjectMissing } from './file-errors';
import { FileStorage, objectPath, StoredObject } from './file-storage';

type S3Settings = Extract<FileStorageSettings, { driver: 's3' }>;

const sdkLog = new Logger('S3');

/** Attempts of an upload: each sends the file again from the start (a used stream cannot be re-sent). */
const PUT_ATTEMPTS = 3;

/**
 * An S3-compatible object store (AWS S3, MinIO, Ceph…), for several app instances. Objects are
 * `<prefix>sha256/ab/cd/<hash>`. Checksums are sent and checked only when an operation requires them:
 * the SDK's default trailing checksums (aws-chunked uploads) are not understood by every
 * S3-compatible server, and the app keeps and verifies its own SHA-256 of every object anyway.
 */
export class S3FileStorage extends FileStorage {
  readonly kind = 's3' as const;
  readonly description: string;
  private readonly client: S3Client;
  /** Uploads retry here (with a fresh stream), not inside the SDK. */
  private readonly uploader: S3Client;

  constructor(private readonly settings: S3Settings) {
    super();
    this.description = `s3://${settings.bucket}/${settings.prefix}`;
    const common: S3ClientConfig = {
      region: settings.region,
      endpoint: settings.endpoint,
      forcePathStyle: settings.forcePathStyle,
      credentials: { accessKeyId: settings.accessKeyId, secretAccessKey: settings.secretAccessKey },
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
      // A store that does not answer is reported as unavailable (503) instead of holding the request.
      requestHandler: { connectionTimeout: 5_000, requestTimeout: 120_000 },
      // The SDK's own notes (e.g. "non-retryable streaming request") go to the app's log at debug level;
      // failures reach the caller as errors and are logged by the files service.
      logger: { debug: () => undefined, info: () => undefined, warn: (...args: unknown[]) => sdkLog.debug(args.map(String).join(' ')), error: (...args: unknown[]) => sdkLog.debug(args.map(String).join(' ')) },
    };
    this.client = new S3Client({ ...common, maxAttempts: 3 });
    this.uploader = new S3Client({ ...common, maxAttempts: 1 });
  }

  private key(sha256: string): string {
    return `${this.settings.prefix}${objectPath(sha256)}`;
  }

  async put(sha256: string, source: string, size: number): Promise<void> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        await this.uploader.send(new PutObjectCommand({
          Bucket: this.settings.bucket, Key: this.key(sha256), Body: createReadStream(source), ContentLength: size, ContentType: 'application/octet-stream',
        }));
        return;
      } catch (error) {
        if (attempt >= PUT_ATTEMPTS || !isTransient(error)) throw unavailable(error);
        await new Promise((resume) => setTimeout(resume, 150 * attempt));
      }
    }
  }

  async open(sha256: string): Promise<Readable> {
    try {
      const answer = await this.client.send(new GetObjectCommand({ Bucket: this.settings.bucket, Key: this.key(sha256) }));
      return answer.Body as Readable;
    } catch (error) {
      if (isMissing(error)) throw new StoredObjectMissing(sha256);
      throw unavailable(error);
    }
  }

  async exists(sha256: string): Promise<boolean> {
    try {
      await this.client.send(new HeadObjectCommand({ Bucket: this.settings.bucket, Key: this.key(sha256) }));
      return true;
    } catch (error) {
      if (isMissing(error)) return false;
      throw unavailable(error);
    }
  }

  async remove(sha256: string): Promise<void> {
    try {
      await this.client.send(new DeleteObjectCommand({ Bucket: this.settings.bucket, Key: this.key(sha256) }));
    } catch (error) {
      if (!isMissing(error)) throw unavailable(error);
    }
  }

  async *list(): AsyncIterable<StoredObject> {
    const prefix = `${this.settings.prefix}sha256/`;
    let token: string | undefined;
    do {
      let page;
      try {
        page = await this.client.send(new ListObjectsV2Command({ Bucket: this.settings.bucket, Prefix: prefix, ContinuationToken: token }));
      } catch (error) {
        throw unavailable(error);
      }
      for (const object of page.Contents ?? []) {
        const sha256 = object.Key?.split('/').pop() ?? '';
        if (/^[0-9a-f]{64}$/.test(sha256)) yield { sha256, size: object.Size ?? 0, modifiedAt: object.LastModified ?? new Date(0) };
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
  }

  override close(): void {
    this.client.destroy();
    this.uploader.destroy();
  }
}

interface SdkError {
  name?: string;
  code?: string;
  $metadata?: { httpStatusCode?: number };
}

function isMissing(error: unknown): boolean {
  const { name, $metadata } = (error ?? {}) as SdkError;
  return name === 'NoSuchKey' || name === 'NotFound' || $metadata?.httpStatusCode === 404;
}

/** No answer at all (connection refused or reset, timeout) or a server error: worth another try. */
function isTransient(error: unknown): boolean {
  const { $metadata } = (error ?? {}) as SdkError;
  const status = $metadata?.httpStatusCode;
  return status === undefined || status >= 500 || status === 429;
}

function unavailable(error: unknown): StorageUnavailableError {
  const { name, code, $metadata } = (error ?? {}) as SdkError;
  return new StorageUnavailableError(`s3: ${code ?? name ?? 'error'}${$metadata?.httpStatusCode ? ` (HTTP ${$metadata.httpStatusCode})` : ''}`);
}
