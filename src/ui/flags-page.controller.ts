import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { EVERY_ROLE, Roles } from '../common/access-policy';
import { AuthenticatedUser, CurrentUser } from '../common/authenticated-user';
import { ComplianceService } from '../compliance/compliance.service';
import { FlagListQuery } from '../compliance/dto/compliance-query.dto';
import { FLAG_CODES, SEVERITIES } from '../rules/flags';
import { form, openPagerOf, render } from './forms';
import { listFilters, listQuery } from './lists';

/** The flags page lists vendors with their flags: 20 vendors a page. */
const FLAG_VENDORS_PER_PAGE = 20;

/** Every flag of every vendor today, by vendor (reminder e-mails link here). */
@ApiExcludeController()
@Controller()
export class FlagsPageController {
  constructor(private readonly compliance: ComplianceService) {}

  @Roles(...EVERY_ROLE)
  @Get('flags')
  async flags(@Query() raw: Record<string, unknown>, @Res() response: Response, @CurrentUser() user: AuthenticatedUser): Promise<void> {
    const filters = listFilters(raw, ['code', 'severity']);
    const query = await listQuery(FlagListQuery, { ...filters, page: form.text(raw.page) ?? '1', pageSize: String(FLAG_VENDORS_PER_PAGE) });
    const page = await this.compliance.flagsByVendor(query, user.locale);
    render(response, 'pages/flags', { nav: 'flags', titleKey: 'ui.flags.title', filters, vendors: page.items, pager: openPagerOf('/flags', filters, page), options: { codes: FLAG_CODES, severities: SEVERITIES } });
  }
}
