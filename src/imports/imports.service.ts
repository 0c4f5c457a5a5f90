import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { DataSource, EntityManager, In } from 'typeorm';
import { recordAudit } from '../audit-log/audit-trail';
import { isUniqueViolation } from '../common/database-errors';
import { eventLoopTurns } from '../common/event-loop';
import { ConflictError, DomainError, ValidationError } from '../common/domain-errors';
import { Contract } from '../contracts/contract.entity';
import { ContractsService } from '../contracts/contracts.service';
import { CreateContractDto } from '../contracts/dto/contract.dto';
import { runInTransaction } from '../database/transactions';
import { MessageKey } from '../i18n/messages';
import { Translator } from '../i18n/translator';
import { allowedContractMoves } from '../rules/contract-lifecycle';
import { ContractStatus } from '../rules/contracts';
import { overrideProblem } from '../rules/risk-tier';
import { VendorStatus } from '../rules/vendor-facts';
import { allowedNextStatuses } from '../rules/vendor-lifecycle';
import { Locale } from '../users/user.entity';
import { CreateVendorDto } from '../vendors/dto/vendor.dto';
import { Vendor } from '../vendors/vendor.entity';
import { VendorsService } from '../vendors/vendors.service';
import { IMPORT_COLUMNS, REGISTER_COLUMNS, RegisterColumn } from './register-columns';
import { CellReason, columnLetter, convertCell, looksLikeFormula, reasonForConstraint } from './register-cells';
import { ExportFile, ExportFormat, renderTables, Table } from '../exports/spreadsheet-writer';
import { FileProblem, SpreadsheetFormat, TextEncoding, UploadedSpreadsheet } from './spreadsheet-reader';
import { readSpreadsheetOffThread } from '../register-file/spreadsheet-thread';

/** Issue 8 limits: what one import may hold. */
export const MAX_IMPORT_BYTES = 10 * 1024 * 1024;
export const MAX_IMPORT_ROWS = 20_000;
/** Formula cells listed in one 400 at most (the file is refused on the first one anyway). */
const MAX_LISTED_PROBLEMS = 100;

export interface ImportOptions {
  /** Report what would happen, write nothing. */
  dryRun: boolean;
  /** The language of the reasons (the caller's). */
  locale: Locale;
}

export type ImportAction = 'create' | 'update' | 'unchanged';

export interface ImportProblem {
  /** The row number the spreadsheet application shows (the header is row 1). */
  row: number;
  /** Column id (README "Bulk import and export"), or "" for the row as a whole. */
  column: string;
  /** The column's header as the file has it. */
  header: string;
  value: string;
  /** Why, in the caller's language. */
  reason: string;
}

export interface ImportRowResult {
  row: number;
  vendor: { action: ImportAction; id: string | null; name: string };
  contract: { action: ImportAction; id: string | null; title: string } | null;
}

export interface ImportCounts {
  created: number;
  updated: number;
  unchanged: number;
}

/** What an import did (or, in a dry run, would do): a plain object for the API and the admin-UI page. */
export interface ImportResult {
  dryRun: boolean;
  /** True only when a real run committed its changes. */
  written: boolean;
  file: { name: string; format: SpreadsheetFormat; encoding: TextEncoding | null };
  /** Data rows read (blank rows are skipped). */
  rows: number;
  vendors: ImportCounts;
  contracts: ImportCounts;
  errors: ImportProblem[];
  items: ImportRowResult[];
}

/** A real run refused because of row errors: nothing was written. Carries the full report for a page. */
export class ImportRejectedError extends ValidationError {
  constructor(readonly result: ImportResult, problems: string[]) {
    super(problems);
  }
}

interface ParsedRow {
  number: number;
  /** Column id → cell text, for the columns the file has. */
  texts: Map<string, string>;
  vendor: Record<string, unknown>;
  contract: Record<string, unknown> | null;
  vendorRefused?: boolean;
  contractRefused?: boolean;
}

interface VendorGroup {
  key: string;
  rows: ParsedRow[];
  input: CreateVendorDto;
  /** Column id → the first row that gave it a value (where a problem with the value is reported). */
  source: Map<string, ParsedRow>;
  existing: Vendor | null;
  action: ImportAction;
  prepared: Vendor | null;
}

