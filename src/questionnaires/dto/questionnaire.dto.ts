import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsEmail, IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, MaxLength, Min, MinLength, ValidateNested,
} from 'class-validator';
import { IsCalendarDate } from '../../common/calendar-date.validator';
import { IsCleanText } from '../../common/clean-text.validator';
import { PageQuery } from '../../common/pagination';
import { IsOmittable } from '../../common/validation';
import { LOCALES, Locale } from '../../i18n/locale';
import { QuestionnaireStatus } from '../../rules/lifecycles';
import { ITEM_STATUSES, ItemStatus, QUESTION_KINDS, QUESTIONNAIRE_PURPOSES, QuestionKind, QuestionnairePurpose } from '../../rules/questionnaires';
import { ASSESSMENT_ITEM_CODES, ASSESSMENT_OUTCOMES, AssessmentOutcome } from '../../supervision/supervision.entities';
import { QUESTIONNAIRE_STATUSES } from '../questionnaire.entities';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
/** Keys of sections, questions and choices: short, lower case, stable (answers are kept under them). */
const KEY = /^[a-z0-9][a-z0-9-]{0,59}$/;
const KEY_MESSAGE = '$property must be 1–60 lower-case letters, digits or hyphens, starting with a letter or digit';

export class CreateContactDto {
  @ApiProperty({ maxLength: 200 })
  @Transform(trim) @IsString() @IsCleanText() @MinLength(1) @MaxLength(200)
  name!: string;

  @ApiProperty({ maxLength: 254 })
  @Transform(trim) @IsEmail({ require_tld: false }) @MaxLength(254)
  email!: string;

  @ApiPropertyOptional({ enum: LOCALES, default: 'ja', description: 'the language of the e-mails and of the answer page' })
  @IsOptional() @IsIn(LOCALES)
  locale?: Locale;
}

export class UpdateContactDto {
  @ApiProperty()
  @IsInt() @Min(1)
  version!: number;

  @ApiPropertyOptional({ maxLength: 200 })
  @IsOmittable() @Transform(trim) @IsString() @IsCleanText() @MinLength(1) @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({ maxLength: 254 })
  @IsOmittable() @Transform(trim) @IsEmail({ require_tld: false }) @MaxLength(254)
  email?: string;

  @ApiPropertyOptional({ enum: LOCALES })
  @IsOmittable() @IsIn(LOCALES)
  locale?: Locale;
}

export class LocalisedTextDto {
  @ApiProperty({ maxLength: 1000 })
  @Transform(trim) @IsString() @IsCleanText({ multiline: true }) @MinLength(1) @MaxLength(1000)
  ja!: string;

  @ApiProperty({ maxLength: 1000 })
  @Transform(trim) @IsString() @IsCleanText({ multiline: true }) @MinLength(1) @MaxLength(1000)
  en!: string;
}

export class ChoiceDto {
  @ApiProperty({ pattern: KEY.source })
  @IsString() @Matches(KEY, { message: KEY_MESSAGE })
  key!: string;

  @ApiProperty({ type: LocalisedTextDto })
  @ValidateNested() @Type(() => LocalisedTextDto)
  label!: LocalisedTextDto;

  @ApiPropertyOptional({ enum: ITEM_STATUSES, description: 'what choosing it means for the item the question evidences (default confirmed)' })
  @IsOptional() @IsIn(ITEM_STATUSES)
  itemStatus?: ItemStatus;
}

export class AnswerMeansDto {
  @ApiPropertyOptional({ enum: ITEM_STATUSES, description: 'default confirmed' })
  @IsOptional() @IsIn(ITEM_STATUSES)
  yes?: ItemStatus;

  @ApiPropertyOptional({ enum: ITEM_STATUSES, description: 'default not-confirmed' })
  @IsOptional() @IsIn(ITEM_STATUSES)
  no?: ItemStatus;
}

export class QuestionDto {
  @ApiProperty({ pattern: KEY.source, description: 'unique within the template: answers are kept under it' })
  @IsString() @Matches(KEY, { message: KEY_MESSAGE })
  key!: string;

  @ApiProperty({ enum: QUESTION_KINDS })
  @IsIn(QUESTION_KINDS)
  kind!: QuestionKind;

  @ApiProperty({ type: LocalisedTextDto })
  @ValidateNested() @Type(() => LocalisedTextDto)
  text!: LocalisedTextDto;

  @ApiPropertyOptional({ type: LocalisedTextDto })
  @IsOptional() @ValidateNested() @Type(() => LocalisedTextDto)
  help?: LocalisedTextDto;

  @ApiProperty()
  @IsBoolean()
  required!: boolean;

  @ApiPropertyOptional({ type: [ChoiceDto], description: 'choice questions: two or more' })
  @IsOptional() @IsArray() @ArrayMaxSize(20) @ValidateNested({ each: true }) @Type(() => ChoiceDto)
  choices?: ChoiceDto[];

  @ApiPropertyOptional({ enum: ASSESSMENT_ITEM_CODES, description: 'the assessment item the answer is evidence for' })
  @IsOptional() @IsIn(ASSESSMENT_ITEM_CODES)
  evidences?: string;

  @ApiPropertyOptional({ type: AnswerMeansDto, description: 'yes-no questions: what each answer means for that item' })
  @IsOptional() @ValidateNested() @Type(() => AnswerMeansDto)
  answerMeans?: AnswerMeansDto;
}

export class SectionDto {
  @ApiProperty({ pattern: KEY.source })
  @IsString() @Matches(KEY, { message: KEY_MESSAGE })
  key!: string;

  @ApiProperty({ type: LocalisedTextDto })
  @ValidateNested() @Type(() => LocalisedTextDto)
  title!: LocalisedTextDto;

