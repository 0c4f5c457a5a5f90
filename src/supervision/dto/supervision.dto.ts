import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize, ArrayUnique, IsArray, IsEmail, IsIn, IsInt, IsISO31661Alpha2, IsOptional, IsString, IsUUID, MaxLength, Min, MinLength, ValidateNested,
} from 'class-validator';
import { IsCalendarDate } from '../../common/calendar-date.validator';
import { PageQuery } from '../../common/pagination';
import { IsOmittable } from '../../common/validation';
import { CLAUSE_TYPES } from '../../rules/clause-types';
import { IsCleanText } from '../../common/clean-text.validator';
import {
  ASSESSMENT_ITEM_CODES, ASSESSMENT_ITEM_STATUSES, ASSESSMENT_KINDS, ASSESSMENT_OUTCOMES, AssessmentKind, AssessmentOutcome, AUDIT_KINDS, AUDIT_RESULTS,
  AUDIT_STATUSES, AuditKind, AuditResult, AuditStatus, CERTIFICATE_KINDS, CertificateKind, EVIDENCE_KINDS, FINDING_SEVERITIES, FINDING_STATUSES,
  FindingSeverity, FindingStatus, SUBCONTRACTOR_STATUSES,
} from '../supervision.entities';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const lower = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toLowerCase() : value);
const upper = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toUpperCase() : value);

export class AssessmentItemDto {
  @ApiProperty({ enum: ASSESSMENT_ITEM_CODES })
  @IsIn(ASSESSMENT_ITEM_CODES)
  code!: (typeof ASSESSMENT_ITEM_CODES)[number];

  @ApiProperty({ enum: ASSESSMENT_ITEM_STATUSES })
  @IsIn(ASSESSMENT_ITEM_STATUSES)
  status!: (typeof ASSESSMENT_ITEM_STATUSES)[number];

  @ApiPropertyOptional({ description: `what was seen, e.g. ${EVIDENCE_KINDS.join(', ')}, or a document name`, maxLength: 500 })
  @IsOptional() @Transform(trim) @IsString() @IsCleanText({ multiline: true }) @MaxLength(500)
  evidence?: string;

  @ApiPropertyOptional()
  @IsOptional() @Transform(trim) @IsString() @IsCleanText({ multiline: true }) @MaxLength(2000)
  note?: string;
}

export class CreateAssessmentDto {
  @ApiProperty({ enum: ASSESSMENT_KINDS })
  @IsIn(ASSESSMENT_KINDS)
  kind!: AssessmentKind;

  @ApiProperty({ example: '2026-03-01' })
  @IsCalendarDate()
  completedOn!: string;

  @ApiProperty({ enum: ASSESSMENT_OUTCOMES })
  @IsIn(ASSESSMENT_OUTCOMES)
  outcome!: AssessmentOutcome;

  @ApiPropertyOptional()
  @IsOptional() @Transform(trim) @IsString() @IsCleanText({ multiline: true }) @MaxLength(4000)
  notes?: string;

  @ApiPropertyOptional({ description: 'required with approved-with-conditions' })
  @IsOptional() @Transform(trim) @IsString() @IsCleanText({ multiline: true }) @MinLength(1) @MaxLength(2000)
  conditions?: string;

  @ApiPropertyOptional({ description: 'required with approved-with-conditions' })
  @IsOptional() @IsCalendarDate()
  conditionsDueOn?: string;

  @ApiPropertyOptional({ type: [AssessmentItemDto] })
  @IsOptional() @IsArray() @ArrayMaxSize(ASSESSMENT_ITEM_CODES.length) @ValidateNested({ each: true }) @Type(() => AssessmentItemDto)
  items?: AssessmentItemDto[];

  @ApiPropertyOptional({
    type: [String], example: ['SG'],
    description: 'kind foreign-regime only (and required there): the countries other than Japan whose regime the review covers (外的環境の把握), ISO 3166-1 alpha-2',
  })
  @IsOptional() @Transform(({ value }) => (Array.isArray(value) ? value.map((item) => (typeof item === 'string' ? item.trim().toUpperCase() : item)) : value))
  @IsArray() @ArrayMaxSize(50) @ArrayUnique() @IsISO31661Alpha2({ each: true, message: 'countries must hold ISO 3166-1 alpha-2 codes' })
  countries?: string[];
}

export class CreateAuditDto {
  @ApiProperty({ enum: AUDIT_KINDS })
  @IsIn(AUDIT_KINDS)
  kind!: AuditKind;

