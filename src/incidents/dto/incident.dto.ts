import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize, ArrayUnique, IsArray, IsBoolean, IsIn, IsInt, IsObject, IsOptional, IsString, IsUUID, Max, MaxLength, Min, MinLength, ValidateIf, ValidateNested,
} from 'class-validator';
import { IsCleanText } from '../../common/clean-text.validator';
import { PageQuery } from '../../common/pagination';
import { IsTimestamp } from '../../common/timestamp.validator';
import { IsOmittable } from '../../common/validation';
import { INCIDENT_STATUSES, IncidentStatus } from '../../rules/incident-flags';
import { INCIDENT_KINDS, IncidentKind, OBLIGATION_CODES, ObligationCode } from '../../rules/incident-obligations';
import { DATA_CATEGORIES, DataCategory } from '../../rules/vendor-facts';
import { REPORT_ITEM_STATES, REPORT_ITEMS, ReportItem, ReportItemState } from '../incident.entities';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const TIMESTAMP_EXAMPLE = '2026-03-01T18:30:00+09:00';

/** The facts of an incident; each optional in a change. */
class IncidentFields {
  @ApiPropertyOptional({ example: '委託先での顧客データの誤送信', maxLength: 200 })
  @Transform(trim) @IsString() @IsCleanText() @MinLength(1) @MaxLength(200)
  title!: string;

  @ApiPropertyOptional({ nullable: true, maxLength: 4000 })
  @IsOptional() @Transform(trim) @IsString() @IsCleanText({ multiline: true }) @MaxLength(4000)
  description?: string | null;

  @ApiPropertyOptional({ enum: INCIDENT_KINDS, description: 'leak 漏えい, loss 滅失, damage 毀損, unauthorised-access 不正アクセス等' })
  @IsIn(INCIDENT_KINDS)
  kind!: IncidentKind;

  @ApiPropertyOptional({ nullable: true, description: "a contract of the vendor (its incidentNoticeHours is the notice period checked; default: the strictest contract in force)" })
  @IsOptional() @IsUUID()
  contractId?: string | null;

  @ApiPropertyOptional({ nullable: true, description: 'the subcontractor (再委託先) of the vendor where it happened' })
  @IsOptional() @IsUUID()
  subcontractorId?: string | null;

  @ApiPropertyOptional({ nullable: true, example: TIMESTAMP_EXAMPLE, description: 'when it happened (may be an estimate: occurredAtEstimated)' })
  @IsOptional() @IsTimestamp()
  occurredAt?: string | null;

  @ApiPropertyOptional({ default: false })
  @IsOmittable() @IsBoolean()
  occurredAtEstimated?: boolean;

  @ApiPropertyOptional({ nullable: true, example: TIMESTAMP_EXAMPLE, description: 'when the vendor became aware' })
  @IsOptional() @IsTimestamp()
  vendorAwareAt?: string | null;

  @ApiPropertyOptional({ nullable: true, example: TIMESTAMP_EXAMPLE, description: 'when the vendor told us' })
  @IsOptional() @IsTimestamp()
  notifiedAt?: string | null;

  @ApiPropertyOptional({ example: TIMESTAMP_EXAMPLE, description: 'when we became aware: every clock starts here (default: notifiedAt)' })
  @IsOmittable() @IsTimestamp()
  awareAt?: string;

  @ApiPropertyOptional({ enum: DATA_CATEGORIES, isArray: true, default: [] })
  @IsOmittable() @IsArray() @ArrayMaxSize(DATA_CATEGORIES.length) @ArrayUnique() @IsIn(DATA_CATEGORIES, { each: true })
  dataCategories?: DataCategory[];

  @ApiPropertyOptional({ nullable: true, minimum: 0, description: 'how many persons (or, with personsAtLeast, at least how many); null while unknown' })
  @IsOptional() @IsInt() @Min(0) @Max(1_000_000_000)
  personsAffected?: number | null;

  @ApiPropertyOptional({ default: false, description: 'personsAffected is an "at least" estimate' })
  @IsOmittable() @IsBoolean()
  personsAtLeast?: boolean;

  @ApiPropertyOptional({ default: false, description: '要配慮個人情報 (PPC rules Art. 7(1))' })
  @IsOmittable() @IsBoolean()
  sensitiveData?: boolean;

  @ApiPropertyOptional({ default: false, description: 'misuse could cause financial loss (Art. 7(2))' })
  @IsOmittable() @IsBoolean()
  financialLossRisk?: boolean;

  @ApiPropertyOptional({ default: false, description: 'suspected 不正の目的 (Art. 7(3))' })
  @IsOmittable() @IsBoolean()
  suspectedMalicious?: boolean;

  @ApiPropertyOptional({ default: false, description: '高度な暗号化 (the key not leaked): no APPI / 番号法 report' })
  @IsOmittable() @IsBoolean()
  highlyEncrypted?: boolean;

  @ApiPropertyOptional({ default: false, description: '通信の秘密 involved (TBA Art. 28)' })
  @IsOmittable() @IsBoolean()
  communicationsSecrecy?: boolean;

  @ApiPropertyOptional({ default: false, description: '特定個人情報 involved (番号法 Art. 29-4)' })
  @IsOmittable() @IsBoolean()
  myNumberData?: boolean;

  @ApiPropertyOptional({ default: false, description: 'data subjects in the EU or UK (GDPR Art. 33)' })
  @IsOmittable() @IsBoolean()
  euUkDataSubjects?: boolean;

  @ApiPropertyOptional({ default: false, description: 'likely high risk to the persons (GDPR Art. 34)' })
  @IsOmittable() @IsBoolean()
  gdprHighRisk?: boolean;
}

