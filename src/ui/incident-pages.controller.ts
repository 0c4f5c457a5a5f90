import { Body, Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { EVERY_ROLE, Roles, VENDOR_WRITERS } from '../common/access-policy';
import { AuthenticatedUser, CurrentUser } from '../common/authenticated-user';
import { Clock } from '../common/clock';
import { NotFoundError } from '../common/domain-errors';
import { IdParam } from '../common/id-param';
import { ContractsService } from '../contracts/contracts.service';
import { FilesService } from '../files/files.service';
import { CreateIncidentDto, CreateReportDto, IncidentListQuery, UpdateIncidentDto, UpdateObligationDto } from '../incidents/dto/incident.dto';
import { REPORT_ITEM_STATES, REPORT_ITEMS } from '../incidents/incident.entities';
import { IncidentsService, IncidentView, ObligationView } from '../incidents/incidents.service';
import { MessageKey } from '../i18n/messages';
import { Translator } from '../i18n/translator';
import { atWallClock, isCalendarDate } from '../rules/calendar';
import { INCIDENT_STATUSES } from '../rules/incident-flags';
import { INCIDENT_KINDS, OBLIGATION_CODES, ObligationCode, wallClock } from '../rules/incident-obligations';
import { statusChoices } from '../rules/lifecycles';
import { DATA_CATEGORIES } from '../rules/vendor-facts';
import { SubcontractorsService } from '../supervision/subcontractors.service';
import { VendorsService } from '../vendors/vendors.service';
import { FieldErrors, form, pagerOf, render, submitForm, validated } from './forms';
import { listFilters, listQuery, PAGE_SIZE } from './lists';
import { countdownText, durationText } from './countdown';

/** The boxes of the facts that decide the duties, in the order the form shows them. */
const FACT_BOXES = ['sensitiveData', 'financialLossRisk', 'suspectedMalicious', 'highlyEncrypted', 'communicationsSecrecy', 'myNumberData', 'euUkDataSubjects', 'gdprHighRisk'] as const;
const TIMES = ['occurredAt', 'vendorAwareAt', 'notifiedAt', 'awareAt'] as const;
const WALL_CLOCK = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})$/;

/**
 * 漏えい等 pages: the incidents list (open first, nearest deadline first), an incident with a countdown
 * per obligation, the reports recorded and the Art. 8(1) items of a 確報; the forms that record an
 * incident, its reports and closures. Times are typed and shown as the organisation's wall clock.
 */
@ApiExcludeController()
@Controller()
export class IncidentPagesController {
  constructor(
    private readonly incidents: IncidentsService,
    private readonly vendors: VendorsService,
    private readonly contracts: ContractsService,
    private readonly subcontractors: SubcontractorsService,
    private readonly files: FilesService,
    private readonly translator: Translator,
    private readonly clock: Clock,
  ) {}

  @Roles(...EVERY_ROLE)
  @Get('incidents')
  async list(@Query() raw: Record<string, unknown>, @Res() response: Response, @CurrentUser() user: AuthenticatedUser): Promise<void> {
    const filters = listFilters(raw, ['status']);
    const query = await listQuery(IncidentListQuery, { ...filters, page: form.text(raw.page) ?? '1', pageSize: String(PAGE_SIZE) });
    const page = await this.incidents.list(query);
    render(response, 'pages/incidents/list', {
      nav: 'incidents', titleKey: 'ui.incidents.title', filters, options: { statuses: INCIDENT_STATUSES },
      incidents: page.items.map((incident) => this.summary(incident, user)), pager: pagerOf('/incidents', filters, page),
    });
  }

  @Roles(...VENDOR_WRITERS)
  @Get('vendors/:id/incidents/new')
  async newIncident(@IdParam() vendorId: string, @Res() response: Response): Promise<void> {
    await this.renderForm(response, vendorId, null, { kind: 'leak', dataCategories: [] }, {});
  }

