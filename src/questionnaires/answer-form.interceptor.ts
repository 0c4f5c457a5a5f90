import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { Request, RequestHandler, Response } from 'express';
import multer, { MulterError } from 'multer';
import { mkdirSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { Observable, finalize } from 'rxjs';
import { AppConfig } from '../config/app-config';
import { FileRefusedError } from '../files/file-errors';
import { incomingFolder } from '../files/file-upload.interceptor';

/** The most files one save of the answer page may carry (one per file question). */
const MAX_FILES = 20;

/**
 * Reads the answer page's form, which is multipart (answers and, for file questions, one file each
 * as `file__<question>`): files stream to temporary files under the FILES_MAX_MB limit (the files
 * service then checks type and size as for every upload) and are removed when the request is done.
 * A plain urlencoded form passes through untouched. It runs after the link's guard.
 */
@Injectable()
export class AnswerFormInterceptor implements NestInterceptor {
  private readonly read: RequestHandler;

  constructor(
    private readonly config: AppConfig,
  ) {
    const destination = incomingFolder(config);
    mkdirSync(destination, { recursive: true });
    this.read = multer({
      storage: multer.diskStorage({ destination }),
      limits: { fileSize: config.files.maxBytes, files: MAX_FILES, fields: 2000, fieldSize: 64_000, parts: 2000 + MAX_FILES, headerPairs: 200 },
      defParamCharset: 'utf8',
    }).any();
  }

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const request = context.switchToHttp().getRequest<Request>();
    const response = context.switchToHttp().getResponse<Response>();
    await new Promise<void>((resolve, reject) => this.read(request, response, (error?: unknown) => (error ? reject(this.refusal(error)) : resolve())));
    const paths = ((request.files as Express.Multer.File[] | undefined) ?? []).map((file) => file.path);
    return next.handle().pipe(finalize(() => void Promise.all(paths.map((path) => rm(path, { force: true })))));
  }

  private refusal(error: unknown): FileRefusedError {
    const code = error instanceof MulterError ? error.code : undefined;
    if (code === 'LIMIT_FILE_SIZE') return new FileRefusedError('file-too-large', { max: this.config.files.maxBytes / 1_000_000 });
    return new FileRefusedError('file-malformed', { detail: error instanceof Error ? error.message : String(error) });
  }

}
