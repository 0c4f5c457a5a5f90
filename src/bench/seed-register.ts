import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { runInTransaction } from '../database/transactions';
import { CLAUSE_TYPES } from '../rules/clause-types';
import { REVIEW_STATUSES } from '../rules/contracts';

/**
 * A register of `count` active vendors, each with a signed contract in force and a reviewed checklist
 * (85 % of clauses present), written straight into the tables for volume tests and the benchmark.
 * Deterministic pseudo-random data, so two runs seed the same register. Subscribers are not told
 * (no vendor is marked for the compliance engine): the caller evaluates or recomputes every vendor
 * once the register is seeded.
 */
export async function seedRegister(dataSource: DataSource, count: number): Promise<{ vendorIds: string[]; contractIds: string[] }> {
  let state = 42;
  const random = () => ((state = (state * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
  const now = new Date();
  const vendors: object[] = [];
  const contracts: object[] = [];
  const checklists: object[] = [];
  const items: object[] = [];
  for (let n = 0; n < count; n += 1) {
    const vendorId = randomUUID();
    const contractId = randomUUID();
    const communications = random() < 0.2;
    vendors.push({
      id: vendorId, version: 1, createdAt: now, updatedAt: now, name: `委託先 ${String(n).padStart(5, '0')}`, corporateNumber: null,
      country: random() < 0.05 ? 'US' : 'JP', dataLocations: random() < 0.05 ? ['JP', 'SG'] : ['JP'], services: 'bench',
      dataCategories: communications ? ['customer', 'communications'] : ['customer'], dataSubjectCount: null,
      reentrustmentAllowed: random() < 0.3, gdprApplies: random() < 0.1, relationship: 'entrustment', transferBasis: null, subcontractorApproval: 'prior-approval',
      ownerEmail: null, status: 'active', activeSince: '2020-04-01',
      riskTier: 'medium', riskTierComputed: 'medium', riskTierReasons: [], riskTierOverride: null, riskTierOverrideReason: null,
      complianceStatus: 'not-evaluated',
    });
    contracts.push({
      id: contractId, vendorId, version: 1, createdAt: now, updatedAt: now, title: '業務委託契約書', kind: 'entrustment', status: 'signed',
      signedOn: '2020-03-15', effectiveFrom: '2020-04-01', expiresOn: random() < 0.1 ? '2027-01-31' : null, autoRenew: false,
      noticeDays: null, governingLaw: null, documentRef: null, retentionPeriod: null,
    });
    checklists.push({ contractId, version: 1, approvedById: null, approvedAt: null, updatedAt: now });
    for (const clauseType of CLAUSE_TYPES) {
      const roll = random();
      const status = roll < 0.85 ? 'present' : REVIEW_STATUSES[1 + Math.floor(random() * 3)];
      items.push({ id: randomUUID(), contractId, clauseType: clauseType.code, status, section: null, note: null, reviewedById: null, reviewedAt: null });
    }
  }
  for (const [table, rows] of [['vendors', vendors], ['contracts', contracts], ['contract_checklists', checklists], ['checklist_items', items]] as const) {
    for (let start = 0; start < rows.length; start += 5_000) {
      await runInTransaction(dataSource, async (manager) => {
        for (let offset = start; offset < Math.min(start + 5_000, rows.length); offset += 500) {
          await manager.createQueryBuilder().insert().into(table).values(rows.slice(offset, offset + 500)).callListeners(false).execute();
        }
      });
    }
  }
  return { vendorIds: vendors.map((vendor) => (vendor as { id: string }).id), contractIds: contracts.map((contract) => (contract as { id: string }).id) };
}
