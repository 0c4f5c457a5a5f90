import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { recordAudit } from '../audit-log/audit-trail';
import { isUniqueViolation } from '../common/database-errors';
import { eventLoopTurns } from '../common/event-loop';
import { ConflictError, DomainError, ValidationError } from '../common/domain-errors';
import { ContractsService } from '../contracts/contracts.service';
import { CreateContractDto } from '../contracts/dto/contract.dto';
import { runInTransaction } from '../database/transactions';
import { Locale } from '../i18n/locale';
import { MessageKey } from '../i18n/messages';
import { Translator } from '../i18n/translator';
import { ProblemRenderer } from '../common/problems';
import { REGISTER_COLUMNS, RegisterColumn } from '../register-file/register-columns';
import { CellReason } from '../register-file/register-cells';
import { ReadSheet, UploadedSpreadsheet } from '../register-file/spreadsheet-reader';
import { ExportFile, ExportFormat } from '../register-file/spreadsheet-writer';
import { ContractStatus } from '../rules/contracts';
import { VendorStatus } from '../rules/vendor-facts';
import { allowedMoves } from '../rules/lifecycles';
import { VendorsService } from '../vendors/vendors.service';
import { checkRows, readImportFile } from './import-file';
import { headerOf, mapHeader } from './import-header';
import { contractsByTitle, matchVendors } from './import-matching';
import { countActions, ImportOptions, ImportRejectedError, ImportResult, PlannedProblem, rowRefusals, Translate } from './import-result';
import { CONTRACT_FIELDS, ContractPlan, groupVendors, ParsedRow, parseRows, registerColumn, ReportProblem, sameValue, VENDOR_FIELDS, VendorGroup } from './import-rows';
import { importTemplate } from './import-template';

/** A service's refusal as one line of text (in the import's language). */
type DescribeRefusal = (error: DomainError) => string;

interface Plan {
  rows: ParsedRow[];
  groups: VendorGroup[];
  contracts: ContractPlan[];
  problems: PlannedProblem[];
}

/**
 * Bulk import of the vendor register (委託先管理台帳) from CSV or .xlsx. Every row is judged by the
 * API's own DTOs and the vendor and contract services' own rules, so an import cannot store what the
 * API would refuse. A real run is one transaction: any error and nothing is written. The steps:
 * the file (import-file.ts), its header (import-header.ts), its rows parsed and grouped by vendor
 * (import-rows.ts), matched against the register (import-matching.ts), prepared by the services,
 * then written through them.
 */
