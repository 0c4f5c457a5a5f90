import { Body, Controller, Get, Post, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { EVERY_ROLE, Roles, VENDOR_WRITERS } from '../common/access-policy';
import { Clock } from '../common/clock';
import { AuditPlanService } from '../planning/audit-plan.service';
import { AuditPlanQuery, CreateAuditPlanDto } from '../planning/dto/audit-plan.dto';
import { addDays, addMonths } from '../rules/calendar';
import { AUDIT_KINDS } from '../supervision/supervision.entities';
import { FieldErrors, form, pagerOf, problemLines, render, submitForm, validated } from './forms';
import { listQuery } from './lists';
import { OVERDUE_COUNT_CAP, overdueLine } from './audit-due';

/** Rows of the plan page: a year of a few hundred vendors fits on one page. */
const PLAN_PAGE_SIZE = 200;

/**
 * The annual audit plan (年間監査計画): the vendors whose audit falls due in a period, with tier,
 * last audit and due date; compliance selects many, sets dates (default: the due date), kind and
 * auditor, and creates every planned audit in one post (all or none).
 */
@ApiExcludeController()
@Controller()
export class AuditPlanPageController {
  constructor(
    private readonly plan: AuditPlanService,
    private readonly clock: Clock,
  ) {}

  @Roles(...EVERY_ROLE)
  @Get('audit-plan')
  async page(@Query() raw: Record<string, unknown>, @Res() response: Response): Promise<void> {
    await this.show(response, raw, {}, {}, 200, form.text(raw.notice) === 'planned' ? Number(form.text(raw.count) ?? 0) : null);
  }

  @Roles(...VENDOR_WRITERS)
  @Post('audit-plan')
  async create(@Body() body: Record<string, unknown>, @Res() response: Response): Promise<void> {
    const selected = form.list(body.vendorIds);
    const period = { from: form.text(body.from), to: form.text(body.to) };
    if (selected.length === 0) return this.show(response, period, body, { selection: 'none' }, 400, null);
    return submitForm(response, {
      read: () => validated(CreateAuditPlanDto, {
        audits: selected.map((vendorId) => ({ vendorId, kind: form.text(body.kind), scheduledFor: form.text(body[`date__${vendorId}`]) ?? '', auditorEmail: form.text(body.auditorEmail) })),
      }),
      save: async (value) => {
        const result = await this.plan.plan(value.audits);
        return `/audit-plan?from=${period.from ?? ''}&to=${period.to ?? ''}&notice=planned&count=${result.created}`;
      },
      // The entries the plan was refused for (audits.<n>.…): marked on their rows, each with its reason; nothing was created.
      reshow: (errors, status, problems) => {
        const refused = new Map<string, string[]>();
        const lines = problemLines(problems);
        problems.forEach((problem, index) => {
          const entry = /^audits\.(\d+)\./.exec(problem.field ?? '')?.[1];
          if (entry === undefined) return;
          const vendorId = selected[Number(entry)];
          refused.set(vendorId, [...(refused.get(vendorId) ?? []), lines[index]]);
        });
        return this.show(response, period, body, errors, status, null, refused);
      },
    });
  }

  private async show(
    response: Response, raw: Record<string, unknown>, typed: Record<string, unknown>, errors: FieldErrors, status: number, planned: number | null, refused: ReadonlyMap<string, string[]> = new Map(),
  ): Promise<void> {
    const today = this.clock.today();
    const period = { from: form.text(raw.from) ?? today, to: form.text(raw.to) ?? addDays(addMonths(today, 12), -1) };
    const query = await listQuery(AuditPlanQuery, { ...period, page: form.text(raw.page) ?? '1', pageSize: String(PLAN_PAGE_SIZE) });
    const [page, overdue] = await Promise.all([this.plan.candidates(query), this.plan.overdue(today, OVERDUE_COUNT_CAP)]);
    const chosen = new Set(form.list(typed.vendorIds));
    const rows = page.items.map((row) => ({ ...row, selected: chosen.has(row.vendorId), refused: refused.get(row.vendorId) ?? null, date: form.text(typed[`date__${row.vendorId}`]) ?? row.dueDate }));
    render(response, 'pages/audit-plan', {
      nav: 'audits', titleKey: 'ui.auditPlan.title', period, rows, total: page.total, pager: pagerOf('/audit-plan', period, page), planned, overdue: overdueLine(overdue, today),
      input: { kind: form.text(typed.kind) ?? 'on-site', auditorEmail: form.text(typed.auditorEmail) ?? '' }, options: { kinds: AUDIT_KINDS },
      errors, problem: errors.selection ? 'ui.auditPlan.noneSelected' : Object.keys(errors).length > 0 ? 'ui.auditPlan.refused' : null,
    }, status);
  }
}
