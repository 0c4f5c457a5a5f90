import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { Roles, VENDOR_WRITERS } from '../common/access-policy';
import { NotificationListQuery } from '../reminders/dto/notification.dto';
import { NOTIFICATION_STATUSES } from '../reminders/notification.entity';
import { RemindersService } from '../reminders/reminders.service';
import { AuthenticatedUser, CurrentUser } from '../common/authenticated-user';
import { Locale } from '../i18n/locale';
import { Translator } from '../i18n/translator';
import { ReminderRule } from '../rules/reminders';
import { form, pagerOf, render } from './forms';
import { listFilters, listQuery, PAGE_SIZE } from './lists';

/** The notification outbox (compliance and admins read the ledger). */
@ApiExcludeController()
@Controller()
export class NotificationsPageController {
  constructor(
    private readonly reminders: RemindersService,
    private readonly translator: Translator,
  ) {}

  @Roles(...VENDOR_WRITERS)
  @Get('notifications')
  async notifications(@Query() raw: Record<string, unknown>, @Res() response: Response, @CurrentUser() user: AuthenticatedUser): Promise<void> {
    const filters = listFilters(raw, ['status', 'recipient']);
    const query = await listQuery(NotificationListQuery, { ...filters, page: form.text(raw.page) ?? '1', pageSize: String(PAGE_SIZE) });
    const page = await this.reminders.list(query);
    render(response, 'pages/notifications', {
      nav: 'notifications', titleKey: 'ui.notifications.title', filters, notifications: page.items.map((item) => ({
        ...item, sentAt: item.sentAt?.toISOString() ?? null,
        rule: this.translator.t(user.locale, `ui.notifications.rules.${item.ruleCode as ReminderRule}`), threshold: this.threshold(item.threshold, user.locale),
      })),
      pager: pagerOf('/notifications', filters, page), options: { statuses: NOTIFICATION_STATUSES },
    });
  }

  /** A reminder's threshold (rules/reminders.ts): days before the due date, a week overdue, or the weekly digest. */
  private threshold(threshold: string, locale: Locale): string {
    const overdue = /^overdue-(\d+)$/.exec(threshold);
    if (overdue) return this.translator.t(locale, 'ui.notifications.overdueWeek', { week: Number(overdue[1]) });
    if (threshold === 'week') return this.translator.t(locale, 'ui.notifications.weekly');
    return /^\d+$/.test(threshold) ? this.translator.t(locale, 'ui.notifications.daysBefore', { days: Number(threshold) }) : threshold;
  }
}
