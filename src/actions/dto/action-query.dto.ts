import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { IsCalendarDate } from '../../common/calendar-date.validator';
import { PageQuery } from '../../common/pagination';
import { ACTION_KINDS, ActionKind, RESPONSIBLE_ROLES, ResponsibleRole } from '../../rules/actions';
import { RISK_TIERS, RiskTier } from '../../rules/vendor-facts';

export class ActionListQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'only the vendors the caller owns (ownerEmail is the caller\'s e-mail)' })
  @IsOptional() @IsIn(['true', 'false'])
  mine?: 'true' | 'false';

  @ApiPropertyOptional({ enum: RESPONSIBLE_ROLES, description: 'the role that acts' })
  @IsOptional() @IsIn(RESPONSIBLE_ROLES)
  role?: ResponsibleRole;

  @ApiPropertyOptional({ enum: ACTION_KINDS })
  @IsOptional() @IsIn(ACTION_KINDS)
  kind?: ActionKind;

  @ApiPropertyOptional({ enum: RISK_TIERS })
  @IsOptional() @IsIn(RISK_TIERS)
  riskTier?: RiskTier;

  @ApiPropertyOptional({ example: '2026-12-31', description: 'evaluate on this date (default: today in ORG_TIMEZONE)' })
  @IsOptional() @IsCalendarDate()
  asOf?: string;
}
