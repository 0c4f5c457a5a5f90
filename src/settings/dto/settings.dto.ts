import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsBoolean, IsIn, IsInt, IsOptional, Max, Min, ValidateNested } from 'class-validator';
import { TELECOM_BUREAUS, TelecomBureau } from '../../rules/organisation-profile';
import { IsOmittable } from '../../common/validation';

export class AuditIntervalsDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 120, default: 12 })
  @IsOptional() @IsInt() @Min(1) @Max(120)
  high?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 120, default: 24 })
  @IsOptional() @IsInt() @Min(1) @Max(120)
  medium?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 120, default: 36 })
  @IsOptional() @IsInt() @Min(1) @Max(120)
  low?: number;
}

const days = () =>
  applyDecorators(IsOptional(), IsArray(), ArrayMinSize(1), ArrayMaxSize(5), ArrayUnique(), IsInt({ each: true }), Min(1, { each: true }), Max(365, { each: true }));

/** Days before a deadline that a reminder goes out, e.g. [30, 7]. */
export class ReminderDaysDto {
  @ApiPropertyOptional({ type: [Number], example: [30, 7] }) @days()
  auditDueDays?: number[];

  @ApiPropertyOptional({ type: [Number], example: [90, 30] }) @days()
  contractExpiryDays?: number[];

  @ApiPropertyOptional({ type: [Number], example: [30, 7] }) @days()
  noticeDeadlineDays?: number[];

  @ApiPropertyOptional({ type: [Number], example: [7] }) @days()
  findingDueDays?: number[];

  @ApiPropertyOptional({ type: [Number], example: [60] }) @days()
  certificateExpiryDays?: number[];

  @ApiPropertyOptional({ type: [Number], example: [3] }) @days()
  objectionDeadlineDays?: number[];
}

/** Which frameworks bind the company (legal-model.md §1); each field is optional in a change. */
export class OrganisationProfileDto {
  @ApiPropertyOptional({ default: true, description: '電気通信事業者: the telecom requirements apply; leak reports go to the bureau' })
  @IsOmittable() @IsBoolean()
  telecomCarrier?: boolean;

  @ApiPropertyOptional({ enum: TELECOM_BUREAUS, default: 'kanto', description: '管轄の総合通信局 (kanto = 関東総合通信局)' })
  @IsOmittable() @IsIn(TELECOM_BUREAUS)
  telecomBureau?: TelecomBureau;

  @ApiPropertyOptional({ default: false, description: 'プライバシーマーク付与事業者: the JIS Q 15001 requirements apply' })
  @IsOmittable() @IsBoolean()
  privacyMark?: boolean;

  @ApiPropertyOptional({ default: false, description: 'ISMS certified: the ISO/IEC 27001 requirements apply' })
  @IsOmittable() @IsBoolean()
  isms?: boolean;

  @ApiPropertyOptional({ default: true, description: "the privacy policy promises vendor supervision: what the guideline only recommends binds as company policy" })
  @IsOmittable() @IsBoolean()
  policyPromises?: boolean;
}

export class UpdateSettingsDto {
  @ApiProperty({ description: 'the version you read (0 before the first change); a stale one gets 409' })
  @IsInt() @Min(0)
  version!: number;

  @ApiPropertyOptional({ type: AuditIntervalsDto, description: 'months between audits by risk tier' })
  @IsOptional() @ValidateNested() @Type(() => AuditIntervalsDto)
  auditIntervalMonths?: AuditIntervalsDto;

  @ApiPropertyOptional({ minimum: 1, maximum: 90, default: 14, description: 'days to object to an announced subcontractor' })
  @IsOptional() @IsInt() @Min(1) @Max(90)
  objectionDays?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 365, default: 30, description: 'days after an incident (漏えい等) within which the vendor is audited again, unless an audit is completed after it (company policy)' })
  @IsOptional() @IsInt() @Min(1) @Max(365)
  incidentAuditDays?: number;

  @ApiPropertyOptional({ type: ReminderDaysDto })
  @IsOptional() @ValidateNested() @Type(() => ReminderDaysDto)
  reminderDays?: ReminderDaysDto;

  @ApiPropertyOptional({ type: OrganisationProfileDto, description: "the organisation's profile: which frameworks bind the company" })
  @IsOptional() @ValidateNested() @Type(() => OrganisationProfileDto)
  organisationProfile?: OrganisationProfileDto;
}
