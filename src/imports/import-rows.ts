import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { eventLoopTurns } from '../common/event-loop';
import { Contract } from '../contracts/contract.entity';
import { Locale } from '../i18n/locale';
import { CreateContractDto } from '../contracts/dto/contract.dto';
import { IMPORT_COLUMNS, REGISTER_COLUMNS, RegisterColumn } from '../register-file/register-columns';
import { CellReason, convertCell, reasonForConstraint } from '../register-file/register-cells';
import { SheetRow } from '../register-file/spreadsheet-reader';
import { overrideProblem } from '../rules/risk-tier';
import { CreateVendorDto } from '../vendors/dto/vendor.dto';
import { Vendor } from '../vendors/vendor.entity';
import { ImportAction } from './import-result';

/** One data row of the file: its cells as text and as the API's DTO inputs. */
export interface ParsedRow {
  number: number;
  /** Column id → cell text, for the columns the file has. */
  texts: Map<string, string>;
  vendor: Record<string, unknown>;
  contract: Record<string, unknown> | null;
  vendorRefused?: boolean;
  contractRefused?: boolean;
}

/** The rows of one vendor, and what the import will do with it (set once matched and prepared). */
export interface VendorGroup {
  key: string;
  rows: ParsedRow[];
  input: CreateVendorDto;
  /** Column id → the first row that gave it a value (where a problem with the value is reported). */
  source: Map<string, ParsedRow>;
  existing: Vendor | null;
  action: ImportAction;
  prepared: Vendor | null;
}

/** One row's contract and what the import will do with it. */
export interface ContractPlan {
  row: ParsedRow;
  group: VendorGroup;
  input: CreateContractDto;
  existing: Contract | null;
  action: ImportAction;
  prepared: Contract | null;
}

/** Records a problem of a row (and of a column, or of the row as a whole). */
export type ReportProblem = (row: ParsedRow, column: RegisterColumn | null, reason: CellReason) => void;

export const VENDOR_FIELDS = [
  'name', 'reading', 'corporateNumber', 'country', 'dataLocations', 'services', 'dataCategories', 'dataSubjectCount', 'reentrustmentAllowed', 'gdprApplies',
  'relationship', 'transferBasis', 'subcontractorApproval', 'ownerEmail', 'ownerName', 'status', 'activeSince', 'riskTierOverride', 'riskTierOverrideReason',
] as const;
export const CONTRACT_FIELDS = ['title', 'kind', 'status', 'signedOn', 'effectiveFrom', 'expiresOn', 'autoRenew', 'noticeDays', 'governingLaw', 'documentRef', 'retentionPeriod'] as const;
const SET_FIELDS = new Set(['dataLocations', 'dataCategories']);
const BY_ID = new Map(REGISTER_COLUMNS.map((column) => [column.id, column]));
const VENDOR_COLUMN_OF_FIELD = new Map(IMPORT_COLUMNS.filter((column) => column.entity === 'vendor').map((column) => [column.field, column]));
const CONTRACT_COLUMN_OF_FIELD = new Map(IMPORT_COLUMNS.filter((column) => column.entity === 'contract').map((column) => [column.field, column]));

/** A register column by id (the columns are fixed: a wrong id is a programming error). */
export function registerColumn(id: string): RegisterColumn {
  const column = BY_ID.get(id);
  if (!column) throw new Error(`no register column ${id}`);
  return column;
}