interface ContractPlan {
  row: ParsedRow;
  group: VendorGroup;
  input: CreateContractDto;
  existing: Contract | null;
  action: ImportAction;
  prepared: Contract | null;
}

const VENDOR_FIELDS = [
  'name', 'corporateNumber', 'country', 'dataLocations', 'services', 'dataCategories', 'dataSubjectCount', 'reentrustmentAllowed', 'gdprApplies',
  'ownerEmail', 'status', 'activeSince', 'riskTierOverride', 'riskTierOverrideReason',
] as const;
const SET_FIELDS = new Set(['dataLocations', 'dataCategories']);
const CONTRACT_FIELDS = ['title', 'kind', 'status', 'signedOn', 'effectiveFrom', 'expiresOn', 'autoRenew', 'noticeDays', 'governingLaw', 'documentRef'] as const;
const BY_ID = new Map(REGISTER_COLUMNS.map((column) => [column.id, column]));
const VENDOR_COLUMN_OF_FIELD = new Map(IMPORT_COLUMNS.filter((column) => column.entity === 'vendor').map((column) => [column.field, column]));
const CONTRACT_COLUMN_OF_FIELD = new Map(IMPORT_COLUMNS.filter((column) => column.entity === 'contract').map((column) => [column.field, column]));
const CHUNK = 500;

