import { Injectable } from '@nestjs/common';
import { CatalogueService } from '../catalogue/catalogue.service';
import { Clock } from '../common/clock';
import { AppConfig } from '../config/app-config';
import { ComplianceService } from '../compliance/compliance.service';
import { ContractChecklistService } from '../contracts/contract-checklist.service';
import { ChecklistView } from '../contracts/contract.view';
import { ContractsService } from '../contracts/contracts.service';
import { Locale } from '../i18n/locale';
import { Translator } from '../i18n/translator';
import { MAX_PAGE_SIZE } from '../common/pagination';
import { AssessmentsService } from '../supervision/assessments.service';
import { AuditsService } from '../supervision/audits.service';
import { CertificatesService } from '../supervision/certificates.service';
import { AuditListQuery, FindingListQuery } from '../supervision/dto/supervision.dto';
import { SubcontractorsService } from '../supervision/subcontractors.service';
import { UsersService } from '../users/users.service';
import { toVendorView } from '../vendors/vendor.view';
import { VendorsService } from '../vendors/vendors.service';
import { Dossier, DossierSection, DossierTable, section } from './dossier';
import { renderDossierPdf } from './dossier-pdf';
import { ExportFile } from '../register-file/spreadsheet-writer';
import { IncidentListQuery } from '../incidents/dto/incident.dto';
import { IncidentView, ObligationView } from '../incidents/incidents.service';
import { IncidentsService } from '../incidents/incidents.service';
import { ReportText } from './report-text';
import { requirementCitations } from './requirement-citations';

/**
 * Assembles the 委託先カルテ of one vendor from the features' own services (read-only): facts, risk
 * tier and why, compliance status with every flag and its basis, contracts with their checklist,
 * the supervision record (PPC GL 3-4-4: selection, contract, handling checked) and who approved what.
 */
