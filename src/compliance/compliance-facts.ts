import { EntityManager, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { ChecklistItem } from '../contracts/checklist.entity';
import { Contract } from '../contracts/contract.entity';
import { ContractFacts } from '../rules/contracts';
import { ClauseReview, EvaluatedVendor } from '../rules/flags';
import { Vendor } from '../vendors/vendor.entity';

export interface VendorFactsRow extends EvaluatedVendor {
  name: string;
  riskTier: string;
}

/** Everything the rules need about a set of vendors, grouped by vendor. */
export interface ComplianceFacts {
  vendors: VendorFactsRow[];
  contractsByVendor: Map<string, ContractFacts[]>;
  reviewsByVendor: Map<string, ClauseReview[]>;
}

/**
 * Loads the facts for some vendors (or all) in three queries, whatever their number: vendors,
 * their contracts in force on `asOf`, and the checklist items of those contracts.
 */
export async function loadComplianceFacts(manager: EntityManager, asOf: string, vendorIds?: readonly string[]): Promise<ComplianceFacts> {
  if (vendorIds && vendorIds.length === 0) return { vendors: [], contractsByVendor: new Map(), reviewsByVendor: new Map() };
  const vendorQuery = manager
    .createQueryBuilder(Vendor, 'vendor')
    .select(['vendor.id', 'vendor.name', 'vendor.status', 'vendor.country', 'vendor.dataLocations', 'vendor.dataCategories',
      'vendor.dataSubjectCount', 'vendor.reentrustmentAllowed', 'vendor.gdprApplies', 'vendor.riskTier']);
  if (vendorIds) vendorQuery.where('vendor.id IN (:...vendorIds)', { vendorIds });
  const vendors = await vendorQuery.getMany();

  const contractQuery = inForce(manager.createQueryBuilder(Contract, 'contract'), asOf)
    .select(['contract.id', 'contract.vendorId', 'contract.title', 'contract.status', 'contract.effectiveFrom', 'contract.expiresOn', 'contract.autoRenew', 'contract.noticeDays']);
  if (vendorIds) contractQuery.andWhere('contract.vendorId IN (:...vendorIds)', { vendorIds });
  const contracts = await contractQuery.getMany();

  const reviewQuery = inForce(manager.createQueryBuilder(ChecklistItem, 'item').innerJoin(Contract, 'contract', 'contract.id = item.contractId'), asOf)
    .select(['item.contractId AS "contractId"', 'contract.vendorId AS "vendorId"', 'item.clauseType AS "clauseType"', 'item.status AS "status"']);
  if (vendorIds) reviewQuery.andWhere('contract.vendorId IN (:...vendorIds)', { vendorIds });
  const reviews: Array<ClauseReview & { vendorId: string }> = await reviewQuery.getRawMany();

  return {
    vendors: vendors.map((vendor) => ({
      id: vendor.id, name: vendor.name, status: vendor.status, country: vendor.country, dataLocations: vendor.dataLocations,
      dataCategories: vendor.dataCategories, dataSubjectCount: vendor.dataSubjectCount, reentrustmentAllowed: vendor.reentrustmentAllowed,
      gdprApplies: vendor.gdprApplies, riskTier: vendor.riskTier,
    })),
    contractsByVendor: groupBy(contracts, (contract) => contract.vendorId),
    reviewsByVendor: groupBy(reviews, (review) => review.vendorId),
  };
}

/** domain.md "in force", in SQL: signed, started, and not expired unless it renews automatically. */
function inForce<T extends ObjectLiteral>(query: SelectQueryBuilder<T>, asOf: string): SelectQueryBuilder<T> {
  return query
    .where('contract.status = :signed', { signed: 'signed' })
    .andWhere('contract.effectiveFrom <= :asOf', { asOf })
    .andWhere('(contract.expiresOn IS NULL OR contract.expiresOn >= :asOf OR contract.autoRenew = :renews)', { renews: true });
}

function groupBy<T>(rows: T[], keyOf: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const key = keyOf(row);
    const group = groups.get(key);
    if (group) group.push(row);
    else groups.set(key, [row]);
  }
  return groups;
}
