import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { LOCALES, Locale } from '../../i18n/locale';

/** The language of a report file (default: the caller's own). */
export class ReportLanguageQuery {
  @ApiPropertyOptional({ enum: LOCALES, description: 'language of the file (default: your own)' })
  @IsOptional() @IsIn(LOCALES)
  lang?: Locale;
}
