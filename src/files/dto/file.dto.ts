import { problemCode } from '../../common/validation';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBooleanString, IsInt, IsOptional, IsString, IsUUID, Matches, MaxLength, Min, MinLength } from 'class-validator';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
/** An HTML form sends an empty field for "not given". */
const blankIsAbsent = ({ value }: { value: unknown }) => (typeof value === 'string' && value.trim() === '' ? undefined : trim({ value }));

/** The text fields of a multipart upload (the file itself is the part `file`). */
export class UploadFileForm {
  @ApiPropertyOptional({ description: 'title of a new document (default: the file name)', maxLength: 200 })
  @IsOptional() @Transform(blankIsAbsent) @IsString() @MinLength(1) @MaxLength(200)
  title?: string;

  @ApiPropertyOptional({ description: 'add the file as the next version of this document of the record; without it, a new document' })
  @IsOptional() @Transform(blankIsAbsent) @IsUUID()
  documentId?: string;
}

export class SupersedeFileDto {
  @ApiProperty({ description: 'the version (optimistic lock) of the file as read' })
  @Type(() => Number) @IsInt() @Min(0)
  version!: number;

  @ApiPropertyOptional({ description: 'why it no longer applies', maxLength: 1000 })
  @IsOptional() @Transform(blankIsAbsent) @IsString() @MaxLength(1000)
  note?: string;
}

export class DeleteFileDto {
  @ApiProperty({ description: 'why the file is deleted (kept in the audit log with its SHA-256)', minLength: 1, maxLength: 1000 })
  @Transform(trim) @Matches(/^[\s\S]{1,1000}$/, problemCode('delete-reason-required'))
  reason!: string;
}

export class ContentQuery {
  @ApiPropertyOptional({ description: '`true` shows a PDF or an image in the browser (strict CSP); anything else is always an attachment' })
  @IsOptional() @IsBooleanString()
  inline?: string;
}