@Injectable()
export class ImportsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly vendors: VendorsService,
    private readonly contracts: ContractsService,
    private readonly translator: Translator,
  ) {}

  async run(file: UploadedSpreadsheet | undefined, options: ImportOptions): Promise<ImportResult> {
    const t: Translate = (key, params) => this.translator.t(options.locale, key, params);
    const renderer = new ProblemRenderer(this.translator, options.locale);
    // What a service refuses is reported in its own words, in the caller's language.
    const describe: DescribeRefusal = (error) => error.problems.map((problem) => renderer.line(problem)).join('; ');
    const sheet = await readImportFile(file);
    const header = mapHeader(sheet.header, {
      accepted: (column) => [column.id, ...(['ja', 'en'] as const).map((locale) => this.translator.t(locale, `importColumn.${column.id}` as MessageKey))],
      label: (column) => t(`importColumn.${column.id}` as MessageKey),
    });
    if (header.problems.length > 0) throw new ValidationError(header.problems);
    checkRows(sheet, header.columns);

    const fileInfo = { name: file!.originalname, format: sheet.format, encoding: sheet.encoding };
    if (options.dryRun) return resultOf(fileInfo, await this.plan(this.dataSource.manager, sheet, header.columns, t, describe, options.locale), true, false);
    return this.inOneTransaction(async (manager) => {
      const planned = await this.plan(manager, sheet, header.columns, t, describe, options.locale);
      if (planned.problems.length > 0) throw new ImportRejectedError(resultOf(fileInfo, planned, false, false), rowRefusals(planned.problems));
      await this.apply(manager, planned.groups, planned.contracts);
      const result = resultOf(fileInfo, planned, false, true);
      // Who imported what: one entry for the file, beside the services' own entry per record written.
      await recordAudit(manager, {
        action: 'import',
        entityType: 'vendor-register',
        entityId: null,
        summary: { fileName: fileInfo.name, format: fileInfo.format, encoding: fileInfo.encoding, rows: result.rows, vendors: result.vendors, contracts: result.contracts },
      });
      return result;
    });
  }

  /** The import's template (import-template.ts). */
  template(format: ExportFormat, locale: Locale): Promise<ExportFile> {
    return importTemplate(format, locale, this.translator);
  }

  /** What the file would do, with every problem found, read with the given manager (nothing written). */
  private async plan(manager: EntityManager, sheet: ReadSheet, columns: Array<RegisterColumn | null>, t: Translate, describe: DescribeRefusal, locale: Locale): Promise<Plan> {
    const problems: PlannedProblem[] = [];
    const report: ReportProblem = (row, column, reason: CellReason) => {
      // A record already refused is not prepared again (the service would repeat the reason).
      if (column?.entity !== 'contract') row.vendorRefused = true;
      if (column?.entity !== 'vendor') row.contractRefused = true;
      const header = column ? headerOf(column, columns, sheet.header) : '';
      problems.push({ row: row.number, column: column?.id ?? '', header, value: column ? row.texts.get(column.id) ?? '' : '', reason: t(reason.key, reason.params), cause: reason });
    };
    const rows = await parseRows(sheet.rows, columns, report, locale);
    const groups = groupVendors(rows, report);
    const numbers = groups.map((group) => group.input.corporateNumber).filter((number): number is string => !!number);
    matchVendors(groups, await this.vendors.findByNumbersOrNames(manager, numbers, [...new Set(groups.map((group) => group.input.name))]), report);
    await this.prepareVendors(manager, groups, report, describe);
    const contracts = await this.planContracts(manager, rows, groups, report, describe);
    problems.sort((a, b) => a.row - b.row);
    return { rows, groups, contracts, problems };
  }

  /**
   * The whole import in one transaction. A 法人番号 registered by someone else between the plan and
   * the insert is a conflict to retry, not a 500.
   */
  private async inOneTransaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    try {
      return await runInTransaction(this.dataSource, work);
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw new ConflictError({ field: 'corporateNumber', code: 'corporate-number-registered-meanwhile' }, 'duplicate');
      }
      throw error;
    }
  }

  /** The vendor services' own preparation decides: same defaults, lifecycle and risk tier as the API. */
  private async prepareVendors(manager: EntityManager, groups: VendorGroup[], report: ReportProblem, describe: DescribeRefusal): Promise<void> {
    const turns = eventLoopTurns();
    for (const group of groups) {
      await turns.pause();
      if (group.rows.some((row) => row.vendorRefused)) continue;
      const at = (id: string) => group.source.get(id) ?? group.rows[0];
      try {
        if (group.existing) {
          // A vendor matched by name keeps its 法人番号 unless it had none.
          const fields = group.existing.corporateNumber ? { ...group.input, corporateNumber: undefined } : group.input;
          group.prepared = await this.vendors.prepareUpdate(manager, group.existing, fields);
          group.action = VENDOR_FIELDS.every((field) => sameValue(field, group.existing![field], group.prepared![field])) ? 'unchanged' : 'update';
        } else {
          group.prepared = this.vendors.prepareCreate(group.input);
          await this.vendors.checkOwners(manager, [group.prepared]);
          group.action = 'create';
        }
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        if (error instanceof ConflictError && error.code === 'invalid-transition' && group.existing) {
          const from = group.existing.status;
          report(at('status'), registerColumn('status'), {
            key: 'importError.vendorTransition',
            params: { from, to: group.input.status ?? from, allowed: allowedMoves('vendor', from as VendorStatus).join(', ') || '-' },
          });
        } else if (error.code === 'selection-rejected') {
          report(at('status'), registerColumn('status'), { key: 'importError.selectionRejected' });
        } else {
          // Anything else the service refuses is reported in its own words, never stored: at the
          // column of the field it names when the register has one.
          const field = error.problems[0]?.field;
          const column = REGISTER_COLUMNS.find((candidate) => candidate.entity === 'vendor' && candidate.field === field) ?? null;
          report(column ? at(column.id) : group.rows[0], column, { key: 'importError.invalid', params: { detail: describe(error) } });
        }
      }
    }
  }

  /** Contracts are matched by vendor and exact title; a title twice for one vendor in the file is an error. */
  private async planContracts(manager: EntityManager, rows: ParsedRow[], groups: VendorGroup[], report: ReportProblem, describe: DescribeRefusal): Promise<ContractPlan[]> {
    const groupOf = new Map<ParsedRow, VendorGroup>();
    for (const group of groups) for (const row of group.rows) groupOf.set(row, group);
    const existing = contractsByTitle(await this.contracts.findForVendors(manager, groups.filter((group) => group.existing).map((group) => group.existing!.id)));
    const seen = new Map<string, ParsedRow>();
    const plans: ContractPlan[] = [];
    const titleColumn = registerColumn('contractTitle');
    const turns = eventLoopTurns();
    for (const row of rows) {
      await turns.pause();
      const group = groupOf.get(row);
      if (!row.contract || !group || typeof row.contract.title !== 'string') continue;
      const input = row.contract as unknown as CreateContractDto;
      const key = `${group.key}|${input.title}`;
      const earlier = seen.get(key);
      if (earlier) {
        report(row, titleColumn, { key: 'importError.duplicateContract', params: { row: earlier.number } });
        continue;
      }
      seen.set(key, row);
      if (row.contractRefused) continue;
      const candidates = group.existing ? existing.get(`${group.existing.id}|${input.title}`) ?? [] : [];
      if (candidates.length > 1) {
        report(row, titleColumn, { key: 'importError.ambiguousContract', params: { count: candidates.length } });
        continue;
      }
      const plan: ContractPlan = { row, group, input, existing: candidates[0] ?? null, action: 'create', prepared: null };
      try {
        if (plan.existing) {
          plan.prepared = this.contracts.prepareUpdate(plan.existing, input);
          plan.action = CONTRACT_FIELDS.every((field) => sameValue(field, plan.existing![field], plan.prepared![field])) ? 'unchanged' : 'update';
        } else {
          plan.prepared = this.contracts.prepareCreate(group.existing?.id ?? '', input);
        }
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        if (error instanceof ConflictError && error.code === 'invalid-transition' && plan.existing) {
          const from = plan.existing.status;
          report(row, registerColumn('contractStatus'), {
            key: 'importError.contractTransition',
            params: { from, to: input.status ?? from, allowed: allowedMoves('contract', from as ContractStatus).join(', ') || '-' },
          });
        } else if (error instanceof ValidationError && error.problems[0]?.field === 'expiresOn') {
          // Already reported by parseRows for a new contract; an update can meet a stored start date.
          if (plan.existing) report(row, registerColumn('contractExpiresOn'), { key: 'importError.expiresBeforeStart', params: { date: plan.existing.effectiveFrom } });
        } else {
          report(row, null, { key: 'importError.invalid', params: { detail: describe(error) } });
        }
        continue;
      }
      plans.push(plan);
    }
    return plans;
  }

  /** Writes the plan in the caller's transaction through the services; unchanged records are not touched. */
  private async apply(manager: EntityManager, groups: VendorGroup[], contracts: ContractPlan[]): Promise<void> {
    // The vendors and contracts prepared by the plan are the ones stored (not prepared again).
    await this.vendors.insertPrepared(manager, groups.filter((group) => group.action === 'create').map((group) => group.prepared!));
    for (const group of groups.filter((candidate) => candidate.action === 'update')) {
      await this.vendors.saveUpdate(manager, group.prepared!, group.existing!.version);
    }
    const newContracts = contracts.filter((plan) => plan.action === 'create').map((plan) => Object.assign(plan.prepared!, { vendorId: (plan.group.existing ?? plan.group.prepared)!.id }));
    await this.contracts.insertPrepared(manager, newContracts);
    for (const plan of contracts.filter((candidate) => candidate.action === 'update')) {
      await this.contracts.saveUpdate(manager, plan.prepared!, plan.existing!.version);
    }
  }
}

