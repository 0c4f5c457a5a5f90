import { SELECTION_ITEM_CODES, SELECTION_ITEM_STATUSES } from '../rules/supervision';
import { Body, Controller, Get, Post, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { Roles, VENDOR_WRITERS } from '../common/access-policy';
import { AuthenticatedUser, CurrentUser } from '../common/authenticated-user';
import { IdParam } from '../common/id-param';
import { AssessmentsService } from '../supervision/assessments.service';
import { AuditsService } from '../supervision/audits.service';
import { CreateAssessmentDto, CreateAuditDto, CreateFindingDto, UpdateAuditDto, UpdateFindingDto } from '../supervision/dto/supervision.dto';
import { statusChoices } from '../rules/lifecycles';
import { ASSESSMENT_KINDS, ASSESSMENT_OUTCOMES, AUDIT_KINDS, AUDIT_RESULTS, FINDING_SEVERITIES } from '../supervision/supervision.entities';
import { VendorsService } from '../vendors/vendors.service';
import { Translator } from '../i18n/translator';
import { UsersService } from '../users/users.service';
import { shownPeople } from './people';
import { form, render, safeNext, submitForm, validated } from './forms';

const OPTIONS = {
  findingSeverities: FINDING_SEVERITIES, auditKinds: AUDIT_KINDS, auditResults: AUDIT_RESULTS, assessmentKinds: ASSESSMENT_KINDS, assessmentOutcomes: ASSESSMENT_OUTCOMES,
  selectionItems: SELECTION_ITEM_CODES, selectionItemStatuses: SELECTION_ITEM_STATUSES,
};

/** Supervision records from the vendor page (compliance, admin): plan and record audits, record assessments. */
@ApiExcludeController()
@Controller()
export class SupervisionPagesController {
  constructor(
    private readonly vendors: VendorsService,
    private readonly audits: AuditsService,
    private readonly assessments: AssessmentsService,
    private readonly users: UsersService,
    private readonly translator: Translator,
  ) {}

  @Roles(...VENDOR_WRITERS)
  @Get('vendors/:id/audits/new')
  async newAudit(@IdParam() vendorId: string, @Res() response: Response): Promise<void> {
    render(response, 'pages/supervision/audit-form', { ...(await this.base(vendorId)), titleKey: 'ui.supervision.newAudit', input: { kind: 'remote' }, errors: {} });
  }

  @Roles(...VENDOR_WRITERS)
  @Post('vendors/:id/audits')
  createAudit(@IdParam() vendorId: string, @Body() body: Record<string, unknown>, @Res() response: Response): Promise<void> {
    return submitForm(response, {
      read: () => validated(CreateAuditDto, { kind: form.text(body.kind), scheduledFor: form.text(body.scheduledFor) ?? '', auditorEmail: form.text(body.auditorEmail) }),
      save: async (value) => {
        await this.audits.create(vendorId, value);
        return `/vendors/${vendorId}?notice=saved#audits`;
      },
      reshow: async (errors, status) =>
        render(response, 'pages/supervision/audit-form', { ...(await this.base(vendorId)), titleKey: 'ui.supervision.newAudit', input: body, errors }, status),
    });
  }

  @Roles(...VENDOR_WRITERS)
  @Get('audits/:id/edit')
  editAudit(@IdParam() id: string, @Res() response: Response, @CurrentUser() user: AuthenticatedUser): Promise<void> {
    return this.renderAuditUpdate(response, user, id, {});
  }

  /** A finding (指摘事項) of the audit, with its owner and due date (JIS f): corrective action). */
  @Roles(...VENDOR_WRITERS)
  @Post('audits/:id/findings')
  createFinding(@IdParam() id: string, @Body() body: Record<string, unknown>, @Res() response: Response, @CurrentUser() user: AuthenticatedUser): Promise<void> {
    return submitForm(response, {
      read: () => validated(CreateFindingDto, {
        title: form.text(body.title) ?? '', severity: form.text(body.severity), dueOn: form.text(body.dueOn) ?? '', ownerEmail: form.text(body.ownerEmail),
        description: form.text(body.description), correctiveActionPlan: form.text(body.correctiveActionPlan),
      }),
      save: async (value) => {
        await this.audits.createFinding(id, value);
        return `/audits/${id}/edit`;
      },
      reshow: (findingErrors, status) => this.renderAuditUpdate(response, user, id, { findingInput: body, findingErrors }, status),
    });
  }

  /** Close (resolved / risk accepted, with a note) or reopen a finding, at the version shown. */
  @Roles(...VENDOR_WRITERS)
  @Post('findings/:id')
  updateFinding(@IdParam() id: string, @Body() body: Record<string, unknown>, @Res() response: Response, @CurrentUser() user: AuthenticatedUser): Promise<void> {
    const back = safeBack(body.back);
    return submitForm(response, {
      read: () => validated(UpdateFindingDto, {
        version: form.integer(body.version), status: form.text(body.status), resolutionNote: form.text(body.resolutionNote),
        // The finding's own form sends these; the findings list's inline form does not (then they stay as stored).
        description: form.text(body.description), correctiveActionPlan: form.text(body.correctiveActionPlan),
      }),
      save: async (value) => {
        await this.audits.updateFinding(id, value, user);
        return back;
      },
      // Shown on the finding's own form, with what was typed kept (and, on a conflict, the stored version).
      reshow: async (errors, status) => {
        const finding = await this.audits.getFinding(id);
        render(response, 'pages/supervision/finding-update', {
          ...(await this.base(finding.vendorId)), titleKey: 'ui.supervision.updateFinding', finding, statuses: statusChoices('finding', finding.status), back,
          input: {
            status: form.text(body.status), resolutionNote: form.text(body.resolutionNote) ?? '', version: errors.version ? finding.version : body.version,
            description: form.text(body.description) ?? finding.description ?? '', correctiveActionPlan: form.text(body.correctiveActionPlan) ?? finding.correctiveActionPlan ?? '',
          }, errors,
        }, status);
      },
    });
  }

  /** Status changes follow the audit lifecycle (the form offers only its moves); a stale version is shown inline. */
  @Roles(...VENDOR_WRITERS)
  @Post('audits/:id')
  updateAudit(@IdParam() id: string, @Body() body: Record<string, unknown>, @Res() response: Response, @CurrentUser() user: AuthenticatedUser): Promise<void> {
    return submitForm(response, {
      read: () => validated(UpdateAuditDto, {
        version: form.integer(body.version), status: form.text(body.status), completedOn: form.text(body.completedOn), result: form.text(body.result), summary: form.text(body.summary),
      }),
      save: async (value) => `/vendors/${(await this.audits.update(id, value)).vendorId}?notice=saved#audits`,
      reshow: async (errors, status) => {
        const audit = await this.audits.get(id);
        await this.renderAuditUpdate(response, user, id, { input: { ...body, version: errors.version ? audit.version : body.version }, errors }, status);
      },
    });
  }

  @Roles(...VENDOR_WRITERS)
  @Get('vendors/:id/assessments/new')
  async newAssessment(@IdParam() vendorId: string, @Res() response: Response): Promise<void> {
    render(response, 'pages/supervision/assessment-form', { ...(await this.base(vendorId)), titleKey: 'ui.supervision.newAssessment', input: { kind: 'selection', outcome: 'approved' }, errors: {} });
  }

  @Roles(...VENDOR_WRITERS)
  @Post('vendors/:id/assessments')
  createAssessment(@IdParam() vendorId: string, @Body() body: Record<string, unknown>, @Res() response: Response, @CurrentUser() user: AuthenticatedUser): Promise<void> {
    const countries = form.commaList(body.countries);
    // One row per selection item (item__<code>, note__<code>); an item left blank is not recorded.
    const items = SELECTION_ITEM_CODES.flatMap((code) => {
      const status = form.text(body[`item__${code}`]);
      const note = form.text(body[`itemNote__${code}`]);
      return status ? [{ code, status, ...(note ? { note } : {}) }] : [];
    });
    return submitForm(response, {
      read: () => validated(CreateAssessmentDto, {
        kind: form.text(body.kind), completedOn: form.text(body.completedOn) ?? '', outcome: form.text(body.outcome),
        notes: form.text(body.notes), conditions: form.text(body.conditions), conditionsDueOn: form.text(body.conditionsDueOn),
        ...(countries.length > 0 ? { countries } : {}),
        ...(items.length > 0 ? { items } : {}),
      }),
      save: async (value) => {
        await this.assessments.create(vendorId, value, user);
        return `/vendors/${vendorId}?notice=saved#assessments`;
      },
      reshow: async (errors, status) =>
        render(response, 'pages/supervision/assessment-form', { ...(await this.base(vendorId)), titleKey: 'ui.supervision.newAssessment', input: body, errors }, status),
    });
  }

  /** The audit's page: its status form and its findings (owners by name), as stored unless the user's input is given. */
  private async renderAuditUpdate(response: Response, user: AuthenticatedUser, id: string, shown: Record<string, unknown>, status = 200): Promise<void> {
    const audit = await this.audits.get(id);
    const findings = await this.audits.findingsOf(id);
    const names = shownPeople(await this.users.peopleByEmail(findings.map((finding) => finding.ownerEmail)), user.locale, this.translator);
    render(response, 'pages/supervision/audit-update', {
      ...(await this.base(audit.vendorId)), titleKey: 'ui.supervision.updateAudit', audit, statuses: statusChoices('audit', audit.status),
      input: audit, errors: {}, findings: findings.map((finding) => ({ ...finding, ownerName: finding.ownerEmail ? names.get(finding.ownerEmail) ?? null : null })),
      findingInput: { severity: 'medium' }, findingErrors: {}, ...shown,
    }, status);
  }

  private async base(vendorId: string) {
    const vendor = await this.vendors.get(vendorId);
    return { nav: 'vendors', vendor: { id: vendor.id, name: vendor.name }, options: OPTIONS };
  }
}

/** Where to return after a finding changed: a local page only. */
function safeBack(value: unknown): string {
  return safeNext(value) === '/' ? '/findings' : safeNext(value);
}
