import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { EVERY_ROLE, Roles } from '../common/access-policy';
import { AuthenticatedUser, CurrentUser } from '../common/authenticated-user';
import { WORK_QUEUES } from '../rules/work-queues';
import { queueOf, WorkQueuesService } from '../work-queues/work-queues.service';
import { PageQuery } from '../common/pagination';
import { form, pagerOf, render } from './forms';
import { listQuery, PAGE_SIZE } from './lists';

/** One work queue's list: each line links to the page that fixes it; its total is the dashboard's count. */
@ApiExcludeController()
@Controller()
export class WorkQueuesPageController {
  constructor(private readonly queues: WorkQueuesService) {}

  @Roles(...EVERY_ROLE)
  @Get('work-queues/:queue')
  async list(@Param('queue') id: string, @Query() raw: Record<string, unknown>, @Res() response: Response, @CurrentUser() user: AuthenticatedUser): Promise<void> {
    const queue = WORK_QUEUES.find((entry) => entry.id === queueOf(id))!;
    const query = await listQuery(PageQuery, { page: form.text(raw.page) ?? '1', pageSize: String(PAGE_SIZE) });
    const page = await this.queues.list(queue.id, user, query, user.locale);
    render(response, 'pages/work-queue', { nav: 'dashboard', titleKey: `workQueue.title.${queue.id}`, queue, items: page.items, total: page.total, pager: pagerOf(`/work-queues/${queue.id}`, {}, page) });
  }
}