/** Cells → DTO inputs, judged by the same DTO classes (and validators) as the API. */
export async function parseRows(sheetRows: SheetRow[], columns: Array<RegisterColumn | null>, report: ReportProblem, locale: Locale = 'ja'): Promise<ParsedRow[]> {
  const rows: ParsedRow[] = [];
  const turns = eventLoopTurns();
  for (const sheetRow of sheetRows) {
    // Thousands of rows: the event loop turns between slices of the work (/health stays responsive).
    await turns.pause();
    const row: ParsedRow = { number: sheetRow.number, texts: new Map(), vendor: {}, contract: null };
    const contract: Record<string, unknown> = {};
    const refused = new Set<string>();
    columns.forEach((column, index) => {
      if (!column || column.entity === 'computed') return;
      const text = sheetRow.cells[index] ?? '';
      row.texts.set(column.id, text);
      const converted = convertCell(text, column, locale);
      if ('reason' in converted) {
        refused.add(column.id);
        report(row, column, converted.reason);
      } else if (converted.value !== undefined) {
        (column.entity === 'vendor' ? row.vendor : contract)[column.field] = converted.value;
      }
    });
    if (row.vendor.name === undefined) {
      report(row, registerColumn('name'), { key: 'importError.required' });
      refused.add('name');
    }
    await validateInto(CreateVendorDto, row.vendor, VENDOR_COLUMN_OF_FIELD, refused, locale, (column, reason) => report(row, column, reason));
    const override = overrideProblem({ tier: (row.vendor.riskTierOverride as never) ?? null, reason: (row.vendor.riskTierOverrideReason as string) ?? null });
    if (override === 'reason-required') report(row, registerColumn('riskTierOverrideReason'), { key: 'importError.overrideReasonRequired' });
    if (override === 'reason-without-override') report(row, registerColumn('riskTierOverrideReason'), { key: 'importError.overrideReasonAlone' });

    if (Object.keys(contract).length > 0 || [...refused].some((id) => BY_ID.get(id)?.entity === 'contract')) {
      row.contract = contract;
      for (const column of IMPORT_COLUMNS.filter((candidate) => candidate.entity === 'contract' && candidate.required)) {
        if (contract[column.field] === undefined && !refused.has(column.id)) {
          report(row, column, { key: column.id === 'contractTitle' ? 'importError.contractWithoutTitle' : 'importError.required' });
          refused.add(column.id);
        }
      }
      await validateInto(CreateContractDto, contract, CONTRACT_COLUMN_OF_FIELD, refused, locale, (column, reason) => report(row, column, reason));
      if (typeof contract.expiresOn === 'string' && typeof contract.effectiveFrom === 'string' && contract.expiresOn < contract.effectiveFrom) {
        report(row, registerColumn('contractExpiresOn'), { key: 'importError.expiresBeforeStart', params: { date: contract.effectiveFrom } });
      }
    }
    rows.push(row);
  }
  return rows;
}

async function validateInto(
  dto: new () => object,
  input: Record<string, unknown>,
  columnOf: Map<string, RegisterColumn>,
  refused: Set<string>,
  locale: Locale,
  report: (column: RegisterColumn, reason: CellReason) => void,
): Promise<void> {
  const errors = await validate(plainToInstance(dto, input), { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true });
  for (const error of errors) {
    const column = columnOf.get(error.property);
    if (!column || refused.has(column.id)) continue;
    refused.add(column.id);
    report(column, reasonForConstraint(error, column, locale));
  }
}

/**
 * Rows of one vendor: same 法人番号, or (without one) same name. Their vendor cells must agree where
 * they are filled in; blank cells take the group's value.
 */
export function groupVendors(rows: ParsedRow[], report: ReportProblem): VendorGroup[] {
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
    if (other) report(group.rows[0], registerColumn('corporateNumber'), { key: 'importError.sameNameOtherNumber', params: { row: other.rows[0].number } });
  }
  return [...groups.values()];
}

/** Stored and imported values compared as the API means them: lists as sets, dates and numbers as text. */
export function sameValue(field: string, a: unknown, b: unknown): boolean {
  if (Array.isArray(a) || Array.isArray(b)) {
    const left = Array.isArray(a) ? [...a].map(String) : [];
    const right = Array.isArray(b) ? [...b].map(String) : [];
    if (SET_FIELDS.has(field)) return left.length === right.length && left.sort().join('\u0000') === right.sort().join('\u0000');
    return left.join('\u0000') === right.join('\u0000');
  }
  const norm = (value: unknown) => (value === undefined || value === null ? null : value instanceof Date ? value.toISOString().slice(0, 10) : String(value));
  return norm(a) === norm(b);
}
