import { Controller, Get, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { EVERY_ROLE, Roles } from '../common/access-policy';
import { AuthenticatedUser, CurrentUser } from '../common/authenticated-user';
import { CatalogueService } from '../catalogue/catalogue.service';
import { DUTIES } from '../catalogue/dto/catalogue.dto';
import { RequirementRecord } from '../catalogue/requirement.entity';
import { BASES } from '../rules/basis';
import { describeReference, VERIFICATIONS } from '../rules/citations';
import { render } from './forms';

/**
 * Clause type → the requirements it satisfies, then the duties that are no clause: each requirement
 * with how binding it is and its sources, each source with how it was verified (legal-model.md §9:
 * an unverified number is never printed, 「条番号確認中」 stands in its place).
 */
@ApiExcludeController()
@Controller()
export class CataloguePageController {
  constructor(private readonly catalogue: CatalogueService) {}

  @Roles(...EVERY_ROLE)
  @Get('catalogue')
  async cataloguePage(@Res() response: Response, @CurrentUser() user: AuthenticatedUser): Promise<void> {
    const [clauseTypes, requirements] = await Promise.all([this.catalogue.clauseTypes(), this.catalogue.requirements()]);
    const locale = user.locale;
    const ja = locale === 'ja';
    const rows = (target: string) =>
      requirements.filter((requirement) => requirement.satisfiedBy.includes(target)).map((requirement: RequirementRecord) => ({
        id: requirement.id,
        framework: requirement.framework,
        title: ja ? requirement.titleJa : requirement.titleEn,
        basis: requirement.basis,
        applies: alternatives(requirement.applies),
        sources: requirement.references.map((reference) => ({ text: describeReference(reference, locale), verification: reference.verification })),
      }));
    render(response, 'pages/catalogue', {
      nav: 'catalogue', titleKey: 'ui.catalogue.title', bases: BASES, verifications: VERIFICATIONS,
      clauseTypes: clauseTypes.map((clauseType) => ({
        code: clauseType.code, title: ja ? clauseType.titleJa : clauseType.titleEn, requiredWhen: alternatives(clauseType.requiredWhen), requirements: rows(`clause:${clauseType.code}`),
      })),
      duties: DUTIES.map((duty) => ({ code: duty, requirements: rows(`duty:${duty}`) })).filter((duty) => duty.requirements.length > 0),
    });
  }
}

/** An applies expression as the page lists it: alternatives, each a list of conditions. */
function alternatives(applies: string): string[][] {
  return applies.split('|').map((alternative) => alternative.split('+'));
}
