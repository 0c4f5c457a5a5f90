import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { LOCALES, Locale } from '../../i18n/locale';
import { VendorListQuery } from '../../vendors/dto/vendor.dto';
import { EXPORT_FORMATS, ExportFormat } from '../../register-file/spreadsheet-writer';

/** The vendor list's filters and sort (paging is accepted and ignored: an export has every match). */
export class ExportQuery extends VendorListQuery {
  @ApiPropertyOptional({ enum: EXPORT_FORMATS, default: 'csv' })
  @IsOptional() @IsIn(EXPORT_FORMATS)
  format?: ExportFormat;

  @ApiPropertyOptional({ enum: LOCALES, description: 'header language (default: your own)' })
  @IsOptional() @IsIn(LOCALES)
  lang?: Locale;
}
