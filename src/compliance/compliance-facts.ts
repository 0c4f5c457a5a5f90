import { EntityManager, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { ChecklistItem } from '../contracts/checklist.entity';
import { Contract } from '../contracts/contract.entity';
import { ContractFacts, ContractStatus, isInForce } from '../rules/contracts';
import { ClauseGaps, clauseGapsFromOpenItems, ClauseReview, EvaluatedVendor } from '../rules/flags';
import { DataCategory, Relationship, RiskTier, SubcontractorApprovalMode, TransferBasis, VendorStatus } from '../rules/vendor-facts';
import { loadSupervisionRecords, SupervisionRecords } from './supervision-facts';
import { loadQuestionnaireFacts } from './questionnaire-facts';
import { QuestionnaireFacts } from '../rules/questionnaire-supervision';
import { loadIncidentRecords } from './incident-facts';
import { IncidentRecord } from '../rules/incident-flags';
import { Vendor } from '../vendors/vendor.entity';

export interface VendorFactsRow extends EvaluatedVendor {
  name: string;
}

/** Everything the rules need about a set of vendors, grouped by vendor. */
export interface ComplianceFacts {
  vendors: VendorFactsRow[];
  contractsByVendor: Map<string, ContractFacts[]>;
  gapsByVendor: Map<string, ClauseGaps>;
  supervisionByVendor: Map<string, SupervisionRecords>;
  /** Questionnaires that may be overdue (questionnaire-facts.ts). */
  questionnairesByVendor: Map<string, QuestionnaireFacts[]>;
  /** Incidents that are not closed (incident-facts.ts). */
  incidentsByVendor: Map<string, IncidentRecord[]>;
}

/** "In force" (isInForce, rules/contracts.ts) in SQL: signed, started, and not expired unless it renews automatically. */
export const IN_FORCE = "contract.status = 'signed' AND contract.effectiveFrom <= :asOf AND (contract.expiresOn IS NULL OR contract.expiresOn >= :asOf OR contract.autoRenew = :renews)";

/**
 * Loads the facts for some vendors (or all) in a fixed number of queries, whatever their number: the
 * vendors, their contracts in force on `asOf`, the open checklist items of those contracts, and one
 * query per kind of supervision record (supervision-facts.ts). Every
 * contract has an item for every clause type (ContractsService keeps that true), so a clause type
 * is a gap exactly when every contract in force has it open (clauseGapsFromOpenItems).
 */
export async function loadComplianceFacts(manager: EntityManager, asOf: string, vendorIds?: readonly string[]): Promise<ComplianceFacts> {
  if (vendorIds && vendorIds.length === 0) return { vendors: [], contractsByVendor: new Map(), gapsByVendor: new Map(), supervisionByVendor: new Map(), questionnairesByVendor: new Map(), incidentsByVendor: new Map() };
  const vendorQuery = forVendors(
    selectColumns(manager.createQueryBuilder(Vendor, 'vendor'), 'vendor', [
      'id', 'name', 'status', 'country', 'dataLocations', 'dataCategories', 'dataSubjectCount', 'reentrustmentAllowed', 'gdprApplies', 'riskTier', 'activeSince',
      'relationship', 'transferBasis', 'subcontractorApproval',
    ]),
    'vendor.id',
    vendorIds,
  );
  const [rows, [contractRows, openItems], supervisionByVendor, questionnairesByVendor, incidentsByVendor] = await Promise.all([
    vendorQuery.getRawMany<RawVendorRow>(),
    vendorIds ? contractsOfVendors(manager, asOf, vendorIds) : contractsOfAll(manager, asOf),
    loadSupervisionRecords(manager, asOf, vendorIds),
    loadQuestionnaireFacts(manager, asOf, vendorIds),
    loadIncidentRecords(manager, vendorIds),
  ]);

  const vendors: VendorFactsRow[] = rows.map((row) => ({
    id: row.id,
    name: row.name,
    status: row.status,
    country: row.country,
    dataLocations: json(row.dataLocations),
    dataCategories: json(row.dataCategories),
    dataSubjectCount: row.dataSubjectCount === null ? null : Number(row.dataSubjectCount),
    reentrustmentAllowed: bool(row.reentrustmentAllowed),
    gdprApplies: bool(row.gdprApplies),
    riskTier: row.riskTier,
    activeSince: date(row.activeSince),
    relationship: row.relationship,
    transferBasis: row.transferBasis,
    subcontractorApproval: row.subcontractorApproval,
    // Foreign handling counts the countries of its subcontractors that handle the data (legal-model.md §3.2).
    subcontractorCountries: subcontractorCountries(supervisionByVendor.get(row.id)),
  }));
  const contractsByVendor = new Map<string, ContractFacts[]>();
  for (const row of contractRows) {
    const contract = contractFacts(row);
    const contracts = contractsByVendor.get(row.vendorId);
    if (contracts) contracts.push(contract);
    else contractsByVendor.set(row.vendorId, [contract]);
  }
  const openByVendor = new Map<string, ClauseReview[]>();
  for (const item of openItems) {
    const list = openByVendor.get(item.vendorId);
    if (list) list.push(item);
    else openByVendor.set(item.vendorId, [item]);
  }
  const gapsByVendor = new Map<string, ClauseGaps>();
  for (const [vendorId, items] of openByVendor) {
    gapsByVendor.set(vendorId, clauseGapsFromOpenItems(items, contractsByVendor.get(vendorId) ?? []));
  }
  return { vendors, contractsByVendor, gapsByVendor, supervisionByVendor, questionnairesByVendor, incidentsByVendor };
}

/**
 * Every vendor's contracts in force and their open checklist items, each in one query (the daily job,
 * and every vendor's flags on another day).
 */
async function contractsOfAll(manager: EntityManager, asOf: string): Promise<[RawContractRow[], OpenItem[]]> {
  const params = { asOf, renews: true };
  return Promise.all([
    selectColumns(manager.createQueryBuilder(Contract, 'contract').where(IN_FORCE, params), 'contract', CONTRACT_COLUMNS).getRawMany<RawContractRow>(),
    // Only the open items (not present): about one in seven, so the database returns little.
    manager
      .createQueryBuilder(ChecklistItem, 'item')
      .innerJoin(Contract, 'contract', 'contract.id = item.contractId')
      .where(IN_FORCE, params)
      .andWhere('item.status IN (:...open)', { open: OPEN_REVIEWS })
      .select('contract.vendorId', 'vendorId')
      .addSelect('item.contractId', 'contractId')
      .addSelect('item.clauseType', 'clauseType')
      .addSelect('item.status', 'status')
      .getRawMany<OpenItem>(),
  ]);
}

/**
 * Some vendors' contracts in force and their open items, through the vendor's and the contract's
 * indexes only: the vendor's contracts (filtered to those in force here, by the rule itself), then
 * the open items of those. In one query with the in-force condition, the planner may read every signed
 * contract by its status index instead (SQLite does, without statistics): a write of one vendor would
 * then cost in proportion to the register.
 */
async function contractsOfVendors(manager: EntityManager, asOf: string, vendorIds: readonly string[]): Promise<[RawContractRow[], OpenItem[]]> {
  const all = await selectColumns(manager.createQueryBuilder(Contract, 'contract'), 'contract', CONTRACT_COLUMNS)
    .where('contract.vendorId IN (:...vendorIds)', { vendorIds })
    .getRawMany<RawContractRow>();
  const inForce = all.filter((row) => isInForce(contractFacts(row), asOf));
  if (inForce.length === 0) return [[], []];
  const vendorOf = new Map(inForce.map((row) => [row.id, row.vendorId]));
  const items = await manager
    .createQueryBuilder(ChecklistItem, 'item')
    .select('item.contractId', 'contractId')
    .addSelect('item.clauseType', 'clauseType')
    .addSelect('item.status', 'status')
    .where('item.contractId IN (:...contractIds)', { contractIds: [...vendorOf.keys()] })
    .andWhere('item.status IN (:...open)', { open: OPEN_REVIEWS })
    .getRawMany<Omit<OpenItem, 'vendorId'>>();
  return [inForce, items.map((item) => ({ ...item, vendorId: vendorOf.get(item.contractId)! }))];
}

type OpenItem = ClauseReview & { vendorId: string };
const OPEN_REVIEWS = ['partial', 'missing', 'not-reviewed'];
const CONTRACT_COLUMNS = ['vendorId', 'id', 'title', 'status', 'effectiveFrom', 'expiresOn', 'autoRenew', 'noticeDays', 'retentionPeriod'];

function contractFacts(row: RawContractRow): ContractFacts {
  return {
    id: row.id,
    title: row.title,
    status: row.status,
    effectiveFrom: date(row.effectiveFrom)!,
    expiresOn: date(row.expiresOn),
    autoRenew: bool(row.autoRenew),
    noticeDays: row.noticeDays === null ? null : Number(row.noticeDays),
    retentionPeriod: row.retentionPeriod,
  };
}

interface RawVendorRow {
  id: string;
  name: string;
  status: VendorStatus;
  country: string;
  dataLocations: string | string[];
  dataCategories: string | DataCategory[];
  dataSubjectCount: number | string | null;
  reentrustmentAllowed: number | boolean | string;
  gdprApplies: number | boolean | string;
  riskTier: RiskTier;
  activeSince: string | Date | null;
  relationship: Relationship;
  transferBasis: TransferBasis | null;
  subcontractorApproval: SubcontractorApprovalMode;
}

interface RawContractRow {
  vendorId: string;
  id: string;
  title: string;
  status: ContractStatus;
  effectiveFrom: string | Date;
  expiresOn: string | Date | null;
  autoRenew: number | boolean | string;
  noticeDays: number | string | null;
  retentionPeriod: string | null;
}

/** The countries of a vendor's subcontractors in use on the day (withdrawn ones no longer handle the data). */
function subcontractorCountries(records: SupervisionRecords | undefined): string[] {
  return records ? [...new Set(records.subcontractors.filter((subcontractor) => subcontractor.status !== 'withdrawn').map((subcontractor) => subcontractor.country))] : [];
}

/** Raw columns under their own names (the rows are read as raw: no entity hydration). */
function selectColumns<T extends ObjectLiteral>(query: SelectQueryBuilder<T>, alias: string, columns: string[]): SelectQueryBuilder<T> {
  return columns.reduce((builder, column) => builder.addSelect(`${alias}.${column}`, column), query.select([]));
}

function forVendors<T extends ObjectLiteral>(query: SelectQueryBuilder<T>, column: string, vendorIds?: readonly string[]): SelectQueryBuilder<T> {
  return vendorIds ? query.andWhere(`${column} IN (:...vendorIds)`, { vendorIds }) : query;
}

/** Raw rows are as each driver returns them: JSON as text (SQLite, MariaDB) or parsed (MySQL). */
function json<T>(value: string | T): T {
  return typeof value === 'string' ? (JSON.parse(value) as T) : value;
}

function bool(value: number | boolean | string): boolean {
  return value === true || value === 1 || value === '1';
}

function date(value: string | Date | null): string | null {
  if (value === null) return null;
  return value instanceof Date ? value.toISOString().slice(0, 10) : value.slice(0, 10);
}
