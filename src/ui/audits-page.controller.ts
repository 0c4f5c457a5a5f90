import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { EVERY_ROLE, Roles } from '../common/access-policy';
import { Clock } from '../common/clock';
import { isCalendarMonth, monthGrid } from '../rules/calendar';
import { DUE_NAMES_PER_DAY, OVERDUE_COUNT_CAP, overdueLine } from './audit-due';
import { AuditPlanService } from '../planning/audit-plan.service';
import { AuditsService } from '../supervision/audits.service';
import { AuditListQuery } from '../supervision/dto/supervision.dto';
import { AUDIT_STATUSES } from '../supervision/supervision.entities';
import { VendorsService } from '../vendors/vendors.service';
import { form, pagerOf, render } from './forms';
import { listFilters, listQuery, PAGE_SIZE } from './lists';

/** Audits as a list (filter by status and dates) or a month calendar (?view=calendar&month=YYYY-MM). */
@ApiExcludeController()
@Controller()
export class AuditsPageController {
  constructor(
    private readonly audits: AuditsService,
    private readonly vendors: VendorsService,
    private readonly clock: Clock,
    private readonly plan: AuditPlanService,
  ) {}

  @Roles(...EVERY_ROLE)
  @Get('audits')
  async auditsPage(@Query() raw: Record<string, unknown>, @Res() response: Response): Promise<void> {
    if (form.text(raw.view) === 'calendar') return this.auditCalendar(raw, response);
    const filters = listFilters(raw, ['status', 'from', 'to']);
    const query = await listQuery(AuditListQuery, { ...filters, page: form.text(raw.page) ?? '1', pageSize: String(PAGE_SIZE) });
    const page = await this.audits.list(query);
    const names = await this.vendors.namesOf([...new Set(page.items.map((audit) => audit.vendorId))]);
    render(response, 'pages/audits', {
      nav: 'audits', titleKey: 'ui.audits.title', filters, audits: page.items.map((audit) => ({ ...audit, vendorName: names.get(audit.vendorId) })),
      pager: pagerOf('/audits', filters, page), options: { statuses: AUDIT_STATUSES },
    });
  }

  private async auditCalendar(raw: Record<string, unknown>, response: Response): Promise<void> {
    const requested = form.text(raw.month);
    const grid = monthGrid(requested && isCalendarMonth(requested) ? requested : this.clock.today().slice(0, 7));
    // The audits scheduled this month (a day shows its first few and how many more, which the audit
    // list of that day shows), and the audits falling due this month (the stored next due date: the tier interval, or sooner after an
    // incident), beside the audits planned: each date once, where it is; a day shows its first few names
    // and how many more, which the plan of that day lists. Vendors already overdue are one line above.
    const today = this.clock.today();
    const [audits, due, overdue] = await Promise.all([
      this.plan.auditsByDay(grid.first, grid.last, DUE_NAMES_PER_DAY), this.plan.dueByDay(grid.first, grid.last, DUE_NAMES_PER_DAY), this.plan.overdue(today, OVERDUE_COUNT_CAP),
    ]);
    const names = await this.vendors.namesOf([...new Set([...audits.values()].flatMap((day) => day.items.map((audit) => audit.vendorId)))]);
    const weeks = grid.weeks.map((week) => week.map((date) => {
      const dueOn = date === null ? undefined : due.get(date);
      const auditsOn = date === null ? undefined : audits.get(date);
      return {
        day: date === null ? null : Number(date.slice(8, 10)),
        date,
        audits: (auditsOn?.items ?? []).map((audit) => ({ ...audit, vendorName: names.get(audit.vendorId) })),
        moreAudits: auditsOn && auditsOn.total > auditsOn.items.length ? auditsOn.total - auditsOn.items.length : 0,
        due: dueOn?.items ?? [],
        moreDue: dueOn && dueOn.total > dueOn.items.length ? dueOn.total - dueOn.items.length : 0,
      };
    }));
    render(response, 'pages/audit-calendar', {
      nav: 'audits', titleKey: 'ui.audits.title', weeks, year: grid.first.slice(0, 4), month: Number(grid.first.slice(5, 7)), previous: grid.previous, next: grid.next,
      overdue: overdueLine(overdue, today),
    });
  }
}
