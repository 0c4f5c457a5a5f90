import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional } from 'class-validator';
import { CLAUSE_TYPES, CONDITIONS } from '../../rules/clause-types';
import { ClauseTypeRecord } from '../clause-type.entity';
import { RequirementRecord } from '../requirement.entity';
import { RequirementDefinition } from '../requirements-file';

export const FRAMEWORKS = ['APPI', 'Telecom', 'JIS', 'GDPR', 'ISO'] as const;
export const DUTIES = [
  'selection-assessment', 'audit', 'risk-tier', 'contract-in-force', 'subcontractor-approval',
  'deletion-certificate', 'foreign-review', 'classification', 'contract-retention',
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

  @ApiPropertyOptional({ enum: CONDITIONS })
  @IsOptional() @IsIn(CONDITIONS)
  applies?: string;
}

export interface ClauseTypeView {
  code: string;
  titleJa: string;
  titleEn: string;
  requiredWhen: string;
  description: string;
  references: string;
}

/** A requirement as the API shows it: exactly the row of requirements.tsv. */
export type RequirementView = RequirementDefinition;

export function toClauseTypeView(row: ClauseTypeRecord): ClauseTypeView {
  const { code, titleJa, titleEn, requiredWhen, description, references } = row;
  return { code, titleJa, titleEn, requiredWhen, description, references };
}

export function toRequirementView(row: RequirementRecord): RequirementView {
  const { id, framework, titleJa, titleEn, requirement, reference, applies, severity, satisfiedBy } = row;
  return { id, framework, titleJa, titleEn, requirement, reference, applies, severity, satisfiedBy };
}
