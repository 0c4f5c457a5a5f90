import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsEmail, IsIn, IsOptional, IsUUID, MaxLength, ValidateNested } from 'class-validator';
import { IsCalendarDate } from '../../common/calendar-date.validator';
import { PageQuery } from '../../common/pagination';
import { AUDIT_KINDS, AuditKind } from '../../supervision/supervision.entities';

/** The most audits one plan creates in one transaction. */
export const MAX_PLANNED_AUDITS = 1000;

export class AuditPlanQuery extends PageQuery {
  @ApiProperty({ example: '2027-04-01', description: 'first day of the period in which the audits fall due' })
  @IsCalendarDate()
  from!: string;

  @ApiProperty({ example: '2028-03-31', description: 'last day of the period' })
  @IsCalendarDate()
  to!: string;
}

export class PlannedAuditDto {
  @ApiProperty()
  @IsUUID()
  vendorId!: string;

  @ApiProperty({ enum: AUDIT_KINDS })
  @IsIn(AUDIT_KINDS)
  kind!: AuditKind;

  @ApiProperty({ example: '2027-06-15' })
  @IsCalendarDate()
  scheduledFor!: string;

  @ApiPropertyOptional()
  @IsOptional() @Transform(({ value }) => (typeof value === 'string' ? value.trim().toLowerCase() : value)) @IsEmail({ require_tld: false }) @MaxLength(254)
  auditorEmail?: string;
}

export class CreateAuditPlanDto {
  @ApiProperty({ type: [PlannedAuditDto], description: 'one planned audit per vendor; all are created in one transaction, or none' })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(MAX_PLANNED_AUDITS) @ValidateNested({ each: true }) @Type(() => PlannedAuditDto)
  audits!: PlannedAuditDto[];
}
