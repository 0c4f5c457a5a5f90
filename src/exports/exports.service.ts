import { Injectable } from '@nestjs/common';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { CatalogueService } from '../catalogue/catalogue.service';
import { Clock } from '../common/clock';
import { ChecklistItem, ContractChecklist } from '../contracts/checklist.entity';
import { Contract } from '../contracts/contract.entity';
import { VendorFlag } from '../compliance/vendor-flag.entity';
import { MessageKey } from '../i18n/messages';
import { Translator } from '../i18n/translator';
import { REGISTER_COLUMNS } from '../register-file/register-columns';
import { ExportCells, ExportValues } from './export-cells';
import { applicabilityFor } from '../rules/applicability';
import { isInForce } from '../rules/contracts';
import { Audit, Finding } from '../supervision/supervision.entities';
import { Locale } from '../i18n/locale';
import { VendorListFilters } from '../vendors/dto/vendor.dto';
import { Vendor } from '../vendors/vendor.entity';
import { VendorDependents } from '../vendors/vendor-dependents';
import { VendorsService } from '../vendors/vendors.service';
import { ExportFormat, ExportStream, OutCell, streamTable } from '../register-file/spreadsheet-writer';
import { SettingsService } from '../settings/settings.service';

export interface ExportOptions {
  format: ExportFormat;
  locale: Locale;
  /** Labels or codes in the cells; by default a Japanese export has labels and an English one codes (ExportCells). */
  values?: ExportValues;
}

const CHUNK = 500;

/**
 * The register as spreadsheets: vendors (importable again), contracts with their clause
 * checklist as a matrix, audits with their findings. Each selects the vendors the list's filters select.
 */