  @ApiProperty({ type: [QuestionDto] })
  @IsArray() @ArrayMaxSize(100) @ValidateNested({ each: true }) @Type(() => QuestionDto)
  questions!: QuestionDto[];
}

export class ContentDto {
  @ApiProperty({ type: [SectionDto] })
  @IsArray() @ArrayMaxSize(50) @ValidateNested({ each: true }) @Type(() => SectionDto)
  sections!: SectionDto[];
}

export class CopyTemplateDto {
  @ApiPropertyOptional({ maxLength: 200, description: 'default: the original name with 「（コピー）」' })
  @IsOptional() @Transform(trim) @IsString() @IsCleanText() @MinLength(1) @MaxLength(200)
  nameJa?: string;

  @ApiPropertyOptional({ maxLength: 200, description: 'default: the original name with " (copy)"' })
  @IsOptional() @Transform(trim) @IsString() @IsCleanText() @MinLength(1) @MaxLength(200)
  nameEn?: string;
}

/** A new version of a template (built-in templates are copied, not edited). */
export class UpdateTemplateDto {
  @ApiProperty()
  @IsInt() @Min(1)
  version!: number;

  @ApiProperty({ maxLength: 200 })
  @Transform(trim) @IsString() @IsCleanText() @MinLength(1) @MaxLength(200)
  nameJa!: string;

  @ApiProperty({ maxLength: 200 })
  @Transform(trim) @IsString() @IsCleanText() @MinLength(1) @MaxLength(200)
  nameEn!: string;

  @ApiProperty({ enum: QUESTIONNAIRE_PURPOSES, description: 'what acceptance records: a selection or a periodic assessment, or nothing (evidence)' })
  @IsIn(QUESTIONNAIRE_PURPOSES)
  purpose!: QuestionnairePurpose;

  @ApiProperty({ type: ContentDto })
  @ValidateNested() @Type(() => ContentDto)
  content!: ContentDto;
}

export class SendQuestionnaireDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  templateId!: string;

  @ApiProperty({ format: 'uuid', description: "one of the vendor's contacts" })
  @IsUUID()
  contactId!: string;

  @ApiProperty({ example: '2026-06-30', description: 'today or later; the link works until the due date plus 14 days' })
  @IsCalendarDate()
  dueOn!: string;

  @ApiPropertyOptional({ maxLength: 2000, description: 'shown in the e-mail and on the answer page' })
  @IsOptional() @Transform(trim) @IsString() @IsCleanText({ multiline: true }) @MaxLength(2000)
  message?: string;
}

export class ResendQuestionnaireDto {
  @ApiProperty()
  @IsInt() @Min(1)
  version!: number;

  @ApiPropertyOptional({ description: 'a new due date (today or later)' })
  @IsOptional() @IsCalendarDate()
  dueOn?: string;

  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptional() @Transform(trim) @IsString() @IsCleanText({ multiline: true }) @MaxLength(2000)
  message?: string;
}

export class RevokeQuestionnaireDto {
  @ApiProperty()
  @IsInt() @Min(1)
  version!: number;

  @ApiPropertyOptional({ maxLength: 500 })
  @IsOptional() @Transform(trim) @IsString() @IsCleanText({ multiline: true }) @MaxLength(500)
  reason?: string;
}

export class ClarificationQuestionDto {
  @ApiProperty({ description: "the question's key" })
  @IsString() @Matches(KEY, { message: KEY_MESSAGE })
  key!: string;

  @ApiProperty({ maxLength: 2000, description: 'what is to be clarified (shown to the vendor)' })
  @Transform(trim) @IsString() @IsCleanText({ multiline: true }) @MinLength(1) @MaxLength(2000)
  comment!: string;
}

export class ClarificationDto {
  @ApiProperty()
  @IsInt() @Min(1)
  version!: number;

  @ApiProperty({ example: '2026-07-15', description: 'the new due date (today or later)' })
  @IsCalendarDate()
  dueOn!: string;

  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptional() @Transform(trim) @IsString() @IsCleanText({ multiline: true }) @MaxLength(2000)
  message?: string;

  @ApiProperty({ type: [ClarificationQuestionDto], description: 'the questions reopened; the others stay as answered' })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(500) @ValidateNested({ each: true }) @Type(() => ClarificationQuestionDto)
  questions!: ClarificationQuestionDto[];
}

export class AcceptQuestionnaireDto {
  @ApiProperty()
  @IsInt() @Min(1)
  version!: number;

  @ApiPropertyOptional({ description: "the assessment's date; default today" })
  @IsOptional() @IsCalendarDate()
  completedOn?: string;

  @ApiPropertyOptional({ enum: ASSESSMENT_OUTCOMES, description: 'default approved (refused while an item is not confirmed)' })
  @IsOptional() @IsIn(ASSESSMENT_OUTCOMES)
  outcome?: AssessmentOutcome;

  @ApiPropertyOptional({ description: 'required with approved-with-conditions' })
  @IsOptional() @Transform(trim) @IsString() @IsCleanText({ multiline: true }) @MinLength(1) @MaxLength(2000)
  conditions?: string;

  @ApiPropertyOptional({ description: 'required with approved-with-conditions' })
  @IsOptional() @IsCalendarDate()
  conditionsDueOn?: string;

  @ApiPropertyOptional({ maxLength: 4000 })
  @IsOptional() @Transform(trim) @IsString() @IsCleanText({ multiline: true }) @MaxLength(4000)
  notes?: string;
}

export class QuestionnaireListQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional() @IsUUID()
  vendorId?: string;

  @ApiPropertyOptional({ enum: QUESTIONNAIRE_STATUSES })
  @IsOptional() @IsIn(QUESTIONNAIRE_STATUSES)
  status?: QuestionnaireStatus;
}
