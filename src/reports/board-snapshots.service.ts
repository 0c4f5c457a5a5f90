import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock } from '../common/clock';
import { isUniqueViolation } from '../common/database-errors';
import { ComplianceService } from '../compliance/compliance.service';
import { runInTransaction } from '../database/transactions';
import { Audit, Finding } from '../supervision/supervision.entities';
import { Vendor } from '../vendors/vendor.entity';
import { boardCounts, incidentCounts, IncidentBoardFacts } from './board-counts';
import { Incident, IncidentObligation, IncidentReport, factsOf } from '../incidents/incident.entities';
import { SettingsService } from '../settings/settings.service';
import { calendarDate } from '../rules/calendar';
import { assessIncident, finalDeadline, judgedAt } from '../rules/incident-obligations';
import { ReportSnapshot } from './report-snapshot.entity';

/**
 * The daily snapshot of the board report's counts: every vendor evaluated on the day by the
 * compliance rules, the audits and findings as recorded. One row per day: a second run the same
 * day (another instance, a restart) replaces that day's row, so the job is safe to repeat.
 */
@Injectable()
export class BoardSnapshotsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly compliance: ComplianceService,
    private readonly settings: SettingsService,
    private readonly clock: Clock,
  ) {}

  /** Takes today's snapshot (ORG_TIMEZONE) and returns it. */
  async takeToday(): Promise<ReportSnapshot> {
    const day = this.clock.today();
    const [evaluations, vendors, audits, findings, incidents] = await Promise.all([
      this.compliance.evaluateAll(day),
      this.dataSource.getRepository(Vendor).find({ select: { id: true, name: true, status: true, riskTier: true } }),
      this.dataSource.getRepository(Audit).find({ select: { id: true, status: true, completedOn: true } }),
      this.dataSource.getRepository(Finding).find({ select: { id: true, closedOn: true } }),
      this.incidentFacts(),
    ]);
    const evaluated = new Map(evaluations.map((row) => [row.vendorId, row.evaluation]));
    const { counts, remediation } = boardCounts(
      {
        vendors: vendors.flatMap((vendor) => {
          const evaluation = evaluated.get(vendor.id);
          return evaluation ? [{ id: vendor.id, name: vendor.name, status: vendor.status, riskTier: vendor.riskTier, evaluation }] : [];
        }),
        audits: audits.map((audit) => ({ status: audit.status, completedOn: audit.completedOn ? String(audit.completedOn).slice(0, 10) : null })),
        findings: findings.map((finding) => ({ closedOn: finding.closedOn ? String(finding.closedOn).slice(0, 10) : null })),
      },
      day,
    );
    counts.incidents = incidentCounts(incidents, day, day, this.clock.now());
    const values = { counts, remediation, takenAt: this.clock.now() };
    const store = () =>
      runInTransaction(this.dataSource, async (manager) => {
        const existing = await manager.findOne(ReportSnapshot, { where: { day } });
        return manager.save(ReportSnapshot, existing ? Object.assign(existing, values) : Object.assign(new ReportSnapshot(), { day, ...values }));
      });
    try {
      return await store();
    } catch (error) {
      // Another instance stored the day between our read and insert: replace its row instead.
      if (!isUniqueViolation(error)) throw error;
      return store();
    }
  }

  /** The incident counts of a period, from the records themselves ("as it was" on `asOf`: every time is recorded). */
  async incidentCounts(from: string, asOf: string) {
    return incidentCounts(await this.incidentFacts(), from, asOf, judgedAt(asOf, this.clock.now(), this.clock.timeZone));
  }

  /**
   * Every incident with its reports owed to an authority (the PPC, or the 総合通信局 for a telecom
   * carrier): their deadlines from the obligation rule and the organisation's profile, when each was
   * first made (incident_reports) or closed as not required (incident_obligations).
   */
  async incidentFacts(): Promise<IncidentBoardFacts[]> {
    const manager = this.dataSource.manager;
    const [incidents, obligations, reports, profile] = await Promise.all([
      manager.find(Incident),
      manager.find(IncidentObligation, { select: { incidentId: true, code: true, status: true, closedAt: true } }),
      manager.find(IncidentReport, { select: { incidentId: true, code: true, submittedAt: true } }),
      this.settings.profile(manager),
    ]);
    const timeZone = this.clock.timeZone;
    const key = (incidentId: string, code: string) => `${incidentId} ${code}`;
    const firstReport = new Map<string, Date>();
    for (const report of reports) {
      const known = firstReport.get(key(report.incidentId, report.code));
      if (!known || report.submittedAt < known) firstReport.set(key(report.incidentId, report.code), report.submittedAt);
    }
    const notRequired = new Map(obligations.filter((row) => row.status === 'not-required' && row.closedAt).map((row) => [key(row.incidentId, row.code), row.closedAt!]));
    return incidents.map((incident) => ({
      kind: incident.kind,
      awareOn: String(incident.awareOn).slice(0, 10),
      closedOn: incident.closedAt ? calendarDate(incident.closedAt, timeZone) : null,
      authorityReports: assessIncident(factsOf(incident), profile, timeZone)
        .obligations.filter((obligation) => obligation.authority.kind === 'ppc' || obligation.authority.kind === 'telecom-bureau')
        .map((obligation) => {
          const reportedAt = firstReport.get(key(incident.id, obligation.code)) ?? null;
          return { lastDueAt: finalDeadline(obligation), reportedAt, reportedOn: reportedAt ? calendarDate(reportedAt, timeZone) : null, closedAt: notRequired.get(key(incident.id, obligation.code)) ?? null };
        }),
    }));
  }

  /** The stored days from `from` to `to`, oldest first. */
  async between(from: string, to: string): Promise<ReportSnapshot[]> {
    return this.dataSource
      .getRepository(ReportSnapshot)
      .createQueryBuilder('snapshot')
      .where('snapshot.day >= :from AND snapshot.day <= :to', { from, to })
      .orderBy('snapshot.day', 'ASC')
      .getMany();
  }
}
