import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { ComplianceService } from '../src/compliance/compliance.service';
import { runInTransaction } from '../src/database/transactions';
import { CLAUSE_TYPES } from '../src/rules/clause-types';
import { createTestApp, TestApp } from './support/test-app';
import { PageSession, signIn } from './ui/support';

/**
 * Every page with 10,000 vendors (each with a contract in force and its 16 checklist items, flags
 * stored by the engine). Goal (issue 6): < 100 ms server time per page. The assertion is a looser
 * regression guard (the test machine is shared and loaded); the medians are printed, and the
 * README states the figures measured on the running app.
 */
const VENDORS = 10_000;
const RUNS = 5;
const GUARD_MS = 250;

describe(`admin UI speed with ${VENDORS} vendors`, () => {
  let t: TestApp;
  let admin: PageSession;
  let vendorId: string;
  let contractId: string;
  beforeAll(async () => {
    t = await createTestApp();
    admin = await signIn(t, 'admin');
    ({ vendorId, contractId } = await seed(t, VENDORS));
    await t.app.get(ComplianceService).recomputeAll();
  }, 600_000);
  afterAll(() => t.close());

  it('renders every page well within the guard, and prints the medians', async () => {
    const pages = [
      '/', '/vendors', '/vendors?page=150', '/vendors?flag=missing-clause', '/vendors?q=0042&riskTier=medium&sort=-complianceStatus',
      `/vendors/${vendorId}`, `/contracts/${contractId}`, '/flags', '/flags?page=300', '/flags?code=missing-clause',
      '/audits', '/audits?view=calendar', '/findings', '/notifications', '/catalogue', '/users', '/settings', '/account',
    ];
    const medians: Record<string, number> = {};
    for (const path of pages) {
      const times: number[] = [];
      for (let run = 0; run < RUNS; run += 1) {
        const started = performance.now();
        await admin.get(path).expect(200);
        times.push(performance.now() - started);
      }
      medians[path] = Math.round(times.sort((a, b) => a - b)[Math.floor(RUNS / 2)] * 10) / 10;
    }
    console.log(`page medians (ms) with ${VENDORS} vendors on ${t.config.database.kind}: ${JSON.stringify(medians, null, 1)}`);
    expect(Object.entries(medians).filter(([, ms]) => ms > GUARD_MS)).toEqual([]);
  }, 300_000);
});

/** Bulk rows straight into the tables (like npm run bench:flags): active vendors with a signed contract in force. */
async function seed(t: TestApp, count: number): Promise<{ vendorId: string; contractId: string }> {
  const now = new Date();
  const vendors: object[] = [];
  const contracts: object[] = [];
  const checklists: object[] = [];
  const items: object[] = [];
  for (let n = 0; n < count; n += 1) {
    const vendorId = randomUUID();
    const contractId = randomUUID();
    vendors.push({
      id: vendorId, version: 1, createdAt: now, updatedAt: now, name: `委託先 ${String(n).padStart(5, '0')}`, corporateNumber: null,
      country: 'JP', dataLocations: ['JP'], services: 'perf', dataCategories: n % 5 === 0 ? ['customer', 'communications'] : ['customer'], dataSubjectCount: null,
      reentrustmentAllowed: false, gdprApplies: false, ownerEmail: null, status: 'active', activeSince: '2020-04-01',
      riskTier: 'medium', riskTierComputed: 'medium', riskTierReasons: [], riskTierOverride: null, riskTierOverrideReason: null, complianceStatus: 'not-evaluated',
    });
    contracts.push({
      id: contractId, vendorId, version: 1, createdAt: now, updatedAt: now, title: '業務委託契約書', kind: 'entrustment', status: 'signed',
      signedOn: '2020-03-15', effectiveFrom: '2020-04-01', expiresOn: null, autoRenew: false, noticeDays: null, governingLaw: null, documentRef: null,
    });
    checklists.push({ contractId, version: 1, approvedById: null, approvedAt: null, updatedAt: now });
    CLAUSE_TYPES.forEach((clauseType, index) => {
      items.push({ id: randomUUID(), contractId, clauseType: clauseType.code, status: (n + index) % 7 === 0 ? 'missing' : 'present', section: null, note: null, reviewedById: null, reviewedAt: null });
    });
  }
  for (const [table, rows] of [['vendors', vendors], ['contracts', contracts], ['contract_checklists', checklists], ['checklist_items', items]] as const) {
    for (let start = 0; start < rows.length; start += 5_000) {
      await runInTransaction(t.dataSource, async (manager) => {
        for (let offset = start; offset < Math.min(start + 5_000, rows.length); offset += 500) {
          await manager.createQueryBuilder().insert().into(table).values(rows.slice(offset, offset + 500)).execute();
        }
      });
    }
  }
  return { vendorId: (vendors[42] as { id: string }).id, contractId: (contracts[42] as { id: string }).id };
}