  @Roles(...VENDOR_WRITERS)
  @Post('vendors/:id/incidents')
  async create(@IdParam() vendorId: string, @Body() body: Record<string, unknown>, @Res() response: Response, @CurrentUser() user: AuthenticatedUser): Promise<void> {
    const input = shown(body);
    return submitForm(response, {
      read: () => validated(CreateIncidentDto, this.incidentInput(body)),
      save: async (value) => `/incidents/${(await this.incidents.create(vendorId, value, user)).id}?notice=saved`,
      reshow: (errors, status) => this.renderForm(response, vendorId, null, input, errors, status),
    });
  }

  @Roles(...EVERY_ROLE)
  @Get('incidents/:id')
  async detail(@IdParam() id: string, @Res() response: Response, @CurrentUser() user: AuthenticatedUser, @Query('notice') notice?: string): Promise<void> {
    await this.renderDetail(response, id, user, { notice: notice === 'saved' ? 'ui.common.saved' : undefined });
  }

  @Roles(...VENDOR_WRITERS)
  @Get('incidents/:id/edit')
  async edit(@IdParam() id: string, @Res() response: Response): Promise<void> {
    const incident = await this.incidents.get(id);
    await this.renderForm(response, incident.vendorId, incident, this.storedInput(incident), {});
  }

  @Roles(...VENDOR_WRITERS)
  @Post('incidents/:id')
  async update(@IdParam() id: string, @Body() body: Record<string, unknown>, @Res() response: Response): Promise<void> {
    const current = await this.incidents.get(id);
    const input = shown(body);
    return submitForm(response, {
      read: () => validated(UpdateIncidentDto, { ...this.incidentInput(body, true), version: form.integer(body.version), status: form.text(body.status) }),
      save: async (value) => {
        await this.incidents.update(id, value);
        return `/incidents/${current.id}?notice=saved`;
      },
      reshow: async (errors, status) => {
        const stored = await this.incidents.get(id);
        await this.renderForm(response, stored.vendorId, stored, { ...input, version: errors.version ? stored.version : input.version }, errors, status, errors.version ? this.storedInput(stored) : null);
      },
    });
  }

  /** Close an obligation as not required (with the reason), or reopen it. */
  @Roles(...VENDOR_WRITERS)
  @Post('incidents/:id/obligations/:code')
  async updateObligation(@IdParam() id: string, @Param('code') code: string, @Body() body: Record<string, unknown>, @Res() response: Response, @CurrentUser() user: AuthenticatedUser): Promise<void> {
    const obligation = obligationCode(code);
    return submitForm(response, {
      read: () => validated(UpdateObligationDto, { version: form.integer(body.version), status: form.text(body.status) ?? '', reason: form.text(body.reason) }),
      save: async (value) => {
        await this.incidents.updateObligation(id, obligation, value, user);
        return `/incidents/${id}?notice=saved#obligations`;
      },
      reshow: (errors, status) => this.renderDetail(response, id, user, { obligationErrors: { [obligation]: errors } }, status),
    });
  }

  @Roles(...VENDOR_WRITERS)
  @Post('incidents/:id/reports')
  async createReport(@IdParam() id: string, @Body() body: Record<string, unknown>, @Res() response: Response, @CurrentUser() user: AuthenticatedUser): Promise<void> {
    const items = Object.fromEntries(REPORT_ITEMS.map((item) => [item, form.text(body[`item__${item}`])]).filter(([, state]) => state !== undefined));
    const input = {
      obligation: form.text(body.obligation) ?? '',
      submittedAt: this.timestamp(body.submittedAt) ?? '',
      submittedBy: form.text(body.submittedBy) ?? '',
      referenceNumber: form.text(body.referenceNumber),
      items: Object.keys(items).length > 0 ? items : undefined,
      note: form.text(body.note),
    };
    return submitForm(response, {
      read: () => validated(CreateReportDto, input),
      save: async (value) => {
        await this.incidents.createReport(id, value, user);
        return `/incidents/${id}?notice=saved#reports`;
      },
      reshow: (errors, status) => this.renderDetail(response, id, user, { reportInput: shown(body), reportErrors: errors }, status),
    });
  }

