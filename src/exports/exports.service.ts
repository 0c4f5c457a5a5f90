import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { CatalogueService } from '../catalogue/catalogue.service';
import { Clock } from '../common/clock';
import { ChecklistItem, ContractChecklist } from '../contracts/checklist.entity';
import { Contract } from '../contracts/contract.entity';
import { VendorFlag } from '../compliance/vendor-flag.entity';
import { MessageKey } from '../i18n/messages';
import { Translator } from '../i18n/translator';
import { REGISTER_COLUMNS, LIST_SEPARATOR } from '../register-file/register-columns';
import { applicabilityFor } from '../rules/applicability';
import { isInForce } from '../rules/contracts';
import { Audit, Finding } from '../supervision/supervision.entities';
import { Locale } from '../i18n/locale';
import { VendorListFilters } from '../vendors/dto/vendor.dto';
import { Vendor } from '../vendors/vendor.entity';
import { VendorDependents } from '../vendors/vendor-dependents';
import { VendorsService } from '../vendors/vendors.service';
import { SettingsService } from '../settings/settings.service';
import { ExportFile, ExportFormat, OutCell, renderTables, Table } from '../register-file/spreadsheet-writer';

export interface ExportOptions {
  format: ExportFormat;
  locale: Locale;
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
   * imports back as it is.
   */
  async vendorRegister(query: VendorListFilters, options: ExportOptions): Promise<ExportFile> {
    const vendors = await this.vendors.listAll(query);
    const ids = vendors.map((vendor) => vendor.id);
    const contracts = groupBy(await this.findByVendor(Contract, ids, { effectiveFrom: 'ASC', createdAt: 'ASC', id: 'ASC' }), (contract) => contract.vendorId);
    const flags = groupBy(await this.findByVendor(VendorFlag, ids), (flag) => flag.vendorId);
    const header = REGISTER_COLUMNS.map((column) => this.t(options.locale, `importColumn.${column.id}`));
    const rows: OutCell[][] = [];
    for (const vendor of vendors) {
      const vendorCells = vendorRow(vendor, [...new Set((flags.get(vendor.id) ?? []).map((flag) => flag.code))].sort());
      const own = contracts.get(vendor.id) ?? [];
      if (own.length === 0) rows.push(REGISTER_COLUMNS.map((column) => (column.entity === 'contract' ? null : vendorCells[column.id] ?? null)));
      for (const contract of own) {
        const contractCells = contractRow(contract);
        rows.push(REGISTER_COLUMNS.map((column) => (column.entity === 'contract' ? contractCells[column.id] ?? null : vendorCells[column.id] ?? null)));
      }
    }
    return renderTables(options.format, [{ sheetName: this.t(options.locale, 'exportColumn.sheetRegister'), header, rows }], `vendors-${this.clock.today()}`);
  }

  /**
   * Contracts with legal's checklist as a matrix: one row per contract, one column per clause type
   * holding its review status; a clause type this vendor does not need is shown in parentheses.
   */
  async contractChecklists(query: VendorListFilters, options: ExportOptions): Promise<ExportFile> {
    const vendors = await this.vendors.listAll(query);
    const ids = vendors.map((vendor) => vendor.id);
    const contracts = groupBy(await this.findByVendor(Contract, ids, { effectiveFrom: 'ASC', createdAt: 'ASC', id: 'ASC' }), (contract) => contract.vendorId);
    const contractIds = [...contracts.values()].flat().map((contract) => contract.id);
    const items = new Map<string, ChecklistItem>();
    const checklists = new Map<string, ContractChecklist>();
    for (let start = 0; start < contractIds.length; start += CHUNK) {
      const chunk = contractIds.slice(start, start + CHUNK);
      for (const item of await this.dataSource.getRepository(ChecklistItem).find({ where: { contractId: In(chunk) } })) items.set(`${item.contractId}/${item.clauseType}`, item);
      for (const checklist of await this.dataSource.getRepository(ContractChecklist).find({ where: { contractId: In(chunk) } })) checklists.set(checklist.contractId, checklist);
    }
    const catalogue = this.catalogue.rules();
    const profile = await this.settings.profile();
    const subcontractorCountries = await this.dependents.subcontractorCountries(this.dataSource.manager, vendors.map((vendor) => vendor.id));
    const today = this.clock.today();
    const { locale } = options;
    const header = [
      ...['name', 'corporateNumber', 'contractTitle', 'contractKind', 'contractStatus', 'contractSignedOn', 'contractEffectiveFrom', 'contractExpiresOn', 'contractAutoRenew', 'contractNoticeDays']
        .map((id) => this.t(locale, `importColumn.${id}`)),
      this.t(locale, 'exportColumn.inForce'),
      this.t(locale, 'exportColumn.checklistApprovedAt'),
      ...catalogue.clauseTypes.map((clauseType) => (locale === 'ja' ? clauseType.titleJa : clauseType.titleEn)),
    ];
    const rows: OutCell[][] = [];
    for (const vendor of vendors) {
      const required = new Set(applicabilityFor({ ...vendor, subcontractorCountries: subcontractorCountries.get(vendor.id) ?? [] }, catalogue, profile).requiredClauseTypes.map((clauseType) => clauseType.code));
      for (const contract of contracts.get(vendor.id) ?? []) {
        const cells = contractRow(contract);
        rows.push([
          vendor.name, vendor.corporateNumber,
          cells.contractTitle, cells.contractKind, cells.contractStatus, cells.contractSignedOn, cells.contractEffectiveFrom, cells.contractExpiresOn,
          cells.contractAutoRenew, cells.contractNoticeDays,
          isInForce(contract, today),
          checklists.get(contract.id)?.approvedAt?.toISOString() ?? null,
          ...catalogue.clauseTypes.map((clauseType) => {
            const status = items.get(`${contract.id}/${clauseType.code}`)?.status ?? 'not-reviewed';
            return required.has(clauseType.code) ? status : `(${status})`;
          }),
        ]);
      }
    }
    return renderTables(options.format, [{ sheetName: this.t(locale, 'exportColumn.sheetContracts'), header, rows }], `contract-checklists-${today}`);
  }

