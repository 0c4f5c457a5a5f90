import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { IsCalendarDate } from '../../common/calendar-date.validator';
import { PageQuery } from '../../common/pagination';
import { FLAG_CODES, FlagCode, SEVERITIES, Severity } from '../../rules/flags';

export class AsOfQuery {
  @ApiPropertyOptional({ example: '2026-12-31', description: 'evaluate on this date (default: today in ORG_TIMEZONE)' })
  @IsOptional() @IsCalendarDate()
  asOf?: string;
}

export class FlagListQuery extends PageQuery {
  @ApiPropertyOptional({ enum: FLAG_CODES })
  @IsOptional() @IsIn(FLAG_CODES)
  code?: FlagCode;

  @ApiPropertyOptional({ enum: SEVERITIES })
  @IsOptional() @IsIn(SEVERITIES)
  severity?: Severity;

  @ApiPropertyOptional()
  @IsOptional() @IsUUID()
  vendorId?: string;

  @ApiPropertyOptional({ example: '2026-12-31', description: 'evaluate on this date (default: today in ORG_TIMEZONE)' })
  @IsOptional() @IsCalendarDate()
  asOf?: string;
}