export class CreateIncidentDto extends IncidentFields {
  @ApiProperty({ example: '委託先での顧客データの誤送信' })
  override title!: string;

  @ApiProperty({ enum: INCIDENT_KINDS })
  override kind!: IncidentKind;
}

export class UpdateIncidentDto extends IncidentFields {
  @ApiProperty({ description: 'the version you read; a stale one gets 409' })
  @IsInt() @Min(1)
  version!: number;

  @ApiPropertyOptional({ enum: INCIDENT_STATUSES, description: 'open → contained → closed; closing needs every obligation reported or closed as not required' })
  @IsOmittable() @IsIn(INCIDENT_STATUSES)
  status?: IncidentStatus;

  @ValidateIf((dto: UpdateIncidentDto) => dto.title !== undefined)
  override title!: string;

  @ValidateIf((dto: UpdateIncidentDto) => dto.kind !== undefined)
  override kind!: IncidentKind;
}

export class IncidentListQuery extends PageQuery {
  @ApiPropertyOptional({ enum: INCIDENT_STATUSES })
  @IsOptional() @IsIn(INCIDENT_STATUSES)
  status?: IncidentStatus;

  @ApiPropertyOptional()
  @IsOptional() @IsUUID()
  vendorId?: string;
}

export class UpdateObligationDto {
  @ApiProperty({ description: "the obligation's version you read (0 for one never changed); a stale one gets 409" })
  @IsInt() @Min(0)
  version!: number;

  @ApiProperty({ enum: ['not-required', 'open'], description: 'not-required (with the reason) closes it; open reopens one closed as not required' })
  @IsIn(['not-required', 'open'])
  status!: 'not-required' | 'open';

  @ApiPropertyOptional({ maxLength: 2000, description: 'why the report or notice is not required (e.g. GDPR Art. 33(1): unlikely to result in a risk, because …); required to close' })
  @IsOptional() @Transform(trim) @IsString() @IsCleanText({ multiline: true }) @MaxLength(2000)
  reason?: string;
}

export class ObligationParam {
  @IsIn(OBLIGATION_CODES)
  code!: ObligationCode;
}

/** For a 確報: each item of PPC rules Art. 8(1), known or unknown at the time of the report. */
export class ReportItemsDto implements Partial<Record<ReportItem, ReportItemState>> {
  @ApiPropertyOptional({ enum: REPORT_ITEM_STATES, description: '(1) 概要' }) @IsOptional() @IsIn(REPORT_ITEM_STATES) overview?: ReportItemState;
  @ApiPropertyOptional({ enum: REPORT_ITEM_STATES, description: '(2) 項目' }) @IsOptional() @IsIn(REPORT_ITEM_STATES) 'data-items'?: ReportItemState;
  @ApiPropertyOptional({ enum: REPORT_ITEM_STATES, description: '(3) 人数' }) @IsOptional() @IsIn(REPORT_ITEM_STATES) persons?: ReportItemState;
  @ApiPropertyOptional({ enum: REPORT_ITEM_STATES, description: '(4) 原因' }) @IsOptional() @IsIn(REPORT_ITEM_STATES) cause?: ReportItemState;
  @ApiPropertyOptional({ enum: REPORT_ITEM_STATES, description: '(5) 二次被害' }) @IsOptional() @IsIn(REPORT_ITEM_STATES) 'secondary-damage'?: ReportItemState;
  @ApiPropertyOptional({ enum: REPORT_ITEM_STATES, description: '(6) 本人対応' }) @IsOptional() @IsIn(REPORT_ITEM_STATES) 'response-to-persons'?: ReportItemState;
  @ApiPropertyOptional({ enum: REPORT_ITEM_STATES, description: '(7) 公表' }) @IsOptional() @IsIn(REPORT_ITEM_STATES) publication?: ReportItemState;
  @ApiPropertyOptional({ enum: REPORT_ITEM_STATES, description: '(8) 再発防止策' }) @IsOptional() @IsIn(REPORT_ITEM_STATES) prevention?: ReportItemState;
  @ApiPropertyOptional({ enum: REPORT_ITEM_STATES, description: '(9) その他' }) @IsOptional() @IsIn(REPORT_ITEM_STATES) other?: ReportItemState;
}

export class CreateReportDto {
  @ApiProperty({ enum: OBLIGATION_CODES, description: 'the obligation the report or notice fulfils' })
  @IsIn(OBLIGATION_CODES)
  obligation!: ObligationCode;

  @ApiProperty({ example: TIMESTAMP_EXAMPLE, description: 'when it was submitted' })
  @IsTimestamp()
  submittedAt!: string;

  @ApiProperty({ maxLength: 200, description: 'who submitted it' })
  @Transform(trim) @IsString() @IsCleanText() @MinLength(1) @MaxLength(200)
  submittedBy!: string;

  @ApiPropertyOptional({ nullable: true, maxLength: 200, description: "the authority's reference (受付番号)" })
  @IsOptional() @Transform(trim) @IsString() @IsCleanText() @MaxLength(200)
  referenceNumber?: string | null;

  @ApiPropertyOptional({ type: ReportItemsDto, description: 'for a 確報 (appi-final, mynumber-final): every item of PPC rules Art. 8(1), known or unknown (required there)' })
  @IsOptional() @IsObject() @ValidateNested() @Type(() => ReportItemsDto)
  items?: ReportItemsDto;

  @ApiPropertyOptional({ nullable: true, maxLength: 2000 })
  @IsOptional() @Transform(trim) @IsString() @IsCleanText({ multiline: true }) @MaxLength(2000)
  note?: string | null;
}