/**
 * Bulk import of the vendor register (委託先管理台帳) from CSV or .xlsx (issue 8). Every row is judged
 * by the API's own DTOs and the vendor and contract services' own rules, so an import cannot store
 * what the API would refuse. A real run is one transaction: any error and nothing is written.
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
    const t = (key: MessageKey, params?: Record<string, string | number>) => this.translator.t(options.locale, key, params);
    if (!file || !file.buffer) throw new ValidationError([t('importError.fileMissing')]);
    if (file.buffer.length > MAX_IMPORT_BYTES) throw new ValidationError([t('importError.fileTooLarge', { max: MAX_IMPORT_BYTES / 1024 / 1024 })]);
    let sheet;
    try {
      sheet = await readSpreadsheetOffThread(file);
    } catch (error) {
      if (error instanceof FileProblem) throw new ValidationError([t(error.key, error.params)]);
      throw error;
    }
    const columns = this.mapHeader(sheet.header, t);
    if (sheet.rows.length === 0) throw new ValidationError([t('importError.noRows')]);
    if (sheet.rows.length > MAX_IMPORT_ROWS) throw new ValidationError([t('importError.tooManyRows', { count: sheet.rows.length, max: MAX_IMPORT_ROWS })]);
    this.refuseFormulas(sheet.rows, columns, sheet.header, t);

    const fileInfo = { name: file.originalname, format: sheet.format, encoding: sheet.encoding };
    const plan = async (manager: EntityManager) => {
      const problems: ImportProblem[] = [];
      const report = (row: ParsedRow, column: RegisterColumn | null, reason: CellReason) => {
        // A record already refused is not prepared again (the service would repeat the reason).
        if (column?.entity !== 'contract') row.vendorRefused = true;
        if (column?.entity !== 'vendor') row.contractRefused = true;
        const header = column ? headerOf(column, columns, sheet.header) : '';
        problems.push({ row: row.number, column: column?.id ?? '', header, value: column ? row.texts.get(column.id) ?? '' : '', reason: t(reason.key, reason.params) });
      };
      const rows = await this.parseRows(sheet.rows, columns, report);
      const groups = this.groupVendors(rows, report);
      await this.matchVendors(manager, groups, report);
      await this.prepareVendors(manager, groups, report);
      const contracts = await this.planContracts(manager, rows, groups, report);
      problems.sort((a, b) => a.row - b.row);
      return { rows, groups, contracts, problems };
    };

    if (options.dryRun) {
      const planned = await plan(this.dataSource.manager);
      return this.result(fileInfo, planned, true, false);
    }
    const done = await this.inOneTransaction(async (manager) => {
      const planned = await plan(manager);
      if (planned.problems.length > 0) {
        const result = this.result(fileInfo, planned, false, false);
        throw new ImportRejectedError(result, this.problemMessages(planned.problems, t));
      }
      await this.apply(manager, planned.groups, planned.contracts);
      const result = this.result(fileInfo, planned, false, true);
      // Who imported what: one entry for the file, beside the services' own entry per record written.
      await recordAudit(manager, {
        action: 'import',
        entityType: 'vendor-register',
        entityId: null,
        summary: { fileName: fileInfo.name, format: fileInfo.format, encoding: fileInfo.encoding, rows: result.rows, vendors: result.vendors, contracts: result.contracts },
      });
      return result;
    });
    return done;
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
        throw new ConflictError(['corporateNumber: a vendor with a 法人番号 of this file was registered meanwhile; nothing was imported, import the file again'], 'duplicate');
      }
      throw error;
    }
  }

  /**
   * The template: the import's columns with ja or en headers, each followed by "[…]" saying what it
   * takes (the import ignores that part), and an example row that imports as it is. The .xlsx adds
   * a sheet that lists every column with its id, allowed values and example.
   */
  async template(format: ExportFormat, locale: Locale): Promise<ExportFile> {
    const t = (key: MessageKey, params?: Record<string, string | number>) => this.translator.t(locale, key, params);
    const header = IMPORT_COLUMNS.map((column) => `${t(`importColumn.${column.id}` as MessageKey)} [${this.hint(column, locale)}]`);
    const example = IMPORT_COLUMNS.map((column) => column.example[locale]);
    const register: Table = { sheetName: t('exportColumn.sheetRegister'), header, rows: [example] };
    const reference: Table = {
      sheetName: t('importHint.sheetReference'),
      header: [t('importHint.headerColumn'), t('importHint.headerId'), t('importHint.headerRule'), t('importHint.headerExample')],
      rows: [
        ...IMPORT_COLUMNS.map((column) => [t(`importColumn.${column.id}` as MessageKey), column.id, this.hint(column, locale), column.example[locale]]),
        [],
        [t('importHint.notes')],
      ],
    };
    const file = await renderTables(format, format === 'xlsx' ? [register, reference] : [register], `vendor-register-template-${locale}`);
    return file;
  }

  /** What a column takes, in words: required or not, then the allowed values or the format. */
  private hint(column: RegisterColumn, locale: Locale): string {
    const t = (key: MessageKey, params?: Record<string, string | number>) => this.translator.t(locale, key, params);
    const rule = (() => {
      switch (column.kind) {
        case 'enum':
          return t('importHint.oneOf', { allowed: (column.allowed ?? []).join(' / ') });
        case 'enum-list':
          return t('importHint.listOf', { allowed: (column.allowed ?? []).join(' / ') });
        case 'date':
          return t('importHint.date');
        case 'boolean':
          return t('importHint.boolean');
        case 'integer':
          return t('importHint.integer');
        case 'country':
          return t('importHint.country');
        case 'country-list':
          return t('importHint.countryList');
        case 'corporate-number':
          return t('importHint.corporateNumber');
        case 'email':
          return t('importHint.email');
        case 'text':
          return t('importHint.text', { max: column.maxLength ?? 0 });
      }
    })();
    if (!column.required) return rule;
    return `${t(column.entity === 'contract' ? 'importHint.requiredForContract' : 'importHint.required')}; ${rule}`;
  }

  /** Header cell → column: the ja or en header (a "[…]" hint after it is ignored) or the column id. */
  private mapHeader(header: string[], t: (key: MessageKey, params?: Record<string, string | number>) => string): Array<RegisterColumn | null> {
    const lookup = new Map<string, RegisterColumn>();
    for (const column of REGISTER_COLUMNS) {
      for (const text of [column.id, this.translator.t('ja', `importColumn.${column.id}` as MessageKey), this.translator.t('en', `importColumn.${column.id}` as MessageKey)]) {
        lookup.set(normaliseHeader(text), column);
      }
    }
    const problems: string[] = [];
    const seen = new Map<string, number>();
    const columns = header.map((text, index) => {
      if (text === '') return null;
      const column = lookup.get(normaliseHeader(text));
      if (!column) {
        problems.push(t('importError.unknownHeader', { header: text, column: columnLetter(index + 1) }));
        return null;
      }
      if (seen.has(column.id)) problems.push(t('importError.duplicateHeader', { header: text, column: columnLetter(index + 1) }));
      seen.set(column.id, index);
      return column;
    });
    if (!seen.has('name')) problems.push(t('importError.missingHeader', { header: t('importColumn.name') }));
    if (problems.length > 0) throw new ValidationError(problems);
    return columns;
  }

  /** Formula injection refuses the whole file, dry run or not: such a file should not travel further. */
  private refuseFormulas(rows: Array<{ number: number; cells: string[] }>, columns: Array<RegisterColumn | null>, header: string[], t: (key: MessageKey, params?: Record<string, string | number>) => string): void {
    const problems: string[] = [];
    for (const row of rows) {
      row.cells.forEach((cell, index) => {
        if (problems.length < MAX_LISTED_PROBLEMS && cell !== '' && looksLikeFormula(cell, columns[index] ?? undefined)) {
          problems.push(t('importError.formulaCell', { row: row.number, column: header[index] || columnLetter(index + 1), reason: t('importError.formula') }));
        }
      });
    }
    if (problems.length > 0) throw new ValidationError(problems);
  }

  /** Cells → DTO inputs, judged by the same DTO classes (and validators) as the API. */
  private async parseRows(
    sheetRows: Array<{ number: number; cells: string[] }>,
    columns: Array<RegisterColumn | null>,
    report: (row: ParsedRow, column: RegisterColumn | null, reason: CellReason) => void,
  ): Promise<ParsedRow[]> {
    const rows: ParsedRow[] = [];
    const turns = eventLoopTurns();
    for (const sheetRow of sheetRows) {
      await turns.pause();
      const row: ParsedRow = { number: sheetRow.number, texts: new Map(), vendor: {}, contract: null };
      const contract: Record<string, unknown> = {};
      const refused = new Set<string>();
      columns.forEach((column, index) => {
        if (!column || column.entity === 'computed') return;
        const text = sheetRow.cells[index] ?? '';
        row.texts.set(column.id, text);
        const converted = convertCell(text, column);
        if ('reason' in converted) {
          refused.add(column.id);
          report(row, column, converted.reason);
        } else if (converted.value !== undefined) {
          (column.entity === 'vendor' ? row.vendor : contract)[column.field] = converted.value;
        }
      });
      if (row.vendor.name === undefined) {
        report(row, BY_ID.get('name')!, { key: 'importError.required' });
        refused.add('name');
      }
      await this.validateInto(CreateVendorDto, row.vendor, VENDOR_COLUMN_OF_FIELD, refused, (column, reason) => report(row, column, reason));
      const override = overrideProblem({ tier: (row.vendor.riskTierOverride as never) ?? null, reason: (row.vendor.riskTierOverrideReason as string) ?? null });
      if (override === 'reason-required') report(row, BY_ID.get('riskTierOverrideReason')!, { key: 'importError.overrideReasonRequired' });
      if (override === 'reason-without-override') report(row, BY_ID.get('riskTierOverrideReason')!, { key: 'importError.overrideReasonAlone' });

      if (Object.keys(contract).length > 0 || [...refused].some((id) => BY_ID.get(id)?.entity === 'contract')) {
        row.contract = contract;
        for (const column of IMPORT_COLUMNS.filter((candidate) => candidate.entity === 'contract' && candidate.required)) {
          if (contract[column.field] === undefined && !refused.has(column.id)) {
            report(row, column, { key: column.id === 'contractTitle' ? 'importError.contractWithoutTitle' : 'importError.required' });
            refused.add(column.id);
          }
        }
        await this.validateInto(CreateContractDto, contract, CONTRACT_COLUMN_OF_FIELD, refused, (column, reason) => report(row, column, reason));
        if (typeof contract.expiresOn === 'string' && typeof contract.effectiveFrom === 'string' && contract.expiresOn < contract.effectiveFrom) {
          report(row, BY_ID.get('contractExpiresOn')!, { key: 'importError.expiresBeforeStart', params: { date: contract.effectiveFrom } });
        }
      }
      rows.push(row);
    }
    return rows;
  }

  private async validateInto(
    dto: new () => object,
    input: Record<string, unknown>,
    columnOf: Map<string, RegisterColumn>,
    refused: Set<string>,
    report: (column: RegisterColumn, reason: CellReason) => void,
  ): Promise<void> {
    const errors = await validate(plainToInstance(dto, input), { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true });
    for (const error of errors) {
      const column = columnOf.get(error.property);
      if (!column || refused.has(column.id)) continue;
      refused.add(column.id);
      report(column, reasonForConstraint(error, column));
    }
  }

  /**
   * Rows of one vendor: same 法人番号, or (without one) same name. Their vendor cells must agree where
   * they are filled in; blank cells take the group's value.
   */
  private groupVendors(rows: ParsedRow[], report: (row: ParsedRow, column: RegisterColumn | null, reason: CellReason) => void): VendorGroup[] {
    const groups = new Map<string, VendorGroup>();
    for (const row of rows) {
      const name = row.vendor.name as string | undefined;
      const number = row.vendor.corporateNumber as string | undefined;
      if (name === undefined) continue;
      const key = number ? `#${number}` : `@${name}`;
      let group = groups.get(key);
      if (!group) {
        group = { key, rows: [], input: {} as CreateVendorDto, source: new Map(), existing: null, action: 'create', prepared: null };
        groups.set(key, group);
      }
      group.rows.push(row);
      for (const [field, value] of Object.entries(row.vendor)) {
        const column = VENDOR_COLUMN_OF_FIELD.get(field)!;
        const first = group.source.get(column.id);
        if (!first) {
          (group.input as unknown as Record<string, unknown>)[field] = value;
          group.source.set(column.id, row);
        } else if (!sameValue(field, first.vendor[field], value)) {
          report(row, column, { key: 'importError.conflictingVendorCell', params: { row: first.number, other: first.texts.get(column.id) ?? '' } });
        }
      }
    }
    // A name without a 法人番号 that another group has with one: two spellings of one vendor, or two
    // vendors the file cannot tell apart. Either way the file must say which.
    const numberedNames = new Map<string, VendorGroup>();
    for (const group of groups.values()) if (group.key.startsWith('#')) numberedNames.set(group.input.name, group);
    for (const group of groups.values()) {
      const other = group.key.startsWith('@') ? numberedNames.get(group.input.name) : undefined;
      if (other) report(group.rows[0], BY_ID.get('corporateNumber')!, { key: 'importError.sameNameOtherNumber', params: { row: other.rows[0].number } });
    }
    return [...groups.values()];
  }

  /** Existing vendors: by 法人番号, else by exact name (a same-named vendor with another 法人番号 is another vendor). */
  private async matchVendors(manager: EntityManager, groups: VendorGroup[], report: (row: ParsedRow, column: RegisterColumn | null, reason: CellReason) => void): Promise<void> {
    const numbers = groups.map((group) => group.input.corporateNumber).filter((number): number is string => !!number);
    const names = [...new Set(groups.map((group) => group.input.name))];
    const wanted = new Set(names);
    const byNumber = new Map<string, Vendor>();
    const byName = new Map<string, Vendor[]>();
    for (let start = 0; start < numbers.length; start += CHUNK) {
      for (const vendor of await manager.find(Vendor, { where: { corporateNumber: In(numbers.slice(start, start + CHUNK)) } })) byNumber.set(vendor.corporateNumber!, vendor);
    }
    for (let start = 0; start < names.length; start += CHUNK) {
      for (const vendor of await manager.find(Vendor, { where: { name: In(names.slice(start, start + CHUNK)) } })) {
        // MySQL's collation compares names case- and width-insensitively: the rule is the exact name.
        if (!wanted.has(vendor.name)) continue;
        byName.set(vendor.name, [...(byName.get(vendor.name) ?? []), vendor]);
      }
    }
    const claimedBy = new Map<string, VendorGroup>();
    for (const group of groups) {
      const named = byName.get(group.input.name) ?? [];
      let match: Vendor | null = null;
      if (group.input.corporateNumber) {
        match = byNumber.get(group.input.corporateNumber) ?? null;
        if (!match) {
          const unnumbered = named.filter((vendor) => vendor.corporateNumber === null);
          if (unnumbered.length === 1) match = unnumbered[0];
        }
      } else if (named.length === 1) {
        match = named[0];
      } else if (named.length > 1) {
        report(group.source.get('name') ?? group.rows[0], BY_ID.get('name')!, { key: 'importError.ambiguousName', params: { count: named.length } });
      }
      if (!match) continue;
      const other = claimedBy.get(match.id);
      if (other) {
        report(group.rows[0], BY_ID.get('name')!, { key: 'importError.sameRegisteredVendor', params: { row: other.rows[0].number } });
        continue;
      }
      claimedBy.set(match.id, group);
      group.existing = match;
    }
  }

  /** The vendor services' own preparation decides: same defaults, lifecycle and risk tier as the API. */
  private async prepareVendors(manager: EntityManager, groups: VendorGroup[], report: (row: ParsedRow, column: RegisterColumn | null, reason: CellReason) => void): Promise<void> {
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
          group.action = 'create';
        }
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        if (error instanceof ConflictError && error.code === 'invalid-transition' && group.existing) {
          const from = group.existing.status;
          report(at('status'), BY_ID.get('status')!, {
            key: 'importError.vendorTransition',
            params: { from, to: group.input.status ?? from, allowed: allowedNextStatuses(from as VendorStatus).join(', ') || '-' },
          });
        } else if (error.code === 'selection-rejected') {
          report(at('status'), BY_ID.get('status')!, { key: 'importError.selectionRejected' });
        } else {
          // Anything else the service refuses is reported in its own words, never stored.
          report(group.rows[0], null, { key: 'importError.invalid', params: { detail: error.problems.join('; ') } });
        }
      }
    }
  }

  /** Contracts are matched by vendor and exact title; a title twice for one vendor in the file is an error. */
  private async planContracts(
    manager: EntityManager,
    rows: ParsedRow[],
    groups: VendorGroup[],
    report: (row: ParsedRow, column: RegisterColumn | null, reason: CellReason) => void,
  ): Promise<ContractPlan[]> {
    const groupOf = new Map<ParsedRow, VendorGroup>();
    for (const group of groups) for (const row of group.rows) groupOf.set(row, group);
    const vendorIds = groups.filter((group) => group.existing).map((group) => group.existing!.id);
    const existing = new Map<string, Contract[]>();
    for (let start = 0; start < vendorIds.length; start += CHUNK) {
      for (const contract of await manager.find(Contract, { where: { vendorId: In(vendorIds.slice(start, start + CHUNK)) } })) {
        const key = `${contract.vendorId}|${contract.title}`;
        existing.set(key, [...(existing.get(key) ?? []), contract]);
      }
    }
    const seen = new Map<string, ParsedRow>();
    const plans: ContractPlan[] = [];
    const titleColumn = BY_ID.get('contractTitle')!;
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
          report(row, BY_ID.get('contractStatus')!, {
            key: 'importError.contractTransition',
            params: { from, to: input.status ?? from, allowed: allowedContractMoves(from as ContractStatus).join(', ') || '-' },
          });
        } else if (error instanceof ValidationError && /^expiresOn:/.test(error.problems[0] ?? '')) {
          // Already reported by parseRows for a new contract; an update can meet a stored start date.
          if (plan.existing) report(row, BY_ID.get('contractExpiresOn')!, { key: 'importError.expiresBeforeStart', params: { date: plan.existing.effectiveFrom } });
        } else {
          report(row, null, { key: 'importError.invalid', params: { detail: error.problems.join('; ') } });
        }
        continue;
      }
      plans.push(plan);
    }
    return plans;
  }

  /** Writes the plan in the caller's transaction through the services; unchanged records are not touched. */
  private async apply(manager: EntityManager, groups: VendorGroup[], contracts: ContractPlan[]): Promise<void> {
    const created = groups.filter((group) => group.action === 'create');
    const vendors = await this.vendors.createWith(manager, created.map((group) => group.input));
    created.forEach((group, index) => (group.prepared = vendors[index]));
    for (const group of groups.filter((candidate) => candidate.action === 'update')) {
      await this.vendors.saveUpdate(manager, group.prepared!, group.existing!.version);
    }
    const newContracts = contracts.filter((plan) => plan.action === 'create');
    const saved = await this.contracts.createWith(
      manager,
      newContracts.map((plan) => ({ vendorId: (plan.group.existing ?? plan.group.prepared)!.id, input: plan.input })),
    );
    newContracts.forEach((plan, index) => (plan.prepared = saved[index]));
    for (const plan of contracts.filter((candidate) => candidate.action === 'update')) {
      await this.contracts.saveUpdate(manager, plan.prepared!, plan.existing!.version);
    }
  }

  private result(
    file: ImportResult['file'],
    planned: { rows: ParsedRow[]; groups: VendorGroup[]; contracts: ContractPlan[]; problems: ImportProblem[] },
    dryRun: boolean,
    written: boolean,
  ): ImportResult {
    const count = (actions: ImportAction[]): ImportCounts => ({
      created: actions.filter((action) => action === 'create').length,
      updated: actions.filter((action) => action === 'update').length,
      unchanged: actions.filter((action) => action === 'unchanged').length,
    });
    const groupOf = new Map<ParsedRow, VendorGroup>();
    for (const group of planned.groups) for (const row of group.rows) groupOf.set(row, group);
    const contractOf = new Map(planned.contracts.map((plan) => [plan.row, plan]));
    const failed = planned.problems.length > 0;
    return {
      dryRun,
      written,
      file,
      rows: planned.rows.length,
      vendors: failed ? { created: 0, updated: 0, unchanged: 0 } : count(planned.groups.map((group) => group.action)),
      contracts: failed ? { created: 0, updated: 0, unchanged: 0 } : count(planned.contracts.map((plan) => plan.action)),
      errors: planned.problems,
      items: planned.rows.flatMap((row) => {
        const group = groupOf.get(row);
        if (!group) return [];
        const contract = contractOf.get(row);
        return [
          {
            row: row.number,
            vendor: { action: group.action, id: (group.existing ?? (written ? group.prepared : null))?.id ?? null, name: group.input.name },
            contract: contract
              ? { action: contract.action, id: (contract.existing ?? (written ? contract.prepared : null))?.id ?? null, title: contract.input.title }
              : null,
          },
        ];
      }),
    };
  }

  private problemMessages(problems: ImportProblem[], t: (key: MessageKey, params?: Record<string, string | number>) => string): string[] {
    return problems
      .slice(0, MAX_LISTED_PROBLEMS)
      .map((problem) =>
        problem.column
          ? t('importError.rowProblem', { row: problem.row, column: problem.header, value: problem.value, reason: problem.reason })
          : t('importError.rowProblemWhole', { row: problem.row, reason: problem.reason }),
      );
  }
}

