import { Controller, Delete, Get, Header, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { EVERY_ROLE, Public, Roles } from '../common/access-policy';
import { AuthenticatedUser, CurrentUser } from '../common/authenticated-user';
import { NotFoundError } from '../common/domain-errors';
import { CalendarService } from './calendar.service';

@ApiTags('calendar')
@Controller()
export class CalendarController {
  constructor(private readonly calendar: CalendarService) {}

  /** Issues (or replaces) the caller's secret calendar URL, for Outlook, Google or Apple Calendar. */
  @ApiBearerAuth()
  @Roles(...EVERY_ROLE)
  @Post('api/v1/calendar/feed')
  issue(@CurrentUser() user: AuthenticatedUser): Promise<{ url: string; createdAt: string }> {
    return this.calendar.issue(user.id);
  }

  @ApiBearerAuth()
  @Roles(...EVERY_ROLE)
  @Delete('api/v1/calendar/feed')
  @HttpCode(204)
  revoke(@CurrentUser() user: AuthenticatedUser): Promise<void> {
    return this.calendar.revoke(user.id);
  }

  /** The feed itself: the secret in the URL is the credential (calendar apps send no header). */
  @Public()
  @Get('calendar/:file')
  @Header('Content-Type', 'text/calendar; charset=utf-8')
  @Header('Cache-Control', 'private, max-age=300')
  feed(@Param('file') file: string): Promise<string> {
    const match = /^([A-Za-z0-9_-]{20,100})\.ics$/.exec(file);
    if (!match) throw new NotFoundError('calendar', 'feed');
    return this.calendar.render(match[1]);
  }
}
