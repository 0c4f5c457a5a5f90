import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { toActionQuery } from '../actions/actions.controller';
import { ActionsService } from '../actions/actions.service';
import { ActionListQuery } from '../actions/dto/action-query.dto';
import { EVERY_ROLE, Roles } from '../common/access-policy';
import { AuthenticatedUser, CurrentUser } from '../common/authenticated-user';
import { ACTION_KINDS, RESPONSIBLE_ROLES } from '../rules/actions';
import { RISK_TIERS } from '../rules/vendor-facts';
import { form, pagerOf, render } from './forms';
import { listFilters, listQuery, PAGE_SIZE } from './lists';

/** The action list: what to do first, with filters mine / role / kind / tier (the API's query). */
@ApiExcludeController()
@Controller()
export class ActionsPageController {
  constructor(private readonly actions: ActionsService) {}

  @Roles(...EVERY_ROLE)
  @Get('actions')
  async list(@Query() raw: Record<string, unknown>, @Res() response: Response, @CurrentUser() user: AuthenticatedUser): Promise<void> {
    const filters = listFilters(raw, ['mine', 'role', 'kind', 'riskTier']);
    const query = await listQuery(ActionListQuery, { ...filters, page: form.text(raw.page) ?? '1', pageSize: String(PAGE_SIZE) });
    const page = await this.actions.list(toActionQuery(query, user), user.locale);
    render(response, 'pages/actions', {
      nav: 'actions', titleKey: 'ui.actions.title', filters, actions: page.items, total: page.total,
      pager: pagerOf('/actions', filters, page), options: { roles: RESPONSIBLE_ROLES, kinds: ACTION_KINDS, tiers: RISK_TIERS },
    });
  }
}
