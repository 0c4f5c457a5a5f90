import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { Roles, VENDOR_WRITERS } from '../common/access-policy';
import { NotificationListQuery } from '../reminders/dto/notification.dto';
import { NOTIFICATION_STATUSES } from '../reminders/notification.entity';
import { RemindersService } from '../reminders/reminders.service';
import { form, pagerOf, render } from './forms';
import { listFilters, listQuery, PAGE_SIZE } from './lists';

/** The notification outbox (compliance and admins read the ledger). */
@ApiExcludeController()
@Controller()
export class NotificationsPageController {
  constructor(private readonly reminders: RemindersService) {}

  @Roles(...VENDOR_WRITERS)
  @Get('notifications')
  async notifications(@Query() raw: Record<string, unknown>, @Res() response: Response): Promise<void> {
    const filters = listFilters(raw, ['status', 'recipient']);
    const query = await listQuery(NotificationListQuery, { ...filters, page: form.text(raw.page) ?? '1', pageSize: String(PAGE_SIZE) });
    const page = await this.reminders.list(query);
    render(response, 'pages/notifications', {
      nav: 'notifications', titleKey: 'ui.notifications.title', filters, notifications: page.items.map((item) => ({ ...item, sentAt: item.sentAt?.toISOString() ?? null })),
      pager: pagerOf('/notifications', filters, page), options: { statuses: NOTIFICATION_STATUSES },
    });
  }
}
