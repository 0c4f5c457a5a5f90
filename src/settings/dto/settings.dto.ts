import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min, ValidateNested } from 'class-validator';

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
}