/** The plan as the API's report: counts (none when anything failed) and one item per vendor row. */
export function resultOf(file: ImportResult['file'], planned: Plan, dryRun: boolean, written: boolean): ImportResult {
  const groupOf = new Map<ParsedRow, VendorGroup>();
  for (const group of planned.groups) for (const row of group.rows) groupOf.set(row, group);
  const contractOf = new Map(planned.contracts.map((plan) => [plan.row, plan]));
  const failed = planned.problems.length > 0;
  return {
    dryRun,
    written,
    file,
    rows: planned.rows.length,
    vendors: failed ? { created: 0, updated: 0, unchanged: 0 } : countActions(planned.groups.map((group) => group.action)),
    contracts: failed ? { created: 0, updated: 0, unchanged: 0 } : countActions(planned.contracts.map((plan) => plan.action)),
    errors: planned.problems.map(({ cause: _cause, ...problem }) => problem),
    items: planned.rows.flatMap((row) => {
      const group = groupOf.get(row);
      if (!group) return [];
      const contract = contractOf.get(row);
      return [
        {
          row: row.number,
          vendor: { action: group.action, id: (group.existing ?? (written ? group.prepared : null))?.id ?? null, name: group.input.name },
          contract: contract ? { action: contract.action, id: (contract.existing ?? (written ? contract.prepared : null))?.id ?? null, title: contract.input.title } : null,
        },
      ];
    }),
  };
}
