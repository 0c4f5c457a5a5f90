import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsISO31661Alpha2,
  IsOptional,
  IsString,
  MaxLength,
  Min,
  MinLength,
  Max,
  ValidateIf,
} from 'class-validator';
import { IsCalendarDate } from '../../common/calendar-date.validator';
import { IsOmittable } from '../../common/validation';
import { IsCorporateNumber } from '../../common/corporate-number.validator';
import { PageQuery } from '../../common/pagination';
import { FLAG_CODES, FlagCode } from '../../rules/flags';
import {
  COMPLIANCE_STATUSES, DATA_CATEGORIES, DataCategory, Relationship, RELATIONSHIPS, RISK_TIERS, RiskTier, SUBCONTRACTOR_APPROVAL_MODES, SubcontractorApprovalMode,
  TRANSFER_BASES, TransferBasis, VENDOR_STATUSES, VendorStatus,
} from '../../rules/vendor-facts';
import { IsCleanText } from '../../common/clean-text.validator';
import { IsReading } from '../../common/reading.validator';
import { normaliseReading } from '../../rules/japanese-names';
import { normaliseEmail } from '../../rules/email-address';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const upper = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toUpperCase() : value);
const upperEach = ({ value }: { value: unknown }) =>
  Array.isArray(value) ? value.map((item) => (typeof item === 'string' ? item.trim().toUpperCase() : item)) : value;
/** A reading as typed (ひらがな, ｶﾀｶﾅ) → full-width katakana; an empty one is none. */
const reading = ({ value }: { value: unknown }) => (typeof value === 'string' ? normaliseReading(value) || null : value);
/** A query list: `a,b` or the parameter repeated (?x=a&x=b), blanks dropped. */
const listOf = ({ value }: { value: unknown }) =>
  typeof value === 'string' || Array.isArray(value)
    ? ([] as unknown[]).concat(value).flatMap((item) => (typeof item === 'string' ? item.split(',') : [item])).map((item) => (typeof item === 'string' ? item.trim() : item)).filter((item) => item !== '')
    : value;
const upperListOf = (params: { value: unknown }) => {
  const list = listOf(params);
  return Array.isArray(list) ? list.map((item) => (typeof item === 'string' ? item.toUpperCase() : item)) : list;
};
const normalisedEmail = ({ value }: { value: unknown }) => (typeof value === 'string' ? normaliseEmail(value) : value);

/** The contract states the vendor list filters by (today, in ORG_TIMEZONE). */
export const CONTRACT_STATES = ['none', 'in-force', 'expiring'] as const;
export type ContractState = (typeof CONTRACT_STATES)[number];

/** Fields a vendor can be written with; shared by create and patch (where each is optional). */
class VendorFields {
  @ApiPropertyOptional({ example: '株式会社サンプルデータセンター', minLength: 1, maxLength: 200 })
  @Transform(trim) @IsString() @IsCleanText() @MinLength(1) @MaxLength(200)
  name!: string;

  @ApiPropertyOptional({ example: 'サンプルデータセンター', nullable: true, maxLength: 200, description: 'フリガナ (katakana; hiragana and half-width kana are converted); used for sorting and search' })
  @IsOptional() @Transform(reading) @IsString() @MaxLength(200) @IsReading()
  reading?: string | null;

  @ApiPropertyOptional({ example: '7000012050002', description: '法人番号 (13 digits, check digit verified)', nullable: true })
  @IsOptional() @IsString() @IsCorporateNumber()
  corporateNumber?: string | null;

  @ApiPropertyOptional({ example: 'JP', default: 'JP', description: 'ISO 3166-1 alpha-2' })
  @IsOmittable() @Transform(upper) @IsISO31661Alpha2()
  country?: string;

  @ApiPropertyOptional({ example: ['JP'], type: [String], description: 'countries where the data is stored or accessed from' })
  @IsOmittable() @Transform(upperEach) @IsArray() @ArrayMaxSize(50) @ArrayUnique()
  @IsISO31661Alpha2({ each: true })
  dataLocations?: string[];

  @ApiPropertyOptional({ example: 'ホスティング基盤の運用保守', maxLength: 2000 })
  @IsOmittable() @Transform(trim) @IsString() @IsCleanText({ multiline: true }) @MaxLength(2000)
  services?: string;

  @ApiPropertyOptional({ enum: DATA_CATEGORIES, isArray: true })
  @IsOmittable() @IsArray() @ArrayUnique() @IsIn(DATA_CATEGORIES, { each: true })
  dataCategories?: DataCategory[];

