import { CallHandler, ExecutionContext, HttpException, HttpStatus, Injectable, NestInterceptor, Type } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { Observable } from 'rxjs';
import { DomainError, ValidationError } from '../common/domain-errors';
import { MAX_IMPORT_BYTES } from './import-result';

/** Multer in memory, one file in the field `file`, at most 10 MB (MAX_IMPORT_BYTES) and a few small text fields. */
const Multipart: Type<NestInterceptor> = FileInterceptor('file', {
  limits: { fileSize: MAX_IMPORT_BYTES, files: 1, fields: 5, fieldSize: 1024, parts: 8 },
});

/**
 * Reads the upload, and turns multer's and busboy's errors (413 "File too large", "Unexpected
 * field", a broken multipart body) into the API's 400 naming the `file` field and the limit, in the
 * caller's language: bad input is a 400, never a 413 without explanation or a 500.
 */
@Injectable()
export class SpreadsheetUploadInterceptor implements NestInterceptor {
  private readonly multipart = new Multipart();

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    try {
      return await this.multipart.intercept(context, next);
    } catch (error) {
      if (error instanceof DomainError) throw error;
      if (error instanceof HttpException && error.getStatus() === HttpStatus.PAYLOAD_TOO_LARGE) {
        throw new ValidationError({ field: 'file', code: 'import-file-too-large', params: { max: MAX_IMPORT_BYTES / 1024 / 1024 } });
      }
      const detail = error instanceof Error ? error.message : String(error);
      if (/unexpected (file )?field/i.test(detail)) throw new ValidationError({ field: 'file', code: 'import-file-missing' });
      throw new ValidationError({ field: 'file', code: 'file-malformed', params: { detail } });
    }
  }
}
