import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ADMINS, LEDGER_READERS, Roles } from '../common/access-policy';
import { IdParam } from '../common/id-param';
import { NotificationListQuery, RunRemindersDto } from './dto/notification.dto';
import { toMessageView, toNotificationView } from './notification.view';
import { RemindersService, RunResult } from './reminders.service';

@ApiTags('reminders')
@ApiBearerAuth()
@Controller('api/v1')
export class RemindersController {
  constructor(private readonly reminders: RemindersService) {}

  /** Runs the reminder job now (admins): selects, records in the ledger, delivers. */
  @Roles(...ADMINS)
  @Post('reminders/run')
  @HttpCode(200)
  run(@Body() body: RunRemindersDto): Promise<RunResult> {
    return this.reminders.run(body.asOf);
  }

  /** The outbox ledger (compliance and admins: LEDGER_READERS). */
  @Roles(...LEDGER_READERS)
  @Get('notifications')
  async list(@Query() query: NotificationListQuery) {
    const page = await this.reminders.list(query);
    return { ...page, items: page.items.map(toNotificationView) };
  }

  /** The rendered e-mail that carried a reminder. */
  @Roles(...LEDGER_READERS)
  @Get('notifications/:id/message')
  async message(@IdParam() id: string) {
    return toMessageView(await this.reminders.message(id));
  }
}
