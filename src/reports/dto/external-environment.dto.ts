import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { IsCalendarDate } from '../../common/calendar-date.validator';
import { ReportLanguageQuery } from './report-language.dto';

/** The day the disclosure is "as it was on" (default: today in ORG_TIMEZONE), and the file's language. */
export class ExternalEnvironmentQuery extends ReportLanguageQuery {
  @ApiPropertyOptional({ description: 'as it was on (YYYY-MM-DD; default: today in ORG_TIMEZONE)' })
  @IsOptional() @IsCalendarDate()
  asOf?: string;
}