  @ApiProperty({ example: '2027-01-20' })
  @IsCalendarDate()
  scheduledFor!: string;

  @ApiPropertyOptional()
  @IsOptional() @Transform(lower) @IsEmail({ require_tld: false }) @MaxLength(254)
  auditorEmail?: string;
}

export class UpdateAuditDto {
  @ApiProperty()
  @IsInt() @Min(1)
  version!: number;

  @ApiPropertyOptional({ enum: AUDIT_STATUSES })
  @IsOmittable() @IsIn(AUDIT_STATUSES)
  status?: AuditStatus;

  @ApiPropertyOptional({ description: 'defaults to today when the audit is completed' })
  @IsOptional() @IsCalendarDate()
  completedOn?: string;

  @ApiPropertyOptional({ enum: AUDIT_RESULTS })
  @IsOptional() @IsIn(AUDIT_RESULTS)
  result?: AuditResult;

  @ApiPropertyOptional()
  @IsOptional() @Transform(trim) @IsString() @IsCleanText({ multiline: true }) @MaxLength(4000)
  summary?: string;

  @ApiPropertyOptional()
  @IsOmittable() @IsCalendarDate()
  scheduledFor?: string;

  @ApiPropertyOptional()
  @IsOptional() @Transform(lower) @IsEmail({ require_tld: false }) @MaxLength(254)
  auditorEmail?: string;
}

export class AuditListQuery extends PageQuery {
  @ApiPropertyOptional() @IsOptional() @IsUUID()
  vendorId?: string;

  @ApiPropertyOptional({ enum: AUDIT_STATUSES }) @IsOptional() @IsIn(AUDIT_STATUSES)
  status?: AuditStatus;

  @ApiPropertyOptional({ description: 'scheduledFor on or after' }) @IsOptional() @IsCalendarDate()
  from?: string;

  @ApiPropertyOptional({ description: 'scheduledFor on or before' }) @IsOptional() @IsCalendarDate()
  to?: string;
}

export class CreateFindingDto {
  @ApiProperty({ maxLength: 300 })
  @Transform(trim) @IsString() @IsCleanText() @MinLength(1) @MaxLength(300)
  title!: string;

  @ApiProperty({ enum: FINDING_SEVERITIES })
  @IsIn(FINDING_SEVERITIES)
  severity!: FindingSeverity;

  @ApiPropertyOptional({ description: 'the clause type the finding is about' })
  @IsOptional() @IsIn(CLAUSE_TYPES.map((clauseType) => clauseType.code))
  clauseType?: string;

  @ApiProperty({ example: '2027-02-28' })
  @IsCalendarDate()
  dueOn!: string;

  @ApiPropertyOptional()
  @IsOptional() @Transform(lower) @IsEmail({ require_tld: false }) @MaxLength(254)
  ownerEmail?: string;

  @ApiPropertyOptional({ maxLength: 4000, description: 'what was found, in full' })
  @IsOptional() @Transform(trim) @IsString() @IsCleanText({ multiline: true }) @MaxLength(4000)
  description?: string;

  @ApiPropertyOptional({ maxLength: 4000, description: 'the corrective action the vendor will take, and by when' })
  @IsOptional() @Transform(trim) @IsString() @IsCleanText({ multiline: true }) @MaxLength(4000)
  correctiveActionPlan?: string;
}

export class UpdateFindingDto {
  @ApiProperty()
  @IsInt() @Min(1)
  version!: number;

  @ApiPropertyOptional({ enum: FINDING_STATUSES })
  @IsOmittable() @IsIn(FINDING_STATUSES)
  status?: FindingStatus;

  @ApiPropertyOptional({ description: 'required to resolve or accept the risk' })
  @IsOptional() @Transform(trim) @IsString() @IsCleanText({ multiline: true }) @MinLength(1) @MaxLength(2000)
  resolutionNote?: string;

  @ApiPropertyOptional()
  @IsOptional() @IsCalendarDate()
  dueOn?: string;

  @ApiPropertyOptional()
  @IsOptional() @Transform(lower) @IsEmail({ require_tld: false }) @MaxLength(254)
  ownerEmail?: string;

  @ApiPropertyOptional({ maxLength: 4000 })
  @IsOptional() @Transform(trim) @IsString() @IsCleanText({ multiline: true }) @MaxLength(4000)
  description?: string;

  @ApiPropertyOptional({ maxLength: 4000 })
  @IsOptional() @Transform(trim) @IsString() @IsCleanText({ multiline: true }) @MaxLength(4000)
  correctiveActionPlan?: string;
}

