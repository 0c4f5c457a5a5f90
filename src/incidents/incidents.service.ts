import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { recordCreated } from '../audit-log/audit-trail';
import { updateAtVersion } from '../audit-log/optimistic-update';
import { AuthenticatedUser } from '../common/authenticated-user';
import { Clock } from '../common/clock';
import { ConflictError, InvalidMoveError, NotFoundError, ValidationError, VersionConflictError } from '../common/domain-errors';
import { Problem, term } from '../common/problems';
import { definedFields } from '../common/objects';
import { Page, pageOf } from '../common/pagination';
import { currentLocale } from '../common/request-context';
import { Contract } from '../contracts/contract.entity';
import { runInTransaction } from '../database/transactions';
import { Locale } from '../i18n/locale';
import { MessageKey } from '../i18n/messages';
import { Translator } from '../i18n/translator';
import { calendarDate } from '../rules/calendar';
import { isInForce } from '../rules/contracts';
import { IncidentStatus } from '../rules/incident-flags';
import {
  assessIncident, deadlineState, DeadlineState, finalDeadline, IncidentAssessment, IncidentFacts, Obligation, ObligationCode, REFERENCES, ReferenceCode,
  Timing, Verification, vendorNoticeDelay, VendorNoticeDelay,
} from '../rules/incident-obligations';
import { canMove, statusesWhere } from '../rules/lifecycles';
import { incidentOpen } from '../rules/work-queues';
import { OrganisationProfile } from '../rules/organisation-profile';
import { SettingsService } from '../settings/settings.service';
import { Subcontractor } from '../supervision/supervision.entities';
import { Vendor } from '../vendors/vendor.entity';
import { VendorsService } from '../vendors/vendors.service';
import { CreateIncidentDto, CreateReportDto, IncidentListQuery, UpdateIncidentDto, UpdateObligationDto } from './dto/incident.dto';
import { factsOf, Incident, IncidentObligation, IncidentReport, ObligationStatus, REPORT_ITEMS } from './incident.entities';

/** A timestamp may run this far ahead of the server's clock (the reporter's clock may be a little fast). */
const CLOCK_SKEW_MS = 5 * 60_000;
/** A 確報 reports every item of PPC rules Art. 8(1), each known or still unknown. */
const FINAL_REPORTS: readonly ObligationCode[] = ['appi-final', 'mynumber-final'];

export interface ReferenceView {
  code: ReferenceCode;
  text: string;
  verification: Verification;
}

export interface ReportView {
  id: string;
  incidentId: string;
  obligation: string;
  submittedAt: string;
  submittedBy: string;
  referenceNumber: string | null;
  items: IncidentReport['items'];
  note: string | null;
  recordedById: string;
  createdAt: string;
}

export interface ObligationView {
  id: string | null;
  code: ObligationCode;
  title: string;
  framework: string;
  /** The recorded facts require it now (false: kept because it was reported or closed before the facts changed). */
  applies: boolean;
  status: ObligationStatus;
  authority: { kind: string; bureau?: string; name: string };
  timing: Timing & { text: string };
  dueAt: string | null;
  outerDueAt: string | null;
  /** Where an open obligation stands now; null once reported or closed. */
  state: DeadlineState | null;
  /** Milliseconds to its next deadline (negative: overdue), for an open obligation. */
  remainingMs: number | null;
  references: ReferenceView[];
  notRequiredReason: string | null;
  closedAt: string | null;
  version: number;
  reports: ReportView[];
}

