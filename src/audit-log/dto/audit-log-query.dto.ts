import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches, MaxLength } from 'class-validator';
import { PageQuery } from '../../common/pagination';
import { problemCode } from '../../common/validation';
import { AUDIT_ACTIONS, AuditAction } from '../audit-log-entry.entity';

/** A calendar date (whole day in ORG_TIMEZONE) or an ISO 8601 timestamp. */
const DATE_OR_TIMESTAMP = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2}))?$/;

export class AuditLogQuery extends PageQuery {
  @ApiPropertyOptional({ example: 'vendor', description: 'vendor, contract, checklist, user, settings, audit, finding, …' })
  @IsOptional() @Matches(/^[a-z][a-z-]{0,39}$/, problemCode('entity-type-format'))
  entityType?: string;

  @ApiPropertyOptional()
  @IsOptional() @MaxLength(80)
  entityId?: string;

  @ApiPropertyOptional({ description: "the actor's user id or e-mail" })
  @IsOptional() @MaxLength(254)
  actor?: string;

  @ApiPropertyOptional({ enum: AUDIT_ACTIONS })
  @IsOptional() @IsIn(AUDIT_ACTIONS)
  action?: AuditAction;

  @ApiPropertyOptional({ example: '2026-11-01', description: 'from this date (00:00 in ORG_TIMEZONE) or instant, inclusive' })
  @IsOptional() @Matches(DATE_OR_TIMESTAMP, problemCode('date-or-instant-format'))
  from?: string;

  @ApiPropertyOptional({ example: '2026-11-30', description: 'up to this date (its end in ORG_TIMEZONE) or instant, inclusive' })
  @IsOptional() @Matches(DATE_OR_TIMESTAMP, problemCode('date-or-instant-format'))
  to?: string;
}
