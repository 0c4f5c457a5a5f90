import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { LOCALES, Locale } from '../../i18n/locale';
import { VendorListQuery } from '../../vendors/dto/vendor.dto';
import { EXPORT_VALUES, ExportValues } from '../export-cells';
import { EXPORT_FORMATS, ExportFormat } from '../../register-file/spreadsheet-writer';

/** The vendor list's filters and sort (paging is accepted and ignored: an export has every match). */
export class ExportQuery extends VendorListQuery {
  @ApiPropertyOptional({ enum: EXPORT_FORMATS, default: 'csv' })
  @IsOptional() @IsIn(EXPORT_FORMATS)
  format?: ExportFormat;

  @ApiPropertyOptional({ enum: LOCALES, description: 'header language (default: your own)' })
  @IsOptional() @IsIn(LOCALES)
  lang?: Locale;

  @ApiPropertyOptional({ enum: EXPORT_VALUES, description: 'labels: enumerated cells as labels, countries by name, timestamps on the ORG_TIMEZONE wall clock, in the export\'s language (default); codes: the API\'s codes and ISO 8601, machine-readable' })
  @IsOptional() @IsIn(EXPORT_VALUES)
  values?: ExportValues;
}
