import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsIn, IsOptional, MaxLength } from 'class-validator';
import { IsCalendarDate } from '../../common/calendar-date.validator';
import { PageQuery } from '../../common/pagination';
import { NOTIFICATION_STATUSES, NotificationStatus } from '../notification.entity';

export class NotificationListQuery extends PageQuery {
  @ApiPropertyOptional({ enum: NOTIFICATION_STATUSES })
  @IsOptional() @IsIn(NOTIFICATION_STATUSES)
  status?: NotificationStatus;

  @ApiPropertyOptional()
  @IsOptional() @IsEmail({ require_tld: false }) @MaxLength(254)
  recipient?: string;
}

export class RunRemindersDto {
  @ApiPropertyOptional({ example: '2026-12-01', description: 'select reminders as of this date (default today in ORG_TIMEZONE)' })
  @IsOptional() @IsCalendarDate()
  asOf?: string;
}
