import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { IsCalendarDate } from '../../common/calendar-date.validator';
import { ReportLanguageQuery } from './report-language.dto';

/** The board report's period: `from` to `asOf` (default: the 90 days up to today), and the file's language. */
export class BoardReportQuery extends ReportLanguageQuery {
  @ApiPropertyOptional({ description: 'first day (YYYY-MM-DD; default: 89 days before asOf)' })
  @IsOptional() @IsCalendarDate()
  from?: string;

  @ApiPropertyOptional({ description: 'last day, "as it was on" (YYYY-MM-DD; default: today in ORG_TIMEZONE)' })
  @IsOptional() @IsCalendarDate()
  asOf?: string;
}