  /** Audits with their findings: one row per finding, or one for an audit without findings. */
  async auditsAndFindings(query: VendorListFilters, options: ExportOptions): Promise<ExportFile> {
    const vendors = await this.vendors.listAll(query);
    const ids = vendors.map((vendor) => vendor.id);
    const audits = groupBy(await this.findByVendor(Audit, ids, { scheduledFor: 'ASC', id: 'ASC' }), (audit) => audit.vendorId);
    const findings = groupBy(await this.findByVendor(Finding, ids, { dueOn: 'ASC', id: 'ASC' }), (finding) => finding.auditId);
    const { locale } = options;
    const header = [
      this.t(locale, 'importColumn.name'), this.t(locale, 'importColumn.corporateNumber'),
      ...(['auditKind', 'auditStatus', 'scheduledFor', 'completedOn', 'result', 'auditorEmail', 'auditSummary', 'findingTitle', 'findingSeverity',
        'findingClauseType', 'findingDueOn', 'findingOwnerEmail', 'findingStatus', 'findingClosedOn', 'findingResolutionNote'] as const)
        .map((id) => this.t(locale, `exportColumn.${id}`)),
    ];
    const rows: OutCell[][] = [];
    for (const vendor of vendors) {
      for (const audit of audits.get(vendor.id) ?? []) {
        const auditCells: OutCell[] = [vendor.name, vendor.corporateNumber, audit.kind, audit.status, audit.scheduledFor, audit.completedOn, audit.result, audit.auditorEmail, audit.summary];
        const own = findings.get(audit.id) ?? [];
        if (own.length === 0) rows.push([...auditCells, null, null, null, null, null, null, null, null]);
        for (const finding of own) {
          rows.push([...auditCells, finding.title, finding.severity, finding.clauseType, finding.dueOn, finding.ownerEmail, finding.status, finding.closedOn, finding.resolutionNote]);
        }
      }
    }
    return renderTables(options.format, [{ sheetName: this.t(locale, 'exportColumn.sheetAudits'), header, rows }], `audits-${this.clock.today()}`);
  }

  private async findByVendor<T extends { vendorId: string }>(entity: new () => T, vendorIds: string[], order?: Record<string, 'ASC' | 'DESC'>): Promise<T[]> {
    const found: T[] = [];
    for (let start = 0; start < vendorIds.length; start += CHUNK) {
      found.push(...(await this.dataSource.getRepository(entity).find({ where: { vendorId: In(vendorIds.slice(start, start + CHUNK)) } as never, order: order as never })));
    }
    return found;
  }

  private t(locale: Locale, key: string): string {
    return this.translator.t(locale, key as MessageKey);
  }
}

function vendorRow(vendor: Vendor, flagCodes: string[]): Record<string, OutCell> {
  return {
    name: vendor.name,
    corporateNumber: vendor.corporateNumber,
    country: vendor.country,
    dataLocations: vendor.dataLocations.join(LIST_SEPARATOR),
    services: vendor.services,
    dataCategories: vendor.dataCategories.join(LIST_SEPARATOR),
    dataSubjectCount: vendor.dataSubjectCount,
    reentrustmentAllowed: vendor.reentrustmentAllowed,
    gdprApplies: vendor.gdprApplies,
    relationship: vendor.relationship,
    transferBasis: vendor.transferBasis,
    subcontractorApproval: vendor.subcontractorApproval,
    ownerEmail: vendor.ownerEmail,
    status: vendor.status,
    activeSince: vendor.activeSince,
    riskTierOverride: vendor.riskTierOverride,
    riskTierOverrideReason: vendor.riskTierOverrideReason,
    riskTier: vendor.riskTier,
    complianceStatus: vendor.complianceStatus,
    flags: flagCodes.join(LIST_SEPARATOR),
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