@Injectable()
export class DossierService {
  constructor(
    private readonly vendors: VendorsService,
    private readonly compliance: ComplianceService,
    private readonly contracts: ContractsService,
    private readonly checklists: ContractChecklistService,
    private readonly assessments: AssessmentsService,
    private readonly audits: AuditsService,
    private readonly subcontractors: SubcontractorsService,
    private readonly certificates: CertificatesService,
    private readonly incidents: IncidentsService,
    private readonly catalogue: CatalogueService,
    private readonly users: UsersService,
    private readonly translator: Translator,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  /** The same dossier as an A4 PDF. */
  async pdf(vendorId: string, locale: Locale): Promise<ExportFile> {
    const dossier = await this.forVendor(vendorId, locale);
    const body = await renderDossierPdf(dossier, (page, pages) => this.translator.t(locale, 'report.dossier.page', { page, pages }));
    return { fileName: `vendor-dossier-${dossier.asOf}.pdf`, contentType: 'application/pdf', body };
  }

  async forVendor(vendorId: string, locale: Locale): Promise<Dossier> {
    const text = new ReportText(this.translator, locale, this.config.orgTimezone);
    const vendor = toVendorView(await this.vendors.get(vendorId), locale, this.translator);
    const asOf = this.clock.today();
    const [compliance, contracts, audits, findings, subcontractors, certificates, deletions, assessments, incidents] = await Promise.all([
      this.compliance.forVendor(vendorId, asOf, locale),
      this.contracts.listForVendor(vendorId),
      this.audits.list(Object.assign(new AuditListQuery(), { vendorId, pageSize: MAX_PAGE_SIZE })),
      this.audits.listFindings(Object.assign(new FindingListQuery(), { vendorId, pageSize: MAX_PAGE_SIZE })),
      this.subcontractors.list(vendorId),
      this.certificates.list(vendorId),
      this.certificates.listDeletions(vendorId),
      this.assessments.list(vendorId),
      this.incidents.list(Object.assign(new IncidentListQuery(), { vendorId, pageSize: MAX_PAGE_SIZE })),
    ]);
    const checklists = await Promise.all(contracts.map((contract) => this.checklists.checklist(contract.id)));
    const recorders = await this.users.emailsOf(assessments.map((assessment) => assessment.recordedById));
    const requirements = await this.catalogue.requirements();
    const basis = (ids: string[]) => requirementCitations(ids, requirements, text);
    const t = (key: string, params?: Record<string, string | number>) => text.t(key, params);
    const table = (caption: string, columns: string[], rows: string[][]): DossierTable => ({ caption, header: columns.map((column) => t(`report.column.${column}`)), rows, empty: t('report.dossier.none') });
    const contractTitle = new Map(contracts.map((contract) => [contract.id, contract.title]));

    const sections: DossierSection[] = [
      section('overview', t('report.dossier.overview'), {
        facts: [
          { label: t('report.column.vendorName'), value: vendor.name },
          { label: t('report.column.corporateNumber'), value: vendor.corporateNumber ?? '—' },
          { label: t('report.column.country'), value: text.country(vendor.country) },
          { label: t('report.column.dataLocations'), value: text.countries(vendor.dataLocations) },
          { label: t('report.column.services'), value: vendor.services || '—' },
          { label: t('report.column.dataCategories'), value: vendor.dataCategories.length ? text.list(vendor.dataCategories.map((category) => t(`dataCategory.${category}`))) : t('report.dossier.none') },
          { label: t('report.column.dataSubjectCount'), value: vendor.dataSubjectCount === null ? '—' : this.translator.number(locale, vendor.dataSubjectCount) },
          { label: t('report.column.reentrustmentAllowed'), value: text.yesNo(vendor.reentrustmentAllowed) },
          { label: t('report.column.gdprApplies'), value: text.yesNo(vendor.gdprApplies) },
          { label: t('report.column.ownerEmail'), value: vendor.ownerEmail ?? '—' },
          { label: t('report.column.vendorStatus'), value: t(`ui.enum.vendorStatus.${vendor.status}`) },
          { label: t('report.column.activeSince'), value: vendor.activeSince ?? '—' },
          { label: t('report.column.nextAuditDue'), value: compliance.nextAuditDue ?? '—' },
        ],
      }),
      section('risk', t('report.dossier.risk'), { paragraphs: [vendor.riskTierReason] }),
      section('compliance', t('report.dossier.compliance'), {
        paragraphs: [t('report.dossier.complianceStatus', { status: t(`ui.enum.complianceStatus.${compliance.status}`), asOf, count: compliance.flags.length })],
        entries: compliance.flags.map((flag) => ({
          heading: `${t(`ui.enum.severity.${flag.severity}`)}: ${t(`ui.enum.flagCode.${flag.code}`)}`,
          text: flag.message,
          detail: flag.requirementIds.length ? t('report.dossier.basis', { requirements: basis(flag.requirementIds) }) : '',
        })),
        noEntries: t('ui.vendors.noFlags'),
      }),
      section('contracts', t('report.dossier.contracts'), {
        tables: [
          table(t('report.dossier.contracts'), ['contractTitle', 'contractKind', 'contractStatus', 'effectiveFrom', 'expiresOn', 'inForce', 'checklist'], contracts.map((contract, index) => [
            contract.title, t(`ui.enum.contractKind.${contract.kind}`), t(`ui.enum.contractStatus.${contract.status}`), contract.effectiveFrom, contract.expiresOn ?? '—',
            text.yesNo(contract.inForce), checklistSummary(checklists[index], t),
          ])),
        ],
      }),
      section('supervision', t('report.dossier.supervision'), {
        tables: [
          table(t('report.dossier.assessments'), ['completedOn', 'assessmentKind', 'outcome', 'notes'], assessments.map((row) => [
            row.completedOn, t(`ui.enum.assessmentKind.${row.kind}`), t(`ui.enum.assessmentOutcome.${row.outcome}`), [row.notes, row.conditions].filter(Boolean).join('\n') || '—',
          ])),
          table(t('report.dossier.audits'), ['scheduledFor', 'auditKind', 'auditStatus', 'completedOn', 'result', 'auditor'], audits.items.map((row) => [
            row.scheduledFor, t(`ui.enum.auditKind.${row.kind}`), t(`ui.enum.auditStatus.${row.status}`), row.completedOn ?? '—', row.result ? t(`ui.enum.auditResult.${row.result}`) : '—', row.auditorEmail ?? '—',
          ])),
          table(t('report.dossier.findings'), ['findingTitle', 'findingSeverity', 'dueOn', 'findingStatus', 'closedOn'], findings.items.map((row) => [
            row.title, t(`ui.enum.findingSeverity.${row.severity}`), row.dueOn, t(`ui.enum.findingStatus.${row.status}`), row.closedOn ?? '—',
          ])),
          table(t('report.dossier.subcontractors'), ['subcontractorName', 'country', 'services', 'subcontractorStatus', 'approvedOn'], subcontractors.map((row) => [
            row.name, text.country(row.country), row.services, t(`ui.enum.subcontractorStatus.${row.status}`), row.approvedOn ?? '—',
          ])),
          table(t('report.dossier.certificates'), ['certificateKind', 'certificateNumber', 'validUntil', 'scope'], certificates.map((row) => [
            t(`certificateKind.${row.kind}`), [row.number, row.issuer].filter(Boolean).join(' / ') || '—', row.validUntil, row.scope ?? '—',
          ])),
          table(t('report.dossier.deletions'), ['receivedOn', 'contractTitle', 'note'], deletions.map((row) => [
            row.receivedOn, (row.contractId && contractTitle.get(row.contractId)) || '—', row.note ?? '—',
          ])),
          table(t('report.dossier.incidents'), ['awareAt', 'incidentTitle', 'incidentKind', 'incidentStatus', 'obligations'], incidents.items.map((row) => [
            text.dateTime(row.awareAt), row.title, t(`incident.kind.${row.kind}`), t(`incident.status.${row.status}`), obligationsText(row, text) || '—',
          ])),
        ],
      }),
      section('approvals', t('report.dossier.approvals'), {
        tables: [table(t('report.dossier.approvals'), ['approvalSubject', 'approvedBy', 'approvedAt'], [
          ...assessments.map((row) => [
            t('report.dossier.approvalAssessment', { kind: t(`ui.enum.assessmentKind.${row.kind}`), outcome: t(`ui.enum.assessmentOutcome.${row.outcome}`) }),
            recorders.get(row.recordedById) ?? '—', row.completedOn,
          ]),
          ...contracts.flatMap((contract, index) => {
            const checklist = checklists[index];
            return checklist.approvedAt ? [[t('report.dossier.approvalChecklist', { contract: contract.title }), checklist.approvedBy ?? '—', text.dateTime(checklist.approvedAt)]] : [];
          }),
          ...subcontractors.filter((row) => row.status === 'approved').map((row) => [
            t('report.dossier.approvalSubcontractor', { name: row.name }), row.approvedBy ?? '—', row.approvedOn ?? '—',
          ]),
        ])],
      }),
    ];
    return { vendorId, vendorName: vendor.name, title: t('report.dossier.title'), asOf, header: t('report.dossier.header', { vendor: vendor.name, date: asOf }), sections };
  }
}

/** "必須 12 件: 記載あり 10・一部 1・記載なし 0・未確認 1; 承認 2026-04-01 legal@…" */
function checklistSummary(checklist: ChecklistView, t: (key: string, params?: Record<string, string | number>) => string): string {
  const required = checklist.items.filter((item) => item.required);
  const count = (status: string) => required.filter((item) => item.status === status).length;
  const summary = t('report.dossier.checklistSummary', { required: required.length, present: count('present'), partial: count('partial'), missing: count('missing'), notReviewed: count('not-reviewed') });
  return checklist.approvedAt ? `${summary}\n${t('report.dossier.checklistApproved', { by: checklist.approvedBy ?? '—' })}` : `${summary}\n${t('report.dossier.checklistNotApproved')}`;
}

/**
 * An incident's reports and notices, one a line: made (when), not required (why), or still open with
 * its last deadline, overdue once that has passed (PPC rules Art. 8; TBA; 番号法 Art. 29-4; GDPR Art. 33, 34).
 */
function obligationsText(incident: IncidentView, text: ReportText): string {
  return incident.obligations
    .filter((obligation) => obligation.applies || obligation.status !== 'open')
    .map((obligation) => obligationLine(obligation, text))
    .join('\n');
}

function obligationLine(obligation: ObligationView, text: ReportText): string {
  const name = text.t(`incident.obligation.${obligation.code}`);
  if (obligation.status === 'reported') {
    const last = obligation.reports.map((report) => report.submittedAt).sort().at(-1);
    return text.t('report.dossier.obligationReported', { obligation: name, at: last ? text.dateTime(last) : '—' });
  }
  if (obligation.status === 'not-required') return text.t('report.dossier.obligationNotRequired', { obligation: name, reason: obligation.notRequiredReason ?? '—' });
  const due = obligation.outerDueAt ?? obligation.dueAt;
  const dueAt = due ? text.dateTime(due) : '—';
  return text.t(obligation.state === 'overdue' ? 'report.dossier.obligationOverdue' : 'report.dossier.obligationOpen', { obligation: name, dueAt });
}