  @ApiPropertyOptional({ minimum: 0, nullable: true })
  @IsOptional() @IsInt() @Min(0) @Max(2_000_000_000)
  dataSubjectCount?: number | null;

  @ApiPropertyOptional({ default: false, description: '再委託可否' })
  @IsOmittable() @IsBoolean()
  reentrustmentAllowed?: boolean;

  @ApiPropertyOptional({ default: false })
  @IsOmittable() @IsBoolean()
  gdprApplies?: boolean;

  @ApiPropertyOptional({
    enum: RELATIONSHIPS, default: 'entrustment',
    description: 'entrustment (委託, the supervision duties apply), cloud-no-handling (a cloud service that by contract does not handle the data), joint-use (共同利用) or provision (第三者提供)',
  })
  @IsOmittable() @IsIn(RELATIONSHIPS)
  relationship?: Relationship;

  @ApiPropertyOptional({
    enum: TRANSFER_BASES, nullable: true,
    description: "for a vendor located in a foreign country that is not designated (APPI Art. 28): consent, equivalent-system (基準適合体制) or not-provision; null: none recorded",
  })
  @IsOptional() @IsIn(TRANSFER_BASES)
  transferBasis?: TransferBasis | null;

  @ApiPropertyOptional({
    enum: SUBCONTRACTOR_APPROVAL_MODES, default: 'prior-approval',
    description: 'how subcontractors are authorised: each in advance, or with an objection period after which they are deemed authorised (refused for My Number data)',
  })
  @IsOmittable() @IsIn(SUBCONTRACTOR_APPROVAL_MODES)
  subcontractorApproval?: SubcontractorApprovalMode;

  @ApiPropertyOptional({ nullable: true, description: 'the staff member responsible (a user, or someone who is not one: then with ownerName); receives reminders' })
  @IsOptional() @Transform(normalisedEmail) @IsEmail({ require_tld: false }) @MaxLength(254)
  ownerEmail?: string | null;

  @ApiPropertyOptional({ nullable: true, maxLength: 100, description: "the owner's name when the owner is not a user (needs ownerEmail; refused with a user's address: a user's name is their account's)" })
  @IsOptional() @Transform(trim) @IsString() @IsCleanText() @MinLength(1) @MaxLength(100)
  ownerName?: string | null;

  @ApiPropertyOptional({ enum: VENDOR_STATUSES, default: 'candidate' })
  @IsOmittable() @IsIn(VENDOR_STATUSES)
  status?: VendorStatus;

  @ApiPropertyOptional({ example: '2019-04-01', nullable: true, description: 'defaults to the day the status becomes active' })
  @IsOptional() @IsCalendarDate()
  activeSince?: string | null;

  @ApiPropertyOptional({ enum: RISK_TIERS, nullable: true, description: 'replaces the computed tier; needs riskTierOverrideReason' })
  @IsOptional() @IsIn(RISK_TIERS)
  riskTierOverride?: RiskTier | null;

  @ApiPropertyOptional({ nullable: true, maxLength: 1000 })
  @IsOptional() @Transform(trim) @IsString() @IsCleanText({ multiline: true }) @MinLength(1) @MaxLength(1000)
  riskTierOverrideReason?: string | null;
}

export class CreateVendorDto extends VendorFields {
  @ApiProperty({ example: '株式会社サンプルデータセンター', minLength: 1, maxLength: 200 })
  override name!: string;
}

export class UpdateVendorDto extends VendorFields {
  @ApiProperty({ description: 'the version you read; a stale one gets 409' })
  @IsInt() @Min(1)
  version!: number;

  @ApiPropertyOptional({ minLength: 1, maxLength: 200 })
  @ValidateIf((dto: UpdateVendorDto) => dto.name !== undefined)
  override name!: string;
}

export const VENDOR_SORTS = [
  'name', '-name', 'reading', '-reading', 'createdAt', '-createdAt', 'updatedAt', '-updatedAt', 'riskTier', '-riskTier', 'complianceStatus', '-complianceStatus',
  'nextAuditDue', '-nextAuditDue', 'lastAuditOn', '-lastAuditOn',
] as const;
export type VendorSort = (typeof VENDOR_SORTS)[number];