export interface IncidentView extends Omit<IncidentFacts, 'awareAt' | 'dataCategories'> {
  id: string;
  vendorId: string;
  vendorName: string;
  contractId: string | null;
  subcontractorId: string | null;
  title: string;
  description: string | null;
  kind: string;
  status: IncidentStatus;
  occurredAt: string | null;
  occurredAtEstimated: boolean;
  vendorAwareAt: string | null;
  notifiedAt: string | null;
  awareAt: string;
  dataCategories: string[];
  closedAt: string | null;
  assessment: Omit<IncidentAssessment, 'obligations'>;
  /** The vendor's notice to us against its contract's notice period (late: worth a finding). */
  vendorNotice: (VendorNoticeDelay & { contractId: string; contractTitle: string }) | null;
  obligations: ObligationView[];
  /** The nearest deadline of an open obligation. */
  nextDeadline: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

/**
 * 漏えい等: the incident register. It records incidents, the state of their obligations and the
 * reports made; which obligations there are and their deadlines come from the pure rule
 * (rules/incident-obligations.ts) with the organisation's profile, never from here.
 */
@Injectable()
export class IncidentsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly vendors: VendorsService,
    private readonly settings: SettingsService,
    private readonly translator: Translator,
    private readonly clock: Clock,
  ) {}

  /** Open and contained incidents first, each group by its nearest open deadline, then the latest first. */
  async list(query: IncidentListQuery): Promise<Page<IncidentView>> {
    const builder = this.dataSource.getRepository(Incident).createQueryBuilder('incident');
    if (query.vendorId) builder.andWhere('incident.vendorId = :vendorId', { vendorId: query.vendorId });
    if (query.status) builder.andWhere('incident.status = :status', { status: query.status });
    return this.sortedPage(await builder.getMany(), query);
  }

  /** Incidents in the list's order: open before closed, then the nearest deadline, the latest learned of, the id. */
  private async sortedPage(incidents: Incident[], query: { page: number; pageSize: number }): Promise<Page<IncidentView>> {
    const views = await this.views(incidents);
    views.sort(
      (a, b) =>
        Number(a.status === 'closed') - Number(b.status === 'closed') ||
        (a.nextDeadline ?? '\uffff').localeCompare(b.nextDeadline ?? '\uffff') ||
        b.awareAt.localeCompare(a.awareAt) ||
        a.id.localeCompare(b.id),
    );
    const start = (query.page - 1) * query.pageSize;
    return pageOf(views.slice(start, start + query.pageSize), views.length, query);
  }

  async get(id: string): Promise<IncidentView> {
    const [view] = await this.views([await this.incident(id)]);
    return view;
  }

  async create(vendorId: string, input: CreateIncidentDto, user: AuthenticatedUser): Promise<IncidentView> {
    await this.vendors.get(vendorId);
    const now = this.clock.now();
    const awareAt = input.awareAt ?? input.notifiedAt;
    if (!awareAt) throw new ValidationError({ field: 'awareAt', code: 'aware-at-required' });
    const incident = Object.assign(new Incident(), {
      vendorId,
      contractId: input.contractId ?? null,
      subcontractorId: input.subcontractorId ?? null,
      title: input.title,
      description: input.description ?? null,
      kind: input.kind,
      status: 'open' as const,
      occurredAt: instant(input.occurredAt),
      occurredAtEstimated: input.occurredAtEstimated ?? false,
      vendorAwareAt: instant(input.vendorAwareAt),
      notifiedAt: instant(input.notifiedAt),
      awareAt: new Date(awareAt),
      dataCategories: input.dataCategories ?? [],
      personsAffected: input.personsAffected ?? null,
      personsAtLeast: input.personsAtLeast ?? false,
      sensitiveData: input.sensitiveData ?? false,
      financialLossRisk: input.financialLossRisk ?? false,
      suspectedMalicious: input.suspectedMalicious ?? false,
      highlyEncrypted: input.highlyEncrypted ?? false,
      communicationsSecrecy: input.communicationsSecrecy ?? false,
      myNumberData: input.myNumberData ?? false,
      euUkDataSubjects: input.euUkDataSubjects ?? false,
      gdprHighRisk: input.gdprHighRisk ?? false,
      closedAt: null,
      recordedById: user.id,
      version: 1,
      createdAt: now,
      updatedAt: now,
    });
    incident.awareOn = calendarDate(incident.awareAt, this.clock.timeZone);
    this.checkTimes(incident, now);
    const saved = await runInTransaction(this.dataSource, async (manager) => {
      await this.checkBelongings(manager, incident);
      const row = await manager.save(incident);
      await recordCreated(manager, 'incident', row);
      await this.syncObligations(manager, row, await this.settings.profile(manager), now);
      return row;
    });
    return this.get(saved.id);
  }

  async update(id: string, input: UpdateIncidentDto): Promise<IncidentView> {
    const { version, ...fields } = input;
    const current = await this.incident(id);
    const now = this.clock.now();
    const changes = definedFields(fields);
    const next = Object.assign(new Incident(), current, changes, {
      occurredAt: 'occurredAt' in changes ? instant(changes.occurredAt) : current.occurredAt,
      vendorAwareAt: 'vendorAwareAt' in changes ? instant(changes.vendorAwareAt) : current.vendorAwareAt,
      notifiedAt: 'notifiedAt' in changes ? instant(changes.notifiedAt) : current.notifiedAt,
      awareAt: changes.awareAt ? new Date(changes.awareAt) : current.awareAt,
    });
    next.awareOn = calendarDate(next.awareAt, this.clock.timeZone);
    if (fields.status && !canMove('incident', current.status, fields.status)) throw new InvalidMoveError('incident', current.status, fields.status);
    this.checkTimes(next, now);
    await runInTransaction(this.dataSource, async (manager) => {
      await this.checkBelongings(manager, next);
      const profile = await this.settings.profile(manager);
      if (next.status === 'closed' && current.status !== 'closed') {
        const open = await this.openObligationsOf(manager, next, profile);
        if (open.length > 0) {
          throw new ConflictError({ field: 'status', code: 'obligations-open', params: { obligations: open.map((code) => term(`incident.obligation.${code}`)) } });
        }
      }
      await updateAtVersion(manager, Incident, 'incident', id, version, {
        contractId: next.contractId, subcontractorId: next.subcontractorId, title: next.title, description: next.description, kind: next.kind, status: next.status,
        occurredAt: next.occurredAt, occurredAtEstimated: next.occurredAtEstimated, vendorAwareAt: next.vendorAwareAt, notifiedAt: next.notifiedAt,
        awareAt: next.awareAt, awareOn: next.awareOn, dataCategories: next.dataCategories, personsAffected: next.personsAffected, personsAtLeast: next.personsAtLeast,
        sensitiveData: next.sensitiveData, financialLossRisk: next.financialLossRisk, suspectedMalicious: next.suspectedMalicious, highlyEncrypted: next.highlyEncrypted,
        communicationsSecrecy: next.communicationsSecrecy, myNumberData: next.myNumberData, euUkDataSubjects: next.euUkDataSubjects, gdprHighRisk: next.gdprHighRisk,
        closedAt: next.status === 'closed' ? (current.closedAt ?? now) : null,
      }, now);
      await this.syncObligations(manager, next, profile, now);
    });
    return this.get(id);
  }

  async obligations(id: string): Promise<ObligationView[]> {
    return (await this.get(id)).obligations;
  }

  /**
   * Closes an obligation as not required (only with the reason: e.g. GDPR Art. 33(1), unlikely to
   * result in a risk, and why), or reopens one so closed. A reported obligation stays reported.
   */
  async updateObligation(id: string, code: ObligationCode, input: UpdateObligationDto, user: AuthenticatedUser): Promise<ObligationView> {
    const incident = await this.incident(id);
    const now = this.clock.now();
    if (input.status === 'not-required' && !input.reason) throw new ValidationError({ field: 'reason', code: 'not-required-reason-required' });
    if (input.status === 'open' && input.reason) throw new ValidationError({ field: 'reason', code: 'reason-only-to-close' });
    await runInTransaction(this.dataSource, async (manager) => {
      const row = await this.obligationRow(manager, incident, code, await this.settings.profile(manager), now);
      if (row.version !== input.version) throw new VersionConflictError('incident-obligation', row.id, input.version, row.version);
      if (!canMove('incident-obligation', row.status, input.status)) throw new InvalidMoveError('incident-obligation', row.status, input.status);
      if (row.status === input.status) return;
      const closing = input.status === 'not-required';
      await updateAtVersion(manager, IncidentObligation, 'incident-obligation', row.id, row.version, {
        status: input.status,
        notRequiredReason: closing ? input.reason! : null,
        closedAt: closing ? now : null,
        closedById: closing ? user.id : null,
      }, now);
    });
    return (await this.obligations(id)).find((obligation) => obligation.code === code)!;
  }

  async reports(id: string): Promise<ReportView[]> {
    await this.incident(id);
    const rows = await this.dataSource.getRepository(IncidentReport).find({ where: { incidentId: id }, order: { submittedAt: 'ASC', createdAt: 'ASC' } });
    return rows.map(reportView);
  }

  /** Records a report or notice made; its obligation becomes reported. A 確報 says which Art. 8(1) items were known. */
  async createReport(id: string, input: CreateReportDto, user: AuthenticatedUser): Promise<ReportView> {
    const incident = await this.incident(id);
    const now = this.clock.now();
    const submittedAt = new Date(input.submittedAt);
    const problems: Problem[] = [];
    if (submittedAt.getTime() > now.getTime() + CLOCK_SKEW_MS) problems.push({ field: 'submittedAt', code: 'in-future' });
    if (submittedAt < incident.awareAt) problems.push({ field: 'submittedAt', code: 'report-before-aware' });
    const items = input.items ? (definedFields({ ...input.items }) as NonNullable<IncidentReport['items']>) : null;
    if (FINAL_REPORTS.includes(input.obligation)) {
      const missing = REPORT_ITEMS.filter((item) => !items?.[item]);
      if (missing.length > 0) problems.push({ field: 'items', code: 'report-items-required', params: { items: missing.map((item) => term(`incident.reportItem.${item}`)) } });
    } else if (items && Object.keys(items).length > 0) {
      problems.push({ field: 'items', code: 'report-items-only-final' });
    }
    if (problems.length > 0) throw new ValidationError(problems);
    const saved = await runInTransaction(this.dataSource, async (manager) => {
      const obligation = await this.obligationRow(manager, incident, input.obligation, await this.settings.profile(manager), now);
      const report = await manager.save(Object.assign(new IncidentReport(), {
        incidentId: id, obligationId: obligation.id, vendorId: incident.vendorId, code: input.obligation, submittedAt, submittedBy: input.submittedBy,
        referenceNumber: input.referenceNumber ?? null, items: FINAL_REPORTS.includes(input.obligation) ? items : null, note: input.note ?? null, recordedById: user.id,
        version: 1, createdAt: now, updatedAt: now,
      }));
      await recordCreated(manager, 'incident-report', report);
      if (obligation.status !== 'reported') {
        await updateAtVersion(manager, IncidentObligation, 'incident-obligation', obligation.id, obligation.version, {
          status: 'reported', notRequiredReason: null, closedAt: submittedAt, closedById: user.id,
        }, now);
      }
      return report;
    });
    return reportView(saved);
  }

  /** Open and contained incidents with their nearest deadline, soonest first (the dashboard). */
  async openIncidents(limit: number): Promise<IncidentView[]> {
    // Only the incidents not yet closed are read (the closed ones pile up over the years).
    const open = await this.dataSource.getRepository(Incident).find({ where: { status: In(statusesWhere('incident', (status) => incidentOpen({ status }))) } });
    return (await this.sortedPage(open, { page: 1, pageSize: limit })).items;
  }

  /** The obligations the facts require that are neither reported nor closed as not required. */
  private async openObligationsOf(manager: EntityManager, incident: Incident, profile: OrganisationProfile): Promise<ObligationCode[]> {
    const rows = await manager.find(IncidentObligation, { where: { incidentId: incident.id } });
    const settled = new Set(rows.filter((row) => row.status !== 'open').map((row) => row.code));
    return assessIncident(factsOf(incident), profile, this.clock.timeZone).obligations.map((obligation) => obligation.code).filter((code) => !settled.has(code));
  }

  /** A row for every obligation the facts require (new ones open), in the caller's transaction; rows are never dropped. */
  private async syncObligations(manager: EntityManager, incident: Incident, profile: OrganisationProfile, now: Date): Promise<void> {
    const existing = new Set((await manager.find(IncidentObligation, { where: { incidentId: incident.id }, select: { code: true } })).map((row) => row.code));
    for (const obligation of assessIncident(factsOf(incident), profile, this.clock.timeZone).obligations) {
      if (existing.has(obligation.code)) continue;
      const row = await manager.save(Object.assign(new IncidentObligation(), {
        incidentId: incident.id, vendorId: incident.vendorId, code: obligation.code, status: 'open' as const, notRequiredReason: null, closedAt: null, closedById: null,
        version: 1, createdAt: now, updatedAt: now,
      }));
      await recordCreated(manager, 'incident-obligation', row);
    }
  }

  /** The row of an obligation the incident has (created when the facts now require it); 404 otherwise. */
  private async obligationRow(manager: EntityManager, incident: Incident, code: ObligationCode, profile: OrganisationProfile, now: Date): Promise<IncidentObligation> {
    await this.syncObligations(manager, incident, profile, now);
    const locking = manager.connection.options.type !== 'better-sqlite3';
    const row = await manager.findOne(IncidentObligation, { where: { incidentId: incident.id, code }, ...(locking ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
    if (!row) throw new NotFoundError('incident-obligation', `${incident.id}/${code}`);
    return row;
  }

  /** The vendor's contract and subcontractor named on the incident must be the vendor's own. */
  private async checkBelongings(manager: EntityManager, incident: Incident): Promise<void> {
    const problems: Problem[] = [];
    if (incident.contractId && !(await manager.existsBy(Contract, { id: incident.contractId, vendorId: incident.vendorId }))) {
      problems.push({ field: 'contractId', code: 'not-contract-of-vendor', params: { id: incident.contractId } });
    }
    if (incident.subcontractorId && !(await manager.existsBy(Subcontractor, { id: incident.subcontractorId, vendorId: incident.vendorId }))) {
      problems.push({ field: 'subcontractorId', code: 'not-subcontractor-of-vendor', params: { id: incident.subcontractorId } });
    }
    if (problems.length > 0) throw new ValidationError(problems);
  }

  /** No time in the future; the vendor knew before it told us; nothing happened after we learned of it (unless estimated). */
  private checkTimes(incident: Incident, now: Date): void {
    const problems: Problem[] = [];
    const latest = now.getTime() + CLOCK_SKEW_MS;
    for (const field of ['occurredAt', 'vendorAwareAt', 'notifiedAt', 'awareAt'] as const) {
      const value = incident[field];
      if (value && value.getTime() > latest) problems.push({ field, code: 'in-future' });
    }
    if (incident.vendorAwareAt && incident.notifiedAt && incident.notifiedAt < incident.vendorAwareAt) problems.push({ field: 'notifiedAt', code: 'notified-before-vendor-aware' });
    if (incident.occurredAt && !incident.occurredAtEstimated && incident.occurredAt > incident.awareAt) problems.push({ field: 'occurredAt', code: 'occurred-after-aware' });
    if (problems.length > 0) throw new ValidationError(problems);
  }

  private async views(incidents: Incident[]): Promise<IncidentView[]> {
    if (incidents.length === 0) return [];
    const ids = incidents.map((incident) => incident.id);
    const vendorIds = [...new Set(incidents.map((incident) => incident.vendorId))];
    const [profile, rows, reports, contracts, vendors] = await Promise.all([
      this.settings.profile(),
      this.dataSource.getRepository(IncidentObligation).find({ where: { incidentId: In(ids) } }),
      this.dataSource.getRepository(IncidentReport).find({ where: { incidentId: In(ids) }, order: { submittedAt: 'ASC', createdAt: 'ASC' } }),
      this.dataSource.getRepository(Contract).find({ where: { vendorId: In(vendorIds) } }),
      this.dataSource.getRepository(Vendor).find({ where: { id: In(vendorIds) }, select: { id: true, name: true } }),
    ]);
    const names = new Map(vendors.map((vendor) => [vendor.id, vendor.name]));
    const now = this.clock.now();
    return incidents.map((incident) => {
      const { obligations, ...assessment } = assessIncident(factsOf(incident), profile, this.clock.timeZone);
      const own = rows.filter((row) => row.incidentId === incident.id);
      const ownReports = reports.filter((report) => report.incidentId === incident.id);
      const views = this.obligationViews(incident, obligations, own, ownReports, now);
      const open = views.filter((view) => view.state !== null && view.applies && incident.status !== 'closed');
      const next = open.map((view) => view.outerDueAt && view.state === 'past-target' ? view.outerDueAt : view.dueAt!).sort()[0] ?? null;
      return {
        id: incident.id,
        vendorId: incident.vendorId,
        vendorName: names.get(incident.vendorId) ?? '',
        contractId: incident.contractId,
        subcontractorId: incident.subcontractorId,
        title: incident.title,
        description: incident.description,
        kind: incident.kind,
        status: incident.status,
        ...factsOf(incident),
        occurredAt: iso(incident.occurredAt),
        occurredAtEstimated: incident.occurredAtEstimated,
        vendorAwareAt: iso(incident.vendorAwareAt),
        notifiedAt: iso(incident.notifiedAt),
        awareAt: incident.awareAt.toISOString(),
        dataCategories: incident.dataCategories,
        closedAt: iso(incident.closedAt),
        assessment,
        vendorNotice: this.vendorNotice(incident, contracts.filter((contract) => contract.vendorId === incident.vendorId)),
        obligations: views,
        nextDeadline: next,
        version: incident.version,
        createdAt: incident.createdAt.toISOString(),
        updatedAt: incident.updatedAt.toISOString(),
      };
    });
  }

  private obligationViews(incident: Incident, obligations: Obligation[], rows: IncidentObligation[], reports: IncidentReport[], now: Date): ObligationView[] {
    const byCode = new Map(rows.map((row) => [row.code, row]));
    const computed = new Set<string>(obligations.map((obligation) => obligation.code));
    const views = obligations.map((obligation) => this.obligationView(obligation, byCode.get(obligation.code) ?? null, reports, now, true));
    // Kept from earlier facts: what was reported or closed stays on record.
    for (const row of rows) {
      if (computed.has(row.code) || row.status === 'open') continue;
      views.push(this.obligationView(null, row, reports, now, false));
    }
    return views;
  }

  private obligationView(obligation: Obligation | null, row: IncidentObligation | null, reports: IncidentReport[], now: Date, applies: boolean): ObligationView {
    const code = (obligation?.code ?? row!.code) as ObligationCode;
    const status: ObligationStatus = row?.status ?? 'open';
    const open = status === 'open' && obligation !== null;
    const state = open ? deadlineState(obligation, now) : null;
    const next = obligation && open ? (state === 'due-soon' || state === 'upcoming' ? obligation.dueAt : finalDeadline(obligation)) : null;
    return {
      id: row?.id ?? null,
      code,
      title: this.t(`incident.obligation.${code}`),
      framework: obligation?.framework ?? code.split('-')[0],
      applies,
      status,
      authority: obligation ? this.authorityView(obligation) : { kind: 'unknown', name: '' },
      timing: obligation ? { ...obligation.timing, text: this.timingText(obligation.timing) } : { kind: 'prompt', text: '' },
      dueAt: obligation ? obligation.dueAt.toISOString() : null,
      outerDueAt: obligation?.outerDueAt?.toISOString() ?? null,
      state,
      remainingMs: next ? next.getTime() - now.getTime() : null,
      references: (obligation?.references ?? []).map((reference) => ({ code: reference, text: this.t(`incident.reference.${reference}`), verification: REFERENCES[reference] })),
      notRequiredReason: row?.notRequiredReason ?? null,
      closedAt: iso(row?.closedAt ?? null),
      version: row?.version ?? 0,
      reports: reports.filter((report) => report.code === code).map(reportView),
    };
  }

  private authorityView(obligation: Obligation): ObligationView['authority'] {
    const { authority } = obligation;
    if (authority.kind === 'telecom-bureau') return { kind: authority.kind, bureau: authority.bureau, name: this.t(`telecomBureau.${authority.bureau}`) };
    return { kind: authority.kind, name: this.t(`incident.authority.${authority.kind}`) };
  }

  private timingText(timing: Timing): string {
    switch (timing.kind) {
      case 'hours':
        return this.t('incident.timing.hours', { hours: timing.hours });
      case 'days':
        return this.t('incident.timing.days', { days: timing.days });
      case 'yardstick':
        return this.t('incident.timing.yardstick', { from: timing.fromDays, to: timing.toDays });
      case 'prompt':
        return this.t('incident.timing.prompt');
    }
  }

  /**
   * The notice period the vendor had: the named contract's, else the strictest of the contracts in
   * force on the day the vendor became aware. Null without both times or without a period.
   */
  private vendorNotice(incident: Incident, contracts: Contract[]): IncidentView['vendorNotice'] {
    if (!incident.vendorAwareAt || !incident.notifiedAt) return null;
    const day = calendarDate(incident.vendorAwareAt, this.clock.timeZone);
    const candidates = incident.contractId
      ? contracts.filter((contract) => contract.id === incident.contractId)
      : contracts.filter((contract) => isInForce(contract, day));
    const withPeriod = candidates.filter((contract) => contract.incidentNoticeHours !== null).sort((a, b) => a.incidentNoticeHours! - b.incidentNoticeHours!);
    const contract = withPeriod[0];
    if (!contract) return null;
    const delay = vendorNoticeDelay(incident, contract.incidentNoticeHours);
    return delay && { ...delay, contractId: contract.id, contractTitle: contract.title };
  }

  private async incident(id: string): Promise<Incident> {
    const incident = await this.dataSource.getRepository(Incident).findOneBy({ id });
    if (!incident) throw new NotFoundError('incident', id);
    return incident;
  }

  private locale(): Locale {
    return currentLocale() === 'en' ? 'en' : 'ja';
  }

  private t(key: string, params: Record<string, string | number> = {}): string {
    return this.translator.t(this.locale(), key as MessageKey, params);
  }
}

function reportView(report: IncidentReport): ReportView {
  return {
    id: report.id,
    incidentId: report.incidentId,
    obligation: report.code,
    submittedAt: report.submittedAt.toISOString(),
    submittedBy: report.submittedBy,
    referenceNumber: report.referenceNumber,
    items: report.items,
    note: report.note,
    recordedById: report.recordedById,
    createdAt: report.createdAt.toISOString(),
  };
}

function instant(value: string | null | undefined): Date | null {
  return value ? new Date(value) : null;
}

function iso(value: Date | null): string | null {
  return value ? value.toISOString() : null;
}