@Injectable()
export class ExportsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly vendors: VendorsService,
    private readonly catalogue: CatalogueService,
    private readonly settings: SettingsService,
    private readonly dependents: VendorDependents,
    private readonly translator: Translator,
    private readonly clock: Clock,
  ) {}

  /**
   * The vendor register in the import's columns (one row per contract, or one for a vendor without
   * one) plus risk tier, compliance status and today's flag codes, which the import ignores: the file
   * imports back as it is. Streamed: the vendors are read a chunk at a time while the file is sent.
   */
  async vendorRegister(query: VendorListFilters, options: ExportOptions): Promise<ExportStream> {
    const header = REGISTER_COLUMNS.map((column) => this.t(options.locale, `importColumn.${column.id}`));
    const cells = this.cellsFor(options);
    const rows = async function* (this: ExportsService) {
      for await (const vendors of this.vendorChunks(query)) {
        const ids = vendors.map((vendor) => vendor.id);
        const [contracts, flags] = await Promise.all([this.contractsOf(ids), this.flagCodesOf(ids)]);
        for (const vendor of vendors) {
          const vendorCells = vendorRow(vendor, [...new Set(flags.get(vendor.id) ?? [])].sort());
          const own = contracts.get(vendor.id) ?? [];
          if (own.length === 0) yield REGISTER_COLUMNS.map((column) => (column.entity === 'contract' ? null : cells.column(column, vendorCells[column.id])));
          for (const contract of own) {
            const contractCells = contractRow(contract);
            yield REGISTER_COLUMNS.map((column) => cells.column(column, column.entity === 'contract' ? contractCells[column.id] : vendorCells[column.id]));
          }
        }
      }
    };
    return streamTable(options.format, { sheetName: this.t(options.locale, 'exportColumn.sheetRegister'), header, rows: rows.call(this) }, `vendors-${this.clock.today()}`);
  }

  /**
   * Contracts with legal's checklist as a matrix: one row per contract, one column per clause type
   * holding its review status; a clause type this vendor does not need is shown in parentheses.
   */
  async contractChecklists(query: VendorListFilters, options: ExportOptions): Promise<ExportStream> {
    const catalogue = this.catalogue.rules();
    const profile = await this.settings.profile();
    const today = this.clock.today();
    const { locale } = options;
    const cells = this.cellsFor(options);
    const column = (id: string) => REGISTER_COLUMNS.find((candidate) => candidate.id === id)!;
    const header = [
      ...['name', 'corporateNumber', 'contractTitle', 'contractKind', 'contractStatus', 'contractSignedOn', 'contractEffectiveFrom', 'contractExpiresOn', 'contractAutoRenew', 'contractNoticeDays']
        .map((id) => this.t(locale, `importColumn.${id}`)),
      this.t(locale, 'exportColumn.inForce'),
      this.t(locale, 'exportColumn.checklistApprovedAt'),
      ...catalogue.clauseTypes.map((clauseType) => (locale === 'ja' ? clauseType.titleJa : clauseType.titleEn)),
    ];
    const rows = async function* (this: ExportsService) {
      for await (const vendors of this.vendorChunks(query)) {
        const vendorIds = vendors.map((vendor) => vendor.id);
        const [contracts, subcontractorCountries] = await Promise.all([this.contractsOf(vendorIds), this.dependents.subcontractorCountries(this.dataSource.manager, vendorIds)]);
        const contractIds = [...contracts.values()].flat().map((contract) => contract.id);
        const [items, checklists] = contractIds.length === 0 ? [[], []] : await Promise.all([
          this.dataSource.getRepository(ChecklistItem).find({ where: { contractId: In(contractIds) }, select: { contractId: true, clauseType: true, status: true } }),
          this.dataSource.getRepository(ContractChecklist).find({ where: { contractId: In(contractIds) }, select: { contractId: true, approvedAt: true } }),
        ]);
        const status = new Map(items.map((item) => [`${item.contractId}/${item.clauseType}`, item.status]));
        const approvedAt = new Map(checklists.map((checklist) => [checklist.contractId, checklist.approvedAt]));
        for (const vendor of vendors) {
          const required = new Set(applicabilityFor({ ...vendor, subcontractorCountries: subcontractorCountries.get(vendor.id) ?? [] }, catalogue, profile).requiredClauseTypes.map((clauseType) => clauseType.code));
          for (const contract of contracts.get(vendor.id) ?? []) {
            const values = contractRow(contract);
            yield [
              vendor.name, vendor.corporateNumber,
              ...(['contractTitle', 'contractKind', 'contractStatus', 'contractSignedOn', 'contractEffectiveFrom', 'contractExpiresOn', 'contractAutoRenew', 'contractNoticeDays'] as const)
                .map((id) => cells.column(column(id), values[id])),
              cells.yesNo(isInForce(contract, today)),
              cells.timestamp(approvedAt.get(contract.id) ?? null),
              ...catalogue.clauseTypes.map((clauseType) => {
                const review = cells.label('ui.enum.reviewStatus', status.get(`${contract.id}/${clauseType.code}`) ?? 'not-reviewed');
                return required.has(clauseType.code) ? review : `(${review})`;
              }),
            ];
          }
        }
      }
    };
    return streamTable(options.format, { sheetName: this.t(locale, 'exportColumn.sheetContracts'), header, rows: rows.call(this) }, `contract-checklists-${today}`);
  }

  /** Audits with their findings: one row per finding, or one for an audit without findings. */
  async auditsAndFindings(query: VendorListFilters, options: ExportOptions): Promise<ExportStream> {
    const { locale } = options;
    const cells = this.cellsFor(options);
    const clauseTitles = new Map(this.catalogue.rules().clauseTypes.map((clauseType) => [clauseType.code, locale === 'ja' ? clauseType.titleJa : clauseType.titleEn]));
    const header = [
      this.t(locale, 'importColumn.name'), this.t(locale, 'importColumn.corporateNumber'),
      ...(['auditKind', 'auditStatus', 'scheduledFor', 'completedOn', 'result', 'auditorEmail', 'auditSummary', 'findingTitle', 'findingSeverity',
        'findingClauseType', 'findingDueOn', 'findingOwnerEmail', 'findingStatus', 'findingClosedOn', 'findingResolutionNote'] as const)
        .map((id) => this.t(locale, `exportColumn.${id}`)),
    ];
    const rows = async function* (this: ExportsService) {
      for await (const vendors of this.vendorChunks(query)) {
        const ids = vendors.map((vendor) => vendor.id);
        const [audits, findings] = await Promise.all([
          this.dataSource.getRepository(Audit).find({ where: { vendorId: In(ids) }, order: { scheduledFor: 'ASC', id: 'ASC' } }),
          this.dataSource.getRepository(Finding).find({ where: { vendorId: In(ids) }, order: { dueOn: 'ASC', id: 'ASC' } }),
        ]);
        const auditsOf = groupBy(audits, (audit) => audit.vendorId);
        const findingsOf = groupBy(findings, (finding) => finding.auditId);
        for (const vendor of vendors) {
          for (const audit of auditsOf.get(vendor.id) ?? []) {
            const auditCells: OutCell[] = [
              vendor.name, vendor.corporateNumber, cells.label('ui.enum.auditKind', audit.kind), cells.label('ui.enum.auditStatus', audit.status), audit.scheduledFor, audit.completedOn,
              cells.label('ui.enum.auditResult', audit.result), audit.auditorEmail, audit.summary,
            ];
            const own = findingsOf.get(audit.id) ?? [];
            if (own.length === 0) yield [...auditCells, null, null, null, null, null, null, null, null];
            for (const finding of own) {
              const clauseType = finding.clauseType && cells.labels ? clauseTitles.get(finding.clauseType) ?? finding.clauseType : finding.clauseType;
              yield [
                ...auditCells, finding.title, cells.label('ui.enum.findingSeverity', finding.severity), clauseType, finding.dueOn, finding.ownerEmail,
                cells.label('ui.enum.findingStatus', finding.status), finding.closedOn, finding.resolutionNote,
              ];
            }
          }
        }
      }
    };
    return streamTable(options.format, { sheetName: this.t(locale, 'exportColumn.sheetAudits'), header, rows: rows.call(this) }, `audits-${this.clock.today()}`);
  }

  /**
   * The vendors the list's filters select, in the list's order, CHUNK at a time: their ids first (one
   * query), then each chunk's rows when the file has come that far.
   */
  private async *vendorChunks(query: VendorListFilters): AsyncGenerator<Vendor[]> {
    const ids = await this.vendors.idsOf(query);
    for (let start = 0; start < ids.length; start += CHUNK) {
      // SQLite answers synchronously: a turn of the event loop between chunks keeps other requests going.
      await nextTurn();
      yield this.vendors.inOrder(ids.slice(start, start + CHUNK));
    }
  }

  private async contractsOf(vendorIds: string[]): Promise<Map<string, Contract[]>> {
    if (vendorIds.length === 0) return new Map();
    const contracts = await this.dataSource.getRepository(Contract).find({ where: { vendorId: In(vendorIds) }, order: { effectiveFrom: 'ASC', createdAt: 'ASC', id: 'ASC' } });
    return groupBy(contracts, (contract) => contract.vendorId);
  }

  /** Today's flag codes of the vendors (the stored flags' (vendorId, code) index covers it). */
  private async flagCodesOf(vendorIds: string[]): Promise<Map<string, string[]>> {
    if (vendorIds.length === 0) return new Map();
    const rows = await this.dataSource.getRepository(VendorFlag).find({ where: { vendorId: In(vendorIds) }, select: { vendorId: true, code: true } });
    const codes = new Map<string, string[]>();
    for (const row of rows) codes.set(row.vendorId, [...(codes.get(row.vendorId) ?? []), row.code]);
    return codes;
  }

  /** Labels in the export's language (Japanese or English), unless the machine-readable one (`values=codes`) is asked for. */
  private cellsFor(options: ExportOptions): ExportCells {
    const labels = (options.values ?? 'labels') === 'labels';
    return new ExportCells(options.locale, labels, this.translator, this.clock.timeZone);
  }

  private t(locale: Locale, key: string): string {
    return this.translator.t(locale, key as MessageKey);
  }
}

