import { Injectable } from '@nestjs/common';
import { CatalogueService } from '../catalogue/catalogue.service';
import { Clock } from '../common/clock';
import { ValidationError } from '../common/domain-errors';
import { FlagRenderer } from '../compliance/flag.view';
import { AppConfig } from '../config/app-config';
import { Locale } from '../i18n/locale';
import { Translator } from '../i18n/translator';
import { ExportFile, OutCell, renderTables } from '../register-file/spreadsheet-writer';
import { addDays, daysBetween } from '../rules/calendar';
import { FLAG_CODES } from '../rules/flags';
import { COMPLIANCE_STATUSES, RISK_TIERS, VENDOR_STATUSES } from '../rules/vendor-facts';
import { BoardCounts, IncidentCounts } from './board-counts';
import { INCIDENT_KINDS } from '../rules/incident-obligations';
import { BoardSnapshotsService } from './board-snapshots.service';
import { ReportText } from './report-text';
import { TrendChart, trendChart } from './trend-chart';

/** The API's board report: the stored daily counts of the period and the 要是正 vendors on `asOf`. */
export interface BoardReportView {
  from: string;
  asOf: string;
  days: Array<{ day: string; counts: BoardCounts }>;
  /** Incidents (漏えい等) of the period, counted from the records ("as it was" on `asOf`). */
  incidents: IncidentCounts;
  remediation: {
    /** The day the list is of: the last recorded day on or before `asOf` (null: none in the period). */
    day: string | null;
    vendors: Array<{ vendorId: string; name: string; riskTier: string; reasons: Array<{ code: string; severity: string; message: string }> }>;
    /** How many vendors were 要是正 that day: the list holds the first REMEDIATION_LISTED of them. */
    total: number;
  };
}

/** The default period: the 90 days up to `asOf` (a quarter, for the board). */
const DEFAULT_DAYS = 90;
/** The longest period one report shows (two years of daily points). */
const MAX_DAYS = 731;

@Injectable()
export class BoardReportService {
  private renderer?: FlagRenderer;

