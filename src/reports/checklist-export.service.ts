import { Injectable } from '@nestjs/common';
import { CatalogueService } from '../catalogue/catalogue.service';
import { MAX_PAGE_SIZE } from '../common/pagination';
import { AppConfig } from '../config/app-config';
import { ContractChecklistService } from '../contracts/contract-checklist.service';
import { ContractsService } from '../contracts/contracts.service';
import { Locale } from '../i18n/locale';
import { Translator } from '../i18n/translator';
import { ExportFile, renderTables } from '../register-file/spreadsheet-writer';
import { AuditsService } from '../supervision/audits.service';
import { FindingListQuery } from '../supervision/dto/supervision.dto';
import { ReportText } from './report-text';
import { requirementCitations } from './requirement-citations';

/**
 * One contract's clause checklist as an .xlsx for the business side, in the reader's language: each
 * clause type, whether the vendor needs it and why (the requirements and their references), legal's
 * review (status, section, note, who and when), the sign-off, and the exceptions accepted for it (a
 * finding on that clause type closed as risk-accepted).
 */
@Injectable()
export class ChecklistExportService {
  constructor(
    private readonly contracts: ContractsService,
    private readonly checklists: ContractChecklistService,
    private readonly audits: AuditsService,
    private readonly catalogue: CatalogueService,
    private readonly translator: Translator,
    private readonly config: AppConfig,
  ) {}

  async xlsx(contractId: string, locale: Locale): Promise<ExportFile> {
    const text = new ReportText(this.translator, locale, this.config.orgTimezone);
    const contract = await this.contracts.get(contractId);
    const [checklist, findings, requirements] = await Promise.all([
      this.checklists.checklist(contractId),
      this.audits.listFindings(Object.assign(new FindingListQuery(), { vendorId: contract.vendorId, pageSize: MAX_PAGE_SIZE })),
      this.catalogue.requirements(),
    ]);
    const approval = checklist.approvedAt ? text.t('report.checklist.approved', { by: checklist.approvedBy ?? '—', at: text.dateTime(checklist.approvedAt) }) : text.t('report.checklist.notApproved');
    const columns = ['clauseType', 'required', 'requiredBecause', 'reviewStatus', 'section', 'note', 'reviewedBy', 'reviewedAt', 'approval', 'exceptions'];
    const rows = checklist.items.map((item) => [
      text.t('clauseTitle', { ja: item.titleJa, en: item.titleEn }),
      text.t(item.required ? 'report.checklist.required' : 'report.checklist.notRequired'),
      item.required ? text.t('report.checklist.why', { because: item.basis ? text.t(`ui.enum.basis.${item.basis}`) : '', references: requirementCitations(item.requiredBy, requirements, text) }) : null,
      text.t(`ui.enum.reviewStatus.${item.status}`),
      item.section,
      item.note,
      item.reviewedBy,
      item.reviewedAt ? text.dateTime(item.reviewedAt) : null,
      approval,
      findings.items
        .filter((finding) => finding.clauseType === item.clauseType && finding.status === 'risk-accepted')
        .map((finding) => text.t('report.checklist.exception', { title: finding.title, date: finding.closedOn ?? '—' }))
        .join('\n') || null,
    ]);
    const table = { sheetName: text.t('report.checklist.sheet'), header: columns.map((column) => text.t(`report.column.${column}`)), rows };
    return renderTables('xlsx', [table], `checklist-${contractId.slice(0, 8)}`);
  }
}
