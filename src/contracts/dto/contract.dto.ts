import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min, MinLength, ValidateIf, ValidateNested } from 'class-validator';
import { IsCalendarDate } from '../../common/calendar-date.validator';
import { IsOmittable } from '../../common/validation';
import { CONTRACT_KINDS, CONTRACT_STATUSES, ContractKind, ContractStatus, REVIEW_STATUSES, ReviewStatus } from '../../rules/contracts';
import { IsCleanText } from '../../common/clean-text.validator';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

class ContractFields {
  @ApiPropertyOptional({ example: '個人情報の取扱いに関する業務委託契約書', maxLength: 200 })
  @Transform(trim) @IsString() @IsCleanText() @MinLength(1) @MaxLength(200)
  title!: string;

  @ApiPropertyOptional({ enum: CONTRACT_KINDS })
  @IsIn(CONTRACT_KINDS)
  kind!: ContractKind;

  @ApiPropertyOptional({ enum: CONTRACT_STATUSES, default: 'draft', description: 'existing contracts may be registered directly as signed' })
  @IsOmittable() @IsIn(CONTRACT_STATUSES)
  status?: ContractStatus;

  @ApiPropertyOptional({ example: '2024-03-15', nullable: true })
  @IsOptional() @IsCalendarDate()
  signedOn?: string | null;

  @ApiPropertyOptional({ example: '2024-04-01' })
  @IsCalendarDate()
  effectiveFrom!: string;

  @ApiPropertyOptional({ example: '2027-03-31', nullable: true })
  @IsOptional() @IsCalendarDate()
  expiresOn?: string | null;

  @ApiPropertyOptional({ default: false })
  @IsOmittable() @IsBoolean()
  autoRenew?: boolean;

  @ApiPropertyOptional({ minimum: 0, maximum: 3650, nullable: true, description: 'days of notice before expiresOn to stop renewal or end the contract' })
  @IsOptional() @IsInt() @Min(0) @Max(3650)
  noticeDays?: number | null;

  @ApiPropertyOptional({ minimum: 1, maximum: 8760, nullable: true, example: 24, description: 'hours the vendor has to tell us of an incident (漏えい等), from becoming aware of it; late notice is shown on the incident' })
  @IsOptional() @IsInt() @Min(1) @Max(8760)
  incidentNoticeHours?: number | null;

  @ApiPropertyOptional({ example: '日本法', nullable: true })
  @IsOptional() @Transform(trim) @IsString() @IsCleanText() @MaxLength(100)
  governingLaw?: string | null;

  @ApiPropertyOptional({ example: 'DMS-2024-0412', nullable: true, description: 'where the signed document is kept' })
  @IsOptional() @Transform(trim) @IsString() @IsCleanText() @MaxLength(500)
  documentRef?: string | null;

  @ApiPropertyOptional({ example: '契約終了後30日', nullable: true, maxLength: 200, description: 'how long the vendor keeps the data, in the contract\'s words (required for communications data: retention-period-missing)' })
  @IsOptional() @Transform(trim) @IsString() @IsCleanText() @MaxLength(200)
  retentionPeriod?: string | null;
}

export class CreateContractDto extends ContractFields {
  @ApiProperty({ example: '個人情報の取扱いに関する業務委託契約書' })
  override title!: string;

  @ApiProperty({ enum: CONTRACT_KINDS })
  override kind!: ContractKind;

  @ApiProperty({ example: '2024-04-01' })
  override effectiveFrom!: string;
}

export class UpdateContractDto extends ContractFields {
  @ApiProperty({ description: 'the version you read; a stale one gets 409' })
  @IsInt() @Min(1)
  version!: number;

  @ValidateIf((dto: UpdateContractDto) => dto.title !== undefined)
  override title!: string;

  @ValidateIf((dto: UpdateContractDto) => dto.kind !== undefined)
  override kind!: ContractKind;

  @ValidateIf((dto: UpdateContractDto) => dto.effectiveFrom !== undefined)
  override effectiveFrom!: string;
}

export class UpdateChecklistItemDto {
  @ApiProperty({ enum: REVIEW_STATUSES })
  @IsIn(REVIEW_STATUSES)
  status!: ReviewStatus;

  @ApiPropertyOptional({ example: '第12条', nullable: true })
  @IsOptional() @Transform(trim) @IsString() @IsCleanText() @MaxLength(100)
  section?: string | null;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional() @Transform(trim) @IsString() @IsCleanText({ multiline: true }) @MaxLength(2000)
  note?: string | null;

  @ApiProperty({ description: 'the checklist version you read; a stale one gets 409' })
  @IsInt() @Min(1)
  version!: number;
}

/** Why a required clause type reviewed as missing or partial is accepted at sign-off. */
export class ApprovalExceptionDto {
  @ApiProperty({ example: 'audit-rights' })
  @IsString() @MaxLength(40)
  clauseType!: string;

  @ApiProperty({ maxLength: 1000, example: '次回更新時に監査条項を追加する旨の覚書を締結予定' })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value)) @IsString() @IsCleanText({ multiline: true }) @MinLength(1) @MaxLength(1000)
  note!: string;
}

export class ApproveChecklistDto {
  @ApiProperty({ description: 'the checklist version you reviewed' })
  @IsInt() @Min(1)
  version!: number;

  @ApiPropertyOptional({ type: [ApprovalExceptionDto], description: 'one note per required clause type reviewed as missing or partial (approved with exceptions)' })
  @IsOptional() @IsArray() @ArrayMaxSize(100) @ValidateNested({ each: true }) @Type(() => ApprovalExceptionDto)
  exceptions?: ApprovalExceptionDto[];
}
