import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional } from 'class-validator';
import { Basis, BASES } from '../../rules/basis';
import { describeReference, Reference, Verification } from '../../rules/citations';
import { CLAUSE_TYPES, CONDITIONS } from '../../rules/clause-types';
import { ClauseTypeRecord } from '../clause-type.entity';
import { RequirementRecord } from '../requirement.entity';

export const FRAMEWORKS = ['APPI', 'Telecom', 'MyNumber', 'JIS', 'GDPR', 'ISO'] as const;
export const DUTIES = [
  'selection-assessment', 'audit', 'risk-tier', 'contract-in-force', 'subcontractor-approval', 'deletion-certificate', 'foreign-review',
  'classification', 'contract-retention', 'transfer-basis', 'external-environment', 'retention-period',
] as const;

export class RequirementQuery {
  @ApiPropertyOptional({ enum: FRAMEWORKS, description: 'case-insensitive' })
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' ? (FRAMEWORKS.find((framework) => framework.toLowerCase() === value.toLowerCase()) ?? value) : value))
  @IsIn(FRAMEWORKS)
  framework?: string;

  @ApiPropertyOptional({ description: 'clause type code: requirements this clause type satisfies' })
  @IsOptional() @IsIn(CLAUSE_TYPES.map((clauseType) => clauseType.code))
  clauseType?: string;

  @ApiPropertyOptional({ enum: DUTIES, description: 'requirements a duty (not a clause) satisfies' })
  @IsOptional() @IsIn(DUTIES)
  duty?: string;

  @ApiPropertyOptional({ enum: CONDITIONS, description: 'requirements whose applies expression names this condition' })
  @IsOptional() @IsIn(CONDITIONS)
  applies?: string;

  @ApiPropertyOptional({ enum: BASES, description: 'how binding: statute, guideline, policy, certification, recommended' })
  @IsOptional() @IsIn(BASES)
  basis?: Basis;
}

export interface ClauseTypeView {
  code: string;
  titleJa: string;
  titleEn: string;
  /** When the clause type is required: conditions joined by "+", alternatives by "|" (and an applicable requirement cites it). */
  requiredWhen: string;
  description: string;
}

/** One reference of a requirement as the API shows it: its parts, how it was verified, and the catalogue's wording in each language. */
export interface ReferenceView extends Reference {
  ja: string;
  en: string;
}

/**
 * A requirement as the API shows it: the row of requirements.tsv, its references structured (each with
 * its verification label) and, in `reference`, as the English catalogue text (an unverified number is
 * never printed: "… (article number being confirmed)").
 */
export interface RequirementView {
  id: string;
  framework: string;
  titleJa: string;
  titleEn: string;
  requirement: string;
  reference: string;
  references: ReferenceView[];
  applies: string;
  basis: string;
  severity: string;
  satisfiedBy: string[];
}

export function toClauseTypeView(row: ClauseTypeRecord): ClauseTypeView {
  const { code, titleJa, titleEn, requiredWhen, description } = row;
  return { code, titleJa, titleEn, requiredWhen, description };
}

export function toReferenceView(reference: Reference): ReferenceView {
  return { ...reference, ja: describeReference(reference, 'ja'), en: describeReference(reference, 'en') };
}

export function toRequirementView(row: RequirementRecord): RequirementView {
  const { id, framework, titleJa, titleEn, requirement, references, applies, basis, severity, satisfiedBy } = row;
  const views = references.map(toReferenceView);
  return { id, framework, titleJa, titleEn, requirement, reference: views.map((view) => view.en).join('; '), references: views, applies, basis, severity, satisfiedBy };
}

export type { Verification };