  constructor(
    private readonly snapshots: BoardSnapshotsService,
    private readonly catalogue: CatalogueService,
    private readonly translator: Translator,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  title(locale: Locale): string {
    return this.translator.t(locale, 'report.board.title');
  }

  async report(period: { from?: string; asOf?: string }, locale: Locale): Promise<BoardReportView> {
    const asOf = period.asOf ?? this.clock.today();
    const from = period.from ?? addDays(asOf, -(DEFAULT_DAYS - 1));
    if (from > asOf) throw new ValidationError({ field: 'asOf', code: 'to-before-from' });
    if (daysBetween(from, asOf) >= MAX_DAYS) throw new ValidationError({ field: 'from', code: 'period-too-long', params: { max: MAX_DAYS } });
    const [rows, incidents] = await Promise.all([this.snapshots.between(from, asOf), this.snapshots.incidentCounts(from, asOf)]);
    const last = rows.at(-1);
    this.renderer ??= new FlagRenderer(this.catalogue.rules(), this.translator);
    const renderer = this.renderer;
    return {
      from,
      asOf,
      days: rows.map((row) => ({ day: row.day, counts: row.counts })),
      incidents,
      remediation: {
        day: last?.day ?? null,
        total: last ? Math.max(last.counts.byCompliance['non-compliant'] ?? 0, last.remediation.length) : 0,
        vendors: (last?.remediation ?? []).map((item) => ({
          vendorId: item.vendorId,
          name: item.name,
          riskTier: item.riskTier,
          reasons: item.flags.map((flag) => ({ code: flag.code, severity: flag.severity, message: renderer.render(flag, item.vendorId, locale).message })),
        })),
      },
    };
  }

  /** The report page's model: the numbers as trend charts and the 要是正 list, in the reader's language. */
  async page(period: { from?: string; asOf?: string }, locale: Locale) {
    const report = await this.report(period, locale);
    const text = new ReportText(this.translator, locale, this.config.orgTimezone);
    const days = report.days.map((point) => point.day);
    const chart = (id: string, title: string, series: Array<{ key: string; label: string; values: number[] }>): { id: string; title: string; label: string; chart: TrendChart } => ({
      id, title, label: text.t('report.board.chartLabel', { title }), chart: trendChart(days, series),
    });
    const counts = report.days.map((point) => point.counts);
    const flagCodes = FLAG_CODES.filter((code) => counts.some((day) => day.flags[code] > 0));
    return {
      report,
      intro: text.t('report.board.intro', { from: report.from, to: report.asOf, days: report.days.length }),
      charts: report.days.length === 0 ? [] : [
        chart('compliance', text.t('report.board.vendorsByStatus'), COMPLIANCE_STATUSES.map((status) => ({ key: status, label: text.t(`ui.enum.complianceStatus.${status}`), values: counts.map((day) => day.byCompliance[status]) }))),
        chart('tiers', text.t('report.board.vendorsByTier'), RISK_TIERS.map((tier) => ({ key: tier, label: text.t(`ui.enum.riskTier.${tier}`), values: counts.map((day) => day.byTier[tier]) }))),
        chart('flags', text.t('report.board.flagsByCode'), flagCodes.map((code) => ({ key: code, label: text.t(`ui.enum.flagCode.${code}`), values: counts.map((day) => day.flags[code]) }))),
        chart('audits', text.t('report.board.audits'), [
          { key: 'auditsCompleted', label: text.t('report.column.auditsCompleted'), values: counts.map((day) => day.auditsCompleted) },
          { key: 'auditsDue', label: text.t('report.column.auditsDue'), values: counts.map((day) => day.auditsDue) },
        ]),
        chart('findings', text.t('report.board.findings'), [
          { key: 'findingsOpened', label: text.t('report.column.findingsOpened'), values: counts.map((day) => day.findingsOpened) },
          { key: 'findingsClosed', label: text.t('report.column.findingsClosed'), values: counts.map((day) => day.findingsClosed) },
          { key: 'findingsOpen', label: text.t('report.column.findingsOpen'), values: counts.map((day) => day.findingsOpen) },
        ]),
        chart('incidents', text.t('report.board.incidents'), [
          { key: 'incidentsOpen', label: text.t('report.column.incidentsOpen'), values: counts.map((day) => day.incidents?.open ?? 0) },
          { key: 'authorityReportsOverdue', label: text.t('report.column.authorityReportsOverdue'), values: counts.map((day) => day.incidents?.authorityReportsOverdue ?? 0) },
        ]),
      ],
      incidentsTitle: text.t('report.board.incidentsPeriod', { from: report.from, to: report.asOf }),
      incidentRows: incidentRows(report.incidents, text).map(([label, count]) => ({ label, count })),
      remediationTitle: report.remediation.day ? text.t('report.board.remediation', { date: report.remediation.day }) : null,
      noRemediation: report.remediation.day ? text.t('report.board.noRemediation', { date: report.remediation.day }) : null,
      remediation: report.remediation.vendors.map((vendor) => ({ ...vendor, tier: text.t(`ui.enum.riskTier.${vendor.riskTier}`) })),
      remediationMore: report.remediation.total > report.remediation.vendors.length
        ? text.t('report.board.remediationMore', { listed: report.remediation.vendors.length, total: report.remediation.total })
        : null,
    };
  }

  /** The numbers of every day of the period and the 要是正 list on `asOf`, as .xlsx (numbers as numbers). */
  async xlsx(period: { from?: string; asOf?: string }, locale: Locale): Promise<ExportFile> {
    const report = await this.report(period, locale);
    const text = new ReportText(this.translator, locale, this.config.orgTimezone);
    const columns = boardColumns(text);
    const counts = {
      sheetName: text.t('report.board.sheetCounts'),
      header: [text.t('report.column.day'), ...columns.map((column) => column.title)],
      rows: report.days.map((point): OutCell[] => [point.day, ...columns.map((column) => column.value(point.counts))]),
    };
    const remediation = {
      sheetName: text.t('report.board.sheetRemediation'),
      header: ['day', 'vendorName', 'riskTier', 'reasons'].map((column) => text.t(`report.column.${column}`)),
      rows: report.remediation.vendors.map((vendor): OutCell[] => [report.remediation.day, vendor.name, text.t(`ui.enum.riskTier.${vendor.riskTier}`), vendor.reasons.map((reason) => reason.message).join('\n')]),
    };
    const incidents = {
      sheetName: text.t('report.board.sheetIncidents'),
      header: [text.t('report.column.item'), text.t('report.column.count')],
      rows: incidentRows(report.incidents, text),
    };
    return renderTables('xlsx', [counts, remediation, incidents], `board-report-${report.from}-${report.asOf}`);
  }
}

/** The count columns of the .xlsx, in order, with their headings in the reader's language. */
function boardColumns(text: ReportText): Array<{ title: string; value: (counts: BoardCounts) => number | null }> {
  return [
    { title: text.t('report.column.vendorsTotal'), value: (counts) => counts.vendors },
    ...VENDOR_STATUSES.map((status) => ({ title: `${text.t('report.column.vendorStatus')}: ${text.t(`ui.enum.vendorStatus.${status}`)}`, value: (counts: BoardCounts) => counts.byStatus[status] })),
    ...COMPLIANCE_STATUSES.map((status) => ({ title: `${text.t('report.column.complianceStatus')}: ${text.t(`ui.enum.complianceStatus.${status}`)}`, value: (counts: BoardCounts) => counts.byCompliance[status] })),
    ...RISK_TIERS.map((tier) => ({ title: `${text.t('report.column.riskTier')}: ${text.t(`ui.enum.riskTier.${tier}`)}`, value: (counts: BoardCounts) => counts.byTier[tier] })),
    ...FLAG_CODES.map((code) => ({ title: `${text.t('report.column.flag')}: ${text.t(`ui.enum.flagCode.${code}`)}`, value: (counts: BoardCounts) => counts.flags[code] })),
    { title: text.t('report.column.auditsCompleted'), value: (counts) => counts.auditsCompleted },
    { title: text.t('report.column.auditsDue'), value: (counts) => counts.auditsDue },
    { title: text.t('report.column.findingsOpened'), value: (counts) => counts.findingsOpened },
    { title: text.t('report.column.findingsClosed'), value: (counts) => counts.findingsClosed },
    { title: text.t('report.column.findingsOpen'), value: (counts) => counts.findingsOpen },
    // Days stored before incidents were counted have no incident counts: their cells stay empty.
    { title: text.t('report.column.incidentsOpen'), value: (counts) => counts.incidents?.open ?? null },
    ...INCIDENT_KINDS.map((kind) => ({ title: `${text.t('report.column.incidentsLearned')}: ${text.t(`incident.kind.${kind}`)}`, value: (counts: BoardCounts) => counts.incidents?.byKind[kind] ?? null })),
    { title: text.t('report.column.authorityReportsMade'), value: (counts) => counts.incidents?.authorityReportsMade ?? null },
    { title: text.t('report.column.authorityReportsOverdue'), value: (counts) => counts.incidents?.authorityReportsOverdue ?? null },
  ];
}

/** The period's incident counts as labelled rows: open at the end, learned of by kind, reports to the authority made and overdue. */
function incidentRows(incidents: IncidentCounts, text: ReportText): Array<[string, number]> {
  return [
    [text.t('report.column.incidentsOpen'), incidents.open],
    ...INCIDENT_KINDS.map((kind): [string, number] => [`${text.t('report.column.incidentsLearned')}: ${text.t(`incident.kind.${kind}`)}`, incidents.byKind[kind]]),
    [text.t('report.column.authorityReportsMade'), incidents.authorityReportsMade],
    [text.t('report.column.authorityReportsOverdue'), incidents.authorityReportsOverdue],
  ];
}
