import { EntityManager, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { ChecklistItem } from '../contracts/checklist.entity';
import { Contract } from '../contracts/contract.entity';
import { ContractFacts, ContractStatus } from '../rules/contracts';
import { ClauseGaps, clauseGapsFromOpenItems, ClauseReview, EvaluatedVendor } from '../rules/flags';
import { DataCategory, Relationship, RiskTier, SubcontractorApprovalMode, TransferBasis, VendorStatus } from '../rules/vendor-facts';
import { loadSupervisionRecords, SupervisionRecords } from './supervision-facts';
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
}

/** "In force" (isInForce, rules/contracts.ts) in SQL: signed, started, and not expired unless it renews automatically. */
const IN_FORCE = "contract.status = 'signed' AND contract.effectiveFrom <= :asOf AND (contract.expiresOn IS NULL OR contract.expiresOn >= :asOf OR contract.autoRenew = :renews)";

/**
 * Loads the facts for some vendors (or all) in a fixed number of queries, whatever their number: the
 * vendors, their contracts in force on `asOf`, the open checklist items of those contracts, and one
 * query per kind of supervision record (supervision-facts.ts). Every
 * contract has an item for every clause type (ContractsService keeps that true), so a clause type
 * is a gap exactly when every contract in force has it open (clauseGapsFromOpenItems).
 */
export async function loadComplianceFacts(manager: EntityManager, asOf: string, vendorIds?: readonly string[]): Promise<ComplianceFacts> {
  if (vendorIds && vendorIds.length === 0) return { vendors: [], contractsByVendor: new Map(), gapsByVendor: new Map(), supervisionByVendor: new Map() };
  const params = { asOf, renews: true };

  const vendorQuery = forVendors(
    selectColumns(manager.createQueryBuilder(Vendor, 'vendor'), 'vendor', [
      'id', 'name', 'status', 'country', 'dataLocations', 'dataCategories', 'dataSubjectCount', 'reentrustmentAllowed', 'gdprApplies', 'riskTier', 'activeSince',
      'relationship', 'transferBasis', 'subcontractorApproval',
    ]),
    'vendor.id',
    vendorIds,
  );
  const contractQuery = forVendors(
    selectColumns(manager.createQueryBuilder(Contract, 'contract').where(IN_FORCE, params), 'contract', [
      'vendorId', 'id', 'title', 'status', 'effectiveFrom', 'expiresOn', 'autoRenew', 'noticeDays', 'retentionPeriod',
    ]),
    'contract.vendorId',
    vendorIds,
  );
  // Only the open items (not present): about one in seven, so the database returns little.
  const openItemQuery = forVendors(
    manager
      .createQueryBuilder(ChecklistItem, 'item')
      .innerJoin(Contract, 'contract', 'contract.id = item.contractId')
      .where(IN_FORCE, params)
      .andWhere('item.status IN (:...open)', { open: ['partial', 'missing', 'not-reviewed'] })
      .select('contract.vendorId', 'vendorId')
      .addSelect('item.contractId', 'contractId')
      .addSelect('item.clauseType', 'clauseType')
      .addSelect('item.status', 'status'),
    'contract.vendorId',
    vendorIds,
  );
  const [rows, contractRows, openItems, supervisionByVendor] = await Promise.all([
    vendorQuery.getRawMany<RawVendorRow>(),
    contractQuery.getRawMany<RawContractRow>(),
    openItemQuery.getRawMany<ClauseReview & { vendorId: string }>(),
    loadSupervisionRecords(manager, asOf, vendorIds),
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
    const contract: ContractFacts = {
      id: row.id,
      title: row.title,
      status: row.status,
      effectiveFrom: date(row.effectiveFrom)!,
      expiresOn: date(row.expiresOn),
      autoRenew: bool(row.autoRenew),
      noticeDays: row.noticeDays === null ? null : Number(row.noticeDays),
      retentionPeriod: row.retentionPeriod,
    };
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
  return { vendors, contractsByVendor, gapsByVendor, supervisionByVendor };
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
