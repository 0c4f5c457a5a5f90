import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { EVERY_ROLE, Roles } from '../common/access-policy';
import { AuthenticatedUser, CurrentUser } from '../common/authenticated-user';
import { Page } from '../common/pagination';
import { ActionView } from './action.view';
import { ActionsService } from './actions.service';
import { ActionListQuery } from './dto/action-query.dto';

@ApiTags('actions')
@ApiBearerAuth()
@Roles(...EVERY_ROLE)
@Controller('api/v1')
export class ActionsController {
  constructor(private readonly actions: ActionsService) {}

  /** What to do first: one item per thing to do, most urgent first (README, "Action list"). */
  @Get('actions')
  list(@Query() query: ActionListQuery, @CurrentUser() user: AuthenticatedUser): Promise<Page<ActionView>> {
    return this.actions.list(toActionQuery(query, user), user.locale);
  }
}

/** The query as the service takes it: `mine=true` means the caller's own vendors. */
export function toActionQuery(query: ActionListQuery, user: AuthenticatedUser) {
  const { mine, ...rest } = query;
  return { ...rest, ...(mine === 'true' ? { ownerEmail: user.email } : {}) };
}