export class VendorListQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'part of the name, or a 法人番号' })
  @IsOptional() @Transform(trim) @IsString() @IsCleanText() @MaxLength(200)
  q?: string;

  @ApiPropertyOptional({ enum: VENDOR_STATUSES })
  @IsOmittable() @IsIn(VENDOR_STATUSES)
  status?: VendorStatus;

  @ApiPropertyOptional({ enum: RISK_TIERS })
  @IsOptional() @IsIn(RISK_TIERS)
  riskTier?: RiskTier;

  @ApiPropertyOptional({ enum: COMPLIANCE_STATUSES })
  @IsOptional() @IsIn(COMPLIANCE_STATUSES)
  complianceStatus?: (typeof COMPLIANCE_STATUSES)[number];

  @ApiPropertyOptional({ enum: FLAG_CODES, description: 'vendors that have this flag today' })
  @IsOptional() @IsIn(FLAG_CODES)
  flag?: FlagCode;

  @ApiPropertyOptional({ enum: DATA_CATEGORIES, isArray: true, description: 'vendors handling any of these data categories (comma-separated or repeated)' })
  @IsOptional() @Transform(listOf) @IsArray() @ArrayMaxSize(DATA_CATEGORIES.length) @IsIn(DATA_CATEGORIES, { each: true })
  dataCategory?: DataCategory[];

  @ApiPropertyOptional({ type: [String], description: "vendors whose data is handled in any of these countries (ISO alpha-2, comma-separated): the vendor's own country, its data locations or its subcontractors' countries" })
  @IsOptional() @Transform(upperListOf) @IsArray() @ArrayMaxSize(50) @IsISO31661Alpha2({ each: true })
  country?: string[];

  @ApiPropertyOptional({ enum: ['true', 'false'], description: "foreign handling (外的環境の把握): true, some country other than Japan among the vendor's, its data locations and its subcontractors'; false, none" })
  @IsOptional() @IsIn(['true', 'false'])
  abroad?: 'true' | 'false';

  @ApiPropertyOptional({ enum: RELATIONSHIPS })
  @IsOptional() @IsIn(RELATIONSHIPS)
  relationship?: Relationship;

  @ApiPropertyOptional({ enum: ['true', 'false'], description: '再委託可否' })
  @IsOptional() @IsIn(['true', 'false'])
  reentrustmentAllowed?: 'true' | 'false';

  @ApiPropertyOptional({ description: "the owner's e-mail" })
  @IsOptional() @Transform(normalisedEmail) @IsEmail({ require_tld: false }) @MaxLength(254)
  owner?: string;

  @ApiPropertyOptional({ enum: CONTRACT_STATES, description: 'none: no contract in force today; in-force: one in force; expiring: one in force without auto-renewal that ends within expiringWithinDays' })
  @IsOptional() @IsIn(CONTRACT_STATES)
  contract?: ContractState;

  @ApiPropertyOptional({ minimum: 0, maximum: 3650, default: 90, description: 'with contract=expiring' })
  @IsOptional() @Type(() => Number) @IsInt() @Min(0) @Max(3650)
  expiringWithinDays?: number;

  @ApiPropertyOptional({ example: '2026-01-01', description: 'last completed audit before this day (vendors never audited do not match)' })
  @IsOptional() @IsCalendarDate()
  lastAuditBefore?: string;

  @ApiPropertyOptional({ example: '2025-01-01', description: 'last completed audit after this day' })
  @IsOptional() @IsCalendarDate()
  lastAuditAfter?: string;

  @ApiPropertyOptional({ example: '2027-04-01', description: 'next audit due before this day' })
  @IsOptional() @IsCalendarDate()
  nextAuditDueBefore?: string;

  @ApiPropertyOptional({ enum: VENDOR_SORTS, default: 'name' })
  @IsOptional() @IsIn(VENDOR_SORTS)
  sort?: VendorSort;
}

/** Whether the list selects by anything but a stored flag (its total is then counted, not read from the flag counts). */
export function filtersBesidesFlag(query: VendorListFilters): boolean {
  return filtersBesides(query, ['flag']);
}

/** Whether the list selects by anything but a compliance status and a risk tier (its total is then counted, not read from the vendor counts). */
export function filtersBesidesStatusAndTier(query: VendorListFilters): boolean {
  return filtersBesides(query, ['complianceStatus', 'riskTier']);
}

function filtersBesides(query: VendorListFilters, counted: ReadonlyArray<keyof VendorListFilters>): boolean {
  const { sort: _sort, page: _page, pageSize: _pageSize, ...filters } = query as VendorListFilters & Partial<PageQuery>;
  return Object.entries(filters).some(([name, value]) => !counted.includes(name as keyof VendorListFilters) && value !== undefined && value !== '' && !(Array.isArray(value) && value.length === 0));
}

/** The list's filters and sort without paging (exports select every matching vendor). */
export type VendorListFilters = Omit<VendorListQuery, 'page' | 'pageSize'>;
