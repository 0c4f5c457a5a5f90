import { Controller, Get, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { EVERY_ROLE, Roles } from '../common/access-policy';
import { AuthenticatedUser, CurrentUser } from '../common/authenticated-user';
import { Translator } from '../i18n/translator';
import { barChart } from './bar-chart';
import { DashboardService } from './dashboard.service';
import { render } from './forms';
import { countdownText } from './countdown';
import { WORK_QUEUE_ROLES } from '../rules/work-queues';
import { WorkQueuesService } from '../work-queues/work-queues.service';

/** The dashboard: vendors by compliance status (an SVG chart drawn on the server) and what is due. */
@ApiExcludeController()
@Controller()
export class DashboardPageController {
  constructor(
    private readonly dashboard: DashboardService,
    private readonly translator: Translator,
    private readonly queues: WorkQueuesService,
  ) {}

  @Roles(...EVERY_ROLE)
  @Get()
  async home(@Res() response: Response, @CurrentUser() user: AuthenticatedUser): Promise<void> {
    const [data, queues] = await Promise.all([this.dashboard.load(), this.queues.summary(user)]);
    // The work queues by role (legal, compliance, the caller's own vendors), each count linking to its list.
    const queuesByRole = WORK_QUEUE_ROLES.map((role) => ({ role, queues: queues.filter((queue) => queue.role === role) }));
    const label = (key: string) => this.translator.t(user.locale, `ui.enum.complianceStatus.${key}` as never);
    const chart = barChart(data.byStatus.map((row) => ({ ...row, label: label(row.key) })));
    const summary = chart.bars.map((bar) => `${bar.label}: ${bar.count}`).join(', ');
    const incidents = data.incidents.map((incident) => ({ ...incident, countdown: incident.remainingMs === null ? '' : countdownText(this.translator, user.locale, incident.remainingMs) }));
    render(response, 'pages/dashboard', { nav: 'dashboard', titleKey: 'ui.dashboard.title', data: { ...data, incidents }, chart, summary, queuesByRole });
  }
}