export class FindingListQuery extends PageQuery {
  @ApiPropertyOptional() @IsOptional() @IsUUID()
  vendorId?: string;

  @ApiPropertyOptional({ enum: FINDING_STATUSES }) @IsOptional() @IsIn(FINDING_STATUSES)
  status?: FindingStatus;

  @ApiPropertyOptional({ enum: FINDING_SEVERITIES }) @IsOptional() @IsIn(FINDING_SEVERITIES)
  severity?: FindingSeverity;
}

export class CreateSubcontractorDto {
  @ApiProperty({ maxLength: 200 })
  @Transform(trim) @IsString() @IsCleanText() @MinLength(1) @MaxLength(200)
  name!: string;

  @ApiProperty({ example: 'JP' })
  @Transform(upper) @IsISO31661Alpha2()
  country!: string;

  @ApiProperty({ example: 'データセンター運用' })
  @Transform(trim) @IsString() @IsCleanText({ multiline: true }) @MinLength(1) @MaxLength(2000)
  services!: string;

  @ApiPropertyOptional({ description: 'the subcontractor this one works for (a chain); omit for a direct subcontractor' })
  @IsOptional() @IsUUID()
  parentId?: string;

  @ApiPropertyOptional({ description: 'registering an approved subcontractor: the approval date' })
  @IsOptional() @IsCalendarDate()
  approvedOn?: string;

  @ApiPropertyOptional({ description: 'who approved it (name or e-mail)' })
  @IsOptional() @Transform(trim) @IsString() @IsCleanText() @MinLength(1) @MaxLength(200)
  approvedBy?: string;

  @ApiPropertyOptional({ description: 'when the vendor announced it (default today); starts the objection period' })
  @IsOptional() @IsCalendarDate()
  announcedOn?: string;
}

export class UpdateSubcontractorDto {
  @ApiProperty()
  @IsInt() @Min(1)
  version!: number;

  @ApiPropertyOptional({ enum: SUBCONTRACTOR_STATUSES })
  @IsOmittable() @IsIn(SUBCONTRACTOR_STATUSES)
  status?: (typeof SUBCONTRACTOR_STATUSES)[number];

  @ApiPropertyOptional() @IsOptional() @IsCalendarDate()
  approvedOn?: string;

  @ApiPropertyOptional() @IsOptional() @Transform(trim) @IsString() @IsCleanText() @MinLength(1) @MaxLength(200)
  approvedBy?: string;

  @ApiPropertyOptional({ description: 'required to object' }) @IsOptional() @Transform(trim) @IsString() @IsCleanText({ multiline: true }) @MinLength(1) @MaxLength(2000)
  objectionReason?: string;

  @ApiPropertyOptional() @IsOmittable() @Transform(trim) @IsString() @IsCleanText() @MinLength(1) @MaxLength(200)
  name?: string;

  @ApiPropertyOptional() @IsOmittable() @Transform(upper) @IsISO31661Alpha2()
  country?: string;

  @ApiPropertyOptional() @IsOmittable() @Transform(trim) @IsString() @IsCleanText({ multiline: true }) @MinLength(1) @MaxLength(2000)
  services?: string;

  @ApiPropertyOptional({ nullable: true, description: 'move it in the chain; cycles are refused' })
  @IsOptional() @IsUUID()
  parentId?: string | null;
}

export class CreateCertificateDto {
  @ApiProperty({ enum: CERTIFICATE_KINDS })
  @IsIn(CERTIFICATE_KINDS)
  kind!: CertificateKind;

  @ApiPropertyOptional() @IsOptional() @Transform(trim) @IsString() @IsCleanText() @MaxLength(200)
  issuer?: string;

  @ApiPropertyOptional() @IsOptional() @Transform(trim) @IsString() @IsCleanText() @MaxLength(100)
  number?: string;

  @ApiPropertyOptional() @IsOptional() @Transform(trim) @IsString() @IsCleanText({ multiline: true }) @MaxLength(1000)
  scope?: string;

  @ApiProperty({ example: '2027-09-30' })
  @IsCalendarDate()
  validUntil!: string;
}

export class CreateDeletionCertificateDto {
  @ApiProperty({ example: '2026-11-20' })
  @IsCalendarDate()
  receivedOn!: string;

  @ApiPropertyOptional({ description: 'the contract whose data it covers' })
  @IsOptional() @IsUUID()
  contractId?: string;

  @ApiPropertyOptional() @IsOptional() @Transform(trim) @IsString() @IsCleanText({ multiline: true }) @MaxLength(2000)
  note?: string;
}
