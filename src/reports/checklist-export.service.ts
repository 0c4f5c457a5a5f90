import { Injectable } from '@nestjs/common';
import { CatalogueService } from '../catalogue/catalogue.service';
import { AppConfig } from '../config/app-config';
import { ContractChecklistService } from '../contracts/contract-checklist.service';
import { ContractsService } from '../contracts/contracts.service';
import { Locale } from '../i18n/locale';
import { Translator } from '../i18n/translator';
import { ExportFile, renderTables } from '../register-file/spreadsheet-writer';
import { ReportText } from './report-text';
import { requirementCitations } from './requirement-citations';

/**
 * One contract's clause checklist as an .xlsx for the business side, in the reader's language: each
 * clause type, whether the vendor needs it and why (the requirements and their references), legal's
 * review (status, section, note, who and when), the sign-off, and the exception recorded with the
 * sign-off for that clause type (a required clause type reviewed as missing or partial is approved only
 * with a note saying why the contract is accepted as it is: checklist.approvalExceptions).
 */
@Injectable()
export class ChecklistExportService {
  constructor(
    private readonly contracts: ContractsService,
    private readonly checklists: ContractChecklistService,
    private readonly catalogue: CatalogueService,
    private readonly translator: Translator,
    private readonly config: AppConfig,
  ) {}

  async xlsx(contractId: string, locale: Locale): Promise<ExportFile> {
    const text = new ReportText(this.translator, locale, this.config.orgTimezone);
    await this.contracts.get(contractId); // an unknown contract is a 404
    const [checklist, requirements] = await Promise.all([this.checklists.checklist(contractId), this.catalogue.requirements()]);
    // The sign-off's exception notes, one per clause type (empty unless the checklist is approved).
    const exceptions = new Map(checklist.approvalExceptions.map((exception) => [exception.clauseType, exception.note]));
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
      exceptions.get(item.clauseType) ?? null,
    ]);
    const table = { sheetName: text.t('report.checklist.sheet'), header: columns.map((column) => text.t(`report.column.${column}`)), rows };
    return renderTables('xlsx', [table], `checklist-${contractId.slice(0, 8)}`);
  }
}
