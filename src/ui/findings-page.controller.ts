import { statusChoices } from '../rules/lifecycles';
import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { EVERY_ROLE, Roles } from '../common/access-policy';
import { AuditsService } from '../supervision/audits.service';
import { FindingListQuery } from '../supervision/dto/supervision.dto';
import { FINDING_SEVERITIES, FINDING_STATUSES } from '../supervision/supervision.entities';
import { VendorsService } from '../vendors/vendors.service';
import { form, pagerOf, render } from './forms';
import { UsersService } from '../users/users.service';
import { Translator } from '../i18n/translator';
import { AuthenticatedUser, CurrentUser } from '../common/authenticated-user';
import { shownPeople } from './people';
import { listFilters, listQuery, PAGE_SIZE } from './lists';

/** Every vendor's audit findings (指摘事項), filtered by status and severity; closed and reopened from here. */
@ApiExcludeController()
@Controller()
export class FindingsPageController {
  constructor(
    private readonly audits: AuditsService,
    private readonly vendors: VendorsService,
    private readonly users: UsersService,
    private readonly translator: Translator,
  ) {}

  @Roles(...EVERY_ROLE)
  @Get('findings')
  async findings(@Query() raw: Record<string, unknown>, @Res() response: Response, @CurrentUser() user: AuthenticatedUser): Promise<void> {
    const filters = listFilters(raw, ['status', 'severity']);
    const query = await listQuery(FindingListQuery, { ...filters, page: form.text(raw.page) ?? '1', pageSize: String(PAGE_SIZE) });
    const page = await this.audits.listFindings(query);
    const names = await this.vendors.namesOf([...new Set(page.items.map((finding) => finding.vendorId))]);
    // Finding owners by name (and department) when they are users, with the address beside the name.
    const owners = shownPeople(await this.users.peopleByEmail(page.items.map((finding) => finding.ownerEmail)), user.locale, this.translator);
    render(response, 'pages/findings', {
      nav: 'findings', titleKey: 'ui.findings.title', filters, findings: page.items.map((finding) => ({ ...finding, vendorName: names.get(finding.vendorId), ownerName: finding.ownerEmail ? owners.get(finding.ownerEmail) ?? null : null, statuses: statusChoices('finding', finding.status) })),
      pager: pagerOf('/findings', filters, page), options: { statuses: FINDING_STATUSES, severities: FINDING_SEVERITIES },
    });
  }
}