type RawCell = OutCell | readonly string[];

function vendorRow(vendor: Vendor, flagCodes: string[]): Record<string, RawCell> {
  return {
    name: vendor.name,
    reading: vendor.reading,
    corporateNumber: vendor.corporateNumber,
    country: vendor.country,
    dataLocations: vendor.dataLocations,
    services: vendor.services,
    dataCategories: vendor.dataCategories,
    dataSubjectCount: vendor.dataSubjectCount,
    reentrustmentAllowed: vendor.reentrustmentAllowed,
    gdprApplies: vendor.gdprApplies,
    relationship: vendor.relationship,
    transferBasis: vendor.transferBasis,
    subcontractorApproval: vendor.subcontractorApproval,
    ownerEmail: vendor.ownerEmail,
    ownerName: vendor.ownerName,
    status: vendor.status,
    activeSince: vendor.activeSince,
    riskTierOverride: vendor.riskTierOverride,
    riskTierOverrideReason: vendor.riskTierOverrideReason,
    riskTier: vendor.riskTier,
    complianceStatus: vendor.complianceStatus,
    lastAuditOn: vendor.lastAuditOn,
    nextAuditDue: vendor.nextAuditDue,
    flags: flagCodes,
  };
}

function contractRow(contract: Contract): Record<string, OutCell> {
  return {
    contractTitle: contract.title,
    contractKind: contract.kind,
    contractStatus: contract.status,
    contractSignedOn: contract.signedOn,
    contractEffectiveFrom: contract.effectiveFrom,
    contractExpiresOn: contract.expiresOn,
    contractAutoRenew: contract.autoRenew,
    contractNoticeDays: contract.noticeDays,
    contractGoverningLaw: contract.governingLaw,
    contractDocumentRef: contract.documentRef,
    contractRetentionPeriod: contract.retentionPeriod,
  };
}

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const group = groups.get(key(item));
    if (group) group.push(item);
    else groups.set(key(item), [item]);
  }
  return groups;
}
