import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { EVERY_ROLE, Roles } from '../common/access-policy';
import { Clock } from '../common/clock';
import { addDays, addMonths } from '../rules/calendar';
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
    const month = requested && /^\d{4}-(0[1-9]|1[0-2])$/.test(requested) ? requested : this.clock.today().slice(0, 7);
    const first = `${month}-01`;
    const last = addDays(addMonths(first, 1), -1);
    const page = await this.audits.list(Object.assign(new AuditListQuery(), { from: first, to: last, pageSize: 200 }));
    const names = await this.vendors.namesOf([...new Set(page.items.map((audit) => audit.vendorId))]);
    const weeks: Array<Array<{ day: number | null; audits: unknown[] }>> = [];
    const offset = (new Date(`${first}T00:00:00Z`).getUTCDay() + 6) % 7; // Monday first
    const days = Number(last.slice(8, 10));
    let week: Array<{ day: number | null; audits: unknown[] }> = Array.from({ length: offset }, () => ({ day: null, audits: [] }));
    for (let day = 1; day <= days; day += 1) {
      const date = `${month}-${String(day).padStart(2, '0')}`;
      week.push({ day, audits: page.items.filter((audit) => audit.scheduledFor === date).map((audit) => ({ ...audit, vendorName: names.get(audit.vendorId) })) });
      if (week.length === 7) {
        weeks.push(week);
        week = [];
      }
    }
    if (week.length > 0) weeks.push([...week, ...Array.from({ length: 7 - week.length }, () => ({ day: null, audits: [] }))]);
    render(response, 'pages/audit-calendar', {
      nav: 'audits', titleKey: 'ui.audits.title', weeks, year: month.slice(0, 4), month: Number(month.slice(5, 7)),
      previous: addMonths(first, -1).slice(0, 7), next: addMonths(first, 1).slice(0, 7),
    });
  }
}
