import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { Request, RequestHandler, Response } from 'express';
import multer, { MulterError } from 'multer';
import { mkdirSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Observable, finalize } from 'rxjs';
import { AppConfig } from '../config/app-config';
import { FileRefusedError } from './file-errors';

/** Where uploads are streamed to before they are checked and stored (removed after every request). */
export function incomingFolder(config: AppConfig): string {
  return join(config.dataDir, 'tmp', 'uploads');
}

/** What the handlers receive: multer's description of the file on disk. */
export type IncomingFile = Pick<Express.Multer.File, 'path' | 'originalname' | 'size'>;

/**
 * Streams the multipart part `file` to a temporary file, enforcing FILES_MAX_MB while it streams:
 * busboy stops reading at the limit and multer removes the partial file, so a refused upload leaves
 * nothing behind. File names are read as UTF-8 (as browsers send them), so Japanese names survive.
 * The temporary file is removed when the request is done, whatever the handler did with it.
 * It runs after the access guard: a caller who may not upload is refused before a byte is read.
 */
@Injectable()
export class FileUploadInterceptor implements NestInterceptor {
  private readonly upload: RequestHandler;

  constructor(private readonly config: AppConfig) {
    const destination = incomingFolder(config);
    mkdirSync(destination, { recursive: true });
    this.upload = multer({
      storage: multer.diskStorage({ destination }),
      limits: { fileSize: config.files.maxBytes, files: 1, fields: 4, fieldSize: 1000, parts: 5, headerPairs: 50 },
      defParamCharset: 'utf8',
    }).single('file');
  }

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const request = context.switchToHttp().getRequest<Request & { user?: { locale?: string } }>();
    const response = context.switchToHttp().getResponse<Response>();
    await new Promise<void>((resolve, reject) => this.upload(request, response, (error?: unknown) => (error ? reject(this.refusal(error)) : resolve())));
    const path = request.file?.path;
    return next.handle().pipe(finalize(() => void (path && rm(path, { force: true }))));
  }

  private refusal(error: unknown): FileRefusedError {
    const code = error instanceof MulterError ? error.code : undefined;
    if (code === 'LIMIT_FILE_SIZE') return new FileRefusedError('file-too-large', { max: this.config.files.maxBytes / 1_000_000 });
    if (code === 'LIMIT_UNEXPECTED_FILE' || code === 'LIMIT_FILE_COUNT') return new FileRefusedError('file-malformed', {}, 'file-one');
    return new FileRefusedError('file-malformed', { detail: error instanceof Error ? error.message : String(error) });
  }
}