  private async renderDetail(response: Response, id: string, user: AuthenticatedUser, extra: Record<string, unknown>, status = 200): Promise<void> {
    const incident = await this.incidents.get(id);
    const [contracts, subcontractors, documents] = await Promise.all([
      this.contracts.listForVendor(incident.vendorId),
      this.subcontractors.list(incident.vendorId),
      this.files.listForOwner('incident', id),
    ]);
    const t = (key: string, params: Record<string, string | number> = {}) => this.translator.t(user.locale, key as MessageKey, params);
    const obligations = incident.obligations.map((obligation) => this.obligationRow(obligation, user));
    const reports = incident.obligations
      .flatMap((obligation) => obligation.reports.map((report) => ({ ...report, obligationTitle: obligation.title })))
      .sort((a, b) => a.submittedAt.localeCompare(b.submittedAt))
      .map((report) => ({ ...report, items: report.items ? REPORT_ITEMS.map((item) => ({ item, state: report.items?.[item] ?? null })) : null }));
    const notice = incident.vendorNotice;
    render(response, 'pages/incidents/detail', {
      nav: 'incidents', titleKey: 'ui.incidents.detailTitle', incident: this.summary(incident, user), obligations, reports,
      contractTitle: contracts.find((contract) => contract.id === incident.contractId)?.title ?? null,
      subcontractorName: subcontractors.find((subcontractor) => subcontractor.id === incident.subcontractorId)?.name ?? null,
      triggers: incident.assessment.appiTriggers.map((trigger) => t(`incident.trigger.${trigger}`)).join(user.locale === 'ja' ? '、' : ', '),
      myNumberTriggers: incident.assessment.myNumberTriggers.map((trigger) => t(`incident.myNumberTrigger.${trigger}`)).join(user.locale === 'ja' ? '、' : ', '),
      vendorNotice: notice && { ...notice, elapsed: durationText(this.translator, user.locale, notice.elapsedMinutes * 60_000) },
      openObligations: incident.obligations.filter((obligation) => obligation.status !== 'reported' && obligation.applies),
      reportItems: REPORT_ITEMS, reportItemStates: REPORT_ITEM_STATES,
      reportInput: { submittedAt: wallClock(this.clock.now(), this.clock.timeZone).replace(' ', 'T'), submittedBy: user.name },
      reportErrors: {}, obligationErrors: {},
      documentCount: documents.length,
      ...extra,
    }, status);
  }

  private obligationRow(obligation: ObligationView, user: AuthenticatedUser) {
    const t = (key: string, params: Record<string, string | number> = {}) => this.translator.t(user.locale, key as MessageKey, params);
    return {
      ...obligation,
      countdown: obligation.remainingMs === null ? null : countdownText(this.translator, user.locale, obligation.remainingMs),
      severity: obligation.state === 'overdue' ? 'critical' : obligation.state === 'due-soon' || obligation.state === 'past-target' ? 'warning' : null,
      references: obligation.references.map((reference) => ({ ...reference, label: t(`incident.verification.${reference.verification}`) })),
      canClose: obligation.status === 'open' && obligation.applies,
      canReopen: obligation.status === 'not-required',
    };
  }

  /** An incident as the list and the page show it. */
  private summary(incident: IncidentView, user: AuthenticatedUser) {
    const t = (key: string, params: Record<string, string | number> = {}) => this.translator.t(user.locale, key as MessageKey, params);
    const open = incident.obligations.filter((obligation) => obligation.state !== null && obligation.applies && incident.status !== 'closed');
    const next = open.reduce<ObligationView | null>((soonest, obligation) => (soonest === null || obligation.remainingMs! < soonest.remainingMs! ? obligation : soonest), null);
    return {
      ...incident,
      persons: incident.personsAffected === null ? t('ui.incidents.personsUnknown') : t(incident.personsAtLeast ? 'ui.incidents.personsAtLeastCount' : 'ui.incidents.personsCount', { count: this.translator.number(user.locale, incident.personsAffected) }),
      openCount: open.length,
      next: next && { title: next.title, countdown: countdownText(this.translator, user.locale, next.remainingMs!), severity: next.state === 'overdue' ? 'critical' : next.state === 'upcoming' ? null : 'warning' },
    };
  }

