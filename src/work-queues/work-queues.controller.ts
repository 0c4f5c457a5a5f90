import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { EVERY_ROLE, Roles } from '../common/access-policy';
import { AuthenticatedUser, CurrentUser } from '../common/authenticated-user';
import { Page, PageQuery } from '../common/pagination';
import { WorkItem, WorkQueueSummary, WorkQueuesService } from './work-queues.service';

@ApiTags('work-queues')
@ApiBearerAuth()
@Roles(...EVERY_ROLE)
@Controller('api/v1/work-queues')
export class WorkQueuesController {
  constructor(private readonly queues: WorkQueuesService) {}

  /** Every queue by role with its count and the page that lists it (api.md, "Work queues"). */
  @Get()
  async summary(@CurrentUser() user: AuthenticatedUser): Promise<{ items: WorkQueueSummary[] }> {
    return { items: await this.queues.summary(user) };
  }

  /** One queue's lines, in the order they are worked; `total` equals the queue's count. */
  @Get(':queue')
  list(@Param('queue') queue: string, @Query() query: PageQuery, @CurrentUser() user: AuthenticatedUser): Promise<Page<WorkItem>> {
    return this.queues.list(queue, user, query, user.locale);
  }
}
