import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { EXPORT_FORMATS, ExportFormat } from '../../register-file/spreadsheet-writer';
import { LOCALES, Locale } from '../../i18n/locale';

const FLAGS = ['true', 'false', '1', '0'] as const;

export class ImportVendorsQuery {
  @ApiPropertyOptional({ enum: FLAGS, default: 'false', description: 'true: report what would be created or updated and every error, write nothing' })
  @IsOptional() @IsIn(FLAGS)
  dryRun?: (typeof FLAGS)[number];

  @ApiPropertyOptional({ enum: LOCALES, description: 'language of the error reasons (default: your own)' })
  @IsOptional() @IsIn(LOCALES)
  lang?: Locale;
}

/** The multipart form's text fields besides `file` (a page's form may send dryRun this way). */
export class ImportVendorsForm {
  @ApiPropertyOptional({ enum: FLAGS })
  @IsOptional() @IsIn(FLAGS)
  dryRun?: (typeof FLAGS)[number];
}

export class TemplateQuery {
  @ApiPropertyOptional({ enum: EXPORT_FORMATS, default: 'csv' })
  @IsOptional() @IsIn(EXPORT_FORMATS)
  format?: ExportFormat;

  @ApiPropertyOptional({ enum: LOCALES, description: 'header language (default: your own)' })
  @IsOptional() @IsIn(LOCALES)
  lang?: Locale;
}

export const isTrue = (flag: string | undefined): boolean => flag === 'true' || flag === '1';