  private async renderForm(response: Response, vendorId: string, incident: IncidentView | null, input: Record<string, unknown>, errors: FieldErrors, status = 200, stored: Record<string, unknown> | null = null): Promise<void> {
    const [vendor, contracts, subcontractors] = await Promise.all([this.vendors.get(vendorId), this.contracts.listForVendor(vendorId), this.subcontractors.list(vendorId)]);
    render(response, 'pages/incidents/form', {
      nav: 'incidents', titleKey: incident ? 'ui.incidents.editTitle' : 'ui.incidents.newTitle', vendor: { id: vendor.id, name: vendor.name }, incident,
      action: incident ? `/incidents/${incident.id}` : `/vendors/${vendorId}/incidents`,
      options: { kinds: INCIDENT_KINDS, categories: DATA_CATEGORIES, statuses: incident ? statusChoices('incident', incident.status) : [], facts: FACT_BOXES },
      contracts, subcontractors, timeZone: this.clock.timeZone, input: { ...input, dataCategories: form.list(input.dataCategories) }, errors, stored, conflict: Boolean(errors.version),
    }, status);
  }

  /** The form's fields as the JSON API would receive them; on an edit an empty time clears it (awareAt is kept). */
  private incidentInput(body: Record<string, unknown>, editing = false): Record<string, unknown> {
    const time = (name: (typeof TIMES)[number]) => this.timestamp(body[name]) ?? (editing && name !== 'awareAt' ? null : undefined);
    return {
      title: form.text(body.title) ?? '',
      description: editing ? form.nullable(body.description) : form.text(body.description),
      kind: form.text(body.kind),
      contractId: editing ? form.nullable(body.contractId) : form.text(body.contractId),
      subcontractorId: editing ? form.nullable(body.subcontractorId) : form.text(body.subcontractorId),
      occurredAt: time('occurredAt'),
      occurredAtEstimated: form.checkbox(body.occurredAtEstimated),
      vendorAwareAt: time('vendorAwareAt'),
      notifiedAt: time('notifiedAt'),
      awareAt: time('awareAt'),
      dataCategories: form.list(body.dataCategories),
      personsAffected: form.integer(body.personsAffected),
      personsAtLeast: form.checkbox(body.personsAtLeast),
      ...Object.fromEntries(FACT_BOXES.map((name) => [name, form.checkbox(body[name])])),
    };
  }

  /** A datetime-local field (the organisation's wall clock) as an ISO timestamp; anything else passed on for the DTO to refuse. */
  private timestamp(value: unknown): string | undefined {
    const text = form.text(value);
    if (text === undefined) return undefined;
    const match = WALL_CLOCK.exec(text);
    if (!match) return text;
    const [, date, hours, minutes] = match;
    if (!isCalendarDate(date) || Number(hours) > 23 || Number(minutes) > 59) return text;
    // The offset of that moment in ORG_TIMEZONE (a zone with summer time changes it within a day).
    return atWallClock(date, Number(hours), Number(minutes), this.clock.timeZone).toISOString();
  }

  /** The stored incident in the form's terms. */
  private storedInput(incident: IncidentView): Record<string, unknown> {
    const local = (value: string | null) => (value ? wallClock(new Date(value), this.clock.timeZone).replace(' ', 'T') : '');
    return {
      ...incident,
      occurredAt: local(incident.occurredAt), vendorAwareAt: local(incident.vendorAwareAt), notifiedAt: local(incident.notifiedAt), awareAt: local(incident.awareAt),
      personsAffected: incident.personsAffected ?? '', description: incident.description ?? '',
    };
  }
}

function obligationCode(value: string): ObligationCode {
  if (!(OBLIGATION_CODES as readonly string[]).includes(value)) throw new NotFoundError('incident-obligation', value);
  return value as ObligationCode;
}

/** What the user typed, to show again (the CSRF token left out). */
function shown(body: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(body).filter(([key]) => key !== '_csrf'));
}
