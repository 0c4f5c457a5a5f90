import { Controller, Get, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { EVERY_ROLE, Roles } from '../common/access-policy';
import { AuthenticatedUser, CurrentUser } from '../common/authenticated-user';
import { CatalogueService } from '../catalogue/catalogue.service';
import { render } from './forms';

/** Clause type → the requirements it satisfies, with their references. */
@ApiExcludeController()
@Controller()
export class CataloguePageController {
  constructor(private readonly catalogue: CatalogueService) {}

  @Roles(...EVERY_ROLE)
  @Get('catalogue')
  async cataloguePage(@Res() response: Response, @CurrentUser() user: AuthenticatedUser): Promise<void> {
    const [clauseTypes, requirements] = await Promise.all([this.catalogue.clauseTypes(), this.catalogue.requirements()]);
    const ja = user.locale === 'ja';
    render(response, 'pages/catalogue', {
      nav: 'catalogue', titleKey: 'ui.catalogue.title',
      clauseTypes: clauseTypes.map((clauseType) => ({
        code: clauseType.code, title: ja ? clauseType.titleJa : clauseType.titleEn, requiredWhen: clauseType.requiredWhen,
        requirements: requirements.filter((requirement) => requirement.satisfiedBy.includes(`clause:${clauseType.code}`))
          .map((requirement) => ({ id: requirement.id, framework: requirement.framework, reference: requirement.reference, title: ja ? requirement.titleJa : requirement.titleEn })),
      })),
    });
  }
}