/** Header text as compared: width-folded (NFKC), lower-case, without a trailing "[…]" hint. */
function normaliseHeader(text: string): string {
  return text.normalize('NFKC').replace(/\s*\[[^\]]*\]\s*$/, '').replace(/\s+/g, ' ').trim().toLowerCase();
}

function headerOf(column: RegisterColumn, columns: Array<RegisterColumn | null>, header: string[]): string {
  const index = columns.indexOf(column);
  return index >= 0 ? header[index].replace(/\s*\[[^\]]*\]\s*$/, '') : column.id;
}

/** Stored and imported values compared as the API means them: lists as sets, dates and numbers as text. */
function sameValue(field: string, a: unknown, b: unknown): boolean {
  if (Array.isArray(a) || Array.isArray(b)) {
    const left = Array.isArray(a) ? [...a].map(String) : [];
    const right = Array.isArray(b) ? [...b].map(String) : [];
    if (SET_FIELDS.has(field)) return left.length === right.length && left.sort().join('\u0000') === right.sort().join('\u0000');
    return left.join('\u0000') === right.join('\u0000');
  }
  const norm = (value: unknown) => (value === undefined || value === null ? null : value instanceof Date ? value.toISOString().slice(0, 10) : String(value));
  return norm(a) === norm(b);
}
